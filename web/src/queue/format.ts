/** Small text forms for the queue: excerpts, coordinates, sizes, a reporter's local reading. */

export const EXCERPT_CHARS = 200;

/** The first `max` characters (whole code points: a surrogate pair is never cut). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

export function formatCoord(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(5) : '?';
}

export function formatBytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A wall-clock reading `2026-11-20T21:15:00` as `2026-11-20 21:15:00`. */
export const localReading = (local: string) => local.replace('T', ' ');

/** `0.873` → `87 %`; null → null. */
export const percent = (p: number | null | undefined): string | null =>
  typeof p === 'number' && Number.isFinite(p) ? `${Math.round(p * 100)} %` : null;

/** An instant in UTC as `2026-11-20 13:10:00`; anything unreadable as it is. */
export function utcText(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}
