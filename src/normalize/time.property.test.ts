/**
 * Never confidently wrong, as a property: a random event time, a random arrival up to
 * six days later at a random place, the event's local time written the way people
 * write it (English and Chinese, clock, weekday, day of the month, "N ago"), and the
 * reading must contain the event — or carry a flag saying it is uncertain.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FLAG } from '../domain/flags.js';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { normalizeTime } from './time.js';
import { createZoneFinder } from './zone-finder.js';

const zones = createZoneFinder();
const PLACES = [
  { lat: 34.261, lon: 108.9423, zone: 'Asia/Shanghai' },
  { lat: 40.7128, lon: -74.006, zone: 'America/New_York' },
  { lat: 51.5074, lon: -0.1278, zone: 'Europe/London' },
  { lat: -33.8688, lon: 151.2093, zone: 'Australia/Sydney' },
  { lat: 22.5726, lon: 88.3639, zone: 'Asia/Kolkata' },
];
const UNCERTAIN = new Set<string>([
  FLAG.time.partly_read,
  FLAG.time.ambiguous_date,
  FLAG.time.ambiguous_local,
  FLAG.time.nonexistent_local,
  FLAG.time.zone_disputed,
  FLAG.time.zone_mismatch,
  FLAG.time.zone_ambiguous,
]);
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_WEEKDAYS = '一二三四五六日';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const ordinal = (d: number) =>
  `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** How the event's local time `t` (arrival `now`) is written; null when the form does not fit. */
type Writer = (t: DateTime, now: DateTime) => string | null;

const h12 = (t: DateTime) =>
  `${t.hour % 12 === 0 ? 12 : t.hour % 12}:${pad(t.minute)} ${t.hour < 12 ? 'am' : 'pm'}`;
const daysBack = (t: DateTime, now: DateTime) =>
  Math.round(now.startOf('day').diff(t.startOf('day'), 'days').days);

/** 凌晨/早上/上午/中午/下午/晚上 with the 12-hour hour that part implies, or null. */
function zhPart(t: DateTime): string | null {
  const h = t.hour;
  const m = `${pad(t.minute)}分`;
  if (h >= 1 && h <= 5) return `凌晨${h}点${m}`;
  if (h >= 6 && h <= 7) return `早上${h}点${m}`;
  if (h >= 8 && h <= 11) return `上午${h}点${m}`;
  if (h === 12) return `中午12点${m}`;
  if (h >= 13 && h <= 17) return `下午${h - 12}点${m}`;
  if (h >= 18 && h <= 23) return `晚上${h - 12}点${m}`;
  return null;
}

const WRITERS: Record<string, Writer> = {
  'day month year at HH:MM': (t) =>
    `${t.day} ${MONTHS[t.month - 1]} ${t.year} at ${pad(t.hour)}:${pad(t.minute)}`,
  'weekday at h:mm am': (t, now) =>
    daysBack(t, now) <= 6 ? `${WEEKDAYS[t.weekday - 1]} at ${h12(t)}` : null,
  'yesterday at h:mm am': (t, now) => (daysBack(t, now) === 1 ? `yesterday at ${h12(t)}` : null),
  'today at HH:MM': (t, now) =>
    daysBack(t, now) === 0 ? `today at ${pad(t.hour)}:${pad(t.minute)}` : null,
  'the Nth at HH:MM': (t) => `on the ${ordinal(t.day)} at ${pad(t.hour)}:${pad(t.minute)}`,
  'N minutes ago': (t, now) => {
    const n = Math.round(now.diff(t, 'minutes').minutes);
    return n >= 1 && n <= 300 ? `${n} minutes ago` : null;
  },
  'N hours ago': (t, now) => {
    const n = Math.round(now.diff(t, 'hours').hours);
    return n >= 1 && n <= 48 ? `${n} hours ago` : null;
  },
  M月D日H点MM分: (t) => `${t.month}月${t.day}日${t.hour}点${pad(t.minute)}分`,
  '昨天+part': (t, now) => (daysBack(t, now) === 1 && zhPart(t) ? `昨天${zhPart(t)}` : null),
  '周X+part': (t, now) =>
    daysBack(t, now) <= 6 && zhPart(t) ? `周${ZH_WEEKDAYS[t.weekday - 1]}${zhPart(t)}` : null,
  'D号HH:MM': (t) => `${t.day}号${pad(t.hour)}:${pad(t.minute)}`,
  'N days ago at h:mm am': (t, now) => {
    const n = daysBack(t, now);
    return n >= 2 ? `${n} days ago at ${h12(t)}` : null;
  },
  'about h pm yesterday': (t, now) =>
    daysBack(t, now) === 1 && t.minute < 20
      ? `about ${t.hour % 12 === 0 ? 12 : t.hour % 12} ${t.hour < 12 ? 'am' : 'pm'} yesterday`
      : null,
  '前天+part': (t, now) => (daysBack(t, now) === 2 && zhPart(t) ? `前天${zhPart(t)}` : null),
  N分钟前: (t, now) => {
    const n = Math.round(now.diff(t, 'minutes').minutes);
    return n >= 1 && n <= 300 ? `${n}分钟前` : null;
  },
};

describe('a time written from the event itself is never confidently wrong', () => {
  it.each(Object.keys(WRITERS))('%s', (name) => {
    const write = WRITERS[name]!;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 60_000, max: 6 * 86_400_000 }),
        fc.constantFrom(...PLACES),
        (eventMs, delay, place) => {
          const event = Math.floor(eventMs / 60_000) * 60_000 + 17_000; // 17 s into its minute
          const arrival = event + delay;
          const t = DateTime.fromMillis(event, { zone: place.zone });
          const now = DateTime.fromMillis(arrival, { zone: place.zone });
          const text = write(t, now);
          if (text === null) return;
          const r = normalizeTime(
            { observedAt: text, receivedAt: arrival, point: place },
            NORMALIZE_DEFAULTS,
            { zones },
          );
          const covered = r.time !== null && r.time.from! <= event && event <= r.time.to!;
          const flagged = r.flags.some((f) => UNCERTAIN.has(f));
          expect(covered || flagged, `${text} (${place.zone}, arrival ${now.toISO()})`).toBe(true);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
