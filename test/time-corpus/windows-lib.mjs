// Shared helpers of the time-corpus generators (build-windows.mjs, build-holdout.mjs,
// build-holdout2.mjs): calendar and wall-clock arithmetic, the window builders, suncalc sun
// times, the entry list, the build loop with its checks, and the write / --check step.
// Like the generators it uses ONLY luxon and suncalc (never tipwire code); every window follows
// the analyst conventions in README.md.
import { DateTime } from 'luxon';
import * as SunCalc from 'suncalc';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

// a JSON file of this folder, parsed
export const readJson = (name) => JSON.parse(fs.readFileSync(path.join(HERE, name), 'utf8'));

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
export const addDays = (ymd, n) => ymdOf(cal(ymd).plus({ days: n }));
export const weekday = (ymd) => cal(ymd).weekday; // 1 = Monday … 7 = Sunday

// the arrival's context: its zone, its instant (ms), its place ({ lat, lon, … } or null) and the
// local calendar day of arrival
class Ctx {
  constructor(zone, now, place) {
    this.zone = zone;
    this.now = now;
    this.place = place;
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
export const lo = (r) => r[0];
export const hi = (r) => r[r.length - 1];

// clock precision: h = whole hour ±30 min, q = half/quarter ±7.5, f = five-minute words ±2.5,
// m = hh:mm → [t, t+1 min], s = hh:mm:ss → [t, t+1 s]. `r` may hold several readings.
export function clock(r, prec, vague = false) {
  r = [...r].sort((x, y) => x - y);
  let a;
  let b;
  if (prec === 'm') [a, b] = [lo(r), hi(r) + MIN];
  else if (prec === 's') [a, b] = [lo(r), hi(r) + SEC];
  else [a, b] = [lo(r) - MARGIN[prec], hi(r) + MARGIN[prec]];
  return vague ? [a - VAGUE, b + VAGUE] : [a, b];
}
// union of several readings' windows
export const union = (...ws) => [
  Math.min(...ws.map((w) => w[0])),
  Math.max(...ws.map((w) => w[1])),
];

export function dayWin(c, ymd, nDays = 1) {
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
export function partWin(c, ymd, part) {
  const [h1, h2] = PARTS[part];
  return [lo(c.wall(ymd, h1)), hi(c.wall(ymd, h2))];
}
// a clock time inside a part of the day that starts on `ymd`: picks the unique reading
// h, h+12 or h+24 that falls inside the part (end inclusive)
export function partClock(c, ymd, part, h, mi = 0, s = 0) {
  const [h1, h2] = PARTS[part];
  const cands = h <= 12 ? [h % 12, (h % 12) + 12, (h % 12) + 24] : [h, h + 24];
  const ok = cands.filter((H) => H + mi / 60 >= h1 && H + mi / 60 <= h2);
  if (ok.length !== 1) throw new Error(`partClock ${part} ${h}:${mi} → ${ok}`);
  return c.wall(ymd, ok[0], mi, s);
}
export function ago(c, n, unit, vague = false) {
  const w = [c.now - n * unit - unit / 2, c.now - n * unit + unit / 2];
  return vague ? [w[0] - VAGUE, w[1] + VAGUE] : w;
}
export function monthWin(c, y, mo) {
  const next = mo === 12 ? [y + 1, 1, 1] : [y, mo + 1, 1];
  return [lo(c.wall([y, mo, 1], 0)), hi(c.wall(next, 0))];
}
export function yearWin(c, y) {
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
export function seasonWin(c, name, y) {
  const [first, after] = seasonDays(c, name, y);
  return [lo(c.wall(first, 0)), hi(c.wall(after, 0))];
}
// "last <season>": the most recent occurrence that is entirely over at arrival
export function lastSeasonYear(c, name) {
  for (let y = c.today[0]; y > c.today[0] - 3; y--) {
    const w = seasonWin(c, name, y);
    if (w[1] <= c.now) return y;
  }
  throw new Error('lastSeason');
}
// "about H o'clock <season>": H on every day of the season, whole hour ±30 min, vague ±15
export function seasonClock(c, name, y, h, mi, prec, vague) {
  const [first, after] = seasonDays(c, name, y);
  const last = addDays(after, -1);
  return union(clock(c.wall(first, h, mi), prec, vague), clock(c.wall(last, h, mi), prec, vague));
}

// sun at the place on a local date: suncalc called with the instant of local noon
export function sunTimes(c, ymd) {
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
export function sunNote(c, t, kind) {
  if (kind === 'dawn')
    return `suncalc: nautical dawn ${hm(c, t.nauticalDawn)}, sunrise ${hm(c, t.sunrise)} local`;
  if (kind === 'sunrise') return `suncalc: sunrise ${hm(c, t.sunrise)} local`;
  if (kind === 'sunset') return `suncalc: sunset ${hm(c, t.sunset)} local`;
  return `suncalc: sunset ${hm(c, t.sunset)}, nautical dusk ${hm(c, t.nauticalDusk)} local`;
}
// sun phrase on a given date → {w, note}; widened outward to whole seconds
export function sunOn(c, ymd, kind) {
  const t = sunTimes(c, ymd);
  const [a, b] = SUN[kind](t);
  return { w: [Math.floor(a / SEC) * SEC, Math.ceil(b / SEC) * SEC], note: sunNote(c, t, kind) };
}
// the most recent past one (its whole window before arrival)
export function sunLast(c, kind) {
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
// entries() → { ENTRIES, e, rows }. e(lang, cat, arrival, phrase, fn, why, opts?) adds one entry
// to ENTRIES, in order (ids are numbered in that order); fn(c) → [a, b] or { w, note }, opts
// { flags, clip }. rows(lang, cat, [[arrival, phrase, fn, why, opts?], …]) is e() for each row.
export function entries() {
  const ENTRIES = [];
  const e = (lang, cat, arr, phrase, fn, why, opts = {}) => {
    ENTRIES.push({ lang, cat, arr, phrase, fn, why, opts });
  };
  const rows = (lang, cat, list) => {
    for (const row of list) e(lang, cat, ...row);
  };
  return { ENTRIES, e, rows };
}
export const CLIP = { clip: true };
export const AMBIG = { flags: ['time.ambiguous_date'] };
export const AMBZONE = { flags: ['time.zone_ambiguous'] };
export const MISMATCH = { flags: ['time.zone_mismatch'] };
export const Z = (zone, y, mo, d, h, mi = 0, s = 0) => readings(zone, y, mo, d, h, mi, s);
const WD = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
// a date whose weekday the phrase also writes ("Tues 3rd Nov"): the two must agree
export function named(ymd, wd) {
  if (WD[weekday(ymd)] !== wd) throw new Error(`${ymd} is not a ${wd}`);
  return ymd;
}
// "last <weekday>": the previous calendar week's one, plus the most recent one when that falls
// in the current week (then two readings and time.ambiguous_date). Never used on that weekday.
export function lastWdDays(c, w) {
  if (weekday(c.today) === w) throw new Error('"last <weekday>" said on that weekday');
  const prev = addDays(c.monday(1), w - 1);
  const recent = c.lastWd(w);
  const inThisWeek = cal(recent) >= cal(c.monday(0));
  return inThisWeek ? [prev, recent] : [prev];
}

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------
export function arrivalInstant(a, places) {
  if (a.utc) return DateTime.fromISO(a.utc, { zone: 'UTC' }).toMillis();
  const zone = a.place ? places[a.place].zone : a.timezone;
  const r = readings(zone, ...a.local.split(/[-T:]/).map(Number));
  if (r.length !== 1) throw new Error(`ambiguous arrival ${a.local}`);
  return r[0];
}
const fmt = (ms, zone) => {
  const dt = DateTime.fromMillis(ms, { zone });
  if (dt.millisecond !== 0) throw new Error('sub-second window edge');
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
};
export const utcStamp = (ms) =>
  DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

// Computes every entry in order and returns the JSON entries. Checks: arrival weekdays, windows
// not empty and ending at or before arrival, cut windows ending exactly at arrival, no phrase
// twice at the same arrival and place. Options:
// - idPrefix: put before `<lang>-<category>-<nnn>` ('ho-', 'h2-')
// - strict: also check that arrivals and places are known, and that a window ending exactly at
//   arrival is a cut one (or an "N ago")
// - checkPhrase(entry): the generator's own checks of a phrase, before its window is computed
export function buildEntries(
  list,
  arrivals,
  places,
  { idPrefix = '', strict = false, checkPhrase } = {},
) {
  const out = [];
  const counters = {};
  const seen = new Set();
  for (const en of list) {
    const a = arrivals[en.arr];
    if (strict) {
      if (!a) throw new Error(`unknown arrival ${en.arr}`);
      if (a.place && !places[a.place]) throw new Error(`unknown place ${a.place}`);
    }
    const zone = a.place ? places[a.place].zone : a.timezone || 'UTC';
    const now = arrivalInstant(a, places);
    if (a.wd && DateTime.fromMillis(now, { zone }).toFormat('ccc') !== a.wd)
      throw new Error(`weekday ${en.arr}`);
    if (checkPhrase) checkPhrase(en);
    const c = new Ctx(zone, now, a.place ? places[a.place] : null);
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
    if (strict && !en.opts.clip && t === now && en.cat !== 'ago')
      throw new Error(`window ends exactly at arrival without being cut: ${en.phrase}`);
    const key = `${en.phrase}|${now}|${a.place}`;
    if (seen.has(key)) throw new Error(`duplicate ${key}`);
    seen.add(key);
    const k = `${en.lang}-${en.cat}`;
    counters[k] = (counters[k] || 0) + 1;
    const entry = {
      id: `${idPrefix}${k}-${String(counters[k]).padStart(3, '0')}`,
      phrase: en.phrase,
      receivedAt: utcStamp(now),
      place: a.place,
    };
    if (a.timezone) entry.timezone = a.timezone;
    entry.window = [fmt(s, zone), fmt(t, zone)];
    if (en.opts.flags) entry.flags = en.opts.flags;
    entry.why = note ? `${en.why} (${note})` : en.why;
    out.push(entry);
  }
  return out;
}

// Without arguments writes each [file name, content] as JSON (then run prettier on this folder);
// with --check compares the parsed content with the committed files (they are formatted by the
// repository's prettier) and exits 1 when any differs. `count` is the number of entries.
export function writeOrCheck(files, count) {
  const names = files.map(([name]) => name);
  if (process.argv.includes('--check')) {
    const committed = files.map(([name]) => JSON.stringify(readJson(name)));
    if (files.some(([, data], i) => committed[i] !== JSON.stringify(data))) {
      console.error(
        `${names.join(' / ')} ${names.length > 1 ? 'differ' : 'differs'} from the generator output`,
      );
      process.exit(1);
    }
    console.log(`ok: ${count} entries match`);
  } else {
    for (const [name, data] of files)
      fs.writeFileSync(path.join(HERE, name), `${JSON.stringify(data, null, 2)}\n`);
    console.log(`wrote ${count} entries`);
  }
}

// summary: one line a [label, key(entry)] row, with the count of entries for each key
export function summary(out, rows) {
  for (const [label, f] of rows)
    console.log(
      label,
      out.reduce((m, x) => ((m[f(x)] = (m[f(x)] || 0) + 1), m), {}),
    );
}
// the held-out sets' summary (ids `<prefix>-<lang>-<category>-<nnn>`)
export const HOLDOUT_SUMMARY = [
  ['language', (x) => x.id.split('-')[1]],
  ['lang-category', (x) => x.id.split('-').slice(1, 3).join('-')],
  ['place', (x) => `${x.id.split('-')[1]} ${x.place}${x.timezone ? ' (timezone)' : ''}`],
  ['flags', (x) => String(x.flags || '')],
];
