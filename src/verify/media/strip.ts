/**
 * A copy of an image without the metadata that could identify a reporter or their
 * device (GPS position, camera make and serial, times, names, comments), for analysts
 * to look at. The pixels are not touched (nothing is decoded or re-encoded):
 *
 * - JPEG: APP1…APP15 and COM segments are dropped, except APP2 ICC_PROFILE (the
 *   colours) and APP14 Adobe (how the colour channels are coded); of APP0 only JFIF is
 *   kept (JFXX carries a thumbnail, Canon's CIFF a whole camera record). The tables, the
 *   frame and everything from the first scan on are kept; bytes after the end of the
 *   image are dropped.
 * - PNG: tEXt, zTXt, iTXt, eXIf and tIME chunks are dropped.
 * - Any other type, or a file whose structure is broken: null (no stripped copy; the
 *   analyst gets none rather than one with its metadata).
 *
 * Pure.
 */
import { jpegStructure } from './jpeg.js';
import { detectType, JPEG, PNG } from './magic.js';
import { pngStructure } from './png.js';

const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

const startsWithText = (bytes: Uint8Array, at: number, text: string) =>
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
  if (!walked.ok) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const c of walked.chunks)
    if (!DROPPED_CHUNKS.has(c.type)) parts.push(bytes.subarray(c.start, c.end));
  return Buffer.concat(parts);
}

/** The copy without identifying metadata, or null when none is made (see the header). */
export function stripMetadata(bytes: Uint8Array): Buffer | null {
  try {
    const type = detectType(bytes.subarray(0, 64));
    if (type === JPEG) return stripJpeg(bytes);
    if (type === PNG) return stripPng(bytes);
    return null;
  } catch {
    return null;
  }
}
