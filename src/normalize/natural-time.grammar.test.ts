/**
 * The grammar of natural-language times, word by word: what `parseNatural` reads
 * from each phrase before any reference time places it. Counts and units are read
 * as the module header says ("N units ago" in whole or half units; days, weeks,
 * months and years as calendar anchors); each expectation is built from the count
 * and the unit, never copied from output.
 */
import { describe, expect, it } from 'vitest';
import { type NaturalSpec, parseNatural, zhNumber } from './natural-time.js';
import { NUMBER_WORDS_EN, UNITS_EN } from './data/time-words.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The reporter's clock: Friday 2026-11-20 21:40 (local ms). */
const REF = Date.parse('2026-11-20T21:40:00Z');

const parse = (text: string) => parseNatural(text, REF);

/** "N units ago" counted in whole units: N × unit, rounded to the unit. */
const elapsed = (min: number, max: number, unitMs: number) => ({
  minMs: min * unitMs,
  maxMs: max * unitMs,
  unitMs,
});

describe('numbers written in Chinese characters (zhNumber)', () => {
  it.each([
    ['三', 3],
    ['两', 2],
    ['九', 9],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['九十九', 99],
    ['12', 12],
    ['1.5', 1.5],
    ['1.25', 1.25],
  ])('reads %s as %d', (text, n) => {
    expect(zhNumber(text)).toEqual({ min: n, max: n, vague: false });
  });

  it.each([
    ['几', 2, 9],
    ['好几', 2, 9],
    ['十几', 11, 19],
    ['几十', 20, 90],
    ['一二', 1, 2],
    ['两三', 2, 3],
    ['三四', 3, 4],
    ['八九', 8, 9],
    ['三五', 3, 5],
  ])('reads %s as the vague count %d–%d', (text, min, max) => {
    expect(zhNumber(text)).toEqual({ min, max, vague: true });
  });

  it.each(['', '五三', '三五五', '两两', '好三', '三好', 'x5', '5x', '1.', '.5', '十十'])(
    'reads nothing in %j',
    (text) => {
      expect(zhNumber(text)).toBeNull();
    },
  );
});

describe('"N units ago" in English', () => {
  const UNIT_MS = { second: SECOND, minute: MINUTE, hour: HOUR } as const;
  const clockUnits = Object.entries(UNITS_EN).filter(
    (entry): entry is [string, keyof typeof UNIT_MS] => entry[1] in UNIT_MS,
  );

  it.each(clockUnits)('reads "7 %s ago" as 7 of %s, rounded to it', (word, unit) => {
    expect(parse(`7 ${word} ago`)).toMatchObject({
      elapsed: elapsed(7, 7, UNIT_MS[unit]),
      date: null,
      vague: false,
    });
  });

  it.each(Object.entries(NUMBER_WORDS_EN))('reads the count "%s" as %j', (word, [min, max]) => {
    const spec = parse(`${word} minutes ago`)!;
    expect(spec.elapsed).toEqual(elapsed(min, max, MINUTE));
    expect(spec.vague).toBe(min !== max);
  });

  it.each(['ago', 'before', 'earlier', 'back'])('reads "2 hours %s"', (word) => {
    expect(parse(`2 hours ${word}`)?.elapsed).toEqual(elapsed(2, 2, HOUR));
  });

  it('counts a fractional count in half units', () => {
    expect(parse('1.5 hours ago')?.elapsed).toEqual(elapsed(3, 3, HOUR / 2));
    expect(parse('1.25 hours ago')?.elapsed).toEqual(elapsed(2.5, 2.5, HOUR / 2));
    // Days too: a day and a half is 36 h ± 6 h, needing no calendar.
    expect(parse('1.5 days ago')).toMatchObject({ elapsed: elapsed(3, 3, DAY / 2), date: null });
  });

  it('reads "half an hour ago" and "an hour and a half ago" in half hours', () => {
    expect(parse('half an hour ago')?.elapsed).toEqual(elapsed(1, 1, 30 * MINUTE));
    expect(parse('an hour and a half ago')?.elapsed).toEqual(elapsed(3, 3, 30 * MINUTE));
  });

  it.each([
    ['3 days ago', { kind: 'days_ago', min: 3, max: 3 }],
    ['a few days ago', { kind: 'days_ago', min: 2, max: 5 }],
    ['3 weeks ago', { kind: 'weeks_ago', min: 3, max: 3 }],
    ['several weeks ago', { kind: 'weeks_ago', min: 3, max: 7 }],
    ['2 months ago', { kind: 'calendar_month', min: 2, max: 2 }],
    ['fifteen years ago', { kind: 'calendar_year', min: 15, max: 15 }],
  ])('reads "%s" as calendar days, weeks, months or years', (text, date) => {
    expect(parse(text)).toMatchObject({ date, elapsed: null });
  });

  it('does not read a count without a unit, or a unit without "ago"', () => {
    expect(parse('5 ago')).toBeNull();
    expect(parse('5 minutes')?.elapsed ?? null).toBeNull();
  });
});

