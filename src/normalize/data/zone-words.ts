/**
 * Words that name a time zone inside a time phrase ("10pm EST", "Beijing time",
 * 北京时间), and what each one means. Read by `findTextZone` (../text-zone.ts).
 *
 * A meaning is one or more readings: an IANA zone (its offset follows the zone's
 * rules, DST included) or a fixed UTC offset in minutes. A standard- or
 * daylight-time abbreviation of a zone that changes clocks ("EST", "CEST") is a
 * fixed offset, but people say "EST" all year for New York's local time, so it
 * also carries that zone as its "loose" zone. Offsets are those in use today.
 */
import type { ZoneReading } from '../text-zone.js';

export interface ZoneMeaning {
  readonly readings: readonly ZoneReading[];
  /** Parallel to `readings`: the IANA zone a loosely used abbreviation stands for, or null. */
  readonly looseZones: readonly (string | null)[];
  /** A way of writing time (UTC, GMT, Z), not a claim about the local zone of the place. */
  readonly universal: boolean;
}

/** An IANA zone, named (Beijing time, 北京时间). */
const iana = (zone: string): ZoneMeaning => ({
  readings: [{ kind: 'iana', zone }],
  looseZones: [null],
  universal: false,
});

/** A fixed offset in minutes; `loose` is the zone that changes clocks whose abbreviation it is. */
const fixed = (offsetMinutes: number, loose: string | null = null): ZoneMeaning => ({
  readings: [{ kind: 'fixed', offsetMinutes }],
  looseZones: [loose],
  universal: false,
});

/** Several zones in use under the same words: each as [offset, loose zone]. */
const several = (...meanings: [number, string | null][]): ZoneMeaning => ({
  readings: meanings.map(([offsetMinutes]) => ({ kind: 'fixed', offsetMinutes })),
  looseZones: meanings.map(([, loose]) => loose),
  universal: false,
});

/** UTC, GMT, Z and their names: universal time, offset 0. */
export const UNIVERSAL: ZoneMeaning = {
  readings: [{ kind: 'fixed', offsetMinutes: 0 }],
  looseZones: [null],
  universal: true,
};

const NEW_YORK = 'America/New_York';
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver';
const LOS_ANGELES = 'America/Los_Angeles';
const HALIFAX = 'America/Halifax';
const LONDON = 'Europe/London';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';

/**
 * Abbreviations, matched as whole words exactly as written here (uppercase).
 * UTC and GMT are read with their offsets elsewhere (text-zone.ts).
 */
