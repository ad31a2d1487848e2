/**
 * The rules of normalizeTime one by one, each at its edge: how ISO 8601 and epoch
 * values are read, where the zone comes from and how it is shown, which reading a
 * DST gap gives, how an interval is widened, clipped and flagged. Zones come from
 * small fixed finders, never the real coordinate data.
 */
import { describe, expect, it } from 'vitest';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { normalizeTime, type TimeDeps, type TimeInput, type TimeSettings } from './time.js';
import { LATEST_INSTANT_MS, type ZoneFinder } from './zones.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
/** Friday 2026-11-20, 21:40 in Shanghai (UTC+8, no DST). */
const RECEIVED = at('2026-11-20T13:40:00Z');

/** A zone finder that answers the same for every point (to test the policy, not the data). */
const fixedZones = (answer: string[], crossCheck: string | null = null): ZoneFinder => ({
  zonesAt: () => ({ zones: answer, crossCheck }),
});

function read(
  input: Partial<TimeInput>,
  settings: TimeSettings = NORMALIZE_DEFAULTS,
  deps: TimeDeps = {},
) {
  return normalizeTime({ receivedAt: RECEIVED, ...input }, settings, deps);
}

describe('a period starting in a DST gap', () => {
  // The interval of a period covers every instant its wall-clock bounds can name: a
  // start that does not exist takes its earlier reading (the offset after the change),
  // an end that does not exist its later one (the offset before it).

  it('starts at the earlier reading of its start (New York, 2024-03-10 02:30)', () => {
    // "1 week ago" is 7 days ± 3.5 days before the reporter's clock, 2024-03-20 14:30 EDT:
    // it starts at 2024-03-10 02:30, inside the gap 02:00–03:00 (−05:00 → −04:00).
    const { time, flags } = read({
      observedAt: '1 week ago',
      timezone: 'America/New_York',
      receivedAt: at('2024-03-20T18:30:00Z'),
    });
    const startLocal = at('2024-03-10T02:30:00Z');
    const earlier = startLocal - -4 * HOUR; // read with the offset after the change
    const later = startLocal - -5 * HOUR;
    expect(earlier).toBeLessThan(later);
    expect(time?.from).toBe(earlier);
    expect(time?.to).toBe(at('2024-03-17T02:30:00Z') + 4 * HOUR);
    expect(time?.grain).toBe('week');
    expect(flags).toEqual([]);
  });

  it('starts a day at the earlier reading when midnight is skipped (Santiago, 2024-09-08)', () => {
    // Chile moved from −04:00 to −03:00 at 00:00, so the day began at 01:00.
    const { time } = read({
      observedAt: '2024-09-08',
      timezone: 'America/Santiago',
      receivedAt: at('2024-09-10T12:00:00Z'),
    });
    expect(time?.from).toBe(at('2024-09-08T00:00:00Z') + 3 * HOUR);
    expect(time?.to).toBe(at('2024-09-09T00:00:00Z') + 3 * HOUR);
  });

  it('ends a day at the later reading when the midnight ending it is skipped', () => {
    const { time } = read({
      observedAt: '2024-09-07',
      timezone: 'America/Santiago',
      receivedAt: at('2024-09-10T12:00:00Z'),
    });
    expect(time?.from).toBe(at('2024-09-07T00:00:00Z') + 4 * HOUR);
    expect(time?.to).toBe(at('2024-09-08T00:00:00Z') + 4 * HOUR);
  });
});

