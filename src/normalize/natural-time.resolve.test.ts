/**
 * Placing what the words say against the reporter's local clock (`resolveNatural`)
 * and "N units ago" / "just now" against arrival (`elapsedInterval`). Every expected
 * interval is built from the rule in the module header (a calendar period is the
 * whole period, weeks run Monday to Monday, a clock time is rounded to its last
 * stated unit, the most recent such time) and the parts of the day in
 * data/time-words.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  type DateAnchor,
  elapsedInterval,
  type NaturalSpec,
  parseNatural,
  resolveNatural,
} from './natural-time.js';
import { DAYPARTS } from './data/time-words.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A wall-clock time as local ms (written as if UTC). */
const local = (iso: string) => Date.parse(`${iso}Z`);
/** The reporter's clock: Friday 2026-11-20 21:40. */
const REF = local('2026-11-20T21:40');
const TODAY = local('2026-11-20T00:00');
/** Monday of REF's week. */
const MONDAY = local('2026-11-16T00:00');
/** The unit of a period is its nominal length: 6 h, a day, 7 days, 30, 91 or 365 days. */
const NOMINAL = {
  part_of_day: 6 * 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  season: 91 * 86_400,
  year: 365 * 86_400,
} as const;

function resolve(text: string, ref = REF, southern = false) {
  const spec = parseNatural(text, ref);
  expect(spec, text).not.toBeNull();
  return resolveNatural(spec!, ref, { southern });
}

/** A spec of plain data (for anchors chrono-node never produces on its own). */
const spec = (overrides: Partial<NaturalSpec>): NaturalSpec => ({
  vague: false,
  justNow: false,
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
  ...overrides,
});

const period = (
  start: number,
  end: number,
  grain: keyof typeof NOMINAL,
  timeOfDay: string | null = null,
) => ({
  kind: 'period',
  start,
  end,
  grain,
  unitSeconds: NOMINAL[grain],
  timeOfDay,
  alternatives: [],
});

/** A clock reading; read to the minute or second it also covers the rest of that unit. */
const instant = (centers: number[], unitSeconds: number, grain: 'second' | 'minute' | 'hour') => ({
  kind: 'instant',
  centers,
  grain,
  unitSeconds,
  truncated: unitSeconds <= 60,
  halfBefore: true,
  ambiguousDate: false,
});

describe('days', () => {
  it.each([
    ['yesterday', 1],
    ['today', 0],
    ['tomorrow', -1],
    ['the day before yesterday', 2],
    ['三天前', 3],
    ['大后天', -3],
  ])('"%s" is the whole local day %d back', (text, back) => {
    expect(resolve(text)).toEqual(period(TODAY - back * DAY, TODAY - back * DAY + DAY, 'day'));
  });

  it('a vague count of days covers every day it may mean', () => {
    // 2 to 5 days back: from the start of the 5th day back to the end of the 2nd.
    expect(resolve('a few days ago')).toEqual(period(TODAY - 5 * DAY, TODAY - DAY, 'day'));
  });
});

describe('weeks', () => {
  it('"3 weeks ago" is 3 weeks before the reporter’s clock, ± half a week', () => {
    expect(resolve('3 weeks ago')).toEqual(
      period(REF - 21 * DAY - 3.5 * DAY, REF - 21 * DAY + 3.5 * DAY, 'week'),
    );
  });

  it('a vague count of weeks covers every week it may mean', () => {
    expect(resolve('some weeks ago')).toEqual(
      period(REF - 35 * DAY - 3.5 * DAY, REF - 14 * DAY + 3.5 * DAY, 'week'),
    );
  });

  it.each([
    ['this week', 0],
    ['last week', 1],
    ['next week', -1],
    ['上周', 1],
  ])('"%s" runs Monday to Monday, %d weeks back', (text, back) => {
    const start = MONDAY - back * 7 * DAY;
    expect(resolve(text)).toEqual(period(start, start + 7 * DAY, 'week'));
  });

  it('a week starts on the Monday, whatever the day of the reference', () => {
    expect(resolve('this week', local('2026-11-22T23:00'))).toMatchObject({ start: MONDAY });
    expect(resolve('this week', local('2026-11-16T00:30'))).toMatchObject({ start: MONDAY });
  });
});

