/**
 * Zone arithmetic over plain numbers: the UTC offset of a zone at an instant, and
 * every UTC reading of a wall-clock time (one, two in a DST overlap, none in a DST
 * gap). "Local ms" is a wall-clock time written as if it were UTC epoch ms.
 * Also the interface of the coordinates → zone lookup that the shell passes in.
 */
import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

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

const zoneCache = new Map<string, IANAZone | null>();

function zone(name: string): IANAZone | null {
  let z = zoneCache.get(name);
  if (z === undefined) {
    z = IANAZone.isValidZone(name) ? IANAZone.create(name) : null;
    if (zoneCache.size < 10_000) zoneCache.set(name, z);
  }
  return z;
}

export function isZone(name: string): boolean {
  return zone(name) !== null;
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

/** UTC offset in minutes of `zoneName` at `utcMs`. */
export function offsetAt(zoneName: string, utcMs: number): number {
  const z = zone(zoneName);
  if (!z) throw new Error(`unknown zone ${zoneName}`);
  if (!Number.isFinite(utcMs)) return z.offset(utcMs);
  let hours = offsetCache.get(zoneName);
  if (hours === undefined) {
    hours = new Map();
    offsetCache.set(zoneName, hours);
  }
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = hours.get(hour);
  if (cached !== undefined) return cached;
  const first = z.offset(hour * HOUR_MS);
  if (first !== z.offset(hour * HOUR_MS + HOUR_MS - 1)) return z.offset(utcMs);
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
 * within two days.
 */
export function readLocal(localMs: number, zoneName: string): LocalReadings {
  const before = offsetAt(zoneName, localMs - DAY_MS);
  const after = offsetAt(zoneName, localMs + DAY_MS);
  const valid: LocalReading[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const at = localMs - o * MINUTE_MS;
    if (offsetAt(zoneName, at) === o) valid.push({ at, offsetMinutes: o });
  }
  if (valid.length === 1) return { kind: 'unique', readings: valid };
  if (valid.length === 2) return { kind: 'ambiguous', readings: valid.sort((a, b) => a.at - b.at) };
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

/** `2026-11-20T21:10:00` for local ms. */
export function formatLocal(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 19);
}

/** `UTC+05:45` for an offset in minutes. */
export function fixedZoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}
