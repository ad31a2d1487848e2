import { describe, expect, it } from 'vitest';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { normalizeTime, type TimeInput } from './time.js';
import { createZoneFinder } from './zone-finder.js';
import type { ZoneFinder } from './zones.js';

const utc = (iso: string) => Date.parse(iso);
/** Friday 2026-11-20, 21:40 in Shanghai. */
const RECEIVED = utc('2026-11-20T13:40:00Z');
const zones = createZoneFinder();

function read(input: Partial<TimeInput>, settings = NORMALIZE_DEFAULTS) {
  return normalizeTime({ receivedAt: RECEIVED, ...input }, settings, { zones });
}

/** A zone finder that answers the same for every point (to test the policy, not the data). */
const fixedZones = (answer: string[], crossCheck: string | null = null): ZoneFinder => ({
  zonesAt: () => ({ zones: answer, crossCheck }),
});

describe('normalizeTime: ISO 8601 and epoch', () => {
  it('reads an ISO time with an offset as a UTC instant', () => {
    const { time, flags } = read({ observedAt: '2026-11-20T21:10:00+08:00' });
    expect(flags).toEqual([]);
    expect(time).toMatchObject({
      from: utc('2026-11-20T13:10:00Z'),
      to: utc('2026-11-20T13:10:00Z'),
      zoneSource: 'offset',
      timezone: 'UTC+08:00',
      offsetMinutes: 480,
      local: '2026-11-20T21:10:00',
      reading: 'iso',
      grain: 'instant',
    });
  });

  it('places a local time in the given IANA zone and keeps the wall-clock reading', () => {
    const { time } = read({ observedAt: '2026-11-20T21:10:00', timezone: 'Asia/Shanghai' });
    expect(time).toMatchObject({
      from: utc('2026-11-20T13:10:00Z'),
      timezone: 'Asia/Shanghai',
      zoneSource: 'timezone',
      local: '2026-11-20T21:10:00',
    });
  });

  it('applies the daylight saving time of the zone', () => {
    const summer = read({ observedAt: '2026-07-01T12:00:00', timezone: 'America/New_York' });
    const winter = read({ observedAt: '2026-01-01T12:00:00', timezone: 'America/New_York' });
    expect(summer.time?.from).toBe(utc('2026-07-01T16:00:00Z'));
    expect(winter.time?.from).toBe(utc('2026-01-01T17:00:00Z'));
  });

  it('reads a bare date as the whole local day', () => {
    const { time } = read({ observedAt: '2026-11-20', timezone: 'Asia/Shanghai' });
    expect([time?.from, time?.to]).toEqual([
      utc('2026-11-19T16:00:00Z'),
      utc('2026-11-20T16:00:00Z'),
    ]);
    expect(time?.grain).toBe('day');
  });

  it('reads epoch seconds, as a number or as digits', () => {
    const asNumber = read({ observedAt: 1795268400 - 86400 });
    const asText = read({ observedAt: String(1795268400 - 86400) });
    expect(asNumber.time).toMatchObject({
      from: utc('2026-11-20T13:40:00Z'),
      reading: 'epoch',
      zoneSource: 'offset',
      timezone: 'UTC',
    });
    expect(asText.time?.from).toBe(asNumber.time?.from);
  });

  it('reads an epoch too large for seconds as milliseconds, and says so', () => {
    const { time, flags } = read({ observedAt: '1795182000000' });
    expect(time?.from).toBe(utc('2026-11-20T13:40:00Z'));
    expect(flags).toEqual(['time.epoch_milliseconds']);
  });

  it('shows an epoch instant in the stated zone without moving it', () => {
    const { time } = read({ observedAt: 1795182000, timezone: 'Asia/Kathmandu' });
    expect(time).toMatchObject({
      from: utc('2026-11-20T13:40:00Z'),
      local: '2026-11-20T19:25:00',
      timezone: 'Asia/Kathmandu',
      offsetMinutes: 345,
    });
  });

  it('flags what it cannot read instead of guessing', () => {
    expect(read({ observedAt: "I don't remember" }).flags).toEqual(['time.unparsed']);
    expect(read({ observedAt: '不记得了' }).flags).toEqual(['time.unparsed']);
    expect(read({ observedAt: '2026-02-30T10:00:00Z' }).flags).toEqual(['time.unparsed']);
    expect(read({ observedAt: '2026-02-30T10:00' }).flags).toEqual(['time.unparsed']);
    expect(read({ observedAt: '2026-11-20T24:30' }).flags).toEqual(['time.unparsed']);
  });

  it('has nothing to say when no time was given', () => {
    expect(read({})).toEqual({ time: null, flags: [] });
  });
});