describe('months and years', () => {
  it.each([
    ['this month', '2026-11-01', '2026-12-01'],
    ['last month', '2026-10-01', '2026-11-01'],
    ['next month', '2026-12-01', '2027-01-01'],
    ['2 months ago', '2026-09-01', '2026-10-01'],
    ['两三个月前', '2026-08-01', '2026-10-01'],
  ])('"%s" is the calendar months %s to %s', (text, start, end) => {
    expect(resolve(text)).toEqual(period(local(`${start}T00:00`), local(`${end}T00:00`), 'month'));
  });

  it('"last month" in January is December of the year before', () => {
    expect(resolve('last month', local('2026-01-15T12:00'))).toMatchObject({
      start: local('2025-12-01T00:00'),
      end: local('2026-01-01T00:00'),
    });
  });

  it.each([
    ['this year', 2026, 2027],
    ['last year', 2025, 2026],
    ['next year', 2027, 2028],
    ['两三年前', 2023, 2025],
  ])('"%s" is the calendar years %d to %d', (text, start, end) => {
    expect(resolve(text)).toEqual(
      period(local(`${start}-01-01T00:00`), local(`${end}-01-01T00:00`), 'year'),
    );
  });
});

describe('weekdays (the reference is a Friday)', () => {
  const isoWeekdayDate = (weekday: number, weeksBack = 0) =>
    MONDAY + (weekday - 1) * DAY - weeksBack * 7 * DAY;
  const day = (start: number) => period(start, start + DAY, 'day');

  it.each([
    ['friday', TODAY],
    ['thursday', TODAY - DAY],
    ['monday', TODAY - 4 * DAY],
    ['saturday', TODAY - 6 * DAY],
    ['sunday', TODAY - 5 * DAY],
  ])('"%s" is the most recent one, today included', (text, start) => {
    expect(resolve(text)).toEqual(day(start));
  });

  it.each([
    ['last friday', TODAY - 7 * DAY],
    ['last saturday', TODAY - 6 * DAY],
    ['last sunday', TODAY - 5 * DAY],
  ])('"%s" is the most recent one before today, in last week: one reading', (text, start) => {
    expect(resolve(text)).toEqual(day(start));
  });

  it.each([
    ['last thursday', TODAY - DAY],
    ['last monday', TODAY - 4 * DAY],
  ])(
    '"%s" is this week’s (Monday-start) or the one a week before: both days, as alternatives',
    (text, recent) => {
      const earlier = recent - 7 * DAY;
      expect(resolve(text)).toEqual({
        ...day(earlier),
        end: recent + DAY,
        unitSeconds: 8 * 86_400,
        alternatives: [
          [earlier, earlier + DAY],
          [recent, recent + DAY],
        ],
      });
    },
  );

  it('"last thursday at 9 pm" said on a Friday is 21:00 on either Thursday', () => {
    expect(resolve('last thursday at 9 pm')).toEqual({
      ...instant([TODAY - 8 * DAY + 21 * HOUR, TODAY - DAY + 21 * HOUR], 3600, 'hour'),
      ambiguousDate: true,
    });
  });

  it.each([
    ['the weekend', TODAY - 6 * DAY],
    ['over the weekend', TODAY - 6 * DAY],
    ['this weekend', TODAY + DAY],
    ['last weekend', TODAY - 6 * DAY],
    ['周末', TODAY - 6 * DAY],
    ['上周末', TODAY - 6 * DAY],
  ])('"%s" said on a Friday is Saturday to Monday from %d', (text, saturday) => {
    expect(resolve(text)).toEqual({
      ...day(saturday),
      end: saturday + 2 * DAY,
      unitSeconds: 2 * 86_400,
    });
  });

  it('"the weekend" said on a Sunday is the one running; "last weekend" the one before', () => {
    const sunday = REF + 2 * DAY;
    const saturday = TODAY + DAY;
    expect(resolve('the weekend', sunday)).toMatchObject({
      start: saturday,
      end: saturday + 2 * DAY,
    });
    expect(resolve('last weekend', sunday)).toMatchObject({
      start: saturday - 7 * DAY,
      end: saturday - 5 * DAY,
    });
  });

  it.each([
    ['on the 20th', TODAY],
    ['the 19th', TODAY - DAY],
    ['on the 21st', local('2026-10-21T00:00')],
    ['20号', TODAY],
    ['十九日', TODAY - DAY],
    ['21号', local('2026-10-21T00:00')],
  ])('"%s" is the most recent past such day of a month', (text, start) => {
    expect(resolve(text)).toEqual(day(start));
  });

  it('"the 31st" said on 2 March is 31 January (February has none)', () => {
    expect(resolve('on the 31st', local('2026-03-02T10:00'))).toEqual(
      day(local('2026-01-31T00:00')),
    );
    expect(resolve('on the 28th', local('2026-03-02T10:00'))).toEqual(
      day(local('2026-02-28T00:00')),
    );
  });

  it.each([
    ['next friday', TODAY + 7 * DAY],
    ['next saturday', TODAY + DAY],
    ['next thursday', TODAY + 6 * DAY],
  ])('"%s" is the next one after today', (text, start) => {
    expect(resolve(text)).toEqual(day(start));
  });

  it.each([
    ['this monday', 1],
    ['this friday', 5],
    ['this sunday', 7],
    ['这周三', 3],
  ])('"%s" is that day of this week (ISO %d)', (text, weekday) => {
    expect(resolve(text)).toEqual(day(isoWeekdayDate(weekday)));
  });

  it.each([
    ['上周一', 1, 1],
    ['上周日', 7, 1],
    ['下周一', 1, -1],
    ['下周日', 7, -1],
  ])('"%s" is ISO day %d of the week %d back', (text, weekday, back) => {
    expect(resolve(text)).toEqual(day(isoWeekdayDate(weekday, back)));
  });

  it('周日 alone is the most recent Sunday, not this week’s', () => {
    expect(resolve('周日')).toEqual(day(TODAY - 5 * DAY));
  });
});

