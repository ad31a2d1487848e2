import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../domain/settings.js';
import { createZoneFinder } from '../../normalize/zone-finder.js';
import { pointZoneAt } from '../../normalize/zones.js';
import { BASE_JPEG, jpegSegment, jpegSized } from '../../../test/hostile-files.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { MEDIA_SETTINGS } from '../settings.js';
import type { ZoneAt } from './capture-time.js';
import { editorNamed } from './editors.js';
import { exifFactsOf, readRawExif, signedDegrees } from './exif.js';
import { mediaFactsOf } from './media-facts.js';

const limits = defaultsOf(MEDIA_SETTINGS);
const zoneAt: ZoneAt = pointZoneAt(createZoneFinder());
const DIR = path.join(sharedFixtures(), 'exif-jpeg');
const exifOf = async (name: string) =>
  (await mediaFactsOf(readFileSync(path.join(DIR, name)), 'image/jpeg', limits, zoneAt)).exif;

describe('ExifFacts of real camera files (ExifTool’s test images)', () => {
  it('Ricoh2.jpg: camera +01:00 from its GPS time, in Spain where May is +02:00', async () => {
    const exif = await exifOf('Ricoh2.jpg');
    expect(exif).toMatchObject({
      localTime: '2006-05-26T11:48:48',
      cameraOffsetMinutes: 60,
      cameraOffsetSource: 'gps-time',
      gpsTime: Date.parse('2006-05-26T10:47:24Z'),
      gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
      takenAt: Date.parse('2006-05-26T11:48:48+01:00'),
      takenAtOffsetMinutes: 60,
      takenAtOffsetSource: 'gps-time',
      make: 'RICOH',
      model: 'Caplio Pro G3',
      software: null,
      editTraces: [],
    });
    expect(exif!.gps!.lat).toBeCloseTo(42.034575, 9);
    expect(exif!.gps!.lon).toBeCloseTo(-0.5075028, 7);
  });

  it('GPS.jpg: GPS time without a date stamp, taken 15:58:28+01:00, edited in Photoshop', async () => {
    const exif = await exifOf('GPS.jpg');
    expect(exif).toMatchObject({
      localTime: '2002-07-13T15:58:28',
      cameraOffsetMinutes: 60,
      cameraOffsetSource: 'gps-time',
      gpsTime: Date.parse('2002-07-13T14:58:24Z'),
      gpsZone: { name: 'Europe/London', offsetMinutes: 60 },
      takenAt: Date.parse('2002-07-13T15:58:28+01:00'),
      takenAtOffsetMinutes: 60,
      software: 'Adobe Photoshop 7.0',
      modifyTime: '2002-07-19T13:28:10',
      editTraces: ['software', 'modified_after_capture'],
    });
    expect(exif!.gps).toEqual({
      lat: expect.closeTo(54.98967, 5),
      lon: expect.closeTo(-1.91417, 5),
      accuracyMeters: null,
    });
  });

  it('Google.jpg: the offset tag wins; Apple.jpg: GPSHPositioningError is the accuracy', async () => {
    expect(await exifOf('Google.jpg')).toMatchObject({
      localTime: '2023-10-06T22:53:51.724',
      cameraOffsetMinutes: 120,
      cameraOffsetSource: 'offset-tag',
      gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
      takenAt: Date.parse('2023-10-06T22:53:51.724+02:00'),
    });
    expect((await exifOf('Apple.jpg'))!.gps!.accuracyMeters).toBe(165);
  });

  it('InfiRay.jpg: empty GPS values are no position', async () => {
    const exif = await exifOf('InfiRay.jpg');
    expect(exif).toMatchObject({
      gps: null,
      gpsTime: null,
      gpsZone: null,
      localTime: null,
      takenAt: null,
    });
  });

  it('keeps no serial number, owner, artist, copyright or description', async () => {
    for (const name of readdirSync(DIR)) {
      const exif = await exifOf(name);
      if (!exif) continue;
      expect(Object.keys(exif).sort(), name).toEqual([
        'cameraOffsetMinutes',
        'cameraOffsetSource',
        'editTraces',
        'gps',
        'gpsTime',
        'gpsZone',
        'localTime',
        'make',
        'model',
        'modifyTime',
        'software',
        'takenAt',
        'takenAtOffsetMinutes',
        'takenAtOffsetSource',
      ]);
      expect(JSON.stringify(exif), name).not.toMatch(
        /Ian Britton|FreeFoto|Copyright|Communications/i,
      );
    }
  });

  it('takes camera firmware for no editor, and names the editors it knows', async () => {
    const edited: string[] = [];
    for (const name of readdirSync(DIR).sort())
      if ((await exifOf(name))?.editTraces.includes('software')) edited.push(name);
    expect(edited).toEqual(['ExifTool.jpg', 'GE.jpg', 'GPS.jpg', 'XMP.jpg']);
    expect(editorNamed('Adobe Photoshop Lightroom Classic 12.0 (Windows)')).toBe('Adobe Photoshop');
    expect(editorNamed('美图秀秀')).toBe('Meitu');
    expect(editorNamed('Snapseed 2.0')).toBe('Snapseed');
    expect(editorNamed('darktable 4.6.1')).toBe('darktable');
    for (const firmware of [
      'HDR+ 1.0.570503588zd',
      'Ver1.000',
      'K10D Ver 1.30',
      '10.0.2',
      'E775v1.3u',
      'HD6.01.01.51.00',
      null,
    ])
      expect(editorNamed(firmware), String(firmware)).toBeNull();
  });
});

