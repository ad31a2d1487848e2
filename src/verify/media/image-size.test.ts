import { describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  BASE_PNG,
  jpegSized,
  jpegWith,
  jpegSegment,
  pngWith,
} from '../../../test/hostile-files.js';
import { imageSize } from './image-size.js';
import { jpegStructure } from './jpeg.js';
import { pngStructure } from './png.js';

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
