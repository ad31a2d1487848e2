/**
 * ISO 8601 UTC text of an epoch-ms time, as Date#toISOString writes it, without a
 * Date per call: a map answer writes two per single item and Date's formatting was
 * most of an answer's time. The date part is kept per day (a small cache); the time
 * of day is arithmetic. Outside years 1970–9999 it is Date's own.
 */
const DAY_MS = 86_400_000;
const MAX_MS = 253_402_300_800_000; // 10000-01-01
const CACHE_DAYS = 4096;
const days = new Map<number, string>();

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

export function isoTime(ms: number): string {
  if (!(ms >= 0 && ms < MAX_MS)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    if (days.size >= CACHE_DAYS) days.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 11);
    days.set(day, date);
  }
  let rest = Math.floor(ms) - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${date}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
}
