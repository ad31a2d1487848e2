/**
 * A copy of an attachment without the metadata that could identify a reporter or their
 * device (GPS position, camera make and serial, times, names, comments), for analysts
 * to look at. The pixels and samples are not touched (nothing is decoded or re-encoded):
 *
 * - JPEG: APP1…APP15 and COM segments are dropped, except APP2 ICC_PROFILE (the
 *   colours) and APP14 Adobe (how the colour channels are coded); of APP0 only JFIF is
 *   kept (JFXX carries a thumbnail, Canon's CIFF a whole camera record). The tables, the
 *   frame and everything from the first scan on are kept; bytes after the end of the
 *   image are dropped.
 * - PNG: tEXt, zTXt, iTXt, eXIf and tIME chunks are dropped.
 * - WebP: the EXIF and XMP chunks are dropped and their flags cleared in VP8X; every
 *   other chunk is kept byte for byte (ICC profile, animation, alpha); bytes after the
 *   RIFF's end are dropped.
 * - MP4, MOV, M4A (ISO base media): every `udta` and `meta` box and every XMP `uuid` box
 *   at the top level or inside `moov`, `trak`, `mdia`, `moof` or `traf` (where phones and
 *   cameras write GPS `©xyz`, Apple's `com.apple.quicktime.location.ISO6709`, make,
 *   model, software, iTunes tags) becomes a `free` box of the same size with its payload
 *   zeroed. Nothing moves, so the sample offsets (`stco`, `co64`, `trun`) stay valid and
 *   `mdat` is never touched. Not removed: the creation and modification times of
 *   `mvhd`, `tkhd` and `mdhd`, metadata written as samples (a GPS track such as
 *   GoPro's GPMF lives in `mdat`), and vendors' other `uuid` boxes.
 * - HEIC, HEIF and AVIF get no copy: their `meta` box holds the image itself (item
 *   locations and properties) beside its EXIF and XMP items, so blanking it would blank
 *   the picture; a file detected as MP4 whose `ftyp` names a HEIF brand gets none either.
 * - Any other type, or a file whose structure is broken: null (no stripped copy; the
 *   analyst gets none rather than one with its metadata).
 *
 * Pure.
 */
import { isoBmffBoxes, type IsoBox } from './isobmff.js';
import { jpegStructure } from './jpeg.js';
import { detectType, JPEG, M4A, MP4, PNG, QUICKTIME, WEBP } from './magic.js';
import { pngStructure } from './png.js';
import { webpStructure } from './webp.js';

/** The detected types a stripped copy is made for (others are sent as received). */
export const STRIPPED_TYPES: ReadonlySet<string> = new Set([JPEG, PNG, WEBP, MP4, QUICKTIME, M4A]);

const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

const startsWithText = (bytes: Uint8Array, at: number, text: string) =>
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: past the end the slice is shorter and cannot equal the text either
  at + text.length <= bytes.length &&
  String.fromCharCode(...bytes.subarray(at, at + text.length)) === text;

/** Whether a JPEG segment before the scan is kept in the stripped copy. */
function keepSegment(bytes: Uint8Array, marker: number, payload: number): boolean {
  if (marker === COM) return false;
  // APP0 is JFIF's, but JFXX (a thumbnail) and Canon's CIFF (a whole camera record) use it too.
  if (marker === APP0) return startsWithText(bytes, payload, 'JFIF\0');
  if (marker < 0xe1 || marker > 0xef) return true; // tables, frame header
  if (marker === APP2) return startsWithText(bytes, payload, 'ICC_PROFILE\0');
  if (marker === APP14) return startsWithText(bytes, payload, 'Adobe');
  return false;
}

function stripJpeg(bytes: Uint8Array): Buffer | null {
  const walked = jpegStructure(bytes);
  // Stryker disable next-line ConditionalExpression: walking on would throw, and the throw is a null too
  if (!walked.ok) return null;
  const last = walked.segments.at(-1)!; // the first SOS: the scan data follows it
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  for (const s of walked.segments.slice(0, -1))
    if (keepSegment(bytes, s.marker, s.payload)) parts.push(bytes.subarray(s.start, s.end));
  parts.push(bytes.subarray(last.start, walked.eoiEnd));
  return Buffer.concat(parts);
}

