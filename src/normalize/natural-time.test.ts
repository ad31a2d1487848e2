import { describe, expect, it } from 'vitest';
import { parseNatural, zhNumber } from './natural-time.js';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { normalizeTime } from './time.js';
import { createZoneFinder } from './zone-finder.js';

const utc = (iso: string) => Date.parse(iso);
/** Friday 2026-11-20, 21:40 in Shanghai (UTC+8, no DST). */
const RECEIVED = utc('2026-11-20T13:40:00Z');
const zones = createZoneFinder();

/** The UTC interval a phrase says, read on a Shanghai clock at RECEIVED. */
function interval(
  observedAt: string,
  extra: { timezone?: string; point?: { lat: number; lon: number } } = {
    timezone: 'Asia/Shanghai',
  },
) {
  const { time, flags } = normalizeTime(
    { observedAt, receivedAt: RECEIVED, ...extra },
    NORMALIZE_DEFAULTS,
    {
      zones,
    },
  );
  return {
    from: time ? new Date(time.from!).toISOString() : null,
    to: time ? new Date(time.to!).toISOString() : null,
    time,
    flags,
  };
}

describe('natural language in English, relative to the reporter’s clock', () => {
  it('"yesterday around 10 pm": 22:00 rounded to the hour, widened for "around"', () => {
    const r = interval('yesterday around 10 pm');
    expect([r.from, r.to]).toEqual(['2026-11-19T13:00:00.000Z', '2026-11-19T15:00:00.000Z']);
    expect(r.time).toMatchObject({
      reading: 'natural',
      vague: true,
      grain: 'hour',
      local: '2026-11-19T22:00:00',
    });
  });

  it('"about 3 AM last autumn": 03:00 on every day of the season, as one span, the hour kept as a hint', () => {
    const r = interval('about 3 AM last autumn');
    // autumn 2025 (Sep–Nov, Shanghai): 1 Sep 03:00 − 30 min (the hour) − 30 min ("about")
    // to 30 Nov 03:00 + 1 h.
    expect([r.from, r.to]).toEqual(['2025-08-31T18:00:00.000Z', '2025-11-29T20:00:00.000Z']);
    expect(r.time).toMatchObject({ grain: 'season', timeOfDay: '03:00' });
  });

  it('"this morning": 06:00 to noon today', () => {
    const r = interval('this morning');
    expect([r.from, r.to]).toEqual(['2026-11-19T22:00:00.000Z', '2026-11-20T04:00:00.000Z']);
    expect(r.time?.grain).toBe('part_of_day');
  });

  it('"yesterday" is the whole local day', () => {
    const r = interval('yesterday');
    expect([r.from, r.to]).toEqual(['2026-11-18T16:00:00.000Z', '2026-11-19T16:00:00.000Z']);
  });

  it('"today" ends at arrival: the reporter tells what already happened', () => {
    const r = interval('today');
    expect([r.from, r.to]).toEqual(['2026-11-19T16:00:00.000Z', '2026-11-20T13:40:00.000Z']);
  });

  it('"last night" runs from 18:00 yesterday to 06:00 today', () => {
    const r = interval('last night');
    expect([r.from, r.to]).toEqual(['2026-11-19T10:00:00.000Z', '2026-11-19T22:00:00.000Z']);
  });

  it('"5 minutes ago" is rounded to the minute and needs no zone', () => {
    const withZone = interval('5 minutes ago');
    const without = interval('5 minutes ago', {});
    expect([withZone.from, withZone.to]).toEqual([
      '2026-11-20T13:34:30.000Z',
      '2026-11-20T13:35:30.000Z',
    ]);
    expect([without.from, without.to]).toEqual([withZone.from, withZone.to]);
    expect(without.flags).toEqual([]);
  });

  it('"last week" is Monday to Monday of the previous week', () => {
    const r = interval('last week');
    expect([r.from, r.to]).toEqual(['2026-11-08T16:00:00.000Z', '2026-11-15T16:00:00.000Z']);
  });

  it('"on Tuesday at 9" covers 9:00 and 21:00 (no am/pm given)', () => {
    const r = interval('on Tuesday at 9');
    expect(r.time?.local).toBe('2026-11-17T09:00:00');
    expect(r.time?.localEnd).toBe('2026-11-17T21:00:00');
  });

  it('"tomorrow" is read, and flagged as the future', () => {
    const r = interval('tomorrow');
    expect(r.from).toBe('2026-11-20T16:00:00.000Z');
    expect(r.flags).toEqual(['time.future']);
  });

  it('reads seasons of the southern hemisphere when the point is south of the equator', () => {
    const r = interval('last autumn', { point: { lat: -33.87, lon: 151.21 } });
    // autumn in Sydney: March to May 2026
    expect(r.time?.timezone).toBe('Australia/Sydney');
    expect([r.from, r.to]).toEqual(['2026-02-28T13:00:00.000Z', '2026-05-31T14:00:00.000Z']);
  });

  it('without a zone, covers every offset for the reporter’s clock too', () => {
    const r = interval('yesterday around 10 pm', {});
    expect(r.flags).toEqual(['time.zone_unknown']);
    expect([r.from, r.to]).toEqual(['2026-11-19T07:00:00.000Z', '2026-11-20T13:40:00.000Z']);
  });
});