describe('seasons (meteorological)', () => {
  const season = (start: string, end: string) =>
    period(local(`${start}-01T00:00`), local(`${end}-01T00:00`), 'season');

  it.each([
    ['autumn', '2026-09', '2026-12'], // the current one
    ['last autumn', '2025-09', '2025-12'], // the last one that ended
    ['this autumn', '2026-09', '2026-12'],
    ['winter', '2025-12', '2026-03'], // none running: the last one that ended
    ['this winter', '2026-12', '2027-03'], // none running: this year's
    ['last summer', '2026-06', '2026-09'],
    ['summer of last year', '2025-06', '2025-09'],
    ['前年冬季', '2024-12', '2025-03'],
  ])('north, on 2026-11-20: "%s" is %s to %s', (text, start, end) => {
    expect(resolve(text)).toEqual(season(start, end));
  });

  it.each([
    ['last autumn', '2026-03', '2026-06'],
    ['winter', '2026-06', '2026-09'],
    ['summer', '2025-12', '2026-03'],
    ['this summer', '2026-12', '2027-03'],
  ])('south, on 2026-11-20: "%s" is %s to %s', (text, start, end) => {
    expect(resolve(text, REF, true)).toEqual(season(start, end));
  });

  it('a season is running from its first instant and has ended at its last', () => {
    const december = local('2026-12-01T00:00');
    expect(resolve('winter', december)).toEqual(season('2026-12', '2027-03'));
    expect(resolve('autumn', december)).toEqual(season('2026-09', '2026-12'));
    expect(resolve('last autumn', december)).toEqual(season('2026-09', '2026-12'));
    const march = local('2026-03-01T00:00');
    expect(resolve('this winter', march)).toEqual(season('2026-12', '2027-03'));
  });

  it('in January, "this winter" is the one running and "last winter" the one before', () => {
    const january = local('2026-01-15T12:00');
    expect(resolve('this winter', january)).toEqual(season('2025-12', '2026-03'));
    expect(resolve('last winter', january)).toEqual(season('2024-12', '2025-03'));
    expect(resolve('last summer', january, true)).toEqual(season('2024-12', '2025-03'));
  });
});