describe('ISO 8601', () => {
  it.each([
    ['2026-11-20T13:10:00.123Z', at('2026-11-20T13:10:00.123Z')],
    ['2026-11-20T13:10:00.5Z', at('2026-11-20T13:10:00.500Z')],
    // Nine digits: milliseconds, the rest dropped.
    ['2026-11-20T13:10:00.123456789Z', at('2026-11-20T13:10:00.123Z')],
    ['2026-11-20T21:10:05+08:00', at('2026-11-20T13:10:05Z')],
  ])('reads the seconds and fraction of %s', (observedAt, expected) => {
    expect(read({ observedAt }).time?.from).toBe(expected);
  });

  it.each([
    ['+08', 8 * 60],
    ['+0530', 5 * 60 + 30],
    ['+05:30', 5 * 60 + 30],
    ['-05:00', -5 * 60],
    ['-0930', -(9 * 60 + 30)],
    ['+18:00', 18 * 60],
    ['+05:59', 5 * 60 + 59],
    ['Z', 0],
    ['z', 0],
  ])('reads the offset %s as %i minutes', (offset, minutes) => {
    const { time, flags } = read({ observedAt: `2026-11-19T12:00:00${offset}` });
    expect(flags).toEqual([]);
    expect(time?.from).toBe(at('2026-11-19T12:00:00Z') - minutes * MINUTE);
    expect(time?.offsetMinutes).toBe(minutes);
    expect(time?.zoneSource).toBe('offset');
  });

  it.each([
    '2026-11-20T12:00:00+19:00', // offsets end at ±18 h
    '2026-11-20T12:00:00+05:60',
    '2026-11-20T10:60',
    '2026-11-20T10:00:60',
    '2026-11-20T24:00',
    '2026-13-01',
    '2026-00-15',
    '2026-11-00',
    '2026-11-31',
    '2026-02-29',
  ])('refuses the impossible %s', (observedAt) => {
    expect(read({ observedAt, timezone: 'Asia/Shanghai' })).toEqual({
      time: null,
      flags: ['time.unparsed'],
    });
  });

  it('takes February 29 of a leap year', () => {
    expect(read({ observedAt: '2024-02-29T12:00:00Z' }).time?.from).toBe(
      at('2024-02-29T12:00:00Z'),
    );
  });

  it('reads a date with an offset as that whole day', () => {
    const { time } = read({ observedAt: '2026-11-20+08:00' });
    expect(time).toMatchObject({
      from: at('2026-11-19T16:00:00Z'),
      to: at('2026-11-20T16:00:00Z'),
      grain: 'day',
      precisionSeconds: DAY / 2000,
      reading: 'iso',
      timezone: 'UTC+08:00',
    });
  });

  it('reads text around an ISO time as natural language, not as ISO', () => {
    const { time } = read({ observedAt: '2026-11-20T21:10:00Z?', timezone: 'Asia/Shanghai' });
    expect(time?.reading).toBe('natural');
  });

  it('reads an ISO time with blanks around it as ISO', () => {
    const { time } = read({ observedAt: '  2026-11-20T13:10:00Z  ' });
    expect(time).toMatchObject({ reading: 'iso', from: at('2026-11-20T13:10:00Z') });
  });

  it('shows a local ISO time as an instant in its zone, with no candidates', () => {
    const { time } = read({ observedAt: '2026-11-20T21:10:00', timezone: 'Asia/Shanghai' });
    expect(time).toMatchObject({
      reading: 'iso',
      grain: 'instant',
      precisionSeconds: 0,
      offsetMinutes: 480,
      localEnd: null,
      timeOfDay: null,
      candidates: [],
    });
  });

  it('shows a local ISO date with its offset and its last second', () => {
    const { time } = read({ observedAt: '2026-11-20', timezone: 'Asia/Shanghai' });
    expect(time).toMatchObject({
      local: '2026-11-20T00:00:00',
      localEnd: '2026-11-20T23:59:59',
      offsetMinutes: 480,
      timeOfDay: null,
      candidates: [],
    });
  });
});

