import { describe, expect, it } from 'vitest';
import {
  formatLocal,
  gpsDate,
  gpsInstant,
  gpsTimeOfDay,
  offsetFromGps,
  parseExifDateTime,
  parseOffset,
  resolveCaptureTime,
  type ZoneAt,
} from './capture-time.js';

const MIN = 60_000;
const local = (iso: string) => Date.parse(`${iso}Z`);
const madrid: ZoneAt = () => ({ name: 'Europe/Madrid', offsetMinutes: 120 });
const noZone: ZoneAt = () => null;

describe('EXIF dates as written (local ms, no zone of this process)', () => {
  it('reads DateTimeOriginal with its sub-seconds', () => {
    expect(parseExifDateTime('2006:05:26 11:48:48')).toBe(local('2006-05-26T11:48:48'));
    expect(parseExifDateTime('2016:09:28 18:18:05', '813')).toBe(local('2016-09-28T18:18:05.813'));
    expect(parseExifDateTime('2016:09:28 18:18:05', '8')).toBe(local('2016-09-28T18:18:05.800'));
    expect(parseExifDateTime('2016-09-28T18:18:05.5')).toBe(local('2016-09-28T18:18:05.500'));
  });
  it('refuses blank, zero and impossible dates', () => {
    for (const bad of [
      '    :  :     :  :  ',
      '0000:00:00 00:00:00',
      '2026:02:30 10:00:00',
      '2026:13:01 10:00:00',
      '2026:01:01 24:00:00',
      20260101,
      undefined,
    ])
      expect(parseExifDateTime(bad), String(bad)).toBeNull();
  });
  it('formats local ms with milliseconds only when there are some', () => {
    expect(formatLocal(local('2002-07-13T15:58:28'))).toBe('2002-07-13T15:58:28');
    expect(formatLocal(local('2002-07-13T15:58:28.111'))).toBe('2002-07-13T15:58:28.111');
  });
});

describe('offsets', () => {
  it('reads OffsetTimeOriginal within UTC−12…+14', () => {
    expect(parseOffset('+02:00')).toBe(120);
    expect(parseOffset('-05:30')).toBe(-330);
    expect(parseOffset('+14:00')).toBe(840);
    expect(parseOffset('+14:15')).toBeNull();
    expect(parseOffset('-12:00')).toBe(-720);
    expect(parseOffset('-12:15')).toBeNull();
    expect(parseOffset('+05:60')).toBeNull();
    expect(parseOffset('   :  ')).toBeNull();
  });
  it('rounds the camera−GPS difference to 15 min, within UTC−12…+14', () => {
    const at = local('2006-05-26T11:48:48');
    expect(offsetFromGps(at, at - 61.4 * MIN)).toBe(60);
    expect(offsetFromGps(at, at - 67.4 * MIN)).toBe(60);
    expect(offsetFromGps(at, at - 67.6 * MIN)).toBe(75);
    expect(offsetFromGps(at, at + 2 * MIN)).toBe(0);
    expect(Object.is(offsetFromGps(at, at + 2 * MIN), -0)).toBe(false);
    expect(offsetFromGps(at, at - 840 * MIN)).toBe(840);
    expect(offsetFromGps(at, at - 855 * MIN)).toBeNull();
    expect(offsetFromGps(at, at + 720 * MIN)).toBe(-720);
    expect(offsetFromGps(at, at + 735 * MIN)).toBeNull();
  });
});

