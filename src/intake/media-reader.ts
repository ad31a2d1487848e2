/**
 * What intake reads from a file's bytes before sealing them: the media facts
 * (verify/media: type by magic bytes, pixel size, camera metadata, refusals) and, for
 * an image that was not refused, its perceptual hash (verify/near-dup), from 32 × 32
 * grey pixels sharp decodes off the event loop (libuv's pool), never more pixels than
 * TIPWIRE_MEDIA_MAX_PIXELS. A picture sharp cannot decode has no hash; the report is
 * still taken.
 */
import sharp from 'sharp';
import type { MediaFacts } from '../domain/media.js';
import { mediaFactsOf, type MediaLimits, type ZoneAt } from '../verify/media/media-facts.js';
import { PHASH_SAMPLE, phashOfGrey } from '../verify/near-dup/phash.js';

/** Image types sharp decodes here (its prebuilt libvips): the ones hashed. */
const HASHABLE: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/avif',
]);

export function createMediaReader(limits: MediaLimits, zoneAt: ZoneAt) {
  return async function readMedia(data: Buffer, declaredType: string): Promise<MediaFacts> {
    const facts = await mediaFactsOf(data, declaredType, limits, zoneAt);
    if (facts.rejected || !facts.detectedType || !HASHABLE.has(facts.detectedType)) return facts;
    return { ...facts, phash: await phashOf(data, limits.mediaMaxPixels) };
  };
}

/** The image's perceptual hash; null when sharp cannot decode it or it is flat. */
export async function phashOf(data: Buffer, maxPixels: number): Promise<string | null> {
  try {
    const grey = await sharp(data, { limitInputPixels: maxPixels, failOn: 'error' })
      .greyscale()
      .resize(PHASH_SAMPLE, PHASH_SAMPLE, { fit: 'fill' })
      .rotate()
      .raw()
      .toBuffer();
    return phashOfGrey(new Uint8Array(grey));
  } catch {
    return null;
  }
}