describe('an explicit offset and a stated zone', () => {
  it('keeps the stated zone when the offset agrees with it, and does not flag it', () => {
    const { time, flags } = read({
      observedAt: '2026-11-20T21:10:00+08:00',
      timezone: 'Asia/Shanghai',
    });
    expect(flags).toEqual([]);
    expect(time).toMatchObject({ timezone: 'Asia/Shanghai', zoneSource: 'offset' });
  });

  it('keeps the stated zone when the offset disagrees, and flags it', () => {
    const { time, flags } = read({
      observedAt: '2026-11-20T21:10:00+08:00',
      timezone: 'America/New_York',
    });
    expect(flags).toEqual(['time.zone_mismatch']);
    expect(time).toMatchObject({ timezone: 'America/New_York', offsetMinutes: 480 });
  });

  it('never flags a UTC time ("Z") against a stated zone, but flags +00:00', () => {
    const zulu = read({ observedAt: '2026-11-20T13:10:00Z', timezone: 'America/New_York' });
    expect(zulu.flags).toEqual([]);
    const zero = read({ observedAt: '2026-11-20T13:10:00+00:00', timezone: 'America/New_York' });
    expect(zero.flags).toEqual(['time.zone_mismatch']);
  });

  it('shows the zone at the point only when it has the written offset', () => {
    const deps = { zones: fixedZones(['Asia/Shanghai']) };
    const point = { lat: 31.2, lon: 121.5 };
    const agrees = read({ observedAt: '2026-11-20T21:10:00+08:00', point }, undefined, deps);
    expect(agrees.time?.timezone).toBe('Asia/Shanghai');
    const differs = read({ observedAt: '2026-11-20T22:10:00+09:00', point }, undefined, deps);
    expect(differs.time?.timezone).toBe('UTC+09:00');
    expect(differs.flags).toEqual([]);
  });
});

describe('epoch values', () => {
  it('reads a value from 1e11 as milliseconds, and one below as seconds', () => {
    const ms = read({ observedAt: 1e11 });
    expect(ms.time?.from).toBe(1e11);
    expect(ms.flags).toEqual(['time.epoch_milliseconds', 'time.implausibly_old']);
    const seconds = read({ observedAt: 1e11 - 1 });
    expect(seconds.time?.from).toBe((1e11 - 1) * 1000);
    expect(seconds.flags).toEqual(['time.future']);
  });

  it('reads fractional epoch seconds to the millisecond', () => {
    expect(read({ observedAt: '1795182000.25' }).time?.from).toBe(1795182000250);
  });

  it('reads digits inside other words as natural language, not as an epoch', () => {
    const { time } = read({ observedAt: 'yesterday 1795182000', timezone: 'Asia/Shanghai' });
    expect(time).toMatchObject({ reading: 'natural', grain: 'day' });
  });

  it('does not read an infinite number', () => {
    expect(read({ observedAt: Number.POSITIVE_INFINITY })).toEqual({
      time: null,
      flags: ['time.unparsed'],
    });
  });

  it('is an exact instant: no unit, no end, no candidates, never vague', () => {
    const { time } = read({ observedAt: 1795182000 });
    expect(time).toMatchObject({
      grain: 'instant',
      precisionSeconds: 0,
      vague: false,
      localEnd: null,
      candidates: [],
      timeOfDay: null,
    });
  });

  it.each([
    ['the stated zone', { timezone: 'Asia/Tokyo' }, {}, 'timezone'],
    [
      'the zone at the point',
      { point: { lat: 35.7, lon: 139.7 } },
      { zones: fixedZones(['Asia/Tokyo']) },
      'coordinates',
    ],
  ] as const)('is shown in %s', (_name, input, deps, zoneSource) => {
    const { time, flags } = read({ observedAt: 1795182000, ...input }, undefined, deps);
    expect(flags).toEqual([]);
    expect(time).toMatchObject({
      from: at('2026-11-20T13:40:00Z'),
      timezone: 'Asia/Tokyo',
      zoneSource,
      offsetMinutes: 540,
      local: '2026-11-20T22:40:00',
    });
  });

  it('is shown in the configured default zone, else in UTC', () => {
    const assumed = read(
      { observedAt: 1795182000 },
      { ...NORMALIZE_DEFAULTS, defaultTimezone: 'Asia/Tokyo' },
    );
    expect(assumed.time).toMatchObject({ timezone: 'Asia/Tokyo', zoneSource: 'assumed' });
    const utc = read({ observedAt: 1795182000 });
    expect(utc.time).toMatchObject({ timezone: 'UTC', zoneSource: 'offset', offsetMinutes: 0 });
  });

  it('is shown in UTC when the configured default zone is not IANA', () => {
    const r = read(
      { observedAt: 1795182000 },
      { ...NORMALIZE_DEFAULTS, defaultTimezone: 'Mars/Olympus' },
    );
    expect(r.time).toMatchObject({ timezone: 'UTC', zoneSource: 'offset' });
  });

  it('places nothing widened past the end of the dates', () => {
    const r = read({ observedAt: LATEST_INSTANT_MS, precisionSeconds: 1 });
    expect(r).toEqual({
      time: null,
      flags: ['time.epoch_milliseconds', 'time.unparsed', 'time.future'],
    });
  });
});

