/**
 * How the incident view writes numbers, places and times: pure functions of their
 * input and the language (no clock), so their edges are tested.
 */
import type { Language } from '../i18n.js';

const numberLocale = (lng: Language) => (lng === 'zh' ? 'zh-CN' : 'en-GB');

/** A probability (0–1) as a whole percentage; a dash when unknown. */
export function percent(p: number | null | undefined, lng: Language): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return new Intl.NumberFormat(numberLocale(lng), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(p);
}

/** A distance: metres below a kilometre, else kilometres (one decimal below 10 km). */
export function distance(meters: number | null | undefined, lng: Language): string {
  if (meters === null || meters === undefined || !Number.isFinite(meters) || meters < 0) return '—';
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(numberLocale(lng), { maximumFractionDigits: digits }).format(v);
  if (meters < 1000) return `${fmt(Math.round(meters), 0)} m`;
  const km = meters / 1000;
  return `${fmt(km, km < 10 ? 1 : 0)} km`;
}

/** Decimal degrees, latitude first, five decimals (about a metre). */
export function coordinates(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** A log-odds weight with its sign (a true minus sign), two decimals. */
export function signed(weight: number): string {
  if (!Number.isFinite(weight)) return '—';
  const text = Math.abs(weight).toFixed(2);
  if (text === '0.00') return '0.00';
  return (weight > 0 ? '+' : '−') + text;
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

/** The reporter's local reading as stored: `2026-11-20 21:10 – 21:20`, ISO's T as a space. */
export function localReading(local: string | null, localEnd: string | null): string {
  if (!local) return '—';
  const start = local.replace('T', ' ');
  if (!localEnd || localEnd === local) return start;
  const end = localEnd.replace('T', ' ');
  const [dateA] = start.split(' ');
  const [dateB, timeB] = end.split(' ');
  return dateA === dateB && timeB ? `${start} – ${timeB}` : `${start} – ${end}`;
}
