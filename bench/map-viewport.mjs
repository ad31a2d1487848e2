// F7: the map's viewport answer with 1 M reports stored, against supercluster's
// getClusters on the same points and viewport, built in the same process.
//
//   npm run bench:map-viewport                       # build, then the default run
//   node bench/map-viewport.mjs --size 100000 --runs 3 --reps 15
//   node bench/map-viewport.mjs --rebuild            # seed the store again
//
// The store (seeded once, cached under bench/.cache/map-viewport-…/, keyed by the
// generator, the migrations, the seed and the size) is written with tipwire's own
// repositories: reports.insert, reports.saveNormalization (time, place with its
// accuracy), incidents.create / saveEstimate / saveAssessment, reports.assignIncident,
// and reports.setQueue for the 2 % a repeat dialer sends to the abuse queue (hidden
// from analysts). The points: 75 % around GeoNames cities500 places drawn by
// population (the gazetteer tipwire ships; spread ~ √population), 25 % in
// bench/lib/city.mjs's crowded city (40 × 40 km around Beijing, 300 hot spots); times
// over the 365 days from 2025-11-01; 1–5 reports an incident.
//
// Measured, in this order:
// 1. The map index built in this process from the store with the code the server's
//    worker runs (store/sqlite openMapReader + map/build-layers buildLayers): read and
//    index times, bytes of its arrays, and the heap + array-buffer growth it kept
//    (after a GC); the same for supercluster (radius 40, extent 512, maxZoom 16, its
//    defaults but maxZoom) loaded with the same reports as GeoJSON points (the input
//    features counted apart, since supercluster keeps them).
// 2. Per viewport and zoom, --reps calls of each, interleaved (ours, then supercluster,
//    then the other way round), per round: the median of ours (map-layer.js
//    layerFeatures, supervisor scope: every report, as supercluster), of supercluster's
//    getClusters, and of each followed by JSON.stringify of its answer; the ratio
//    ours ÷ supercluster per round, then the median of rounds. --runs rounds, each
//    after the machine is quiet (bench/lib/rounds.mjs). Feature counts of both.
// 3. The same viewports through the real server (`dist/cli/main.js serve` over a copy
//    of the store, supervisor token, keep-alive): the GET's time to its whole answer,
//    median of --reps, against supercluster getClusters + JSON.stringify in this
//    process (the closest in-process equivalent of an HTTP answer). The server's own
//    index build (its worker thread, from the store) and its RSS once built.
// Raw figures go to bench/results/map-viewport-<timestamp>.json (git-ignored).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import Supercluster from 'supercluster';
import {
  machineFacts,
  median,
  round,
  ROOT,
  runRounds,
  writeResults,
  migrationsHash,
} from './lib/rounds.mjs';
import { freePort, procCpuTicks } from './lib/machine.mjs';
import { mulberry32 } from './lib/random.mjs';
import { accuracy, eventPlace, gauss, makeHotspots, momentIn, precision } from './lib/city.mjs';
import { loadConfig } from '../dist/config.js';
import { createRuntime } from '../dist/runtime.js';
import { openSqliteStore } from '../dist/store/sqlite/sqlite-store.js';
import { openMapReader } from '../dist/store/sqlite/map.repository.js';
import { buildLayers } from '../dist/map/build-layers.js';
import { partBytes } from '../dist/map/layer-part.js';
import { createLayer, layerFeatures } from '../dist/map/map-layer.js';
import { viewportRects, levelForZoom, KEY_LEVEL } from '../dist/map/viewport.js';
import { minuteOf } from '../dist/map/grid.js';
import { MAP_SETTINGS } from '../dist/map/settings.js';
import { readGeoNames, defaultGeoNamesFile } from '../dist/normalize/gazetteer-geonames.js';
import { addMember } from '../dist/domain/incident.js';
import { ulid } from '../dist/domain/ids.js';