describe('nothing to read', () => {
  it.each([null, '', '   '])('has nothing to say about %j', (observedAt) => {
    expect(read({ observedAt: observedAt as string })).toEqual({ time: null, flags: [] });
  });
});

describe('natural language: zone and display', () => {
  it('shows "5 minutes ago" in the stated zone, rounded to the minute', () => {
    const { time } = read({ observedAt: '5 minutes ago', timezone: 'Asia/Shanghai' });
    expect(time).toMatchObject({
      reading: 'natural',
      grain: 'minute',
      precisionSeconds: 30,
      timezone: 'Asia/Shanghai',
      zoneSource: 'timezone',
      offsetMinutes: 480,
      local: '2026-11-20T21:34:30',
      localEnd: '2026-11-20T21:35:30',
      vague: false,
      candidates: [],
    });
  });

  it('keeps "5 minutes ago" without a zone: no wall clock to show', () => {
    const { time, flags } = read({ observedAt: '5 minutes ago' });
    expect(flags).toEqual([]);
    expect(time).toMatchObject({
      timezone: null,
      zoneSource: null,
      offsetMinutes: null,
      local: null,
      localEnd: null,
    });
  });

  it('widens a vague count by half its unit when that is more than vagueWidenSeconds', () => {
    const { time } = read({ observedAt: 'about 1 day ago', timezone: 'Asia/Shanghai' });
    const widen = NORMALIZE_DEFAULTS.vagueWidenFraction * 86_400 * 1000;
    // One day before Friday 2026-11-20 in Shanghai: Thursday 2026-11-19; ½ day > ¼ of 1 day.
    expect(time?.from).toBe(at('2026-11-18T16:00:00Z') - widen);
    expect(time?.to).toBe(at('2026-11-19T16:00:00Z') + widen);
  });

  it('widens a vague count by a share of the count when that is more ("about 3 days ago")', () => {
    const { time } = read({ observedAt: 'about 3 days ago', timezone: 'Asia/Shanghai' });
    const widen = NORMALIZE_DEFAULTS.vagueCountFraction * 3 * 86_400 * 1000; // 18 h > 12 h
    // Three days before Friday 2026-11-20 in Shanghai: Tuesday 2026-11-17.
    expect(time?.from).toBe(at('2026-11-16T16:00:00Z') - widen);
    expect(time?.to).toBe(at('2026-11-17T16:00:00Z') + widen);
    // "yesterday" said vaguely is no count: half its unit only.
    const y = read({ observedAt: 'about yesterday', timezone: 'Asia/Shanghai' }).time!;
    expect(y.to! - y.from!).toBe(86_400_000 * 2);
  });

  it('reads an ISO time written to the minute as that whole minute, to the second as an instant', () => {
    const minute = read({ observedAt: '2026-11-20T21:10', timezone: 'Asia/Shanghai' }).time!;
    expect([minute.from, minute.to]).toEqual([
      at('2026-11-20T13:10:00Z'),
      at('2026-11-20T13:11:00Z'),
    ]);
    const offset = read({ observedAt: '2026-11-20T21:10+08:00' }).time!;
    expect([offset.from, offset.to]).toEqual([
      at('2026-11-20T13:10:00Z'),
      at('2026-11-20T13:11:00Z'),
    ]);
    const second = read({ observedAt: '2026-11-20T21:10:00+08:00' }).time!;
    expect([second.from, second.to]).toEqual([
      at('2026-11-20T13:10:00Z'),
      at('2026-11-20T13:10:00Z'),
    ]);
  });

  it('gives a period its offset, and an instant no time of day', () => {
    const period = read({ observedAt: 'yesterday', timezone: 'Asia/Shanghai' });
    expect(period.time).toMatchObject({ offsetMinutes: 480, timeOfDay: null, candidates: [] });
    const instant = read({ observedAt: 'yesterday at 10 pm', timezone: 'Asia/Shanghai' });
    expect(instant.time).toMatchObject({ offsetMinutes: 480, timeOfDay: null, candidates: [] });
  });

  it('reads seasons of the north on the equator, of the south just below it', () => {
    const deps = { zones: fixedZones(['UTC']) };
    const autumn = (lat: number) =>
      read({ observedAt: 'last autumn', point: { lat, lon: 0 } }, undefined, deps).time?.from;
    expect(autumn(0)).toBe(at('2025-09-01T00:00:00Z'));
    expect(autumn(-0.01)).toBe(at('2026-03-01T00:00:00Z'));
    expect(read({ observedAt: 'last autumn', timezone: 'UTC' }).time?.from).toBe(
      at('2025-09-01T00:00:00Z'),
    );
  });

  it('lists the readings of a skipped day in order (Samoa, 2011-12-30, "yesterday at 12")', () => {
    // Apia went from −10:00 to +14:00 at the start of 2011-12-30. On its clock at arrival,
    // 2011-12-31 12:00, "yesterday at 12" is 00:00 and 12:00 of the skipped day, each
    // with both offsets.
    const { time, flags } = read({
      observedAt: 'yesterday at 12',
      timezone: 'Pacific/Apia',
      receivedAt: at('2011-12-30T22:00:00Z'),
    });
    expect(flags).toEqual(['time.nonexistent_local']);
    const midnight = at('2011-12-30T00:00:00Z');
    const noon = midnight + 12 * HOUR;
    expect(time?.candidates?.map((c) => [c.at, c.offsetMinutes])).toEqual([
      [midnight - 14 * HOUR, 840],
      [noon - 14 * HOUR, 840],
      [midnight + 10 * HOUR, -600],
      [noon + 10 * HOUR, -600],
    ]);
  });
});