describe('natural language in Chinese', () => {
  it('"昨晚十点左右": 22:00 yesterday, widened for 左右', () => {
    const r = interval('昨晚十点左右');
    expect([r.from, r.to]).toEqual(['2026-11-19T13:00:00.000Z', '2026-11-19T15:00:00.000Z']);
    expect(r.time?.vague).toBe(true);
  });

  it('"刚才": within the last ten minutes (justNowSeconds)', () => {
    const r = interval('刚才');
    expect([r.from, r.to]).toEqual(['2026-11-20T13:30:00.000Z', '2026-11-20T13:40:00.000Z']);
  });

  it('"三天前下午": the afternoon three days ago', () => {
    const r = interval('三天前下午');
    expect([r.from, r.to]).toEqual(['2026-11-17T04:00:00.000Z', '2026-11-17T10:00:00.000Z']);
  });

  it('"两小时前" and "半小时前": rounded to their unit', () => {
    const two = interval('两小时前');
    expect([two.from, two.to]).toEqual(['2026-11-20T11:10:00.000Z', '2026-11-20T12:10:00.000Z']);
    const half = interval('半小时前');
    expect([half.from, half.to]).toEqual(['2026-11-20T12:55:00.000Z', '2026-11-20T13:25:00.000Z']);
  });

  it('"今天早上", "上周二", "去年秋天"', () => {
    expect(interval('今天早上').from).toBe('2026-11-19T22:00:00.000Z');
    const tuesday = interval('上周二');
    expect([tuesday.from, tuesday.to]).toEqual([
      '2026-11-09T16:00:00.000Z',
      '2026-11-10T16:00:00.000Z',
    ]);
    const autumn = interval('去年秋天');
    expect([autumn.from, autumn.to]).toEqual([
      '2025-08-31T16:00:00.000Z',
      '2025-11-30T16:00:00.000Z',
    ]);
  });

  it('"下午三点" is 15:00; "三点" alone covers 3:00 and 15:00', () => {
    expect(interval('下午三点').time?.local).toBe('2026-11-20T15:00:00');
    const bare = interval('三点');
    expect([bare.time?.local, bare.time?.localEnd]).toEqual([
      '2026-11-20T03:00:00',
      '2026-11-20T15:00:00',
    ]);
  });

  it('reads forward phrases (planned events) and flags them as the future', () => {
    const wednesday = interval('下周三');
    expect(wednesday.time?.local).toBe('2026-11-25T00:00:00');
    expect(wednesday.flags).toEqual(['time.future']);
    expect(interval('next week').time?.local).toBe('2026-11-23T00:00:00');
  });

  it('"夜里两点" is 02:00 after midnight', () => {
    expect(interval('夜里两点').time?.local).toBe('2026-11-20T02:00:00');
  });

  it('"昨天下午3点15分" is read to the minute: half a minute before, the whole minute after', () => {
    const r = interval('昨天下午3点15分');
    expect([r.from, r.to]).toEqual(['2026-11-19T07:14:30.000Z', '2026-11-19T07:16:00.000Z']);
  });

  it('"2024年11月3日" is a calendar day read by chrono', () => {
    const r = interval('2024年11月3日');
    expect([r.from, r.to]).toEqual(['2024-11-02T16:00:00.000Z', '2024-11-03T16:00:00.000Z']);
  });
});

describe('parseNatural', () => {
  it('says nothing about text without a time', () => {
    expect(parseNatural('the drone was red')).toBeNull();
    expect(parseNatural('无人机是红色的')).toBeNull();
  });

  it('reads Chinese numbers, ranges and vague counts', () => {
    expect(zhNumber('十五')).toEqual({ min: 15, max: 15, vague: false });
    expect(zhNumber('二十')).toEqual({ min: 20, max: 20, vague: false });
    expect(zhNumber('两三')).toEqual({ min: 2, max: 3, vague: true });
    expect(zhNumber('几')).toEqual({ min: 2, max: 9, vague: true });
  });
});

