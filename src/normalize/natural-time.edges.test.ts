/**
 * The edges of F9's reading rules, one unit either side where a rule has a threshold:
 * ranges, relations, clock words, military time, two-digit years, weekends, weekday
 * checks, the residue's kinds and the spans they widen to.
 */
import { describe, expect, it } from 'vitest';
import { parseNatural, resolveNatural } from './natural-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const local = (iso: string) => Date.parse(`${iso}Z`);
/** The reporter's clock: Saturday 2026-11-21 12:00. */
const REF = local('2026-11-21T12:00');
const TODAY = local('2026-11-21T00:00');

const parse = (text: string) => parseNatural(text, REF);
function resolve(
  text: string,
  ref = REF,
  opts: { relationReachHours?: number; partlyReadDays?: number } = {},
) {
  const spec = parseNatural(text, ref);
  expect(spec, text).not.toBeNull();
  return resolveNatural(spec!, ref, { southern: false, ...opts });
}
const clockOf = (text: string) => parse(text)?.clock ?? null;

describe('clock words', () => {
  it.each([
    ['quarter past nine', 9, 15, 900],
    ['quarter to ten', 9, 45, 900],
    ['half past ten', 10, 30, 1800],
    ['half ten', 10, 30, 1800],
    ['ten past nine', 9, 10, 300],
    ['twenty to six', 5, 40, 300],
    ['one minute past six', 6, 1, 60],
  ])('"%s" is %d:%d, to %d s', (text, hour, minute, unit) => {
    expect(clockOf(text)).toMatchObject({ hour, minute, unitSeconds: unit });
  });

  it('takes no more than half an hour past or to ("thirty-one past" is not a clock word)', () => {
    expect(clockOf('31 minutes past six')?.minute).not.toBe(31);
  });

  it('"five to one" is 12:55 (the 12-hour clock), "quarter to midnight" 23:45, "quarter past midnight" 00:15', () => {
    expect(clockOf('five to one')).toMatchObject({ hour: 12, minute: 55, meridiemKnown: false });
    expect(clockOf('quarter to midnight')).toMatchObject({
      hour: 23,
      minute: 45,
      meridiemKnown: true,
    });
    expect(clockOf('quarter past midnight')).toMatchObject({
      hour: 0,
      minute: 15,
      meridiemKnown: true,
    });
    expect(clockOf('quarter past noon')).toMatchObject({
      hour: 12,
      minute: 15,
      meridiemKnown: true,
    });
  });

  it('applies am/pm said after the words', () => {
    expect(clockOf('quarter past nine pm')).toMatchObject({ hour: 21, meridiemKnown: true });
    expect(clockOf('quarter past twelve am')).toMatchObject({ hour: 0, meridiemKnown: true });
    expect(clockOf('quarter past twelve pm')).toMatchObject({ hour: 12, meridiemKnown: true });
  });
});

describe('an hour said alone', () => {
  it.each([
    ['at nine', 9, false],
    ['nine o’clock'.replace('’', "'"), 9, false],
    ['9 pm', 21, true],
    ['12 am', 0, true],
    ['12 pm', 12, true],
    ['at 13', 13, true],
  ])('"%s" is %d o’clock', (text, hour, known) => {
    expect(clockOf(text)).toMatchObject({ hour, meridiemKnown: known, unitSeconds: 3600 });
  });

  it('needs a marker: a bare number beside nothing is no hour', () => {
    expect(parse('9')).toBeNull();
    expect(clockOf('9 last night')?.hour).toBe(9); // beside a part of the day it is
  });
});

describe('military time', () => {
  it.each([
    ['2230hrs', 22, 30],
    ['at 2359', 23, 59],
    ['0000 hours', 0, 0],
    ['0700', 7, 0],
  ])('"%s" is %d:%d', (text, hour, minute) => {
    expect(clockOf(text)).toMatchObject({ hour, minute, unitSeconds: 60, meridiemKnown: true });
  });

  it('is not read past 23:59, or without a marker and a leading 0', () => {
    expect(clockOf('at 2400')).toBeNull();
    expect(clockOf('at 2360')).toBeNull();
    expect(parse('1845')).toBeNull();
  });
});

describe('ranges of clock times', () => {
  it('the first end takes the second’s am/pm when it is not later', () => {
    expect(parse('between 9 and 10 pm')).toMatchObject({
      clock: { hour: 21 },
      clockEnd: { hour: 22 },
    });
    expect(parse('between 11 and 1 pm')).toMatchObject({
      clock: { hour: 11, meridiemKnown: false },
      clockEnd: { hour: 13 },
    });
    expect(parse('10-10 pm')).toMatchObject({ clock: { hour: 22 } });
  });

  it('"11-20" alone is no range (a date’s month and day)', () => {
    expect(parse('11-20')?.clockEnd ?? null).toBeNull();
  });

  it('covers both ends', () => {
    expect(resolve('yesterday between 9 and 10 pm')).toMatchObject({
      kind: 'instant',
      centers: [TODAY - DAY + 21 * HOUR, TODAY - DAY + 22 * HOUR],
    });
  });
});