describe('natural language without a zone', () => {
  it('reads "yesterday" on the reporter’s clock at every offset', () => {
    // At 08:00 UTC the reporter's clock reads 2026-11-19 20:00 at UTC−12 and
    // 2026-11-20 22:00 at UTC+14: "yesterday" is the 18th or the 19th.
    const receivedAt = at('2026-11-20T08:00:00Z');
    const { time, flags } = read({ observedAt: 'yesterday', receivedAt });
    expect(flags).toEqual(['time.zone_unknown']);
    expect(time?.from).toBe(at('2026-11-18T00:00:00Z') - 14 * HOUR);
    expect(time?.to).toBe(receivedAt); // the 19th at UTC−12 ends after arrival
  });

  it('covers the earliest and the latest clock reading at every offset', () => {
    // Tuesday 2026-11-17 at 9:00 or 21:00, each ± 30 min.
    const { time } = read({ observedAt: 'on Tuesday at 9' });
    expect(time?.from).toBe(at('2026-11-17T09:00:00Z') - 30 * MINUTE - 14 * HOUR);
    expect(time?.to).toBe(at('2026-11-17T21:00:00Z') + 30 * MINUTE + 12 * HOUR);
    expect(time?.timeOfDay).toBeNull();
    expect(time?.candidates).toEqual([]);
  });

  it('covers a whole period at every offset', () => {
    const { time } = read({ observedAt: 'last week' });
    expect(time?.from).toBe(at('2026-11-09T00:00:00Z') - 14 * HOUR);
    expect(time?.to).toBe(at('2026-11-16T00:00:00Z') + 12 * HOUR);
  });

  it('keeps the time of day of a longer period', () => {
    expect(read({ observedAt: 'about 3 AM last autumn' }).time?.timeOfDay).toBe('03:00');
  });

  it('shows the wall-clock reading of an ISO date, and its last second', () => {
    const { time } = read({ observedAt: '2026-11-20' });
    expect(time).toMatchObject({
      local: '2026-11-20T00:00:00',
      localEnd: '2026-11-20T23:59:59',
      candidates: [],
      timeOfDay: null,
    });
  });
});

