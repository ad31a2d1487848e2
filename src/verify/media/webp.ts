/**
 * The chunks of a WebP file (RIFF), walked with every size checked against the bytes:
 * "RIFF", the RIFF size (little-endian, counting from "WEBP"), "WEBP", then chunks
 * (FourCC, 32-bit little-endian size, the data, one padding byte after an odd size) up
 * to the end the RIFF size gives. Bytes after that end are not part of the file and are
 * not walked. The first chunk must be VP8, VP8L or VP8X (the only ways a WebP begins),
 * and a VP8X must hold its 10 bytes (flags, reserved, canvas size). Pure.
 */

export interface RiffChunk {
  fourcc: string;
  /** Offset of the FourCC. */
  start: number;
  /** Offset of the data. */
  data: number;
  /** The size field: the data without its padding byte. */
  size: number;
  /** Offset just past the data and its padding byte. */
  end: number;
}

export type WebpStructure =
  { ok: true; chunks: RiffChunk[]; riffEnd: number } | { ok: false; problem: string };

/** The VP8X chunk's size: flags (1), reserved (3), canvas width and height (3 + 3). */
export const VP8X_SIZE = 10;

const FIRST_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);

const u32le = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

export function webpStructure(bytes: Uint8Array): WebpStructure {
  // A file too short for them reads shorter strings: no length check needed.
  if (ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WEBP')
    return { ok: false, problem: 'not a RIFF WEBP file' };
  const riffEnd = 8 + u32le(bytes, 4);
  if (riffEnd > bytes.length)
    return {
      ok: false,
      problem: `the RIFF size runs ${riffEnd - bytes.length} bytes past the end`,
    };
  const chunks: RiffChunk[] = [];
  for (let at = 12; at < riffEnd;) {
    if (at + 8 > riffEnd) return { ok: false, problem: `a chunk header at ${at} is cut short` };
    const fourcc = ascii(bytes, at);
    const size = u32le(bytes, at + 4);
    // libwebp refuses a chunk whose padding byte is missing too.
    const end = at + 8 + size + (size & 1);
    if (end > riffEnd)
      return { ok: false, problem: `chunk ${JSON.stringify(fourcc)} at ${at} runs past the end` };
    if (fourcc === 'VP8X' && size < VP8X_SIZE)
      return { ok: false, problem: `a VP8X chunk of ${size} bytes` };
    chunks.push({ fourcc, start: at, data: at + 8, size, end });
    at = end;
  }
  // Stryker disable next-line StringLiteral: any stand-in for no chunk is no image chunk either
  if (!FIRST_CHUNKS.has(chunks[0]?.fourcc ?? ''))
    return { ok: false, problem: 'the first chunk is not VP8, VP8L or VP8X' };
  return { ok: true, chunks, riffEnd };
}
