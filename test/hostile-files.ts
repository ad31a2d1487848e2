/**
 * A corpus of hostile attachments, generated in memory (no file on disk): what a
 * tip line must take without crashing, hanging or rendering script. Each entry is
 * `{name, contentType, data, expect}`: `contentType` is what the sender declares,
 * `expect` the MediaRejection `mediaFactsOf` gives under the default media settings
 * (null: read, not refused). Used by src/verify/media/media-facts.test.ts, and meant
 * for the upload route's tests too (multipart with `contentType` as the part's type):
 *
 *   import { hostileFiles } from '../test/hostile-files.js';
 *   for (const f of hostileFiles()) …
 *
 * The base images were made by sharp 0.35 (16×12, one colour); everything else is
 * built here byte by byte. Deterministic: the "random" bytes come from a seeded PRNG.
 */
import { deflateSync } from 'node:zlib';
import type { MediaRejection } from '../src/domain/media.js';

export interface HostileFile {
  name: string;
  contentType: string;
  data: Buffer;
  expect: MediaRejection | null;
  /** What makes it hostile, for a test's name. */
  why: string;
}

/** A 16×12 baseline JPEG (sharp 0.35, quality 50): SOI, DQT×2, SOF0, DHT×4, SOS, scan, EOI. */
export const BASE_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJgBh5//2Q==',
  'base64',
);

/** A 16×12 PNG (sharp 0.35): signature, IHDR, pHYs, IDAT, IEND. */
export const BASE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAGElEQVQokWM4EaBBEmIY1RAwGkonsIUBACp48AEu9D+QAAAAAElFTkSuQmCC',
  'base64',
);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (PNG, ZIP). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u16be = (n: number) => Buffer.from([(n >>> 8) & 0xff, n & 0xff]);
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** A PNG chunk with its length and CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/** The chunks of BASE_PNG with `extra` inserted after IHDR (and IHDR's size replaced if given). */
export function pngWith(extra: Buffer[] = [], size?: { width: number; height: number }): Buffer {
  const signature = BASE_PNG.subarray(0, 8);
  const ihdrData = Buffer.from(BASE_PNG.subarray(16, 29));
  if (size) {
    ihdrData.writeUInt32BE(size.width, 0);
    ihdrData.writeUInt32BE(size.height, 4);
  }
  const rest = BASE_PNG.subarray(33); // pHYs, IDAT, IEND
  return Buffer.concat([signature, pngChunk('IHDR', ihdrData), ...extra, rest]);
}

/** A JPEG segment: marker and its length-prefixed payload. */
export function jpegSegment(marker: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);
}

/** BASE_JPEG with `segments` inserted after SOI. */
export function jpegWith(...segments: Buffer[]): Buffer {
  return Buffer.concat([BASE_JPEG.subarray(0, 2), ...segments, BASE_JPEG.subarray(2)]);
}

/** BASE_JPEG with its frame header declaring another size. */
export function jpegSized(width: number, height: number): Buffer {
  const out = Buffer.from(BASE_JPEG);
  const sof = out.indexOf(Buffer.from([0xff, 0xc0]));
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

/** A little-endian TIFF (EXIF) block: IFD0 at 8 with the given entries, then `tail`. */
function tiff(
  entries: { tag: number; type: number; count: number; value: number }[],
  next: number,
  tail = Buffer.alloc(0),
): Buffer {
  const head = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach((e, i) => {
    ifd.writeUInt16LE(e.tag, 2 + i * 12);
    ifd.writeUInt16LE(e.type, 4 + i * 12);
    ifd.writeUInt32LE(e.count, 6 + i * 12);
    ifd.writeUInt32LE(e.value, 10 + i * 12);
  });
  ifd.writeUInt32LE(next, 2 + entries.length * 12);
  return Buffer.concat([head, ifd, tail]);
}

const exifApp1 = (tiffBlock: Buffer) =>
  jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffBlock]));

