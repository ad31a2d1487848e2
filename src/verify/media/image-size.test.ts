import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  BASE_PNG,
  heifImage,
  isoBox,
  ispe,
  jpegSized,
  jpegWith,
  jpegSegment,
  pngWith,
  tiffImage,
} from '../../../test/hostile-files.js';
import { MAX_BOXES } from './heif.js';
import { imageSize } from './image-size.js';
import { MAX_IFD_ENTRIES } from './tiff.js';
import { jpegStructure } from './jpeg.js';
import { pngStructure } from './png.js';

const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const le16 = (n: number) => [n & 0xff, n >> 8];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

describe('imageSize: from the header, without decoding', () => {
  it('reads a JPEG frame header, after any number of segments', () => {
    expect(imageSize(BASE_JPEG)).toEqual({ ok: true, width: 16, height: 12 });
    expect(imageSize(jpegSized(4000, 3000))).toEqual({ ok: true, width: 4000, height: 3000 });
    const behindApps = jpegWith(
      jpegSegment(0xe1, Buffer.alloc(60_000)),
      jpegSegment(0xfe, Buffer.from('c')),
    );
    expect(imageSize(behindApps)).toEqual({ ok: true, width: 16, height: 12 });
  });

  it('reads a progressive JPEG’s SOF2 and skips fill bytes before a marker', () => {
    const progressive = Buffer.from(BASE_JPEG);
    progressive[progressive.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc2;
    expect(imageSize(progressive)).toEqual({ ok: true, width: 16, height: 12 });
    const filled = Buffer.concat([
      BASE_JPEG.subarray(0, 2),
      Buffer.from([0xff, 0xff]),
      BASE_JPEG.subarray(2),
    ]);
    expect(imageSize(filled)).toEqual({ ok: true, width: 16, height: 12 });
  });

  it('reports a JPEG header cut short or running past the end, never throws', () => {
    // The frame header ends 19 bytes after its marker (length 17).
    const sofEnd = BASE_JPEG.indexOf(Buffer.from([0xff, 0xc0])) + 19;
    for (let cut = 0; cut < sofEnd + 10; cut++) {
      const r = imageSize(BASE_JPEG.subarray(0, cut), 'image/jpeg');
      expect(r.ok, `cut at ${cut}`).toBe(cut >= sofEnd);
    }
    const past = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0]);
    expect(imageSize(past)).toEqual({
      ok: false,
      problem: expect.stringContaining('past the end'),
    });
  });

  it('reads PNG IHDR', () => {
    expect(imageSize(BASE_PNG)).toEqual({ ok: true, width: 16, height: 12 });
    expect(imageSize(pngWith([], { width: 100_000, height: 3 }))).toEqual({
      ok: true,
      width: 100_000,
      height: 3,
    });
    expect(imageSize(BASE_PNG.subarray(0, 20)).ok).toBe(false);
  });

  it('reads GIF’s logical screen', () => {
    const gif = Buffer.from([...Buffer.from('GIF89a'), ...le16(640), ...le16(480), 0, 0, 0]);
    expect(imageSize(gif)).toEqual({ ok: true, width: 640, height: 480 });
    expect(imageSize(gif.subarray(0, 9), 'image/gif').ok).toBe(false);
  });

  it('reads WebP VP8, VP8L and VP8X', () => {
    const riff = (chunk: string, body: number[]) =>
      Buffer.from([
        ...Buffer.from('RIFF'),
        ...le32(4 + 8 + body.length),
        ...Buffer.from('WEBP'),
        ...Buffer.from(chunk),
        ...le32(body.length),
        ...body,
      ]);
    const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(800), ...le16(600), 0, 0]);
    expect(imageSize(vp8)).toEqual({ ok: true, width: 800, height: 600 });
    const bits = (800 - 1) | ((600 - 1) << 14);
    const vp8l = riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0, 0, 0]);
    expect(imageSize(vp8l)).toEqual({ ok: true, width: 800, height: 600 });
    const vp8x = riff('VP8X', [0, 0, 0, 0, 799 & 0xff, 799 >> 8, 0, 599 & 0xff, 599 >> 8, 0]);
    expect(imageSize(vp8x)).toEqual({ ok: true, width: 800, height: 600 });
    const bad = riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(imageSize(bad).ok).toBe(false);
  });

  it('reads BMP (a negative height is a top-down bitmap)', () => {
    const bmp = (h: number) =>
      Buffer.from([
        ...Buffer.from('BM'),
        ...le32(58),
        0,
        0,
        0,
        0,
        ...le32(54),
        ...le32(40),
        ...le32(300),
        ...le32(h),
        1,
        0,
        24,
        0,
      ]);
    expect(imageSize(bmp(200))).toEqual({ ok: true, width: 300, height: 200 });
    expect(imageSize(bmp(-200))).toEqual({ ok: true, width: 300, height: 200 });
  });

  it('says which types it does not size', () => {
    expect(imageSize(Buffer.from('%PDF-1.4'))).toEqual({
      ok: false,
      problem: expect.stringContaining('application/pdf'),
    });
  });
});

