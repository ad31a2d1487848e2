/**
 * An image's pixel size from its header, never by decoding it: JPEG (walking the
 * segments to the first SOFn), PNG (IHDR), GIF (the logical screen), WebP (VP8, VP8L,
 * VP8X), BMP, TIFF and BigTIFF (the first IFD, tiff.ts), HEIC, HEIF and AVIF (the
 * largest `ispe` item property, heif.ts). A truncated or corrupt header is an answer
 * (`problem`), never a throw. Pure.
 */
import { heifHeaderSize } from './heif.js';
import { jpegHeaderSize } from './jpeg.js';
import { AVIF, BMP, GIF, HEIC, HEIF, JPEG, PNG, TIFF, WEBP, detectType } from './magic.js';
import { pngHeaderSize } from './png.js';
import { tiffHeaderSize } from './tiff.js';

export type ImageSize =
  { ok: true; width: number; height: number } | { ok: false; problem: string };

const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const le32s = (b: Uint8Array, at: number) =>
  b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

function gifSize(b: Uint8Array): ImageSize {
  if (b.length < 10) return { ok: false, problem: 'GIF header truncated' };
  return { ok: true, width: le16(b, 6), height: le16(b, 8) };
}

function webpSize(b: Uint8Array): ImageSize {
  if (b.length < 30) return { ok: false, problem: 'WebP header truncated' };
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a)
      return { ok: false, problem: 'VP8 start code missing' };
    return { ok: true, width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return { ok: false, problem: 'VP8L signature missing' };
    const bits = (le32s(b, 21) >>> 0) as number;
    return { ok: true, width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { ok: true, width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  return { ok: false, problem: `unknown WebP chunk ${JSON.stringify(chunk)}` };
}

function bmpSize(b: Uint8Array): ImageSize {
  if (b.length < 26) return { ok: false, problem: 'BMP header truncated' };
  const dib = le32s(b, 14);
  if (dib === 12) return { ok: true, width: le16(b, 18), height: le16(b, 20) };
  // A negative height is a top-down bitmap.
  const width = le32s(b, 18);
  const height = le32s(b, 22);
  if (width <= 0 || height === 0 || height === -2147483648)
    return { ok: false, problem: 'BMP size out of range' };
  return { ok: true, width, height: Math.abs(height) };
}

/** The types whose size this reads. */
export const SIZED_TYPES: ReadonlySet<string> = new Set([
  JPEG,
  PNG,
  GIF,
  WEBP,
  BMP,
  TIFF,
  HEIC,
  HEIF,
  AVIF,
]);

/**
 * The pixel size of an image of `type` (detected from the bytes when not given);
 * `{ok: false}` for a broken header or a type whose size is not read here.
 */
export function imageSize(bytes: Uint8Array, type: string | null = detectType(bytes)): ImageSize {
  const wrap = (r: { width: number; height: number } | { problem: string }): ImageSize =>
    'problem' in r ? { ok: false, problem: r.problem } : { ok: true, ...r };
  switch (type) {
    case JPEG:
      return wrap(jpegHeaderSize(bytes));
    case PNG:
      return wrap(pngHeaderSize(bytes));
    case GIF:
      return gifSize(bytes);
    case WEBP:
      return webpSize(bytes);
    case BMP:
      return bmpSize(bytes);
    case TIFF:
      return wrap(tiffHeaderSize(bytes));
    case HEIC:
    case HEIF:
    case AVIF:
      return wrap(heifHeaderSize(bytes));
    default:
      return { ok: false, problem: `the size of ${type ?? 'an unknown type'} is not read` };
  }
}
