/**
 * What tipwire reads from an attachment's bytes at intake (MediaFacts, domain/media.ts):
 * its type by magic bytes, its pixel size from its header, its camera metadata, or why
 * it was refused further reading. Never throws, whatever the bytes: every structure is
 * walked with bounds checks, and the work is linear in the bytes, which are at most
 * TIPWIRE_MEDIA_MAX_BYTES (no image is decoded: a decompression bomb is refused from its
 * header's size; a PDF's Flate streams are inflated within their own byte limit). In order, a file is refused as
 *
 * - `too_large`: more bytes than the limit (nothing else is read);
 * - `unreadable`: empty;
 * - `active_content`: SVG or HTML (by sniffing, whatever was declared), or a PDF that
 *   names script or an automatic action, in its plain bytes or inside a FlateDecode
 *   stream (pdf.ts; inflating bounded by TIPWIRE_PDF_INFLATE_MAX_BYTES and _STREAMS: a
 *   PDF whose search stopped there is read, with `pdfSearchStopped` saying so);
 * - `type_mismatch`: the declared type is not the detected one, or the file is two
 *   things at once (a ZIP central directory, or HTML or script, inside an image or
 *   a media file: a polyglot);
 * - `unreadable`: a header or structure that is broken (a JPEG without its scan or
 *   its end, a PNG without IEND, a segment running past the end);
 * - `too_many_pixels`: a header declaring more pixels than the limit (JPEG, PNG, GIF,
 *   WebP, BMP, TIFF, HEIC/HEIF/AVIF: image-size.ts; a header of these types whose size
 *   cannot be read is `unreadable`).
 */
import type { MediaFacts } from '../../domain/media.js';
import type { ZoneAt } from './capture-time.js';
import { exifFactsOf, readRawExif, tiffStartOf, type EditTraceLimits } from './exif.js';
import { imageSize, SIZED_TYPES } from './image-size.js';
import { jpegStructure, type JpegSegment } from './jpeg.js';
import {
  ACTIVE_CONTENT,
  AVIF,
  CFB,
  FLAC,
  GIF,
  HEIC,
  HEIF,
  JPEG,
  M4A,
  MP3,
  MP4,
  OGG,
  PDF,
  PNG,
  QUICKTIME,
  TIFF,
  WAV,
  BMP,
  WEBP,
  ZIP,
  detectType,
  essence,
  typeAgrees,
} from './magic.js';
import { PDF_ACTIVE_NAMES, pdfSearch, type PdfInflateLimits } from './pdf.js';
import { pngStructure } from './png.js';

export type { ZoneAt } from './capture-time.js';

/**
 * The media settings (verify/settings.ts MEDIA_SETTINGS, parsed once by the caller):
 * `config.verify` can be passed as it is.
 */
export interface MediaLimits extends EditTraceLimits, PdfInflateLimits {
  /** More bytes than this: `too_large`, nothing read. */
  mediaMaxBytes: number;
  /** A header declaring more pixels than this: `too_many_pixels`. */
  mediaMaxPixels: number;
}

/** Types whose EXIF is read. */
const EXIF_TYPES: ReadonlySet<string> = new Set([JPEG, TIFF, HEIC, HEIF, AVIF, PNG]);
/** Types in which HTML or script is never part of the format: found there, it is a polyglot. */
const MARKUP_FREE: ReadonlySet<string> = new Set([
  JPEG,
  PNG,
  GIF,
  WEBP,
  TIFF,
  BMP,
  HEIC,
  HEIF,
  AVIF,
  MP4,
  QUICKTIME,
  M4A,
  MP3,
  WAV,
  OGG,
  FLAC,
]);

const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32le = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The longest ZIP comment: its end-of-central-directory record lies within this of the end. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * Whether a ZIP archive ends the bytes: an end-of-central-directory record whose
 * central directory (just before it, as `cat image archive` leaves it) starts with a
 * central-directory header, or which says the archive is empty.
 */
export function endsWithZip(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - EOCD_SEARCH);
  for (let at = bytes.length - 22; at >= from; at--) {
    at = bytes.lastIndexOf(0x50, at);
    if (at < from) return false;
    if (bytes[at + 1] !== 0x4b || bytes[at + 2] !== 0x05 || bytes[at + 3] !== 0x06) continue;
    const entries = u16le(bytes, at + 10);
    const size = u32le(bytes, at + 12);
    const offset = u32le(bytes, at + 16);
    if (entries === 0 && size === 0) return true;
    for (const start of [at - size, offset]) {
      if (
        start >= 0 &&
        start + 4 <= at &&
        bytes[start] === 0x50 &&
        bytes[start + 1] === 0x4b &&
        bytes[start + 2] === 0x01 &&
        bytes[start + 3] === 0x02
      )
        return true;
    }
  }
  return false;
}

/** Markup a browser would run, found anywhere in a binary file (lower case). */
const MARKUP = ['<script', '<html', '<iframe', '<?php', '<body', '<object', '<embed'].map((s) =>
  Buffer.from(s, 'latin1'),
);

/** The first markup needle found in the bytes (case-insensitive), or null. */
export function markupInside(bytes: Uint8Array): string | null {
  for (let at = bytes.indexOf(0x3c); at >= 0; at = bytes.indexOf(0x3c, at + 1)) {
    for (const needle of MARKUP) {
      if (at + needle.length > bytes.length) continue;
      let i = 1;
      while (i < needle.length && (bytes[at + i]! | 0x20) === needle[i]) i++;
      if (i === needle.length) return needle.toString('latin1');
    }
  }
  return null;
}

const facts = (
  detectedType: string | null,
  rejected: MediaFacts['rejected'],
  size: { width: number; height: number } | null = null,
): MediaFacts => ({
  detectedType,
  width: size?.width ?? null,
  height: size?.height ?? null,
  rejected,
  exif: null,
});

