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
 *   "21:10" → ± 30 s, "两点半" → ± 15 min. Without a date it is the most recent
 *   such time; without am/pm or a part of the day (1–12 o'clock) it covers both
 *   12-hour readings.
 * - "N units ago" is rounded the same way: "5 minutes ago" → 4.5–5.5 min before
 *   arrival; days, months and years count calendar days, months and years.
 * - A time of day inside a longer period ("3 AM last autumn") cannot narrow an
 *   interval; it is kept as `timeOfDay`.
 * - A count is read only as far as dates reach (MAX_COUNT_REACH_MS): beyond,
 *   "99999999999 days ago" is `beyondRange`, never a guessed or overflowed time.
 */
import * as chrono from 'chrono-node';
import {
  DAYPARTS,
  DAYPARTS_EN,
  DAYPARTS_ZH,
  type DaypartName,
  JUST_NOW_EN,
  JUST_NOW_ZH,
  NUMBER_WORDS_EN,
  SEASON_START_MONTH,
  SEASON_WORDS,
  type Season,
  type TimeUnit,
  UNITS_EN,
  UNITS_ZH,
  VAGUE_EN,
  VAGUE_ZH,
  WEEKDAYS_EN,
  WEEKDAYS_ZH,
} from './data/time-words.js';
import type { TimeGrain } from '../domain/report.js';
import { DATE_LIMIT_MS, utcDate } from './zones.js';

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

type Range = { min: number; max: number };

export type DateAnchor =
  | ({ kind: 'days_ago' } & Range)
  | ({ kind: 'weeks_ago' } & Range)
  | { kind: 'calendar_week'; back: number }
  | ({ kind: 'calendar_month' } & Range)
  | ({ kind: 'calendar_year' } & Range)
  | {
      kind: 'weekday';
      weekday: number;
      mode: 'recent' | 'before_today' | 'after_today' | 'this_week' | 'last_week' | 'next_week';
    }
  | {
      kind: 'season';
      season: Season;
      mode: 'recent' | 'last' | 'this' | 'years_back';
      back: number;
    }
  | { kind: 'date'; year: number | null; month: number | null; day: number | null };

export interface Clock {
  hour: number;
  minute: number;
  second: number;
  unitSeconds: number;
  /** am/pm is known (stated, 24-hour notation, or hour > 12). */
  meridiemKnown: boolean;
}

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
  /** Midnight ends the anchored day ("yesterday at midnight" is the midnight after it). */
  midnight: boolean;
  /**
   * A count reaching further back than any date can hold ("99999999999 days ago",
   * 99999999年前): understood, but there is no time to place. It wins over
   * anything else the text says.
   */
  beyondRange: boolean;
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
    }
  | { kind: 'instant'; centers: number[]; grain: TimeGrain; unitSeconds: number };

const HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------- numbers

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A count written in digits: 3, 15, 1.5. */
function decimal(text: string): (Range & { vague: boolean }) | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return { min: n, max: n, vague: false };
}

/** 三 → 3, 十五 → 15, 二十 → 20, 几 → 2–9, 两三 → 2–3, 十几 → 11–19, 1.5 → 1.5. */
export function zhNumber(text: string): (Range & { vague: boolean }) | null {
  const written = decimal(text);
  if (written) return written;
  if (text === '几' || text === '好几') return { min: 2, max: 9, vague: true };
  if (text === '十几') return { min: 11, max: 19, vague: true };
  if (text === '几十') return { min: 20, max: 90, vague: true };
  // Two neighbouring digits (两三, 七八) or 三五: a vague count between them.
  const digits = [...text].map((c) => ZH_DIGITS[c] ?? Number.NaN);
  const [a = Number.NaN, b = Number.NaN] = digits;
  if (digits.length === 2 && (b === a + 1 || (a === 3 && b === 5))) {
    return { min: a, max: b, vague: true };
  }
  const m = /^([一二两三四五六七八九])?(十)?([一二两三四五六七八九])?$/.exec(text);
  if (!m) return null;
  const [, tens, ten, ones] = m;
  let n: number;
  if (ten) n = (tens ? ZH_DIGITS[tens]! : 1) * 10 + (ones ? ZH_DIGITS[ones]! : 0);
  else if (tens && !ones) n = ZH_DIGITS[tens]!;
  else return null;
  return { min: n, max: n, vague: false };
}

