/**
 * A time zone written inside a time phrase: "10pm EST", "21:10 UTC+8",
 * "13:10Z", "Beijing time", 北京时间, 东八区, "Asia/Shanghai". The words and
 * their meanings are in data/zone-words.ts; this file reads them.
 *
 * Rules (what a reading means):
 * - The first zone by position in the text is the answer; where two readings
 *   start at the same place, the longer wins ("UTC+8" over "UTC", "UTC时间" over
 *   "UTC"). Words that look like a zone but are not one (an offset out of range,
 *   "est" that is not after a clock time) are skipped and the search goes on.
 * - UTC, GMT, Z and their names are universal: a way of writing time, offset 0,
 *   not a claim about the local zone of the place. An offset ("UTC+8", "GMT-3",
 *   "21:10 +0800") states a local offset: fixed, not universal, even "UTC+0".
 * - An offset is read only within the offsets in use, UTC−12:00 … UTC+14:00,
 *   with minutes below 60; otherwise the words are no zone at all ("UTC+15" is
 *   neither UTC+15 nor UTC).
 * - Abbreviations count only as whole words, in uppercase as written; those that
 *   are no English word also in lowercase, but then only right after a clock
 *   time ("10pm est", not "id est").
 * - "local time" and 当地时间 name no zone: they are not read.
 *
 * Every pattern either has bounded repetition or repeats over characters that the
 * text after it cannot start with, so a scan is linear in the length of the text.
 */
import {
  ABBREVIATIONS,
  LOWERCASE_ABBREVIATIONS,
  NAMES_EN,
  NAMES_ZH,
  UNIVERSAL,
  UNIVERSAL_IANA,
  type ZoneMeaning,
} from './data/zone-words.js';
import { zhNumber } from './zh-number.js';
import { isIanaZone, MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES } from './zones.js';

export type ZoneReading =
  /** An IANA zone; its offset follows DST ('America/New_York' for "Eastern Time"). */
  | { kind: 'iana'; zone: string }
  /** A fixed UTC offset in minutes (+480 for "GMT+8", −300 for "EST"). */
  | { kind: 'fixed'; offsetMinutes: number };

export interface TextZone {
  /**
   * Where the zone words are in the text passed in (UTF-16 index and length), so the
   * caller can blank them out. Brackets that hold nothing but the zone are part of
   * it: "(UTC+8)", （北京时间）.
   */
  index: number;
  length: number;
  /** The words as written (`text.slice(index, index + length)`). */
  text: string;
  /** Every zone these words can mean; more than one only when `ambiguous`. */
  readings: ZoneReading[];
  /** UTC, Z, GMT, Zulu, 格林尼治时间, 世界时, 协调世界时, UTC时间: a way of writing time, not a claim about the local zone of the place. */
  universal: boolean;
  /** The words name several zones in use (CST: US Central −6, China +8, Cuba −5; IST; BST; AST). */
  ambiguous: boolean;
  /**
   * Parallel to `readings`: for a standard- or daylight-time abbreviation of a zone
   * that changes clocks (EST, PDT, CET, AEST …), that zone, because people say
   * "EST" all year for New York's local time; otherwise null.
   */
  looseZones: (string | null)[];
}

/** Zone words found: where, and what they mean. */
interface Found {
  index: number;
  length: number;
  meaning: ZoneMeaning;
}

/** Reads one match of a scanner's pattern; null when the words are not a zone after all. */
type Reader = (m: RegExpExecArray, text: string) => Found | null;

interface Scanner {
  /** Global ('g'): the scan walks it through the text. */
  pattern: RegExp;
  read: Reader;
  /** The scan of a text gives up after this many matches that are not zones (each costly); unbounded if absent. */
  maxMisses?: number;
}

const found = (index: number, length: number, meaning: ZoneMeaning): Found => ({
  index,
  length,
  meaning,
});

const fixedMeaning = (offsetMinutes: number): ZoneMeaning => ({
  readings: [{ kind: 'fixed', offsetMinutes }],
  looseZones: [null],
  universal: false,
});

// ---------------------------------------------------------------- word boundaries

/**
 * What a zone word may not continue: a letter or mark of a script that puts spaces
 * between words, or '_'. Chinese, Japanese and Korean letters are no such letter:
 * "10点EST", 晚上10点UTC+8 and "UTC时间" hold a zone.
 */
const LETTER = '(?:(?![\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}])[\\p{L}\\p{M}_])';
/** LETTER or a digit. */
const WORD = `(?:${LETTER}|\\p{N})`;
const LETTER_CHAR = new RegExp(`^${LETTER}$`, 'u');