export const ABBREVIATIONS: Readonly<Record<string, ZoneMeaning>> = {
  UT: UNIVERSAL, // Universal Time
  // North America
  EST: fixed(-300, NEW_YORK), // Eastern Standard Time
  EDT: fixed(-240, NEW_YORK), // Eastern Daylight Time
  // Central Standard Time: US Central −6, China +8 (no DST), Cuba −5
  CST: several([-360, CHICAGO], [480, null], [-300, 'America/Havana']),
  CDT: fixed(-300, CHICAGO), // (US) Central Daylight Time
  MST: fixed(-420, DENVER), // Mountain Standard Time (Arizona keeps it all year)
  MDT: fixed(-360, DENVER), // Mountain Daylight Time
  PST: fixed(-480, LOS_ANGELES), // Pacific Standard Time
  PDT: fixed(-420, LOS_ANGELES), // Pacific Daylight Time
  AKST: fixed(-540, 'America/Anchorage'), // Alaska Standard Time
  AKDT: fixed(-480, 'America/Anchorage'), // Alaska Daylight Time
  HST: fixed(-600), // Hawaii Standard Time (no DST)
  AST: several([-240, HALIFAX], [180, null]), // Atlantic Standard Time −4; Arabia Standard Time +3
  ADT: fixed(-180, HALIFAX), // Atlantic Daylight Time
  NST: fixed(-210, 'America/St_Johns'), // Newfoundland Standard Time
  NDT: fixed(-150, 'America/St_Johns'), // Newfoundland Daylight Time
  // Europe
  WET: fixed(0, 'Europe/Lisbon'), // Western European Time
  WEST: fixed(60, 'Europe/Lisbon'), // Western European Summer Time
  CET: fixed(60, BERLIN), // Central European Time
  CEST: fixed(120, BERLIN), // Central European Summer Time
  EET: fixed(120, 'Europe/Athens'), // Eastern European Time
  EEST: fixed(180, 'Europe/Athens'), // Eastern European Summer Time
  MSK: fixed(180), // Moscow Time (no DST since 2014)
  BST: several([60, LONDON], [360, null]), // British Summer Time +1; Bangladesh Standard Time +6
  // Irish Standard Time +1 (Ireland's summer time); India +5:30; Israel Standard Time +2
  IST: several([330, null], [60, 'Europe/Dublin'], [120, 'Asia/Jerusalem']),
  // Asia and Oceania
  PKT: fixed(300), // Pakistan Standard Time
  NPT: fixed(345), // Nepal Time
  ICT: fixed(420), // Indochina Time
  WIB: fixed(420), // Waktu Indonesia Barat (western Indonesia)
  HKT: fixed(480), // Hong Kong Time
  SGT: fixed(480), // Singapore Time
  PHT: fixed(480), // Philippine Time
  AWST: fixed(480), // Australian Western Standard Time (Perth, no DST)
  JST: fixed(540), // Japan Standard Time
  KST: fixed(540), // Korea Standard Time
  ACST: fixed(570, 'Australia/Adelaide'), // Australian Central Standard Time
  ACDT: fixed(630, 'Australia/Adelaide'), // Australian Central Daylight Time
  AEST: fixed(600, SYDNEY), // Australian Eastern Standard Time
  AEDT: fixed(660, SYDNEY), // Australian Eastern Daylight Time
  NZST: fixed(720, 'Pacific/Auckland'), // New Zealand Standard Time
  NZDT: fixed(780, 'Pacific/Auckland'), // New Zealand Daylight Time
  // Africa and South America
  SAST: fixed(120), // South Africa Standard Time
  EAT: fixed(180), // East Africa Time
  WAT: fixed(60), // West Africa Time
  CAT: fixed(120), // Central Africa Time
  ART: fixed(-180), // Argentina Time
  BRT: fixed(-180), // Brasília Time
  // US zones by their short names: the zone itself, DST included
  ET: iana(NEW_YORK), // Eastern Time
  CT: iana(CHICAGO), // Central Time
  MT: iana(DENVER), // Mountain Time
  PT: iana(LOS_ANGELES), // Pacific Time
};

/**
 * Abbreviations also read in lowercase: those that are not English words. Many
 * are words elsewhere (Latin and French "est", German "ist"), so lowercase ones
 * count only right after a clock time ("10pm est", "21:10 ist").
 */
export const LOWERCASE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'est',
  'edt',
  'pst',
  'pdt',
  'cst',
  'cdt',
  'mst',
  'mdt',
  'jst',
  'kst',
  'cet',
  'cest',
  'bst',
  'ist',
  'hkt',
  'sgt',
  'aest',
  'aedt',
  'msk',
]);

/** English names, matched in any case as whole words (words apart by white space). */
export const NAMES_EN: Readonly<Record<string, ZoneMeaning>> = {
  'beijing time': iana('Asia/Shanghai'),
  'ny time': iana(NEW_YORK),
  'nyc time': iana(NEW_YORK),
  'new york time': iana(NEW_YORK),
  'la time': iana('America/Los_Angeles'),
  'los angeles time': iana('America/Los_Angeles'),
  'chicago time': iana(CHICAGO),
  'shanghai time': iana('Asia/Shanghai'),
  'delhi time': iana('Asia/Kolkata'),
  'china time': iana('Asia/Shanghai'),
  'china standard time': iana('Asia/Shanghai'),
  'eastern time': iana(NEW_YORK),
  'eastern standard time': fixed(-300, NEW_YORK),
  'eastern daylight time': fixed(-240, NEW_YORK),
  'central time': iana(CHICAGO),
  'central standard time': fixed(-360, CHICAGO),
  'central daylight time': fixed(-300, CHICAGO),
  'mountain time': iana(DENVER),
  'mountain standard time': fixed(-420, DENVER),
  'mountain daylight time': fixed(-360, DENVER),
  'pacific time': iana(LOS_ANGELES),
  'pacific standard time': fixed(-480, LOS_ANGELES),
  'pacific daylight time': fixed(-420, LOS_ANGELES),
  'tokyo time': iana('Asia/Tokyo'),
  'japan time': iana('Asia/Tokyo'),
  'japan standard time': iana('Asia/Tokyo'),
  'korea time': iana('Asia/Seoul'),
  'korea standard time': iana('Asia/Seoul'),
  'seoul time': iana('Asia/Seoul'),
  'india time': iana('Asia/Kolkata'),
  'india standard time': iana('Asia/Kolkata'),
  'indian standard time': iana('Asia/Kolkata'),
  'moscow time': iana('Europe/Moscow'),
  'london time': iana(LONDON),
  'uk time': iana(LONDON),
  'british time': iana(LONDON),
  'british summer time': fixed(60, LONDON),
  'paris time': iana('Europe/Paris'),
  'berlin time': iana(BERLIN),
  'central european time': iana(BERLIN),
  'central european summer time': fixed(120, BERLIN),
  'hong kong time': iana('Asia/Hong_Kong'),
  'singapore time': iana('Asia/Singapore'),
  'sydney time': iana(SYDNEY),
  'greenwich mean time': UNIVERSAL,
  'coordinated universal time': UNIVERSAL,
  'universal time': UNIVERSAL,
  'zulu time': UNIVERSAL,
};