describe('"N units ago" in Chinese', () => {
  it.each([
    ['10秒前', 10, SECOND],
    ['十秒钟前', 10, SECOND],
    ['5分钟前', 5, MINUTE],
    ['十五分钟前', 15, MINUTE],
    ['一个小时前', 1, HOUR],
    ['两个钟头前', 2, HOUR],
    ['3小时之前', 3, HOUR],
    ['3小时以前', 3, HOUR],
    // No count: one unit.
    ['小时前', 1, HOUR],
  ])('reads %s as %d of its unit', (text, n, unitMs) => {
    expect(parse(text)).toMatchObject({ elapsed: elapsed(n, n, unitMs), vague: false });
  });

  it.each([
    ['半小时前', 1],
    ['半个小时前', 1],
    ['半个钟头前', 1],
    ['一个半小时前', 3],
    ['两个半小时前', 5],
    ['1.5小时前', 3],
  ])('reads %s in half hours: %d of them', (text, halves) => {
    expect(parse(text)?.elapsed).toEqual(elapsed(halves, halves, 30 * MINUTE));
  });

  it('reads 半年前 as half a year of 365 days', () => {
    expect(parse('半年前')?.elapsed).toEqual(elapsed(1, 1, (365 * DAY) / 2));
  });

  it.each([
    ['三天前', { kind: 'days_ago', min: 3, max: 3 }],
    ['3日前', { kind: 'days_ago', min: 3, max: 3 }],
    ['两周前', { kind: 'weeks_ago', min: 2, max: 2 }],
    ['两个星期前', { kind: 'weeks_ago', min: 2, max: 2 }],
    ['三个礼拜前', { kind: 'weeks_ago', min: 3, max: 3 }],
    ['一个月前', { kind: 'calendar_month', min: 1, max: 1 }],
    ['两年之前', { kind: 'calendar_year', min: 2, max: 2 }],
  ])('reads %s as calendar days, weeks, months or years', (text, date) => {
    expect(parse(text)).toMatchObject({ date, elapsed: null, vague: false });
  });

  it.each([
    ['几天前', 2, 9],
    ['好几天前', 2, 9],
    ['十几天前', 11, 19],
    ['两三天前', 2, 3],
  ])('reads the vague count of %s as %d–%d days, and says it is vague', (text, min, max) => {
    expect(parse(text)).toMatchObject({ date: { kind: 'days_ago', min, max }, vague: true });
  });

  it('reads a vague count with a half as both ends plus a half', () => {
    expect(parse('两三个半小时前')?.elapsed).toEqual(elapsed(5, 7, 30 * MINUTE));
  });

  it.each([
    ['两 天前', 'after the count'],
    ['两天 前', 'before 前'],
  ])('allows blanks between the words (%j, %s)', (text) => {
    expect(parse(text)?.date).toEqual({ kind: 'days_ago', min: 2, max: 2, counted: true });
  });

  it.each([
    ['一个 半小时前', 3],
    ['半 个小时前', 1],
    ['半个  小时前', 1],
  ])('allows blanks around 个 and 半 (%j)', (text, halves) => {
    expect(parse(text)?.elapsed).toEqual(elapsed(halves, halves, 30 * MINUTE));
  });

  it('leaves a count it cannot read to the other readers, unconsumed', () => {
    // 好三 is no number: "天前" is not read as one day ago.
    expect(parse('好三天前')?.date ?? null).toBeNull();
  });

  it('reads 一刻钟 and 三刻钟 as 15 and 45 minutes, to the quarter hour', () => {
    const quarter = 15 * MINUTE;
    expect(parse('一刻钟前')?.elapsed).toEqual({ minMs: quarter, maxMs: quarter, unitMs: quarter });
    expect(parse('三刻钟前')?.elapsed).toEqual({
      minMs: 3 * quarter,
      maxMs: 3 * quarter,
      unitMs: quarter,
    });
  });
});