const { values: opt } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    reps: { type: 'string', default: '25' },
    'http-reps': { type: 'string', default: '25' },
    seed: { type: 'string', default: '7' },
    rebuild: { type: 'boolean', default: false },
    http: { type: 'boolean', default: true },
    tmp: { type: 'string', default: os.tmpdir() },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait-s': { type: 'string', default: '60' },
    'max-other': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});
if (opt.help) {
  console.log(
    'node --expose-gc bench/map-viewport.mjs [--size N] [--runs N] [--reps N] [--http-reps N]\n' +
      '  [--seed N] [--rebuild] [--no-http] [--tmp DIR] [--quiet-below PCT] [--quiet-wait-s S] [--max-other PCT]',
  );
  process.exit(0);
}
if (typeof globalThis.gc !== 'function') {
  // Memory figures need a collection before each reading: run again with --expose-gc.
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const SIZE = Number(opt.size);
const RUNS = Number(opt.runs);
const REPS = Number(opt.reps);
const HTTP_REPS = Number(opt['http-reps']);
const SEED = Number(opt.seed);
const started = performance.now();
const log = (line) =>
  console.error(`[+${Math.round((performance.now() - started) / 1000)} s] ${line}`);

const GENERATOR = 'v1'; // part of the cache key: change it when the data below change
const MASTER_KEY = createHash('sha256').update(`tipwire-bench-f7-map-${SEED}`).digest('hex');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const MINUTE = 60_000;
const WINDOW_START_MIN = Date.parse('2025-11-01T00:00:00Z') / MINUTE;
const WINDOW_DAYS = 365;
const KINDS = ['fire', 'theft', 'intrusion', 'drone', 'traffic_accident', 'suspicious_person'];
const M_PER_DEG = 111_195;

// ---------------------------------------------------------------------------------------
// The seeded store (cached)

const MIGRATIONS_HASH = migrationsHash();
const cacheDir = path.join(
  ROOT,
  'bench/.cache',
  `map-viewport-${GENERATOR}-${MIGRATIONS_HASH}-seed${SEED}-${SIZE}`,
);
const dbFile = (dir) => path.join(dir, 'tipwire.db');

/** Places to draw from, by population (prefix sums for a binary search). */
function gazetteerSampler() {
  const text = readFileSync(defaultGeoNamesFile(), 'utf8');
  const places = [];
  for (const r of readGeoNames(text)) {
    if (r.population >= 1000) places.push({ lat: r.lat, lon: r.lon, population: r.population });
  }
  const cumulative = new Float64Array(places.length);
  let sum = 0;
  places.forEach((p, i) => (cumulative[i] = sum += p.population));
  return (rand, out) => {
    const u = rand() * sum;
    let lo = 0;
    let hi = places.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    const p = places[lo];
    // A city of a million spreads ~10 km (σ), a town of 1,000 ~300 m.
    const sigma = 10 * Math.sqrt(p.population);
    out.lat = Math.max(-85, Math.min(85, p.lat + (gauss(rand) * sigma) / M_PER_DEG));
    const lon = p.lon + (gauss(rand) * sigma) / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180));
    out.lon = ((((lon + 180) % 360) + 360) % 360) - 180;
  };
}