/** A ZIP archive of one stored file (local header, central directory, end record). */
export function zipOf(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name, 'latin1');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, content]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/** Deterministic bytes (xorshift32), never starting with a known signature. */
export function seededBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  out[0] = 0x00; // no magic starts with NUL followed by this
  out[1] = 0x13;
  return out;
}

const gif = (width: number, height: number) => {
  const head = Buffer.alloc(13);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  // Then an image descriptor of 1×1, a one-byte LZW stream, and the trailer.
  return Buffer.concat([
    head,
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
  ]);
};

function webpVp8x(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunk = Buffer.concat([Buffer.from('VP8X', 'latin1'), u32le(10), vp8x]);
  return Buffer.concat([
    Buffer.from('RIFF', 'latin1'),
    u32le(4 + chunk.length),
    Buffer.from('WEBP', 'latin1'),
    chunk,
  ]);
}

function u32le(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function bmp(width: number, height: number): Buffer {
  const b = Buffer.alloc(54 + 4);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

/**
 * A minimal uncompressed 8-bit grey TIFF whose first IFD declares `width` × `height`
 * (ImageWidth and ImageLength as `type`: 3 SHORT, 4 LONG), in either byte order, with
 * one strip of `pixels` bytes (the rest is not there: nothing is decoded to size it).
 */
export function tiffImage({
  width,
  height,
  order = 'II',
  type = 4,
  pixels = 16,
}: {
  width: number;
  height: number;
  order?: 'II' | 'MM';
  type?: 3 | 4;
  pixels?: number;
}): Buffer {
  const le = order === 'II';
  const entries: [number, number, number][] = [
    [256, type, width], // ImageWidth
    [257, type, height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: black is zero
    [273, 4, 0], // StripOffsets (set below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, pixels], // StripByteCounts
  ];
  const ifdLength = 2 + entries.length * 12 + 4;
  const out = Buffer.alloc(8 + ifdLength + pixels, 0x80);
  const w16 = (n: number, at: number) => (le ? out.writeUInt16LE(n, at) : out.writeUInt16BE(n, at));
  const w32 = (n: number, at: number) =>
    le ? out.writeUInt32LE(n >>> 0, at) : out.writeUInt32BE(n >>> 0, at);
  out.write(order, 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  w16(entries.length, 8);
  entries.forEach(([tag, entryType, value], i) => {
    const at = 10 + i * 12;
    w16(tag, at);
    w16(entryType, at + 2);
    w32(1, at + 4);
    // A value of count 1 is left-justified in its 4-byte field.
    if (entryType === 3) w16(value, at + 8);
    else w32(tag === 273 ? 8 + ifdLength : value, at + 8);
  });
  w32(0, 8 + ifdLength - 4); // no next IFD
  return out;
}

/** An ISO-BMFF box: 32-bit size, type, then its payload. */
export function isoBox(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32be(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

/** A full box: version 0 and no flags before its payload. */
const fullBox = (type: string, ...payload: Buffer[]) => isoBox(type, Buffer.alloc(4), ...payload);

/** The `ispe` property: image spatial extents. */
export const ispe = (width: number, height: number) => fullBox('ispe', u32be(width), u32be(height));

/**
 * A HEIF file as far as its size is read: `ftyp` (`brand`, compatible mif1 and `brand`),
 * then `meta` (hdlr pict, pitm, iprp → ipco holding `properties`, ipma giving the
 * first item the first property), then a small `mdat`.
 */
export function heifImage(brand: 'heic' | 'avif', properties: Buffer[]): Buffer {
  const ftyp = isoBox('ftyp', Buffer.from(`${brand}\0\0\0\0mif1${brand}`, 'latin1'));
  const hdlr = fullBox('hdlr', Buffer.alloc(4), Buffer.from('pict', 'latin1'), Buffer.alloc(13));
  const pitm = fullBox('pitm', u16be(1));
  const ipma = fullBox('ipma', u32be(1), u16be(1), Buffer.from([1, 0x81]));
  const meta = fullBox('meta', hdlr, pitm, isoBox('iprp', isoBox('ipco', ...properties), ipma));
  return Buffer.concat([ftyp, meta, isoBox('mdat', Buffer.alloc(16))]);
}

/** A small PDF whose catalog's extra entries and further objects are given as text. */
export function pdfDocument(catalogExtra = '', ...objects: string[]): Buffer {
  const body = [
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>\nendobj`,
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj',
    ...objects.map((o, i) => `${i + 3} 0 obj\n${o}\nendobj`),
  ].join('\n');
  return Buffer.from(
    `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/**
 * A stream object's text for pdfDocument: its dictionary's entries (its /Length is
 * added) and its data, as latin1 (each byte one character, so binary data survives).
 */
export function pdfStream(dictionary: string, data: Buffer): string {
  return `<< ${dictionary} /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

/**
 * The text of a FlateDecode object stream (PDF 1.5) holding one object, `body`, as
 * object `number`; `extra` adds entries to its dictionary.
 */
export function pdfObjectStream(number: number, body: string, extra = ''): string {
  const header = `${number} 0 `;
  const dictionary = `/Type /ObjStm /N 1 /First ${header.length} ${extra}/Filter /FlateDecode`;
  return pdfStream(dictionary, deflateSync(Buffer.from(header + body, 'latin1')));
}

const SCRIPT = '<script>alert(document.cookie)</script>';

/** The corpus (built fresh on each call: the buffers are the caller's). */
export function hostileFiles(): HostileFile[] {
  const selfLoop = tiff(
    [
      { tag: 0x010f, type: 2, count: 4, value: 0x00414141 }, // Make "AAA"
      { tag: 0x8769, type: 4, count: 1, value: 8 }, // ExifIFD → IFD0 itself
      { tag: 0x8825, type: 4, count: 1, value: 8 }, // GPS IFD → IFD0 itself
    ],
    8, // the next IFD (IFD1) is IFD0 again
  );
  const absurdCount = Buffer.from(tiff([], 0));
  absurdCount.writeUInt16LE(0xffff, 8); // 65,535 entries in an IFD of 6 bytes
  const farOffsets = tiff(
    [
      { tag: 0x8769, type: 4, count: 1, value: 0x7fffffff },
      { tag: 0x010f, type: 2, count: 0x40000000, value: 0x7ffffff0 }, // 1 GiB of Make, far away
    ],
    0xfffffff0,
  );
  const truncatedJpeg = jpegWith(jpegSegment(0xfe, Buffer.alloc(400, 0x20)));
  return [
    {
      name: 'png-ihdr-100000x100000.png',
      contentType: 'image/png',
      data: pngWith([], { width: 100_000, height: 100_000 }),
      expect: 'too_many_pixels',
      why: 'a PNG whose IHDR declares 10 gigapixels (a decompression bomb)',
    },
    {
      name: 'jpeg-sof-65535x65535.jpg',
      contentType: 'image/jpeg',
      data: jpegSized(65_535, 65_535),
      expect: 'too_many_pixels',
      why: 'a JPEG whose frame header declares 65535×65535',
    },
    {
      name: 'gif-screen-65535x65535.gif',
      contentType: 'image/gif',
      data: gif(65_535, 65_535),
      expect: 'too_many_pixels',
      why: 'a GIF whose logical screen is 65535×65535',
    },
    {
      name: 'webp-vp8x-16384x16384.webp',
      contentType: 'image/webp',
      data: webpVp8x(16_384, 16_384),
      expect: 'too_many_pixels',
      why: 'a WebP canvas of 16384×16384, just above the default 16383×16383',
    },
    {
      name: 'bmp-50000x50000.bmp',
      contentType: 'image/bmp',
      data: bmp(50_000, 50_000),
      expect: 'too_many_pixels',
      why: 'a BMP header of 50000×50000',
    },
    {
      name: 'jpeg-sof-0x0.jpg',
      contentType: 'image/jpeg',
      data: jpegSized(0, 0),
      expect: 'unreadable',
      why: 'a JPEG frame of no pixels',
    },
    {
      name: 'jpeg-truncated-half.jpg',
      contentType: 'image/jpeg',
      data: truncatedJpeg.subarray(0, truncatedJpeg.length >> 1),
      expect: 'unreadable',
      why: 'a JPEG cut in half (inside its header: a segment runs past the end)',
    },
    {
      name: 'jpeg-no-eoi.jpg',
      contentType: 'image/jpeg',
      data: BASE_JPEG.subarray(0, BASE_JPEG.length - 2),
      expect: 'unreadable',
      why: 'a JPEG cut inside its scan data (no end-of-image marker)',
    },
    {
      name: 'jpeg-no-scan.jpg',
      contentType: 'image/jpeg',
      data: Buffer.concat([
        BASE_JPEG.subarray(0, BASE_JPEG.indexOf(Buffer.from([0xff, 0xda]))),
        Buffer.from([0xff, 0xd9]),
      ]),
      expect: 'unreadable',
      why: 'a JPEG whose headers end in EOI without a scan',
    },
    {
      name: 'jpeg-app1-past-end.jpg',
      contentType: 'image/jpeg',
      data: Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]),
        Buffer.from('Exif\0\0II*\0', 'latin1'),
        Buffer.alloc(100),
      ]),
      expect: 'unreadable',
      why: 'an APP1 segment whose length (65535) runs past the end of the file',
    },
    {
      name: 'jpeg-garbage-between-segments.jpg',
      contentType: 'image/jpeg',
      data: Buffer.concat([
        BASE_JPEG.subarray(0, 71),
        Buffer.from('garbage'),
        BASE_JPEG.subarray(71),
      ]),
      expect: 'unreadable',
      why: 'bytes that are no marker where a segment should start (after the first DQT)',
    },
    {
      name: 'exif-ifd-self-loop.jpg',
      contentType: 'image/jpeg',
      data: jpegWith(exifApp1(selfLoop)),
      expect: null,
      why: 'EXIF whose IFD0, Exif IFD, GPS IFD and IFD1 all point at IFD0',
    },
    {
      name: 'exif-absurd-entry-count.jpg',
      contentType: 'image/jpeg',
      data: jpegWith(exifApp1(absurdCount)),
      expect: null,
      why: 'an IFD that claims 65,535 entries in 6 bytes',
    },
    {
      name: 'exif-offsets-far-away.jpg',
      contentType: 'image/jpeg',
      data: jpegWith(exifApp1(farOffsets)),
      expect: null,
      why: 'EXIF offsets and counts pointing gigabytes past the end',
    },
    {
      name: 'jpeg-10000-comments.jpg',
      contentType: 'image/jpeg',
      data: jpegWith(...Array.from({ length: 10_000 }, () => jpegSegment(0xfe, Buffer.from('x')))),
      expect: null,
      why: '10,000 comment segments before the frame (a slow walk, if any)',
    },
    {
      name: 'jpeg-zip-polyglot.jpg',
      contentType: 'image/jpeg',
      data: Buffer.concat([BASE_JPEG, zipOf('payload.html', Buffer.from(SCRIPT))]),
      expect: 'type_mismatch',
      why: 'a JPEG with a ZIP archive appended (opens as both)',
    },
    {
      name: 'jpeg-html-appended.jpg',
      contentType: 'image/jpeg',
      data: Buffer.concat([BASE_JPEG, Buffer.from(`<html><body>${SCRIPT}</body></html>`)]),
      expect: 'type_mismatch',
      why: 'a JPEG with HTML and script after its end',
    },
    {
      name: 'jpeg-script-in-comment.jpg',
      contentType: 'image/jpeg',
      data: jpegWith(jpegSegment(0xfe, Buffer.from(SCRIPT.toUpperCase()))),
      expect: 'type_mismatch',
      why: 'a JPEG with <SCRIPT> in a comment segment (sniffed as HTML by old browsers)',
    },
    {
      name: 'png-script-in-text.png',
      contentType: 'image/png',
      data: pngWith([pngChunk('tEXt', Buffer.from(`Comment\0${SCRIPT}`, 'latin1'))]),
      expect: 'type_mismatch',
      why: 'a PNG with script in a tEXt chunk',
    },
    {
      name: 'png-no-iend.png',
      contentType: 'image/png',
      data: BASE_PNG.subarray(0, BASE_PNG.length - 12),
      expect: 'unreadable',
      why: 'a PNG without its IEND chunk (truncated)',
    },
    {
      name: 'png-chunk-past-end.png',
      contentType: 'image/png',
      data: Buffer.concat([
        pngWith().subarray(0, 33),
        u32be(0x7ffffff0),
        Buffer.from('IDAT', 'latin1'),
        Buffer.alloc(16),
      ]),
      expect: 'unreadable',
      why: 'a PNG chunk whose length runs 2 GiB past the end',
    },
    {
      name: 'tiff-ifd-100000x100000.tif',
      contentType: 'image/tiff',
      data: tiffImage({ width: 100_000, height: 100_000 }),
      expect: 'too_many_pixels',
      why: 'a little-endian TIFF whose first IFD declares 100000×100000 (LONG)',
    },
    {
      name: 'tiff-mm-short-65535x65535.tif',
      contentType: 'image/tiff',
      data: tiffImage({ width: 65_535, height: 65_535, order: 'MM', type: 3 }),
      expect: 'too_many_pixels',
      why: 'a big-endian TIFF whose first IFD declares 65535×65535 (SHORT)',
    },
    {
      name: 'tiff-ifd-truncated.tif',
      contentType: 'image/tiff',
      data: tiffImage({ width: 16, height: 12 }).subarray(0, 40),
      expect: 'unreadable',
      why: 'a TIFF cut inside its first IFD',
    },
    {
      name: 'tiff-ifd-outside.tif',
      contentType: 'image/tiff',
      data: Buffer.from([0x49, 0x49, 0x2a, 0, 0xf0, 0xff, 0xff, 0x7f, 0, 0, 0, 0]),
      expect: 'unreadable',
      why: 'a TIFF whose first IFD is 2 GiB past the end',
    },
    {
      name: 'avif-ispe-20000x20000.avif',
      contentType: 'image/avif',
      data: heifImage('avif', [ispe(20_000, 20_000)]),
      expect: 'too_many_pixels',
      why: 'an AVIF whose image spatial extents (ispe) are 20000×20000',
    },
    {
      name: 'heic-hidden-ispe-20000x20000.heic',
      contentType: 'image/heic',
      data: heifImage('heic', [ispe(64, 48), ispe(20_000, 20_000)]),
      expect: 'too_many_pixels',
      why: 'a HEIC with a small first image and a 20000×20000 second one',
    },
    {
      name: 'heic-box-past-end.heic',
      contentType: 'image/heic',
      data: (() => {
        const file = heifImage('heic', [ispe(64, 48)]);
        file.writeUInt32BE(0x7ffffff0, file.indexOf('meta') - 4);
        return file;
      })(),
      expect: 'unreadable',
      why: 'a HEIC whose meta box runs 2 GiB past the end',
    },
    {
      name: 'heic-no-ispe.heic',
      contentType: 'image/heic',
      data: heifImage('heic', [fullBox('irot', Buffer.from([1]))]),
      expect: 'unreadable',
      why: 'a HEIC without the image spatial extents every image must have',
    },
    {
      name: 'pdf-javascript-open-action.pdf',
      contentType: 'application/pdf',
      data: pdfDocument('/OpenAction 3 0 R ', '<< /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      expect: 'active_content',
      why: 'a PDF that runs JavaScript when opened',
    },
    {
      name: 'pdf-javascript-in-object-stream.pdf',
      contentType: 'application/pdf',
      data: pdfDocument(
        '/OpenAction 4 0 R ',
        pdfObjectStream(4, '<< /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      ),
      expect: 'active_content',
      why: 'a PDF whose JavaScript action is hidden in a compressed object stream (PDF 1.5)',
    },
    {
      name: 'pdf-hex-escaped-javascript.pdf',
      contentType: 'application/pdf',
      data: pdfDocument('/OpenAction 3 0 R ', '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>'),
      expect: 'active_content',
      why: 'a PDF whose /JavaScript and /JS names are written with #xx escapes',
    },
    {
      name: 'pdf-launch-as-octet-stream.bin',
      contentType: 'application/octet-stream',
      data: pdfDocument('/OpenAction 3 0 R ', '<< /S /Launch /F (cmd.exe) >>'),
      expect: 'active_content',
      why: 'a PDF that launches a program when opened, declared as nothing in particular',
    },
    {
      name: 'pdf-plain-open-action.pdf',
      contentType: 'application/pdf',
      data: pdfDocument('/OpenAction [2 0 R /Fit] /JSON (not a name we refuse) '),
      expect: null,
      why: 'a plain PDF that opens at a page (/OpenAction without script) and names /JSON',
    },
    {
      name: 'pdf-zip-polyglot.pdf',
      contentType: 'application/pdf',
      data: Buffer.concat([Buffer.from('%PDF-1.4\n%%EOF\n'), zipOf('a.txt', Buffer.from('a'))]),
      expect: 'type_mismatch',
      why: 'a PDF with a ZIP archive appended',
    },
    {
      name: 'svg-script.svg',
      contentType: 'image/svg+xml',
      data: Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${SCRIPT}</svg>`,
      ),
      expect: 'active_content',
      why: 'an SVG with a script element and an onload handler',
    },
    {
      name: 'svg-xml-comment-as-text.txt',
      contentType: 'text/plain',
      data: Buffer.from(
        `\uFEFF<?xml version="1.0"?>\n<!-- a drawing -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`,
      ),
      expect: 'active_content',
      why: 'an SVG behind a BOM, an XML declaration, a comment and a DOCTYPE, declared as text',
    },
    {
      name: 'html-as-png.png',
      contentType: 'image/png',
      data: Buffer.from(`<!DOCTYPE html><html><body>${SCRIPT}</body></html>`),
      expect: 'active_content',
      why: 'an HTML page declared as a PNG',
    },
    {
      name: 'script-as-csv.csv',
      contentType: 'text/csv',
      data: Buffer.from(`  ${SCRIPT}\nAmount\n12.50\n`),
      expect: 'active_content',
      why: 'a "CSV" that starts with a script tag',
    },
    {
      name: 'empty.jpg',
      contentType: 'image/jpeg',
      data: Buffer.alloc(0),
      expect: 'unreadable',
      why: 'an empty file',
    },
    {
      name: 'random-as-jpeg.jpg',
      contentType: 'image/jpeg',
      data: seededBytes(4096),
      expect: 'type_mismatch',
      why: 'random bytes declared as a JPEG',
    },
    {
      name: 'jpeg-as-png.png',
      contentType: 'image/png',
      data: BASE_JPEG,
      expect: 'type_mismatch',
      why: 'a real JPEG declared as a PNG',
    },
    {
      name: 'zip-as-csv.csv',
      contentType: 'text/csv',
      data: zipOf('x.csv', Buffer.from('a,b\n1,2\n')),
      expect: 'type_mismatch',
      why: 'a ZIP archive declared as CSV',
    },
    {
      name: 'utf16-text.txt',
      contentType: 'text/plain',
      data: Buffer.from('\uFEFFhello', 'utf16le'),
      expect: 'type_mismatch',
      why: 'UTF-16 text (NUL bytes): not the UTF-8 text it is declared as',
    },
  ];
}
