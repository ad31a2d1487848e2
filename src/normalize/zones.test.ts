import { describe, expect, it } from 'vitest';
import {
  DATE_LIMIT_MS,
  fixedZoneName,
  formatLocal,
  InstantOutOfRange,
  isIanaZone,
  isPlaceable,
  LATEST_INSTANT_MS,
  offsetAt,
  pointZoneAt,
  readLocal,
  toLocal,
  utcDate,
} from './zones.js';

const DAY = 86_400_000;

describe('zone arithmetic at the ends of the dates', () => {
  it('holds every instant within ±LATEST_INSTANT_MS, two days inside the Date range', () => {
    expect(LATEST_INSTANT_MS).toBe(DATE_LIMIT_MS - 2 * DAY);
    expect(isPlaceable(LATEST_INSTANT_MS)).toBe(true);
    expect(isPlaceable(-LATEST_INSTANT_MS)).toBe(true);
    expect(isPlaceable(LATEST_INSTANT_MS + 1)).toBe(false);
    expect(isPlaceable(Number.NaN)).toBe(false);
    expect(isPlaceable(-Infinity)).toBe(false);
  });

  it('reads a wall-clock time at the very ends, in the zones furthest from UTC', () => {
    for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/New_York', 'Asia/Shanghai']) {
      for (const local of [LATEST_INSTANT_MS, -LATEST_INSTANT_MS]) {
        const r = readLocal(local, zone);
        expect(r.readings.every((x) => Number.isFinite(x.at))).toBe(true);
        expect(Number.isFinite(toLocal(r.readings[0]!.at, zone))).toBe(true);
      }
    }
  });

  it('throws InstantOutOfRange (never NaN or a bare RangeError) beyond them', () => {
    expect(() => readLocal(LATEST_INSTANT_MS + 1, 'UTC')).toThrow(InstantOutOfRange);
    expect(() => readLocal(Number.NaN, 'UTC')).toThrow(InstantOutOfRange);
    expect(() => offsetAt('Pacific/Kiritimati', DATE_LIMIT_MS)).toThrow(InstantOutOfRange);
    expect(() => offsetAt('UTC', -Infinity)).toThrow(InstantOutOfRange);
    expect(() => formatLocal(DATE_LIMIT_MS + 1)).toThrow(InstantOutOfRange);
  });

  it('formats years outside 0000–9999 in full', () => {
    expect(formatLocal(-LATEST_INSTANT_MS)).toBe('-271821-04-22T00:00:00');
    expect(formatLocal(LATEST_INSTANT_MS)).toBe('+275760-09-11T00:00:00');
    expect(formatLocal(Date.UTC(2026, 10, 20, 21, 10))).toBe('2026-11-20T21:10:00');
  });
});