function enNumber(text: string): (Range & { vague: boolean }) | null {
  const w = NUMBER_WORDS_EN[text];
  return decimal(text) ?? (w ? { min: w[0], max: w[1], vague: w[0] !== w[1] } : null);
}

// ---------------------------------------------------------------- parsing

// The order of the words does not matter: a unit must follow ("a couple of" is not
// read as "a" followed by the unit "couple").
const EN_NUMBER = `\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS_EN).join('|')}`;
const EN_AGO = new RegExp(
  `\\b(half an hour|an hour and a half|(${EN_NUMBER})\\s*(${Object.keys(UNITS_EN).join('|')}))\\s+(?:ago|before|earlier|back)\\b`,
);
// Every \s* follows a required token: adjacent optional blanks (`\s*(个)?\s*`) made
// a run of 200 spaces take seconds to reject.
const ZH_AGO =
  /(?:([\d.]+|[零〇一二两三四五六七八九十几好]+)\s*)?(?:(个)\s*)?(?:(半)\s*)?(?:(个)\s*)?(秒钟|秒|分钟|小时|钟头|天|日|周|星期|礼拜|月|年)\s*(?:之|以)?前/;

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
  return { elapsed: null, date: { kind, min: n.min, max: n.max }, beyondRange: false };
}

function parseEnglish(input: string, spec: NaturalSpec): string {
  let t = input;
  let m: RegExpExecArray | null;
  const take = (re: RegExp) => {
    m = re.exec(t);
    if (m) t = consume(t, m);
    return m;
  };

  if (take(JUST_NOW_EN)) spec.justNow = true;
  if ((m = EN_AGO.exec(t))) {
    t = consume(t, m);
    if (m[1] === 'half an hour')
      spec.elapsed = { minMs: 30 * MINUTE, maxMs: 30 * MINUTE, unitMs: 30 * MINUTE };
    else if (m[1] === 'an hour and a half')
      spec.elapsed = { minMs: 90 * MINUTE, maxMs: 90 * MINUTE, unitMs: 30 * MINUTE };
    else {
      // EN_AGO matches only numbers and units these tables know.
      const n = enNumber(m[2]!)!;
      Object.assign(spec, unitAgo(UNITS_EN[m[3]!]!, n));
      if (n.vague) spec.vague = true;
    }
  }
  if (take(/\b(?:the )?day before yesterday\b/)) spec.date = { kind: 'days_ago', min: 2, max: 2 };
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
  } else if (take(/\b(?:earlier )?this (morning|afternoon|evening)\b/)) {
    spec.date = { kind: 'days_ago', min: 0, max: 0 };
    spec.daypart = m![1] as DaypartName;
  } else if (take(/\b(?:earlier )?today\b/)) spec.date = { kind: 'days_ago', min: 0, max: 0 };
  // Before "last year" alone: "the summer of last year" is a season, not the year.
  else if (take(/\b(?:in )?(?:the )?(spring|summer|autumn|fall|winter) (?:of )?last year\b/)) {
    spec.date = { kind: 'season', season: SEASON_WORDS[m![1]!]!, mode: 'years_back', back: 1 };
  } else if (take(/\b(this|last|past|next) (week|month|year)\b/)) {
    const back = m![1] === 'this' ? 0 : m![1] === 'next' ? -1 : 1;
    spec.date =
      m![2] === 'week'
        ? { kind: 'calendar_week', back }
        : { kind: m![2] === 'month' ? 'calendar_month' : 'calendar_year', min: back, max: back };
  } else if (
    take(/\b(?:(last|this|past) |(?:in )?(?:the )?)(spring|summer|autumn|fall|winter)\b/)
  ) {
    const mode = m![1] === 'this' ? 'this' : m![1] ? 'last' : 'recent';
    spec.date = { kind: 'season', season: SEASON_WORDS[m![2]!]!, mode, back: 0 };
  } else if (take(new RegExp(`\\b(?:(last|this|past|next|on) )?(${WEEKDAYS_EN.join('|')})s?\\b`))) {
    const weekday = WEEKDAYS_EN.indexOf(m![2] as (typeof WEEKDAYS_EN)[number]) + 1;
    const mode =
      m![1] === 'last' || m![1] === 'past'
        ? 'before_today'
        : m![1] === 'next'
          ? 'after_today'
          : m![1] === 'this'
            ? 'this_week'
            : 'recent';
    spec.date = { kind: 'weekday', weekday, mode };
  }
  if (!spec.daypart) {
    for (const [re, name] of DAYPARTS_EN) {
      if (take(re)) {
        spec.daypart = name;
        break;
      }
    }
  }
  if (take(/\bmidnight\b/)) {
    spec.clock = { hour: 0, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true };
    spec.midnight = true;
  } else if (take(/\bnoon\b/)) {
    spec.clock = { hour: 12, minute: 0, second: 0, unitSeconds: 3600, meridiemKnown: true };
  }
  return t;
}