describe('calendar dates', () => {
  const day = (iso: string) => period(local(`${iso}T00:00`), local(`${iso}T00:00`) + DAY, 'day');
  const month = (start: string, end: string) =>
    period(local(`${start}-01T00:00`), local(`${end}-01T00:00`), 'month');

  it.each([
    ['nov 3', '2026-11-03'],
    ['nov 20', '2026-11-20'], // today
    ['nov 21', '2025-11-21'], // not yet this year
    ['dec 25', '2025-12-25'],
    ['dec 25 2026', '2026-12-25'], // a stated year is kept
    ['2024年11月3日', '2024-11-03'],
  ])('"%s" is %s (without a year, the most recent)', (text, iso) => {
    expect(resolve(text)).toEqual(day(iso));
  });

  it.each([
    ['november', '2026-11', '2026-12'], // this month
    ['october', '2026-10', '2026-11'],
    ['december', '2025-12', '2026-01'], // not yet this year
    ['march 2024', '2024-03', '2024-04'],
    ['december 2026', '2026-12', '2027-01'], // a stated year is kept
  ])('"%s" is the month %s (without a year, the most recent)', (text, start, end) => {
    expect(resolve(text)).toEqual(month(start, end));
  });

  const date = (year: number | null, m: number | null, d: number | null): DateAnchor => ({
    kind: 'date',
    year,
    month: m,
    day: d,
  });

  it.each([
    [null, 20, '2026-11-20'], // today
    [null, 3, '2026-11-03'],
    [null, 21, '2026-10-21'], // not yet this month
    [2024, 5, '2024-11-05'],
  ])('a day of the month alone (year %s, day %d) is %s', (year, d, iso) => {
    expect(resolveNatural(spec({ date: date(year, null, d) }), REF, { southern: false })).toEqual(
      day(iso),
    );
  });

  it('a year alone is that whole year; no year, this one', () => {
    const year = (y: number) =>
      period(local(`${y}-01-01T00:00`), local(`${y + 1}-01-01T00:00`), 'year');
    expect(
      resolveNatural(spec({ date: date(2023, null, null) }), REF, { southern: false }),
    ).toEqual(year(2023));
    expect(
      resolveNatural(spec({ date: date(null, null, null) }), REF, { southern: false }),
    ).toEqual(year(2026));
  });
});

describe('clock times: the most recent reading, rounded to the last stated unit', () => {
  /** `hour` on the most recent day (today or yesterday) it is not after REF. */
  const recent = (hours: number) => {
    const today = TODAY + hours * HOUR;
    return today <= REF ? today : today - DAY;
  };

  it.each([
    ['at 10', [22, 10]],
    ['at 9', [9, 21]],
    ['at 12', [0, 12]],
    ['12点', [0, 12]],
    ['at 1', [1, 13]],
  ])('"%s" without am/pm covers both 12-hour readings', (text, hours) => {
    const centers = hours.map(recent).sort((a, b) => a - b);
    expect(resolve(text)).toEqual(instant(centers, 3600, 'hour'));
  });

  it('a reading at the reference itself is today’s; a minute later, yesterday’s', () => {
    expect(resolve('at 21:40')).toEqual(instant([TODAY + 21 * HOUR + 40 * MINUTE], 60, 'minute'));
    expect(resolve('at 21:41')).toEqual(
      instant([TODAY - DAY + 21 * HOUR + 41 * MINUTE], 60, 'minute'),
    );
  });

  it.each([
    ['at 3 am', 3 * HOUR, 3600, 'hour'],
    ['at 10:15:30 pm', 22 * HOUR + 15 * MINUTE + 30 * SECOND, 1, 'second'],
    ['21:10', 21 * HOUR + 10 * MINUTE, 60, 'minute'],
  ] as const)('"%s" with am/pm known is one reading', (text, offset, unit, grain) => {
    expect(resolve(text)).toEqual(instant([recent(offset / HOUR)], unit, grain));
  });

  it.each([
    ['十点半', 10.5, 1800],
    ['三点一刻', 3.25, 900],
    ['三点三刻', 3.75, 900],
  ] as const)('"%s" is rounded to the half or quarter hour it names', (text, hours, unit) => {
    const centers = [hours, hours + 12].map(recent).sort((a, b) => a - b);
    expect(resolve(text)).toEqual(instant(centers, unit, 'minute'));
  });

  it.each([
    ['yesterday at 10 pm', TODAY - DAY + 22 * HOUR],
    ['yesterday at 10:15:30 am', TODAY - DAY + 10 * HOUR + 15 * MINUTE + 30 * SECOND],
    ['tomorrow at 3 pm', TODAY + DAY + 15 * HOUR],
  ])('"%s" is read on the anchored day', (text, center) => {
    const res = resolve(text);
    expect(res?.kind === 'instant' ? res.centers : null).toEqual([center]);
  });

  it('midnight of an anchored day is the midnight that ends it', () => {
    expect(resolve('yesterday at midnight')).toEqual(instant([TODAY], 3600, 'hour'));
    expect(resolve('midnight')).toEqual(instant([TODAY], 3600, 'hour'));
    expect(resolve('last night at midnight')).toEqual(instant([TODAY], 3600, 'hour'));
  });
});