/** A grey picture made by libvips (sharp 0.35): a real encoder's boxes and IFDs. */
const made = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080' } });

describe('imageSize of a TIFF: the first IFD', () => {
  it('reads ImageWidth and ImageLength in both byte orders, as SHORT or LONG', () => {
    for (const order of ['II', 'MM'] as const)
      for (const type of [3, 4] as const)
        expect(
          imageSize(tiffImage({ width: 640, height: 480, order, type })),
          `${order} ${type}`,
        ).toEqual({ ok: true, width: 640, height: 480 });
    expect(imageSize(tiffImage({ width: 100_000, height: 70_000 }))).toEqual({
      ok: true,
      width: 100_000,
      height: 70_000,
    });
  });

  it('reads the TIFFs libvips writes, in strips and in tiles', async () => {
    const strips = await made(40, 30).tiff().toBuffer();
    expect(imageSize(strips)).toEqual({ ok: true, width: 40, height: 30 });
    const tiles = await made(300, 200)
      .tiff({ compression: 'jpeg', tile: true, tileWidth: 16, tileHeight: 16 })
      .toBuffer();
    expect(imageSize(tiles)).toEqual({ ok: true, width: 300, height: 200 });
  });

  it('reads BigTIFF (64-bit offsets and counts, LONG8 values), both byte orders', () => {
    const bigTiff = (le: boolean, byteSize = 8) => {
      const b = Buffer.alloc(16 + 8 + 2 * 20 + 8);
      const w16 = (n: number, at: number) => (le ? b.writeUInt16LE(n, at) : b.writeUInt16BE(n, at));
      const w64 = (n: number, at: number) =>
        le ? b.writeBigUInt64LE(BigInt(n), at) : b.writeBigUInt64BE(BigInt(n), at);
      b.write(le ? 'II' : 'MM', 0, 'latin1');
      w16(43, 2);
      w16(byteSize, 4);
      w64(16, 8);
      w64(2, 16);
      w16(256, 24); // ImageWidth, LONG8
      w16(16, 26);
      w64(1, 28);
      w64(70_000, 36);
      w16(257, 44); // ImageLength, SHORT
      w16(3, 46);
      w64(1, 48);
      w16(5_000, 56);
      return b;
    };
    expect(imageSize(bigTiff(true))).toEqual({ ok: true, width: 70_000, height: 5_000 });
    expect(imageSize(bigTiff(false))).toEqual({ ok: true, width: 70_000, height: 5_000 });
    const bigHeader = { ok: false, problem: expect.stringContaining('BigTIFF header') };
    expect(imageSize(bigTiff(true, 4))).toEqual(bigHeader);
    const reserved = bigTiff(true);
    reserved.writeUInt16LE(1, 6); // the reserved word after the byte size
    expect(imageSize(reserved)).toEqual(bigHeader);
    expect(imageSize(bigTiff(true).subarray(0, 15), 'image/tiff')).toEqual(bigHeader);
    expect(imageSize(bigTiff(true).subarray(0, 16))).toEqual({
      ok: false,
      problem: expect.stringContaining('outside'),
    });
    expect(imageSize(bigTiff(true).subarray(0, 60)).ok).toBe(false);
    for (const le of [true, false]) {
      // An IFD offset with its high word set is 4 GiB away, whatever its low word says.
      const far = bigTiff(le);
      if (le) far.writeUInt32LE(1, 12);
      else far.writeUInt32BE(1, 8);
      expect(imageSize(far)).toEqual({ ok: false, problem: expect.stringContaining('outside') });
    }
    const rational = bigTiff(true);
    rational.writeUInt16LE(5, 26); // ImageWidth as RATIONAL
    expect(imageSize(rational)).toEqual({ ok: false, problem: expect.stringContaining('type 5') });
  });

  it('answers a TIFF cut anywhere before the end of its first IFD’s entries with a problem', () => {
    const tiff = tiffImage({ width: 16, height: 12 });
    const entriesEnd = 8 + 2 + 9 * 12;
    for (let cut = 0; cut <= tiff.length; cut++) {
      const r = imageSize(tiff.subarray(0, cut), 'image/tiff');
      expect(r.ok, `cut at ${cut}`).toBe(cut >= entriesEnd);
    }
  });

  it('answers an IFD outside the file, an absurd entry count, a missing tag or a wrong type', () => {
    const at = (offset: number) => {
      const t = tiffImage({ width: 16, height: 12 });
      t.writeUInt32LE(offset, 4);
      return imageSize(t);
    };
    expect(at(0x7ffffff0)).toEqual({ ok: false, problem: expect.stringContaining('outside') });
    expect(at(4)).toEqual({ ok: false, problem: expect.stringContaining('outside') }); // in the header
    expect(imageSize(tiffImage({ width: 1, height: 1 }).subarray(0, 7), 'image/tiff')).toEqual({
      ok: false,
      problem: 'TIFF header truncated',
    });
    const header = Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]); // a header alone
    expect(imageSize(header)).toEqual({ ok: false, problem: expect.stringContaining('outside') });
    const lastByte = Buffer.from([0x49, 0x49, 0x2a, 0, 9, 0, 0, 0, 0, 0]); // IFD at the last byte
    expect(imageSize(lastByte)).toEqual({ ok: false, problem: expect.stringContaining('outside') });
    // An empty IFD that ends the file exactly: inside, without the tags.
    const empty = Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0]);
    expect(imageSize(empty)).toEqual({
      ok: false,
      problem: expect.stringContaining('no ImageWidth'),
    });
    const noWidth = tiffImage({ width: 16, height: 12 });
    noWidth.writeUInt16LE(999, 10); // ImageWidth's tag overwritten
    expect(imageSize(noWidth)).toEqual({
      ok: false,
      problem: expect.stringContaining('no ImageWidth'),
    });
    const long8 = tiffImage({ width: 16, height: 12 });
    long8.writeUInt16LE(16, 10 + 2); // LONG8 exists only in BigTIFF
    expect(imageSize(long8)).toEqual({ ok: false, problem: expect.stringContaining('type 16') });
    const absurd = tiffImage({ width: 16, height: 12 });
    absurd.writeUInt16LE(0xffff, 8);
    expect(imageSize(absurd)).toEqual({
      ok: false,
      problem: expect.stringContaining('past the end'),
    });
    const noLength = tiffImage({ width: 16, height: 12 });
    noLength.writeUInt16LE(999, 10 + 12); // ImageLength's tag overwritten
    expect(imageSize(noLength)).toEqual({
      ok: false,
      problem: expect.stringContaining('no ImageWidth'),
    });
    const rational = tiffImage({ width: 16, height: 12 });
    rational.writeUInt16LE(5, 10 + 2); // ImageWidth as RATIONAL
    expect(imageSize(rational)).toEqual({ ok: false, problem: expect.stringContaining('type 5') });
  });

  it(`looks at no more than ${MAX_IFD_ENTRIES} entries of the IFD`, () => {
    const entries = MAX_IFD_ENTRIES + 2;
    const b = Buffer.alloc(8 + 2 + entries * 12 + 4);
    b.write('II*\0', 0, 'latin1');
    b.writeUInt32LE(8, 4);
    b.writeUInt16LE(entries, 8);
    for (let i = 0; i < entries; i++) b.writeUInt16LE(300, 10 + i * 12); // filler tags
    const put = (i: number, tag: number, value: number) => {
      b.writeUInt16LE(tag, 10 + i * 12);
      b.writeUInt16LE(4, 12 + i * 12);
      b.writeUInt32LE(1, 14 + i * 12);
      b.writeUInt32LE(value, 18 + i * 12);
    };
    put(MAX_IFD_ENTRIES - 2, 256, 10);
    put(MAX_IFD_ENTRIES - 1, 257, 10);
    expect(imageSize(b)).toEqual({ ok: true, width: 10, height: 10 });
    put(MAX_IFD_ENTRIES - 1, 300, 0);
    put(MAX_IFD_ENTRIES, 257, 10);
    expect(imageSize(b).ok).toBe(false);
  });
});

