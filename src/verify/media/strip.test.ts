import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  BASE_PNG,
  heifImage,
  ispe,
  jpegSegment,
  jpegWith,
  pngChunk,
  pngWith,
} from '../../../test/hostile-files.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import {
  blanked,
  box,
  ftyp,
  fullBox,
  largeBox,
  openBox,
  riffChunk,
  text,
  u16,
  u32,
  vp8x,
  webpFile,
} from './containers.fixture.js';
import { MAX_DEPTH } from './isobmff.js';
import { STRIPPED_TYPES, stripMetadata } from './strip.js';

const DIR = path.join(sharedFixtures(), 'exif-jpeg');
const work = mkdtempSync(path.join(tmpdir(), 'tipwire-strip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** exiftool's reading of bytes (-n: numbers as numbers), through a temporary file. */
function exiftool(bytes: Buffer, ...tags: string[]): Record<string, unknown> {
  const file = path.join(work, `f${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, bytes);
  const out = execFileSync('exiftool', ['-j', '-n', ...tags, file], { encoding: 'utf8' });
  return (JSON.parse(out) as Record<string, unknown>[])[0]!;
}

const IDENTIFYING = [
  '-GPSLatitude',
  '-GPSLongitude',
  '-Make',
  '-Model',
  '-DateTimeOriginal',
  '-SerialNumber',
  '-Software',
  '-Artist',
  '-Copyright',
  '-Comment',
  '-XMP:all',
  '-IPTC:all',
];

describe('stripMetadata: JPEG', () => {
  const fixtures = readdirSync(DIR)
    .filter((f) => f.endsWith('.jpg'))
    .sort();

  it('drops GPS, make, model, times, names and comments from every fixture', () => {
    expect(fixtures).toHaveLength(41);
    for (const name of fixtures) {
      const original = readFileSync(path.join(DIR, name));
      const stripped = stripMetadata(original);
      expect(stripped, name).not.toBeNull();
      const left = exiftool(stripped!, ...IDENTIFYING);
      expect(
        Object.keys(left).filter((k) => k !== 'SourceFile'),
        name,
      ).toEqual([]);
    }
    // Sanity: the readings above can fail: the originals do carry them.
    expect(
      exiftool(readFileSync(path.join(DIR, 'Ricoh2.jpg')), '-GPSLatitude', '-Make'),
    ).toMatchObject({
      GPSLatitude: expect.closeTo(42.034575, 6),
      Make: 'RICOH',
    });
  });

  it('still decodes every fixture to the same size', async () => {
    for (const name of fixtures) {
      const original = readFileSync(path.join(DIR, name));
      const before = await sharp(original).metadata();
      const { info } = await sharp(stripMetadata(original)!)
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height], name).toEqual([before.width, before.height]);
    }
  });

  it('keeps the ICC profile (APP2) and the Adobe segment (APP14), the pixels’ meaning', async () => {
    const withIcc = await sharp(BASE_JPEG).withIccProfile('p3').jpeg().toBuffer();
    const adobe = jpegSegment(0xee, Buffer.from([...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 1]));
    const file = Buffer.concat([
      withIcc.subarray(0, 2),
      adobe,
      jpegSegment(0xe1, Buffer.from('Exif\0\0junk')),
      withIcc.subarray(2),
    ]);
    const stripped = stripMetadata(file)!;
    expect(
      exiftool(stripped, '-ICC_Profile:ProfileDescription', '-APP14:DCTEncodeVersion'),
    ).toMatchObject({
      ProfileDescription: expect.stringMatching(/P3/i),
      DCTEncodeVersion: 100,
    });
    expect(stripped.includes(Buffer.from('Exif\0\0junk'))).toBe(false);
  });

  it('drops an APP2 that is not ICC (MPF), COM, and bytes after the end of the image', () => {
    const mpf = jpegSegment(0xe2, Buffer.from('MPF\0rest'));
    const file = Buffer.concat([
      jpegWith(mpf, jpegSegment(0xfe, Buffer.from('a comment'))),
      Buffer.from('trailing'),
    ]);
    expect(stripMetadata(file)).toEqual(BASE_JPEG);
  });

  it('drops an APP14 that is not Adobe’s and the last application segment, APP15', () => {
    const notAdobe = jpegSegment(0xee, Buffer.from('Other\0rest'));
    const app15 = jpegSegment(0xef, Buffer.from('vendor data'));
    expect(stripMetadata(jpegWith(notAdobe, app15))).toEqual(BASE_JPEG);
  });

  it('makes no copy of a broken JPEG', () => {
    expect(stripMetadata(BASE_JPEG.subarray(0, BASE_JPEG.length - 2))).toBeNull();
  });
});

describe('stripMetadata: PNG', () => {
  it('drops tEXt, zTXt, iTXt, eXIf and tIME and keeps the image', async () => {
    const exifTiff = Buffer.from('II*\0\x08\0\0\0\0\0\0\0\0\0', 'latin1');
    const file = pngWith([
      pngChunk('tEXt', Buffer.from('Author\0Someone', 'latin1')),
      pngChunk('iTXt', Buffer.from('Comment\0\0\0\0\0hello', 'latin1')),
      pngChunk('zTXt', Buffer.from('Title\0\0x\x9c\x03\0\0\0\0\x01', 'latin1')),
      pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 20, 21, 0, 0])),
      pngChunk('eXIf', exifTiff),
    ]);
    expect(exiftool(file, '-PNG:Author')).toMatchObject({ Author: 'Someone' });
    const stripped = stripMetadata(file)!;
    expect(stripped).toEqual(BASE_PNG);
    const meta = await sharp(stripped).metadata();
    expect([meta.width, meta.height]).toEqual([16, 12]);
  });

  it('makes no copy of other types or of a broken PNG', () => {
    expect(stripMetadata(BASE_PNG.subarray(0, 40))).toBeNull();
    expect(stripMetadata(Buffer.from('GIF89a'))).toBeNull();
    expect(stripMetadata(Buffer.from('a,b\n'))).toBeNull();
    expect(stripMetadata(Buffer.alloc(0))).toBeNull();
  });
});

describe('STRIPPED_TYPES', () => {
  it('names the types a copy is made for', () => {
    expect([...STRIPPED_TYPES].sort()).toEqual([
      'audio/mp4',
      'image/jpeg',
      'image/png',
      'image/webp',
      'video/mp4',
      'video/quicktime',
    ]);
  });
});

const XMP_PACKET =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/">' +
  '<dc:creator><rdf:Seq><rdf:li>Someone Named</rdf:li></rdf:Seq></dc:creator>' +
  '<exif:GPSLatitude>37,30.54N</exif:GPSLatitude><exif:GPSLongitude>127,3.72E</exif:GPSLongitude>' +
  '</rdf:Description></rdf:RDF></x:xmpmeta>';

/** VP8X's flags byte: the first byte of its data, after RIFF's 12 bytes and its own 8. */
const VP8X_FLAGS_AT = 20;

describe('stripMetadata: WebP', () => {
  const ricoh = () => readFileSync(path.join(DIR, 'Ricoh2.jpg'));

  it('drops the EXIF (GPS, make) and XMP of a photo saved as WebP, and keeps its pixels', async () => {
    const original = await sharp(ricoh()).keepExif().withXmp(XMP_PACKET).webp().toBuffer();
    expect(exiftool(original, '-GPSLatitude', '-Make', '-XMP:Creator')).toMatchObject({
      GPSLatitude: expect.closeTo(42.034575, 6),
      Make: 'RICOH',
      Creator: 'Someone Named',
    });
    expect(original[VP8X_FLAGS_AT]! & 0x0c).toBe(0x0c);

    const stripped = stripMetadata(original)!;
    const left = exiftool(stripped, ...IDENTIFYING);
    expect(Object.keys(left).filter((k) => k !== 'SourceFile')).toEqual([]);
    expect(stripped[VP8X_FLAGS_AT]! & 0x0c).toBe(0);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    const [before, after] = await Promise.all([
      sharp(original).metadata(),
      sharp(stripped).metadata(),
    ]);
    expect([after.width, after.height]).toEqual([before.width, before.height]);
    expect([after.exif, after.xmp]).toEqual([undefined, undefined]);
    const [pixels, strippedPixels] = await Promise.all([
      sharp(original).raw().toBuffer(),
      sharp(stripped).raw().toBuffer(),
    ]);
    expect(strippedPixels.equals(pixels)).toBe(true);
  });

  it('keeps every other chunk byte for byte, padding included, and the other VP8X flags', async () => {
    const plain = await sharp({
      create: { width: 16, height: 12, channels: 3, background: '#3a7' },
    })
      .webp({ lossless: true })
      .toBuffer();
    const image = plain.subarray(12); // its one VP8L chunk
    const unknown = riffChunk('ABCD', Buffer.from('odd'));
    const file = webpFile(
      vp8x(0x10 | 0x0c, 16, 12), // alpha, EXIF, XMP
      image,
      riffChunk('EXIF', Buffer.from('MM\0*\0\0\0\x08\0\0\0')), // 11 bytes: padded
      unknown,
      riffChunk('XMP ', Buffer.from(XMP_PACKET.slice(0, 41))),
    );
    const stripped = stripMetadata(file)!;
    expect(stripped).toEqual(webpFile(vp8x(0x10, 16, 12), image, unknown));
    expect((await sharp(stripped).metadata()).width).toBe(16);
  });

  it('copies a plain lossy WebP (VP8) as it is', async () => {
    const lossy = await sharp({
      create: { width: 16, height: 12, channels: 3, background: '#3a7' },
    })
      .webp()
      .toBuffer();
    expect(lossy.subarray(12, 16).toString('latin1')).toBe('VP8 ');
    expect(stripMetadata(lossy)).toEqual(lossy);
  });

  it('drops bytes after the RIFF end', () => {
    const image = riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]));
    const file = Buffer.concat([webpFile(image), riffChunk('EXIF', Buffer.from('gps'))]);
    expect(stripMetadata(file)).toEqual(webpFile(image));
  });

  it('makes no copy of a broken WebP', () => {
    const image = riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]));
    const file = webpFile(image, riffChunk('EXIF', Buffer.from('gps')));
    expect(stripMetadata(file.subarray(0, file.length - 2))).toBeNull();
    expect(stripMetadata(webpFile(riffChunk('VP8X', Buffer.alloc(9)), image))).toBeNull();
  });
});

/** QuickTime's international text: length, language (0x15c7: "eng" packed), the text. */
const qtText = (type: string, value: string) =>
  box(type, u16(value.length), u16(0x15c7), text(value));

/** An iTunes-style item: the value in a `data` box (type 1: UTF-8, locale 0). */
const item = (type: string, value: string) => box(type, box('data', u32(1), u32(0), text(value)));

const key = (name: string) => Buffer.concat([u32(8 + name.length), text('mdta'), text(name)]);

const handler = (type: string) =>
  fullBox('hdlr', u32(0), text(type), Buffer.alloc(12), Buffer.alloc(1));

const MATRIX = Buffer.concat([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32));
const mvhd = fullBox(
  'mvhd',
  Buffer.alloc(8), // creation and modification times
  u32(1000),
  u32(0),
  u32(0x10000),
  u16(0x100),
  Buffer.alloc(10),
  MATRIX,
  Buffer.alloc(24),
  u32(2),
);

const XMP_UUID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');
const SAMPLES = Buffer.from('the samples: never read, never touched \x00\x01\x02\xff');

/**
 * A phone's video as far as its metadata goes: `ftyp`, `moov` (mvhd; a track whose
 * `stco` points at the samples and whose `udta` has a date; the movie's `udta` with
 * ©xyz, ©mak, ©mod; Apple's `meta` with keys), an XMP `uuid`, `mdat`. `blank`: the
 * metadata boxes as the stripped copy should have them.
 */
function phoneVideo(blank = false): Buffer {
  const b = (metadata: Buffer) => (blank ? blanked(metadata) : metadata);
  const head = ftyp('mp42', 'mp42', 'isom');
  const xmp = b(box('uuid', XMP_UUID, text(XMP_PACKET)));
  const moov = (samplesAt: number) =>
    box(
      'moov',
      mvhd,
      box(
        'trak',
        fullBox('tkhd', Buffer.alloc(80)),
        box(
          'mdia',
          fullBox('mdhd', Buffer.alloc(8), u32(1000), u32(0), u16(0x55c4), u16(0)),
          handler('soun'),
          box('minf', box('stbl', fullBox('stco', u32(1), u32(samplesAt)))),
        ),
        b(box('udta', qtText('\xa9day', '2026-11-30T21:14:00+0900'))),
      ),
      b(
        box(
          'udta',
          qtText('\xa9xyz', '+37.5090+127.0620/'),
          qtText('\xa9mak', 'Apple'),
          qtText('\xa9mod', 'iPhone 15 Pro'),
        ),
      ),
      b(
        box(
          'meta',
          handler('mdta'),
          fullBox(
            'keys',
            u32(2),
            key('com.apple.quicktime.location.ISO6709'),
            key('com.apple.quicktime.make'),
          ),
          box(
            'ilst',
            item('\0\0\0\x01', '+37.5090+127.0620+010.000/'),
            item('\0\0\0\x02', 'Apple'),
          ),
        ),
      ),
    );
  const samplesAt = head.length + moov(0).length + xmp.length + 8;
  return Buffer.concat([head, moov(samplesAt), xmp, box('mdat', SAMPLES)]);
}

/** The one `stco` offset of a file made by phoneVideo. */
const stcoOffset = (file: Buffer) => file.readUInt32BE(file.indexOf('stco') + 12);

const VIDEO_TAGS = [
  '-a',
  '-G1',
  '-GPSCoordinates',
  '-GPSLatitude',
  '-Make',
  '-Model',
  '-ContentCreateDate',
  '-XMP:all',
];

describe('stripMetadata: MP4, MOV, M4A', () => {
  it('blanks the udta, meta and XMP boxes of a phone video: no GPS, make, model or date', () => {
    const original = phoneVideo();
    const found = exiftool(original, ...VIDEO_TAGS);
    expect(found).toMatchObject({
      'UserData:GPSCoordinates': expect.stringContaining('37.509'),
      'Keys:GPSCoordinates': expect.stringContaining('37.509'),
      'UserData:Make': 'Apple',
      'Keys:Make': 'Apple',
      'UserData:Model': 'iPhone 15 Pro',
      'XMP-dc:Creator': 'Someone Named',
    });
    const stripped = stripMetadata(original)!;
    expect(stripped).toEqual(phoneVideo(true));
    const left = exiftool(stripped, ...VIDEO_TAGS);
    expect(Object.keys(left).filter((k) => k !== 'SourceFile')).toEqual([]);
  });

  it('moves nothing: the same length, mdat as it was, the stco offset still at the samples', () => {
    const original = phoneVideo();
    const stripped = stripMetadata(original)!;
    expect(stripped.length).toBe(original.length);
    const mdat = original.lastIndexOf('mdat') - 4;
    expect(stripped.subarray(mdat).equals(original.subarray(mdat))).toBe(true);
    const at = stcoOffset(stripped);
    expect(at).toBe(stcoOffset(original));
    expect(stripped.subarray(at, at + SAMPLES.length).equals(SAMPLES)).toBe(true);
  });

  it('blanks an M4A’s iTunes tags (title, artist)', () => {
    const tags = (blank: boolean) => {
      const udta = box(
        'udta',
        fullBox(
          'meta',
          handler('mdir'),
          box('ilst', item('\xa9nam', 'Voice memo, home'), item('\xa9ART', 'Someone Named')),
        ),
      );
      return Buffer.concat([
        ftyp('M4A ', 'M4A ', 'mp42', 'isom'),
        box('moov', mvhd, blank ? blanked(udta) : udta),
        box('mdat', SAMPLES),
      ]);
    };
    expect(exiftool(tags(false), '-Title', '-Artist')).toMatchObject({
      Title: 'Voice memo, home',
      Artist: 'Someone Named',
    });
    const stripped = stripMetadata(tags(false))!;
    expect(stripped).toEqual(tags(true));
    expect(Object.keys(exiftool(stripped, '-Title', '-Artist'))).toEqual(['SourceFile']);
  });

  it('blanks them at the top level and in mdia, moof and traf too, in a MOV without ftyp', () => {
    const movie = (blank: boolean) => {
      const b = (metadata: Buffer) => (blank ? blanked(metadata) : metadata);
      return Buffer.concat([
        box('moov', mvhd, box('trak', box('mdia', b(box('meta', handler('mdta')))))),
        b(box('udta', qtText('\xa9xyz', '+37.5090+127.0620/'))),
        b(box('meta', handler('mdta'))),
        b(box('uuid', XMP_UUID)), // the usertype alone: still XMP's box
        box('moof', box('traf', b(box('udta', text('x'))), box('trun')), b(box('meta'))),
        box('mdat', SAMPLES),
      ]);
    };
    expect(stripMetadata(movie(false))).toEqual(movie(true));
  });

  it('keeps the size fields: a 64-bit largesize udta, a last mdat of size 0', () => {
    const udta = largeBox('udta', qtText('\xa9xyz', '+37.5090+127.0620/'));
    const file = (blank: boolean) =>
      Buffer.concat([
        ftyp('isom', 'isom'),
        box('moov', mvhd, blank ? blanked(udta) : udta),
        openBox('mdat', SAMPLES),
      ]);
    const stripped = stripMetadata(file(false))!;
    expect(stripped).toEqual(file(true));
    const at = file(false).indexOf('udta') - 4;
    expect(stripped.subarray(at, at + 16)).toEqual(
      Buffer.concat([u32(1), text('free'), udta.subarray(8, 16)]),
    );
    expect(stripped.subarray(at + 16, at + udta.length).every((b) => b === 0)).toBe(true);
  });

  it('keeps a uuid box that is not XMP', () => {
    const file = Buffer.concat([
      ftyp('isom', 'isom'),
      box('uuid', Buffer.from('85c0b687820f11e08111f4ce462b6a48', 'hex'), text('vendor')),
      box('uuid', XMP_UUID.subarray(0, 15)), // too short to name XMP
      box('uuid', Buffer.from(XMP_UUID).fill(0, 15), text('x')), // all but the last byte
      box('mdat', SAMPLES),
    ]);
    expect(stripMetadata(file)).toEqual(file);
  });

  it('makes no copy of HEIC, AVIF, or an MP4 whose ftyp names a HEIF brand (meta is the image)', () => {
    expect(stripMetadata(heifImage('heic', [ispe(16, 12)]))).toBeNull();
    expect(stripMetadata(heifImage('avif', [ispe(16, 12)]))).toBeNull();
    const meta = box('meta', handler('pict'));
    const withMeta = (head: Buffer, blank = false) =>
      Buffer.concat([head, blank ? blanked(meta) : meta, box('mdat')]);
    // HEIF (ISO/IEC 23008-12) and AVIF brands, images and image sequences.
    for (const brand of [
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
    ])
      expect(stripMetadata(withMeta(ftyp('mp42', 'mp42', brand))), brand).toBeNull();
    expect(stripMetadata(withMeta(ftyp('mp42', 'mif1')))).toBeNull();
    // The minor version (here "heic" read as a number) is not a brand.
    const minorHeic = ftyp('mp42', 'mp42');
    minorHeic.write('heic', 12, 'latin1');
    expect(stripMetadata(withMeta(minorHeic))).toEqual(withMeta(minorHeic, true));
  });

  it('makes no copy of a broken file: a size past the end or below its header', () => {
    const file = phoneVideo();
    expect(stripMetadata(file.subarray(0, file.length - 1))).toBeNull();
    const below = Buffer.from(file);
    below.writeUInt32BE(4, file.indexOf('udta') - 4);
    expect(stripMetadata(below)).toBeNull();
  });

  it(`makes a copy of containers nested ${MAX_DEPTH} deep, none of ${MAX_DEPTH + 1}`, () => {
    const nested = (depth: number, blank = false) => {
      let inner = blank ? blanked(box('udta', text('gps'))) : box('udta', text('gps'));
      for (let i = 0; i < depth; i++) inner = box('moov', inner);
      return Buffer.concat([ftyp('isom', 'isom'), inner]);
    };
    expect(stripMetadata(nested(MAX_DEPTH))).toEqual(nested(MAX_DEPTH, true));
    expect(stripMetadata(nested(MAX_DEPTH + 1))).toBeNull();
  });
});