describe('normalizeTime: daylight saving time is never guessed', () => {
  it('flags a New York time in the spring-forward gap and covers both readings', () => {
    const { time, flags } = read({
      observedAt: '2024-03-10T02:30:00',
      timezone: 'America/New_York',
      receivedAt: utc('2024-03-11T00:00:00Z'),
    });
    expect(flags).toEqual(['time.nonexistent_local']);
    expect([time?.from, time?.to]).toEqual([
      utc('2024-03-10T06:30:00Z'),
      utc('2024-03-10T07:30:00Z'),
    ]);
    expect(time?.candidates).toEqual([
      { at: utc('2024-03-10T06:30:00Z'), offsetMinutes: -240, timezone: 'America/New_York' },
      { at: utc('2024-03-10T07:30:00Z'), offsetMinutes: -300, timezone: 'America/New_York' },
    ]);
    expect(time?.offsetMinutes).toBeNull();
  });

  it('flags a New York time that happened twice and lists both candidates', () => {
    const { time, flags } = read({
      observedAt: '2024-11-03T01:30:00',
      timezone: 'America/New_York',
      receivedAt: utc('2024-11-04T00:00:00Z'),
    });
    expect(flags).toEqual(['time.ambiguous_local']);
    expect(time?.candidates).toEqual([
      { at: utc('2024-11-03T05:30:00Z'), offsetMinutes: -240, timezone: 'America/New_York' },
      { at: utc('2024-11-03T06:30:00Z'), offsetMinutes: -300, timezone: 'America/New_York' },
    ]);
    expect([time?.from, time?.to]).toEqual([
      utc('2024-11-03T05:30:00Z'),
      utc('2024-11-03T06:30:00Z'),
    ]);
  });

  it('handles the 30-minute DST of Australia/Lord_Howe: gap in October, overlap in April', () => {
    const gap = read({ observedAt: '2026-10-04T02:15:00', timezone: 'Australia/Lord_Howe' });
    expect(gap.flags).toEqual(['time.nonexistent_local']);
    expect([gap.time?.from, gap.time?.to]).toEqual([
      utc('2026-10-03T15:15:00Z'),
      utc('2026-10-03T15:45:00Z'),
    ]);
    const overlap = read({ observedAt: '2026-04-05T01:45:00', timezone: 'Australia/Lord_Howe' });
    expect(overlap.flags).toEqual(['time.ambiguous_local']);
    expect(overlap.time?.candidates?.map((c) => c.offsetMinutes)).toEqual([660, 630]);
  });

  it('reads Asia/Kathmandu at +05:45', () => {
    const { time, flags } = read({ observedAt: '2026-01-10T12:00:00', timezone: 'Asia/Kathmandu' });
    expect(flags).toEqual([]);
    expect(time?.from).toBe(utc('2026-01-10T06:15:00Z'));
    expect(time?.offsetMinutes).toBe(345);
  });

  it('reads Pacific/Kiritimati at +14, a day ahead of Honolulu on the same wall clock', () => {
    const kiritimati = read({ observedAt: '2026-11-20T09:00:00', timezone: 'Pacific/Kiritimati' });
    const honolulu = read({ observedAt: '2026-11-20T09:00:00', timezone: 'Pacific/Honolulu' });
    expect(kiritimati.time?.from).toBe(utc('2026-11-19T19:00:00Z'));
    expect(honolulu.time!.from! - kiritimati.time!.from!).toBe(24 * 3600_000);
  });

  it('flags a time on the day Samoa skipped when it crossed the date line (2011-12-30)', () => {
    const { time, flags } = read({
      observedAt: '2011-12-30T12:00:00',
      timezone: 'Pacific/Apia',
      receivedAt: utc('2012-01-02T00:00:00Z'),
    });
    expect(flags).toEqual(['time.nonexistent_local']);
    expect([time?.from, time?.to]).toEqual([
      utc('2011-12-29T22:00:00Z'),
      utc('2011-12-30T22:00:00Z'),
    ]);
  });
});