const DROPPED_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Uint8Array): Buffer | null {
  const walked = pngStructure(bytes);
  // Stryker disable next-line ConditionalExpression: walking on would throw, and the throw is a null too
  if (!walked.ok) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const c of walked.chunks)
    if (!DROPPED_CHUNKS.has(c.type)) parts.push(bytes.subarray(c.start, c.end));
  return Buffer.concat(parts);
}

const WEBP_DROPPED = new Set(['EXIF', 'XMP ']);
/** VP8X flags saying an EXIF (0x08) or XMP (0x04) chunk follows. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;

function stripWebp(bytes: Uint8Array): Buffer | null {
  const walked = webpStructure(bytes);
  // Stryker disable next-line ConditionalExpression: walking on would throw, and the throw is a null too
  if (!walked.ok) return null;
  const kept: Buffer[] = [];
  for (const c of walked.chunks) {
    if (WEBP_DROPPED.has(c.fourcc)) continue;
    const chunk = Buffer.from(bytes.subarray(c.start, c.end)); // a copy: VP8X's flags change
    if (c.fourcc === 'VP8X') chunk[8] = chunk[8]! & ~VP8X_METADATA_FLAGS;
    kept.push(chunk);
  }
  const header = Buffer.from('RIFF\0\0\0\0WEBP');
  const body = Buffer.concat(kept);
  header.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([header, body]);
}

/** Where ISO-BMFF metadata boxes are looked for (and the path to them descended). */
const ISO_CONTAINERS: ReadonlySet<string> = new Set(['moov', 'trak', 'mdia', 'moof', 'traf']);

/** XMP's `uuid` box (Adobe's XMP specification, part 3). */
const XMP_UUID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');

/** HEIF brands: such a file's `meta` is its image, not a tag list (see the header). */
const HEIF_BRANDS = new Set([
  'mif1',
  'msf1',
  'miaf',
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'avif',
  'avis',
]);

function isMetadataBox(bytes: Uint8Array, box: IsoBox): boolean {
  if (box.type === 'udta' || box.type === 'meta') return true;
  // Its usertype, cut at the box's end: a short box is not read into the next one.
  const usertype = bytes.subarray(box.body, box.end).subarray(0, XMP_UUID.length);
  // Stryker disable next-line ConditionalExpression: only a uuid box starts with XMP's UUID
  return box.type === 'uuid' && XMP_UUID.equals(usertype);
}

/** The major and compatible brands of an `ftyp` box (its minor version skipped). */
function brandsOf(bytes: Uint8Array, ftyp: IsoBox): string[] {
  // Stryker disable next-line ArrayDeclaration: a stray element is no HEIF brand
  const brands: string[] = [];
  // Stryker disable next-line ArithmeticOperator: a word past the ftyp is the next box's size, no HEIF brand
  for (let at = ftyp.body; at + 4 <= ftyp.end; at += 4)
    if (at !== ftyp.body + 4) brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)));
  return brands;
}

function stripIsoBmff(bytes: Uint8Array): Buffer | null {
  const walked = isoBmffBoxes(bytes, ISO_CONTAINERS);
  // Stryker disable next-line ConditionalExpression: walking on would throw, and the throw is a null too
  if (!walked.ok) return null;
  // Stryker disable next-line ConditionalExpression: the first box is the ftyp wherever there is one
  const ftyp = walked.boxes.find((b) => b.type === 'ftyp');
  if (ftyp && brandsOf(bytes, ftyp).some((b) => HEIF_BRANDS.has(b))) return null;
  const copy = Buffer.from(bytes);
  for (const box of walked.boxes) {
    if (!isMetadataBox(bytes, box)) continue;
    // The size field (and a largesize) stays: same size, nothing after it moves.
    copy.write('free', box.start + 4);
    copy.fill(0, box.body, box.end);
  }
  return copy;
}

/** The copy without identifying metadata, or null when none is made (see the header). */
export function stripMetadata(bytes: Uint8Array): Buffer | null {
  try {
    const type = detectType(bytes.subarray(0, 64));
    if (type === JPEG) return stripJpeg(bytes);
    if (type === PNG) return stripPng(bytes);
    if (type === WEBP) return stripWebp(bytes);
    if (type === MP4 || type === QUICKTIME || type === M4A) return stripIsoBmff(bytes);
    return null;
  } catch {
    return null;
  }
}