describe('relative days in English', () => {
  it.each([
    ['the day before yesterday', 2, null],
    ['day before yesterday', 2, null],
    ['the day after tomorrow', -2, null],
    ['day after tomorrow', -2, null],
    ['tomorrow', -1, null],
    ['last night', 1, 'night'],
    ['yesterday', 1, null],
    ['tonight', 0, 'night'],
    ['this morning', 0, 'morning'],
    ['earlier this morning', 0, 'morning'],
    ['this afternoon', 0, 'afternoon'],
    ['this evening', 0, 'evening'],
    ['today', 0, null],
    ['earlier today', 0, null],
  ])('reads "%s" as %d days back, part of the day %s', (text, back, daypart) => {
    expect(parse(text)).toMatchObject({
      date: { kind: 'days_ago', min: back, max: back },
      daypart,
      clock: null,
    });
  });
});

describe('weeks, months and years in English', () => {
  it.each([
    ['this week', 0],
    ['last week', 1],
    ['past week', 1],
    ['next week', -1],
  ])('reads "%s" as the calendar week %d back', (text, back) => {
    expect(parse(text)?.date).toEqual({ kind: 'calendar_week', back });
  });

  it.each([
    ['this month', 'calendar_month', 0],
    ['last month', 'calendar_month', 1],
    ['past month', 'calendar_month', 1],
    ['next month', 'calendar_month', -1],
    ['this year', 'calendar_year', 0],
    ['last year', 'calendar_year', 1],
    ['past year', 'calendar_year', 1],
    ['next year', 'calendar_year', -1],
  ])('reads "%s" as %s %d back', (text, kind, back) => {
    expect(parse(text)?.date).toEqual({ kind, min: back, max: back });
  });
});

describe('seasons in English', () => {
  it.each([
    ['spring of last year', 'spring'],
    ['summer last year', 'summer'],
    ['in the summer of last year', 'summer'],
    ['in autumn last year', 'autumn'],
    ['the fall of last year', 'autumn'],
    ['winter of last year', 'winter'],
  ])('reads "%s" as the %s of the year before, not the whole year', (text, season) => {
    expect(parse(text)?.date).toEqual({ kind: 'season', season, mode: 'years_back', back: 1 });
  });

  it.each([
    ['last autumn', 'autumn', 'last'],
    ['past winter', 'winter', 'last'],
    ['last fall', 'autumn', 'last'],
    ['this summer', 'summer', 'this'],
    ['winter', 'winter', 'recent'],
    ['the winter', 'winter', 'recent'],
    ['in winter', 'winter', 'recent'],
    ['in the spring', 'spring', 'recent'],
  ])('reads "%s" as the %s, mode %s', (text, season, mode) => {
    expect(parse(text)?.date).toEqual({ kind: 'season', season, mode, back: 0 });
  });
});

describe('weekdays in English', () => {
  it.each([
    ['monday', 1],
    ['tuesday', 2],
    ['wednesday', 3],
    ['thursday', 4],
    ['friday', 5],
    ['saturday', 6],
    ['sunday', 7],
    ['fridays', 5],
  ])('reads "%s" as ISO weekday %d, the most recent one', (text, weekday) => {
    expect(parse(text)?.date).toEqual({ kind: 'weekday', weekday, mode: 'recent' });
  });

  it.each([
    ['on monday', 'recent'],
    ['last monday', 'before_today'],
    ['past monday', 'before_today_plain'],
    ['next monday', 'after_today'],
    ['this monday', 'this_week'],
  ])('reads "%s" with mode %s', (text, mode) => {
    expect(parse(text)?.date).toEqual({ kind: 'weekday', weekday: 1, mode });
  });

  it.each([
    ['sat at 3pm', 6],
    ['sun 9pm', 7],
    ['mon 9am', 1],
  ])('takes the weekday chrono-node reads in "%s" (ISO %d)', (text, weekday) => {
    expect(parse(text)?.date).toEqual({ kind: 'weekday', weekday, mode: 'recent' });
  });

  it('reads "sat" and "sun" as days only where they cannot be words', () => {
    expect(parse('on sat')?.date).toEqual({ kind: 'weekday', weekday: 6, mode: 'recent' });
    expect(parse('last sun')?.date).toEqual({ kind: 'weekday', weekday: 7, mode: 'before_today' });
    expect(parse('the sun was up')).toBeNull();
    expect(parse('sat down at the bench')).toBeNull();
  });
});