describe('the GPS time', () => {
  it('reads the time stamp and date stamp', () => {
    expect(gpsTimeOfDay([10, 47, 24])).toBe((10 * 3600 + 47 * 60 + 24) * 1000);
    expect(gpsTimeOfDay([17, 17, 58.65])).toBe((17 * 3600 + 17 * 60 + 58.65) * 1000);
    expect(gpsTimeOfDay([null, null, null])).toBeNull();
    expect(gpsTimeOfDay([24, 0, 0])).toBeNull();
    expect(gpsDate('2006:05:26')).toBe(Date.UTC(2006, 4, 26));
    expect(gpsDate('')).toBeNull();
    expect(gpsDate('2006:02:30')).toBeNull();
  });
  it('with both stamps, is them', () => {
    expect(gpsInstant(3_600_000, Date.UTC(2006, 4, 26), null)).toBe(Date.UTC(2006, 4, 26, 1));
  });
  it('with the time alone, takes the day that puts it nearest the camera’s clock', () => {
    const tod = (h: number, m = 0) => (h * 60 + m) * MIN;
    // GPS.jpg: 15:58:28 local, 14:58:24 GPS → the same day.
    expect(gpsInstant(tod(14, 58) + 24_000, null, local('2002-07-13T15:58:28'))).toBe(
      Date.parse('2002-07-13T14:58:24Z'),
    );
    // 00:30 local in UTC+2 is 22:30 the day before.
    expect(gpsInstant(tod(22, 30), null, local('2026-06-10T00:30:00'))).toBe(
      Date.parse('2026-06-09T22:30:00Z'),
    );
    // 23:30 local in UTC−5 is 04:30 the day after.
    expect(gpsInstant(tod(4, 30), null, local('2026-06-10T23:30:00'))).toBe(
      Date.parse('2026-06-11T04:30:00Z'),
    );
    expect(gpsInstant(tod(4, 30), null, null)).toBeNull();
    expect(gpsInstant(null, Date.UTC(2026, 0, 1), local('2026-01-01T00:00:00'))).toBeNull();
  });
});

describe('resolveCaptureTime', () => {
  const at = local('2006-05-26T11:48:48');
  const gps = { lat: 42.034575, lon: -0.5075 };
  it('prefers the offset tag', () => {
    const r = resolveCaptureTime(
      { localMs: at, offsetTag: 120, gpsMs: at - 61 * MIN, gps },
      madrid,
    );
    expect(r).toMatchObject({
      cameraOffsetMinutes: 120,
      cameraOffsetSource: 'offset-tag',
      takenAt: at - 120 * MIN,
      takenAtOffsetMinutes: 120,
      takenAtOffsetSource: 'offset-tag',
    });
  });
  it('else the GPS time (Ricoh2: +01:00 in Spain in May, whose zone says +02:00)', () => {
    const r = resolveCaptureTime(
      { localMs: at, offsetTag: null, gpsMs: Date.parse('2006-05-26T10:47:24Z'), gps },
      madrid,
    );
    expect(r).toEqual({
      cameraOffsetMinutes: 60,
      cameraOffsetSource: 'gps-time',
      gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
      takenAt: Date.parse('2006-05-26T10:48:48Z'),
      takenAtOffsetMinutes: 60,
      takenAtOffsetSource: 'gps-time',
    });
  });
  it('else the zone of the GPS position, looked up near the wall clock', () => {
    const asked: number[] = [];
    const zoneAt: ZoneAt = (_lat, _lon, ms) => (
      asked.push(ms),
      { name: 'Europe/Madrid', offsetMinutes: 120 }
    );
    const r = resolveCaptureTime({ localMs: at, offsetTag: null, gpsMs: null, gps }, zoneAt);
    expect(r).toMatchObject({
      cameraOffsetMinutes: null,
      cameraOffsetSource: null,
      takenAt: at - 120 * MIN,
      takenAtOffsetMinutes: 120,
      takenAtOffsetSource: 'gps-zone',
    });
    expect(asked).toEqual([at, at - 120 * MIN]);
  });
  it('knows no instant without an offset or a zone, and no offset from a GPS time a day off', () => {
    expect(
      resolveCaptureTime({ localMs: at, offsetTag: null, gpsMs: null, gps: null }, madrid).takenAt,
    ).toBeNull();
    expect(
      resolveCaptureTime({ localMs: at, offsetTag: null, gpsMs: null, gps }, noZone).takenAt,
    ).toBeNull();
    const wrong = resolveCaptureTime(
      { localMs: at, offsetTag: null, gpsMs: at - 20 * 60 * MIN, gps: null },
      noZone,
    );
    expect(wrong).toMatchObject({
      cameraOffsetMinutes: null,
      cameraOffsetSource: null,
      takenAt: null,
    });
    expect(
      resolveCaptureTime({ localMs: null, offsetTag: 60, gpsMs: at, gps }, madrid),
    ).toMatchObject({
      cameraOffsetMinutes: null,
      takenAt: null,
      gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
    });
  });
});
