/**
 * Readings that must never be confidently wrong (F9): each case a new user found, a
 * zone written in the text, calendar words, the sun's own dawn and dusk, and words
 * left unread. Arrival is Saturday 2026-11-21 04:00Z (12:00 in Xi'an) unless said.
 */
import { describe, expect, it } from 'vitest';
import { FLAG } from '../domain/flags.js';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { normalizeTime, type TimeInput } from './time.js';
import { createZoneFinder } from './zone-finder.js';

const zones = createZoneFinder();
const XIAN = { lat: 34.261, lon: 108.9423 };
const CHICAGO = { lat: 41.8781, lon: -87.6298 };
const NEW_YORK = { lat: 40.7128, lon: -74.006 };
const ARRIVAL = '2026-11-21T04:00:00Z';
const MINUTE = 60_000;
const DAY = 86_400_000;

function read(
  observedAt: string,
  opts: Partial<TimeInput> & { at?: string } = {},
  settings = NORMALIZE_DEFAULTS,
) {
  const { at = ARRIVAL, ...rest } = opts;
  const r = normalizeTime(
    { observedAt, receivedAt: Date.parse(at), point: XIAN, ...rest },
    settings,
    { zones },
  );
  const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
  return { ...r, from: iso(r.time?.from), to: iso(r.time?.to) };
}

