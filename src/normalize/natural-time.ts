/**
 * Natural-language times in English and Chinese → a local wall-clock interval,
 * relative to the reporter's local clock at arrival. Two steps, so that the
 * zone-dependent part can be rerun cheaply: `parseNatural` reads the words once
 * (no reference time), `resolveNatural` places them against a local reference.
 *
 * Our grammar reads what chrono-node misses or reads in a way a tip line cannot
 * use: vague words, "N units ago" (and 刚才, 三天前), relative days, weeks, months
 * and years (上周, 去年), parts of the day (下午, "last night"), seasons ("last
 * autumn", 去年秋天) and weekdays. chrono-node (its `en` and `zh` parsers) reads
 * what remains: clock times (十点半, 3:15 pm) and calendar dates (2024年11月3日).
 *
 * Rules (each is what the interval means, never a single guessed instant):
 * - A calendar period is the whole period: "yesterday" → that local day, "last
 *   autumn" → the season (meteorological; southern hemisphere when the point is
 *   south of the equator), "last week" → Monday to Monday.
 * - A clock time is rounded to its last stated unit: "10 pm" → 21:30–22:30,
 *   "两点半" → ± 15 min, "quarter past nine" → ± 7.5 min; read to the minute or
 *   second it also covers that whole unit after it ("21:10" → 21:09:30–21:11:00: a
 *   clock showing 21:10 shows it until 21:11). Without a date it is the most recent
 *   such time; without am/pm or a part of the day (1–12 o'clock) it covers both
 *   12-hour readings; a reading after arrival is dropped when another is not.
 * - "N units ago" is rounded the same way: "5 minutes ago" → 4.5–5.5 min before
 *   arrival; days, months and years count calendar days, months and years.
 * - A time of day inside a longer period ("3 AM last autumn") is that time on each
 *   of its days: one span from the first to the last, the time kept as `timeOfDay`.
 * - A zone written in the text ("UTC", "EST", 北京时间; text-zone.ts) is returned in
 *   `zone`; time.ts reads the wall-clock time in it.
 * - Two readings of the date words ("last Friday" said on a Saturday, "03/04/2026")
 *   are both kept: `alternatives` / `ambiguousDate`, flagged time.ambiguous_date.
 * - Nothing is dropped silently: words that look like time but no reader used are
 *   returned in `residue`, and resolveNatural widens the reading to what is certain.
 * - Dawn, dusk, sunrise, sunset and 傍晚 are placed from the sun by the caller
 *   (`sunWindow`, sun-parts.ts); the fixed hours in data/time-words.ts only without a place.
 * - A count is read only as far as dates reach (MAX_COUNT_REACH_MS): beyond,
 *   "99999999999 days ago" is `beyondRange`, never a guessed or overflowed time.
 */
import type * as Chrono from 'chrono-node';
import { createRequire } from 'node:module';
import {
  CLOCK_WORDS_EN,
  DAYPARTS,
  DAYPARTS_EN,
  DAYPARTS_ZH,
  type DaypartName,
  JUST_NOW_EN,
  JUST_NOW_ZH,
  MONTHS_EN,
  NUMBER_WORDS_EN,
  RESIDUE_EN,
  RESIDUE_ZH,
  SEASON_START_MONTH,
  SEASON_WORDS,
  type Season,
  SUN_PARTS,
  type TimeUnit,
  UNITS_EN,
  UNITS_ZH,
  VAGUE_EN,
  VAGUE_ZH,
  WEEKDAYS_EN,
  WEEKDAYS_ZH,
} from './data/time-words.js';
import type { TimeGrain } from '../domain/report.js';
import { findTextZone, type TextZone } from './text-zone.js';
import { decimal, ZH_DIGITS, zhNumber } from './zh-number.js';
import { DATE_LIMIT_MS, utcDate } from './zones.js';

/**
 * chrono-node, loaded on its first use (its CommonJS build, synchronously): a command that
 * reads no time (`token`, `export`) does not pay its ~150 ms of module loading. A server
 * loads it before it listens (normalize-deps.ts warms every reader).
 */