/**
 * The facts of a file of `size` bytes over the limit, from its first bytes alone (a
 * caller holding a file on disk need not read the rest).
 */
export function tooLarge(head: Uint8Array, size: number, maxBytes: number): MediaFacts {
  return facts(detectType(head.subarray(0, 64)), {
    reason: 'too_large',
    detail: `${size} bytes, more than ${maxBytes}`,
  });
}

/** The first problem with the file's structure (null: sound as far as it is walked). */
function structureProblem(
  bytes: Uint8Array,
  type: string,
): { problem: string | null; jpegSegments: JpegSegment[] | null } {
  if (type === JPEG) {
    const walked = jpegStructure(bytes);
    return walked.ok
      ? { problem: null, jpegSegments: walked.segments }
      : { problem: walked.problem, jpegSegments: null };
  }
  if (type === PNG) {
    const walked = pngStructure(bytes);
    return { problem: walked.ok ? null : walked.problem, jpegSegments: null };
  }
  return { problem: null, jpegSegments: null };
}

/** Never-throwing core of mediaFactsOf (its `try` only guards against a bug here). */
async function read(
  bytes: Uint8Array,
  declaredType: string,
  limits: MediaLimits,
  zoneAt: ZoneAt,
): Promise<MediaFacts> {
  if (bytes.length > limits.mediaMaxBytes)
    return tooLarge(bytes.subarray(0, 64), bytes.length, limits.mediaMaxBytes);
  if (bytes.length === 0) return facts(null, { reason: 'unreadable', detail: 'the file is empty' });

  const detected = detectType(bytes);
  if (detected !== null && ACTIVE_CONTENT.has(detected))
    return facts(detected, { reason: 'active_content', detail: `${detected} can carry script` });
  const pdf = detected === PDF ? pdfSearch(bytes, limits) : null;
  const pdfName = pdf?.found;
  if (pdfName) {
    const written = pdfName.written === pdfName.name ? '' : ` (written ${pdfName.written})`;
    const object = pdfName.inStream?.object;
    // Where it was: an analyst opening the file will not see it in the plain bytes.
    const where = !pdfName.inStream
      ? ''
      : ` inside a compressed stream${object == null ? '' : ` (object ${object})`}`;
    return facts(detected, {
      reason: 'active_content',
      detail: `a PDF naming ${pdfName.name}${written}${where}: ${PDF_ACTIVE_NAMES[pdfName.name]}`,
    });
  }
  if (!typeAgrees(declaredType, detected))
    return facts(detected, {
      reason: 'type_mismatch',
      detail: `declared ${essence(declaredType) || 'nothing'}, the bytes are ${detected ?? 'of no known type'}`,
    });
  if (detected === null) return facts(null, null);
  if (detected !== ZIP && detected !== CFB && endsWithZip(bytes))
    return facts(detected, {
      reason: 'type_mismatch',
      detail: `a ZIP archive inside ${detected} (a polyglot)`,
    });
  const markup = MARKUP_FREE.has(detected) ? markupInside(bytes) : null;
  if (markup)
    return facts(detected, {
      reason: 'type_mismatch',
      detail: `${markup} inside ${detected} (a polyglot)`,
    });

  let size: { width: number; height: number } | null = null;
  if (SIZED_TYPES.has(detected)) {
    const header = imageSize(bytes, detected);
    if (!header.ok) return facts(detected, { reason: 'unreadable', detail: header.problem });
    if (header.width === 0 || header.height === 0)
      return facts(detected, { reason: 'unreadable', detail: 'a size of zero in the header' });
    size = { width: header.width, height: header.height };
    if (size.width * size.height > limits.mediaMaxPixels)
      return facts(
        detected,
        {
          reason: 'too_many_pixels',
          detail: `${size.width}×${size.height} pixels, more than ${limits.mediaMaxPixels}`,
        },
        size,
      );
  }
  const structure = structureProblem(bytes, detected);
  if (structure.problem)
    return facts(detected, { reason: 'unreadable', detail: structure.problem }, size);

  if (pdf?.stopped)
    return {
      ...facts(detected, null, size),
      pdfSearchStopped: {
        by: pdf.stopped.by,
        atByte: pdf.stopped.at,
        streamsInflated: pdf.streamsInflated,
      },
    };
  if (!EXIF_TYPES.has(detected)) return facts(detected, null, size);
  const raw = await readRawExif(bytes);
  // A zone finder that fails is no zone, not a file that cannot be read.
  const safeZoneAt: ZoneAt = (lat, lon, at) => {
    try {
      return zoneAt(lat, lon, at);
    } catch {
      return null;
    }
  };
  const tiffStart =
    detected === JPEG
      ? tiffStartOf(bytes, structure.jpegSegments ?? [])
      : detected === TIFF
        ? 0
        : null;
  return {
    ...facts(detected, null, size),
    exif: raw && exifFactsOf(raw, { bytes, tiffStart, image: size, limits, zoneAt: safeZoneAt }),
  };
}

/**
 * MediaFacts of an attachment's bytes, as declared by its sender (`declaredType`, the
 * multipart Content-Type). `zoneAt` finds the zone of a GPS position (the caller wires
 * normalize's zone finder). Never rejects: a failure of its own is `unreadable`.
 */
export async function mediaFactsOf(
  bytes: Uint8Array,
  declaredType: string,
  limits: MediaLimits,
  zoneAt: ZoneAt,
): Promise<MediaFacts> {
  try {
    return await read(bytes, declaredType, limits, zoneAt);
  } catch (err) {
    return facts(null, {
      reason: 'unreadable',
      detail: `not read: ${err instanceof Error ? err.name : 'error'}`,
    });
  }
}
