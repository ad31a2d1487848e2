import { describe, expect, it } from 'vitest';
import { riffChunk, text, u32le, vp8x, webpFile } from './containers.fixture.js';
import { webpStructure } from './webp.js';

const image = riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]));

describe('webpStructure', () => {
  it('walks the chunks, an odd size followed by its padding byte', () => {
    const file = webpFile(vp8x(0x08, 16, 12), image, riffChunk('EXIF', Buffer.from('abc')));
    const walked = webpStructure(file);
    expect(walked).toEqual({
      ok: true,
      riffEnd: file.length,
      chunks: [
        { fourcc: 'VP8X', start: 12, data: 20, size: 10, end: 30 },
        { fourcc: 'VP8L', start: 30, data: 38, size: 5, end: 44 },
        { fourcc: 'EXIF', start: 44, data: 52, size: 3, end: 56 },
      ],
    });
  });

  it('stops at the RIFF end, leaving what follows unwalked', () => {
    const file = Buffer.concat([webpFile(image), riffChunk('EXIF', Buffer.from('gps'))]);
    expect(webpStructure(file)).toMatchObject({ ok: true, riffEnd: 26, chunks: [{ end: 26 }] });
  });

  it('takes an empty chunk that ends exactly at the RIFF end', () => {
    const walked = webpStructure(webpFile(image, riffChunk('ABCD', Buffer.alloc(0))));
    expect(walked).toMatchObject({ ok: true, chunks: [{}, { fourcc: 'ABCD', size: 0 }] });
  });

  it('takes a lossy (VP8) or lossless (VP8L) image as the first chunk', () => {
    for (const fourcc of ['VP8 ', 'VP8L'])
      expect(webpStructure(webpFile(riffChunk(fourcc, Buffer.alloc(4)))).ok, fourcc).toBe(true);
  });

  it('takes a VP8X of 10 bytes, not of 9', () => {
    expect(webpStructure(webpFile(vp8x(0, 1, 1), image)).ok).toBe(true);
    const short = webpFile(riffChunk('VP8X', Buffer.alloc(9)), image);
    expect(webpStructure(short)).toEqual({ ok: false, problem: 'a VP8X chunk of 9 bytes' });
  });

  it('finds no structure in a file that is not RIFF WEBP or has no chunk', () => {
    const notWebp = Buffer.from(webpFile(image));
    notWebp.write('WAVE', 8, 'latin1');
    expect(webpStructure(notWebp)).toEqual({ ok: false, problem: 'not a RIFF WEBP file' });
    const notRiff = Buffer.from(webpFile(image));
    notRiff.write('RIFX', 0, 'latin1');
    expect(webpStructure(notRiff).ok).toBe(false);
    expect(webpStructure(text('RIFF\x04\0\0\0WEB'))).toEqual({
      ok: false,
      problem: 'not a RIFF WEBP file',
    });
    expect(webpStructure(text('RIFF\x04\0\0\0WEBP'))).toEqual({
      ok: false,
      problem: 'the first chunk is not VP8, VP8L or VP8X',
    });
    expect(webpStructure(webpFile(riffChunk('EXIF', Buffer.alloc(2)), image)).ok).toBe(false);
  });

  it('finds no structure when a size runs past the end', () => {
    const file = webpFile(image);
    expect(webpStructure(file.subarray(0, file.length - 1))).toEqual({
      ok: false,
      problem: 'the RIFF size runs 1 bytes past the end',
    });
    const chunkTooLong = Buffer.from(file);
    chunkTooLong.writeUInt32LE(7, 16);
    expect(webpStructure(chunkTooLong)).toEqual({
      ok: false,
      problem: 'chunk "VP8L" at 12 runs past the end',
    });
    // A size with its top bit set is a size, not a negative number.
    const huge = Buffer.from(file);
    huge.writeUInt32LE(0x80000000, 16);
    expect(webpStructure(huge).ok).toBe(false);
  });

  it('finds no structure when an odd chunk lacks its padding byte or a header is cut short', () => {
    const unpadded = Buffer.concat([
      text('RIFF'),
      u32le(4 + 13),
      text('WEBP'),
      image.subarray(0, 13),
    ]);
    expect(webpStructure(unpadded)).toMatchObject({ ok: false });
    const cut = Buffer.concat([
      text('RIFF'),
      u32le(4 + 14 + 7),
      text('WEBP'),
      image,
      Buffer.alloc(7),
    ]);
    expect(webpStructure(cut)).toEqual({ ok: false, problem: 'a chunk header at 26 is cut short' });
  });
});