let chronoModule: typeof Chrono | undefined;
function chrono(): typeof Chrono {
  return (chronoModule ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<TimeUnit, number> = {
  second: SECOND,
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365 * DAY,
};

const GRAIN_SECONDS: Partial<Record<TimeGrain, number>> = {
  part_of_day: 6 * 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  season: 91 * 86_400,
  year: 365 * 86_400,
};

/**
 * The furthest a count may reach and still be read: the whole span of JS dates
 * (2 × 8.64e15 ms, about 547,000 years, counting a month as 30 days and a year as
 * 365). No reference time could place a count beyond it, so no calendar
 * arithmetic is tried on it. Nearer counts that still fall outside the dates
 * are caught when placed (time.ts).
 */
const MAX_COUNT_REACH_MS = 2 * DATE_LIMIT_MS;

/** `counted`: said as a count ("3 days ago"), not a named day ("yesterday"). */
type Range = { min: number; max: number; counted?: boolean };

export type DateAnchor =
  | ({ kind: 'days_ago' } & Range)
  | ({ kind: 'weeks_ago' } & Range)
  | { kind: 'calendar_week'; back: number }
  | ({ kind: 'calendar_month'; day?: number } & Range)
  | ({ kind: 'calendar_year' } & Range)
  | {
      kind: 'weekday';
      weekday: number;
      mode:
        | 'recent'
        | 'before_today'
        | 'before_today_plain'
        | 'after_today'
        | 'this_week'
        | 'last_week'
        | 'next_week';
    }
  | {
      kind: 'season';
      season: Season;
      mode: 'recent' | 'last' | 'this' | 'years_back' | 'year';
      /** Years back (`years_back`) or the year itself (`year`: "autumn 2025", 2025年秋天). */
      back: number;
    }
  | {
      kind: 'weekend';
      mode: 'recent' | 'last' | 'this' | 'next';
      /** Weeks back for `last` (上上个周末: 2); 1 when absent. */
      back?: number;
    }
  | {
      kind: 'date';
      year: number | null;
      month: number | null;
      day: number | null;
      /** A weekday said with the date ("Tues 3rd Nov"): when it is not that date's, both are read. */
      weekday?: number;
    }
  /** Several calendar dates the words may mean ("03/04/2026": 3 April or 4 March). */
  | { kind: 'dates'; readings: { year: number | null; month: number; day: number }[] };

export interface Clock {
  hour: number;
  minute: number;
  second: number;
  unitSeconds: number;
  /** am/pm is known (stated, 24-hour notation, or hour > 12). */
  meridiemKnown: boolean;
}

/** What the words left unused could change: the zone, the date, or the hour within it. */
export type ResidueKind = 'zone' | 'date' | 'hour';

/** What the words say, before any reference time. */
export interface NaturalSpec {
  /** Vague words ("around", 左右) or a vague count ("several", 几). */
  vague: boolean;
  /** "just now", 刚才. */
  justNow: boolean;
  /** "N seconds/minutes/hours ago": how long before arrival, needing no zone. */
  elapsed: { minMs: number; maxMs: number; unitMs: number } | null;
  date: DateAnchor | null;
  daypart: DaypartName | null;
  clock: Clock | null;
  /** The end of a range of clock times on one day ("between 9 and 10 pm"), or null. */
  clockEnd: Clock | null;
  /**
   * "after 9 pm", "since noon" (the event follows the time read) or "before dawn",
   * "until 10" (it precedes it): the interval reaches RELATION_REACH_HOURS that way.
   */
  relation: 'after' | 'before' | null;
  /** Midnight ends the anchored day ("yesterday at midnight" is the midnight after it). */
  midnight: boolean;
  /**
   * A count reaching further back than any date can hold ("99999999999 days ago",
   * 99999999年前): understood, but there is no time to place. It wins over
   * anything else the text says.
   */
  beyondRange: boolean;
  /** A time zone written in the text ("UTC", "EST", 北京时间), or null. */
  zone: TextZone | null;
  /**
   * Words that look like time but no reader used ("on the 19th" where a day of the
   * month was not read), with what they could change: the reading is widened to
   * what is certain and flagged time.partly_read.
   */
  residue: { text: string; kind: ResidueKind }[];
}

/** A local interval (wall-clock ms), or one or more rounded clock readings. */
export type LocalResolution =
  | {
      kind: 'period';
      start: number;
      end: number;
      grain: TimeGrain;
      unitSeconds: number;
      timeOfDay: string | null;
      /** Separate readings the period covers ("last Friday" said on a Saturday: two days). */
      alternatives: [number, number][];
    }
  | {
      kind: 'instant';
      centers: number[];
      grain: TimeGrain;
      unitSeconds: number;
      /**
       * A clock read to the minute or second ("21:10") also covers the whole of its
       * last unit after it: a clock showing 21:10 shows it until 21:11, while a speaker
       * may have rounded. The interval runs from half a unit before to a unit after.
       */
      truncated: boolean;
      /** Also half a unit before (a speaker may have rounded up); not for a written ISO time. */
      halfBefore: boolean;
      /** The days of a date that has two readings ("last Friday at 9 pm" said on a Saturday). */
      ambiguousDate: boolean;
    };

const HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------- numbers

export { zhNumber };

function enNumber(text: string): (Range & { vague: boolean }) | null {
  const w = NUMBER_WORDS_EN[text];
  return decimal(text) ?? (w ? { min: w[0], max: w[1], vague: w[0] !== w[1] } : null);
}

// ---------------------------------------------------------------- parsing

// The order of the words does not matter: a unit must follow ("a couple of" is not
// read as "a" followed by the unit "couple").
const EN_NUMBER = `\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS_EN).join('|')}`;
const EN_AGO = new RegExp(
  `\\b(half an hour|an hour and a half|(?:a )?quarter of an hour|three quarters of an hour|(${EN_NUMBER})(?:\\s*(?:or|to|-|–)\\s*(${EN_NUMBER}))?\\s*(${Object.keys(UNITS_EN).join('|')}))\\s+(?:ago|before|earlier|back)\\b`,
);
// Every \s* follows a required token: adjacent optional blanks (`\s*(个)?\s*`) made
// a run of 200 spaces take seconds to reject.
const ZH_AGO =
  /(?:([\d.]+|[零〇一二两三四五六七八九十几好]+)\s*)?(?:(个|多|个多)\s*)?(?:(半)\s*)?(?:(个)\s*)?(秒钟|秒|分钟|小时|钟头|天|日|周|星期|礼拜|月|年)\s*(?:之|以)?前/;

/** Replaces a matched span with spaces so later readers do not see it again. */
function consume(text: string, m: RegExpExecArray): string {
  return text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
}

function unitAgo(
  unit: TimeUnit,
  n: Range & { vague: boolean },
): Pick<NaturalSpec, 'elapsed' | 'date' | 'beyondRange'> {
  // Counts are never negative and min ≤ max. NaN and Infinity (a count of 400 digits)
  // fail the test too.
  if (!(n.max * UNIT_MS[unit] <= MAX_COUNT_REACH_MS)) {
    return { elapsed: null, date: null, beyondRange: true };
  }
  // A fractional count ("1.5 hours", 一个半小时) is counted in half units. min and
  // max are both whole or both not (两三个半小时: a half added to each).
  const half = !Number.isInteger(n.max);
  const unitMs = UNIT_MS[unit] / (half ? 2 : 1);
  const min = half ? n.min * 2 : n.min;
  const max = half ? n.max * 2 : n.max;
  if (unit === 'second' || unit === 'minute' || unit === 'hour' || half) {
    return {
      elapsed: { minMs: min * unitMs, maxMs: max * unitMs, unitMs },
      date: null,
      beyondRange: false,
    };
  }
  const kind =
    unit === 'day'
      ? 'days_ago'
      : unit === 'week'
        ? 'weeks_ago'
        : unit === 'month'
          ? 'calendar_month'
          : 'calendar_year';
  return {
    elapsed: null,
    date: { kind, min: n.min, max: n.max, counted: true },
    beyondRange: false,
  };
}

const CLOCK_WORD = `\\d{1,2}|${Object.keys(CLOCK_WORDS_EN).join('|')}`;
const clockWord = (w: string): number => CLOCK_WORDS_EN[w] ?? Number(w);
/** "quarter past nine", "half past ten", "ten to six", "20 minutes past 3", "quarter to midnight". */
const EN_CLOCK_WORDS = new RegExp(
  `\\b(a quarter|quarter|half|${CLOCK_WORD})(?: minutes?)? (?:(past|after|to|before|till|til) |(?<=half ))(${CLOCK_WORD}|midnight|noon)\\b(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?`,
);
/**
 * An hour said alone: "nine o'clock", "at nine", "9 pm", "nine in the morning",
 * "around 11 last night". Read only with a marker (at/by, o'clock, am/pm, or a part of
 * the day after it); chrono-node reads the rest ("3:15 pm", "at 9pm").
 */
const EN_HOUR_ALONE = new RegExp(
  `\\b(at |by )?(${CLOCK_WORD})(?!\\d)(\\s*o'?clock)?(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?(?=(\\s+(?:in the (?:morning|afternoon|evening)|at night|last night|tonight|this (?:morning|afternoon|evening)|yesterday|today))?)`,
  'g',
);

function readHourAlone(text: string): { clock: Clock; index: number; length: number } | null {
  EN_HOUR_ALONE.lastIndex = 0;
  for (let m = EN_HOUR_ALONE.exec(text); m; m = EN_HOUR_ALONE.exec(text)) {
    const [whole, at, word, oclock, meridiem, dayAfter] = m;
    const hour = clockWord(word!);
    if (!(at || oclock || meridiem || dayAfter) || !(hour >= 0 && hour <= 23)) continue;
    // "9:15 pm", "21.10" and the "15 pm" inside them are chrono-node's.
    if (/[:.]/.test(text[m.index + whole.length] ?? '') || /[:.]/.test(text[m.index - 1] ?? ''))
      continue;
    const h = meridiem && hour <= 12 ? (hour % 12) + (meridiem.startsWith('p') ? 12 : 0) : hour;
    return {
      clock: {
        hour: h,
        minute: 0,
        second: 0,
        unitSeconds: 3600,
        meridiemKnown: Boolean(meridiem) || h > 12 || h === 0,
      },
      index: m.index,
      length: whole.length,
    };
  }
  return null;
}

/**
 * A range of clock times: "between 9 and 10 pm", "from 9:30 to 11", "9-10pm". The
 * first end takes the second's am/pm when it has none and is not later.
 */
const EN_CLOCK_RANGE =
  /(?<![\d./:-])\b(?:(between|from) )?(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:and|or|to|till|until|-|–)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\d:a-z])/;

function readClockRange(m: RegExpExecArray): [Clock, Clock] {
  const [, , h1, m1, mer1, h2, m2, mer2] = m;
  const clock = (h: string, min: string | undefined, mer: string | undefined): Clock => {
    const hour = Number(h);
    const pm = mer?.startsWith('p');
    const hh = mer && hour <= 12 ? (hour % 12) + (pm ? 12 : 0) : hour;
    return {
      hour: hh,
      minute: min ? Number(min) : 0,
      second: 0,
      unitSeconds: min ? 60 : 3600,
      meridiemKnown: Boolean(mer) || hh > 12 || hh === 0,
    };
  };
  const inherited = !mer1 && mer2 && Number(h1) <= Number(h2) ? mer2 : mer1;
  return [clock(h1!, m1, inherited), clock(h2!, m2, mer2)];
}