describe('parts of the day', () => {
  it.each([
    ['at dawn', 'dawn'],
    ['daybreak', 'dawn'],
    ['early morning', 'morning_early'],
    ['in the early hours', 'early_morning'],
    ['wee hours', 'early_morning'],
    ['in the morning', 'morning'],
    ['at midday', 'noon'],
    ['lunchtime', 'noon'],
    ['in the afternoon', 'afternoon'],
    ['at dusk', 'dusk'],
    ['in the evening', 'evening'],
    ['late at night', 'late_night'],
    ['at night', 'night'],
    ['凌晨', 'early_morning'],
    ['清晨', 'dawn'],
    ['早上', 'morning'],
    ['上午', 'forenoon'],
    ['中午', 'noon'],
    ['下午', 'afternoon'],
    ['傍晚', 'early_evening'],
    ['半夜', 'late_night'],
    ['晚上', 'night'],
  ])('reads "%s" as %s', (text, daypart) => {
    expect(parse(text)).toMatchObject({ daypart, date: null, clock: null });
  });

  it('keeps the first part of the day it reads; in Chinese a narrower one said after the day word', () => {
    expect(parse('tonight in the evening')?.daypart).toBe('night');
    expect(parse('昨晚深夜')?.daypart).toBe('late_night');
    expect(parse('昨晚下午')?.daypart).toBe('night'); // not within the night: not taken
  });

  it('reads a part of the day with a date', () => {
    expect(parse('yesterday in the afternoon')).toMatchObject({
      date: { kind: 'days_ago', min: 1, max: 1 },
      daypart: 'afternoon',
    });
    expect(parse('三天前下午')).toMatchObject({
      date: { kind: 'days_ago', min: 3, max: 3 },
      daypart: 'afternoon',
    });
  });
});

describe('relative days in Chinese', () => {
  it.each([
    ['大前天', 3, null],
    ['前晚', 2, 'night'],
    ['前天晚上', 2, 'night'],
    ['前天夜里', 2, 'night'],
    ['前天', 2, null],
    ['昨晚', 1, 'night'],
    ['昨夜', 1, 'night'],
    ['昨早', 1, 'morning'],
    ['昨晨', 1, 'morning'],
    ['昨天', 1, null],
    ['昨日', 1, null],
    ['昨儿', 1, null],
    ['今晚', 0, 'night'],
    ['今夜', 0, 'night'],
    ['今早', 0, 'morning'],
    ['今晨', 0, 'morning'],
    ['今天', 0, null],
    ['今日', 0, null],
    ['今儿', 0, null],
    ['明晚', -1, 'night'],
    ['明天晚上', -1, 'night'],
    ['明早', -1, 'morning'],
    ['明天早上', -1, 'morning'],
    ['大后天', -3, null],
    ['后天', -2, null],
    ['明天', -1, null],
    ['明日', -1, null],
    ['明儿', -1, null],
  ])('reads %s as %d days back, part of the day %s', (text, back, daypart) => {
    expect(parse(text)).toMatchObject({
      date: { kind: 'days_ago', min: back, max: back },
      daypart,
    });
  });

  it('keeps a day word over a week word after it', () => {
    expect(parse('昨天，上周三')?.date).toEqual({ kind: 'days_ago', min: 1, max: 1 });
  });
});