describe('clock times inside a part of the day', () => {
  const at = (text: string) => {
    const res = resolve(text);
    return res?.kind === 'instant' ? res.centers : null;
  };
  const YESTERDAY = TODAY - DAY;

  it.each([
    ['last night at 2', TODAY + 2 * HOUR], // after midnight: the next morning
    ['last night at 2 am', TODAY + 2 * HOUR],
    ['last night at 5:30 am', TODAY + 5.5 * HOUR],
    ['last night at 6', YESTERDAY + 18 * HOUR], // the night ends at 6: 6 is the evening
    ['last night at 6 am', YESTERDAY + 6 * HOUR],
    ['last night at 10', YESTERDAY + 22 * HOUR],
    ['last night at 10 pm', YESTERDAY + 22 * HOUR],
    ['last night at 12', TODAY], // the midnight the night runs into
    ['昨晚12点', TODAY],
    ['昨晚两点', TODAY + 2 * HOUR],
  ])('"%s" is read inside the night', (text, center) => {
    expect(at(text)).toEqual([center]);
  });

  it.each([
    ['凌晨12点', 0],
    ['凌晨12点半', 0.5],
    ['凌晨两点', 2],
    ['早上7点', 7],
    ['上午十点', 10],
    ['中午12点', 12],
    ['中午一点', 13], // below the noon part's pmBelow: the afternoon hour
    ['中午两点', 14],
    ['中午十一点', 11],
    ['下午3点', 15],
    ['傍晚六点', 18],
    ['晚上九点', 21],
  ])('"%s" is %d o’clock, today', (text, hours) => {
    expect(at(text)).toEqual([TODAY + hours * HOUR]);
  });

  it.each([
    ['凌晨', 0], // ends by dawn: the midnight before
    ['清晨', 0],
    ['早上', 12],
    ['上午', 12],
    ['中午', 12],
    ['下午', 12],
    ['傍晚', 24], // begins in the evening: the midnight after
    ['晚上', 24],
    ['半夜', 24],
  ])('12点 in %s is %d o’clock of the day it belongs to', (part, hours) => {
    const res = resolveNatural(parseNatural(`今天${part}12点`, REF)!, REF, { southern: false });
    expect(res?.kind === 'instant' ? res.centers : null).toEqual([TODAY + hours * HOUR]);
  });

  it('"this evening at 12" is the midnight after it', () => {
    expect(at('this evening at 12')).toEqual([TODAY + 24 * HOUR]);
  });

  it('reads a bare hour below a part’s pmBelow as pm, and one at it as written (noon)', () => {
    const { pmBelow } = DAYPARTS.noon;
    expect(at(`中午${pmBelow - 1}点`)).toEqual([TODAY + (pmBelow - 1 + 12) * HOUR]);
    expect(at(`中午${pmBelow}点`)).toEqual([TODAY + pmBelow * HOUR]);
  });

  it('半夜12点 (late at night, no date) is the most recent midnight', () => {
    expect(at('半夜12点')).toEqual([TODAY]);
  });
});