describe('where the zone comes from', () => {
  const point = { lat: 1, lon: 1 };

  it('skips a zone name the finder gives that is not IANA', () => {
    const r = read({ observedAt: '2026-11-20T12:00:00', point }, undefined, {
      zones: fixedZones(['Not/A_Zone', 'Europe/Berlin']),
    });
    expect(r.flags).toEqual([]);
    expect(r.time).toMatchObject({ timezone: 'Europe/Berlin', zoneSource: 'coordinates' });
  });

  it('takes the cross-check’s zone when the finder has no other', () => {
    const r = read({ observedAt: '2026-11-20T12:00:00', point }, undefined, {
      zones: fixedZones([], 'Asia/Tokyo'),
    });
    expect(r.time).toMatchObject({ timezone: 'Asia/Tokyo', from: at('2026-11-20T03:00:00Z') });
  });

  it('covers the cross-check’s reading when it disagrees, flagged disputed', () => {
    const r = read({ observedAt: '2026-11-20T12:00:00', point }, undefined, {
      zones: fixedZones(['Asia/Shanghai'], 'Asia/Tokyo'),
    });
    expect(r.flags).toEqual(['time.zone_disputed']);
    expect([r.time?.from, r.time?.to]).toEqual([
      at('2026-11-20T03:00:00Z'),
      at('2026-11-20T04:00:00Z'),
    ]);
    // The primary zone's readings first.
    expect(r.time?.candidates?.map((c) => c.timezone)).toEqual(['Asia/Shanghai', 'Asia/Tokyo']);
  });

  it('asks the zone finder once per report', () => {
    let calls = 0;
    const counting: ZoneFinder = {
      zonesAt: () => {
        calls += 1;
        return { zones: ['Asia/Shanghai'], crossCheck: null };
      },
    };
    read({ observedAt: 'yesterday at 10 pm', point }, undefined, { zones: counting });
    expect(calls).toBe(1);
  });

  it('lets an error of the zone finder through, not as an unread time', () => {
    const broken: ZoneFinder = {
      zonesAt: () => {
        throw new Error('zone data missing');
      },
    };
    expect(() =>
      read({ observedAt: '2026-11-20T12:00', point }, undefined, { zones: broken }),
    ).toThrow('zone data missing');
  });

  it('does not assume a default zone that is not IANA', () => {
    const r = read(
      { observedAt: '2026-11-20T12:00' },
      { ...NORMALIZE_DEFAULTS, defaultTimezone: 'Mars/Olympus' },
    );
    expect(r.flags).toEqual(['time.zone_unknown']);
  });

  it('covers both zones of a period when the stated zone and the point disagree', () => {
    const r = read({ observedAt: 'yesterday', timezone: 'America/New_York', point }, undefined, {
      zones: fixedZones(['Asia/Shanghai']),
    });
    expect(r.flags).toEqual(['time.zone_mismatch']);
    // Thursday 2026-11-19 (Shanghai's clock) from Shanghai's midnight to New York's.
    expect(r.time?.from).toBe(at('2026-11-18T16:00:00Z'));
    expect(r.time?.to).toBe(at('2026-11-20T05:00:00Z'));
    expect(r.time?.candidates).toEqual([]); // a period has no clock readings to list
  });

  it('flags zones that agree at the start of a period but not at its end', () => {
    // Berlin and Lagos are both UTC+1 until Berlin's clocks go forward on 2026-03-29.
    const r = read(
      {
        observedAt: 'last week',
        timezone: 'Europe/Berlin',
        point,
        receivedAt: at('2026-04-01T10:00:00Z'),
      },
      undefined,
      { zones: fixedZones(['Africa/Lagos']) },
    );
    expect(r.flags).toEqual(['time.zone_mismatch']);
    expect(r.time?.from).toBe(at('2026-03-23T00:00:00Z') - HOUR);
    expect(r.time?.to).toBe(at('2026-03-30T00:00:00Z') - HOUR); // Lagos, the later end
  });

  it('flags zones that differ at the start of a period but agree at its end', () => {
    // Berlin's clocks go back on 2026-10-25.
    const r = read(
      {
        observedAt: 'last week',
        timezone: 'Europe/Berlin',
        point,
        receivedAt: at('2026-10-28T10:00:00Z'),
      },
      undefined,
      { zones: fixedZones(['Africa/Lagos']) },
    );
    expect(r.flags).toEqual(['time.zone_mismatch']);
    expect(r.time?.from).toBe(at('2026-10-19T00:00:00Z') - 2 * HOUR); // Berlin, the earlier start
    expect(r.time?.to).toBe(at('2026-10-26T00:00:00Z') - HOUR);
  });
});

