// Throwaway-style generator for the time-phrase ground-truth corpus.
// It uses ONLY luxon and suncalc (never tipwire code): every window below is computed from the
// analyst conventions in README.md, then written to places.json and phrases.json.
// The JSON files are the source of truth; this script documents how they were produced.
//
//   node test/time-corpus/build-windows.mjs          # rewrite the JSON files
//   npx prettier --write test/time-corpus/           # then format them as the repository does
//   node test/time-corpus/build-windows.mjs --check  # recompute and compare with the committed JSON
import { DateTime } from 'luxon';
import * as SunCalc from 'suncalc';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------
const PLACES = {
  xian: { lat: 34.261, lon: 108.9423, zone: 'Asia/Shanghai', name: "Xi'an, Shaanxi, China" },
  beijing: { lat: 39.9042, lon: 116.4074, zone: 'Asia/Shanghai', name: 'Beijing, China' },
  newyork: { lat: 40.7128, lon: -74.006, zone: 'America/New_York', name: 'New York City, USA' },
  london: { lat: 51.5074, lon: -0.1278, zone: 'Europe/London', name: 'London, UK' },
  sydney: { lat: -33.8688, lon: 151.2093, zone: 'Australia/Sydney', name: 'Sydney, Australia' },
  kolkata: { lat: 22.5726, lon: 88.3639, zone: 'Asia/Kolkata', name: 'Kolkata, India' },
  tokyo: { lat: 35.6762, lon: 139.6503, zone: 'Asia/Tokyo', name: 'Tokyo, Japan' },
  losangeles: {
    lat: 34.0522,
    lon: -118.2437,
    zone: 'America/Los_Angeles',
    name: 'Los Angeles, USA',
  },
  berlin: { lat: 52.52, lon: 13.405, zone: 'Europe/Berlin', name: 'Berlin, Germany' },
  chicago: { lat: 41.8781, lon: -87.6298, zone: 'America/Chicago', name: 'Chicago, USA' },
  reykjavik: {
    lat: 64.1466,
    lon: -21.9426,
    zone: 'Atlantic/Reykjavik',
    name: 'Reykjavik, Iceland',
  },
};

// ---------------------------------------------------------------------------------------------
// Arrivals: [place, local wall time of arrival, expected weekday] or a null place with a UTC
// instant and (optionally) the report's own timezone field.
// ---------------------------------------------------------------------------------------------
const ARRIVALS = {
  X1: { place: 'xian', local: '2026-11-21T12:00', wd: 'Sat' },
  X2: { place: 'xian', local: '2026-11-21T04:30', wd: 'Sat' },
  X3: { place: 'xian', local: '2026-11-23T09:00', wd: 'Mon' },
  X4: { place: 'xian', local: '2026-12-02T10:00', wd: 'Wed' },
  X5: { place: 'xian', local: '2026-11-18T20:00', wd: 'Wed' },
  X6: { place: 'xian', local: '2026-11-22T16:00', wd: 'Sun' },
  B1: { place: 'beijing', local: '2026-11-22T20:30', wd: 'Sun' },
  B2: { place: 'beijing', local: '2026-12-01T08:30', wd: 'Tue' },
  B3: { place: 'beijing', local: '2026-11-19T15:00', wd: 'Thu' },
  B4: { place: 'beijing', local: '2026-07-15T22:00', wd: 'Wed' },
  B5: { place: 'beijing', local: '2026-11-20T23:00', wd: 'Fri' },
  B6: { place: 'beijing', local: '2026-12-03T11:00', wd: 'Thu' },
  N0: { place: 'newyork', utc: '2026-11-01T06:45:00Z', wd: 'Sun' }, // 01:45 EST, the second 01:45
  N1: { place: 'newyork', local: '2026-11-21T09:00', wd: 'Sat' },
  N2: { place: 'newyork', local: '2026-11-01T10:00', wd: 'Sun' },
  N3: { place: 'newyork', local: '2026-11-02T08:00', wd: 'Mon' },
  N4: { place: 'newyork', local: '2026-07-12T11:00', wd: 'Sun' },
  N5: { place: 'newyork', local: '2026-11-24T19:00', wd: 'Tue' },
  N6: { place: 'newyork', local: '2026-12-01T06:00', wd: 'Tue' },
  L0: { place: 'london', utc: '2026-03-29T02:30:00Z', wd: 'Sun' }, // 03:30 BST, just after the jump
  L1: { place: 'london', local: '2026-03-29T09:00', wd: 'Sun' },
  L2: { place: 'london', local: '2026-11-23T07:00', wd: 'Mon' },
  L3: { place: 'london', local: '2026-06-21T10:00', wd: 'Sun' },
  L4: { place: 'london', local: '2026-11-01T14:00', wd: 'Sun' },
  L5: { place: 'london', local: '2026-12-03T18:00', wd: 'Thu' },
  S1: { place: 'sydney', local: '2026-10-04T09:00', wd: 'Sun' },
  S2: { place: 'sydney', local: '2027-01-10T21:00', wd: 'Sun' },
  S3: { place: 'sydney', local: '2026-12-19T10:00', wd: 'Sat' },
  S4: { place: 'sydney', local: '2026-11-21T12:00', wd: 'Sat' },
  S5: { place: 'sydney', local: '2026-10-05T08:00', wd: 'Mon' },
  S6: { place: 'sydney', local: '2027-02-01T07:00', wd: 'Mon' },
  K1: { place: 'kolkata', local: '2026-11-20T23:00', wd: 'Fri' },
  T1: { place: 'tokyo', local: '2026-11-24T13:00', wd: 'Tue' },
  A1: { place: 'losangeles', local: '2026-11-25T18:00', wd: 'Wed' },
  G1: { place: 'berlin', local: '2026-10-25T12:00', wd: 'Sun' },
  G2: { place: 'berlin', local: '2026-11-02T09:00', wd: 'Mon' },
  C1: { place: 'chicago', local: '2026-11-21T10:00', wd: 'Sat' },
  R1: { place: 'reykjavik', local: '2026-12-21T15:00', wd: 'Mon' },
  // no place, no timezone field: only phrases that write their own zone
  U1: { place: null, utc: '2026-11-21T04:00:00Z' },
  U2: { place: null, utc: '2026-11-21T14:00:00Z' },
  U3: { place: null, utc: '2026-07-12T15:00:00Z' },
  // no place, but the report's own timezone field
  TZ1: { place: null, timezone: 'Asia/Tokyo', local: '2026-11-24T13:00', wd: 'Tue' },
  TZ2: { place: null, timezone: 'Europe/London', local: '2026-11-23T07:00', wd: 'Mon' },
  TZ3: { place: null, timezone: 'America/New_York', local: '2026-11-21T09:00', wd: 'Sat' },
  TZ4: { place: null, timezone: 'Asia/Shanghai', local: '2026-11-21T12:00', wd: 'Sat' },
};

// ---------------------------------------------------------------------------------------------
// Wall time → instants. Returns every instant (ms) whose wall-clock reading in `zone` is the
// given one: one normally, two in a repeated hour (fall back), and for a wall time that does
// not exist (spring forward) both the reading with the offset before and the one after.
// ---------------------------------------------------------------------------------------------
function readings(zone, y, mo, d, h = 0, mi = 0, s = 0) {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s); // Date.UTC rolls h >= 24 into the next day
  const offs = new Set(
    [-36, -12, 12, 36].map((k) => DateTime.fromMillis(naive + k * HOUR, { zone }).offset),
  );
  const valid = [];
  const all = [];
  for (const o of offs) {
    const t = naive - o * MIN;
    all.push(t);
    if (DateTime.fromMillis(t, { zone }).offset === o) valid.push(t);
  }
  const r = [...new Set(valid.length ? valid : all)].sort((a, b) => a - b);
  if (!r.length) throw new Error('no reading');
  return r;
}

// plain calendar arithmetic on [y, m, d]
const ymdOf = (dt) => [dt.year, dt.month, dt.day];
const cal = (ymd) =>
  DateTime.fromObject({ year: ymd[0], month: ymd[1], day: ymd[2] }, { zone: 'UTC' });
const addDays = (ymd, n) => ymdOf(cal(ymd).plus({ days: n }));
const weekday = (ymd) => cal(ymd).weekday; // 1 = Monday … 7 = Sunday

class Ctx {
  constructor(zone, now, placeKey) {
    this.zone = zone;
    this.now = now;
    this.place = placeKey ? PLACES[placeKey] : null;
    this.today = ymdOf(DateTime.fromMillis(now, { zone }));
  }
  back(k) {
    return addDays(this.today, -k);
  }
  todayIn(zone) {
    return ymdOf(DateTime.fromMillis(this.now, { zone }));
  }
  wall(ymd, h = 0, mi = 0, s = 0, zone = this.zone) {
    return readings(zone, ymd[0], ymd[1], ymd[2], h, mi, s);
  }
  // most recent past occurrence of a wall time (date whose earliest reading is before arrival)
  lastWall(h, mi = 0, s = 0, zone = this.zone) {
    const t0 = this.todayIn(zone);
    for (let k = 0; k < 3; k++) {
      const ymd = addDays(t0, -k);
      const r = this.wall(ymd, h, mi, s, zone);
      if (r[0] < this.now) return r;
    }
    throw new Error('lastWall');
  }
  // most recent date (today included) with ISO weekday w
  lastWd(w) {
    for (let k = 0; k < 7; k++) if (weekday(this.back(k)) === w) return this.back(k);
    throw new Error('lastWd');
  }
  // Monday of the week k weeks before the current one (weeks start on Monday)
  monday(k = 0) {
    return addDays(this.today, -(weekday(this.today) - 1) - 7 * k);
  }
  // most recent past day-of-month (today included)
  lastDom(dom) {
    for (let k = 0; k < 70; k++) if (this.back(k)[2] === dom) return this.back(k);
    throw new Error('lastDom');
  }
  // most recent past month/day strictly before today
  lastMD(mo, d) {
    for (let k = 1; k < 400; k++) {
      const b = this.back(k);
      if (b[1] === mo && b[2] === d) return b;
    }
    throw new Error('lastMD');
  }
  // the most recent past calendar month `mo` (not the current one)
  lastMonth(mo) {
    let [y, m] = this.today;
    for (let k = 0; k < 13; k++) {
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
      if (m === mo) return [y, m];
    }
    throw new Error('lastMonth');
  }
}

// ---------------------------------------------------------------------------------------------
// Window builders (all return [startMs, endMs])
// ---------------------------------------------------------------------------------------------
const MARGIN = { h: 30 * MIN, q: 7.5 * MIN, f: 2.5 * MIN };
const VAGUE = 15 * MIN;
const lo = (r) => r[0];
const hi = (r) => r[r.length - 1];

// clock precision: h = whole hour ±30 min, q = half/quarter ±7.5, f = five-minute words ±2.5,
// m = hh:mm → [t, t+1 min], s = hh:mm:ss → [t, t+1 s]. `r` may hold several readings.
function clock(r, prec, vague = false) {
  r = [...r].sort((x, y) => x - y);
  let a;
  let b;
  if (prec === 'm') [a, b] = [lo(r), hi(r) + MIN];
  else if (prec === 's') [a, b] = [lo(r), hi(r) + SEC];
  else [a, b] = [lo(r) - MARGIN[prec], hi(r) + MARGIN[prec]];
  return vague ? [a - VAGUE, b + VAGUE] : [a, b];
}
// union of several readings' windows
const union = (...ws) => [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];

function dayWin(c, ymd, nDays = 1) {
  return [lo(c.wall(ymd, 0)), hi(c.wall(addDays(ymd, nDays), 0))];
}
const PARTS = {
  morning: [6, 12], // morning / 早上
  shangwu: [8, 12], // 上午
  noon: [11, 14], // noon / midday / 中午
  afternoon: [12, 18], // afternoon / 下午
  evening: [18, 23], // evening
  night: [18, 30], // night / 晚上 / 夜里 / last night / 昨晚: 18:00 → 06:00 next day
  late: [22, 28], // late night / 深夜 / 半夜: 22:00 → 04:00 next day
  early: [0, 6], // early morning / 凌晨
};
function partWin(c, ymd, part) {
  const [h1, h2] = PARTS[part];
  return [lo(c.wall(ymd, h1)), hi(c.wall(ymd, h2))];
}
// a clock time inside a part of the day that starts on `ymd`: picks the unique reading
// h, h+12 or h+24 that falls inside the part (end inclusive)
function partClock(c, ymd, part, h, mi = 0, s = 0) {
  const [h1, h2] = PARTS[part];
  const cands = h <= 12 ? [h % 12, (h % 12) + 12, (h % 12) + 24] : [h, h + 24];
  const ok = cands.filter((H) => H + mi / 60 >= h1 && H + mi / 60 <= h2);
  if (ok.length !== 1) throw new Error(`partClock ${part} ${h}:${mi} → ${ok}`);
  return c.wall(ymd, ok[0], mi, s);
}
function ago(c, n, unit, vague = false) {
  const w = [c.now - n * unit - unit / 2, c.now - n * unit + unit / 2];
  return vague ? [w[0] - VAGUE, w[1] + VAGUE] : w;
}
function monthWin(c, y, mo) {
  const next = mo === 12 ? [y + 1, 1, 1] : [y, mo + 1, 1];
  return [lo(c.wall([y, mo, 1], 0)), hi(c.wall(next, 0))];
}
function yearWin(c, y) {
  return [lo(c.wall([y, 1, 1], 0)), hi(c.wall([y + 1, 1, 1], 0))];
}
// meteorological seasons; flipped in the southern hemisphere. Returns first day, and the day
// after the last day, of the season occurrence that starts in calendar year y.
const SEASON_START = { spring: 3, summer: 6, autumn: 9, winter: 12 };
const FLIP = { spring: 'autumn', summer: 'winter', autumn: 'spring', winter: 'summer' };
function seasonDays(c, name, y) {
  const south = c.place && c.place.lat < 0;
  const m = SEASON_START[south ? FLIP[name] : name];
  const first = [y, m, 1];
  const endM = m + 3;
  const after = endM > 12 ? [y + 1, endM - 12, 1] : [y, endM, 1];
  return [first, after];
}
function seasonWin(c, name, y) {
  const [first, after] = seasonDays(c, name, y);
  return [lo(c.wall(first, 0)), hi(c.wall(after, 0))];
}
// "last <season>": the most recent occurrence that is entirely over at arrival
function lastSeasonYear(c, name) {
  for (let y = c.today[0]; y > c.today[0] - 3; y--) {
    const w = seasonWin(c, name, y);
    if (w[1] <= c.now) return y;
  }
  throw new Error('lastSeason');
}
// "about H o'clock <season>": H on every day of the season, whole hour ±30 min, vague ±15
function seasonClock(c, name, y, h, mi, prec, vague) {
  const [first, after] = seasonDays(c, name, y);
  const last = addDays(after, -1);
  return union(clock(c.wall(first, h, mi), prec, vague), clock(c.wall(last, h, mi), prec, vague));
}

