/**
 * How the workbench and the reporter pages write numbers, sizes, places and times:
 * pure functions of their input and the language (no clock), so their edges are
 * tested. One place for each form, whichever view shows it.
 */
import type { Language } from '../i18n.js';

const numberLocale = (lng: Language) => (lng === 'zh' ? 'zh-CN' : 'en-GB');
const known = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n);

export const EXCERPT_CHARS = 200;

/** The first `max` characters (whole code points: a surrogate pair is never cut). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** A probability (0–1) as a whole percentage in the language's form; null when unknown. */
export function percent(p: number | null | undefined, lng: Language): string | null {
  if (!known(p)) return null;
  return new Intl.NumberFormat(numberLocale(lng), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(p);
}

/** A size for people: bytes, KB or MB (1 KB = 1024 bytes), in the language's digits. */
export function formatBytes(bytes: number, lng: Language): string {
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(numberLocale(lng), { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}

/** A distance: metres below a kilometre, else kilometres (one decimal below 10 km). */
export function distance(meters: number | null | undefined, lng: Language): string {
  if (!known(meters) || meters < 0) return '—';
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(numberLocale(lng), { maximumFractionDigits: digits }).format(v);
  if (meters < 1000) return `${fmt(Math.round(meters), 0)} m`;
  const km = meters / 1000;
  return `${fmt(km, km < 10 ? 1 : 0)} km`;
}

/** One coordinate in decimal degrees, five decimals (about a metre); `?` when unknown. */
export function coordinate(n: number | null | undefined): string {
  return known(n) ? n.toFixed(5) : '?';
}

/** A point, latitude first. */
export function coordinates(lat: number | null | undefined, lon: number | null | undefined) {
  return `${coordinate(lat)}, ${coordinate(lon)}`;
}

/** A log-odds weight with its sign (a true minus sign), two decimals. */
export function signed(weight: number): string {
  if (!Number.isFinite(weight)) return '—';
  const text = Math.abs(weight).toFixed(2);
  if (text === '0.00') return '0.00';
  return (weight > 0 ? '+' : '−') + text;
}

/** An instant in UTC as `2026-11-20 13:10:00` (a fraction of a second dropped); anything unreadable as it is. */
export function utcText(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

const utc = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
};

/**
 * A UTC interval: `2026-11-20 13:00:00Z – 13:10:00Z` (the date once when both ends
 * share it), one instant when they are equal, a dash when unknown.
 */
export function utcInterval(
  from: string | null | undefined,
  to: string | null | undefined,
): string {
  const a = from ? utc(from) : null;
  const b = to ? utc(to) : null;
  if (!a || !b) return a ?? b ?? '—';
  const [dateA, timeA] = a.split('T') as [string, string];
  const [dateB, timeB] = b.split('T') as [string, string];
  if (a === b) return `${dateA} ${timeA}`;
  return dateA === dateB ? `${dateA} ${timeA} – ${timeB}` : `${dateA} ${timeA} – ${dateB} ${timeB}`;
}

/**
 * The reporter's local reading as stored: `2026-11-20 21:10 – 21:20`, ISO's T as a
 * space, the end's date left out when it is the start's; a dash when there is none.
 */
export function localReading(local: string | null, localEnd: string | null = null): string {
  if (!local) return '—';
  const start = local.replace('T', ' ');
  if (!localEnd || localEnd === local) return start;
  const end = localEnd.replace('T', ' ');
  const [dateA] = start.split(' ');
  const [dateB, timeB] = end.split(' ');
  return dateA === dateB && timeB ? `${start} – ${timeB}` : `${start} – ${end}`;
}