describe('widening, clipping and flags', () => {
  it('does not end a period that starts after arrival at arrival ("tomorrow")', () => {
    const { time } = read({ observedAt: 'tomorrow', timezone: 'Asia/Shanghai' });
    expect(time?.from).toBe(at('2026-11-20T16:00:00Z'));
    expect(time?.to).toBe(at('2026-11-21T16:00:00Z'));
  });

  it('ends a period that starts exactly at arrival at arrival ("today" at midnight)', () => {
    const midnight = at('2026-11-19T16:00:00Z');
    const { time } = read({ observedAt: 'today', timezone: 'Asia/Shanghai', receivedAt: midnight });
    expect([time?.from, time?.to]).toEqual([midnight, midnight]);
  });

  it('flags the future only beyond arrival plus the tolerance', () => {
    const edge = RECEIVED + NORMALIZE_DEFAULTS.futureToleranceSeconds * 1000;
    expect(read({ observedAt: new Date(edge).toISOString() }).flags).toEqual([]);
    expect(read({ observedAt: new Date(edge + 1).toISOString() }).flags).toEqual(['time.future']);
  });

  it('flags as old only what ended more than maxAgeDays before arrival', () => {
    const edge = RECEIVED - NORMALIZE_DEFAULTS.maxAgeDays * DAY;
    expect(read({ observedAt: new Date(edge).toISOString() }).flags).toEqual([]);
    expect(read({ observedAt: new Date(edge - 1).toISOString() }).flags).toEqual([
      'time.implausibly_old',
    ]);
  });

  it('places nothing for a precision that is not a number, and says neither old nor future', () => {
    expect(read({ observedAt: '2026-11-20T13:10:00Z', precisionSeconds: Number.NaN })).toEqual({
      time: null,
      flags: ['time.unparsed'],
    });
  });

  it('keeps the flags about the claim when it cannot be placed, not those about a reading', () => {
    const invalidZone = read({ observedAt: '99999999999 days ago', timezone: 'Mars/Olympus' });
    expect(invalidZone.flags).toEqual([
      'time.zone_invalid',
      'time.unparsed',
      'time.implausibly_old',
    ]);
    // The zone was assumed for a reading that then fell out of the dates when widened.
    const assumed = read(
      { observedAt: 'about 100020775 days ago' },
      { ...NORMALIZE_DEFAULTS, defaultTimezone: 'UTC' },
    );
    expect(assumed.flags).toEqual(['time.unparsed', 'time.implausibly_old']);
  });
});