describe('normalizeTime: where the zone comes from', () => {
  it('takes the zone from New York coordinates for a local time', () => {
    const { time, flags } = read({
      observedAt: '2026-07-04T21:00:00',
      point: { lat: 40.758, lon: -73.9855 },
      receivedAt: utc('2026-07-05T12:00:00Z'),
    });
    expect(flags).toEqual([]);
    expect(time).toMatchObject({
      timezone: 'America/New_York',
      zoneSource: 'coordinates',
      from: utc('2026-07-05T01:00:00Z'),
      to: utc('2026-07-05T01:00:00Z'),
      offsetMinutes: -240,
    });
  });

  it('covers every zone where the zone databases disagree (Xinjiang: Urumqi and Beijing time)', () => {
    const { time, flags } = read({
      observedAt: '2026-11-20T12:00:00',
      point: { lat: 43.84, lon: 87.53 },
    });
    expect(flags).toEqual(['time.zone_disputed']);
    expect([time?.from, time?.to]).toEqual([
      utc('2026-11-20T04:00:00Z'),
      utc('2026-11-20T06:00:00Z'),
    ]);
    expect(new Set(time?.candidates?.map((c) => c.timezone))).toEqual(
      new Set(['Asia/Urumqi', 'Asia/Shanghai']),
    );
  });

  it('treats zones with the same offset as one answer (no flag)', () => {
    const r = normalizeTime(
      { observedAt: '2026-11-20T12:00:00', receivedAt: RECEIVED, point: { lat: 1, lon: 1 } },
      NORMALIZE_DEFAULTS,
      { zones: fixedZones(['Europe/Berlin'], 'Europe/Vienna') },
    );
    expect(r.flags).toEqual([]);
    expect(r.time?.timezone).toBe('Europe/Berlin');
  });

  it('covers both when the stated zone and the coordinates disagree', () => {
    const { time, flags } = read({
      observedAt: '2026-11-20T12:00:00',
      timezone: 'America/New_York',
      point: { lat: 34.26, lon: 108.94 },
    });
    expect(flags).toEqual(['time.zone_mismatch']);
    expect(time?.timezone).toBe('America/New_York');
    expect([time?.from, time?.to]).toEqual([
      utc('2026-11-20T04:00:00Z'),
      utc('2026-11-20T17:00:00Z'),
    ]);
  });

  it('keeps an explicit offset but flags a stated zone that contradicts it', () => {
    const { time, flags } = read({
      observedAt: '2026-11-20T21:10:00+08:00',
      timezone: 'America/New_York',
    });
    expect(flags).toEqual(['time.zone_mismatch']);
    expect(time?.from).toBe(utc('2026-11-20T13:10:00Z'));
  });

  it('assumes the configured default zone only when nothing else says, and flags it', () => {
    const { time, flags } = read(
      { observedAt: '2026-11-20T21:10:00' },
      { ...NORMALIZE_DEFAULTS, defaultTimezone: 'Asia/Shanghai' },
    );
    expect(flags).toEqual(['time.zone_assumed']);
    expect(time).toMatchObject({ zoneSource: 'assumed', from: utc('2026-11-20T13:10:00Z') });
  });

  it('without any zone keeps the local reading and covers every offset on Earth', () => {
    const { time, flags } = read({ observedAt: '2026-11-20T21:10:00' });
    expect(flags).toEqual(['time.zone_unknown']);
    expect(time).toMatchObject({
      local: '2026-11-20T21:10:00',
      timezone: null,
      zoneSource: null,
      // UTC+14 … UTC−12
      from: utc('2026-11-20T07:10:00Z'),
      to: utc('2026-11-21T09:10:00Z'),
    });
  });

  it('ignores a zone name that is not IANA, and says so', () => {
    const { flags } = read({ observedAt: '2026-11-20T21:10', timezone: 'Mars/Olympus' });
    expect(flags).toEqual(['time.zone_invalid', 'time.zone_unknown']);
  });
});