describe('utcDate', () => {
  it('reads years 0–99 as themselves', () => {
    expect(new Date(utcDate(50, 2, 1)).toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(new Date(utcDate(0, 0)).toISOString()).toBe('0000-01-01T00:00:00.000Z');
    expect(new Date(utcDate(99, 12)).toISOString()).toBe('0100-01-01T00:00:00.000Z');
    expect(new Date(utcDate(100, -1)).toISOString()).toBe('0099-12-01T00:00:00.000Z');
  });

  it('is −∞ or +∞ beyond the Date range, by the side it fell out', () => {
    expect(utcDate(-271821, 0)).toBe(-Infinity);
    expect(utcDate(275761, 0)).toBe(Infinity);
    expect(utcDate(2026, -1e12)).toBe(-Infinity);
    expect(utcDate(Number.NaN, 0)).toBeNaN();
  });
});

describe('InstantOutOfRange', () => {
  it('names itself and says what went wrong without echoing the instant', () => {
    const err = new InstantOutOfRange(1e300);
    expect(err).toBeInstanceOf(RangeError);
    expect(err.name).toBe('InstantOutOfRange');
    expect(err.message).toBe('the instant lies outside the range of dates');
    expect(err.instant).toBe(1e300);
  });
});

describe('utcDate beyond years 0–99', () => {
  it('reads negative years as themselves, also those 400 years below 0–99', () => {
    // A shift of 400 years for them would land in 0–99, which Date.UTC reads as 1900–1999.
    expect(new Date(utcDate(-350, 0)).toISOString()).toBe('-000350-01-01T00:00:00.000Z');
    expect(new Date(utcDate(-1, 11, 31)).toISOString()).toBe('-000001-12-31T00:00:00.000Z');
  });

  it('reads years from 100 as Date.UTC does, up to the last year of the dates', () => {
    expect(utcDate(100, 0)).toBe(Date.UTC(100, 0));
    expect(utcDate(275760, 0)).toBe(Date.UTC(275760, 0));
  });

  it('says by the year, month and day together which side of the dates a date fell out', () => {
    // A million years ahead, 8,333 years back by months: still after the dates.
    expect(utcDate(1_000_000, -100_000)).toBe(Infinity);
    // …and 2,732 years back by days: still after.
    expect(utcDate(1_000_000, 0, -1_000_000)).toBe(Infinity);
    // 2026 less a trillion days: before.
    expect(utcDate(2026, 0, -1e12)).toBe(-Infinity);
  });
});

describe('offsetAt', () => {
  it('refuses a zone that is not IANA, naming it', () => {
    expect(() => offsetAt('Mars/Olympus', 0)).toThrow(new Error('unknown zone Mars/Olympus'));
  });

  it('answers up to a day inside the Date range, and no further', () => {
    expect(offsetAt('UTC', DATE_LIMIT_MS - DAY)).toBe(0);
    expect(offsetAt('UTC', -(DATE_LIMIT_MS - DAY))).toBe(0);
    expect(() => offsetAt('UTC', DATE_LIMIT_MS - DAY + 1)).toThrow(InstantOutOfRange);
  });

  it.each([
    // Kathmandu moved from +05:30 to +05:45 at 1985-12-31 18:30 UTC, away from its 1970 offset.
    ['Asia/Kathmandu', '1985-12-31T18:15:00Z', 330, '1985-12-31T18:45:00Z', 345],
    // Colombo moved from +06:00 back to +05:30, its 1970 offset, at 2006-04-14 18:30 UTC.
    ['Asia/Colombo', '2006-04-14T18:15:00Z', 360, '2006-04-14T18:45:00Z', 330],
  ])('follows %s through a change in the middle of an hour', (zone, before, was, after, is) => {
    expect(offsetAt(zone, Date.parse(before))).toBe(was);
    expect(offsetAt(zone, Date.parse(after))).toBe(is);
    expect(offsetAt(zone, Date.parse(before))).toBe(was);
  });

  it('follows a change of offset in the middle of an hour (Lord Howe, 2026-10-03 15:30 UTC)', () => {
    // Lord Howe moves from +10:30 to +11 at 02:00 local, i.e. half past a UTC hour.
    expect(offsetAt('Australia/Lord_Howe', Date.parse('2026-10-03T15:15:00Z'))).toBe(630);
    expect(offsetAt('Australia/Lord_Howe', Date.parse('2026-10-03T15:45:00Z'))).toBe(660);
    expect(offsetAt('Australia/Lord_Howe', Date.parse('2026-10-03T15:20:00Z'))).toBe(630);
  });
});

describe('readLocal', () => {
  const local = (iso: string) => Date.parse(`${iso}Z`);
  const at = (iso: string) => Date.parse(iso);

  it('reads an ordinary wall-clock time once', () => {
    expect(readLocal(local('2024-07-01T12:00'), 'America/New_York')).toEqual({
      kind: 'unique',
      readings: [{ at: at('2024-07-01T16:00:00Z'), offsetMinutes: -240 }],
    });
  });

  it('reads a time in a spring-forward gap with each offset, earlier instant first', () => {
    expect(readLocal(local('2024-03-10T02:30'), 'America/New_York')).toEqual({
      kind: 'nonexistent',
      readings: [
        { at: at('2024-03-10T06:30:00Z'), offsetMinutes: -240 },
        { at: at('2024-03-10T07:30:00Z'), offsetMinutes: -300 },
      ],
    });
  });

  it('reads a time that happens twice in a fall back as both instants, in order', () => {
    expect(readLocal(local('2024-11-03T01:30'), 'America/New_York')).toEqual({
      kind: 'ambiguous',
      readings: [
        { at: at('2024-11-03T05:30:00Z'), offsetMinutes: -240 },
        { at: at('2024-11-03T06:30:00Z'), offsetMinutes: -300 },
      ],
    });
  });
});

describe('fixedZoneName', () => {
  it.each([
    [0, 'UTC'],
    [345, 'UTC+05:45'],
    [840, 'UTC+14:00'],
    [-570, 'UTC-09:30'],
    [-720, 'UTC-12:00'],
  ])('names the offset %i minutes %s', (minutes, name) => {
    expect(fixedZoneName(minutes)).toBe(name);
  });
});

describe('isIanaZone (the one zone check: report schema, time core, settings)', () => {
  it.each(['Asia/Shanghai', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT-8', 'PRC'])(
    'accepts %j',
    (name) => expect(isIanaZone(name)).toBe(true),
  );
  it.each(['Mars/Olympus', '', 'Asia/Shang hai', 'Local', 'GMT+8'])('refuses %j', (name) =>
    expect(isIanaZone(name)).toBe(false),
  );
  it('answers the same the second time (its cache keeps refusals too)', () => {
    expect(isIanaZone('Mars/Olympus')).toBe(false);
    expect(isIanaZone('Mars/Olympus')).toBe(false);
    expect(isIanaZone('Asia/Shanghai')).toBe(true);
  });
});

describe('pointZoneAt (a photo position’s zone)', () => {
  const finder = (zones: string[]) => ({ zonesAt: () => ({ zones, crossCheck: null }) });
  const MAY = Date.parse('2006-05-26T10:48:48Z');
  it('gives the zone and its offset at the instant (summer time included)', () => {
    const at = pointZoneAt(finder(['Europe/Madrid']));
    expect(at(42, -0.5, MAY)).toEqual({ name: 'Europe/Madrid', offsetMinutes: 120 });
    expect(at(42, -0.5, Date.parse('2006-01-26T10:00:00Z'))).toEqual({
      name: 'Europe/Madrid',
      offsetMinutes: 60,
    });
  });
  it('is null without a zone, where disputed zones disagree, or outside the dates', () => {
    expect(pointZoneAt(finder([]))(0, 0, MAY)).toBeNull();
    expect(pointZoneAt(finder(['Asia/Urumqi', 'Asia/Shanghai']))(43.8, 87.6, MAY)).toBeNull();
    expect(pointZoneAt(finder(['Europe/Madrid']))(42, -0.5, Number.NaN)).toBeNull();
  });
  it('takes disputed zones that agree on the offset then as one answer', () => {
    expect(pointZoneAt(finder(['Asia/Shanghai', 'Asia/Harbin']))(45, 126, MAY)).toEqual({
      name: 'Asia/Shanghai',
      offsetMinutes: 480,
    });
  });
});