describe('weekdays, weeks, months, years and seasons in Chinese', () => {
  it.each([
    ['周一', 1, 'recent'],
    ['周二', 2, 'recent'],
    ['星期六', 6, 'recent'],
    ['星期日', 7, 'recent'],
    ['星期天', 7, 'recent'],
    ['礼拜三', 3, 'recent'],
    ['周7', 7, 'recent'],
    ['周3', 3, 'recent'],
    ['上周日', 7, 'last_week'],
    ['上个星期三', 3, 'last_week'],
    ['下礼拜五', 5, 'next_week'],
    ['这周三', 3, 'this_week'],
    ['本周一', 1, 'this_week'],
  ])('reads %s as ISO weekday %d, mode %s', (text, weekday, mode) => {
    expect(parse(text)?.date).toEqual({ kind: 'weekday', weekday, mode });
  });

  it.each([
    ['上周', 1],
    ['上个星期', 1],
    ['这周', 0],
    ['本周', 0],
    ['这个礼拜', 0],
    ['下周', -1],
    ['下个星期', -1],
  ])('reads %s as the calendar week %d back', (text, back) => {
    expect(parse(text)?.date).toEqual({ kind: 'calendar_week', back });
  });

  it.each([
    ['上个月', 'calendar_month', 1],
    ['上月', 'calendar_month', 1],
    ['下个月', 'calendar_month', -1],
    ['下月', 'calendar_month', -1],
    ['这个月', 'calendar_month', 0],
    ['这月', 'calendar_month', 0],
    ['本月', 'calendar_month', 0],
    ['明年', 'calendar_year', -1],
    ['今年', 'calendar_year', 0],
    ['去年', 'calendar_year', 1],
    ['前年', 'calendar_year', 2],
  ])('reads %s as %s %d back', (text, kind, back) => {
    expect(parse(text)?.date).toEqual({ kind, min: back, max: back });
  });

  it.each([
    ['春天', 'spring'],
    ['夏季', 'summer'],
    ['秋天', 'autumn'],
    ['冬天', 'winter'],
  ])('reads %s as the most recent %s', (text, season) => {
    expect(parse(text)?.date).toEqual({ kind: 'season', season, mode: 'recent', back: 0 });
  });

  it.each([
    ['今年春天', 'spring', 0],
    ['去年的夏天', 'summer', 1],
    ['去年秋天', 'autumn', 1],
    ['前年冬季', 'winter', 2],
  ])('reads %s as the %s of the year %d back', (text, season, back) => {
    expect(parse(text)?.date).toEqual({ kind: 'season', season, mode: 'years_back', back });
  });
});

describe('midnight, noon and "just now"', () => {
  it('reads midnight as 0:00, rounded to the hour, ending the day it is anchored to', () => {
    expect(parse('midnight')).toMatchObject({
      clock: { hour: 0, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true },
      midnight: true,
    });
  });

  it('reads "12 noon" as 12:00, rounded to the hour, and "at noon" as the part of the day', () => {
    expect(parse('12 noon')).toMatchObject({
      clock: { hour: 12, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true },
      midnight: false,
    });
    expect(parse('at noon')).toMatchObject({ clock: null, daypart: 'noon' });
    expect(parse('yesterday at noon')).toMatchObject({ clock: null, daypart: 'noon' });
  });

  it.each(['just now', 'a moment ago', 'right now', '刚才', '刚刚', '就在刚才', '现在'])(
    'reads "%s" as just now, and nothing else',
    (text) => {
      expect(parse(text)).toEqual<NaturalSpec>({
        vague: false,
        justNow: true,
        elapsed: null,
        date: null,
        daypart: null,
        clock: null,
        clockEnd: null,
        relation: null,
        midnight: false,
        beyondRange: false,
        zone: null,
        residue: [],
      });
    },
  );

  it('reads "just now" alongside a part of the day', () => {
    expect(parse('just now, this morning')).toMatchObject({ justNow: true, daypart: 'morning' });
  });
});

describe('vague words', () => {
  it.each([
    ['around 5 minutes ago', 'around'],
    ['about 5 minutes ago', 'about'],
    ['5 minutes ago or so', 'or so'],
    ['5 minutes ago, I think', 'I think'],
    ['5分钟前左右', '左右'],
    ['大概5分钟前', '大概'],
    ['约5分钟前', '约'],
  ])('"%s" is vague (%s), and still read', (text) => {
    expect(parse(text)).toMatchObject({ vague: true, elapsed: elapsed(5, 5, MINUTE) });
  });

  it('a precise phrase is not vague', () => {
    expect(parse('5 minutes ago')?.vague).toBe(false);
    expect(parse('5分钟前')?.vague).toBe(false);
  });

  it('a vague word alone says nothing', () => {
    expect(parse('around')).toBeNull();
    expect(parse('大概')).toBeNull();
  });
});

describe('words read are blanked, never glued', () => {
  it('does not join the neighbours of a vague word into a new word', () => {
    // 半左右夜: 半 and 夜 around 左右 are not 半夜.
    expect(parse('半左右夜')).toBeNull();
  });

  it('does not join the neighbours of a day word into a new word', () => {
    expect(parse('半昨天夜')).toMatchObject({ daypart: null });
  });
});