describe('signedDegrees: GPS from its DMS array and Ref', () => {
  it('signs south and west, refuses what is off the globe', () => {
    expect(signedDegrees([42, 2, 4.47], 'N', 90)).toBeCloseTo(42.034575, 9);
    expect(signedDegrees([0, 30, 27.01], 'W', 180)).toBeCloseTo(-0.5075028, 7);
    expect(signedDegrees([33, 51, 54], 'S', 90)).toBeCloseTo(-33.865, 9);
    expect(signedDegrees(12.5, 'E', 180)).toBe(12.5);
    expect(signedDegrees([91, 0, 0], 'N', 90)).toBeNull();
    expect(signedDegrees([null, null, null], '', 90)).toBeNull();
    expect(signedDegrees([1, 2, 3, 4], 'N', 90)).toBeNull();
    expect(signedDegrees(undefined, 'N', 90)).toBeNull();
  });
});

describe('edit traces', () => {
  const raw = (modify: string) => ({
    ifd0: { ModifyDate: modify },
    exif: { DateTimeOriginal: '2026:11:20 21:00:00' },
  });
  const traces = (modify: string, minutes = limits.exifModifiedAfterCaptureMinutes) =>
    exifFactsOf(raw(modify), {
      bytes: Buffer.alloc(0),
      tiffStart: null,
      image: null,
      limits: { ...limits, exifModifiedAfterCaptureMinutes: minutes },
      zoneAt: () => null,
    }).editTraces;

  it('modified_after_capture beyond TIPWIRE_EXIF_MODIFIED_AFTER_CAPTURE_MINUTES (10)', () => {
    expect(limits.exifModifiedAfterCaptureMinutes).toBe(10);
    expect(traces('2026:11:20 21:09:59')).toEqual([]);
    expect(traces('2026:11:20 21:10:00')).toEqual([]);
    expect(traces('2026:11:20 21:10:01')).toEqual(['modified_after_capture']);
    expect(traces('2026:11:20 20:00:00')).toEqual([]);
    expect(traces('2026:11:20 21:00:01', 0)).toEqual(['modified_after_capture']);
    expect(traces('2026:11:20 21:00:00', 0)).toEqual([]);
  });

  /** A JPEG of `width`×`height` whose EXIF holds BASE_JPEG (16×12) as its thumbnail. */
  function withThumbnail(
    width: number,
    height: number,
    orientation: number,
    thumbOrientation?: number,
  ) {
    const ifd1Entries = thumbOrientation === undefined ? 2 : 3;
    const ifd1At = 8 + 2 + 12 + 4;
    const thumbAt = ifd1At + 2 + ifd1Entries * 12 + 4;
    const tiff = Buffer.alloc(thumbAt);
    tiff.write('II*\0', 0, 'latin1');
    tiff.writeUInt32LE(8, 4);
    const entry = (at: number, tag: number, type: number, value: number) => {
      tiff.writeUInt16LE(tag, at);
      tiff.writeUInt16LE(type, at + 2);
      tiff.writeUInt32LE(1, at + 4);
      if (type === 3) tiff.writeUInt16LE(value, at + 8);
      else tiff.writeUInt32LE(value, at + 8);
    };
    tiff.writeUInt16LE(1, 8);
    entry(10, 0x0112, 3, orientation);
    tiff.writeUInt32LE(ifd1At, 22);
    tiff.writeUInt16LE(ifd1Entries, ifd1At);
    entry(ifd1At + 2, 0x0201, 4, thumbAt);
    entry(ifd1At + 14, 0x0202, 4, BASE_JPEG.length);
    if (thumbOrientation !== undefined) entry(ifd1At + 26, 0x0112, 3, thumbOrientation);
    const app1 = jpegSegment(
      0xe1,
      Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, BASE_JPEG]),
    );
    const main = jpegSized(width, height);
    return Buffer.concat([main.subarray(0, 2), app1, main.subarray(2)]);
  }
  const thumbTraces = async (file: Buffer, tolerance = limits.exifThumbnailAspectTolerance) =>
    (
      await mediaFactsOf(
        file,
        'image/jpeg',
        { ...limits, exifThumbnailAspectTolerance: tolerance },
        () => null,
      )
    ).exif?.editTraces;

  it('thumbnail_differs: a 4:3 thumbnail of a 16:9 photo, not of a 4:3 or letterboxed 3:2 one', async () => {
    expect(await thumbTraces(withThumbnail(1600, 1200, 1))).toEqual([]);
    expect(await thumbTraces(withThumbnail(1600, 900, 1))).toEqual(['thumbnail_differs']);
    expect(await thumbTraces(withThumbnail(1500, 1000, 1))).toEqual([]);
  });

  it('at TIPWIRE_EXIF_THUMBNAIL_ASPECT_TOLERANCE: 3:2 against 4:3 is 12.5 % apart', async () => {
    const threeTwo = withThumbnail(1500, 1000, 1);
    expect(await thumbTraces(threeTwo, 0.124)).toEqual(['thumbnail_differs']);
    expect(await thumbTraces(threeTwo, 0.126)).toEqual([]);
  });

  it('compares them as displayed: the thumbnail takes the photo’s orientation unless it has its own', async () => {
    // Stored 1200×1600 and rotated (6) to display 1600×1200; a thumbnail of its own orientation 1 matches.
    expect(await thumbTraces(withThumbnail(1200, 1600, 6, 1))).toEqual([]);
    // Stored 1600×1200 with orientation 6, the thumbnail stored 16×12 too: both display portrait.
    expect(await thumbTraces(withThumbnail(1600, 1200, 6))).toEqual([]);
    // Pixels rotated by an editor (stored 1200×1600, orientation reset to 1), the old landscape thumbnail kept.
    expect(await thumbTraces(withThumbnail(1200, 1600, 1))).toEqual(['thumbnail_differs']);
  });

  it('reads no thumbnail from the fixtures’ stubs (ExifTool left 28-byte ones)', async () => {
    expect((await exifOf('Ricoh2.jpg'))!.editTraces).toEqual([]);
  });
});

describe('readRawExif', () => {
  it('is null for bytes without EXIF and for exifr failures', async () => {
    expect(await readRawExif(BASE_JPEG)).toBeNull();
    expect(await readRawExif(Buffer.from('not an image'))).toBeNull();
    expect(await readRawExif(Buffer.alloc(0))).toBeNull();
  });
});
