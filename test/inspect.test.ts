/**
 * `tipwire inspect` through the real binary (dist/cli/main.js) over ExifTool's 41 camera
 * JPEGs (../shared/fixtures/exif-jpeg/): it agrees with `exiftool -n -j` on the EXIF
 * DateTimeOriginal and the signed GPS position of every one; Ricoh2.jpg's camera clock
 * (+01:00 by its GPS time, in Spain in May) gives exif.clock_zone_mismatch through the
 * exif check; GPS.jpg is taken at 15:58:28+01:00. A file it cannot read is named.
 *
 * The EXIF DateTimeOriginal (IFD tag 0x9003) is compared, not exiftool's preferred
 * DateTimeOriginal: for PhotoMechanic.jpg and FLIR.jpg that one is composed from IPTC or
 * read from a maker note, which tipwire does not read.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExifFacts, MediaFacts } from '../src/domain/media.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../src/verify/check.fixtures.js';
import type { CheckSubject } from '../src/verify/check.js';
import { exifCheck } from '../src/verify/checks/exif.check.js';
import { runCli } from './helpers.js';
import { sharedFixtures } from './shared-fixtures.js';

const DIR = path.join(sharedFixtures(), 'exif-jpeg');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.jpg'))
  .sort();

interface Inspected extends Pick<MediaFacts, 'detectedType' | 'width' | 'height' | 'rejected'> {
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
  exif: ExifFacts | null;
}

function inspect(file: string, args: string[] = []): Inspected {
  const r = runCli(['inspect', file, ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Inspected;
}

/** Several files in one run (a JSON array in their order): one process start, not 41. */
function inspectAll(files: string[], args: string[] = []): Inspected[] {
  const r = runCli(['inspect', ...files, ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Inspected[];
}

interface ExiftoolRow {
  SourceFile: string;
  DateTimeOriginal?: string;
  GPSLatitude?: number | string;
  GPSLongitude?: number | string;
}

const exiftool = (): ExiftoolRow[] =>
  JSON.parse(
    execFileSync(
      'exiftool',
      [
        '-j',
        '-n',
        '-EXIF:DateTimeOriginal',
        '-GPSLatitude',
        '-GPSLongitude',
        ...FILES.map((f) => path.join(DIR, f)),
      ],
      { encoding: 'utf8' },
    ),
  ) as ExiftoolRow[];

/** exiftool's `2006:05:26 11:48:48` as tipwire writes it. */
const isoLocal = (exif: string) => exif.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');

describe('tipwire inspect', () => {
  it(
    'agrees with exiftool -n on DateTimeOriginal and the signed GPS position of all 41 fixtures',
    { timeout: 60_000 },
    () => {
      expect(FILES).toHaveLength(41);
      const rows = new Map(exiftool().map((row) => [path.basename(row.SourceFile), row]));
      const all = inspectAll(
        FILES.map((f) => path.join(DIR, f)),
        ['--type', 'image/jpeg'],
      );
      expect(all).toHaveLength(41);
      let dated = 0;
      let placed = 0;
      for (const [i, name] of FILES.entries()) {
        const row = rows.get(name)!;
        const out = all[i]!;
        expect(out.detectedType, name).toBe('image/jpeg');
        expect(out.rejected, name).toBeNull();
        const localSeconds = out.exif?.localTime?.slice(0, 19) ?? null;
        expect(localSeconds, name).toBe(
          row.DateTimeOriginal ? isoLocal(row.DateTimeOriginal) : null,
        );
        if (row.DateTimeOriginal) dated++;
        if (typeof row.GPSLatitude === 'number' && typeof row.GPSLongitude === 'number') {
          placed++;
          expect(out.gps, name).not.toBeNull();
          expect(Math.abs(out.gps!.lat - row.GPSLatitude), name).toBeLessThan(1e-9);
          expect(Math.abs(out.gps!.lon - row.GPSLongitude), name).toBeLessThan(1e-9);
        } else {
          expect(out.gps, name).toBeNull();
        }
      }
      // The comparison is not empty: most fixtures are dated, five carry a position.
      expect(dated).toBe(33);
      expect(placed).toBe(5);
    },
  );

  it('GPS.jpg: taken 2002-07-13T15:58:28+01:00 (its GPS time has no date), edited', () => {
    const out = inspect(path.join(DIR, 'GPS.jpg'));
    expect(out.takenAt).toBe('2002-07-13T15:58:28+01:00');
    expect(out.gps).toEqual({ lat: expect.closeTo(54.98967, 5), lon: expect.closeTo(-1.91417, 5) });
    expect(out.exif!.editTraces).toContain('software');
  });

  it('Ricoh2.jpg: the exif check finds its camera clock unlike the zone of its position', () => {
    const out = inspect(path.join(DIR, 'Ricoh2.jpg'), ['--type', 'image/jpeg']);
    expect(out.takenAt).toBe('2006-05-26T11:48:48+01:00');
    expect(out.exif).toMatchObject({
      cameraOffsetMinutes: 60,
      cameraOffsetSource: 'gps-time',
      gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
    });
    const media: MediaFacts = { ...out, exif: out.exif };
    const taken = out.exif!.takenAt!;
    const subject: CheckSubject = emptySubject({
      reportId: 'r',
      receivedAt: taken + 3_600_000,
      time: {
        from: taken - 300_000,
        to: taken + 300_000,
        local: null,
        timezone: 'Europe/Madrid',
        zoneSource: 'timezone',
        precisionSeconds: 300,
      },
      place: { lat: 42.0346, lon: -0.5075, accuracyMeters: 50, text: null },
      timeSources: [],
      attachments: [{ id: 'a_1', contentType: 'image/jpeg', media }],
    });
    const found = exifCheck.run(subject, { settings: TEST_CHECK_SETTINGS });
    expect(found.map((f) => f.code)).toEqual(['exif.clock_zone_mismatch']);
    expect(found[0]!.evidence).toMatchObject({
      cameraOffsetMinutes: 60,
      zoneOffsetMinutes: 120,
      differenceMinutes: -60,
    });
  });

  it('prints the local time without an offset when none is known, and no position', () => {
    const out = inspect(path.join(DIR, 'Canon.jpg'));
    expect(out).toMatchObject({ takenAt: '2003-12-04T06:46:52', gps: null });
  });

  it('says a declared type that the bytes contradict', () => {
    const out = inspect(path.join(DIR, 'Canon.jpg'), ['--type', 'image/png']);
    expect(out.rejected).toEqual({
      reason: 'type_mismatch',
      detail: expect.stringContaining('image/png'),
    });
    expect(out.exif).toBeNull();
  });

  it('names a file it cannot read, and exits 1', () => {
    const missing = path.join(DIR, 'no-such-photo.jpg');
    const r = runCli(['inspect', missing]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`cannot read ${missing}`);
  });
});