async function seedStore() {
  const meta = path.join(cacheDir, 'seed.json');
  if (existsSync(meta) && !opt.rebuild) return JSON.parse(readFileSync(meta, 'utf8'));
  const tmp = `${cacheDir}.building`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const t0 = performance.now();
  // The database and its keys, as the server makes them (then closed).
  const runtime = createRuntime(
    loadConfig({
      TIPWIRE_DB: dbFile(tmp),
      TIPWIRE_MASTER_KEY: MASTER_KEY,
      TIPWIRE_LOG_LEVEL: 'silent',
    }),
  );
  runtime.close();
  const store = openSqliteStore(dbFile(tmp));
  store.db.pragma('synchronous = OFF'); // a cache: built again when lost
  const rand = mulberry32(SEED);
  const idRand = mulberry32(SEED + 1);
  const idBytes = () => Buffer.from(Array.from({ length: 10 }, () => Math.floor(idRand() * 256)));
  const worldPlace = gazetteerSampler();
  const spots = makeHotspots(mulberry32(SEED + 2));
  const sealed = { dataKey: Buffer.alloc(60, 1), narrative: Buffer.alloc(120, 2), subjects: null };
  const centre = {};
  let reports = 0;
  let incidents = 0;
  let abuse = 0;
  const BATCH = 20_000;
  store.db.exec('BEGIN');
  while (reports < SIZE) {
    const inCity = rand() < 0.25;
    if (inCity) eventPlace(rand, spots, centre);
    else worldPlace(rand, centre);
    const kind = KINDS[Math.floor(rand() * KINDS.length)];
    const start = momentIn(rand, WINDOW_START_MIN, WINDOW_DAYS);
    const witnesses = Math.min(SIZE - reports, 1 + Math.floor(rand() ** 3 * 5));
    const incidentId = 'i_' + ulid(start * MINUTE, idBytes());
    let totals = null;
    const members = [];
    for (let k = 0; k < witnesses; k++) {
      const acc = accuracy(rand);
      const lat = Math.max(-85, Math.min(85, centre.lat + (gauss(rand) * acc) / M_PER_DEG));
      const lon = Math.max(
        -180,
        Math.min(
          180,
          centre.lon + (gauss(rand) * acc) / (M_PER_DEG * Math.cos((centre.lat * Math.PI) / 180)),
        ),
      );
      const seen = (start + rand() * 30) * MINUTE;
      const p = precision(rand) * MINUTE;
      const window = { from: Math.round(seen - p), to: Math.round(seen + p) };
      const receivedAt = window.to + Math.round(rand() * 3_600_000);
      const id = 'r_' + ulid(receivedAt, idBytes());
      store.reports.insert({
        id,
        externalId: null,
        channel: 'web',
        category: kind,
        receivedAt,
        claims: {
          observedAt: new Date(seen).toISOString(),
          location: { lat, lon, accuracyMeters: acc },
        },
        callerPseudonym: null,
        callerLink: null,
        submittedBy: null,
        sender: null,
        contentHash: null,
        sealed,
        textFacts: { narrativeWords: 20, who: null },
        eventKinds: [kind],
        textSketch: null,
        searchTokens: [],
        attachments: [],
      });
      store.reports.saveNormalization(
        id,
        {
          time: {
            from: window.from,
            to: window.to,
            local: null,
            timezone: 'UTC',
            zoneSource: 'offset',
            precisionSeconds: Math.round((window.to - window.from) / 2000),
          },
          place: { lat, lon, accuracyMeters: acc, text: null, source: 'coordinates' },
          flags: [],
        },
        window,
        { lat, lon },
      );
      if (rand() < 0.02) {
        store.reports.setQueue(id, 'abuse');
        abuse++;
      }
      totals = addMember(totals, { window, point: { lat, lon } });
      members.push(id);
      reports++;
    }
    incidentsCreate(store, incidentId, totals, kind, rand);
    for (const id of members) store.reports.assignIncident(id, incidentId);
    incidents++;
    if (reports % BATCH < witnesses) {
      store.db.exec('COMMIT');
      store.db.exec('BEGIN');
      if (reports % 100_000 < witnesses) log(`seeded ${reports} reports, ${incidents} incidents`);
    }
  }
  store.db.exec('COMMIT');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const facts = {
    size: SIZE,
    reports,
    incidents,
    abuseQueue: abuse,
    seedS: round((performance.now() - t0) / 1000, 1),
    fileBytes: statSync(dbFile(tmp)).size,
  };
  writeFileSync(path.join(tmp, 'seed.json'), JSON.stringify(facts, null, 2) + '\n');
  renameSync(tmp, cacheDir);
  log(`seeded ${reports} reports, ${incidents} incidents in ${facts.seedS} s`);
  return facts;
}