// sun at the place on a local date: suncalc called with the instant of local noon
function sunTimes(c, ymd) {
  const p = c.place;
  const t = SunCalc.getTimes(new Date(lo(c.wall(ymd, 12))), p.lat, p.lon);
  for (const k of ['nauticalDawn', 'sunrise', 'sunset', 'nauticalDusk']) {
    if (!t[k]) throw new Error(`no ${k} on ${ymd}`);
    const local = ymdOf(DateTime.fromJSDate(t[k], { zone: c.zone }));
    if (local.join() !== ymd.join()) throw new Error(`${k} not on ${ymd}: ${local}`);
  }
  return t;
}
const SUN = {
  dawn: (t) => [+t.nauticalDawn, +t.sunrise], // dawn / daybreak / first light / 黎明 / 拂晓 / 天亮
  sunrise: (t) => [+t.sunrise - 20 * MIN, +t.sunrise + 20 * MIN],
  sunset: (t) => [+t.sunset - 20 * MIN, +t.sunset + 20 * MIN],
  dusk: (t) => [+t.sunset, +t.nauticalDusk], // dusk / nightfall / 黄昏 / 天黑
  bangwan: (t) => [+t.sunset - 60 * MIN, +t.nauticalDusk], // 傍晚
};
const hm = (c, d) => DateTime.fromJSDate(d, { zone: c.zone }).toFormat('HH:mm');
function sunNote(c, t, kind) {
  if (kind === 'dawn')
    return `suncalc: nautical dawn ${hm(c, t.nauticalDawn)}, sunrise ${hm(c, t.sunrise)} local`;
  if (kind === 'sunrise') return `suncalc: sunrise ${hm(c, t.sunrise)} local`;
  if (kind === 'sunset') return `suncalc: sunset ${hm(c, t.sunset)} local`;
  return `suncalc: sunset ${hm(c, t.sunset)}, nautical dusk ${hm(c, t.nauticalDusk)} local`;
}
// sun phrase on a given date → {w, note}; widened outward to whole seconds
function sunOn(c, ymd, kind) {
  const t = sunTimes(c, ymd);
  const [a, b] = SUN[kind](t);
  return { w: [Math.floor(a / SEC) * SEC, Math.ceil(b / SEC) * SEC], note: sunNote(c, t, kind) };
}
// the most recent past one (its whole window before arrival)
function sunLast(c, kind) {
  for (let k = 0; k < 3; k++) {
    const r = sunOn(c, c.back(k), kind);
    if (r.w[1] <= c.now) {
      // the same event today must not be in progress at arrival
      if (k > 0) {
        const today = sunOn(c, c.today, kind);
        if (today.w[0] < c.now) throw new Error('sun event in progress at arrival');
      }
      return r;
    }
  }
  throw new Error('sunLast');
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------
const ENTRIES = [];
// e(lang, cat, arrival, phrase, fn(c) → [a,b] | {w,note}, why, opts {flags, clip, out})
function e(lang, cat, arr, phrase, fn, why, opts = {}) {
  ENTRIES.push({ lang, cat, arr, phrase, fn, why, opts });
}
const CLIP = { clip: true };
const Z = (zone, y, mo, d, h, mi = 0, s = 0) => readings(zone, y, mo, d, h, mi, s);
const EST = 'UTC-5';
const EDT = 'UTC-4';
const CST_US = 'UTC-6';
const CST_CN = 'UTC+8';

// ===== English: clock =====
e(
  'en',
  'clock',
  'X1',
  'at 10 pm',
  (c) => clock(c.lastWall(22), 'h'),
  "most recent past 22:00 (the evening before a noon arrival), local Xi'an UTC+8; a whole hour: ±30 min",
);
e(
  'en',
  'clock',
  'X2',
  'at 10 pm',
  (c) => clock(c.lastWall(22), 'h'),
  'arrival 04:30 Sat: the most recent 22:00 is Friday evening; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'X1',
  '10pm',
  (c) => clock(c.lastWall(22), 'h'),
  'most recent past 22:00, Fri 20 Nov local; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'N1',
  'at 9:15 pm',
  (c) => clock(c.lastWall(21, 15), 'm'),
  'most recent past 21:15 (Friday evening, EST); hh:mm → that minute',
);
e(
  'en',
  'clock',
  'N1',
  'around 10 pm',
  (c) => clock(c.lastWall(22), 'h', true),
  'most recent past 22:00 (Fri, EST); whole hour ±30 min, "around" +15 min each side',
);
e(
  'en',
  'clock',
  'L2',
  'at 11:45 pm',
  (c) => clock(c.lastWall(23, 45), 'm'),
  'arrival Mon 07:00: most recent 23:45 is Sunday night, GMT; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'L2',
  'quarter to midnight',
  (c) => clock(c.lastWall(23, 45), 'q'),
  'most recent past 23:45 (Sunday), GMT; quarter: ±7.5 min',
);
e(
  'en',
  'clock',
  'S4',
  'at 10:30 am',
  (c) => clock(c.lastWall(10, 30), 'm'),
  'arrival 12:00: 10:30 this morning, AEDT; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'S4',
  'at 9 am',
  (c) => clock(c.lastWall(9), 'h'),
  '09:00 today (arrival 12:00), AEDT; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'K1',
  'at 21:10',
  (c) => clock(c.lastWall(21, 10), 'm'),
  '21:10 today (arrival 23:00), IST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'K1',
  'at quarter past nine',
  (c) => clock([...c.lastWall(9, 15), ...c.lastWall(21, 15)], 'q'),
  'no am/pm, no part of day: both 09:15 and 21:15 today (arrival 23:00) count; quarter ±7.5 min around each, window spans both',
);
e(
  'en',
  'clock',
  'A1',
  'at 12 noon',
  (c) => clock(c.lastWall(12), 'h'),
  '12:00 today (arrival 18:00), PST; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'A1',
  'at 5 pm',
  (c) => clock(c.lastWall(17), 'h'),
  '17:00 today (arrival 18:00), PST; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'C1',
  'at 7:05 am',
  (c) => clock(c.lastWall(7, 5), 'm'),
  '07:05 today (arrival 10:00), CST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'G2',
  'at 8:30 am',
  (c) => clock(c.lastWall(8, 30), 'm'),
  '08:30 today (arrival 09:00), CET; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'G2',
  'at 23:59',
  (c) => clock(c.lastWall(23, 59), 'm'),
  'most recent 23:59 is Sunday night (arrival Mon 09:00), CET; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'R1',
  'at 14:00',
  (c) => clock(c.lastWall(14), 'm'),
  '14:00 today (arrival 15:00), GMT; written hh:mm → that minute',
);
e(
  'en',
  'clock',
  'N5',
  'at 6 pm',
  (c) => clock(c.lastWall(18), 'h'),
  '18:00 today (arrival 19:00), EST; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'N5',
  '6pm-ish',
  (c) => clock(c.lastWall(18), 'h', true),
  '18:00 today, EST; whole hour ±30 min, "-ish" +15 min each side',
);
e(
  'en',
  'clock',
  'L5',
  'at 3 pm',
  (c) => clock(c.lastWall(15), 'h'),
  '15:00 today (arrival 18:00), GMT; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'L5',
  'at 15:42:10',
  (c) => clock(c.lastWall(15, 42, 10), 's'),
  '15:42:10 today, GMT; hh:mm:ss → that second',
);
e(
  'en',
  'clock',
  'S2',
  'at 8:40 pm',
  (c) => clock(c.lastWall(20, 40), 'm'),
  '20:40 today (arrival 21:00), AEDT; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'S2',
  'at midnight',
  (c) => clock(c.lastWall(0), 'h'),
  'most recent 00:00 is the start of today (arrival Sun 21:00), AEDT; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'X3',
  'at midnight',
  (c) => clock(c.lastWall(0), 'h'),
  "most recent 00:00 is the start of today (arrival Mon 09:00), Xi'an; whole hour ±30 min",
);
e(
  'en',
  'clock',
  'B3',
  'at 2 am',
  (c) => clock(c.lastWall(2), 'h'),
  '02:00 today (arrival 15:00), Beijing; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'X1',
  'at 9',
  (c) => clock([...c.lastWall(9), ...c.lastWall(21)], 'h'),
  'no am/pm, no part of day: 21:00 yesterday and 09:00 today (arrival 12:00) both possible; ±30 min, window spans both',
);
e(
  'en',
  'clock',
  'N3',
  'at 7:50 am',
  (c) => clock(c.lastWall(7, 50), 'm'),
  '07:50 today (arrival 08:00), EST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'T1',
  'at 11 am',
  (c) => clock(c.lastWall(11), 'h'),
  '11:00 today (arrival 13:00), JST; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'TZ1',
  'at 10 pm',
  (c) => clock(c.lastWall(22), 'h'),
  'no place; report timezone Asia/Tokyo: most recent 22:00 is last night; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'TZ2',
  'at 6:45 am',
  (c) => clock(c.lastWall(6, 45), 'm'),
  'no place; report timezone Europe/London: 06:45 today (arrival 07:00); hh:mm → that minute',
);
e(
  'en',
  'clock',
  'TZ3',
  'at 8 am',
  (c) => clock(c.lastWall(8), 'h'),
  'no place; report timezone America/New_York: 08:00 today (arrival 09:00); ±30 min',
);
e(
  'en',
  'clock',
  'TZ4',
  'around 11 am',
  (c) => clock(c.lastWall(11), 'h', true),
  'no place; report timezone Asia/Shanghai: 11:00 today (arrival 12:00); ±30 min, "around" +15',
);
e(
  'en',
  'clock',
  'X6',
  'at about 3 pm',
  (c) => clock(c.lastWall(15), 'h', true),
  '15:00 today (arrival 16:00), Xi\'an; ±30 min, "about" +15 each side',
);
e(
  'en',
  'clock',
  'B1',
  'at 19:30',
  (c) => clock(c.lastWall(19, 30), 'm'),
  '19:30 today (arrival 20:30), Beijing; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'S3',
  'at 7 am',
  (c) => clock(c.lastWall(7), 'h'),
  '07:00 today (arrival 10:00), AEDT; whole hour ±30 min',
);
e(
  'en',
  'clock',
  'L3',
  'at 2:10 am',
  (c) => clock(c.lastWall(2, 10), 'm'),
  '02:10 today (arrival 10:00), BST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'B6',
  'at 10:05:30 am',
  (c) => clock(c.lastWall(10, 5, 30), 's'),
  '10:05:30 today (arrival 11:00), Beijing; hh:mm:ss → that second',
);
e(
  'en',
  'clock',
  'N6',
  'at 5:30 am',
  (c) => clock(c.lastWall(5, 30), 'm'),
  '05:30 today, the 1st (arrival 06:00), EST; hh:mm → that minute',
);
e(
  'en',
  'clock',
  'B5',
  'at half past ten pm',
  (c) => clock(c.lastWall(22, 30), 'q'),
  '22:30 today (arrival 23:00), Beijing; half past: ±7.5 min',
);
e(
  'en',
  'clock',
  'C1',
  'at 6:15 am',
  (c) => clock(c.lastWall(6, 15), 'm'),
  '06:15 today (arrival 10:00), CST; hh:mm → that minute',
);

// ===== Chinese: clock =====
e(
  'zh',
  'clock',
  'X1',
  '21点10分',
  (c) => clock(c.lastWall(21, 10), 'm'),
  "most recent 21:10 is yesterday (arrival 12:00), Xi'an; 点+分 → that minute",
);
e(
  'zh',
  'clock',
  'X1',
  '十点半',
  (c) => clock([...c.lastWall(10, 30), ...c.lastWall(22, 30)], 'q'),
  'no 上午/晚上: 22:30 yesterday and 10:30 today (arrival 12:00) both possible; 半 ±7.5 min, window spans both',
);
e(
  'zh',
  'clock',
  'X2',
  '三点',
  (c) => clock([...c.lastWall(3), ...c.lastWall(15)], 'h'),
  'no part of day: 15:00 yesterday and 03:00 today (arrival 04:30) both possible; ±30 min, window spans both',
);
e(
  'zh',
  'clock',
  'B1',
  '19点',
  (c) => clock(c.lastWall(19), 'h'),
  '19:00 today (arrival 20:30), Beijing; whole hour ±30 min',
);
e(
  'zh',
  'clock',
  'B1',
  '18点15分',
  (c) => clock(c.lastWall(18, 15), 'm'),
  '18:15 today, Beijing; 点+分 → that minute',
);
e(
  'zh',
  'clock',
  'B1',
  '18点一刻',
  (c) => clock(c.lastWall(18, 15), 'q'),
  '18:15 today, Beijing; 一刻 ±7.5 min',
);
e(
  'zh',
  'clock',
  'B1',
  '17点半',
  (c) => clock(c.lastWall(17, 30), 'q'),
  '17:30 today, Beijing; 半 ±7.5 min',
);
e(
  'zh',
  'clock',
  'B1',
  '16点三刻',
  (c) => clock(c.lastWall(16, 45), 'q'),
  '16:45 today, Beijing; 三刻 ±7.5 min',
);
e(
  'zh',
  'clock',
  'B3',
  '13点左右',
  (c) => clock(c.lastWall(13), 'h', true),
  '13:00 today (arrival 15:00), Beijing; ±30 min, 左右 +15 each side',
);
e(
  'zh',
  'clock',
  'B3',
  '零点',
  (c) => clock(c.lastWall(0), 'h'),
  'most recent 00:00 is the start of today, Beijing; whole hour ±30 min',
);
e(
  'zh',
  'clock',
  'X3',
  '23点45分',
  (c) => clock(c.lastWall(23, 45), 'm'),
  "arrival Mon 09:00: 23:45 Sunday night, Xi'an; that minute",
);
e(
  'zh',
  'clock',
  'X3',
  '在22:30',
  (c) => clock(c.lastWall(22, 30), 'm'),
  "22:30 Sunday (arrival Mon 09:00), Xi'an; hh:mm → that minute",
);
e(
  'zh',
  'clock',
  'K1',
  '21点',
  (c) => clock(c.lastWall(21), 'h'),
  '21:00 today (arrival 23:00), IST; whole hour ±30 min',
);
e(
  'zh',
  'clock',
  'A1',
  '17点20分',
  (c) => clock(c.lastWall(17, 20), 'm'),
  '17:20 today (arrival 18:00), PST; that minute',
);
e(
  'zh',
  'clock',
  'A1',
  '15点',
  (c) => clock(c.lastWall(15), 'h'),
  '15:00 today, PST; whole hour ±30 min',
);
e(
  'zh',
  'clock',
  'C1',
  '0点30分',
  (c) => clock(c.lastWall(0, 30), 'm'),
  '00:30 today (arrival 10:00), CST; that minute',
);
e(
  'zh',
  'clock',
  'L2',
  '23点',
  (c) => clock(c.lastWall(23), 'h'),
  'arrival Mon 07:00: 23:00 Sunday, GMT; ±30 min',
);
e(
  'zh',
  'clock',
  'L2',
  '零点一刻',
  (c) => clock(c.lastWall(0, 15), 'q'),
  '00:15 today (arrival 07:00), GMT; 一刻 ±7.5 min',
);
e(
  'zh',
  'clock',
  'S3',
  '21点左右',
  (c) => clock(c.lastWall(21), 'h', true),
  'arrival Sat 10:00: 21:00 Friday, AEDT; ±30 min, 左右 +15',
);
e(
  'zh',
  'clock',
  'S3',
  '22点10分',
  (c) => clock(c.lastWall(22, 10), 'm'),
  '22:10 Friday (arrival Sat 10:00), AEDT; that minute',
);
e(
  'zh',
  'clock',
  'S2',
  '20点半',
  (c) => clock(c.lastWall(20, 30), 'q'),
  '20:30 today (arrival 21:00), AEDT; 半 ±7.5 min',
);
e(
  'zh',
  'clock',
  'S2',
  '19点15分30秒',
  (c) => clock(c.lastWall(19, 15, 30), 's'),
  '19:15:30 today, AEDT; 秒 given → that second',
);
e(
  'zh',
  'clock',
  'G2',
  '23点30分',
  (c) => clock(c.lastWall(23, 30), 'm'),
  '23:30 Sunday (arrival Mon 09:00), CET; that minute',
);
e(
  'zh',
  'clock',
  'R1',
  '13点',
  (c) => clock(c.lastWall(13), 'h'),
  '13:00 today (arrival 15:00), Reykjavik GMT; ±30 min',
);
e(
  'zh',
  'clock',
  'N5',
  '17点三刻',
  (c) => clock(c.lastWall(17, 45), 'q'),
  '17:45 today (arrival 19:00), EST; 三刻 ±7.5 min',
);
e(
  'zh',
  'clock',
  'N5',
  '大约16点',
  (c) => clock(c.lastWall(16), 'h', true),
  '16:00 today, EST; ±30 min, 大约 +15',
);
e(
  'zh',
  'clock',
  'TZ1',
  '22点',
  (c) => clock(c.lastWall(22), 'h'),
  'no place; report timezone Asia/Tokyo: 22:00 last night; ±30 min',
);
e(
  'zh',
  'clock',
  'TZ4',
  '0点20分',
  (c) => clock(c.lastWall(0, 20), 'm'),
  'no place; report timezone Asia/Shanghai: 00:20 today; that minute',
);
e(
  'zh',
  'clock',
  'X5',
  '19点20分',
  (c) => clock(c.lastWall(19, 20), 'm'),
  "19:20 today (arrival 20:00), Xi'an; that minute",
);
e(
  'zh',
  'clock',
  'B5',
  '22点半',
  (c) => clock(c.lastWall(22, 30), 'q'),
  '22:30 today (arrival 23:00), Beijing; 半 ±7.5 min',
);
e(
  'zh',
  'clock',
  'B2',
  '零点',
  (c) => clock(c.lastWall(0), 'h'),
  'most recent 00:00 is the start of today, the 1st (arrival 08:30), Beijing; ±30 min',
);
e(
  'zh',
  'clock',
  'N1',
  '20点45分',
  (c) => clock(c.lastWall(20, 45), 'm'),
  '20:45 Friday (arrival Sat 09:00), EST; that minute',
);
e(
  'zh',
  'clock',
  'L5',
  '14点',
  (c) => clock(c.lastWall(14), 'h'),
  '14:00 today (arrival 18:00), GMT; ±30 min',
);
e(
  'zh',
  'clock',
  'L4',
  '13点10分',
  (c) => clock(c.lastWall(13, 10), 'm'),
  '13:10 today (arrival 14:00), GMT; that minute',
);
e(
  'zh',
  'clock',
  'T1',
  '9点半左右',
  (c) => clock([...c.lastWall(9, 30), ...c.lastWall(21, 30)], 'q', true),
  'no part of day: 21:30 yesterday and 09:30 today (arrival 13:00) both possible; 半 ±7.5, 左右 +15, window spans both',
);
e(
  'zh',
  'clock',
  'B6',
  '22点05分30秒',
  (c) => clock(c.lastWall(22, 5, 30), 's'),
  '22:05:30 yesterday (arrival 11:00), Beijing; 秒 given → that second',
);
e(
  'zh',
  'clock',
  'X6',
  '15点25分',
  (c) => clock(c.lastWall(15, 25), 'm'),
  "15:25 today (arrival 16:00), Xi'an; that minute",
);

// ===== English: day / weekday / part of day =====
e(
  'en',
  'day',
  'X1',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  "the whole local day before arrival (Fri 20 Nov, Xi'an)",
);
e(
  'en',
  'day',
  'X1',
  'today',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  'from local 00:00 to arrival (12:00)',
  CLIP,
);
e(
  'en',
  'day',
  'X1',
  'this morning',
  (c) => partWin(c, c.today, 'morning'),
  'morning 06:00–12:00 today (arrival exactly 12:00)',
);
e(
  'en',
  'day',
  'X1',
  'last night',
  (c) => [partWin(c, c.back(1), 'night')[0], partWin(c, c.back(1), 'night')[1]],
  "yesterday 18:00 → today 06:00, Xi'an",
);
e(
  'en',
  'day',
  'X2',
  'last night',
  (c) => [partWin(c, c.back(1), 'night')[0], c.now],
  'yesterday 18:00 → today 06:00, cut at arrival 04:30 (the event precedes the report)',
  CLIP,
);
e(
  'en',
  'day',
  'X2',
  'yesterday evening',
  (c) => partWin(c, c.back(1), 'evening'),
  'evening 18:00–23:00 of Friday (arrival Sat 04:30)',
);
e(
  'en',
  'day',
  'X1',
  'on Friday',
  (c) => dayWin(c, c.lastWd(5)),
  'arrival Saturday: the most recent Friday is yesterday, whole day',
);
e(
  'en',
  'day',
  'X1',
  'last Friday',
  (c) => union(dayWin(c, addDays(c.monday(1), 4)), dayWin(c, c.lastWd(5))),
  'said on a Saturday: Friday of the previous calendar week (13 Nov) or yesterday (20 Nov, in the current week): both days',
  { flags: ['time.ambiguous_date'] },
);
e(
  'en',
  'day',
  'X3',
  'last Friday',
  (c) => dayWin(c, addDays(c.monday(1), 4)),
  'said on a Monday: the most recent Friday (20 Nov) is already in the previous week — one reading',
);
e(
  'en',
  'day',
  'X3',
  'last Saturday',
  (c) => dayWin(c, addDays(c.monday(1), 5)),
  'said on a Monday: Saturday of the previous week (21 Nov), the only reading',
);
e(
  'en',
  'day',
  'X3',
  'over the weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Monday: the most recent Saturday 00:00 → Monday 00:00',
);
e(
  'en',
  'day',
  'X3',
  'last weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Monday: weekend of the previous calendar week, Sat 21 → Mon 23 Nov 00:00',
);
e(
  'en',
  'day',
  'X6',
  'the weekend',
  (c) => [lo(c.wall(addDays(c.monday(0), 5), 0)), c.now],
  'arrival Sunday 16:00: the current weekend, Saturday 00:00 → arrival',
  CLIP,
);
e(
  'en',
  'day',
  'X6',
  'last weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Sunday: weekend of the previous calendar week, Sat 14 → Mon 16 Nov 00:00',
);
e(
  'en',
  'day',
  'N1',
  'yesterday afternoon',
  (c) => partWin(c, c.back(1), 'afternoon'),
  'afternoon 12:00–18:00 of Friday, EST',
);
e(
  'en',
  'day',
  'N1',
  'the day before yesterday',
  (c) => dayWin(c, c.back(2)),
  'two local days before arrival: Thursday 19 Nov, EST',
);
e(
  'en',
  'day',
  'N1',
  'Tuesday evening',
  (c) => partWin(c, c.lastWd(2), 'evening'),
  'the most recent Tuesday (17 Nov), evening 18:00–23:00 EST',
);
e(
  'en',
  'day',
  'N1',
  'this Friday',
  (c) => dayWin(c, addDays(c.monday(0), 4)),
  "arrival Saturday: this week's Friday (20 Nov), whole day",
);
e(
  'en',
  'day',
  'N1',
  'early this morning',
  (c) => partWin(c, c.today, 'early'),
  'early morning 00:00–06:00 today, EST',
);
e(
  'en',
  'day',
  'N5',
  'this morning',
  (c) => partWin(c, c.today, 'morning'),
  'morning 06:00–12:00 today (arrival 19:00), EST',
);
e(
  'en',
  'day',
  'N5',
  'on Monday',
  (c) => dayWin(c, c.lastWd(1)),
  'arrival Tuesday: the most recent Monday is yesterday',
);
e(
  'en',
  'day',
  'N5',
  'last Monday',
  (c) => union(dayWin(c, addDays(c.monday(1), 0)), dayWin(c, c.lastWd(1))),
  'said on a Tuesday: Monday of the previous week (16 Nov) or yesterday (23 Nov, this week): both days',
  { flags: ['time.ambiguous_date'] },
);
e(
  'en',
  'day',
  'N5',
  'last Sunday',
  (c) => dayWin(c, addDays(c.monday(1), 6)),
  'said on a Tuesday: the most recent Sunday (22 Nov) closes the previous week — one reading',
);
e(
  'en',
  'day',
  'L2',
  'late last night',
  (c) => partWin(c, c.back(1), 'late'),
  'late night: Sunday 22:00 → Monday 04:00, GMT',
);
e(
  'en',
  'day',
  'L2',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'the whole local day before arrival (Sun 22 Nov), GMT',
);
e(
  'en',
  'day',
  'L2',
  'over the weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Monday: Saturday 00:00 → Monday 00:00 just gone, GMT',
);
e(
  'en',
  'day',
  'L2',
  'on Saturday',
  (c) => dayWin(c, c.lastWd(6)),
  'the most recent Saturday (21 Nov), whole day',
);
e(
  'en',
  'day',
  'L5',
  'yesterday morning',
  (c) => partWin(c, c.back(1), 'morning'),
  'morning 06:00–12:00 of Wed 2 Dec, GMT',
);
e(
  'en',
  'day',
  'L5',
  'Monday afternoon',
  (c) => partWin(c, c.lastWd(1), 'afternoon'),
  'the most recent Monday (30 Nov), 12:00–18:00 GMT',
);
e(
  'en',
  'day',
  'S3',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'the whole local day before arrival (Fri 18 Dec), AEDT',
);
e(
  'en',
  'day',
  'S3',
  'last Thursday',
  (c) => union(dayWin(c, addDays(c.monday(1), 3)), dayWin(c, c.lastWd(4))),
  "said on a Saturday: Thursday of the previous week (10 Dec) or this week's (17 Dec): both days",
  { flags: ['time.ambiguous_date'] },
);
e(
  'en',
  'day',
  'S3',
  'this morning',
  (c) => [partWin(c, c.today, 'morning')[0], c.now],
  'morning 06:00–12:00 today, cut at arrival 10:00',
  CLIP,
);
e(
  'en',
  'day',
  'S4',
  'last night',
  (c) => partWin(c, c.back(1), 'night'),
  'yesterday 18:00 → today 06:00, AEDT',
);
e(
  'en',
  'day',
  'K1',
  'today',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  'local 00:00 → arrival (23:00), IST',
  CLIP,
);
e(
  'en',
  'day',
  'K1',
  'on Friday',
  (c) => [lo(c.wall(c.lastWd(5), 0)), c.now],
  'arrival is on a Friday: today, 00:00 → arrival',
  CLIP,
);
e(
  'en',
  'day',
  'T1',
  'yesterday evening',
  (c) => partWin(c, c.back(1), 'evening'),
  'Monday 23 Nov 18:00–23:00 JST',
);
e(
  'en',
  'day',
  'T1',
  'on Sunday',
  (c) => dayWin(c, c.lastWd(7)),
  'the most recent Sunday (22 Nov), whole day JST',
);
e(
  'en',
  'day',
  'A1',
  'this afternoon',
  (c) => partWin(c, c.today, 'afternoon'),
  '12:00–18:00 today (arrival 18:00), PST',
);
e(
  'en',
  'day',
  'A1',
  'at noon',
  (c) => partWin(c, c.today, 'noon'),
  'noon is the 11:00–14:00 part of the day; most recent is today (arrival 18:00), PST',
);
e(
  'en',
  'day',
  'C1',
  'last night',
  (c) => partWin(c, c.back(1), 'night'),
  'Friday 18:00 → Saturday 06:00, CST',
);
e(
  'en',
  'day',
  'C1',
  'on Wednesday',
  (c) => dayWin(c, c.lastWd(3)),
  'the most recent Wednesday (18 Nov), whole day CST',
);
e(
  'en',
  'day',
  'R1',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'the whole local day before arrival (Sun 20 Dec), Reykjavik',
);
e(
  'en',
  'day',
  'R1',
  'last weekend',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  "arrival Monday: previous week's weekend, Sat 19 → Mon 21 Dec 00:00",
);
e(
  'en',
  'day',
  'G2',
  'last night',
  (c) => partWin(c, c.back(1), 'night'),
  'Sunday 18:00 → Monday 06:00, CET',
);
e(
  'en',
  'day',
  'TZ3',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'no place; report timezone America/New_York: Friday 20 Nov, whole day',
);
e(
  'en',
  'day',
  'TZ2',
  'on Saturday',
  (c) => dayWin(c, c.lastWd(6)),
  'no place; report timezone Europe/London, arrival Monday: Saturday 21 Nov',
);
e(
  'en',
  'day',
  'B2',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'arrival on the 1st: yesterday is 30 Nov, whole day, Beijing',
);
e(
  'en',
  'day',
  'N3',
  'yesterday morning',
  (c) => partWin(c, c.back(1), 'morning'),
  'Sunday 1 Nov 06:00–12:00 (already EST after the 02:00 fall-back)',
);
e(
  'en',
  'day',
  'N6',
  'last night',
  (c) => partWin(c, c.back(1), 'night'),
  'Monday 30 Nov 18:00 → Tuesday 1 Dec 06:00 (arrival exactly 06:00), EST',
);
e(
  'en',
  'day',
  'B6',
  'on Tuesday',
  (c) => dayWin(c, c.lastWd(2)),
  'arrival Thursday 3 Dec: the most recent Tuesday is 1 Dec',
);
e(
  'en',
  'day',
  'L4',
  'this morning',
  (c) => partWin(c, c.today, 'morning'),
  'morning 06:00–12:00 today (arrival 14:00), GMT',
);

// ===== Chinese: day / weekday / part of day =====
e(
  'zh',
  'day',
  'X1',
  '昨天',
  (c) => dayWin(c, c.back(1)),
  "the whole local day before arrival (Fri 20 Nov, Xi'an)",
);
e(
  'zh',
  'day',
  'X1',
  '今天',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  'today 00:00 → arrival 12:00',
  CLIP,
);
e(
  'zh',
  'day',
  'X1',
  '昨晚',
  (c) => partWin(c, c.back(1), 'night'),
  '昨晚 = yesterday 18:00 → today 06:00',
);
e(
  'zh',
  'day',
  'X2',
  '昨晚',
  (c) => [partWin(c, c.back(1), 'night')[0], c.now],
  'yesterday 18:00 → today 06:00, cut at arrival 04:30',
  CLIP,
);
e(
  'zh',
  'day',
  'X2',
  '今天凌晨',
  (c) => [partWin(c, c.today, 'early')[0], c.now],
  '凌晨 00:00–06:00 today, cut at arrival 04:30',
  CLIP,
);
e(
  'zh',
  'day',
  'X1',
  '前天',
  (c) => dayWin(c, c.back(2)),
  'two days before arrival: Thu 19 Nov, whole day',
);
e(
  'zh',
  'day',
  'X1',
  '大前天',
  (c) => dayWin(c, c.back(3)),
  'three days before arrival: Wed 18 Nov, whole day',
);
e(
  'zh',
  'day',
  'X1',
  '周五',
  (c) => dayWin(c, c.lastWd(5)),
  'arrival Saturday: the most recent Friday is yesterday (20 Nov)',
);
e(
  'zh',
  'day',
  'X1',
  '上周五',
  (c) => dayWin(c, addDays(c.monday(1), 4)),
  '上周五 = Friday of the previous calendar week (13 Nov); no ambiguity in Chinese',
);
e(
  'zh',
  'day',
  'X1',
  '本周五',
  (c) => dayWin(c, addDays(c.monday(0), 4)),
  "this week's Friday (20 Nov), whole day",
);
e(
  'zh',
  'day',
  'X6',
  '这周五',
  (c) => dayWin(c, addDays(c.monday(0), 4)),
  "arrival Sunday: this week's Friday (20 Nov)",
);
e(
  'zh',
  'day',
  'X3',
  '上周末',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  "arrival Monday: previous week's Saturday 00:00 → Monday 00:00",
);
e(
  'zh',
  'day',
  'X3',
  '周末',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  'arrival Monday: the most recent weekend, Sat 21 → Mon 23 00:00',
);
e(
  'zh',
  'day',
  'X6',
  '周末',
  (c) => [lo(c.wall(addDays(c.monday(0), 5), 0)), c.now],
  'arrival Sunday 16:00: the current weekend, Saturday 00:00 → arrival',
  CLIP,
);
e(
  'zh',
  'day',
  'X6',
  '上周末',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  "arrival Sunday: previous calendar week's weekend, Sat 14 → Mon 16 Nov",
);
e(
  'zh',
  'day',
  'B1',
  '昨天下午',
  (c) => partWin(c, c.back(1), 'afternoon'),
  'Saturday 21 Nov 12:00–18:00, Beijing',
);
e(
  'zh',
  'day',
  'B1',
  '周三晚上',
  (c) => partWin(c, c.lastWd(3), 'night'),
  'the most recent Wednesday (18 Nov), 晚上 18:00 → Thursday 06:00',
);
e(
  'zh',
  'day',
  'B1',
  '星期五上午',
  (c) => partWin(c, c.lastWd(5), 'shangwu'),
  'the most recent Friday (20 Nov), 上午 08:00–12:00',
);
e(
  'zh',
  'day',
  'B1',
  '今天中午',
  (c) => partWin(c, c.today, 'noon'),
  '中午 11:00–14:00 today (arrival 20:30)',
);
e(
  'zh',
  'day',
  'B2',
  '昨天深夜',
  (c) => partWin(c, c.back(1), 'late'),
  '深夜 of yesterday: 30 Nov 22:00 → 1 Dec 04:00',
);
e(
  'zh',
  'day',
  'B2',
  '上周一',
  (c) => dayWin(c, c.monday(1)),
  'arrival Tuesday 1 Dec: Monday of the previous calendar week (23 Nov)',
);
e(
  'zh',
  'day',
  'B2',
  '礼拜天',
  (c) => dayWin(c, c.lastWd(7)),
  'the most recent Sunday (29 Nov), whole day',
);
e(
  'zh',
  'day',
  'B3',
  '今天上午',
  (c) => partWin(c, c.today, 'shangwu'),
  '上午 08:00–12:00 today (arrival 15:00)',
);
e(
  'zh',
  'day',
  'B3',
  '前天晚上',
  (c) => partWin(c, c.back(2), 'night'),
  'Tuesday 17 Nov 18:00 → Wednesday 06:00',
);
e(
  'zh',
  'day',
  'B3',
  '周一',
  (c) => dayWin(c, c.lastWd(1)),
  'the most recent Monday (16 Nov), whole day',
);
e(
  'zh',
  'day',
  'B5',
  '周五',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  'arrival is on a Friday: today 00:00 → arrival 23:00',
  CLIP,
);
e(
  'zh',
  'day',
  'B5',
  '今天下午',
  (c) => partWin(c, c.today, 'afternoon'),
  '下午 12:00–18:00 today (arrival 23:00)',
);
e(
  'zh',
  'day',
  'B6',
  '上个周末',
  (c) => dayWin(c, addDays(c.monday(1), 5), 2),
  "arrival Thursday 3 Dec: previous week's weekend, Sat 28 → Mon 30 Nov 00:00",
);
e(
  'zh',
  'day',
  'B6',
  '周二晚上',
  (c) => partWin(c, c.lastWd(2), 'night'),
  'the most recent Tuesday (1 Dec), 晚上 18:00 → Wed 06:00',
);
e(
  'zh',
  'day',
  'S4',
  '昨天晚上',
  (c) => partWin(c, c.back(1), 'night'),
  'Friday 18:00 → Saturday 06:00, AEDT',
);
e(
  'zh',
  'day',
  'S3',
  '昨天早上',
  (c) => partWin(c, c.back(1), 'morning'),
  '早上 06:00–12:00 of Friday 18 Dec, AEDT',
);
e(
  'zh',
  'day',
  'N1',
  '昨天中午',
  (c) => partWin(c, c.back(1), 'noon'),
  '中午 11:00–14:00 of Friday 20 Nov, EST',
);
e(
  'zh',
  'day',
  'L2',
  '昨晚半夜',
  (c) => partWin(c, c.back(1), 'late'),
  '半夜 of last night: Sunday 22:00 → Monday 04:00, GMT',
);
e('zh', 'day', 'T1', '昨天', (c) => dayWin(c, c.back(1)), 'Monday 23 Nov, whole day JST');
e(
  'zh',
  'day',
  'C1',
  '周四晚上',
  (c) => partWin(c, c.lastWd(4), 'night'),
  'the most recent Thursday (19 Nov), 晚上 18:00 → Friday 06:00 CST',
);
e(
  'zh',
  'day',
  'K1',
  '今天早上',
  (c) => partWin(c, c.today, 'morning'),
  '早上 06:00–12:00 today (arrival 23:00), IST',
);
e(
  'zh',
  'day',
  'R1',
  '前天',
  (c) => dayWin(c, c.back(2)),
  'two days before arrival: Sat 19 Dec, Reykjavik',
);
e(
  'zh',
  'day',
  'G2',
  '昨天上午',
  (c) => partWin(c, c.back(1), 'shangwu'),
  '上午 08:00–12:00 of Sunday 1 Nov, CET',
);
e(
  'zh',
  'day',
  'TZ4',
  '昨天',
  (c) => dayWin(c, c.back(1)),
  'no place; report timezone Asia/Shanghai: Friday 20 Nov, whole day',
);
e(
  'zh',
  'day',
  'TZ1',
  '前天下午',
  (c) => partWin(c, c.back(2), 'afternoon'),
  'no place; report timezone Asia/Tokyo: Sunday 22 Nov 12:00–18:00',
);
e(
  'zh',
  'day',
  'X3',
  '上周六',
  (c) => dayWin(c, addDays(c.monday(1), 5)),
  'arrival Monday: Saturday of the previous calendar week (21 Nov)',
);
e(
  'zh',
  'day',
  'N5',
  '星期一',
  (c) => dayWin(c, c.lastWd(1)),
  'arrival Tuesday: the most recent Monday is yesterday (23 Nov), EST',
);
e(
  'zh',
  'day',
  'S2',
  '昨天夜里',
  (c) => partWin(c, c.back(1), 'night'),
  '夜里 of yesterday: Saturday 9 Jan 18:00 → Sunday 06:00, AEDT',
);
e(
  'zh',
  'day',
  'L5',
  '星期二',
  (c) => dayWin(c, c.lastWd(2)),
  'arrival Thursday 3 Dec: the most recent Tuesday is 1 Dec, GMT',
);

// ===== English: "N ago" =====
e('en', 'ago', 'X1', '5 minutes ago', (c) => ago(c, 5, MIN), 'arrival − 5 min, ± half a minute');
e('en', 'ago', 'X1', '2 hours ago', (c) => ago(c, 2, HOUR), 'arrival − 2 h, ± half an hour');
e(
  'en',
  'ago',
  'X1',
  '3 days ago',
  (c) => dayWin(c, c.back(3)),
  'the local calendar day three days before arrival (Wed 18 Nov)',
);
e(
  'en',
  'ago',
  'X1',
  'about 3 days ago',
  (c) => {
    const w = dayWin(c, c.back(3));
    return [w[0] - 18 * HOUR, w[1] + 18 * HOUR];
  },
  'Wed 18 Nov, widened by 25 % of 3 days (18 h) each side for "about"',
);
e('en', 'ago', 'N1', 'an hour ago', (c) => ago(c, 1, HOUR), 'arrival − 1 h, ± half an hour');
e(
  'en',
  'ago',
  'N1',
  'half an hour ago',
  (c) => ago(c, 1, 30 * MIN),
  'arrival − 30 min, ± half of the half-hour unit (15 min)',
);
e(
  'en',
  'ago',
  'N1',
  'a couple of hours ago',
  (c) => ago(c, 2, HOUR),
  '"a couple" = 2: arrival − 2 h, ± half an hour',
);
e(
  'en',
  'ago',
  'N1',
  'just now',
  (c) => [c.now - 10 * MIN, c.now],
  'just now: the 10 minutes before arrival',
);
e('en', 'ago', 'L2', '10 minutes ago', (c) => ago(c, 10, MIN), 'arrival − 10 min, ± half a minute');
e(
  'en',
  'ago',
  'L2',
  'about 20 minutes ago',
  (c) => ago(c, 20, MIN, true),
  'arrival − 20 min ± 30 s, "about" +15 min each side',
);
e(
  'en',
  'ago',
  'S4',
  '2 days ago',
  (c) => dayWin(c, c.back(2)),
  'the local calendar day two days before arrival (Thu 19 Nov), AEDT',
);
e('en', 'ago', 'S4', '45 minutes ago', (c) => ago(c, 45, MIN), 'arrival − 45 min, ± half a minute');
e('en', 'ago', 'K1', '3 hours ago', (c) => ago(c, 3, HOUR), 'arrival − 3 h, ± half an hour');
e(
  'en',
  'ago',
  'T1',
  'roughly 2 hours ago',
  (c) => ago(c, 2, HOUR, true),
  'arrival − 2 h ± 30 min, "roughly" +15 each side',
);
e('en', 'ago', 'A1', '90 minutes ago', (c) => ago(c, 90, MIN), 'arrival − 90 min, ± half a minute');
e(
  'en',
  'ago',
  'C1',
  '4 days ago',
  (c) => dayWin(c, c.back(4)),
  'the local calendar day four days before arrival (Tue 17 Nov), CST',
);
e(
  'en',
  'ago',
  'TZ2',
  '5 days ago',
  (c) => dayWin(c, c.back(5)),
  'no place; report timezone Europe/London: calendar day five days before arrival (Wed 18 Nov)',
);
e(
  'en',
  'ago',
  'TZ3',
  '15 minutes ago',
  (c) => ago(c, 15, MIN),
  'no place; report timezone given; arrival − 15 min ± 30 s',
);
e('en', 'ago', 'G2', '6 hours ago', (c) => ago(c, 6, HOUR), 'arrival − 6 h, ± half an hour');
e('en', 'ago', 'R1', 'an hour ago', (c) => ago(c, 1, HOUR), 'arrival − 1 h, ± half an hour');
e(
  'en',
  'ago',
  'B2',
  '3 days ago',
  (c) => dayWin(c, c.back(3)),
  'arrival Tue 1 Dec: three calendar days before is Sat 28 Nov',
);
e(
  'en',
  'ago',
  'S6',
  'just now',
  (c) => [c.now - 10 * MIN, c.now],
  'just now: the 10 minutes before arrival',
);

// ===== Chinese: "N ago" =====
e(
  'zh',
  'ago',
  'X1',
  '三天前',
  (c) => dayWin(c, c.back(3)),
  'calendar day three days before arrival (Wed 18 Nov)',
);
e('zh', 'ago', 'X1', '两个小时前', (c) => ago(c, 2, HOUR), 'arrival − 2 h ± 30 min');
e(
  'zh',
  'ago',
  'X1',
  '半小时前',
  (c) => ago(c, 1, 30 * MIN),
  'arrival − 30 min ± 15 min (half of the half-hour unit)',
);
e(
  'zh',
  'ago',
  'X1',
  '刚才',
  (c) => [c.now - 10 * MIN, c.now],
  '刚才: the 10 minutes before arrival',
);
e(
  'zh',
  'ago',
  'X2',
  '刚刚',
  (c) => [c.now - 10 * MIN, c.now],
  '刚刚 = 刚才: the 10 minutes before arrival',
);
e('zh', 'ago', 'B1', '5分钟前', (c) => ago(c, 5, MIN), 'arrival − 5 min ± 30 s');
e('zh', 'ago', 'B1', '十分钟前', (c) => ago(c, 10, MIN), 'arrival − 10 min ± 30 s');
e(
  'zh',
  'ago',
  'B1',
  '大约两个小时前',
  (c) => ago(c, 2, HOUR, true),
  'arrival − 2 h ± 30 min, 大约 +15 min each side',
);
e('zh', 'ago', 'B3', '一个小时前', (c) => ago(c, 1, HOUR), 'arrival − 1 h ± 30 min');
e(
  'zh',
  'ago',
  'B3',
  '两天前',
  (c) => dayWin(c, c.back(2)),
  'calendar day two days before arrival (Tue 17 Nov)',
);
e(
  'zh',
  'ago',
  'B3',
  '大概三天前',
  (c) => {
    const w = dayWin(c, c.back(3));
    return [w[0] - 18 * HOUR, w[1] + 18 * HOUR];
  },
  'Mon 16 Nov widened by 25 % of 3 days (18 h) each side for 大概',
);
e(
  'zh',
  'ago',
  'B6',
  '四天前',
  (c) => dayWin(c, c.back(4)),
  'arrival Thu 3 Dec: four calendar days before is Sun 29 Nov',
);
e('zh', 'ago', 'S3', '三个小时前', (c) => ago(c, 3, HOUR), 'arrival − 3 h ± 30 min');
e('zh', 'ago', 'N5', '20分钟前', (c) => ago(c, 20, MIN), 'arrival − 20 min ± 30 s');
e('zh', 'ago', 'L5', '一小时前', (c) => ago(c, 1, HOUR), 'arrival − 1 h ± 30 min');
e('zh', 'ago', 'T1', '半个小时前', (c) => ago(c, 1, 30 * MIN), 'arrival − 30 min ± 15 min');
e(
  'zh',
  'ago',
  'TZ4',
  '三天前',
  (c) => dayWin(c, c.back(3)),
  'no place; report timezone Asia/Shanghai: calendar day three days before arrival (Wed 18 Nov)',
);
e(
  'zh',
  'ago',
  'K1',
  '大约40分钟前',
  (c) => ago(c, 40, MIN, true),
  'arrival − 40 min ± 30 s, 大约 +15 min each side',
);
e(
  'zh',
  'ago',
  'C1',
  '五天前',
  (c) => dayWin(c, c.back(5)),
  'calendar day five days before arrival (Mon 16 Nov), CST',
);
e(
  'zh',
  'ago',
  'A1',
  '刚才',
  (c) => [c.now - 10 * MIN, c.now],
  '刚才: the 10 minutes before arrival',
);
e('zh', 'ago', 'G2', '三个小时前', (c) => ago(c, 3, HOUR), 'arrival − 3 h ± 30 min');
e(
  'zh',
  'ago',
  'S5',
  '两天前',
  (c) => dayWin(c, c.back(2)),
  'arrival Mon 5 Oct: two calendar days before is Sat 3 Oct (AEST, before the change)',
);

// ===== English: day of month / month name =====
e(
  'en',
  'date',
  'X1',
  'on the 19th',
  (c) => dayWin(c, c.lastDom(19)),
  'received on the 21st: the 19th of this month, whole day',
);
e(
  'en',
  'date',
  'X4',
  'on the 19th',
  (c) => dayWin(c, c.lastDom(19)),
  'received on 2 Dec: the most recent 19th is 19 Nov',
);
e(
  'en',
  'date',
  'N1',
  'on the 19th at 8 in the morning',
  (c) => clock(partClock(c, c.lastDom(19), 'morning', 8), 'h'),
  '08:00 on 19 Nov, EST; whole hour ±30 min',
);
e(
  'en',
  'date',
  'N1',
  'Nov 19 at 21:10',
  (c) => clock(c.wall([2026, 11, 19], 21, 10), 'm'),
  '21:10 on 19 Nov 2026 (most recent), EST; that minute',
);
e(
  'en',
  'date',
  'N5',
  '19 November 2026 at 9:05 pm',
  (c) => clock(c.wall([2026, 11, 19], 21, 5), 'm'),
  '21:05 on 19 Nov 2026, EST; hh:mm → that minute',
);
e(
  'en',
  'date',
  'N5',
  '11/19/2026 10pm',
  (c) => clock(c.wall([2026, 11, 19], 22), 'h'),
  'US month/day/year at New York: 22:00 on 19 Nov 2026, EST; ±30 min',
);
e(
  'en',
  'date',
  'C1',
  '11/18/2026 9:30 pm',
  (c) => clock(c.wall([2026, 11, 18], 21, 30), 'm'),
  'US month/day/year at Chicago: 21:30 on 18 Nov, CST; that minute',
);
e(
  'en',
  'date',
  'A1',
  '11/20/2026 around 7am',
  (c) => clock(c.wall([2026, 11, 20], 7), 'h', true),
  'US date at Los Angeles: 07:00 on 20 Nov, PST; ±30 min, "around" +15',
);
e(
  'en',
  'date',
  'L5',
  'March 3rd',
  (c) => dayWin(c, c.lastMD(3, 3)),
  'the most recent past 3 March: 2026, whole day GMT',
);
e(
  'en',
  'date',
  'S3',
  '3 March',
  (c) => dayWin(c, c.lastMD(3, 3)),
  'the most recent past 3 March: 2026, whole day (AEDT)',
);
e(
  'en',
  'date',
  'L5',
  'in March',
  (c) => monthWin(c, ...c.lastMonth(3)),
  'the most recent past March: March 2026, whole month',
);
e(
  'en',
  'date',
  'B4',
  'in March',
  (c) => monthWin(c, ...c.lastMonth(3)),
  'received July 2026: March 2026, whole month',
);
e(
  'en',
  'date',
  'L2',
  'in August',
  (c) => monthWin(c, ...c.lastMonth(8)),
  'the most recent past August: August 2026 (BST), whole month',
);
e(
  'en',
  'date',
  'N3',
  'in October',
  (c) => monthWin(c, ...c.lastMonth(10)),
  'received 2 Nov: October 2026, whole month (EDT)',
);
e(
  'en',
  'date',
  'T1',
  'on 3 November',
  (c) => dayWin(c, c.lastMD(11, 3)),
  'the most recent past 3 November: 2026',
);
e(
  'en',
  'date',
  'S6',
  'on the 30th',
  (c) => dayWin(c, c.lastDom(30)),
  'received 1 Feb 2027: the most recent 30th is 30 Jan 2027',
);
e(
  'en',
  'date',
  'R1',
  'December 1st',
  (c) => dayWin(c, c.lastMD(12, 1)),
  '1 Dec 2026 (this month, before arrival on the 21st)',
);
e(
  'en',
  'date',
  'L2',
  'March 2026',
  (c) => monthWin(c, 2026, 3),
  'the month of March 2026 (GMT then BST from the 29th)',
);
e(
  'en',
  'date',
  'G2',
  'on the 31st',
  (c) => dayWin(c, c.lastDom(31)),
  'received 2 Nov: the most recent 31st is 31 Oct, whole day CET',
);
e(
  'en',
  'date',
  'K1',
  'on 1 November',
  (c) => dayWin(c, c.lastMD(11, 1)),
  '1 Nov 2026, whole day IST',
);
e(
  'en',
  'date',
  'TZ3',
  'Nov 20 at 7:30 am',
  (c) => clock(c.wall([2026, 11, 20], 7, 30), 'm'),
  'no place; report timezone America/New_York: 07:30 on 20 Nov 2026; that minute',
);

// ===== Chinese: day of month / month name =====
e(
  'zh',
  'date',
  'X1',
  '19号',
  (c) => dayWin(c, c.lastDom(19)),
  'received on the 21st: the 19th of this month',
);
e('zh', 'date', 'X1', '19日', (c) => dayWin(c, c.lastDom(19)), 'received on the 21st: 19 Nov');
e(
  'zh',
  'date',
  'X1',
  '11月19日',
  (c) => dayWin(c, c.lastMD(11, 19)),
  '19 Nov 2026 (most recent past), whole day',
);
e(
  'zh',
  'date',
  'X1',
  '2026年11月19日上午9点',
  (c) => clock(partClock(c, [2026, 11, 19], 'shangwu', 9), 'h'),
  "09:00 on 19 Nov 2026, Xi'an; ±30 min",
);
e(
  'zh',
  'date',
  'X4',
  '19号',
  (c) => dayWin(c, c.lastDom(19)),
  'received on 2 Dec: the most recent 19th is 19 Nov',
);
e(
  'zh',
  'date',
  'B2',
  '30号晚上8点',
  (c) => clock(partClock(c, c.lastDom(30), 'night', 8), 'h'),
  'received 1 Dec: 30 Nov, 晚上 8 → 20:00; ±30 min',
);
e('zh', 'date', 'B6', '1号', (c) => dayWin(c, c.lastDom(1)), 'received on 3 Dec: 1 Dec, whole day');
e(
  'zh',
  'date',
  'B6',
  '3月3日',
  (c) => dayWin(c, c.lastMD(3, 3)),
  'the most recent past 3 March: 2026',
);
e(
  'zh',
  'date',
  'B4',
  '3月份',
  (c) => monthWin(c, ...c.lastMonth(3)),
  'received July 2026: March 2026, whole month',
);
e('zh', 'date', 'B1', '2026年3月', (c) => monthWin(c, 2026, 3), 'March 2026, whole month');
e(
  'zh',
  'date',
  'B1',
  '8月份',
  (c) => monthWin(c, ...c.lastMonth(8)),
  'the most recent past August: 2026',
);
e(
  'zh',
  'date',
  'B3',
  '11月2日下午3点',
  (c) => clock(partClock(c, [2026, 11, 2], 'afternoon', 3), 'h'),
  '2 Nov 2026 下午3点 → 15:00; ±30 min',
);
e(
  'zh',
  'date',
  'S6',
  '1月30日',
  (c) => dayWin(c, c.lastMD(1, 30)),
  'received 1 Feb 2027: 30 Jan 2027, AEDT',
);
e(
  'zh',
  'date',
  'S6',
  '12月25日',
  (c) => dayWin(c, c.lastMD(12, 25)),
  'received 1 Feb 2027: most recent past 25 Dec is 2026',
);
e(
  'zh',
  'date',
  'L5',
  '11月30日晚上',
  (c) => partWin(c, [2026, 11, 30], 'night'),
  '30 Nov 晚上: 18:00 → 1 Dec 06:00, GMT',
);
e(
  'zh',
  'date',
  'N3',
  '10月31日',
  (c) => dayWin(c, c.lastMD(10, 31)),
  '31 Oct 2026, whole day (EDT)',
);
e(
  'zh',
  'date',
  'T1',
  '11月20日21点10分',
  (c) => clock(c.wall([2026, 11, 20], 21, 10), 'm'),
  '21:10 on 20 Nov 2026, JST; that minute',
);
e(
  'zh',
  'date',
  'X3',
  '21号早上',
  (c) => partWin(c, c.lastDom(21), 'morning'),
  'received 23 Nov: the 21st, 早上 06:00–12:00',
);
e('zh', 'date', 'K1', '11月18日', (c) => dayWin(c, c.lastMD(11, 18)), '18 Nov 2026, whole day IST');
e(
  'zh',
  'date',
  'TZ2',
  '11月20日晚上7点',
  (c) => clock(partClock(c, [2026, 11, 20], 'night', 7), 'h'),
  'no place; report timezone Europe/London: 20 Nov 19:00; ±30 min',
);

// ===== English: season / week / month / year =====
e(
  'en',
  'period',
  'X1',
  'last week',
  (c) => dayWin(c, c.monday(1), 7),
  'previous calendar week: Mon 9 Nov 00:00 → Mon 16 Nov 00:00',
);
e(
  'en',
  'period',
  'X1',
  'last month',
  (c) => monthWin(c, 2026, 10),
  'previous calendar month: October 2026',
);
e(
  'en',
  'period',
  'X1',
  'last autumn',
  (c) => seasonWin(c, 'autumn', lastSeasonYear(c, 'autumn')),
  'said in late Nov 2026, autumn still running → autumn 2025 (Sep–Nov)',
);
e(
  'en',
  'period',
  'X1',
  'last summer',
  (c) => seasonWin(c, 'summer', lastSeasonYear(c, 'summer')),
  'summer 2026 (Jun–Aug), the most recent completed one',
);
e(
  'en',
  'period',
  'N1',
  'this week',
  (c) => [lo(c.wall(c.monday(0), 0)), c.now],
  'this calendar week: Monday 16 Nov 00:00 → arrival',
  CLIP,
);
e('en', 'period', 'L2', 'last year', (c) => yearWin(c, 2025), 'the calendar year 2025, London');
e(
  'en',
  'period',
  'S4',
  'last summer',
  (c) => seasonWin(c, 'summer', lastSeasonYear(c, 'summer')),
  'southern hemisphere: summer = Dec 2025–Feb 2026',
);
e(
  'en',
  'period',
  'S4',
  'last winter',
  (c) => seasonWin(c, 'winter', lastSeasonYear(c, 'winter')),
  'southern hemisphere: winter = Jun–Aug 2026',
);
e(
  'en',
  'period',
  'S4',
  'last spring',
  (c) => seasonWin(c, 'spring', lastSeasonYear(c, 'spring')),
  'southern spring (Sep–Nov) still running in Nov 2026 → Sep–Nov 2025',
);
e(
  'en',
  'period',
  'S2',
  'last autumn',
  (c) => seasonWin(c, 'autumn', lastSeasonYear(c, 'autumn')),
  'southern hemisphere, Jan 2027: autumn = Mar–May 2026',
);
e(
  'en',
  'period',
  'B2',
  'last month',
  (c) => monthWin(c, 2026, 11),
  'received 1 Dec: November 2026',
);
e(
  'en',
  'period',
  'N5',
  'this month',
  (c) => [lo(c.wall([2026, 11, 1], 0)), c.now],
  '1 Nov 00:00 → arrival',
  CLIP,
);
e(
  'en',
  'period',
  'R1',
  'last winter',
  (c) => seasonWin(c, 'winter', lastSeasonYear(c, 'winter')),
  'said 21 Dec 2026 (winter 2026/27 running) → Dec 2025–Feb 2026',
);
e(
  'en',
  'period',
  'X4',
  'last autumn',
  (c) => seasonWin(c, 'autumn', lastSeasonYear(c, 'autumn')),
  'said 2 Dec 2026, autumn just ended → Sep–Nov 2026',
);
e('en', 'period', 'C1', 'in 2025', (c) => yearWin(c, 2025), 'the calendar year 2025, Chicago');
e(
  'en',
  'period',
  'A1',
  'the week before last',
  (c) => dayWin(c, c.monday(2), 7),
  'two calendar weeks back: Mon 9 Nov → Mon 16 Nov 00:00',
);
e(
  'en',
  'period',
  'TZ2',
  'last week',
  (c) => dayWin(c, c.monday(1), 7),
  'no place; report timezone Europe/London, arrival Mon 23 Nov: Mon 16 → Mon 23 Nov 00:00',
);

// ===== Chinese: season / week / month / year =====
e(
  'zh',
  'period',
  'X1',
  '上周',
  (c) => dayWin(c, c.monday(1), 7),
  'previous calendar week: Mon 9 Nov → Mon 16 Nov 00:00',
);
e('zh', 'period', 'X1', '上个月', (c) => monthWin(c, 2026, 10), 'October 2026');
e(
  'zh',
  'period',
  'X1',
  '去年秋天',
  (c) => seasonWin(c, 'autumn', 2025),
  '去年 = 2025: autumn Sep–Nov 2025',
);
e('zh', 'period', 'X1', '去年', (c) => yearWin(c, 2025), 'the calendar year 2025');
e('zh', 'period', 'B2', '上个月', (c) => monthWin(c, 2026, 11), 'received 1 Dec: November 2026');
e('zh', 'period', 'B4', '去年夏天', (c) => seasonWin(c, 'summer', 2025), 'summer (Jun–Aug) 2025');
e(
  'zh',
  'period',
  'B4',
  '上周',
  (c) => dayWin(c, c.monday(1), 7),
  'arrival Wed 15 Jul: Mon 6 Jul → Mon 13 Jul 00:00',
);
e(
  'zh',
  'period',
  'B1',
  '本周',
  (c) => [lo(c.wall(c.monday(0), 0)), c.now],
  'this week: Mon 16 Nov 00:00 → arrival (Sun)',
  CLIP,
);
e(
  'zh',
  'period',
  'B6',
  '这个月',
  (c) => [lo(c.wall([2026, 12, 1], 0)), c.now],
  '1 Dec 00:00 → arrival',
  CLIP,
);
e(
  'zh',
  'period',
  'S4',
  '去年秋天',
  (c) => seasonWin(c, 'autumn', 2025),
  'southern hemisphere: autumn of 2025 = Mar–May 2025',
);
e(
  'zh',
  'period',
  'S2',
  '上上周',
  (c) => dayWin(c, c.monday(2), 7),
  'arrival Sun 10 Jan 2027: the week before last, Mon 21 Dec → Mon 28 Dec 2026',
);
e(
  'zh',
  'period',
  'N3',
  '上上个月',
  (c) => monthWin(c, 2026, 9),
  'received 2 Nov: two months back, September 2026 (EDT)',
);
e(
  'zh',
  'period',
  'T1',
  '今年夏天',
  (c) => seasonWin(c, 'summer', 2026),
  'summer (Jun–Aug) 2026, Tokyo',
);
e('zh', 'period', 'L2', '2025年', (c) => yearWin(c, 2025), 'the year 2025, London');
e(
  'zh',
  'period',
  'G2',
  '上周',
  (c) => dayWin(c, c.monday(1), 7),
  'arrival Mon 2 Nov: Mon 26 Oct → Mon 2 Nov 00:00 (CET)',
);
e(
  'zh',
  'period',
  'R1',
  '去年夏天',
  (c) => seasonWin(c, 'summer', 2025),
  'summer (Jun–Aug) 2025, Reykjavik',
);

// ===== English: sun =====
e(
  'en',
  'sun',
  'X5',
  'at dawn',
  (c) => sunLast(c, 'dawn'),
  "this morning's dawn in Xi'an (18 Nov): [nautical dawn, sunrise]",
);
e('en', 'sun', 'X5', 'at sunset', (c) => sunLast(c, 'sunset'), "today's sunset in Xi'an ± 20 min");
e(
  'en',
  'sun',
  'X1',
  'at dawn',
  (c) => sunLast(c, 'dawn'),
  "this morning's dawn in Xi'an (21 Nov): [nautical dawn, sunrise]",
);
e(
  'en',
  'sun',
  'X1',
  'yesterday at sunset',
  (c) => sunOn(c, c.back(1), 'sunset'),
  "sunset in Xi'an on 20 Nov ± 20 min",
);
e(
  'en',
  'sun',
  'N1',
  'at sunrise',
  (c) => sunLast(c, 'sunrise'),
  "this morning's sunrise in New York ± 20 min",
);
e(
  'en',
  'sun',
  'N1',
  'at dusk yesterday',
  (c) => sunOn(c, c.back(1), 'dusk'),
  'New York, 20 Nov: [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'L3',
  'at first light',
  (c) => sunLast(c, 'dawn'),
  'London midsummer (21 Jun): [nautical dawn, sunrise]',
);
e(
  'en',
  'sun',
  'L3',
  'yesterday at sunset',
  (c) => sunOn(c, c.back(1), 'sunset'),
  'London sunset on 20 Jun ± 20 min (BST)',
);
e(
  'en',
  'sun',
  'S2',
  'at sunset',
  (c) => sunLast(c, 'sunset'),
  "Sydney southern summer (10 Jan 2027): today's sunset ± 20 min",
);
e(
  'en',
  'sun',
  'S2',
  'at daybreak',
  (c) => sunLast(c, 'dawn'),
  'Sydney 10 Jan 2027: [nautical dawn, sunrise]',
);
e(
  'en',
  'sun',
  'R1',
  'at sunrise',
  (c) => sunLast(c, 'sunrise'),
  "Reykjavik at the winter solstice: today's late sunrise ± 20 min",
);
e(
  'en',
  'sun',
  'R1',
  'at nightfall yesterday',
  (c) => sunOn(c, c.back(1), 'dusk'),
  'Reykjavik 20 Dec: [sunset, nautical dusk]',
);
e(
  'en',
  'sun',
  'A1',
  'at sunset',
  (c) => sunLast(c, 'sunset'),
  'Los Angeles, today (25 Nov) sunset ± 20 min',
);
e(
  'en',
  'sun',
  'C1',
  'at dawn',
  (c) => sunLast(c, 'dawn'),
  'Chicago, this morning (21 Nov): [nautical dawn, sunrise]',
);
e(
  'en',
  'sun',
  'G2',
  'at dusk yesterday',
  (c) => sunOn(c, c.back(1), 'dusk'),
  'Berlin, 1 Nov: [sunset, nautical dusk] (CET)',
);
e(
  'en',
  'sun',
  'K1',
  'at sunset',
  (c) => sunLast(c, 'sunset'),
  'Kolkata, today (20 Nov) sunset ± 20 min',
);
e(
  'en',
  'sun',
  'T1',
  'at sunrise',
  (c) => sunLast(c, 'sunrise'),
  'Tokyo, this morning (24 Nov) sunrise ± 20 min',
);
e(
  'en',
  'sun',
  'S3',
  'at dawn on Friday',
  (c) => sunOn(c, c.lastWd(5), 'dawn'),
  'Sydney, Friday 18 Dec: [nautical dawn, sunrise]',
);

// ===== Chinese: sun =====
e(
  'zh',
  'sun',
  'X5',
  '黎明',
  (c) => sunLast(c, 'dawn'),
  '西安 11月18日 黎明: [nautical dawn, sunrise]',
);
e('zh', 'sun', 'X5', '日落的时候', (c) => sunLast(c, 'sunset'), '西安 11月18日 日落 ± 20 min');
e(
  'zh',
  'sun',
  'X5',
  '黄昏',
  (c) => sunLast(c, 'dusk'),
  '西安 11月18日 黄昏: [sunset, nautical dusk]',
);
e(
  'zh',
  'sun',
  'X1',
  '昨天傍晚',
  (c) => sunOn(c, c.back(1), 'bangwan'),
  '西安 11月20日 傍晚: [sunset − 60 min, nautical dusk]',
);
e(
  'zh',
  'sun',
  'X1',
  '天亮的时候',
  (c) => sunLast(c, 'dawn'),
  '西安 this morning (21 Nov): [nautical dawn, sunrise]',
);
e(
  'zh',
  'sun',
  'X1',
  '昨天日出时',
  (c) => sunOn(c, c.back(1), 'sunrise'),
  '西安 11月20日 日出 ± 20 min',
);
e(
  'zh',
  'sun',
  'B1',
  '傍晚',
  (c) => sunLast(c, 'bangwan'),
  'Beijing today (22 Nov): [sunset − 60 min, nautical dusk]',
);
e(
  'zh',
  'sun',
  'B1',
  '拂晓',
  (c) => sunLast(c, 'dawn'),
  'Beijing this morning (22 Nov): [nautical dawn, sunrise]',
);
e(
  'zh',
  'sun',
  'B4',
  '天黑的时候',
  (c) => sunLast(c, 'dusk'),
  'Beijing midsummer (15 Jul): [sunset, nautical dusk]',
);
e('zh', 'sun', 'B4', '日出', (c) => sunLast(c, 'sunrise'), 'Beijing 15 Jul sunrise ± 20 min');
e(
  'zh',
  'sun',
  'S6',
  '昨天黄昏',
  (c) => sunOn(c, c.back(1), 'dusk'),
  'Sydney summer, 31 Jan 2027: [sunset, nautical dusk]',
);
e(
  'zh',
  'sun',
  'S6',
  '日出的时候',
  (c) => sunLast(c, 'sunrise'),
  'Sydney 1 Feb 2027: sunrise ± 20 min',
);
e(
  'zh',
  'sun',
  'L5',
  '昨天日落时',
  (c) => sunOn(c, c.back(1), 'sunset'),
  'London 2 Dec: sunset ± 20 min',
);
e(
  'zh',
  'sun',
  'N5',
  '傍晚',
  (c) => sunLast(c, 'bangwan'),
  'New York today (24 Nov): [sunset − 60 min, nautical dusk]',
);
e(
  'zh',
  'sun',
  'T1',
  '今天黎明',
  (c) => sunOn(c, c.today, 'dawn'),
  'Tokyo 24 Nov: [nautical dawn, sunrise]',
);
e(
  'zh',
  'sun',
  'R1',
  '天亮的时候',
  (c) => sunLast(c, 'dawn'),
  'Reykjavik 21 Dec: [nautical dawn, sunrise]',
);
e('zh', 'sun', 'K1', '黄昏', (c) => sunLast(c, 'dusk'), 'Kolkata 20 Nov: [sunset, nautical dusk]');
e(
  'zh',
  'sun',
  'G1',
  '昨天日落的时候',
  (c) => sunOn(c, c.back(1), 'sunset'),
  'Berlin 24 Oct (still CEST): sunset ± 20 min',
);
e(
  'zh',
  'sun',
  'S4',
  '昨天天黑的时候',
  (c) => sunOn(c, c.back(1), 'dusk'),
  'Sydney 20 Nov: [sunset, nautical dusk]',
);

// ===== English: written zones =====
e(
  'en',
  'zone',
  'X1',
  '2026-11-20 13:10 UTC',
  () => clock(Z('UTC', 2026, 11, 20, 13, 10), 'm'),
  'written UTC: 13:10Z that minute; UTC is a convention, not a disagreement',
);
e(
  'en',
  'zone',
  'X1',
  '10 pm EST',
  (c) => clock(c.lastWall(22, 0, 0, EST), 'h'),
  "written EST (−05:00) at Xi'an: most recent past 22:00 EST; ±30 min",
  { flags: ['time.zone_mismatch'] },
);
e(
  'en',
  'zone',
  'N1',
  'yesterday 10pm EST',
  (c) => clock(c.wall(c.back(1), 22, 0, 0, EST), 'h'),
  'EST agrees with New York in November: 22:00 −05:00 on Friday; ±30 min',
);
e(
  'en',
  'zone',
  'U2',
  'yesterday 10pm EST',
  (c) => clock(c.wall(addDays(c.todayIn(EST), -1), 22, 0, 0, EST), 'h'),
  'no place: "yesterday" on the EST clock at arrival (Sat 09:00) → Fri 22:00 −05:00; ±30 min',
);
e(
  'en',
  'zone',
  'U1',
  '20 Nov 2026 21:10 GMT+8',
  () => clock(Z('UTC+8', 2026, 11, 20, 21, 10), 'm'),
  'written GMT+8: 21:10+08:00 = 13:10Z; that minute',
);
e(
  'en',
  'zone',
  'U2',
  'Nov 20, 2026 10 pm CST',
  () => clock([...Z(CST_CN, 2026, 11, 20, 22), ...Z(CST_US, 2026, 11, 20, 22)], 'h'),
  'CST with no place: China (+08:00) and US Central (−06:00) readings (Cuba −05:00 lies between); ±30 min, window spans both',
  { flags: ['time.zone_ambiguous'] },
);
e(
  'en',
  'zone',
  'C1',
  'yesterday at 10 pm CST',
  (c) => clock(c.wall(c.back(1), 22, 0, 0, CST_US), 'h'),
  'CST at Chicago: the US Central reading only, Fri 22:00 −06:00; ±30 min',
);
e(
  'en',
  'zone',
  'B1',
  'at 9 pm CST',
  (c) => clock(c.lastWall(21, 0, 0, CST_CN), 'h'),
  'CST in China: China Standard Time; most recent 21:00 is Saturday; ±30 min',
);
e(
  'en',
  'zone',
  'N4',
  '3 July 2026 at 10 pm EST',
  () => clock([...Z(EST, 2026, 7, 3, 22), ...Z(EDT, 2026, 7, 3, 22)], 'h'),
  '"EST" while New York is on daylight time: both −05:00 and −04:00 readings; ±30 min',
);
e(
  'en',
  'zone',
  'U3',
  'July 10, 2026, 9:30 pm EST',
  () => clock([...Z(EST, 2026, 7, 10, 21, 30), ...Z(EDT, 2026, 7, 10, 21, 30)], 'm'),
  '"EST" written in July: literal −05:00 or the Eastern daylight −04:00; each that minute, window spans both',
);
e(
  'en',
  'zone',
  'U1',
  '2026-11-20 21:10 Asia/Tokyo',
  () => clock(Z('Asia/Tokyo', 2026, 11, 20, 21, 10), 'm'),
  'IANA zone written: 21:10 JST = 12:10Z; that minute',
);
e(
  'en',
  'zone',
  'U2',
  'Nov 19 2026, 8:15 pm America/Los_Angeles',
  () => clock(Z('America/Los_Angeles', 2026, 11, 19, 20, 15), 'm'),
  'IANA zone written: 20:15 PST (−08:00); that minute',
);
e(
  'en',
  'zone',
  'U2',
  'yesterday at 9 pm Eastern Time',
  (c) =>
    clock(c.wall(addDays(c.todayIn('America/New_York'), -1), 21, 0, 0, 'America/New_York'), 'h'),
  'no place: Eastern Time clock at arrival reads Sat 09:00 → Fri 21:00 (EST, −05:00); ±30 min',
);
e(
  'en',
  'zone',
  'U3',
  'July 11 at 8 pm Eastern Time',
  () => clock(Z('America/New_York', 2026, 7, 11, 20), 'h'),
  'Eastern Time in July is EDT (−04:00): 20:00 on 11 Jul 2026; ±30 min',
);
e(
  'en',
  'zone',
  'N1',
  '9 pm Beijing time',
  (c) => clock(c.lastWall(21, 0, 0, 'Asia/Shanghai'), 'h'),
  'written Beijing time at New York: most recent past 21:00 +08:00 (Sat 21 Nov, 13:00Z); ±30 min',
  { flags: ['time.zone_mismatch'] },
);
e(
  'en',
  'zone',
  'A1',
  '9 pm PST on Nov 18',
  () => clock(Z('UTC-8', 2026, 11, 18, 21), 'h'),
  'PST agrees with Los Angeles in November: 21:00 −08:00 on 18 Nov; ±30 min',
);
e(
  'en',
  'zone',
  'A1',
  'Nov 24 at 7:30 pm Pacific Time',
  () => clock(Z('America/Los_Angeles', 2026, 11, 24, 19, 30), 'm'),
  'Pacific Time on 24 Nov = PST: 19:30 −08:00; that minute',
);
e(
  'en',
  'zone',
  'K1',
  '22:00 IST',
  (c) => clock(c.lastWall(22, 0, 0, 'UTC+5:30'), 'm'),
  'IST at Kolkata: India Standard Time (+05:30); 22:00 today; hh:mm → that minute',
);
e(
  'en',
  'zone',
  'T1',
  '9 am JST',
  (c) => clock(c.lastWall(9, 0, 0, 'UTC+9'), 'h'),
  'JST agrees with Tokyo: 09:00 today; ±30 min',
);
e(
  'en',
  'zone',
  'U1',
  '20 November 2026, 9 pm JST',
  () => clock(Z('UTC+9', 2026, 11, 20, 21), 'h'),
  'JST (+09:00): 21:00 = 12:00Z; ±30 min',
);
e(
  'en',
  'zone',
  'G2',
  'Nov 1 at 9 pm CET',
  () => clock(Z('UTC+1', 2026, 11, 1, 21), 'h'),
  'CET agrees with Berlin in November: 21:00 +01:00; ±30 min',
);
e(
  'en',
  'zone',
  'L2',
  '11 pm GMT',
  (c) => clock(c.lastWall(23, 0, 0, 'UTC'), 'h'),
  'GMT agrees with London in November: Sunday 23:00Z; ±30 min',
);
e(
  'en',
  'zone',
  'L3',
  'yesterday at 10:30 pm BST',
  (c) => clock(c.wall(c.back(1), 22, 30, 0, 'UTC+1'), 'm'),
  'BST agrees with London in June: 20 Jun 22:30 +01:00; that minute',
);
e(
  'en',
  'zone',
  'S3',
  '8 pm AEDT',
  (c) => clock(c.lastWall(20, 0, 0, 'UTC+11'), 'h'),
  'AEDT agrees with Sydney in December: Friday 20:00 +11:00; ±30 min',
);
e(
  'en',
  'zone',
  'X1',
  '13:10 UTC',
  (c) => clock(c.lastWall(13, 10, 0, 'UTC'), 'm'),
  'written UTC, no date: most recent past 13:10Z (20 Nov); that minute',
);
e(
  'en',
  'zone',
  'U1',
  '2026-11-20T13:10:00Z',
  () => clock(Z('UTC', 2026, 11, 20, 13, 10, 0), 's'),
  'ISO 8601 with seconds and Z: that second',
);
e(
  'en',
  'zone',
  'U1',
  '2026-11-20T21:10+08:00',
  () => clock(Z('UTC+8', 2026, 11, 20, 21, 10), 'm'),
  'ISO 8601 with offset +08:00: 13:10Z, that minute',
);
e(
  'en',
  'zone',
  'U2',
  '20 Nov 2026 14:05 UTC-5',
  () => clock(Z('UTC-5', 2026, 11, 20, 14, 5), 'm'),
  'written UTC−5: 14:05 −05:00 = 19:05Z; that minute',
);
e(
  'en',
  'zone',
  'X1',
  '9 pm Eastern Time',
  (c) => clock(c.lastWall(21, 0, 0, 'America/New_York'), 'h'),
  "written Eastern Time at Xi'an: most recent past 21:00 EST (Fri, 02:00Z Sat); ±30 min",
  { flags: ['time.zone_mismatch'] },
);
e(
  'en',
  'zone',
  'S4',
  '6 pm London time',
  (c) => clock(c.lastWall(18, 0, 0, 'Europe/London'), 'h'),
  'written London time at Sydney: most recent past 18:00 GMT (Fri 20 Nov); ±30 min',
  { flags: ['time.zone_mismatch'] },
);
e(
  'en',
  'zone',
  'TZ3',
  '2026-11-20 22:15 UTC',
  () => clock(Z('UTC', 2026, 11, 20, 22, 15), 'm'),
  'written UTC (report timezone New York): 22:15Z; that minute',
);
e(
  'en',
  'zone',
  'U2',
  '19 Nov 2026 18:00 Europe/Berlin',
  () => clock(Z('Europe/Berlin', 2026, 11, 19, 18), 'm'),
  'IANA zone written: 18:00 CET (+01:00); hh:mm → that minute',
);

// ===== Chinese: written zones =====
e(
  'zh',
  'zone',
  'U1',
  '北京时间2026年11月20日21点10分',
  () => clock(Z('Asia/Shanghai', 2026, 11, 20, 21, 10), 'm'),
  '北京时间 (+08:00): 21:10 = 13:10Z; that minute',
);
e(
  'zh',
  'zone',
  'X1',
  '北京时间昨晚10点',
  (c) => clock(partClock(c, c.back(1), 'night', 10), 'h'),
  "北京时间 agrees with Xi'an: 昨晚 10 → Fri 22:00 +08:00; ±30 min",
);
e(
  'zh',
  'zone',
  'U1',
  '东八区2026年11月20日晚上9点',
  () => clock(Z('UTC+8', 2026, 11, 20, 21), 'h'),
  '东八区 = UTC+8; 晚上9点 → 21:00 = 13:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'U1',
  '格林尼治时间2026年11月20日13点10分',
  () => clock(Z('UTC', 2026, 11, 20, 13, 10), 'm'),
  '格林尼治时间 = GMT (+00:00): 13:10Z; that minute',
);
e(
  'zh',
  'zone',
  'B1',
  'UTC时间11月20日13:10',
  () => clock(Z('UTC', 2026, 11, 20, 13, 10), 'm'),
  'written UTC at Beijing (a convention, no flag): 13:10Z; that minute',
);
e(
  'zh',
  'zone',
  'B3',
  '美国东部时间2026年11月18日晚上10点',
  () => clock(Z('America/New_York', 2026, 11, 18, 22), 'h'),
  'written US Eastern at Beijing: 22:00 EST = 03:00Z 19 Nov; ±30 min',
  { flags: ['time.zone_mismatch'] },
);
e(
  'zh',
  'zone',
  'U1',
  '日本时间11月20日晚上8点',
  () => clock(Z('Asia/Tokyo', 2026, 11, 20, 20), 'h'),
  '日本时间 (+09:00), year = most recent: 20:00 = 11:00Z; ±30 min',
);
e(
  'zh',
  'zone',
  'U2',
  '北京时间昨晚十点',
  (c) => clock(c.wall(addDays(c.todayIn('Asia/Shanghai'), -1), 22, 0, 0, 'Asia/Shanghai'), 'h'),
  'no place: Beijing clock at arrival reads Sat 22:00 → 昨晚十点 = Fri 22:00 +08:00; ±30 min',
);
e(
  'zh',
  'zone',
  'U2',
  'CST 2026年11月20日22:00',
  () => clock([...Z(CST_CN, 2026, 11, 20, 22), ...Z(CST_US, 2026, 11, 20, 22)], 'm'),
  'CST with no place: China +08:00 and US Central −06:00 readings; each that minute, window spans both',
  { flags: ['time.zone_ambiguous'] },
);
e(
  'zh',
  'zone',
  'U1',
  '东八区 2026-11-20 21:10',
  () => clock(Z('UTC+8', 2026, 11, 20, 21, 10), 'm'),
  '东八区 = UTC+8: 13:10Z; that minute',
);
e(
  'zh',
  'zone',
  'N1',
  '北京时间晚上9点',
  (c) => clock(c.lastWall(21, 0, 0, 'Asia/Shanghai'), 'h'),
  'written Beijing time at New York: most recent past 21:00 +08:00; ±30 min',
  { flags: ['time.zone_mismatch'] },
);
e(
  'zh',
  'zone',
  'L2',
  '伦敦时间11月22日下午3点',
  () => clock(Z('Europe/London', 2026, 11, 22, 15), 'h'),
  '伦敦时间 agrees with London: 15:00 GMT; ±30 min',
);
e(
  'zh',
  'zone',
  'U1',
  '北京时间2026年11月20日21点10分30秒',
  () => clock(Z('Asia/Shanghai', 2026, 11, 20, 21, 10, 30), 's'),
  '北京时间 with seconds: 13:10:30Z, that second',
);
e(
  'zh',
  'zone',
  'TZ1',
  '协调世界时11月23日13点',
  () => clock(Z('UTC', 2026, 11, 23, 13), 'h'),
  '协调世界时 = UTC: 13:00Z on 23 Nov; ±30 min',
);
e(
  'zh',
  'zone',
  'U2',
  '纽约时间2026年11月20日晚上10点',
  () => clock(Z('America/New_York', 2026, 11, 20, 22), 'h'),
  '纽约时间 = America/New_York (EST): 22:00 = 03:00Z 21 Nov; ±30 min',
);
e(
  'zh',
  'zone',
  'X4',
  '北京时间12月1日晚上8点半',
  () => clock(Z('Asia/Shanghai', 2026, 12, 1, 20, 30), 'q'),
  "北京时间 agrees with Xi'an: 1 Dec 20:30; 半 ±7.5 min",
);
e(
  'zh',
  'zone',
  'C1',
  'CST 11月20日晚上10点',
  () => clock(Z(CST_US, 2026, 11, 20, 22), 'h'),
  'CST at Chicago: US Central only, 22:00 −06:00; ±30 min',
);
e(
  'zh',
  'zone',
  'S3',
  '悉尼时间12月18日晚上7点',
  () => clock(Z('Australia/Sydney', 2026, 12, 18, 19), 'h'),
  '悉尼时间 agrees with Sydney: 19:00 AEDT; ±30 min',
);
e(
  'zh',
  'zone',
  'U1',
  'UTC+8 2026年11月20日20:30',
  () => clock(Z('UTC+8', 2026, 11, 20, 20, 30), 'm'),
  'written UTC+8: 20:30 = 12:30Z; that minute',
);
e(
  'zh',
  'zone',
  'B6',
  '北京时间12月2日下午4点一刻',
  () => clock(Z('Asia/Shanghai', 2026, 12, 2, 16, 15), 'q'),
  '北京时间 at Beijing: 2 Dec 16:15; 一刻 ±7.5 min',
);

// ===== English: DST =====
e(
  'en',
  'dst',
  'N2',
  'at 1:30 am',
  (c) => clock(c.lastWall(1, 30), 'm'),
  'New York fell back at 02:00 this morning: 01:30 happened twice (EDT 05:30Z, EST 06:30Z); each that minute',
);
e(
  'en',
  'dst',
  'N2',
  'last night at half past one',
  (c) => clock(partClock(c, c.back(1), 'night', 1, 30), 'q'),
  'last night 01:30, which occurred twice (EDT and EST); ±7.5 min around each',
);
e(
  'en',
  'dst',
  'N3',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'Sunday 1 Nov had 25 hours: 00:00 EDT → 00:00 EST next day',
);
e(
  'en',
  'dst',
  'N3',
  'at 1:15 am on November 1',
  () => clock(Z('America/New_York', 2026, 11, 1, 1, 15), 'm'),
  '01:15 on 1 Nov occurred twice (EDT 05:15Z, EST 06:15Z); each that minute',
);
e(
  'en',
  'dst',
  'N0',
  'an hour ago',
  (c) => ago(c, 1, HOUR),
  'arrival 01:45 EST (06:45Z), just after the fall-back: 05:15Z–06:15Z, i.e. 01:15 EDT → 01:15 EST',
);
e(
  'en',
  'dst',
  'L1',
  'at 1:30 am',
  (c) => clock(c.lastWall(1, 30), 'm'),
  'London sprang forward 01:00 → 02:00 today: 01:30 did not exist; a clock not yet changed (01:30Z) or already changed (00:30Z) both count',
);
e(
  'en',
  'dst',
  'L1',
  'last night',
  (c) => partWin(c, c.back(1), 'night'),
  'Saturday 18:00 GMT → Sunday 06:00 BST (11 hours)',
);
e(
  'en',
  'dst',
  'L0',
  '2 hours ago',
  (c) => ago(c, 2, HOUR),
  'arrival 03:30 BST (02:30Z): arrival − 2 h ± 30 min = 00:00Z–01:00Z (00:00 GMT → 02:00 BST)',
);
e(
  'en',
  'dst',
  'S1',
  'at 2:30 am',
  (c) => clock(c.lastWall(2, 30), 'm'),
  'Sydney sprang forward 02:00 → 03:00 today: 02:30 did not exist; +10:00 and +11:00 readings both count',
);
e(
  'en',
  'dst',
  'S5',
  'yesterday',
  (c) => dayWin(c, c.back(1)),
  'Sunday 4 Oct had 23 hours: 00:00 AEST → 00:00 AEDT next day',
);
e(
  'en',
  'dst',
  'G1',
  'at 2:30 am',
  (c) => clock(c.lastWall(2, 30), 'm'),
  'Berlin fell back 03:00 → 02:00 today: 02:30 happened twice (CEST 00:30Z, CET 01:30Z)',
);
e(
  'en',
  'dst',
  'G1',
  'last night around 2:30',
  (c) => clock(partClock(c, c.back(1), 'night', 2, 30), 'm', true),
  'last night 02:30, twice (CEST and CET); hh:mm each, "around" +15 min each side',
);
e(
  'en',
  'dst',
  'L1',
  'today',
  (c) => [lo(c.wall(c.today, 0)), c.now],
  '00:00 GMT → arrival 09:00 BST (8 hours elapsed)',
  CLIP,
);

// ===== Chinese: DST =====
e(
  'zh',
  'dst',
  'N2',
  '凌晨1点半',
  (c) => clock(c.lastWall(1, 30), 'q'),
  '纽约 11月1日 凌晨1:30 occurred twice (EDT and EST); 半 ±7.5 min around each',
);
e(
  'zh',
  'dst',
  'N3',
  '11月1日凌晨1点20分',
  () => clock(Z('America/New_York', 2026, 11, 1, 1, 20), 'm'),
  '01:20 on 1 Nov occurred twice (05:20Z, 06:20Z); each that minute',
);
e(
  'zh',
  'dst',
  'L1',
  '今天凌晨1点半',
  (c) => clock(c.wall(c.today, 1, 30), 'q'),
  'London 01:30 did not exist today (spring forward): GMT and BST readings; 半 ±7.5 min',
);
e(
  'zh',
  'dst',
  'L1',
  '昨晚',
  (c) => partWin(c, c.back(1), 'night'),
  'Saturday 18:00 GMT → Sunday 06:00 BST',
);
e(
  'zh',
  'dst',
  'S1',
  '凌晨2点15分',
  (c) => clock(c.lastWall(2, 15), 'm'),
  'Sydney 02:15 did not exist today (spring forward): +10:00 and +11:00 readings; each that minute',
);
e(
  'zh',
  'dst',
  'S5',
  '昨天',
  (c) => dayWin(c, c.back(1)),
  '4 Oct had 23 hours in Sydney: 00:00 AEST → 00:00 AEDT',
);
e(
  'zh',
  'dst',
  'G1',
  '凌晨2点半',
  (c) => clock(c.lastWall(2, 30), 'q'),
  'Berlin 02:30 happened twice today (CEST, CET); 半 ±7.5 min around each',
);
e(
  'zh',
  'dst',
  'G2',
  '10月25日凌晨2点45分',
  () => clock(Z('Europe/Berlin', 2026, 10, 25, 2, 45), 'm'),
  'Berlin 02:45 on 25 Oct happened twice (00:45Z, 01:45Z); each that minute',
);
e(
  'zh',
  'dst',
  'G1',
  '昨晚',
  (c) => partWin(c, c.back(1), 'night'),
  'Saturday 18:00 CEST → Sunday 06:00 CET (13 hours)',
);
e(
  'zh',
  'dst',
  'N0',
  '一个小时前',
  (c) => ago(c, 1, HOUR),
  'arrival 01:45 EST right after the fall-back: arrival − 1 h ± 30 min (01:15 EDT → 01:15 EST)',
);
e(
  'zh',
  'dst',
  'L0',
  '两个小时前',
  (c) => ago(c, 2, HOUR),
  'arrival 03:30 BST just after the jump: 00:00Z–01:00Z',
);

// ===== English: clock + day / part of day / season =====
e(
  'en',
  'combo',
  'X1',
  'quarter past nine last night',
  (c) => clock(partClock(c, c.back(1), 'night', 9, 15), 'q'),
  'last night → 21:15 yesterday; quarter ±7.5 min',
);
e(
  'en',
  'combo',
  'X2',
  'quarter past nine last night',
  (c) => clock(partClock(c, c.back(1), 'night', 9, 15), 'q'),
  'arrival Sat 04:30: last night → 21:15 Friday; ±7.5 min',
);
e(
  'en',
  'combo',
  'X2',
  "2 o'clock last night",
  (c) => clock(partClock(c, c.back(1), 'night', 2), 'h'),
  'last night runs to 06:00 today → 02:00 today (arrival 04:30); ±30 min',
);
e(
  'en',
  'combo',
  'X1',
  'about 3 AM last autumn',
  (c) => seasonClock(c, 'autumn', lastSeasonYear(c, 'autumn'), 3, 0, 'h', true),
  'last autumn = Sep–Nov 2025: 03:00 on 1 Sep − 45 min → 03:00 on 30 Nov + 45 min',
);
e(
  'en',
  'combo',
  'X1',
  'yesterday at 10 pm',
  (c) => clock(c.wall(c.back(1), 22), 'h'),
  "10 pm the day before arrival, local (Xi'an, UTC+8); an hour stated: ±30 min",
);
e(
  'en',
  'combo',
  'N1',
  'last night around 11',
  (c) => clock(partClock(c, c.back(1), 'night', 11), 'h', true),
  'last night → 23:00 Friday EST; ±30 min, "around" +15',
);
e(
  'en',
  'combo',
  'N1',
  'at 7 this morning',
  (c) => clock(partClock(c, c.today, 'morning', 7), 'h'),
  '07:00 today, EST; ±30 min',
);
e(
  'en',
  'combo',
  'N1',
  'earlier today at 8:40',
  (c) => clock(c.wall(c.today, 8, 40), 'm'),
  'only 08:40 is earlier today (arrival 09:00); that minute',
);
e(
  'en',
  'combo',
  'L2',
  'ten past nine last night',
  (c) => clock(partClock(c, c.back(1), 'night', 9, 10), 'f'),
  'Sunday 21:10 GMT; minutes in words: ±2.5 min',
);
e(
  'en',
  'combo',
  'L2',
  'twenty to seven this morning',
  (c) => clock(partClock(c, c.today, 'morning', 6, 40), 'f'),
  '06:40 today (arrival 07:00); minutes in words: ±2.5 min',
);
e(
  'en',
  'combo',
  'L5',
  'yesterday afternoon at half past four',
  (c) => clock(partClock(c, c.back(1), 'afternoon', 4, 30), 'q'),
  'Wed 2 Dec 16:30 GMT; half past ±7.5 min',
);
e(
  'en',
  'combo',
  'S4',
  'Tuesday evening at 7:30',
  (c) => clock(partClock(c, c.lastWd(2), 'evening', 7, 30), 'm'),
  'the most recent Tuesday (17 Nov) 19:30 AEDT; that minute',
);
e(
  'en',
  'combo',
  'S4',
  'yesterday at 12 noon',
  (c) => clock(partClock(c, c.back(1), 'noon', 12), 'h'),
  'Friday 12:00 AEDT; ±30 min',
);
e(
  'en',
  'combo',
  'T1',
  'Sunday afternoon at 4',
  (c) => clock(partClock(c, c.lastWd(7), 'afternoon', 4), 'h'),
  'Sunday 22 Nov 16:00 JST; ±30 min',
);
e(
  'en',
  'combo',
  'A1',
  'this morning at quarter to eight',
  (c) => clock(partClock(c, c.today, 'morning', 7, 45), 'q'),
  '07:45 today PST; ±7.5 min',
);
e(
  'en',
  'combo',
  'C1',
  'Thursday night at 11:20',
  (c) => clock(partClock(c, c.lastWd(4), 'night', 11, 20), 'm'),
  'Thursday 19 Nov 23:20 CST; that minute',
);
e(
  'en',
  'combo',
  'C1',
  'at 6 in the evening yesterday',
  (c) => clock(partClock(c, c.back(1), 'evening', 6), 'h'),
  'Friday 18:00 CST; ±30 min',
);
e(
  'en',
  'combo',
  'K1',
  'at 9 in the morning',
  (c) => clock(partClock(c, c.today, 'morning', 9), 'h'),
  'most recent 09:00 is today (arrival 23:00), IST; ±30 min',
);
e(
  'en',
  'combo',
  'R1',
  'yesterday morning at 10',
  (c) => clock(partClock(c, c.back(1), 'morning', 10), 'h'),
  'Sunday 20 Dec 10:00 GMT; ±30 min',
);
e(
  'en',
  'combo',
  'B4',
  'last summer at about 10 pm',
  (c) => seasonClock(c, 'summer', lastSeasonYear(c, 'summer'), 22, 0, 'h', true),
  'July 2026, summer running → summer 2025: 22:00 on 1 Jun − 45 min → 22:00 on 31 Aug + 45 min',
);
e(
  'en',
  'combo',
  'S3',
  'about 9 pm last winter',
  (c) => seasonClock(c, 'winter', lastSeasonYear(c, 'winter'), 21, 0, 'h', true),
  'Sydney winter = Jun–Aug 2026: 21:00 on 1 Jun − 45 min → 21:00 on 31 Aug + 45 min',
);
e(
  'en',
  'combo',
  'G2',
  'Friday at 5:45 pm',
  (c) => clock(c.wall(c.lastWd(5), 17, 45), 'm'),
  'the most recent Friday (30 Oct) 17:45 CET; that minute',
);
e(
  'en',
  'combo',
  'TZ2',
  'at 11 last night',
  (c) => clock(partClock(c, c.back(1), 'night', 11), 'h'),
  'no place; report timezone Europe/London: Sunday 23:00; ±30 min',
);
e(
  'en',
  'combo',
  'N5',
  'Sunday night around 10',
  (c) => clock(partClock(c, c.lastWd(7), 'night', 10), 'h', true),
  'Sunday 22 Nov 22:00 EST; ±30 min, "around" +15',
);
e(
  'en',
  'combo',
  'X6',
  'at 8 this morning',
  (c) => clock(partClock(c, c.today, 'morning', 8), 'h'),
  "08:00 today, Xi'an; ±30 min",
);
e(
  'en',
  'combo',
  'S2',
  'yesterday evening at ten to nine',
  (c) => clock(partClock(c, c.back(1), 'evening', 8, 50), 'f'),
  'Saturday 9 Jan 20:50 AEDT; minutes in words ±2.5 min',
);

// ===== Chinese: clock + day / part of day / season =====
e(
  'zh',
  'combo',
  'X1',
  '昨晚十一点一刻',
  (c) => clock(partClock(c, c.back(1), 'night', 11, 15), 'q'),
  '昨晚 → 23:15 yesterday; 一刻 ±7.5 min',
);
e(
  'zh',
  'combo',
  'X2',
  '昨晚十一点一刻',
  (c) => clock(partClock(c, c.back(1), 'night', 11, 15), 'q'),
  'arrival Sat 04:30: 23:15 Friday; ±7.5 min',
);
e(
  'zh',
  'combo',
  'X1',
  '昨天下午3点',
  (c) => clock(partClock(c, c.back(1), 'afternoon', 3), 'h'),
  'Friday 15:00; ±30 min',
);
e(
  'zh',
  'combo',
  'X1',
  '今天早上八点左右',
  (c) => clock(partClock(c, c.today, 'morning', 8), 'h', true),
  '08:00 today; ±30 min, 左右 +15 each side',
);
e(
  'zh',
  'combo',
  'X1',
  '下午三点一刻',
  (c) => clock(c.lastWall(15, 15), 'q'),
  "下午 → 15:15; arrival 12:00, so yesterday's; ±7.5 min",
);
e(
  'zh',
  'combo',
  'X1',
  '凌晨两点',
  (c) => clock(c.lastWall(2), 'h'),
  '凌晨 → 02:00, most recent is today; ±30 min',
);
e(
  'zh',
  'combo',
  'X2',
  '凌晨两点',
  (c) => clock(c.lastWall(2), 'h'),
  '02:00 today (arrival 04:30); ±30 min',
);
e(
  'zh',
  'combo',
  'B1',
  '前天晚上8点半',
  (c) => clock(partClock(c, c.back(2), 'night', 8, 30), 'q'),
  'Friday 20 Nov 20:30; 半 ±7.5 min',
);
e(
  'zh',
  'combo',
  'B1',
  '周三晚上9点',
  (c) => clock(partClock(c, c.lastWd(3), 'night', 9), 'h'),
  'Wednesday 18 Nov 21:00; ±30 min',
);
e(
  'zh',
  'combo',
  'B1',
  '上周五下午两点',
  (c) => clock(partClock(c, addDays(c.monday(1), 4), 'afternoon', 2), 'h'),
  "previous calendar week's Friday (13 Nov) 14:00; ±30 min",
);
e(
  'zh',
  'combo',
  'B3',
  '昨晚十二点',
  (c) => clock(partClock(c, c.back(1), 'night', 12), 'h'),
  '昨晚十二点 → midnight ending yesterday = today 00:00; ±30 min',
);
e(
  'zh',
  'combo',
  'B3',
  '下午1点半',
  (c) => clock(c.lastWall(13, 30), 'q'),
  '13:30 today (arrival 15:00); 半 ±7.5 min',
);
e(
  'zh',
  'combo',
  'B6',
  '今天早上7点10分',
  (c) => clock(partClock(c, c.today, 'morning', 7, 10), 'm'),
  '07:10 today; 点+分 → that minute',
);
e(
  'zh',
  'combo',
  'B4',
  '去年夏天晚上十点左右',
  (c) => seasonClock(c, 'summer', 2025, 22, 0, 'h', true),
  'summer 2025: 22:00 on 1 Jun − 45 min → 22:00 on 31 Aug + 45 min',
);
e(
  'zh',
  'combo',
  'S3',
  '昨天下午五点三刻',
  (c) => clock(partClock(c, c.back(1), 'afternoon', 5, 45), 'q'),
  'Friday 17:45 AEDT; 三刻 ±7.5 min',
);
e(
  'zh',
  'combo',
  'N5',
  '今天上午十点',
  (c) => clock(partClock(c, c.today, 'shangwu', 10), 'h'),
  '10:00 today EST; ±30 min',
);
e(
  'zh',
  'combo',
  'L2',
  '昨天晚上9点',
  (c) => clock(partClock(c, c.back(1), 'night', 9), 'h'),
  'Sunday 21:00 GMT; ±30 min',
);
e(
  'zh',
  'combo',
  'T1',
  '今天凌晨3点',
  (c) => clock(partClock(c, c.today, 'early', 3), 'h'),
  '03:00 today JST; ±30 min',
);
e(
  'zh',
  'combo',
  'K1',
  '晚上8点',
  (c) => clock(c.lastWall(20), 'h'),
  '晚上 → 20:00, most recent is today (arrival 23:00); ±30 min',
);
e(
  'zh',
  'combo',
  'C1',
  '周五晚上10点左右',
  (c) => clock(partClock(c, c.lastWd(5), 'night', 10), 'h', true),
  'Friday 20 Nov 22:00 CST; ±30 min, 左右 +15',
);
e(
  'zh',
  'combo',
  'R1',
  '昨天中午12点',
  (c) => clock(partClock(c, c.back(1), 'noon', 12), 'h'),
  'Sunday 12:00; ±30 min',
);
e(
  'zh',
  'combo',
  'X3',
  '上周六晚上7点',
  (c) => clock(partClock(c, addDays(c.monday(1), 5), 'night', 7), 'h'),
  "arrival Monday: previous week's Saturday (21 Nov) 19:00; ±30 min",
);
e(
  'zh',
  'combo',
  'TZ4',
  '今天上午9点一刻',
  (c) => clock(partClock(c, c.today, 'shangwu', 9, 15), 'q'),
  'no place; report timezone Asia/Shanghai: 09:15 today; ±7.5 min',
);
e(
  'zh',
  'combo',
  'A1',
  '下午4点',
  (c) => clock(c.lastWall(16), 'h'),
  '下午4点 → 16:00 today (arrival 18:00) PST; ±30 min',
);
e(
  'zh',
  'combo',
  'X4',
  '去年秋天凌晨三点左右',
  (c) => seasonClock(c, 'autumn', 2025, 3, 0, 'h', true),
  '去年 = 2025, autumn Sep–Nov: 03:00 on 1 Sep − 45 min → 03:00 on 30 Nov + 45 min',
);
e(
  'zh',
  'combo',
  'S4',
  '前天晚上十点半',
  (c) => clock(partClock(c, c.back(2), 'night', 10, 30), 'q'),
  'Thursday 19 Nov 22:30 AEDT; 半 ±7.5 min',
);

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------
function arrivalInstant(a) {
  if (a.utc) return DateTime.fromISO(a.utc, { zone: 'UTC' }).toMillis();
  const zone = a.place ? PLACES[a.place].zone : a.timezone;
  const r = readings(zone, ...a.local.split(/[-T:]/).map(Number));
  if (r.length !== 1) throw new Error(`ambiguous arrival ${a.local}`);
  return r[0];
}
const fmt = (ms, zone) => {
  const dt = DateTime.fromMillis(ms, { zone });
  if (dt.millisecond !== 0) throw new Error('sub-second window edge');
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
};

const out = [];
const counters = {};
const seen = new Set();
for (const en of ENTRIES) {
  const a = ARRIVALS[en.arr];
  const zone = a.place ? PLACES[a.place].zone : a.timezone || 'UTC';
  const now = arrivalInstant(a);
  if (a.wd && DateTime.fromMillis(now, { zone }).toFormat('ccc') !== a.wd)
    throw new Error(`weekday ${en.arr}`);
  const c = new Ctx(zone, now, a.place);
  let res = en.fn(c);
  let note = '';
  if (!Array.isArray(res)) {
    note = res.note;
    res = res.w;
  }
  const [s, t] = res;
  if (!(s < t)) throw new Error(`empty window: ${en.phrase}`);
  if (t > now)
    throw new Error(
      `window ends after arrival: ${en.arr} ${en.phrase} ${fmt(t, zone)} > ${fmt(now, zone)}`,
    );
  if (en.opts.clip && t !== now)
    throw new Error(`clipped window must end at arrival: ${en.phrase}`);
  const key = `${en.phrase}|${now}|${a.place}`;
  if (seen.has(key)) throw new Error(`duplicate ${key}`);
  seen.add(key);
  const k = `${en.lang}-${en.cat}`;
  counters[k] = (counters[k] || 0) + 1;
  const entry = {
    id: `${k}-${String(counters[k]).padStart(3, '0')}`,
    phrase: en.phrase,
    receivedAt: DateTime.fromMillis(now, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
    place: a.place,
  };
  if (a.timezone) entry.timezone = a.timezone;
  entry.window = [fmt(s, zone), fmt(t, zone)];
  if (en.opts.flags) entry.flags = en.opts.flags;
  entry.why = note ? `${en.why} (${note})` : en.why;
  out.push(entry);
}

const placesJson = `${JSON.stringify(PLACES, null, 2)}\n`;
const phrasesJson = `${JSON.stringify(out, null, 2)}\n`;
if (process.argv.includes('--check')) {
  // compare parsed content: the committed files are formatted by the repository's prettier
  const a = JSON.stringify(JSON.parse(fs.readFileSync(path.join(HERE, 'places.json'), 'utf8')));
  const b = JSON.stringify(JSON.parse(fs.readFileSync(path.join(HERE, 'phrases.json'), 'utf8')));
  if (a !== JSON.stringify(PLACES) || b !== JSON.stringify(out)) {
    console.error('phrases.json / places.json differ from the generator output');
    process.exit(1);
  }
  console.log(`ok: ${out.length} entries match`);
} else {
  fs.writeFileSync(path.join(HERE, 'places.json'), placesJson);
  fs.writeFileSync(path.join(HERE, 'phrases.json'), phrasesJson);
  console.log(`wrote ${out.length} entries`);
}

// summary
const by = (f) => out.reduce((m, x) => ((m[f(x)] = (m[f(x)] || 0) + 1), m), {});
console.log(
  'language',
  by((x) => x.id.split('-')[0]),
);
console.log(
  'category',
  by((x) => x.id.split('-')[1]),
);
console.log(
  'lang-category',
  by((x) => x.id.split('-').slice(0, 2).join('-')),
);
console.log(
  'place',
  by((x) => String(x.place)),
);
console.log(
  'null place with zone in text or timezone field',
  out.filter((x) => x.place === null).length,
);