describe('normalizeTime: precision, vagueness and plausibility', () => {
  it('widens the interval by the stated precision', () => {
    const { time } = read({ observedAt: '2026-11-20T13:10:00Z', precisionSeconds: 300 });
    expect([time?.from, time?.to]).toEqual([
      utc('2026-11-20T13:05:00Z'),
      utc('2026-11-20T13:15:00Z'),
    ]);
    expect(time?.precisionSeconds).toBe(300);
    expect(time?.statedPrecisionSeconds).toBe(300);
  });

  it('does not add stated precision to vague words: the larger one wins', () => {
    const vague = read({ observedAt: 'yesterday around 10 pm', timezone: 'Asia/Shanghai' });
    const both = read({
      observedAt: 'yesterday around 10 pm',
      timezone: 'Asia/Shanghai',
      precisionSeconds: 600,
    });
    expect(both.time?.from).toBe(vague.time?.from);
  });

  it('widens vague words by the vagueWidenSeconds setting', () => {
    const natural = read(
      { observedAt: 'yesterday around 10 pm', timezone: 'Asia/Shanghai' },
      { ...NORMALIZE_DEFAULTS, vagueWidenSeconds: 3600 },
    );
    // 22:00 ± 30 min (the hour it is rounded to) ± 1 h (vague) in Shanghai
    expect([natural.time?.from, natural.time?.to]).toEqual([
      utc('2026-11-19T12:30:00Z'),
      utc('2026-11-19T15:30:00Z'),
    ]);
  });

  it('flags a time after arrival beyond the tolerance', () => {
    expect(read({ observedAt: '2026-11-20T13:44:00Z' }).flags).toEqual([]);
    expect(read({ observedAt: '2026-11-20T13:46:00Z' }).flags).toEqual(['time.future']);
  });

  it('flags a time older than the maximum age', () => {
    expect(read({ observedAt: '2016-12-01T00:00:00Z' }).flags).toEqual([]);
    expect(read({ observedAt: '2016-11-01T00:00:00Z' }).flags).toEqual(['time.implausibly_old']);
  });
});

describe('normalizeTime: the ends of the dates', () => {
  it('places no epoch beyond the dates, and says which side it fell out', () => {
    expect(read({ observedAt: 1e300 })).toEqual({
      time: null,
      flags: ['time.epoch_milliseconds', 'time.unparsed', 'time.future'],
    });
    expect(read({ observedAt: -1e300, timezone: 'Asia/Shanghai' })).toEqual({
      time: null,
      flags: ['time.epoch_milliseconds', 'time.unparsed', 'time.implausibly_old'],
    });
    expect(read({ observedAt: Number.NaN }).flags).toEqual(['time.unparsed']);
  });

  it('places the largest epoch milliseconds the dates hold (less two days), not one more', () => {
    const latest = (8.64e15 - 2 * 86_400_000) / 1000;
    const last = read({ observedAt: latest * 1000, timezone: 'Pacific/Kiritimati' });
    expect(last.time?.from).toBe(8.64e15 - 2 * 86_400_000);
    expect(last.time?.local).toBe('+275760-09-11T14:00:00');
    expect(last.flags).toEqual(['time.epoch_milliseconds', 'time.future']);
    expect(read({ observedAt: latest * 1000 + 1000 }).time).toBeNull();
  });

  it('reads years 0000–0099 as those years (Date.UTC would say 1900–1999)', () => {
    const { time, flags } = read({ observedAt: '0050-03-01T12:00:00Z' });
    expect(new Date(time!.from!).toISOString()).toBe('0050-03-01T12:00:00.000Z');
    expect(flags).toEqual(['time.implausibly_old']);
    const local = read({ observedAt: '0000-01-01', timezone: 'Asia/Shanghai' });
    expect(local.time?.local).toBe('0000-01-01T00:00:00');
    expect(read({ observedAt: '0099-02-29T00:00:00Z' }).flags).toEqual(['time.unparsed']);
  });

  it('keeps an ISO date at either end of the four-digit years, at every offset', () => {
    for (const observedAt of ['0000-01-01T00:00:00+14:00', '9999-12-31T23:59:59.999-12:00']) {
      const { time } = read({ observedAt, precisionSeconds: 10 * 365 * 86_400 });
      expect(Number.isFinite(time?.from) && Number.isFinite(time?.to)).toBe(true);
    }
    // Not ISO 8601 as the report schema takes it (six-digit years): unread, not a crash.
    expect(read({ observedAt: '+275760-09-13' }).flags).toEqual(['time.unparsed']);
  });

  it('an arrival outside the dates places nothing relative to it', () => {
    const r = normalizeTime({ observedAt: 'yesterday', receivedAt: 8.64e15 }, NORMALIZE_DEFAULTS, {
      zones,
    });
    expect(r).toEqual({ time: null, flags: ['time.unparsed'] });
  });

  it('reads a time at the poles and the antimeridian; a point off the globe gives no zone', () => {
    for (const point of [
      { lat: 90, lon: 180 },
      { lat: -90, lon: -180 },
      { lat: 0, lon: 180 },
    ]) {
      const { time } = read({ observedAt: '2026-11-20T21:10:00', point });
      expect(Number.isFinite(time?.from)).toBe(true);
    }
    expect(zones.zonesAt(-180, 0)).toEqual({ zones: [], crossCheck: null });
    expect(zones.zonesAt(Number.NaN, 0).zones).toEqual([]);
  });
});