function incidentsCreate(store, id, totals, kind, rand) {
  store.incidents.create(id, totals, totals.end);
  const estimate = {
    kinds: [kind],
    preciseCount: totals.reportCount,
    weight: totals.reportCount,
    wx: totals.x,
    wy: totals.y,
    wz: totals.z,
    latestStart: totals.start,
    earliestEnd: totals.end,
    handSpreadMeters: 0,
  };
  store.incidents.saveEstimate(id, estimate, null, totals.end);
  store.incidents.saveAssessment(id, {
    independentSources: totals.reportCount,
    confidence: round(0.2 + 0.79 * rand(), 3),
    terms: { logOdds: 0, terms: [] },
    radiusMeters: round(50 * rand() * totals.reportCount, 1),
    totals,
    lastActivity: totals.end,
  });
}

// ---------------------------------------------------------------------------------------
// The viewports

const VIEWPORTS = [
  { name: 'world z0', bbox: [-180, -85, 180, 85], zoom: 0 },
  { name: 'world z2', bbox: [-180, -85, 180, 85], zoom: 2 },
  { name: 'Europe z4', bbox: [-12, 35, 35, 62], zoom: 4 },
  { name: 'East Asia z5', bbox: [100, 18, 135, 45], zoom: 5 },
  { name: 'India z6', bbox: [72, 15, 88, 30], zoom: 6 },
  { name: 'Pacific (antimeridian) z4', bbox: [160, -50, -165, -5], zoom: 4 },
  { name: 'Beijing region z9', bbox: [115.6, 39.5, 117.2, 40.3], zoom: 9 },
  { name: 'Beijing centre z12', bbox: [116.3, 39.85, 116.5, 39.97], zoom: 12 },
  { name: 'Beijing street z15', bbox: [116.38, 39.895, 116.405, 39.91], zoom: 15 },
  { name: 'empty ocean z6', bbox: [-140, -40, -130, -32], zoom: 6 },
];
/** The last 30 days of the data's year: the time-window slider (supercluster cannot filter). */
const WINDOW = {
  from: (WINDOW_START_MIN + (WINDOW_DAYS - 30) * 1440) * MINUTE,
  to: (WINDOW_START_MIN + WINDOW_DAYS * 1440) * MINUTE,
};
const WINDOWED = ['world z2', 'East Asia z5', 'Beijing region z9'];

const settings = {
  maxFeatures: MAP_SETTINGS.maxFeatures.default,
  cellPixels: MAP_SETTINGS.cellPixels.default,
  clusterMaxZoom: MAP_SETTINGS.clusterMaxZoom.default,
  viewCellsMax: MAP_SETTINGS.viewCellsMax.default,
};
const shape = {
  leafItems: MAP_SETTINGS.leafItems.default,
  timeScanItems: MAP_SETTINGS.timeScanItems.default,
  maxLevel: Math.min(KEY_LEVEL, levelForZoom(settings.clusterMaxZoom, settings.cellPixels)),
};
const SUPERVISOR = { all: true, analystQueue: false, officeId: null };
const ANALYST = { all: false, analystQueue: true, officeId: null };
const query = (v, scope = SUPERVISOR, window = null) => ({
  rects: viewportRects({ west: v.bbox[0], south: v.bbox[1], east: v.bbox[2], north: v.bbox[3] }),
  zoom: v.zoom,
  window: window && { from: minuteOf(window.from), to: minuteOf(window.to) },
  scope,
});

const heapNow = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
};
const mb = (bytes) => round(bytes / 2 ** 20, 1);

/** Median ms of `reps` interleaved calls of each of `fns` (their order alternates). */
function interleaved(fns, reps) {
  const times = fns.map(() => []);
  const results = fns.map(() => null);
  for (let r = 0; r < reps; r++) {
    const order = r % 2 === 0 ? fns.map((_, i) => i) : fns.map((_, i) => fns.length - 1 - i);
    for (const i of order) {
      const t0 = performance.now();
      results[i] = fns[i]();
      times[i].push(performance.now() - t0);
    }
  }
  return { ms: times.map((t) => median(t)), results };
}

