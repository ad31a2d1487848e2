/**
 * A TIFF's pixel size from its first IFD (ImageWidth 256, ImageLength 257), never by
 * decoding it: classic TIFF (`II*\0`, `MM\0*`) and BigTIFF (`II+\0`, `MM\0+`), either
 * byte order, SHORT or LONG values (and LONG8 in BigTIFF). The first IFD is the image a
 * decoder shows by default (sharp reads page 0); later pages and SubIFDs are not read.
 * Bounded: the IFD must lie inside the file and at most MAX_IFD_ENTRIES of its entries are
 * looked at. A broken header is an answer (`problem`), never a throw. Pure.
 */

/** Entries of the first IFD looked at (the two tags come first in a well-formed IFD: sorted). */
export const MAX_IFD_ENTRIES = 4096;

const IMAGE_WIDTH = 256;
const IMAGE_LENGTH = 257;
const SHORT = 3;
const LONG = 4;
const LONG8 = 16;

type Size = { width: number; height: number } | { problem: string };

export function tiffHeaderSize(b: Uint8Array): Size {
  if (b.length < 8) return { problem: 'TIFF header truncated' };
  const little = b[0] === 0x49;
  const u16 = (at: number) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
  const u32 = (at: number) =>
    (little ? u16(at) + u16(at + 2) * 0x10000 : u16(at) * 0x10000 + u16(at + 2)) >>> 0;
  // Files are at most TIPWIRE_MEDIA_MAX_BYTES: a high word is past the end, whatever it says.
  const u64 = (at: number) =>
    // Stryker disable next-line ArithmeticOperator: a high word set is outside the file either way (above or below it)
    little ? u32(at) + u32(at + 4) * 2 ** 32 : u32(at) * 2 ** 32 + u32(at + 4);

  const big = u16(2) === 43;
  if (big && (b.length < 16 || u16(4) !== 8 || u16(6) !== 0))
    return { problem: 'BigTIFF header truncated or not of 8-byte offsets' };
  const headerLength = big ? 16 : 8;
  const ifd = big ? u64(8) : u32(4);
  const countLength = big ? 8 : 2;
  const entryLength = big ? 20 : 12;
  if (ifd < headerLength || ifd + countLength > b.length)
    return { problem: `the first IFD (at ${ifd}) is outside the file` };
  const count = big ? u64(ifd) : u16(ifd);
  if (ifd + countLength + count * entryLength > b.length)
    return { problem: `the first IFD's ${count} entries run past the end` };

  let width: number | null = null;
  let height: number | null = null;
  for (let i = 0; i < Math.min(count, MAX_IFD_ENTRIES); i++) {
    const at = ifd + countLength + i * entryLength;
    const tag = u16(at);
    if (tag !== IMAGE_WIDTH && tag !== IMAGE_LENGTH) continue;
    const type = u16(at + 2);
    const valueAt = at + (big ? 12 : 8);
    // A SHORT or LONG of count 1 sits in the value field, left-justified.
    const value =
      type === SHORT
        ? u16(valueAt)
        : type === LONG
          ? u32(valueAt)
          : big && type === LONG8
            ? u64(valueAt)
            : null;
    if (value === null) return { problem: `tag ${tag} of type ${type}, not SHORT or LONG` };
    if (tag === IMAGE_WIDTH) width = value;
    else height = value;
  }
  if (width === null || height === null)
    return { problem: 'no ImageWidth or ImageLength in the first IFD' };
  return { width, height };
}