/**
 * The end of a clock time, then at most two spaces: "21:10", "10pm", "10 a.m.",
 * noon, midnight. `military` adds four digits ("1310 Zulu").
 */
const CLOCK_BEFORE = /(?:\d:\d{2}|\d\s?[ap]\.?m\.?|\bnoon|\bmidnight)\s{0,2}$/i;
const CLOCK_OR_MILITARY_BEFORE =
  /(?:\d:\d{2}|\d\s?[ap]\.?m\.?|(?<!\d)\d{4}|\bnoon|\bmidnight)\s{0,2}$/i;

/** Whether a clock time ends just before `index` (looking back a bounded window). */
function afterClock(text: string, index: number, military = false): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  return (military ? CLOCK_OR_MILITARY_BEFORE : CLOCK_BEFORE).test(before);
}

/**
 * Whether the words at `index` start a word of their own: no LETTER just before, and
 * a digit just before only as the end of a clock time ("21:10UTC", "10:00EST").
 */
function startsWord(text: string, index: number): boolean {
  const before = text.charAt(index - 1);
  if (LETTER_CHAR.test(before)) return false;
  return !/\d/.test(before) || afterClock(text, index);
}

// ---------------------------------------------------------------- offsets

/** '+' is east of Greenwich; hyphen, minus sign (U+2212) and en dash (U+2013) west. */
const SIGNS = '+\\-\u2212\u2013';

/**
 * The minutes of an offset written as `8`, `08`, `8:45`, `08:00` or `0800`, signed;
 * null for any other form, minutes of 60 or more, or an offset beyond
 * UTC−12:00 … UTC+14:00.
 */
