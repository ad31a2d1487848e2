/**
 * The chunks of a PNG file, walked with every length checked against the bytes:
 * the signature, IHDR first, IEND last. CRCs are not checked (a decoder does; this
 * only finds the structure). Pure.
 */

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset of the data. */
  data: number;
  length: number;
  /** Offset just past its CRC. */
  end: number;
}

export type PngStructure =
  | { ok: true; chunks: PngChunk[]; width: number; height: number; iendEnd: number }
  | { ok: false; problem: string };

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

export function pngStructure(bytes: Uint8Array): PngStructure {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return { ok: false, problem: 'no signature' };
  const chunks: PngChunk[] = [];
  for (let at = 8; ;) {
    if (at + 12 > bytes.length) return { ok: false, problem: 'no IEND chunk (truncated)' };
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, problem: `a bad chunk type at ${at}` };
    const end = at + 12 + length;
    if (end > bytes.length)
      return {
        ok: false,
        problem: `chunk ${type} at ${at} runs ${end - bytes.length} bytes past the end`,
      };
    const chunk = { type, start: at, data: at + 8, length, end };
    if (chunks.length === 0 && (type !== 'IHDR' || length < 13))
      return { ok: false, problem: 'the first chunk is not IHDR' };
    chunks.push(chunk);
    if (type === 'IEND') {
      const ihdr = chunks[0]!;
      return {
        ok: true,
        chunks,
        width: u32(bytes, ihdr.data),
        height: u32(bytes, ihdr.data + 4),
        iendEnd: end,
      };
    }
    at = end;
  }
}

/** Width and height from IHDR alone (the header, without walking the chunks). */
export function pngHeaderSize(
  bytes: Uint8Array,
): { width: number; height: number } | { problem: string } {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return { problem: 'no signature' };
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    return { problem: 'no IHDR chunk' };
  return { width: u32(bytes, 16), height: u32(bytes, 20) };
}