describe('the cases a new user found', () => {
  it('"2026-11-20 13:10 UTC" at Xi’an is 13:10Z, not 13:10 local; UTC is no disagreement', () => {
    const r = read('2026-11-20 13:10 UTC');
    expect([r.from, r.to]).toEqual(['2026-11-20T13:09:30.000Z', '2026-11-20T13:11:00.000Z']);
    expect(r.time).toMatchObject({ zoneSource: 'text', timezone: 'UTC' });
    expect(r.flags).toEqual([]);
  });

  it('"on the 19th at 8 in the morning" (arrival on the 21st) is 08:00 on the 19th', () => {
    const r = read('on the 19th at 8 in the morning');
    expect([r.from, r.to]).toEqual(['2026-11-18T23:30:00.000Z', '2026-11-19T00:30:00.000Z']);
    expect(r.flags).toEqual([]);
  });

  it('"quarter past nine last night" is 21:15 yesterday ± 7.5 min, not the whole night', () => {
    const r = read('quarter past nine last night');
    expect([r.from, r.to]).toEqual(['2026-11-20T13:07:30.000Z', '2026-11-20T13:22:30.000Z']);
  });

  it('"about 3 AM last autumn" is 03:00 on each day of autumn 2025, as one span', () => {
    const r = read('about 3 AM last autumn');
    // 1 September 03:00 − 30 min − 30 min ("about") … 30 November 03:00 + 1 h, at UTC+8
    expect([r.from, r.to]).toEqual(['2025-08-31T18:00:00.000Z', '2025-11-29T20:00:00.000Z']);
    expect(r.time?.timeOfDay).toBe('03:00');
  });

  it.each([
    ['20 Nov 2026 21:10 GMT+8', '2026-11-20T13:09:30.000Z', '2026-11-20T13:11:00.000Z'],
    ['北京时间2026年11月20日21点10分', '2026-11-20T13:09:30.000Z', '2026-11-20T13:11:00.000Z'],
    // arrival is 23:00 on the 20th in New York: yesterday is the 19th, 22:00 EST = 03:00Z
    ['yesterday 10pm EST', '2026-11-20T02:30:00.000Z', '2026-11-20T03:30:00.000Z'],
  ])('without coordinates, "%s" uses the zone it names', (text, from, to) => {
    const r = read(text, { point: null });
    expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).not.toContain(FLAG.time.zone_unknown);
    expect(r.time?.zoneSource).toBe('text');
  });

  it('"at dawn" in Xi’an in mid-November covers civil dawn (06:51) and sunrise (07:18)', () => {
    const r = read('at dawn', { at: '2026-11-20T04:00:00Z' });
    const local = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00+08:00`);
    expect(r.time!.from).toBeLessThanOrEqual(local('06:51'));
    expect(r.time!.to).toBeGreaterThanOrEqual(local('07:18'));
    // nautical dawn (≈ 06:24) − 30 min … sunrise (≈ 07:21) + 30 min, not 04:00–07:00
    expect(r.time!.from).toBeGreaterThan(local('05:45'));
    expect(r.time!.to).toBeLessThan(local('08:00'));
  });
});

describe('the sun at the place', () => {
  const at = '2026-11-20T04:00:00Z';
  const noMargin = { ...NORMALIZE_DEFAULTS, sunMarginMinutes: 0 };
  const oneMinute = { ...NORMALIZE_DEFAULTS, sunMarginMinutes: 1 };

  it('widens each end by the margin setting, and by nothing at 0', () => {
    const bare = read('at sunset', { at: '2026-11-21T04:00:00Z' }, noMargin).time!;
    const wide = read('at sunset', { at: '2026-11-21T04:00:00Z' }, oneMinute).time!;
    expect(bare.from).toBe(bare.to); // sunset itself, the one instant
    expect(wide.from).toBe(bare.from! - MINUTE);
    expect(wide.to).toBe(bare.to! + MINUTE);
  });

  it('dusk runs from sunset to nautical dusk; 傍晚 begins an hour before sunset', () => {
    const sunset = read('at sunset', { at: '2026-11-21T04:00:00Z' }, noMargin).time!.from!;
    const dusk = read('at dusk', { at: '2026-11-21T04:00:00Z' }, noMargin).time!;
    const bangwan = read('傍晚', { at: '2026-11-21T04:00:00Z' }, noMargin).time!;
    expect(dusk.from).toBe(sunset);
    expect(dusk.to! - dusk.from!).toBeGreaterThan(50 * MINUTE); // sun from 0° to −12°
    expect(dusk.to! - dusk.from!).toBeLessThan(70 * MINUTE);
    expect(bangwan.from).toBe(sunset - 60 * MINUTE);
    expect(bangwan.to).toBe(dusk.to);
  });

  it('dawn moves with the season and the place', () => {
    const nov = read('at dawn', { at }, noMargin).time!;
    const jun = read('at dawn', { at: '2026-06-20T04:00:00Z' }, noMargin).time!;
    // Xi'an sunrise ≈ 07:20 in November, ≈ 05:50 in June (UTC+8)
    expect((nov.to! % DAY) - (jun.to! % DAY)).toBeGreaterThan(80 * MINUTE);
  });

  it('without a place, dawn is a wide fixed window in the zone given', () => {
    const r = read('at dawn', { at, point: null, timezone: 'Asia/Shanghai' }).time!;
    expect([new Date(r.from!).toISOString(), new Date(r.to!).toISOString()]).toEqual([
      '2026-11-19T19:00:00.000Z', // 03:00 local
      '2026-11-20T02:00:00.000Z', // 10:00 local
    ]);
  });

  it('where the sun neither rises nor sets, dawn is the whole local day', () => {
    const svalbard = { lat: 78.22, lon: 15.65 };
    const r = read('yesterday at dawn', { at: '2026-12-20T12:00:00Z', point: svalbard }).time!;
    expect(r.to! - r.from!).toBe(DAY);
  });
});

describe('zones written in the text', () => {
  it('CST without a place covers the US Central and China readings, flagged', () => {
    const r = read('yesterday 10pm CST', { point: null });
    expect(r.flags).toContain(FLAG.time.zone_ambiguous);
    // "yesterday" on each zone's own clock: China 22:00+08 on the 20th = 14:00Z; US Central
    // 22:00−06 on the 19th = 04:00Z on the 20th; Cuba 22:00−05 on the 19th = 03:00Z.
    expect([r.from, r.to]).toEqual(['2026-11-20T02:30:00.000Z', '2026-11-20T14:30:00.000Z']);
    expect(r.time?.candidates?.map((c) => c.offsetMinutes)).toEqual([-360, 480, -300, -300]);
  });

  it.each([
    [CHICAGO, '2026-11-20T03:30:00.000Z', '2026-11-20T04:30:00.000Z'],
    [XIAN, '2026-11-20T13:30:00.000Z', '2026-11-20T14:30:00.000Z'],
  ])('CST at a place of one of its zones is that zone, unflagged', (point, from, to) => {
    const r = read('yesterday 10pm CST', { point });
    expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).toEqual([]);
  });

  it('"EST" said while New York keeps daylight time covers both −05:00 and −04:00', () => {
    const r = read('yesterday at 10pm EST', { at: '2026-07-15T16:00:00Z', point: NEW_YORK });
    expect([r.from, r.to]).toEqual(['2026-07-15T01:30:00.000Z', '2026-07-15T03:30:00.000Z']);
    expect(r.flags).toContain(FLAG.time.zone_ambiguous);
    expect(read('yesterday at 10pm EST', { point: NEW_YORK }).flags).toEqual([]);
  });

  it('a local zone that disagrees with the place is used, and flagged', () => {
    const r = read('yesterday 10pm EST');
    expect([r.from, r.to]).toEqual(['2026-11-20T02:30:00.000Z', '2026-11-20T03:30:00.000Z']);
    expect(r.flags).toEqual([FLAG.time.zone_mismatch]);
  });

  it.each([
    ['东八区昨天晚上9点', '2026-11-20T12:30:00.000Z'],
    ['格林尼治时间昨天13点', '2026-11-20T12:30:00.000Z'],
    ['yesterday 21:00 UTC+08:00', '2026-11-20T12:59:30.000Z'],
    ['yesterday 9pm Asia/Tokyo', '2026-11-20T11:30:00.000Z'],
  ])('"%s" is read in the zone it names', (text, from) => {
    const r = read(text, { point: null });
    expect(r.from).toBe(from);
    expect(r.flags).toEqual([]);
  });
});

describe('calendar words', () => {
  it('"last Friday" said on a Saturday has two readings, both listed and covered', () => {
    const r = read('last Friday');
    expect(r.flags).toEqual([FLAG.time.ambiguous_date]);
    expect(r.time?.alternatives).toEqual([
      { from: Date.parse('2026-11-12T16:00:00Z'), to: Date.parse('2026-11-13T16:00:00Z') },
      { from: Date.parse('2026-11-19T16:00:00Z'), to: Date.parse('2026-11-20T16:00:00Z') },
    ]);
    expect([r.from, r.to]).toEqual(['2026-11-12T16:00:00.000Z', '2026-11-20T16:00:00.000Z']);
  });

  it('"上周五" is the Friday of last week: one reading', () => {
    const r = read('上周五');
    expect([r.from, r.to]).toEqual(['2026-11-12T16:00:00.000Z', '2026-11-13T16:00:00.000Z']);
    expect(r.flags).toEqual([]);
  });

  it.each([
    ['19号晚上', '2026-11-19T10:00:00.000Z'],
    ['19日上午', '2026-11-19T00:00:00.000Z'],
    ['the 19th', '2026-11-18T16:00:00.000Z'],
  ])('"%s" is on the 19th of this month', (text, from) => {
    expect(read(text).from).toBe(from);
  });

  it.each([
    ['the night before last', '2026-11-19T10:00:00.000Z', '2026-11-19T22:00:00.000Z'],
    ['去年12月', '2025-11-30T16:00:00.000Z', '2025-12-31T16:00:00.000Z'],
    ['in March last year', '2025-02-28T16:00:00.000Z', '2025-03-31T16:00:00.000Z'],
    ['上个月15号', '2026-10-14T16:00:00.000Z', '2026-10-15T16:00:00.000Z'],
    ['the 15th of last month', '2026-10-14T16:00:00.000Z', '2026-10-15T16:00:00.000Z'],
    ['19/11/2026', '2026-11-18T16:00:00.000Z', '2026-11-19T16:00:00.000Z'],
  ])('"%s" is read whole', (text, from, to) => {
    const r = read(text);
    expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).toEqual([]);
  });

  it('a date said with its weekday is that date; with another weekday, both days, flagged', () => {
    // 3 November 2026 is a Tuesday; 4 November a Wednesday.
    expect(read('Tues 3rd Nov, 14:20').flags).toEqual([]);
    expect(read('Tues 3rd Nov, 14:20').from).toBe('2026-11-03T06:19:30.000Z');
    const wrongDay = read('Tues 4th Nov, 14:20');
    expect(wrongDay.flags).toEqual([FLAG.time.ambiguous_date]);
    expect([wrongDay.from, wrongDay.to]).toEqual([
      '2026-11-04T06:19:30.000Z', // 4 November
      '2026-11-17T06:21:00.000Z', // or Tuesday the 17th
    ]);
    expect(read('on Thursday the 19th').from).toBe('2026-11-18T16:00:00.000Z');
    expect(read('周四19号').from).toBe('2026-11-18T16:00:00.000Z');
  });

  it.each([
    ['around half nine last night', '2026-11-20T12:45:00.000Z', '2026-11-20T14:15:00.000Z'],
    ['a quarter of an hour ago', '2026-11-21T03:37:30.000Z', '2026-11-21T03:52:30.000Z'],
    ['5 or 10 minutes ago', '2026-11-21T03:49:30.000Z', '2026-11-21T03:55:30.000Z'],
    ['in the early hours of this morning', '2026-11-20T16:00:00.000Z', '2026-11-20T22:00:00.000Z'],
    ['9 or 10 pm last night', '2026-11-20T12:30:00.000Z', '2026-11-20T14:30:00.000Z'],
  ])('"%s" is read whole, nothing left over', (text, from, to) => {
    const r = read(text);
    expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).toEqual([]);
  });

  it.each([
    ['昨儿晚上十点多', '2026-11-20T14:00:00.000Z', '2026-11-20T15:00:00.000Z'], // 22:00–23:00
    ['昨天晚上八九点', '2026-11-20T11:30:00.000Z', '2026-11-20T13:30:00.000Z'], // 8 or 9 pm
    ['一刻钟前', '2026-11-21T03:37:30.000Z', '2026-11-21T03:52:30.000Z'],
    ['昨晚差五分十点', '2026-11-20T13:54:30.000Z', '2026-11-20T13:56:00.000Z'], // 21:55
    ['昨天傍晚时分', null, null],
    ['今天早些时候', '2026-11-20T16:00:00.000Z', ARRIVAL.replace('Z', '.000Z')],
  ])('"%s" is read whole, nothing left over', (text, from, to) => {
    const r = read(text);
    if (from !== null) expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).toEqual([]);
  });

  it.each([
    ['at 2230hrs', '2026-11-20T14:29:30.000Z', '2026-11-20T14:31:00.000Z'], // military time
    ['0700 hours', '2026-11-20T22:59:30.000Z', '2026-11-20T23:01:00.000Z'],
    ['at 09.40', '2026-11-21T01:39:30.000Z', '2026-11-21T01:41:00.000Z'], // 09: a 24-hour clock
    [
      'twenty-five to one yesterday afternoon',
      '2026-11-20T04:32:30.000Z',
      '2026-11-20T04:37:30.000Z',
    ],
    ['26年11月19日上午', '2026-11-19T00:00:00.000Z', '2026-11-19T04:00:00.000Z'], // 26 → 2026
    ['on Christmas Day', '2025-12-24T16:00:00.000Z', '2025-12-25T16:00:00.000Z'],
    ['in the autumn of 2025', '2025-08-31T16:00:00.000Z', '2025-11-30T16:00:00.000Z'],
    ['yesterday arvo', '2026-11-20T04:00:00.000Z', '2026-11-20T10:00:00.000Z'],
    ['this past Thursday', '2026-11-18T16:00:00.000Z', '2026-11-19T16:00:00.000Z'], // one reading
    ['前儿个', '2026-11-18T16:00:00.000Z', '2026-11-19T16:00:00.000Z'],
    ['昨天一整天', '2026-11-19T16:00:00.000Z', '2026-11-20T16:00:00.000Z'],
  ])('"%s" is read whole', (text, from, to) => {
    const r = read(text);
    expect([r.from, r.to]).toEqual([from, to]);
    expect(r.flags).toEqual([]);
  });

  it.each([
    ['at first light this morning', 'dawn'],
    ['as the sun came up', 'sunrise'],
    ['when it got dark yesterday', 'dusk'],
    ['太阳落山那会儿', 'sunset'],
    ['天擦黑的时候', 'dusk'],
  ])('"%s" is placed by the sun', (text, part) => {
    const bySun = read(text, { at: '2026-11-22T04:00:00Z' });
    const named = read(
      part === 'dawn'
        ? 'at dawn'
        : part === 'sunrise'
          ? 'at sunrise'
          : part === 'sunset'
            ? 'at sunset'
            : 'at dusk',
      { at: '2026-11-22T04:00:00Z' },
    );
    expect(bySun.flags).toEqual([]);
    // same length of window as the part named outright, and a day's sun, not fixed hours
    expect(bySun.time!.to! - bySun.time!.from!).toBe(named.time!.to! - named.time!.from!);
  });

  it('"03/04/2026" is 3 April or 4 March: both, flagged; "04/04/2026" is one day', () => {
    const r = read('03/04/2026');
    expect(r.flags).toEqual([FLAG.time.ambiguous_date]);
    expect(r.time?.alternatives?.map((a) => new Date(a.from).toISOString())).toEqual([
      '2026-03-03T16:00:00.000Z',
      '2026-04-02T16:00:00.000Z',
    ]);
    expect(read('04/04/2026').flags).toEqual([]);
  });

  it('"昨晚十一点一刻" is 23:15 yesterday ± 7.5 min', () => {
    const r = read('昨晚十一点一刻');
    expect([r.from, r.to]).toEqual(['2026-11-20T15:07:30.000Z', '2026-11-20T15:22:30.000Z']);
  });

  it('"today at 9:40" said at noon is 09:40, not 21:40 as well', () => {
    const r = read('earlier today at 9:40');
    expect([r.from, r.to]).toEqual(['2026-11-21T01:39:30.000Z', '2026-11-21T01:41:00.000Z']);
  });

  it('"between 9 and 10 pm last night" covers both ends', () => {
    const r = read('between 9 and 10 pm last night');
    expect([r.from, r.to]).toEqual(['2026-11-20T12:30:00.000Z', '2026-11-20T14:30:00.000Z']);
  });

  it('"after 9 pm" reaches TIPWIRE_TIME_RELATION_REACH_HOURS after it', () => {
    const r = read('yesterday after 9 pm', {}, { ...NORMALIZE_DEFAULTS, relationReachHours: 3 });
    expect([r.from, r.to]).toEqual(['2026-11-20T12:30:00.000Z', '2026-11-20T16:30:00.000Z']);
    const b = read('yesterday before 9 pm', {}, { ...NORMALIZE_DEFAULTS, relationReachHours: 3 });
    expect([b.from, b.to]).toEqual(['2026-11-20T09:30:00.000Z', '2026-11-20T13:30:00.000Z']);
  });
});

describe('words left unread', () => {
  it('a date word nobody read widens to the last TIPWIRE_TIME_PARTLY_READ_DAYS days, flagged, the words kept', () => {
    const r = read('at 8 on the 45th', {}, { ...NORMALIZE_DEFAULTS, partlyReadDays: 30 });
    expect(r.flags).toEqual([FLAG.time.partly_read]);
    expect(r.time?.unread).toEqual(['45th']);
    // 29 days before the local day of arrival, to arrival
    expect([r.from, r.to]).toEqual(['2026-10-22T16:00:00.000Z', ARRIVAL.replace('Z', '.000Z')]);
    const wider = read('at 8 on the 45th', {}, { ...NORMALIZE_DEFAULTS, partlyReadDays: 31 });
    expect(wider.time!.from).toBe(r.time!.from! - DAY);
  });

  it('a zone-like word nobody knows covers every offset, flagged', () => {
    const r = read('yesterday 10pm XST');
    expect(r.flags).toContain(FLAG.time.partly_read);
    expect(r.time?.unread).toContain('XST');
    expect(r.time!.to! - r.time!.from!).toBeGreaterThanOrEqual(26 * 3_600_000);
  });

  it('an hour word nobody read widens to the day, never to a wrong precise time', () => {
    const r = read('yesterday at nine or ten');
    expect(r.flags).toContain(FLAG.time.partly_read);
    expect([r.from, r.to]).toEqual(['2026-11-19T16:00:00.000Z', '2026-11-20T16:00:00.000Z']);
  });
});