/** "quarter past nine" and the like → a clock. */
function readClockWords(m: RegExpExecArray): Clock | null {
  const [, amount, relation, hourWord, meridiem] = m;
  const minutes =
    amount === 'half'
      ? 30
      : amount === 'quarter' || amount === 'a quarter'
        ? 15
        : clockWord(amount!);
  if (!(minutes >= 1 && minutes <= 30)) return null;
  let hour = hourWord === 'midnight' ? 24 : hourWord === 'noon' ? 12 : clockWord(hourWord!);
  if (!(hour >= 0 && hour <= 24)) return null;
  const before =
    relation === 'to' || relation === 'before' || relation === 'till' || relation === 'til';
  let minute = minutes;
  if (before) {
    hour -= 1;
    minute = 60 - minutes;
    // "twenty-five to one": 12:35, noon or midnight as the 12-hour clock says.
    if (hour === 0 && hourWord !== 'midnight') hour = 12;
  }
  const named = hourWord === 'midnight' || hourWord === 'noon';
  if (meridiem && hour <= 12 && !named) {
    const pm = meridiem.startsWith('p');
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (hour < 0) hour += 24; // "five to one" at one → 00:55 is said with midnight only; kept total
  const unitSeconds =
    amount === 'half'
      ? 1800
      : amount === 'quarter' || amount === 'a quarter'
        ? 900
        : minutes % 5 === 0
          ? 300
          : 60;
  return {
    hour: hour % 24,
    minute,
    second: 0,
    unitSeconds,
    meridiemKnown: named || Boolean(meridiem) || hour > 12 || hour === 0,
  };
}

/**
 * A weekday, written out or shortened (mon, tues, thurs, fri). "sat" and "sun" are
 * words too ("the sun was up"): read only after "on"/"last"/"this"/"next" or before a
 * time ("sat at 3pm", "sun 9pm").
 */
const EN_WEEKDAY = new RegExp(
  `\\b(?:(last|this|past|next|on) )?(${WEEKDAYS_EN.join('|')}|mon|tues?|wed|thu(?:rs?)?|fri|(?<=(?:last|this|past|next|on) )(?:sat|sun)|(?:sat|sun)(?=\\.?\\s*(?:\\d|at\\b|morning|afternoon|evening|night)))s?\\.?(?![a-z])`,
);

const isSunNamed = (name: DaypartName) => SUN_PARTS[name] !== undefined;

/** Days named by the calendar (most recent past one): month, day. */
const HOLIDAYS_EN: [RegExp, number, number][] = [
  [/\bchristmas eve\b/, 12, 24],
  [/\b(?:on )?christmas(?: day)?\b/, 12, 25],
  [/\bnew year'?s eve\b/, 12, 31],
  [/\bnew year'?s(?: day)?\b/, 1, 1],
  [/\bboxing day\b/, 12, 26],
  [/\bhalloween\b/, 10, 31],
];
const HOLIDAYS_ZH: [RegExp, number, number][] = [
  [/平安夜/, 12, 24],
  [/圣诞节?/, 12, 25],
  [/元旦/, 1, 1],
  [/国庆节?(?:当天|那天)?/, 10, 1],
  [/劳动节|五一/, 5, 1],
];

function parseEnglish(input: string, spec: NaturalSpec): string {
  let t = input;
  let m: RegExpExecArray | null;
  const take = (re: RegExp) => {
    m = re.exec(t);
    if (m) t = consume(t, m);
    return m;
  };

  // Found before any reader blanks what follows it ("sat at 3pm").
  const weekdayMatch = EN_WEEKDAY.exec(t);
  const ofMonth = /\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)? of (last|this) month\b/.exec(t);
  if (ofMonth && Number(ofMonth[1]) >= 1 && Number(ofMonth[1]) <= 31) {
    t = consume(t, ofMonth);
    const back = ofMonth[2] === 'last' ? 1 : 0;
    spec.date = { kind: 'calendar_month', min: back, max: back, day: Number(ofMonth[1]) };
  }

  // A range only with "between"/"from" or an am/pm: "11-20" alone is a date's month and day.
  const range = EN_CLOCK_RANGE.exec(t);
  if (range && (range[1] || range[4] || range[7])) {
    m = range;
    t = consume(t, m);
    const [start, end] = readClockRange(m);
    spec.clock = start;
    spec.clockEnd = end;
  }
  if (take(JUST_NOW_EN)) spec.justNow = true;
  // Before "N minutes before": "ten minutes before nine" is a clock.
  if (take(EN_CLOCK_WORDS)) spec.clock = readClockWords(m!);
  // Military time: "2230hrs", "0700 hours", "at 1845".
  const military = /\b(?:(at) )?([01]\d|2[0-3])([0-5]\d)(?:\s*(hrs|hours|h)\b)?(?![\d:./-])/.exec(
    t,
  );
  if (!spec.clock && military && (military[1] || military[4] || military[2]!.startsWith('0'))) {
    t = consume(t, military);
    spec.clock = {
      hour: Number(military[2]),
      minute: Number(military[3]),
      second: 0,
      unitSeconds: 60,
      meridiemKnown: true,
    };
  }
  if (!spec.clock) {
    const alone = readHourAlone(t);
    if (alone) {
      spec.clock = alone.clock;
      t = t.slice(0, alone.index) + ' '.repeat(alone.length) + t.slice(alone.index + alone.length);
    }
  }
  if ((m = EN_AGO.exec(t))) {
    t = consume(t, m);
    if (m[1] === 'half an hour')
      spec.elapsed = { minMs: 30 * MINUTE, maxMs: 30 * MINUTE, unitMs: 30 * MINUTE };
    else if (m[1] === 'an hour and a half')
      spec.elapsed = { minMs: 90 * MINUTE, maxMs: 90 * MINUTE, unitMs: 30 * MINUTE };
    else if (m[1]!.endsWith('quarter of an hour'))
      spec.elapsed = { minMs: 15 * MINUTE, maxMs: 15 * MINUTE, unitMs: 15 * MINUTE };
    else if (m[1] === 'three quarters of an hour')
      spec.elapsed = { minMs: 45 * MINUTE, maxMs: 45 * MINUTE, unitMs: 15 * MINUTE };
    else {
      // EN_AGO matches only numbers and units these tables know; "5 or 10 minutes ago"
      // is every count between.
      const low = enNumber(m[2]!)!;
      const high = m[3] ? enNumber(m[3])! : low;
      const n = {
        min: Math.min(low.min, high.min),
        max: Math.max(low.max, high.max),
        vague: low.vague || high.vague,
      };
      Object.assign(spec, unitAgo(UNITS_EN[m[4]!]!, n));
      if (n.vague) spec.vague = true;
    }
  }
  if (spec.date) {
    // read above ("the 15th of last month")
  } else if (take(/\b(?:the )?(week|month|year) before last\b/)) {
    spec.date =
      m![1] === 'week'
        ? { kind: 'calendar_week', back: 2 }
        : { kind: m![1] === 'month' ? 'calendar_month' : 'calendar_year', min: 2, max: 2 };
  } else if (
    take(/\b(?:in )?the (?:early|small|wee) hours(?: of)? (this morning|today|yesterday)\b/)
  ) {
    const back = m![1] === 'yesterday' ? 1 : 0;
    spec.date = { kind: 'days_ago', min: back, max: back };
    spec.daypart = 'early_morning';
  } else if (take(/\b(?:the )?(night|evening) before last\b/)) {
    spec.date = { kind: 'days_ago', min: 2, max: 2 };
    spec.daypart = m![1] as DaypartName;
  } else if (take(/\b(?:the )?day before yesterday\b/))
    spec.date = { kind: 'days_ago', min: 2, max: 2 };
  else if (take(/\b(?:the )?day after tomorrow\b/))
    spec.date = { kind: 'days_ago', min: -2, max: -2 };
  else if (take(/\btomorrow\b/)) spec.date = { kind: 'days_ago', min: -1, max: -1 };
  else if (take(/\blast night\b/)) {
    spec.date = { kind: 'days_ago', min: 1, max: 1 };
    spec.daypart = 'night';
  } else if (take(/\byesterday\b/)) spec.date = { kind: 'days_ago', min: 1, max: 1 };
  else if (take(/\btonight\b/)) {
    spec.date = { kind: 'days_ago', min: 0, max: 0 };
    spec.daypart = 'night';
  } else if (take(/\b(?:(early) |earlier )?this (morning|afternoon|evening)\b/)) {
    spec.date = { kind: 'days_ago', min: 0, max: 0 };
    spec.daypart = m![1] && m![2] === 'morning' ? 'morning_early' : (m![2] as DaypartName);
  } else if (take(/\b(?:earlier )?today\b/)) spec.date = { kind: 'days_ago', min: 0, max: 0 };
  // Before "last year" alone: "the summer of last year" is a season, not the year.
  else if (
    take(/\b(?:in )?(?:the )?(spring|summer|autumn|fall|winter),? (?:of )?((?:19|20)\d\d)\b/)
  ) {
    spec.date = {
      kind: 'season',
      season: SEASON_WORDS[m![1]!]!,
      mode: 'year',
      back: Number(m![2]),
    };
  } else if (take(/\b(?:in )?(?:the )?(spring|summer|autumn|fall|winter) (?:of )?last year\b/)) {
    spec.date = { kind: 'season', season: SEASON_WORDS[m![1]!]!, mode: 'years_back', back: 1 };
  } else if (take(/\b(this|last|past|next) (week|month|year)\b/)) {
    const back = m![1] === 'this' ? 0 : m![1] === 'next' ? -1 : 1;
    spec.date =
      m![2] === 'week'
        ? { kind: 'calendar_week', back }
        : { kind: m![2] === 'month' ? 'calendar_month' : 'calendar_year', min: back, max: back };
  } else if (take(/\b(?:(last|this|past|next) |(?:over |on |at |during |in )?the )weekend\b/)) {
    const mode = m![1] === 'this' ? 'this' : m![1] === 'next' ? 'next' : m![1] ? 'last' : 'recent';
    spec.date = { kind: 'weekend', mode };
  } else if (
    take(/\b(?:(last|this|past) |(?:in )?(?:the )?)(spring|summer|autumn|fall|winter)\b/)
  ) {
    const mode = m![1] === 'this' ? 'this' : m![1] ? 'last' : 'recent';
    spec.date = { kind: 'season', season: SEASON_WORDS[m![2]!]!, mode, back: 0 };
  } else if (
    weekdayMatch &&
    t.slice(weekdayMatch.index, weekdayMatch.index + weekdayMatch[0].length) === weekdayMatch[0]
  ) {
    m = weekdayMatch;
    t = consume(t, m);
    const weekday = WEEKDAYS_EN.findIndex((w) => w.startsWith(m![2]!.slice(0, 3))) + 1;
    const mode =
      m![1] === 'past' // "past Monday", "this past Monday": the one just gone, no doubt
        ? 'before_today_plain'
        : m![1] === 'last'
          ? 'before_today'
          : m![1] === 'next'
            ? 'after_today'
            : m![1] === 'this'
              ? 'this_week'
              : 'recent';
    spec.date = { kind: 'weekday', weekday, mode };
  }
  const monthNamed = new RegExp(`\\b(?:${MONTHS_EN.map((n) => n.slice(0, 3)).join('|')})`).test(t);
  const dayOfMonth =
    /\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)?\b(?! (?:minutes?|hours?|days?|weeks?|of \w+))|\b(?:on )?(\d{1,2})(?:st|nd|rd|th)\b/.exec(
      t,
    );
  const day = dayOfMonth ? Number(dayOfMonth[1] ?? dayOfMonth[2]) : 0;
  // A day that no month has ("the 45th") is left for the residue rule.
  const weekdaySaid =
    spec.date?.kind === 'weekday' && spec.date.mode === 'recent' ? spec.date.weekday : null;
  if ((!spec.date || weekdaySaid) && !monthNamed && dayOfMonth && day >= 1 && day <= 31) {
    t = consume(t, dayOfMonth);
    spec.date = {
      kind: 'date',
      year: null,
      month: null,
      day,
      ...(weekdaySaid ? { weekday: weekdaySaid } : {}),
    };
  }
  // A part of the day; one named by the sun ("first light this morning") replaces the
  // part a day word implied: it is the narrower.
  for (const [re, name] of DAYPARTS_EN) {
    if (spec.daypart && !isSunNamed(name)) continue;
    if (take(re)) {
      spec.daypart = name;
      break;
    }
  }
  if (take(/\bmidnight\b/)) {
    spec.clock = { hour: 0, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true };
    spec.midnight = true;
  } else if (take(/\b12 noon\b/)) {
    spec.clock = { hour: 12, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true };
  } else if (!spec.daypart && take(/\b(?:at |around )?noon\b/)) {
    // "at noon" is said loosely (around lunch): the part of the day; "12 noon" is the hour.
    spec.daypart = 'noon';
  } else if (!spec.clock && take(/\bnoon\b/)) {
    spec.clock = { hour: 12, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true };
  }
  return t;
}

function parseChinese(input: string, spec: NaturalSpec): string {
  // 的时候 / 时候 ("at the time of") and 时 after a sun word (日出时) say only "when".
  // 一刻钟前 / 三刻钟前: a quarter (three quarters) of an hour ago, to the quarter.
  const quarterAgo = /([一三])刻钟(?:之|以)?前/.exec(input);
  if (quarterAgo) {
    const n = quarterAgo[1] === '一' ? 15 : 45;
    spec.elapsed = { minMs: n * MINUTE, maxMs: n * MINUTE, unitMs: 15 * MINUTE };
  }
  let t = (quarterAgo ? consume(input, quarterAgo) : input)
    // 八九点: 8 or 9 o'clock (chrono-node reads 17), as a range.
    .replace(
      /(?<![\d一二三四五六七八九十])([一二三四五六七八九])([一二三四五六七八九十])点/g,
      (w, a: string, b: string) =>
        (ZH_DIGITS[b] ?? 10) === ZH_DIGITS[a]! + 1 ? `${a}点到${b}点` : w,
    )
    // 差五分十点, 十点差五分, 十点差一刻: five (fifteen) to ten.
    .replace(
      /差([\d一二两三四五六七八九十]+)分([\d一二两三四五六七八九十]+)点|([\d一二两三四五六七八九十]+)点差(一刻|[\d一二两三四五六七八九十]+)分?/g,
      (w, m1?: string, h1?: string, h2?: string, m2?: string) => {
        const minutes = m2 === '一刻' ? 15 : zhNumber(m1 ?? m2!)?.min;
        const hour = zhNumber(h1 ?? h2!)?.min;
        if (minutes === undefined || hour === undefined || minutes < 1 || minutes > 30) return w;
        // 差五分一点: 12:55 (noon or midnight, as the 12-hour clock says), like "five to one".
        return `${hour === 1 ? 12 : (hour + 23) % 24}点${60 - minutes}分`;
      },
    )
    .replace(/一刻/g, '15分')
    .replace(/三刻/g, '45分')
    // 早些时候 ("earlier"), 时分 ("time of"): nothing to read.
    .replace(/早些时候|时分|的?时候|那会儿?|一整天|整天|全天/g, (w) => ' '.repeat(w.length))
    .replace(
      /(日出|日落|天亮|天黑|黄昏|傍晚|黎明|拂晓|破晓)(之?时)/g,
      (_, a: string, b: string) => a + ' '.repeat(b.length),
    );
  let m: RegExpExecArray | null;
  const take = (re: RegExp) => {
    m = re.exec(t);
    if (m) t = consume(t, m);
    return m;
  };

  if (take(JUST_NOW_ZH)) spec.justNow = true;
  if ((m = ZH_AGO.exec(t))) {
    const [, count, more, half, , unitWord] = m;
    const base = count ? zhNumber(count) : { min: 1, max: 1, vague: false };
    const unit = UNITS_ZH[unitWord!];
    if (base && unit) {
      t = consume(t, m);
      const n =
        half && count
          ? { ...base, min: base.min + 0.5, max: base.max + 0.5 } // 一个半小时
          : half
            ? { min: 0.5, max: 0.5, vague: false } // 半小时
            : more?.includes('多') && count
              ? // 一个多小时, 十多分钟: more than the count, less than the next (十多: < 20)
                { ...base, max: base.max + (base.max >= 10 && base.max % 10 === 0 ? 9 : 1) }
              : base;
      Object.assign(spec, unitAgo(unit, n));
      if (n.vague) spec.vague = true;
    }
  }
  const dayWords: [RegExp, number, DaypartName | null][] = [
    [/大前天/, 3, null],
    [/前晚|前天晚上|前天夜里/, 2, 'night'],
    [/前天/, 2, null],
    [/前儿(?:个)?(?:晚上|夜里)/, 2, 'night'],
    [/前儿(?:个)?/, 2, null],
    [/昨晚|昨夜/, 1, 'night'],
    [/昨早|昨晨/, 1, 'morning'],
    [/昨天|昨日|昨儿/, 1, null],
    [/今晚|今夜/, 0, 'night'],
    [/今早|今晨/, 0, 'morning'],
    [/今天|今日|今儿/, 0, null],
    [/明晚|明天晚上/, -1, 'night'],
    [/明早|明天早上/, -1, 'morning'],
    [/大后天/, -3, null],
    [/后天/, -2, null],
    [/明天|明日|明儿/, -1, null],
  ];
  for (const [re, back, daypart] of dayWords) {
    if (take(re)) {
      spec.date = { kind: 'days_ago', min: back, max: back };
      spec.daypart = daypart; // nothing has set a part of the day yet
      break;
    }
  }
  if (!spec.date) {
    if (take(/上上(?:个)?(?:周末|週末)/)) {
      spec.date = { kind: 'weekend', mode: 'last', back: 2 };
    } else if (take(/上上(?:个)?(周|星期|礼拜|月)/)) {
      spec.date =
        m![1] === '月'
          ? { kind: 'calendar_month', min: 2, max: 2 }
          : { kind: 'calendar_week', back: 2 };
    } else if (take(/(上|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/)) {
      const w = m![2]!;
      const weekday = /\d/.test(w) ? Number(w) : w === '天' ? 7 : WEEKDAYS_ZH.indexOf(w) + 1;
      const mode =
        m![1] === '上'
          ? 'last_week'
          : m![1] === '下'
            ? 'next_week'
            : m![1]
              ? 'this_week'
              : 'recent';
      spec.date = { kind: 'weekday', weekday, mode };
    } else if (take(/(上|下|这|本)?(?:个)?(?:周末|週末)/)) {
      const mode = m![1] === '上' ? 'last' : m![1] === '下' ? 'next' : m![1] ? 'this' : 'recent';
      spec.date = { kind: 'weekend', mode };
    } else if (take(/(今年|去年|前年)?的?(春|夏|秋|冬)(?:天|季)/)) {
      const season = SEASON_WORDS[m![2]!]!;
      spec.date = m![1]
        ? {
            kind: 'season',
            season,
            mode: 'years_back',
            back: ['今年', '去年', '前年'].indexOf(m![1]),
          }
        : { kind: 'season', season, mode: 'recent', back: 0 };
    } else if (take(/上(?:个)?(?:周|星期|礼拜)/)) spec.date = { kind: 'calendar_week', back: 1 };
    else if (take(/(?:这|本)(?:个)?(?:周|星期|礼拜)/))
      spec.date = { kind: 'calendar_week', back: 0 };
    else if (take(/下(?:个)?(?:周|星期|礼拜)/)) spec.date = { kind: 'calendar_week', back: -1 };
    else if (take(/上(?:个)?月/)) spec.date = { kind: 'calendar_month', min: 1, max: 1 };
    else if (take(/下(?:个)?月/)) spec.date = { kind: 'calendar_month', min: -1, max: -1 };
    else if (take(/明年/)) spec.date = { kind: 'calendar_year', min: -1, max: -1 };
    else if (take(/(?:这|本)(?:个)?月/)) spec.date = { kind: 'calendar_month', min: 0, max: 0 };
    else if (take(/前年/)) spec.date = { kind: 'calendar_year', min: 2, max: 2 };
    else if (take(/去年/)) spec.date = { kind: 'calendar_year', min: 1, max: 1 };
    else if (take(/今年/)) spec.date = { kind: 'calendar_year', min: 0, max: 0 };
    // A year alone (2025年); with a month after it chrono-node reads the date.
    else if (take(/((?:19|20)\d\d)\s*年(?!\s*[\d一二三四五六七八九十]+\s*月)/))
      spec.date = { kind: 'date', year: Number(m![1]), month: null, day: null };
    // A day of the month alone (19号, 十九日); with a month before it, chrono-node reads the date.
    else if (
      take(
        /(?<![月\d零〇一二两三四五六七八九十])(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*(?:号|號|日)/,
      )
    ) {
      const n = zhNumber(m![1]!);
      if (n && !n.vague && n.min >= 1 && n.min <= 31) {
        spec.date = { kind: 'date', year: null, month: null, day: n.min };
      }
    }
  }
  // A month alone (二月, 11月): the most recent past one; with a day chrono-node reads it.
  if (
    !spec.date &&
    take(
      /(?<![\d年])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?!\s*[\d一二三四五六七八九十]+\s*[日号])/,
    )
  ) {
    const n = zhNumber(m![1]!);
    if (n && n.min >= 1 && n.min <= 12)
      spec.date = { kind: 'date', year: null, month: n.min, day: null };
  }
  if (spec.date?.kind === 'weekday' && spec.date.mode === 'recent') {
    const said = spec.date.weekday;
    if (
      take(
        /(?<![月\d])(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*(?:号|號|日)/,
      )
    ) {
      const n = zhNumber(m![1]!);
      if (n && n.min >= 1 && n.min <= 31)
        spec.date = { kind: 'date', year: null, month: null, day: n.min, weekday: said };
    }
  }
  if (spec.date?.kind === 'calendar_month' && spec.date.min === spec.date.max) {
    if (take(/(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*(?:号|號|日)/)) {
      const n = zhNumber(m![1]!);
      if (n && n.min >= 1 && n.min <= 31) spec.date = { ...spec.date, day: n.min };
    }
  }
  // A part of the day said after a day word that implies one (昨晚半夜, 今早六点前后的清晨)
  // replaces it when it lies within it: the narrower word is what was meant.
  for (const [re, name] of DAYPARTS_ZH) {
    const found = re.exec(t);
    if (!found) continue;
    const implied = spec.daypart ? DAYPARTS[spec.daypart] : null;
    const said = DAYPARTS[name];
    if (!implied || (said.startHour >= implied.startHour && said.endHour <= implied.endHour)) {
      t = consume(t, found);
      spec.daypart = name;
    }
    break;
  }
  return t;
}

/**
 * Clock unit from how it was written: seconds, minutes, a half or quarter, or the hour.
 * `quarterSaid`: the text said 一刻 or 三刻, which chrono-node reads only as 15分 or 45分.
 */
function clockUnit(
  text: string,
  minute: number,
  second: number | undefined,
  quarterSaid: boolean,
): number {
  // chrono-node works out a second for relative phrases ("in 15 minutes"): not a stated
  // one. (It reads hh:mm:ss and N秒 only with their second, and 半 only as half past.)
  // Stryker disable next-line ConditionalExpression,Regex: the guards are implied by what chrono-node reads (see above)
  if (second !== undefined && (/\d[:：]\d{2}[:：]\d{2}/.test(text) || /秒/.test(text))) return 1;
  // Stryker disable next-line ConditionalExpression: chrono-node reads 半 only as minute 30
  if (minute === 30 && /半|half/.test(text)) return 1800;
  if ((minute === 15 || minute === 45) && quarterSaid) return 900;
  // Minutes written, even as one digit (10:0): the minute is the last stated unit.
  if (/[:：.]\d|分/.test(text) || /点[零〇一二两三四五六七八九十\d]/.test(text)) return 60;
  return minute === 0 ? 3600 : 60;
}

const CHRONO_WORTHY =
  /[0-9一二两三四五六七八九十零〇]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|点|點|时|時/i;

/** A numeric date with slashes or dots: 03/04/2026, 4/3, 03.04.2026 (the year last, if any). */
const SLASH_DATE = /(?<!\d[/.])\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?\b(?![/.]\d)/;

/**
 * A year written with two digits (26年, 11/19/26) is the nearest such year not more than
 * a year ahead of the reference: 26 → 2026, 99 → 1999.
 */
function fullYear(year: number | null, reference: number): number | null {
  if (year === null || year >= 100) return year;
  const now = new Date(reference).getUTCFullYear();
  const candidate = Math.floor(now / 100) * 100 + year;
  return candidate > now + 1 ? candidate - 100 : candidate;
}

/** A clock from chrono-node's components of one end of what it read. */
function chronoClock(
  k: Chrono.ParsedComponents,
  clockText: string,
  zh: boolean,
  quarterSaid: boolean,
): Clock {
  const hour = k.get('hour') ?? 0;
  const minute = k.isCertain('minute') ? (k.get('minute') ?? 0) : 0;
  const second = k.isCertain('second') ? (k.get('second') ?? 0) : undefined;
  return {
    hour,
    minute,
    second: second ?? 0,
    unitSeconds: clockUnit(clockText, minute, second, quarterSaid),
    // chrono-node's zh parser marks every hour from 12 as pm, stated or not (12点 is
    // midnight as often as noon); an am/pm it is told makes the hour 0 or 13–23 anyway.
    meridiemKnown:
      (!zh && k.isCertain('meridiem')) ||
      hour > 12 ||
      hour === 0 ||
      /(^|\D)0\d[:：.时点]/.test(clockText),
  };
}

/**
 * What chrono-node reads in the rest of the text: only the components it is certain
 * of. `reference` (local ms, the reporter's clock) matters only for the relative
 * phrases our grammar leaves to chrono ("next week").
 */
function readWithChrono(
  rest: string,
  zh: boolean,
  spec: NaturalSpec,
  reference: number,
  quarterSaid: boolean,
): string {
  if (!CHRONO_WORTHY.test(rest)) return rest;
  // The spans our grammar blanked leave runs of spaces, which chrono-node does not read
  // across ("on 3 [at 8pm] nov" must stay "on 3 nov").
  rest = rest.replace(/\s+/g, ' ');
  const results = (zh ? chrono().zh : chrono().en).parse(rest, {
    instant: new Date(reference),
    timezone: 0,
  });
  let left = rest;
  for (const r of results) {
    const k = r.start;
    left = left.slice(0, r.index) + ' '.repeat(r.text.length) + left.slice(r.index + r.text.length);
    const slash = SLASH_DATE.exec(r.text);
    const [a, b] = slash ? [Number(slash[1]), Number(slash[2])] : [0, 0];
    const year = k.isCertain('year') ? fullYear(k.get('year') ?? null, reference) : null;
    const relativeYear = spec.date?.kind === 'calendar_year' && spec.date.min === spec.date.max;
    if (!spec.date && slash && a <= 12 && b <= 12 && a !== b && k.isCertain('day')) {
      // Day and month both ≤ 12: 3 April (day first, most of the world) or 4 March (US).
      spec.date = {
        kind: 'dates',
        readings: [
          { year, month: a, day: b },
          { year, month: b, day: a },
        ],
      };
    } else if (relativeYear && k.isCertain('month') && !k.isCertain('year')) {
      // "去年12月", "in March last year": the month of that year.
      const back = (spec.date as { min: number }).min;
      spec.date = {
        kind: 'date',
        year: new Date(reference).getUTCFullYear() - back,
        month: k.get('month') ?? null,
        day: k.isCertain('day') ? (k.get('day') ?? null) : null,
      };
    }
    // Stryker disable next-line StringLiteral: chrono-node (en, zh) states a day or a year only with a month; kept so that one stated alone is not lost
    else if (!spec.date && (k.isCertain('day') || k.isCertain('month') || k.isCertain('year'))) {
      spec.date = {
        kind: 'date',
        year,
        month: k.isCertain('month') ? (k.get('month') ?? null) : null,
        day: k.isCertain('day') ? (k.get('day') ?? null) : null,
      };
    } else if (spec.date?.kind === 'weekday' && k.isCertain('day') && k.isCertain('month')) {
      // "Tues 3rd Nov": the date, checked against the weekday said with it.
      spec.date = {
        kind: 'date',
        year,
        month: k.get('month') ?? null,
        day: k.get('day') ?? null,
        weekday: spec.date.weekday,
      };
    } else if (!spec.date && k.isCertain('weekday')) {
      spec.date = {
        kind: 'weekday',
        weekday: (((k.get('weekday') ?? 0) + 6) % 7) + 1,
        mode: 'recent',
      };
    }
    if (!spec.clock && k.isCertain('hour')) {
      spec.clock = chronoClock(k, r.text, zh, quarterSaid);
      // A range of clock times on one day ("between 9 and 10 pm", 9点到10点): both ends
      // are read and the interval covers them. A range of days is left to the residue rule.
      const e = r.end;
      if (e) {
        const sameDay = (['day', 'month', 'year'] as const).every(
          (c) => !e.isCertain(c) || (k.isCertain(c) && e.get(c) === k.get(c)),
        );
        if (sameDay && e.isCertain('hour')) spec.clockEnd = chronoClock(e, r.text, zh, quarterSaid);
        else spec.residue.push({ text: r.text, kind: sameDay ? 'hour' : 'date' });
      }
    } else if (r.end) spec.residue.push({ text: r.text, kind: 'hour' });
  }
  return left;
}

const RELATION_AFTER_EN = /\b(?:after|since|later than)\b/;
const RELATION_BEFORE_EN = /\b(?:before|until|till|til|earlier than)\b/;
const RELATION_AFTER_ZH = /以后|之后|过后|以来/;
const RELATION_BEFORE_ZH = /以前|之前/;
const BARE_HOUR_EN = new RegExp(`\\b(${CLOCK_WORD})\\b`, 'g');

/**
 * What the readers leave that still reads plainly: a relation to the time read
 * ("after 9 pm", 九点以后) and an hour said as a bare number beside a day, a part of
 * the day or a vague word ("last night around 11", "this afternoon around 3").
 */
function readLeftovers(rest: string, zh: boolean, spec: NaturalSpec): string {
  let t = rest;
  const said = spec.clock || spec.daypart || spec.date;
  if (said) {
    const after = (zh ? RELATION_AFTER_ZH : RELATION_AFTER_EN).exec(t);
    const before = (zh ? RELATION_BEFORE_ZH : RELATION_BEFORE_EN).exec(t);
    // Both ("after 9 but before 10") is a range read no further: left to the residue rule.
    if (after && !before) {
      spec.relation = 'after';
      t = consume(t, after);
    } else if (before && !after) {
      spec.relation = 'before';
      t = consume(t, before);
    }
  }
  // A year alone ("in 2025"), when nothing else names a date: chrono-node does not read it.
  const year = zh ? null : /\b(?:in |during |of )?((?:19|20)\d\d)\b(?![:.]\d)/.exec(t);
  if (!spec.date && year) {
    spec.date = { kind: 'date', year: Number(year[1]), month: null, day: null };
    t = consume(t, year);
  }
  if (!zh && !spec.clock && !spec.elapsed && (spec.daypart || spec.date || spec.vague)) {
    const numbers = [...t.matchAll(BARE_HOUR_EN)];
    const [only] = numbers;
    const hour = only ? clockWord(only[1]!) : Number.NaN;
    if (numbers.length === 1 && hour >= 0 && hour <= 23) {
      spec.clock = {
        hour,
        minute: 0,
        second: 0,
        unitSeconds: 3600,
        meridiemKnown: hour > 12 || hour === 0,
      };
      t =
        t.slice(0, only!.index) +
        ' '.repeat(only![0].length) +
        t.slice(only!.index + only![0].length);
    }
  }
  return t;
}

const UPPER_ZONE_LIKE = /\b[A-Z]{1,4}(?:ST|DT|T)\b/g;

/** Time-looking words no reader used (see RESIDUE_EN / RESIDUE_ZH). */
function residueOf(rest: string, original: string, zone: TextZone | null, zh: boolean) {
  const found: NaturalSpec['residue'] = [];
  let t = rest;
  for (const [re, kind] of zh ? RESIDUE_ZH : RESIDUE_EN) {
    re.lastIndex = 0;
    t = t.replace(re, (word) => {
      found.push({ text: word.trim(), kind });
      return ' '.repeat(word.length);
    });
  }
  // An abbreviation that looks like a zone but is not one we know (or a second zone).
  UPPER_ZONE_LIKE.lastIndex = 0;
  for (const m of original.matchAll(UPPER_ZONE_LIKE)) {
    if (zone && m.index >= zone.index && m.index < zone.index + zone.length) continue;
    found.push({ text: m[0], kind: 'zone' });
  }
  return found;
}

/**
 * Reads a natural-language time; null when the text says nothing we can place.
 * `reference` (the reporter's local clock as local ms) is only passed on to
 * chrono-node for relative phrases our grammar does not cover.
 */
export function parseNatural(text: string, reference = Date.UTC(2026, 0, 1)): NaturalSpec | null {
  const zh = HAN.test(text);
  const zone = findTextZone(text);
  const unzoned = zone
    ? text.slice(0, zone.index) + ' '.repeat(zone.length) + text.slice(zone.index + zone.length)
    : text;
  let t = unzoned.normalize('NFKC').toLowerCase();
  const spec: NaturalSpec = {
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
    zone,
    residue: [],
  };
  // Shorthand of texts and logs: "yday", "nite", "wkend", "hr", "@ 2115".
  if (!zh) {
    t = t
      .replace(/\b(?:yday|yest|ystdy)\b/g, 'yesterday')
      .replace(/\btmrw\b/g, 'tomorrow')
      .replace(/\b(to)?nite\b/g, (_, to: string | undefined) => (to ? 'tonight' : 'night'))
      .replace(/\bwkend\b/g, 'weekend')
      .replace(/\bhr\b/g, 'hour')
      .replace(/\ball day\b|\bthe whole day\b/g, ' ')
      .replace(/@/g, 'at');
  } else {
    // 俩 and 仨: two and three (of something).
    t = t
      .replace(/俩/g, '两个')
      .replace(/仨/g, '三个')
      .replace(/(\d|[一二三四五六七八九十])月份/g, '$1月');
  }
  const vague = zh ? VAGUE_ZH : VAGUE_EN;
  vague.lastIndex = 0;
  if (vague.test(t)) {
    spec.vague = true;
    t = t.replace(vague, ' ');
  }
  const quarterSaid = /[一三]刻/.test(t);
  // 十点多: some minutes past ten, within that hour.
  const hourPlus = zh && /点多/.test(t);
  if (hourPlus) t = t.replace(/点多/g, '点 ');
  if (zh) t = parseChinese(t, spec);
  else t = parseEnglish(t, spec);
  if (!spec.date) {
    for (const [re, month, day] of zh ? HOLIDAYS_ZH : HOLIDAYS_EN) {
      const found = re.exec(t);
      if (found) {
        t = consume(t, found);
        spec.date = { kind: 'date', year: null, month, day };
        break;
      }
    }
  }
  t = readWithChrono(t, zh, spec, reference, quarterSaid);
  if (hourPlus && spec.clock && spec.clock.minute === 0) {
    spec.clock = { ...spec.clock, minute: 30, unitSeconds: 3600 };
  }
  t = readLeftovers(t, zh, spec);
  spec.residue.push(...residueOf(t, unzoned, zone, zh));
  const said =
    spec.justNow || spec.elapsed || spec.date || spec.daypart || spec.clock || spec.beyondRange;
  return said ? spec : null;
}

// ---------------------------------------------------------------- resolving

const dayStart = (localMs: number) => Math.floor(localMs / DAY) * DAY;
/** ISO weekday, 1 = Monday. */
const weekdayOf = (localMs: number) => ((new Date(localMs).getUTCDay() + 6) % 7) + 1;

function seasonPeriod(
  anchor: Extract<DateAnchor, { kind: 'season' }>,
  ref: number,
  southern: boolean,
): [number, number] {
  const startMonth = SEASON_START_MONTH[southern ? 'south' : 'north'][anchor.season];
  const year = new Date(ref).getUTCFullYear();
  const instance = (y: number): [number, number] => [
    utcDate(y, startMonth - 1),
    utcDate(y, startMonth - 1 + 3),
  ];
  // The season of two years before has always ended (the latest, a southern summer,
  // ends in March of the year before); this year's may be running.
  const around = [year - 2, year - 1, year].map(instance);
  const current = around.find(([s, e]) => s <= ref && ref < e);
  const ended = around.filter(([, e]) => e <= ref);
  const lastEnded = ended[ended.length - 1]!;
  switch (anchor.mode) {
    case 'recent':
      return current ?? lastEnded;
    case 'last':
      return lastEnded;
    case 'this':
      return current ?? instance(year);
    case 'years_back':
      return instance(year - anchor.back);
    case 'year':
      return instance(anchor.back);
  }
}

/**
 * The local period of a date anchor. `days` (day-grain anchors only) are the starts of
 * the days it may mean: one, or two for "last Friday" said on a Saturday (the Friday
 * of this week and of the week before), or the two days of a weekend.
 */
interface AnchoredPeriod {
  start: number;
  end: number;
  grain: TimeGrain;
  days: number[];
  /** The days are alternatives (not one span): "last Friday" said on a Saturday. */
  ambiguous: boolean;
}

function anchorPeriod(anchor: DateAnchor, ref: number, southern: boolean): AnchoredPeriod {
  const today = dayStart(ref);
  const d = new Date(ref);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const oneDay = (start: number): AnchoredPeriod => ({
    start,
    end: start + DAY,
    grain: 'day',
    days: [start],
    ambiguous: false,
  });
  const long = (start: number, end: number, grain: TimeGrain): AnchoredPeriod => ({
    start,
    end,
    grain,
    days: [],
    ambiguous: false,
  });
  switch (anchor.kind) {
    case 'days_ago': {
      if (anchor.min === anchor.max) return oneDay(today - anchor.max * DAY);
      return long(today - anchor.max * DAY, today - anchor.min * DAY + DAY, 'day');
    }
    case 'weeks_ago':
      return long(
        ref - anchor.max * 7 * DAY - 3.5 * DAY,
        ref - anchor.min * 7 * DAY + 3.5 * DAY,
        'week',
      );
    case 'calendar_week': {
      const monday = today - (weekdayOf(today) - 1) * DAY - anchor.back * 7 * DAY;
      return long(monday, monday + 7 * DAY, 'week');
    }
    case 'calendar_month':
      // "上个月15号", "the 15th of last month": that day (kept within the month).
      if (anchor.day !== undefined && anchor.min === anchor.max) {
        const last = new Date(utcDate(year, month - anchor.min + 1) - DAY).getUTCDate();
        return oneDay(utcDate(year, month - anchor.min, Math.min(anchor.day, last)));
      }
      return long(
        utcDate(year, month - anchor.max),
        utcDate(year, month - anchor.min + 1),
        'month',
      );
    case 'calendar_year':
      return long(utcDate(year - anchor.max, 0), utcDate(year - anchor.min + 1, 0), 'year');
    case 'weekday': {
      const wd = weekdayOf(today);
      if (anchor.mode === 'this_week') return oneDay(today + (anchor.weekday - wd) * DAY);
      if (anchor.mode === 'last_week') return oneDay(today + (anchor.weekday - wd - 7) * DAY);
      if (anchor.mode === 'next_week') return oneDay(today + (anchor.weekday - wd + 7) * DAY);
      if (anchor.mode === 'after_today')
        return oneDay(today + (((anchor.weekday - wd + 6) % 7) + 1) * DAY);
      let back = (wd - anchor.weekday + 7) % 7;
      if (back === 0 && anchor.mode !== 'recent') back = 7;
      const recent = today - back * DAY;
      // "last Friday" when the most recent Friday is in this week (Monday-start): that
      // day, or the Friday of the week before; both are read.
      if (anchor.mode === 'before_today' && anchor.weekday < wd) {
        const earlier = recent - 7 * DAY;
        return {
          start: earlier,
          end: recent + DAY,
          grain: 'day',
          days: [earlier, recent],
          ambiguous: true,
        };
      }
      return oneDay(recent);
    }
    case 'weekend': {
      const wd = weekdayOf(today);
      const thisSaturday = today + (6 - wd) * DAY; // this week's (Monday-start)
      const saturday =
        anchor.mode === 'last'
          ? thisSaturday - 7 * (anchor.back ?? 1) * DAY
          : anchor.mode === 'next'
            ? thisSaturday + 7 * DAY
            : anchor.mode === 'this' || wd >= 6
              ? thisSaturday
              : thisSaturday - 7 * DAY;
      return {
        start: saturday,
        end: saturday + 2 * DAY,
        grain: 'day',
        days: [saturday, saturday + DAY],
        ambiguous: false,
      };
    }
    case 'season': {
      const [start, end] = seasonPeriod(anchor, ref, southern);
      return long(start, end, 'season');
    }
    case 'dates': {
      const days = anchor.readings
        .map((r) => anchorPeriod({ kind: 'date', ...r }, ref, southern).start)
        .sort((a, b) => a - b);
      const distinct = [...new Set(days)];
      return {
        start: distinct[0]!,
        end: distinct[distinct.length - 1]! + DAY,
        grain: 'day',
        days: distinct,
        ambiguous: distinct.length > 1,
      };
    }
    case 'date': {
      const { year: y, month: m, day: dd } = anchor;
      // A weekday said with the date that is not the date's: the weekday's most recent
      // day is the other reading.
      const checkedWeekday = (p: AnchoredPeriod): AnchoredPeriod => {
        if (anchor.weekday === undefined || weekdayOf(p.start) === anchor.weekday) return p;
        const other = anchorPeriod(
          { kind: 'weekday', weekday: anchor.weekday, mode: 'recent' },
          ref,
          southern,
        ).start;
        const days = [other, p.start].sort((a, b) => a - b);
        return { start: days[0]!, end: days[1]! + DAY, grain: 'day', days, ambiguous: true };
      };
      if (m !== null && dd !== null) {
        // Without a year, the most recent such date.
        let yy = y ?? year;
        if (y === null && utcDate(yy, m - 1, dd) > today) yy -= 1;
        return checkedWeekday(oneDay(utcDate(yy, m - 1, dd)));
      }
      if (m !== null) {
        let yy = y ?? year;
        if (y === null && m - 1 > month) yy -= 1;
        return long(utcDate(yy, m - 1), utcDate(yy, m), 'month');
      }
      if (dd !== null) {
        // The most recent past such day: this month's, else the latest month that has it
        // (the 31st said on 2 March is 31 January).
        let mm = dd <= d.getUTCDate() ? month : month - 1;
        while (new Date(utcDate(y ?? year, mm, dd)).getUTCDate() !== dd) mm -= 1;
        return checkedWeekday(oneDay(utcDate(y ?? year, mm, dd)));
      }
      const yy = y ?? year;
      return long(utcDate(yy, 0), utcDate(yy + 1, 0), 'year');
    }
  }
}

const grainOfUnit = (seconds: number): TimeGrain =>
  seconds <= 1 ? 'second' : seconds < 3600 ? 'minute' : 'hour';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Clock readings within a day, in hours after that day's midnight (above 24 for a
 * time after midnight inside a night: 2 o'clock "last night" is the next morning).
 */
function clockHours(clock: Clock, daypart: DaypartName | null): number[] {
  const h = clock.hour + clock.minute / 60 + clock.second / 3600;
  const part = daypart ? DAYPARTS[daypart] : null;
  // Hours before the end of a part that runs past midnight (a night ends at 30) are
  // the next morning; a part that ends before midnight has no such hours.
  const afterMidnight = (x: number) => (part && x < part.endHour - 24 ? x + 24 : x);
  if (clock.meridiemKnown) return [afterMidnight(h)];
  if (part) {
    if (h < part.endHour - 24) return [h + 24];
    // 12 o'clock (the only hour from 12 without am/pm): the midnight before a part that
    // ends by mid-morning (凌晨12点, 清晨12点), the one after a part that begins late in
    // the afternoon or later (傍晚12点, 晚上12点, "last night at 12"), else noon (上午12点).
    if (h >= 12) return [part.endHour <= 10 ? h - 12 : part.startHour >= 14 ? h + 12 : h];
    return [h < part.pmBelow ? h + 12 : h];
  }
  // 1–12 o'clock without am/pm or a part of the day (an hour 0 or above 12 says
  // am/pm): both 12-hour readings.
  return h >= 12 ? [h - 12, h] : [h, h + 12];
}

export interface ResolveOptions {
  southern: boolean;
  /**
   * The local window of a part of the day named by the sun (dawn, dusk …) on the local
   * day that starts at `day`, from the sun at the place; null (or absent) where no place
   * is known or the sun does not rise or set that day: the fixed hours are used.
   */
  sunWindow?: (part: DaypartName, day: number) => [number, number] | null;
  /** How far back (days) a reading whose date words were not all read may reach. */
  partlyReadDays?: number;
  /** How far "after 9 pm" reaches after the time read, and "before dawn" before it (hours). */
  relationReachHours?: number;
}

const DEFAULT_PARTLY_READ_DAYS = 366;
const DEFAULT_RELATION_REACH_HOURS = 12;

const grainOfSpan = (ms: number): TimeGrain =>
  ms <= DAY ? 'day' : ms <= 7 * DAY ? 'week' : ms <= 31 * DAY ? 'month' : 'year';

const clockHint = (clock: Clock) => `${pad(clock.hour)}:${pad(clock.minute)}`;

/** A local period with nothing but its ends and grain. */
function plainPeriod(
  start: number,
  end: number,
  grain: TimeGrain,
  timeOfDay: string | null = null,
  unitSeconds = GRAIN_SECONDS[grain] ?? 86_400,
): LocalResolution {
  return { kind: 'period', start, end, grain, unitSeconds, timeOfDay, alternatives: [] };
}

/**
 * Places a spec against the reporter's local clock at arrival (`ref`, local ms).
 * Returns null for elapsed times and "just now", which need no zone.
 *
 * Words left unused widen the reading to what is still certain: date words (a day,
 * month, weekday or year nobody read) → the last `partlyReadDays` days; hour words
 * (a clock, a range, "after") → the whole day(s) read, or yesterday and today.
 */
export function resolveNatural(
  spec: NaturalSpec,
  ref: number,
  options: ResolveOptions,
): LocalResolution | null {
  const res = resolvePlain(spec, ref, options);
  if (res === null || spec.relation === null || spec.residue.length > 0) return res;
  // "after 9 pm", "before dawn": from what was read, RELATION_REACH_HOURS onwards or back.
  const reach = (options.relationReachHours ?? DEFAULT_RELATION_REACH_HOURS) * HOUR;
  const [lo, hi] =
    res.kind === 'period'
      ? [res.start, res.end]
      : [
          Math.min(...res.centers) - (res.unitSeconds * 1000) / 2,
          Math.max(...res.centers) + res.unitSeconds * 1000 * (res.truncated ? 1 : 0.5),
        ];
  const [start, end] = spec.relation === 'after' ? [lo, hi + reach] : [lo - reach, hi];
  return plainPeriod(
    start,
    end,
    'part_of_day',
    spec.clock ? clockHint(spec.clock) : spec.daypart,
    (end - start) / 1000,
  );
}

function resolvePlain(
  spec: NaturalSpec,
  ref: number,
  options: ResolveOptions,
): LocalResolution | null {
  if (!spec.date && !spec.daypart && !spec.clock) return null;
  const today = dayStart(ref);
  const kinds = new Set(spec.residue.map((r) => r.kind));
  if (kinds.has('date')) {
    const back = options.partlyReadDays ?? DEFAULT_PARTLY_READ_DAYS;
    const start = today - (back - 1) * DAY;
    return plainPeriod(
      start,
      today + DAY,
      grainOfSpan(today + DAY - start),
      spec.clock ? clockHint(spec.clock) : null,
    );
  }
  if (kinds.has('hour')) {
    if (!spec.date) return plainPeriod(today - DAY, today + DAY, 'day');
    spec = { ...spec, clock: null, daypart: null };
  }
  const anchored = spec.date ? anchorPeriod(spec.date, ref, options.southern) : null;
  const part = spec.daypart ? DAYPARTS[spec.daypart] : null;

  // A clock or a part of the day inside a longer period ("3 AM last autumn"): that time
  // on each of its days, as one span from the first to the last; the time is the hint.
  if (anchored && anchored.days.length === 0) {
    const lastDay = anchored.end - DAY;
    if (spec.clock) {
      const hours = clockHours(spec.clock, spec.daypart);
      const unit = spec.clock.unitSeconds * 1000;
      return plainPeriod(
        anchored.start + Math.min(...hours) * HOUR - unit / 2,
        lastDay + Math.max(...hours) * HOUR + (spec.clock.unitSeconds <= 60 ? unit : unit / 2),
        anchored.grain,
        clockHint(spec.clock),
        spec.clock.unitSeconds,
      );
    }
    if (part) {
      return plainPeriod(
        anchored.start + part.startHour * HOUR,
        lastDay + part.endHour * HOUR,
        anchored.grain,
        spec.daypart,
      );
    }
    return plainPeriod(anchored.start, anchored.end, anchored.grain);
  }

  // Days to try: the anchored day(s), or (no date) today and yesterday, keeping the most recent past.
  const days = anchored ? anchored.days : [today, today - DAY];
  const ambiguous = anchored?.ambiguous ?? false;

  if (spec.clock) {
    const hours = [
      ...clockHours(spec.clock, spec.daypart),
      ...(spec.clockEnd ? clockHours(spec.clockEnd, spec.daypart) : []),
    ];
    let centers: number[] = [];
    for (const h of hours) {
      const shift = spec.midnight && anchored && h < 24 ? 24 : 0;
      const candidates = days.map((d) => d + (h + shift) * HOUR);
      if (anchored) centers.push(...candidates);
      else centers.push(candidates.find((c) => c <= ref) ?? candidates[1]!);
    }
    // Reports tell what happened: a reading after arrival ("today at 9:40" said at noon:
    // not 21:40) is dropped when another is not.
    const past = centers.filter((c) => c <= ref);
    if (past.length > 0) centers = past;
    centers.sort((a, b) => a - b);
    return {
      kind: 'instant',
      centers,
      grain: grainOfUnit(spec.clock.unitSeconds),
      unitSeconds: spec.clock.unitSeconds,
      truncated: spec.clock.unitSeconds <= 60,
      halfBefore: true,
      ambiguousDate: ambiguous,
    };
  }
  if (part) {
    const windows = days.map(
      (d): [number, number] =>
        options.sunWindow?.(spec.daypart!, d) ?? [
          d + part.startHour * HOUR,
          d + part.endHour * HOUR,
        ],
    );
    const chosen = anchored ? windows : [windows.find(([s]) => s <= ref) ?? windows[1]!];
    return {
      kind: 'period',
      start: Math.min(...chosen.map(([s]) => s)),
      end: Math.max(...chosen.map(([, e]) => e)),
      grain: 'part_of_day',
      unitSeconds: GRAIN_SECONDS.part_of_day!,
      timeOfDay: null,
      alternatives: ambiguous ? chosen : [],
    };
  }
  // A date alone: its day(s).
  return {
    kind: 'period',
    start: anchored!.start,
    end: anchored!.end,
    grain: 'day',
    unitSeconds: (anchored!.end - anchored!.start) / 1000,
    timeOfDay: null,
    alternatives: ambiguous ? days.map((d): [number, number] => [d, d + DAY]) : [],
  };
}

/** "N minutes ago" and "just now" as a UTC interval, or null when the spec is not one. */
export function elapsedInterval(
  spec: NaturalSpec,
  receivedAt: number,
  justNowSeconds: number,
): { from: number; to: number; unitSeconds: number; grain: TimeGrain } | null {
  if (spec.date || spec.daypart || spec.clock) return null;
  if (spec.elapsed) {
    const { minMs, maxMs, unitMs } = spec.elapsed;
    return {
      from: receivedAt - maxMs - unitMs / 2,
      to: receivedAt - minMs + unitMs / 2,
      unitSeconds: unitMs / 1000,
      grain: grainOfUnit(unitMs / 1000),
    };
  }
  if (spec.justNow) {
    return {
      from: receivedAt - justNowSeconds * 1000,
      to: receivedAt,
      unitSeconds: justNowSeconds,
      grain: grainOfUnit(justNowSeconds),
    };
  }
  return null;
}