function parseChinese(input: string, spec: NaturalSpec): string {
  let t = input.replace(/一刻/g, '15分').replace(/三刻/g, '45分');
  let m: RegExpExecArray | null;
  const take = (re: RegExp) => {
    m = re.exec(t);
    if (m) t = consume(t, m);
    return m;
  };

  if (take(JUST_NOW_ZH)) spec.justNow = true;
  if ((m = ZH_AGO.exec(t))) {
    const [, count, , half, , unitWord] = m;
    const base = count ? zhNumber(count) : { min: 1, max: 1, vague: false };
    const unit = UNITS_ZH[unitWord!];
    if (base && unit) {
      t = consume(t, m);
      const n =
        half && count
          ? { ...base, min: base.min + 0.5, max: base.max + 0.5 } // 一个半小时
          : half
            ? { min: 0.5, max: 0.5, vague: false } // 半小时
            : base;
      Object.assign(spec, unitAgo(unit, n));
      if (n.vague) spec.vague = true;
    }
  }
  const dayWords: [RegExp, number, DaypartName | null][] = [
    [/大前天/, 3, null],
    [/前晚|前天晚上|前天夜里/, 2, 'night'],
    [/前天/, 2, null],
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
    if (take(/(上|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/)) {
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
  }
  if (!spec.daypart) {
    for (const [re, name] of DAYPARTS_ZH) {
      if (take(re)) {
        spec.daypart = name;
        break;
      }
    }
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
): void {
  if (!CHRONO_WORTHY.test(rest)) return;
  const results = (zh ? chrono.zh : chrono.en).parse(rest, {
    instant: new Date(reference),
    timezone: 0,
  });
  for (const r of results) {
    const k = r.start;
    // Stryker disable next-line StringLiteral: chrono-node (en, zh) states a day or a year only with a month; kept so that one stated alone is not lost
    if (!spec.date && (k.isCertain('day') || k.isCertain('month') || k.isCertain('year'))) {
      spec.date = {
        kind: 'date',
        year: k.isCertain('year') ? (k.get('year') ?? null) : null,
        month: k.isCertain('month') ? (k.get('month') ?? null) : null,
        day: k.isCertain('day') ? (k.get('day') ?? null) : null,
      };
    } else if (!spec.date && k.isCertain('weekday')) {
      spec.date = {
        kind: 'weekday',
        weekday: (((k.get('weekday') ?? 0) + 6) % 7) + 1,
        mode: 'recent',
      };
    }
    if (!spec.clock && k.isCertain('hour')) {
      const hour = k.get('hour') ?? 0;
      const minute = k.isCertain('minute') ? (k.get('minute') ?? 0) : 0;
      const second = k.isCertain('second') ? (k.get('second') ?? 0) : undefined;
      const clockText = r.text;
      spec.clock = {
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
          /(^|\D)0\d[:：]/.test(clockText),
      };
    }
  }
}

/**
 * Reads a natural-language time; null when the text says nothing we can place.
 * `reference` (the reporter's local clock as local ms) is only passed on to
 * chrono-node for relative phrases our grammar does not cover.
 */
export function parseNatural(text: string, reference = Date.UTC(2026, 0, 1)): NaturalSpec | null {
  const zh = HAN.test(text);
  let t = text.normalize('NFKC').toLowerCase();
  const spec: NaturalSpec = {
    vague: false,
    justNow: false,
    elapsed: null,
    date: null,
    daypart: null,
    clock: null,
    midnight: false,
    beyondRange: false,
  };
  const vague = zh ? VAGUE_ZH : VAGUE_EN;
  vague.lastIndex = 0;
  if (vague.test(t)) {
    spec.vague = true;
    t = t.replace(vague, ' ');
  }
  const quarterSaid = /[一三]刻/.test(t);
  if (zh) t = parseChinese(t, spec);
  else t = parseEnglish(t, spec);
  readWithChrono(t, zh, spec, reference, quarterSaid);
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
  }
}

/** The local period of a date anchor. */
function anchorPeriod(
  anchor: DateAnchor,
  ref: number,
  southern: boolean,
): { start: number; end: number; grain: TimeGrain } {
  const today = dayStart(ref);
  const d = new Date(ref);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (anchor.kind) {
    case 'days_ago':
      return { start: today - anchor.max * DAY, end: today - anchor.min * DAY + DAY, grain: 'day' };
    case 'weeks_ago':
      return {
        start: ref - anchor.max * 7 * DAY - 3.5 * DAY,
        end: ref - anchor.min * 7 * DAY + 3.5 * DAY,
        grain: 'week',
      };
    case 'calendar_week': {
      const monday = today - (weekdayOf(today) - 1) * DAY - anchor.back * 7 * DAY;
      return { start: monday, end: monday + 7 * DAY, grain: 'week' };
    }
    case 'calendar_month':
      return {
        start: utcDate(year, month - anchor.max),
        end: utcDate(year, month - anchor.min + 1),
        grain: 'month',
      };
    case 'calendar_year':
      return {
        start: utcDate(year - anchor.max, 0),
        end: utcDate(year - anchor.min + 1, 0),
        grain: 'year',
      };
    case 'weekday': {
      const wd = weekdayOf(today);
      let day: number;
      if (anchor.mode === 'this_week') day = today + (anchor.weekday - wd) * DAY;
      else if (anchor.mode === 'last_week') day = today + (anchor.weekday - wd - 7) * DAY;
      else if (anchor.mode === 'next_week') day = today + (anchor.weekday - wd + 7) * DAY;
      else if (anchor.mode === 'after_today')
        day = today + (((anchor.weekday - wd + 6) % 7) + 1) * DAY;
      else {
        let back = (wd - anchor.weekday + 7) % 7;
        if (back === 0 && anchor.mode === 'before_today') back = 7;
        day = today - back * DAY;
      }
      return { start: day, end: day + DAY, grain: 'day' };
    }
    case 'season': {
      const [start, end] = seasonPeriod(anchor, ref, southern);
      return { start, end, grain: 'season' };
    }
    case 'date': {
      const { year: y, month: m, day: dd } = anchor;
      if (m !== null && dd !== null) {
        // Without a year, the most recent such date.
        let yy = y ?? year;
        if (y === null && utcDate(yy, m - 1, dd) > today) yy -= 1;
        const start = utcDate(yy, m - 1, dd);
        return { start, end: start + DAY, grain: 'day' };
      }
      if (m !== null) {
        let yy = y ?? year;
        if (y === null && m - 1 > month) yy -= 1;
        return { start: utcDate(yy, m - 1), end: utcDate(yy, m), grain: 'month' };
      }
      if (dd !== null) {
        const mm = dd <= d.getUTCDate() ? month : month - 1;
        const start = utcDate(y ?? year, mm, dd);
        return { start, end: start + DAY, grain: 'day' };
      }
      const yy = y ?? year;
      return { start: utcDate(yy, 0), end: utcDate(yy + 1, 0), grain: 'year' };
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
    // ends by dawn (凌晨12点), the one after a part that begins in the evening (晚上12点,
    // "last night at 12"), else noon (上午12点, 中午12点).
    if (h >= 12) return [part.endHour <= 7 ? h - 12 : part.startHour >= 17 ? h + 12 : h];
    return [h < part.pmBelow ? h + 12 : h];
  }
  // 1–12 o'clock without am/pm or a part of the day (an hour 0 or above 12 says
  // am/pm): both 12-hour readings.
  return h >= 12 ? [h - 12, h] : [h, h + 12];
}

export interface ResolveOptions {
  southern: boolean;
}

/**
 * Places a spec against the reporter's local clock at arrival (`ref`, local ms).
 * Returns null for elapsed times and "just now", which need no zone.
 */
export function resolveNatural(
  spec: NaturalSpec,
  ref: number,
  options: ResolveOptions,
): LocalResolution | null {
  if (!spec.date && !spec.daypart && !spec.clock) return null;
  const anchored = spec.date ? anchorPeriod(spec.date, ref, options.southern) : null;
  const dayAnchored = anchored && anchored.grain === 'day';

  // A part of the day or a clock inside a longer period: the period, with a hint.
  if (anchored && !dayAnchored) {
    const hint = spec.clock
      ? `${pad(spec.clock.hour)}:${pad(spec.clock.minute)}`
      : spec.daypart
        ? spec.daypart
        : null;
    return {
      kind: 'period',
      start: anchored.start,
      end: anchored.end,
      grain: anchored.grain,
      unitSeconds: spec.clock ? spec.clock.unitSeconds : (GRAIN_SECONDS[anchored.grain] ?? 86_400),
      timeOfDay: hint,
    };
  }

  // Days to try: the anchored day, or (no date) today and yesterday, keeping the most recent past.
  const days = anchored ? [anchored.start] : [dayStart(ref), dayStart(ref) - DAY];
  const part = spec.daypart ? DAYPARTS[spec.daypart] : null;

  if (spec.clock) {
    const hours = clockHours(spec.clock, spec.daypart);
    const centers: number[] = [];
    for (const h of hours) {
      const shift = spec.midnight && anchored && h < 24 ? 24 : 0;
      const candidates = days.map((d) => d + (h + shift) * HOUR);
      const pick = anchored ? candidates[0]! : (candidates.find((c) => c <= ref) ?? candidates[1]!);
      centers.push(pick);
    }
    centers.sort((a, b) => a - b);
    return {
      kind: 'instant',
      centers,
      grain: grainOfUnit(spec.clock.unitSeconds),
      unitSeconds: spec.clock.unitSeconds,
    };
  }
  if (part) {
    const windows = days.map((d) => [d + part.startHour * HOUR, d + part.endHour * HOUR] as const);
    const [start, end] = anchored ? windows[0]! : (windows.find(([s]) => s <= ref) ?? windows[1]!);
    return {
      kind: 'period',
      start,
      end,
      grain: 'part_of_day',
      unitSeconds: GRAIN_SECONDS.part_of_day!,
      timeOfDay: null,
    };
  }
  // A date alone, and a day's (longer periods returned above).
  return {
    kind: 'period',
    start: anchored!.start,
    end: anchored!.end,
    grain: 'day',
    unitSeconds: GRAIN_SECONDS.day!,
    timeOfDay: null,
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