describe('imageSize of HEIC and AVIF: the largest ispe', () => {
  it('reads the AVIF libvips writes (libheif’s boxes)', async () => {
    const avif = await made(300, 200).avif().toBuffer();
    expect(imageSize(avif)).toEqual({ ok: true, width: 300, height: 200 });
  });

  it('takes the largest image of the file, wherever it is', () => {
    for (const properties of [
      [ispe(64, 48), ispe(4032, 3024)],
      [ispe(4032, 3024), ispe(64, 48)],
    ])
      expect(imageSize(heifImage('heic', properties))).toEqual({
        ok: true,
        width: 4032,
        height: 3024,
      });
    // Of equal areas, the first.
    expect(imageSize(heifImage('heic', [ispe(100, 50), ispe(50, 100)]))).toEqual({
      ok: true,
      width: 100,
      height: 50,
    });
    expect(imageSize(heifImage('avif', [ispe(20_000, 20_000)]))).toEqual({
      ok: true,
      width: 20_000,
      height: 20_000,
    });
  });

  const metaAt = (file: Buffer) => file.indexOf('meta') - 4;

  it('follows a 64-bit largesize and a size of 0 (to the end)', () => {
    const file = heifImage('heic', [ispe(640, 480)]);
    const at = metaAt(file);
    const size = file.readUInt32BE(at);
    const large = Buffer.concat([
      file.subarray(0, at),
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('meta', 'latin1'),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]),
      file.subarray(at + 8),
    ]);
    large.writeUInt32BE(size + 8, at + 12);
    expect(imageSize(large)).toEqual({ ok: true, width: 640, height: 480 });
    large.writeUInt32BE(1, at + 8); // largesize beyond 4 GiB
    expect(imageSize(large)).toEqual({ ok: false, problem: 'the meta box runs past its parent' });
    const toEnd = Buffer.from(file);
    toEnd.writeUInt32BE(0, at);
    expect(imageSize(toEnd)).toEqual({ ok: true, width: 640, height: 480 });
  });

  it('answers a box beyond the file, below its header or cut, with a problem, never a throw', () => {
    const file = heifImage('heic', [ispe(640, 480)]);
    const at = metaAt(file);
    for (const size of [file.length, 0x7ffffff0, 7, 4, 1]) {
      const bad = Buffer.from(file);
      bad.writeUInt32BE(size, at);
      expect(imageSize(bad).ok, `meta of size ${size}`).toBe(false);
    }
    const short = heifImage('heic', [isoBox('ispe', Buffer.alloc(8))]); // no height
    expect(imageSize(short)).toEqual({ ok: false, problem: 'an ispe box cut short' });
    const messages = (size: number) => {
      const bad = Buffer.from(file);
      bad.writeUInt32BE(size, at);
      return imageSize(bad);
    };
    expect(messages(7)).toEqual({
      ok: false,
      problem: "the meta box's size 7 is below its header",
    });
    expect(messages(0x7ffffff0)).toEqual({
      ok: false,
      problem: 'the meta box runs past its parent',
    });
    const trailing = Buffer.concat([file, Buffer.alloc(4)]);
    expect(imageSize(trailing)).toEqual({
      ok: false,
      problem: `a box header at ${file.length} runs past its parent`,
    });
    const largeCut = Buffer.concat([file, u32(1), Buffer.from('free', 'latin1'), u32(0)]);
    expect(imageSize(largeCut)).toEqual({
      ok: false,
      problem: "the free box's largesize runs past its parent",
    });
    // A 16-byte box of largesize 16, ending the file exactly.
    const largeEnd = Buffer.concat([file, u32(1), Buffer.from('free', 'latin1'), u32(0), u32(16)]);
    expect(imageSize(largeEnd)).toEqual({ ok: true, width: 640, height: 480 });
    const metaEnd = at + file.readUInt32BE(at);
    for (let cut = 0; cut < file.length; cut++) {
      const r = imageSize(file.subarray(0, cut), 'image/heic');
      expect(r.ok, `cut at ${cut}`).toBe(cut === metaEnd);
    }
  });

  it('answers a file without meta, iprp, ipco or ispe with a problem', () => {
    const ftyp = isoBox('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1'));
    const problem = (...boxes: Buffer[]) =>
      imageSize(Buffer.concat([ftyp, ...boxes]), 'image/heic');
    expect(problem(isoBox('meta'))).toEqual({
      ok: false,
      problem: 'a full box without its version',
    });
    expect(problem(isoBox('meta', Buffer.alloc(4)))).toEqual({ ok: false, problem: 'no iprp box' });
    expect(problem(isoBox('meta', Buffer.alloc(4), isoBox('iprp', isoBox('ipma'))))).toEqual({
      ok: false,
      problem: 'no ipco box',
    });
    expect(imageSize(Buffer.concat([ftyp, isoBox('moov')]), 'image/heic')).toEqual({
      ok: false,
      problem: 'no meta box',
    });
    expect(imageSize(heifImage('heic', []))).toEqual({
      ok: false,
      problem: expect.stringContaining('no ispe'),
    });
  });

  it(`is bounded: deep nesting is not descended, more than ${MAX_BOXES} boxes is a problem`, () => {
    const ftyp = isoBox('ftyp', Buffer.from('avif\0\0\0\0mif1avif', 'latin1'));
    let nested = isoBox('iprp', isoBox('ipco', ispe(10, 10)));
    for (let depth = 0; depth < 5000; depth++) nested = isoBox('dinf', nested);
    const deep = Buffer.concat([ftyp, isoBox('meta', Buffer.alloc(4), nested)]);
    const started = performance.now();
    expect(imageSize(deep)).toEqual({ ok: false, problem: 'no iprp box' });
    // heifImage has 9 boxes on the walked path (ftyp, meta, mdat, hdlr, pitm, iprp, ipco,
    // ipma, ispe); free boxes before meta make up the rest.
    const flood = (frees: number) =>
      Buffer.concat([
        ftyp,
        Buffer.concat(Array.from({ length: frees }, () => isoBox('free'))),
        heifImage('avif', [ispe(10, 10)]).subarray(ftyp.length),
      ]);
    expect(imageSize(flood(MAX_BOXES - 9)).ok).toBe(true);
    expect(imageSize(flood(MAX_BOXES - 8))).toEqual({
      ok: false,
      problem: expect.stringContaining('boxes'),
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the structure walks', () => {
  it('walks a JPEG to its end, through restart markers and stuffed bytes', () => {
    const walked = jpegStructure(BASE_JPEG);
    expect(walked.ok && walked.eoiEnd).toBe(BASE_JPEG.length);
  });
  it('walks a PNG to IEND', () => {
    const walked = pngStructure(BASE_PNG);
    expect(walked.ok && walked.chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });
});