// ---------------------------------------------------------------------------------------
// The server

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function request(port, urlPath, token) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        agent,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, ms, bytes: text.length, json: () => JSON.parse(text) });
        });
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function startServer(dir) {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TIPWIRE_')),
  );
  Object.assign(env, {
    TIPWIRE_DB: dbFile(dir),
    TIPWIRE_MASTER_KEY: MASTER_KEY,
    TIPWIRE_LOG_LEVEL: 'warn',
    TIPWIRE_RATE_LIMITS: 'off',
  });
  const tokenRun = spawnSync(
    process.execPath,
    [CLI, 'token', 'create', '--role', 'supervisor', '--db', dbFile(dir)],
    { env, encoding: 'utf8' },
  );
  if (tokenRun.status !== 0) throw new Error(`token create failed: ${tokenRun.stderr}`);
  const token = tokenRun.stdout.trim().split('\n').pop();
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  child.stdout.on('data', (c) => (tail = (tail + c).slice(-4000)));
  child.stderr.on('data', (c) => (tail = (tail + c).slice(-4000)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${tail}`);
    try {
      const r = await request(port, '/api/v1/map/config', token);
      if (r.status === 200 && r.json().index.ready) {
        return { child, port, token, readyMs: performance.now() - t0, config: r.json() };
      }
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 600_000)
      throw new Error(`map index not ready in 10 min:\n${tail}`);
    await sleep(250);
  }
}

const rssOf = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};

// ---------------------------------------------------------------------------------------

const machine = machineFacts();
const seed = await seedStore();
log(`store: ${seed.reports} reports, ${seed.incidents} incidents, ${mb(seed.fileBytes)} MiB`);

// 1. Builds and memory.
const before = heapNow();
const reader = openMapReader(dbFile(cacheDir));
const tBuild = performance.now();
const built = buildLayers(reader, shape);
const ourBuildMs = performance.now() - tBuild;
reader.close();
const reportsLayer = createLayer('reports', built.reports);
const incidentsLayer = createLayer('incidents', built.incidents);
const afterOurs = heapNow();
const ours = {
  buildMs: round(ourBuildMs),
  readMs: built.facts.readMs,
  indexMs: built.facts.indexMs,
  reports: built.facts.reports,
  incidents: built.facts.incidents,
  arrayMiB: {
    reports: mb(partBytes(built.reports.part)),
    incidents: mb(partBytes(built.incidents.part)),
  },
  keptMiB: mb(afterOurs.heap + afterOurs.arrayBuffers - before.heap - before.arrayBuffers),
  nodes: built.reports.part.tree.nodes,
  sortedMinutes: built.reports.part.tree.timeFrom.length,
};
log(
  `ours: built in ${ours.buildMs} ms (read ${ours.readMs}, index ${ours.indexMs}), kept ${ours.keptMiB} MiB`,
);

const points = [];
{
  const r2 = openMapReader(dbFile(cacheDir));
  r2.snapshot(() => {
    for (let after = 0; ;) {
      const rows = r2.map.reportsAfter(after, 50_000);
      for (const row of rows) {
        points.push({
          type: 'Feature',
          properties: { id: row.id },
          geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
        });
      }
      if (rows.length < 50_000) break;
      after = rows[rows.length - 1].seq;
    }
  });
  r2.close();
}
const withPoints = heapNow();
const tSc = performance.now();
const sc = new Supercluster({ radius: 40, extent: 512, maxZoom: 16 }).load(points);
const scBuildMs = performance.now() - tSc;
const afterSc = heapNow();
const superclusterFacts = {
  options: { radius: 40, extent: 512, maxZoom: 16, minPoints: 2 },
  buildMs: round(scBuildMs),
  inputMiB: mb(withPoints.heap + withPoints.arrayBuffers - afterOurs.heap - afterOurs.arrayBuffers),
  keptMiB: mb(afterSc.heap + afterSc.arrayBuffers - withPoints.heap - withPoints.arrayBuffers),
};
log(
  `supercluster: built in ${superclusterFacts.buildMs} ms, kept ${superclusterFacts.keptMiB} MiB (+ input ${superclusterFacts.inputMiB} MiB)`,
);

// 2. In-process viewport answers.
const cases = [
  ...VIEWPORTS.map((v) => ({ ...v, label: v.name, q: query(v) })),
  ...VIEWPORTS.filter((v) => WINDOWED.includes(v.name)).map((v) => ({
    ...v,
    label: `${v.name}, last 30 days`,
    q: query(v, SUPERVISOR, WINDOW),
  })),
  ...VIEWPORTS.filter((v) => ['world z2', 'Beijing region z9'].includes(v.name)).map((v) => ({
    ...v,
    label: `${v.name}, analyst`,
    q: query(v, ANALYST),
  })),
];
const counts = cases.map((c) => ({
  label: c.label,
  ours: layerFeatures(reportsLayer, c.q, settings).features.length,
  oursTotal: layerFeatures(reportsLayer, c.q, settings).total,
  supercluster: sc.getClusters(c.bbox, c.zoom).length,
}));
const rounds = await runRounds({
  runs: RUNS,
  quietBelowPct: Number(opt['quiet-below']),
  quietWaitMs: Number(opt['quiet-wait-s']) * 1000,
  maxOtherPct: Number(opt['max-other']),
  measure: () =>
    cases.map((c) => {
      globalThis.gc();
      const bare = interleaved(
        [() => layerFeatures(reportsLayer, c.q, settings), () => sc.getClusters(c.bbox, c.zoom)],
        REPS,
      );
      const json = interleaved(
        [
          () => JSON.stringify(layerFeatures(reportsLayer, c.q, settings)),
          () => JSON.stringify(sc.getClusters(c.bbox, c.zoom)),
        ],
        REPS,
      );
      return {
        label: c.label,
        oursMs: bare.ms[0],
        scMs: bare.ms[1],
        ratio: bare.ms[0] / bare.ms[1],
        oursJsonMs: json.ms[0],
        scJsonMs: json.ms[1],
        jsonRatio: json.ms[0] / json.ms[1],
      };
    }),
});
const inProcess = cases.map((c, i) => {
  const per = rounds.counted.map((r) => r.value[i]);
  return {
    label: c.label,
    features: counts[i],
    oursMs: round(median(per.map((p) => p.oursMs)), 3),
    superclusterMs: round(median(per.map((p) => p.scMs)), 3),
    ratio: round(median(per.map((p) => p.ratio)), 2),
    oursJsonMs: round(median(per.map((p) => p.oursJsonMs)), 3),
    superclusterJsonMs: round(median(per.map((p) => p.scJsonMs)), 3),
    jsonRatio: round(median(per.map((p) => p.jsonRatio)), 2),
  };
});
const incidentsCase = (() => {
  const v = VIEWPORTS[1];
  const q = query(v);
  const times = [];
  let n = 0;
  for (let r = 0; r < REPS * 4; r++) {
    const t0 = performance.now();
    n = layerFeatures(incidentsLayer, q, settings).features.length;
    times.push(performance.now() - t0);
  }
  return { label: 'incidents, world z2', features: n, oursMs: round(median(times), 3) };
})();

// 3. Through the real server.
let httpResults = null;
if (opt.http) {
  const serverDir = mkdtempSync(path.join(opt.tmp, 'tipwire-map-bench-'));
  cpSync(cacheDir, serverDir, { recursive: true });
  const server = await startServer(serverDir);
  try {
    const serverIndex = server.config.index;
    const rss = rssOf(server.child.pid);
    log(`server ready in ${round(server.readyMs)} ms; its index: ${JSON.stringify(serverIndex)}`);
    const url = (c) => {
      const window = c.q.window
        ? `&from=${new Date(WINDOW.from).toISOString()}&to=${new Date(WINDOW.to).toISOString()}`
        : '';
      return `/api/v1/map/features?bbox=${c.bbox.join(',')}&zoom=${c.zoom}&layer=reports${window}`;
    };
    const httpCases = cases.filter((c) => !c.label.endsWith('analyst'));
    const httpRounds = await runRounds({
      runs: RUNS,
      quietBelowPct: Number(opt['quiet-below']),
      quietWaitMs: Number(opt['quiet-wait-s']) * 1000,
      maxOtherPct: Number(opt['max-other']),
      childTicks: () => procCpuTicks(server.child.pid),
      measure: async () => {
        const out = [];
        for (const c of httpCases) {
          const times = [];
          const scTimes = [];
          let answer = null;
          for (let r = 0; r < HTTP_REPS; r++) {
            const res = await request(server.port, url(c), server.token);
            if (res.status !== 200) throw new Error(`${url(c)} answered ${res.status}`);
            times.push(res.ms);
            answer = res;
            const t0 = performance.now();
            JSON.stringify(sc.getClusters(c.bbox, c.zoom));
            scTimes.push(performance.now() - t0);
          }
          out.push({
            label: c.label,
            httpMs: median(times),
            scJsonMs: median(scTimes),
            bytes: answer.bytes,
            features: answer.json().features.length,
          });
        }
        return out;
      },
    });
    httpResults = {
      serverReadyMs: round(server.readyMs),
      serverIndex,
      serverRssMiB: mb(rss),
      viewports: httpCases.map((c, i) => {
        const per = httpRounds.counted.map((r) => r.value[i]);
        const httpMs = median(per.map((p) => p.httpMs));
        const scJsonMs = median(per.map((p) => p.scJsonMs));
        return {
          label: c.label,
          httpMs: round(httpMs, 3),
          superclusterJsonMs: round(scJsonMs, 3),
          ratio: round(median(per.map((p) => p.httpMs / p.scJsonMs)), 2),
          bytes: per[0].bytes,
          features: per[0].features,
        };
      }),
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.on('exit', r));
    rmSync(serverDir, { recursive: true, force: true });
  }
}

const result = {
  bench: 'map-viewport',
  machine,
  options: { size: SIZE, runs: RUNS, reps: REPS, httpReps: HTTP_REPS, seed: SEED, settings, shape },
  seed,
  build: { ours, supercluster: superclusterFacts },
  inProcess,
  incidents: incidentsCase,
  http: httpResults,
  rounds: rounds.attempts.map(({ value: _v, ...r }) => r),
  v8HeapLimitMiB: mb(v8.getHeapStatistics().heap_size_limit),
};
const file = writeResults('map-viewport', result);
log(`results: ${file}`);

// The table for BENCHMARKS.md.
console.log(
  `\n| viewport | features ours / sc | ours ms | supercluster ms | ratio | +JSON ratio |`,
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of inProcess) {
  console.log(
    `| ${r.label} | ${r.features.ours} / ${r.features.supercluster} | ${r.oursMs} | ${r.superclusterMs} | ${r.ratio} | ${r.jsonRatio} |`,
  );
}
if (httpResults) {
  console.log(`\n| viewport (HTTP) | features | bytes | GET ms | sc + JSON ms | ratio |`);
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of httpResults.viewports) {
    console.log(
      `| ${r.label} | ${r.features} | ${r.bytes} | ${r.httpMs} | ${r.superclusterJsonMs} | ${r.ratio} |`,
    );
  }
}
console.log(
  `\n${JSON.stringify({ build: result.build, incidents: incidentsCase, server: httpResults && { readyMs: httpResults.serverReadyMs, index: httpResults.serverIndex, rssMiB: httpResults.serverRssMiB } }, null, 1)}`,
);
agent.destroy();
