import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  BASE_PNG,
  jpegSegment,
  jpegWith,
  pngChunk,
  pngWith,
} from '../../../test/hostile-files.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { stripMetadata } from './strip.js';

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