describe('counts as far as dates reach', () => {
  // The reader takes a count whose nominal length (a month 30 days, a year 365) is at
  // most the whole span of JS dates, 2 × 8.64e15 ms; one more is `beyondRange`.
  const largestReadable: [string, string][] = [
    ['200000000 days ago', '200000001 days ago'],
    ['28571428 weeks ago', '28571429 weeks ago'],
    ['6666666 months ago', '6666667 months ago'],
    ['547945 years ago', '547946 years ago'],
    ['4800000000 hours ago', '4800000001 hours ago'],
    ['288000000000 minutes ago', '288000000001 minutes ago'],
    ['17280000000000 seconds ago', '17280000000001 seconds ago'],
    ['200000000天前', '200000001天前'],
    ['28571428周前', '28571429周前'],
    ['6666666个月前', '6666667个月前'],
    ['547945年前', '547946年前'],
    ['4800000000小时前', '4800000001小时前'],
  ];
  it.each(largestReadable)('reads "%s"; "%s" is beyond the dates', (largest, oneMore) => {
    const read = parseNatural(largest)!;
    expect(read.beyondRange).toBe(false);
    expect(read.date ?? read.elapsed).not.toBeNull();
    const beyond = parseNatural(oneMore)!;
    expect(beyond).toMatchObject({ beyondRange: true, date: null, elapsed: null });
  });

  it('a count of 190 digits is beyond the dates, not Infinity arithmetic', () => {
    expect(parseNatural(`${'9'.repeat(190)} days ago`)?.beyondRange).toBe(true);
  });

  it('"99999999999 days ago", "99999999年前" and the other units: not placed, flagged old', () => {
    for (const observedAt of [
      '99999999999 days ago',
      '99999999999 weeks ago',
      '99999999999 months ago',
      '99999999999 years ago',
      '99999999999 hours ago',
      '99999999999999999 seconds ago',
      '99999999年前',
      '99999999个月前',
      '99999999999天前',
      '99999999999小时前',
    ]) {
      for (const extra of [{ timezone: 'Asia/Shanghai' }, {}]) {
        const r = interval(observedAt, extra);
        expect(r.time, observedAt).toBeNull();
        expect(r.flags, observedAt).toEqual(['time.unparsed', 'time.implausibly_old']);
      }
    }
  });

  it('a count beyond the dates wins over a clock time in the same text', () => {
    const r = interval('99999999999 days ago at 10 pm');
    expect(r.time).toBeNull();
    expect(r.flags).toEqual(['time.unparsed', 'time.implausibly_old']);
  });

  it('places the furthest day that dates hold, and not one day more (UTC)', () => {
    // 2026-11-20 is day 20,777 after 1970; the core keeps two days inside the Date range.
    const last = interval('100020775 days ago', { timezone: 'UTC' });
    expect([last.from, last.to]).toEqual([
      '-271821-04-22T00:00:00.000Z',
      '-271821-04-23T00:00:00.000Z',
    ]);
    expect(last.time?.local).toBe('-271821-04-22T00:00:00');
    expect(last.flags).toEqual(['time.implausibly_old']);
    const beyond = interval('100020776 days ago', { timezone: 'UTC' });
    expect(beyond.time).toBeNull();
    expect(beyond.flags).toEqual(['time.unparsed', 'time.implausibly_old']);
  });

  it('places the furthest calendar year that dates hold, and not one year more (UTC)', () => {
    const last = interval('273846 years ago', { timezone: 'UTC' });
    expect([last.from, last.to]).toEqual([
      '-271820-01-01T00:00:00.000Z',
      '-271819-01-01T00:00:00.000Z',
    ]);
    expect(last.flags).toEqual(['time.implausibly_old']);
    expect(interval('273847 years ago', { timezone: 'UTC' }).flags).toEqual([
      'time.unparsed',
      'time.implausibly_old',
    ]);
  });

  it('a period widened past the end of the dates is not placed', () => {
    const r = interval('about 100020775 days ago', { timezone: 'UTC' });
    expect(r.time).toBeNull();
    expect(r.flags).toEqual(['time.unparsed', 'time.implausibly_old']);
  });

  it('counts that reach years 0–99 land there, not in 1900–1999', () => {
    const r = interval('2000 years ago', { timezone: 'UTC' });
    expect([r.from, r.to]).toEqual(['0026-01-01T00:00:00.000Z', '0027-01-01T00:00:00.000Z']);
    expect(r.flags).toEqual(['time.implausibly_old']);
    expect(interval('24300 months ago', { timezone: 'UTC' }).from).toBe('0001-11-01T00:00:00.000Z');
  });

  it('rejects a run of blanks in a Chinese phrase at once (no catastrophic backtracking)', () => {
    const started = performance.now();
    parseNatural(`1${' '.repeat(198)}年`);
    parseNatural(`${' '.repeat(198)}天x`);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