/**
 * Chinese names (simplified; the traditional spelling of each is read too, see
 * `ZH_TRADITIONAL`). 东八区 and the other numbered zones are read by rule
 * (text-zone.ts). 当地时间 ("local time") is deliberately absent: it names no zone.
 */
const NAMES_ZH_SIMPLIFIED: Readonly<Record<string, ZoneMeaning>> = {
  北京时间: iana('Asia/Shanghai'),
  中国时间: iana('Asia/Shanghai'),
  中国标准时间: iana('Asia/Shanghai'),
  格林尼治时间: UNIVERSAL, // Greenwich (Mean) Time
  格林威治时间: UNIVERSAL,
  格林尼治标准时间: UNIVERSAL,
  格林威治标准时间: UNIVERSAL,
  世界时: UNIVERSAL, // Universal Time
  协调世界时: UNIVERSAL, // Coordinated Universal Time
  世界协调时: UNIVERSAL,
  世界标准时间: UNIVERSAL,
  UTC时间: UNIVERSAL,
  GMT时间: UNIVERSAL,
  零时区: fixed(0), // the zone at 0°: an offset, not a way of writing time
  中时区: fixed(0), // the same ("the middle zone")
  东京时间: iana('Asia/Tokyo'),
  日本时间: iana('Asia/Tokyo'),
  韩国时间: iana('Asia/Seoul'),
  首尔时间: iana('Asia/Seoul'),
  香港时间: iana('Asia/Hong_Kong'),
  台北时间: iana('Asia/Taipei'),
  台湾时间: iana('Asia/Taipei'),
  新加坡时间: iana('Asia/Singapore'),
  美东时间: iana(NEW_YORK), // US Eastern
  美国东部时间: iana(NEW_YORK),
  纽约时间: iana(NEW_YORK),
  美中时间: iana(CHICAGO), // US Central
  美国中部时间: iana(CHICAGO),
  美西时间: iana(LOS_ANGELES), // US Pacific
  美国西部时间: iana(LOS_ANGELES),
  太平洋时间: iana(LOS_ANGELES),
  洛杉矶时间: iana(LOS_ANGELES),
  伦敦时间: iana(LONDON),
  英国时间: iana(LONDON),
  莫斯科时间: iana('Europe/Moscow'),
  悉尼时间: iana(SYDNEY),
  印度时间: iana('Asia/Kolkata'),
  新德里时间: iana('Asia/Kolkata'),
  巴黎时间: iana('Europe/Paris'),
  柏林时间: iana(BERLIN),
};

/** Simplified → traditional characters, for the words above (时间 → 時間, 东 → 東 …). */
export const ZH_TRADITIONAL: Readonly<Record<string, string>> = {
  时: '時',
  间: '間',
  东: '東',
  区: '區',
  国: '國',
  韩: '韓',
  尔: '爾',
  伦: '倫',
  湾: '灣',
  协: '協',
  调: '調',
  标: '標',
  准: '準',
  矶: '磯',
  纽: '紐',
  约: '約',
};

/** `word` in traditional characters. */
export function toTraditional(word: string): string {
  return [...word].map((c) => ZH_TRADITIONAL[c] ?? c).join('');
}

/** The Chinese names in both spellings. */
export const NAMES_ZH: Readonly<Record<string, ZoneMeaning>> = Object.fromEntries(
  Object.entries(NAMES_ZH_SIMPLIFIED).flatMap(([word, meaning]) => [
    [word, meaning],
    [toTraditional(word), meaning],
  ]),
);


/** IANA names written in the text that mean universal time, not a place (Etc/UTC). */
export const UNIVERSAL_IANA: ReadonlySet<string> = new Set([
  'Etc/UTC',
  'Etc/UCT',
  'Etc/GMT',
  'Etc/GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'Etc/Greenwich',
  'Etc/Universal',
  'Etc/Zulu',
]);