describe('clock times (chrono-node) and their unit', () => {
  it.each([
    // text, hour, minute, second, unitSeconds, meridiemKnown
    ['at 3 pm', 15, 0, 0, 3600, true],
    ['at 3 am', 3, 0, 0, 3600, true],
    ['at 3', 3, 0, 0, 3600, false],
    ['21:10', 21, 10, 0, 60, true],
    ['7:30', 7, 30, 0, 60, false],
    ['07:30', 7, 30, 0, 60, true],
    ['at 07:30', 7, 30, 0, 60, true],
    ['at 10:0 pm', 22, 0, 0, 60, true],
    ['00:30', 0, 30, 0, 60, true],
    ['10:00', 10, 0, 0, 60, false],
    ['at 10:15:30', 10, 15, 30, 1, false],
    ['at 10:15:30 pm', 22, 15, 30, 1, true],
    ['3点15分20秒', 3, 15, 20, 1, false],
    ['十点半', 10, 30, 0, 1800, false],
    ['10点30', 10, 30, 0, 60, false],
    ['三点一刻', 3, 15, 0, 900, false],
    ['三点三刻', 3, 45, 0, 900, false],
    ['3点15分', 3, 15, 0, 60, false],
    ['3点45', 3, 45, 0, 60, false],
    ['10点', 10, 0, 0, 3600, false],
    ['十点', 10, 0, 0, 3600, false],
    ['10点00', 10, 0, 0, 60, false],
    ['十点零五', 10, 5, 0, 60, false],
    ['10时0分', 10, 0, 0, 60, false],
    ['15点', 15, 0, 0, 3600, true],
    ['0点', 0, 0, 0, 3600, true],
  ])(
    'reads %s as %d:%d:%d, unit %d s, am/pm known: %s',
    (text, hour, minute, second, unit, known) => {
      expect(parse(text)?.clock).toEqual({
        hour,
        minute,
        second,
        unitSeconds: unit,
        meridiemKnown: known,
      });
    },
  );

  it('does not take 12点 as noon: chrono-node marks every hour from 12 pm', () => {
    expect(parse('12点')?.clock).toMatchObject({ hour: 12, meridiemKnown: false });
    expect(parse('12点半')?.clock).toMatchObject({ hour: 12, minute: 30, meridiemKnown: false });
  });

  it('rounds to a quarter only a reading at a quarter past or to', () => {
    // 一刻钟 elsewhere in the text does not make 3:20 a quarter.
    expect(parse('3点20分，一刻钟前')?.clock).toMatchObject({
      hour: 3,
      minute: 20,
      unitSeconds: 60,
    });
  });

  it('does not let chrono-node read again a word our grammar read ("now")', () => {
    expect(parse('just now at 3 pm')).toMatchObject({
      justNow: true,
      date: null,
      clock: { hour: 15, minute: 0, meridiemKnown: true },
    });
  });

  it('does not count a second chrono-node works out for a relative phrase as stated', () => {
    // "in 15 minutes" from 21:40: chrono-node says 21:55:00, seconds included.
    expect(parse('in 15 minutes')?.clock).toEqual({
      hour: 21,
      minute: 55,
      second: 0,
      unitSeconds: 60,
      meridiemKnown: true,
    });
  });

  it('takes the first clock time and the first date', () => {
    expect(parse('at 3 pm or at 5 pm')?.clock?.hour).toBe(15);
    expect(parse('nov 3 or dec 4')?.date).toEqual({ kind: 'date', year: null, month: 11, day: 3 });
  });
});

describe('calendar dates (chrono-node)', () => {
  it.each([
    ['nov 3', null, 11, 3],
    ['2024-11-03', 2024, 11, 3],
    ['2024年11月3日', 2024, 11, 3],
    ['11月3日', null, 11, 3],
    ['november', null, 11, null],
    ['11月', null, 11, null],
    ['march 2024', 2024, 3, null],
    ['2024年3月', 2024, 3, null],
  ])('reads "%s" as year %s, month %s, day %s', (text, year, month, day) => {
    expect(parse(text)?.date).toEqual({ kind: 'date', year, month, day });
  });

  it('keeps a date our grammar read over one chrono-node reads', () => {
    expect(parse('yesterday, nov 3')?.date).toEqual({ kind: 'days_ago', min: 1, max: 1 });
  });
});

describe('nothing to read', () => {
  it.each(['', 'the drone was red', '无人机是红色的', 'around', 'on the 45th', 'the sun was up'])(
    'says nothing about %j',
    (text) => {
      expect(parse(text)).toBeNull();
    },
  );
});