function offsetMinutes(sign: string, digits: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$|^(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const hours = Number(m[1] ?? m[3]);
  const minutes = Number(m[2] ?? m[4] ?? 0);
  if (minutes >= 60) return null;
  const total = hours * 60 + minutes;
  const signed = sign === '+' ? total : -total;
  if (signed < MIN_OFFSET_MINUTES || signed > MAX_OFFSET_MINUTES) return null;
  return signed === 0 ? 0 : signed; // never −0
}

/** After UTC or GMT: an optional space, a sign, an optional space, the offset's digits. */
const OFFSET_AFTER = new RegExp(`[ \\t]?([${SIGNS}])[ \\t]?(\\d[\\d:]*)`, 'y');

/**
 * UTC and GMT (uppercase or lowercase), alone (universal) or with an offset (fixed).
 * Not inside a word or an IANA name ("Etc/GMT-8" is read as an IANA name), and not
 * followed by digits ("UTC8" is no form of ours). An offset that is not one
 * ("UTC+15", "GMT+5:75", "UTC+800") makes the words no zone at all.
 */
const UTC_OR_GMT: Scanner = {
  pattern: new RegExp(`(?<!${LETTER}|/)(?:UTC|GMT|utc|gmt)(?!${WORD})`, 'gu'),
  read(m, text) {
    if (!startsWord(text, m.index)) return null;
    const end = m.index + m[0].length;
    OFFSET_AFTER.lastIndex = end;
    const offset = OFFSET_AFTER.exec(text);
    if (!offset) return found(m.index, m[0].length, UNIVERSAL);
    const minutes = offsetMinutes(offset[1]!, offset[2]!);
    if (minutes === null) return null;
    return found(m.index, end - m.index + offset[0].length, fixedMeaning(minutes));
  },
};

/**
 * An offset directly after a clock time: "21:10 +0800", "21:10+08:00",
 * "2026-11-20T21:10:00-05:00". Two digits of hours and two of minutes, with or
 * without a colon. A hyphen or en dash joined to an "hh:mm" clock and followed by
 * "hh:mm" is a range of times ("21:10-05:00", a night shift), not an offset;
 * with seconds ("21:10:00-05:00"), a space before the sign ("21:10 -05:00") or
 * without the colon ("21:10-0500") it is an offset.
 */
const OFFSET_AFTER_CLOCK: Scanner = {
  pattern: new RegExp(
    `(?<!\\d)(\\d{1,2}:\\d{2}(:\\d{2}(?:[.,]\\d{1,9})?)?)(\\s?)([${SIGNS}])(\\d{2})(:?)(\\d{2})(?![\\d:])`,
    'gu',
  ),
  read(m) {
    const [, clock, seconds, space, sign, hours, colon, minutes] = m;
    const range = (sign === '-' || sign === '\u2013') && !seconds && !space && colon === ':';
    if (range) return null;
    const offset = offsetMinutes(sign!, `${hours}${minutes}`);
    if (offset === null) return null;
    const index = m.index + clock!.length + space!.length;
    return found(index, m.index + m[0].length - index, fixedMeaning(offset));
  },
};

// ---------------------------------------------------------------- Z and Zulu

/**
 * Z or z directly after a clock time: "13:10Z", "T13:10:05.250Z", ISO basic
 * "T1310Z" and "T131005Z"; never followed by a letter or digit.
 */
const ZULU_LETTER: Scanner = {
  pattern: new RegExp(
    `(?<=\\d:\\d{2}|\\d:\\d{2}[.,]\\d{1,9}|T\\d{4}|T\\d{6})[Zz](?!${WORD})`,
    'gu',
  ),
  read: (m) => found(m.index, 1, UNIVERSAL),
};

/** "Zulu" (any case) only after a clock time: alone, it is also a people and a language. */
const ZULU_WORD: Scanner = {
  pattern: new RegExp(`(?<!${WORD})(?:Zulu|ZULU|zulu)(?!${WORD})`, 'gu'),
  read: (m, text) => (afterClock(text, m.index, true) ? found(m.index, 4, UNIVERSAL) : null),
};

// ---------------------------------------------------------------- abbreviations

/**
 * A whole word of two to five ASCII letters, looked up in the table: uppercase as
 * written, or one of the lowercase ones right after a clock time. A digit may
 * come just before only as the end of a clock time ("10:00EST").
 */
const ABBREVIATION: Scanner = {
  pattern: new RegExp(`(?<!${LETTER})[A-Za-z]{2,5}(?!${WORD})`, 'gu'),
  read(m, text) {
    const word = m[0];
    const upper = word.toUpperCase();
    const lower = word === word.toLowerCase();
    if (word !== upper && !(lower && LOWERCASE_ABBREVIATIONS.has(word))) return null;
    if (!Object.hasOwn(ABBREVIATIONS, upper)) return null;
    if (!startsWord(text, m.index) || (lower && !afterClock(text, m.index))) return null;
    return found(m.index, word.length, ABBREVIATIONS[upper]!);
  },
};

// ---------------------------------------------------------------- names

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest first, so that an alternation tries "China Standard Time" before a shorter name. */
const longestFirst = (words: string[]): string[] => [...words].sort((a, b) => b.length - a.length);

/**
 * English names, any case, as whole words; the words may be apart by up to three
 * white-space characters, and " zone" after the name is part of it ("Eastern
 * Time Zone").
 */
const NAME_EN: Scanner = {
  pattern: new RegExp(
    `(?<!${WORD})(${longestFirst(Object.keys(NAMES_EN))
      .map((name) => escapeRegExp(name).replaceAll(' ', '\\s{1,3}'))
      .join('|')})(?:\\s{1,3}zone)?(?!${WORD})`,
    'giu',
  ),
  read(m) {
    const name = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    // Stryker disable next-line ConditionalExpression: only a case-folded look-alike letter (U+212A KELVIN SIGN for k) matches the pattern but not the table
    if (!Object.hasOwn(NAMES_EN, name)) return null;
    return found(m.index, m[0].length, NAMES_EN[name]!);
  },
};

/**
 * Chinese names, in simplified or traditional characters. Han text has no
 * spaces between words, so there is no word boundary to ask for; a name that
 * starts with Latin letters ("UTC时间") must not continue a Latin word.
 */
const NAME_ZH: Scanner = {
  pattern: new RegExp(longestFirst(Object.keys(NAMES_ZH)).map(escapeRegExp).join('|'), 'giu'),
  read(m, text) {
    if (/^[A-Za-z]/.test(m[0]) && !startsWord(text, m.index)) return null;
    const key = m[0].toUpperCase(); // the table has "UTC时间"; "utc时间" is read too
    // Stryker disable next-line ConditionalExpression: a guard; every match, upper-cased, is in the table
    if (!Object.hasOwn(NAMES_ZH, key)) return null;
    return found(m.index, m[0].length, NAMES_ZH[key]!);
  },
};

/**
 * The numbered zones of the Chinese reckoning: 东八区 (east, +8), 西五区 (west, −5),
 * 1 to 12 in Chinese or Arabic numerals, 时区 for 区, and 时间 after it: 东八区时间,
 * 東8區, 东八时区. Fixed offsets, whole hours.
 */
const NUMBERED_ZONE_ZH: Scanner = {
  pattern: /([东東西])(十[一二]?|[一二三四五六七八九]|1[0-2]|[1-9])[时時]?[区區](?:时间|時間)?/gu,
  read(m) {
    const [, side, number] = m;
    const hours = zhNumber(number!)!.min;
    return found(m.index, m[0].length, fixedMeaning((side === '西' ? -60 : 60) * hours));
  },
};

// ---------------------------------------------------------------- IANA names

/** The areas of the IANA names with a slash (and the old country links: US/Eastern). */
const IANA_AREAS = [
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
  'Etc',
  'US',
  'Canada',
  'Mexico',
  'Brazil',
  'Chile',
];
/** The longest IANA name has 32 characters; a longer run is not asked about (nor cached). */
const LONGEST_IANA_NAME = 40;
/**
 * Asking the zone data about a name that is not a zone costs tens of µs once the
 * zone cache (zones.ts) is full: a text may make us ask this many times, no more
 * (the eighth name that is not a zone ends the search for IANA names).
 */
const IANA_QUESTIONS = 8;

/**
 * An IANA name written in the text ("Asia/Shanghai", "America/Argentina/Buenos_Aires",
 * "Etc/GMT-8"), as written; only one the zone data knows. The ones for UTC
 * itself ("Etc/UTC") are universal. After IANA_QUESTIONS names that are not
 * zones ("Asia/Beijing"), the rest of the text is not searched for an IANA name
 * (the other forms still are).
 */
const IANA_NAME: Scanner = {
  pattern: new RegExp(`(?<!${WORD}|/)(?:${IANA_AREAS.join('|')})(?:\\/[A-Za-z0-9_+-]+)+`, 'gu'),
  maxMisses: IANA_QUESTIONS,
  read(m, text) {
    const zone = m[0];
    // The pattern took every ASCII letter and digit: only another letter can follow.
    if (LETTER_CHAR.test(text.charAt(m.index + zone.length))) return null;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: no name that long is a zone; the guard only spares the zone data (and its cache) the question
    if (zone.length > LONGEST_IANA_NAME || !isIanaZone(zone)) return null;
    const meaning: ZoneMeaning = UNIVERSAL_IANA.has(zone)
      ? { ...UNIVERSAL, readings: [{ kind: 'iana', zone }] }
      : { readings: [{ kind: 'iana', zone }], looseZones: [null], universal: false };
    return found(m.index, zone.length, meaning);
  },
};

const SCANNERS: readonly Scanner[] = [
  UTC_OR_GMT,
  OFFSET_AFTER_CLOCK,
  ZULU_LETTER,
  ZULU_WORD,
  ABBREVIATION,
  NAME_EN,
  NAME_ZH,
  NUMBERED_ZONE_ZH,
  IANA_NAME,
];

// ---------------------------------------------------------------- the scan

/**
 * The first zone a scanner reads in `text` starting no later than `limit`, or null.
 * A match that is not a zone is passed over one character at a time, so a zone
 * that starts inside it is still seen; the scan gives up after `maxMisses` of them.
 */
function firstOf(scanner: Scanner, text: string, limit: number): Found | null {
  const { pattern, read, maxMisses = Infinity } = scanner;
  pattern.lastIndex = 0;
  let misses = 0;
  for (let m = pattern.exec(text); m !== null && m.index <= limit; m = pattern.exec(text)) {
    const f = read(m, text);
    if (f) return f;
    misses += 1;
    if (misses >= maxMisses) return null;
    pattern.lastIndex = m.index + 1;
  }
  return null;
}

const OPENING = new Set(['(', '（']);
const CLOSING = new Set([')', '）']);

/** The first zone written in `text` (any case; the original text, not lowercased), or null. */
export function findTextZone(text: string): TextZone | null {
  let best: Found | null = null;
  for (const scanner of SCANNERS) {
    const f = firstOf(scanner, text, best ? best.index : text.length);
    if (!f) continue;
    if (!best || f.index < best.index || (f.index === best.index && f.length > best.length)) {
      best = f;
    }
  }
  if (!best) return null;
  let { index, length } = best;
  if (OPENING.has(text.charAt(index - 1)) && CLOSING.has(text.charAt(index + length))) {
    index -= 1;
    length += 2;
  }
  const { readings, looseZones, universal } = best.meaning;
  return {
    index,
    length,
    text: text.slice(index, index + length),
    readings: readings.map((r) => ({ ...r })),
    universal,
    ambiguous: readings.length > 1,
    looseZones: [...looseZones],
  };
}
