/**
 * Builders of WebP (RIFF) and ISO-BMFF (MP4, MOV, M4A) files byte by byte, for the
 * tests of webp.ts, isobmff.ts and strip.ts: each returns exactly the bytes its
 * arguments say, so a test can also build the file it expects.
 */

export const u16 = (n: number) => Buffer.from([(n >>> 8) & 0xff, n & 0xff]);

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

const text = (s: string) => Buffer.from(s, 'latin1');

/** A RIFF chunk: FourCC, little-endian size, data, a zero after an odd size. */
export function riffChunk(fourcc: string, data: Buffer): Buffer {
  const pad = data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([text(fourcc), u32le(data.length), data, pad]);
}

/** "RIFF", the size of what follows, "WEBP", the chunks. */
export function webpFile(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  return Buffer.concat([text('RIFF'), u32le(4 + body.length), text('WEBP'), body]);
}

/** A VP8X chunk: flags, three reserved bytes, canvas width − 1 and height − 1 (24 bits each). */
export function vp8x(flags: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(10);
  data[0] = flags;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return riffChunk('VP8X', data);
}

/** An ISO-BMFF box with a 32-bit size (types are latin1: "©xyz" is A9 78 79 7A). */
export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), text(type), body]);
}

/** A full box: version 0 and no flags before the payload. */
export const fullBox = (type: string, ...payload: Buffer[]) =>
  box(type, Buffer.alloc(4), ...payload);

/** A box with size 1 and a 64-bit largesize. */
export function largeBox(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const largesize = Buffer.alloc(8);
  largesize.writeBigUInt64BE(BigInt(16 + body.length));
  return Buffer.concat([u32(1), text(type), largesize, body]);
}

/** A box with size 0: it runs to the end of the file. */
export const openBox = (type: string, ...payload: Buffer[]) =>
  Buffer.concat([u32(0), text(type), ...payload]);

/** What a metadata box becomes in the stripped copy: `free`, the same size field, zeros. */
export function blanked(original: Buffer): Buffer {
  const header = original.readUInt32BE(0) === 1 ? 16 : 8;
  return Buffer.concat([
    original.subarray(0, 4),
    text('free'),
    original.subarray(8, header),
    Buffer.alloc(original.length - header),
  ]);
}

/** `ftyp`: the major brand, minor version 0, the compatible brands. */
export const ftyp = (major: string, ...compatible: string[]) =>
  box('ftyp', text(major), u32(0), ...compatible.map(text));

export { text };