describe('parts of the day without a clock', () => {
  const window = (name: keyof typeof DAYPARTS, day: number) =>
    period(
      day + DAYPARTS[name].startHour * HOUR,
      day + DAYPARTS[name].endHour * HOUR,
      'part_of_day',
    );

  it.each([
    ['in the morning', 'morning'],
    ['at dawn', 'dawn'],
    ['in the evening', 'evening'],
    ['下午', 'afternoon'],
  ] as const)('"%s" without a date is today’s when it has begun', (text, name) => {
    expect(resolve(text)).toEqual(window(name, TODAY));
  });

  it('is yesterday’s when today’s has not begun', () => {
    expect(resolve('late at night')).toEqual(window('late_night', TODAY - DAY));
    expect(resolve('in the evening', local('2026-11-20T17:59'))).toEqual(
      window('evening', TODAY - DAY),
    );
    expect(resolve('in the evening', local('2026-11-20T18:00'))).toEqual(window('evening', TODAY));
  });

  it('is the anchored day’s with a date, begun or not', () => {
    expect(resolve('this evening', local('2026-11-20T09:00'))).toEqual(window('evening', TODAY));
    expect(resolve('last night')).toEqual(window('night', TODAY - DAY));
    expect(resolve('前晚')).toEqual(window('night', TODAY - 2 * DAY));
  });
});

describe('a time of day inside a longer period', () => {
  it('is that clock time on every day of it, as one span; the time kept as a hint', () => {
    // 03:00 ± 30 min on 1 September … 03:00 + 1 h on 30 November ("about" widens later).
    expect(resolve('about 3 AM last autumn')).toEqual({
      kind: 'period',
      start: local('2025-09-01T02:30'),
      end: local('2025-11-30T03:30'),
      grain: 'season',
      unitSeconds: 3600,
      timeOfDay: '03:00',
      alternatives: [],
    });
    // To the minute: from half a minute before to a minute after.
    expect(resolve('at 9:05 last month')).toMatchObject({
      start: local('2026-10-01T09:04:30'),
      end: local('2026-10-31T21:06'), // no am/pm: 09:05 and 21:05
      timeOfDay: '09:05',
      unitSeconds: 60,
    });
  });

  it('is that part of the day on every day of it', () => {
    expect(resolve('last week in the morning')).toEqual(
      period(MONDAY - 7 * DAY + 6 * HOUR, MONDAY - DAY + 12 * HOUR, 'week', 'morning'),
    );
  });
});

describe('resolveNatural without anything to place', () => {
  it.each(['5 minutes ago', 'just now', '刚才'])('leaves "%s" to elapsedInterval', (text) => {
    expect(resolve(text)).toBeNull();
  });
});

describe('elapsedInterval', () => {
  const RECEIVED = Date.parse('2026-11-20T13:40:00Z');
  const JUST_NOW = 600;
  const interval = (text: string, justNowSeconds = JUST_NOW) =>
    elapsedInterval(parseNatural(text, REF)!, RECEIVED, justNowSeconds);

  it.each([
    ['5 minutes ago', 5, 5, MINUTE, 'minute'],
    ['a few minutes ago', 2, 5, MINUTE, 'minute'],
    ['10 seconds ago', 10, 10, SECOND, 'second'],
    ['2 hours ago', 2, 2, HOUR, 'hour'],
    ['half an hour ago', 1, 1, 30 * MINUTE, 'minute'],
    ['1.5 days ago', 3, 3, DAY / 2, 'hour'],
  ] as const)(
    '"%s" is %d–%d units before arrival, ± half a unit',
    (text, min, max, unitMs, grain) => {
      expect(interval(text)).toEqual({
        from: RECEIVED - max * unitMs - unitMs / 2,
        to: RECEIVED - min * unitMs + unitMs / 2,
        unitSeconds: unitMs / 1000,
        grain,
      });
    },
  );

  it.each([
    [600, 'minute'],
    [1, 'second'],
    [2, 'minute'],
    [3599, 'minute'],
    [3600, 'hour'],
  ] as const)(
    '"just now" is the last justNowSeconds (%d) before arrival, grain %s',
    (seconds, grain) => {
      expect(interval('just now', seconds)).toEqual({
        from: RECEIVED - seconds * 1000,
        to: RECEIVED,
        unitSeconds: seconds,
        grain,
      });
    },
  );

  it.each([
    'just now, today',
    'just now in the evening',
    'just now at 9 pm',
    '5 minutes ago yesterday',
  ])('is null when "%s" also names a date, a part of the day or a clock time', (text) => {
    expect(interval(text)).toBeNull();
  });

  it('is null for a spec that is neither elapsed nor just now', () => {
    expect(elapsedInterval(spec({ beyondRange: true }), RECEIVED, JUST_NOW)).toBeNull();
  });
});
