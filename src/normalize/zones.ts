/**
 * Zone arithmetic over plain numbers: the UTC offset of a zone at an instant, and
 * every UTC reading of a wall-clock time (one, two in a DST overlap, none in a DST
 * gap). "Local ms" is a wall-clock time written as if it were UTC epoch ms.
 * Also the interface of the coordinates → zone lookup that the shell passes in.
 *
 * Every function here is total over the instants a JS Date can hold and throws
 * `InstantOutOfRange` (never a bare `RangeError: Invalid time value`, never NaN)
 * for anything else, so the time core can turn it into an honest flag.
 */
import { FixedOffsetZone, IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** ECMAScript dates hold ±100,000,000 days around 1970; beyond, `new Date(ms)` is invalid. */
export const DATE_LIMIT_MS = 8.64e15;
/**
 * The latest instant (and, negated, the earliest) the normalize core reads or
 * returns: the Date range less two days, room for the day either side that
 * `readLocal` samples and for luxon, which rebuilds the wall clock (up to 14 h
 * further out) to find an offset. About 271,821 BC to AD 275,760.
 */
export const LATEST_INSTANT_MS = DATE_LIMIT_MS - 2 * DAY_MS;

/** An instant the zone arithmetic cannot hold: not finite, or beyond the Date range. */
export class InstantOutOfRange extends RangeError {
  constructor(readonly instant: number) {
    super('the instant lies outside the range of dates');
    this.name = 'InstantOutOfRange';
  }
}

/** Finite and within ±LATEST_INSTANT_MS: safe for every function here and for `toISOString`. */
export function isPlaceable(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= LATEST_INSTANT_MS;
}

function within(ms: number, limit: number): number {
  if (!(Math.abs(ms) <= limit)) throw new InstantOutOfRange(ms); // NaN fails too
  return ms;
}

/** 400 Gregorian years are exactly 146,097 days: one of them, on average, in ms. */
const GREGORIAN_YEAR_MS = (146_097 * DAY_MS) / 400;

/**
 * Epoch ms of a proleptic Gregorian calendar date (month 0-based; day and month
 * may overflow, as with Date.UTC). Unlike Date.UTC, years 0–99 are those years,
 * not 1900–1999; a date beyond the Date range is −∞ or +∞ (by the year's side),
 * never NaN, so a caller knows which way it fell out.
 */
export function utcDate(year: number, monthIndex: number, day = 1): number {
  if (!Number.isFinite(year) || !Number.isFinite(monthIndex) || !Number.isFinite(day)) {
    return Number.NaN;
  }
  // Date.UTC reads years 0–99 as 1900–1999: compute 400 years (146,097 days) later.
  const shift = year >= 0 && year <= 99 ? 400 : 0;
  const ms = Date.UTC(year + shift, monthIndex, day) - shift * GREGORIAN_YEAR_MS;
  if (Number.isFinite(ms)) return ms;
  // The sum is the date in years, near enough: beyond the Date range it is nowhere near 1970.
  // Stryker disable next-line EqualityOperator: equal to 1970 only for a date inside the range
  return year + monthIndex / 12 + day / 366 < 1970 ? -Infinity : Infinity;
}

/** Offsets in use on Earth: UTC−12 (Baker Island) to UTC+14 (Kiritimati). */
export const MIN_OFFSET_MINUTES = -12 * 60;
export const MAX_OFFSET_MINUTES = 14 * 60;

/** Zones at a point, from the shell's lookup (geo-tz, cross-checked by tz-lookup). */
export interface ZoneFinder {
  /**
   * The IANA zones at a point. `zones` are the authoritative answer (several at a
   * border or where timekeeping is disputed); `crossCheck` is an independent
   * lookup's answer, or null when it has none.
   */
  zonesAt(lat: number, lon: number): { zones: readonly string[]; crossCheck: string | null };
}

const zoneCache = new Map<string, IANAZone | FixedOffsetZone | null>();

/** `UTC+08:00`, `UTC-05:30` (fixedZoneName's form): a fixed offset, not an IANA name. */
const FIXED_ZONE = /^UTC[+-]\d{2}:\d{2}$/;

function zone(name: string): IANAZone | FixedOffsetZone | null {
  let z = zoneCache.get(name);
  // Stryker disable next-line ConditionalExpression: a cache; without it each call builds the zone again, with the same answer
  if (z === undefined) {
    z = IANAZone.isValidZone(name)
      ? IANAZone.create(name)
      : FIXED_ZONE.test(name)
        ? FixedOffsetZone.parseSpecifier(name)
        : null;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size bounds memory, never an answer
    if (zoneCache.size < 10_000) zoneCache.set(name, z);
  }
  return z;
}

/**
 * Whether `name` is an IANA zone name (`Asia/Shanghai`, `UTC`) that luxon can use:
 * the one zone check of the code base (the report schema and the settings use it too).
 * The offset arithmetic below also takes fixedZoneName's `UTC+08:00` (a zone written
 * in a report's text), which this does not accept.
 */
export function isIanaZone(name: string): boolean {
  return zone(name) instanceof IANAZone;
}

const HOUR_MS = 3_600_000;
/**
 * Offsets of whole UTC hours that contain no transition, per zone. luxon asks
 * Intl.DateTimeFormat each time (~2 µs); an hour whose first and last millisecond
 * have the same offset has no transition inside (zones change at most once an
 * hour), so its offset can be reused. Hours with a transition are never cached.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_HOURS_PER_ZONE = 100_000;

/**
 * UTC offset in minutes of `zoneName` at `utcMs` (within a day of the Date range's
 * ends: luxon needs the wall-clock time to be a valid Date too).
 */
export function offsetAt(zoneName: string, utcMs: number): number {
  const z = zone(zoneName);
  if (!z) throw new Error(`unknown zone ${zoneName}`);
  within(utcMs, DATE_LIMIT_MS - DAY_MS);
  let hours = offsetCache.get(zoneName);
  // Stryker disable next-line ConditionalExpression: a cache; a fresh one each call gives the same answers
  if (hours === undefined) {
    hours = new Map();
    offsetCache.set(zoneName, hours);
  }
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = hours.get(hour);
  // Stryker disable next-line ConditionalExpression: a cache; asking luxon again gives the same answer
  if (cached !== undefined) return cached;
  const first = z.offset(hour * HOUR_MS);
  // Stryker disable next-line ConditionalExpression: a guard; within() above keeps the hour inside the dates, where luxon's offset is finite
  if (!Number.isFinite(first)) throw new InstantOutOfRange(utcMs);
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: a cache; asking luxon for this very instant is always right, only slower (checking 1 ms into the next hour instead finds the same changes, and more)
  if (first !== z.offset(hour * HOUR_MS + HOUR_MS - 1)) return z.offset(utcMs);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size bounds memory, never an answer
  if (hours.size >= OFFSET_CACHE_HOURS_PER_ZONE) hours.clear();
  hours.set(hour, first);
  return first;
}

export interface LocalReading {
  at: number;
  offsetMinutes: number;
}

export interface LocalReadings {
  kind: 'unique' | 'ambiguous' | 'nonexistent';
  /** Sorted by `at`. One for `unique`; two otherwise (for a gap: the reading with each offset). */
  readings: LocalReading[];
}

/**
 * The UTC instants a wall-clock time names in a zone. Offsets are sampled a day
 * either side, which finds every transition but the (nonexistent) case of two
 * within two days. `localMs` must lie within ±LATEST_INSTANT_MS.
 */
export function readLocal(localMs: number, zoneName: string): LocalReadings {
  within(localMs, LATEST_INSTANT_MS);
  const before = offsetAt(zoneName, localMs - DAY_MS);
  const after = offsetAt(zoneName, localMs + DAY_MS);
  const valid: LocalReading[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const at = localMs - o * MINUTE_MS;
    if (offsetAt(zoneName, at) === o) valid.push({ at, offsetMinutes: o });
  }
  if (valid.length === 1) return { kind: 'unique', readings: valid };
  // An overlap is a fall back (before > after), so the reading with the earlier
  // offset is the earlier instant: `valid` is already in order.
  if (valid.length === 2) return { kind: 'ambiguous', readings: valid };
  // In a gap: neither offset maps back; both readings are what a clock could have meant.
  const readings = [
    { at: localMs - before * MINUTE_MS, offsetMinutes: before },
    { at: localMs - after * MINUTE_MS, offsetMinutes: after },
  ].sort((a, b) => a.at - b.at);
  return { kind: 'nonexistent', readings };
}

/** Wall-clock time of a UTC instant in a zone, as local ms. */
export function toLocal(utcMs: number, zoneName: string): number {
  return utcMs + offsetAt(zoneName, utcMs) * MINUTE_MS;
}

/** `2026-11-20T21:10:00` for local ms (`-000050-03-01T00:00:00`, `+012026-…` outside years 0–9999). */
export function formatLocal(localMs: number): string {
  const iso = new Date(within(localMs, DATE_LIMIT_MS)).toISOString();
  return iso.slice(0, iso.indexOf('.'));
}

/** `UTC+05:45` for an offset in minutes. */
export function fixedZoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  // Stryker disable next-line EqualityOperator: `<=` differs only at 0, returned above
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/**
 * The zone at a point and its offset at an instant, from a ZoneFinder: the shape
 * verify/media's `ZoneAt` takes (what a photo's GPS position says). Where the
 * authoritative zones disagree on the offset then (a disputed border: Asia/Urumqi and
 * Asia/Shanghai), or at an instant outside the dates, there is no one answer: null.
 */
export function pointZoneAt(
  finder: ZoneFinder,
): (lat: number, lon: number, utcMs: number) => { name: string; offsetMinutes: number } | null {
  return (lat, lon, utcMs) => {
    const zones = finder.zonesAt(lat, lon).zones.filter(isIanaZone);
    if (zones.length === 0 || !isPlaceable(utcMs)) return null;
    const offsets = new Set(zones.map((name) => offsetAt(name, utcMs)));
    return offsets.size === 1 ? { name: zones[0]!, offsetMinutes: [...offsets][0]! } : null;
  };
}