describe('relations', () => {
  it('"after" reaches the setting onwards from the start, "before" back from the end', () => {
    const after = resolve('yesterday after 9 pm', REF, { relationReachHours: 2 });
    expect(after).toMatchObject({
      start: TODAY - DAY + 20.5 * HOUR,
      end: TODAY - DAY + 23.5 * HOUR, // 21:00 ± 30 min, then 2 h on
    });
    const before = resolve('yesterday before 9 pm', REF, { relationReachHours: 2 });
    expect(before).toMatchObject({
      start: TODAY - DAY + 18.5 * HOUR,
      end: TODAY - DAY + 21.5 * HOUR,
    });
    const wider = resolve('yesterday after 9 pm', REF, { relationReachHours: 3 });
    expect(wider).toMatchObject({ end: TODAY - DAY + 24.5 * HOUR });
  });

  it('both "after" and "before" is a range read no further: left to the residue rule', () => {
    const spec = parse('after 9 but before 10 yesterday')!;
    expect(spec.relation).toBeNull();
  });

  it('a clock to the minute reaches its whole minute before "before"', () => {
    expect(resolve('yesterday before 21:10', REF, { relationReachHours: 1 })).toMatchObject({
      start: TODAY - DAY + 20 * HOUR + 9.5 * 60_000,
      end: TODAY - DAY + 21 * HOUR + 11 * 60_000,
    });
  });
});

describe('two-digit years', () => {
  it.each([
    ['26年11月19日', 2026],
    ['27年1月1日', 2027], // a year ahead of 2026 is still this century
    ['28年1月1日', 1928], // two ahead is the last century
    ['99年1月1日', 1999],
  ])('"%s" is in %d', (text, year) => {
    expect(parse(text)?.date).toMatchObject({ year });
  });
});

describe('weekends', () => {
  const saturday = TODAY;
  it.each([
    ['the weekend', saturday], // said on Saturday: this one
    ['this weekend', saturday],
    ['last weekend', saturday - 7 * DAY],
    ['next weekend', saturday + 7 * DAY],
    ['上上个周末', saturday - 14 * DAY],
  ])('"%s" said on a Saturday begins %d', (text, start) => {
    expect(resolve(text)).toMatchObject({ start, end: start + 2 * DAY });
  });

  it('"the weekend" said on a Friday is the one before', () => {
    expect(resolve('the weekend', REF - DAY)).toMatchObject({ start: saturday - 7 * DAY });
  });
});

describe('a weekday said with a date', () => {
  it('agrees: one day; disagrees: both days', () => {
    // 19 November 2026 is a Thursday.
    expect(resolve('Thursday 19 November')).toMatchObject({
      start: local('2026-11-19T00:00'),
      end: local('2026-11-20T00:00'),
    });
    expect(resolve('Friday 19 November')).toMatchObject({
      start: local('2026-11-19T00:00'),
      end: local('2026-11-21T00:00'), // Friday the 20th is the other reading
      alternatives: [
        [local('2026-11-19T00:00'), local('2026-11-20T00:00')],
        [local('2026-11-20T00:00'), local('2026-11-21T00:00')],
      ],
    });
  });
});

describe('words left unread', () => {
  const kinds = (text: string) => parse(text)?.residue.map((r) => r.kind);

  it('sorts them by what they could change', () => {
    expect(kinds('yesterday at 8 on the 45th')).toEqual(['date']);
    expect(kinds('yesterday at 8 or so, 3')).toEqual(['hour']);
    expect(kinds('yesterday at 8pm XST')).toEqual(['zone']);
    expect(kinds('yesterday 8pm GMT+15')).toContain('zone');
  });

  it('a date word widens to partlyReadDays back, the grain following the span', () => {
    expect(resolve('at 8 on the 45th', REF, { partlyReadDays: 1 })).toMatchObject({
      start: TODAY,
      end: TODAY + DAY,
      grain: 'day',
    });
    expect(resolve('at 8 on the 45th', REF, { partlyReadDays: 7 })).toMatchObject({
      start: TODAY - 6 * DAY,
      grain: 'week',
    });
    expect(resolve('at 8 on the 45th', REF, { partlyReadDays: 8 })).toMatchObject({
      grain: 'month',
    });
    expect(resolve('at 8 on the 45th', REF, { partlyReadDays: 31 })).toMatchObject({
      grain: 'month',
    });
    expect(resolve('at 8 on the 45th', REF, { partlyReadDays: 32 })).toMatchObject({
      grain: 'year',
    });
  });

  it('an hour word widens to the day read, or to yesterday and today', () => {
    expect(resolve('yesterday at 8 or so, 3')).toMatchObject({ start: TODAY - DAY, end: TODAY });
    expect(resolve('at 8, 3')).toMatchObject({ start: TODAY - DAY, end: TODAY + DAY });
  });
});

describe('Chinese clock forms', () => {
  it.each([
    ['十点多', 10, 30, 3600],
    ['差五分十点', 9, 55, 60],
    ['十点差一刻', 9, 45, 900],
    ['差五分十二点', 11, 55, 60],
    ['差五分一点', 12, 55, 60],
  ])('"%s" is %d:%d to %d s', (text, hour, minute, unit) => {
    expect(clockOf(text)).toMatchObject({ hour, minute, unitSeconds: unit });
  });

  it('八九点 is 8 to 9; 七九点 is no range', () => {
    expect(parse('八九点')).toMatchObject({ clock: { hour: 8 }, clockEnd: { hour: 9 } });
    expect(parse('七九点')?.clockEnd ?? null).toBeNull();
  });

  it('一个多小时前 is 1 to 2 hours, 十多分钟前 10 to 19 minutes', () => {
    expect(parse('一个多小时前')?.elapsed).toEqual({ minMs: HOUR, maxMs: 2 * HOUR, unitMs: HOUR });
    expect(parse('十多分钟前')?.elapsed).toEqual({
      minMs: 10 * 60_000,
      maxMs: 19 * 60_000,
      unitMs: 60_000,
    });
  });
});
