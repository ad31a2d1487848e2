// F6: the candidate lookup of incident clustering. A new report asks which stored
// incidents it may belong to; tipwire answers with one query of the R*Tree
// `incident_core` (migration 009) through createIncidentIndex(…).candidates, then an
// exact distance and time check in JS. Measured at 1 M and 10 M stored reports against,
// in the same process and the same rounds:
//   - PostGIS (`ST_DWithin` + the time box, one combined GiST index), one pg connection,
//     prepared statements, per query round trip; its server-side time from EXPLAIN ANALYZE
//     on a sample, so the driver's and the socket's share shows;
//   - kdbush in memory (the practical limit): over the incidents' centroids with the
//     largest radius, and per day (one kdbush per day an incident's time box touches);
//   - a linear scan over JS arrays (1 M only).
// The issue's own framing (its figures are per *report*: find the stored reports within
// a radius and a time window) runs too, over the 1 M stored report points: PostGIS,
// kdbush, tipwire's `report_points` R*Tree (the findNear query of F5's correlate rule)
// and a linear scan, at F5's defaults (500 m, ±120 min).
//
//   npm run bench:incident-lookup                  # build, then the default run
//   node bench/incident-lookup.mjs --sizes 1000000 --runs 3 --no-postgis
//   node bench/incident-lookup.mjs --quiet-below 0 --max-other 0   # a machine never idle
//
// Data (seeded, the same on every machine; the city is bench/lib/city.mjs): reports in one city (40 × 40 km around
// 39.9 N 116.4 E) over the year 2026, grouped into events: an event has a kind (its
// extent, 150 m – 1 km, and its longest duration, 10 min – 2.5 h), a place (65 % around
// 300 hot spots, the rest anywhere), a start (more by day than by night) and a
// heavy-tailed number of witnesses (Pareto, α 1.3: 59 % single, mean ≈ 3.6). A witness
// stands within the extent, reports with an accuracy of 5–500 m (55 % GPS-like 5–30 m)
// and a time interval of ±1–120 min around the moment seen. Each event's reports make
// one incident: centroid = mean weighted 1/accuracy², radius = extent + 2 × the
// combined accuracy, time box = feasible start … start + duration
// = [latest report start − duration, earliest report end + duration] (minutes).
// The R*Tree row is the incident's bounding box (boundingBox of correlate/geo) and time
// box; the database is opened with tipwire's openDatabase (every migration applied) and
// filled in one transaction, in time order, then cached under bench/.cache/ (keyed by
// the generator, the migrations, the seed and the size).
// Queries: `--queries` seeded new reports, 60 % new witnesses of a stored event, 40 %
// anywhere at any time; the same for every method of a size. A report's box: its point
// ± 2 × accuracy, its own time interval. Exact match: haversine(report, centroid) ≤
// radius + 2 × accuracy and the time intervals meet.
// Each round runs every method over its queries in an order that rotates; the first
// round is a warm-up. PostGIS takes the first --pg-queries, the linear scans and the 2-D
// kdbush the first --scan-queries; a ratio compares two methods over the same first
// queries. Before the rounds, every method's candidates (after the exact check) are
// compared with the linear scan's on the first --check-queries. Per method: µs per query
// (time of all its queries / their number), p50 and p99 of single queries; medians of the
// rounds; ratios per round, then their median. Raw figures go to
// bench/results/incident-lookup-<timestamp>.json (git-ignored).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import KDBush from 'kdbush';
import pg from 'pg';
import {
  machineFacts,
  median,
  round,
  ROOT,
  runRounds,
  writeResults,
  migrationsHash,
} from './lib/rounds.mjs';
import { procCpuTicks } from './lib/machine.mjs';
import { mulberry32 } from './lib/random.mjs';
import {
  anywhere,
  CENTER,
  COS0,
  DAY_MIN,
  EARTH_RADIUS_M,
  eventPlace,
  makeHotspots,
  M_PER_DEG,
  momentIn,
  RAD,
  witness,
  witnessCount,
} from './lib/city.mjs';
import { openDatabase } from '../dist/store/sqlite/database.js';
import { candidatesSql, createIncidentIndex } from '../dist/store/sqlite/incident-index.js';
import { boundingBox } from '../dist/correlate/geo.js';
import { ulid } from '../dist/domain/ids.js';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '1000000,10000000' },
    queries: { type: 'string', default: '10000' },
    // The linear scans and the 2-D kdbush over incidents take the first N queries (each
    // reads every row, or every incident of the year near the point).
    'scan-queries': { type: 'string', default: '1000' },
    // The PostGIS statements take the first N queries (at 10 M they take milliseconds each).
    'pg-queries': { type: 'string', default: '2000' },
    // Queries whose candidate sets are compared between every method and a linear scan.
    'check-queries': { type: 'string', default: '1000' },
    // Queries run under EXPLAIN ANALYZE per PostGIS variant (server-side time).
    'explain-queries': { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    limit: { type: 'string', default: '64' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'no-postgis': { type: 'boolean', default: false },
    // Which PostGIS tables and statements (of PG_VARIANTS below) to measure.
    'pg-variants': { type: 'string', default: 'geog-range,geom-btree' },
    rebuild: { type: 'boolean', default: false },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait-s': { type: 'string', default: '60' },
    // A round in which other processes used more than this % of a core is repeated (0: never).
    'max-other': { type: 'string', default: '25' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(
    'node bench/incident-lookup.mjs [--runs N] [--sizes 1000000,10000000] [--queries N]\n' +
      '  [--scan-queries N] [--pg-queries N] [--check-queries N] [--explain-queries N] [--seed N]\n' +
      '  [--limit N] [--pg-url URL] [--pg-variants geog-range,geog-btree,geom-btree] [--no-postgis]\n' +
      '  [--rebuild] [--quiet-below PCT] [--quiet-wait-s S] [--max-other PCT]',
  );
  process.exit(0);
}
const runs = Number(opt.runs);
const sizes = opt.sizes.split(',').map(Number);
const queryCount = Number(opt.queries);
const scanQueries = Math.min(queryCount, Number(opt['scan-queries']));
const pgQueries = Math.min(queryCount, Number(opt['pg-queries']));
// A ratio compares two methods over the same queries: the first N of both, N the smaller
// count; each method's mean over each of these prefixes is kept per round.
const PREFIXES = [...new Set([scanQueries, pgQueries, queryCount])];
const checkQueries = Math.min(queryCount, Number(opt['check-queries']));
const explainQueries = Math.min(queryCount, Number(opt['explain-queries']));
const seed = Number(opt.seed);
const LIMIT = Number(opt.limit);
const usePg = !opt['no-postgis'];
const pgVariantKeys = opt['pg-variants'].split(',');
const started = performance.now();
const log = (line) =>
  console.error(`[+${Math.round((performance.now() - started) / 1000)} s] ${line}`);

// ---------------------------------------------------------------------------------------
// The synthetic city

const GENERATOR = 'v1'; // part of the cache key: change it when the data below changes
const YEAR_START_MIN = Date.parse('2026-01-01T00:00:00Z') / 60_000;
/** Minute of the year 2026, more by day (peak mid-afternoon) than at night. */
const momentOfYear = (rand) => momentIn(rand, YEAR_START_MIN, 365);
const TOLERANCE = 2; // place tolerance, in accuracies, of an incident's box and a report's
// The issue's framing (report against report): F5's correlate defaults.
const REPORT_RADIUS_M = 500;
const REPORT_WINDOW_MIN = 120;
const KINDS = [
  { code: 'heard', extentM: 1000, durationMin: 10, share: 0.1 }, // shots, a blast
  { code: 'intrusion', extentM: 150, durationMin: 20, share: 0.25 },
  { code: 'vehicle', extentM: 300, durationMin: 30, share: 0.2 },
  { code: 'person', extentM: 200, durationMin: 45, share: 0.1 },
  { code: 'drone', extentM: 800, durationMin: 60, share: 0.1 },
  { code: 'crowd', extentM: 400, durationMin: 90, share: 0.15 },
  { code: 'fire', extentM: 1000, durationMin: 150, share: 0.1 },
];

function pickKind(rand) {
  let u = rand();
  for (let k = 0; k < KINDS.length - 1; k++) if ((u -= KINDS[k].share) < 0) return k;
  return KINDS.length - 1;
}
/** Copies of typed arrays in the order `perm`. */
const permute = (arrays, perm) =>
  Object.fromEntries(
    Object.entries(arrays).map(([k, a]) => {
      const b = new a.constructor(perm.length);
      for (let i = 0; i < perm.length; i++) b[i] = a[perm[i]];
      return [k, b];
    }),
  );
const sortedBy = (key, n) =>
  Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);

/**
 * `size` reports grouped into events, and the incidents they make (in time order);
 * the reports themselves only when `keepReports`.
 */
function generate(size, keepReports) {
  const rand = mulberry32((seed ^ Math.imul(size, 2654435761)) >>> 0);
  const spots = makeHotspots(mulberry32(seed));
  const cap = size;
  const inc = {
    lat: new Float64Array(cap),
    lon: new Float64Array(cap),
    radius: new Float64Array(cap),
    tFrom: new Int32Array(cap),
    tTo: new Int32Array(cap),
    evLat: new Float64Array(cap),
    evLon: new Float64Array(cap),
    evStart: new Float64Array(cap),
    evDuration: new Float32Array(cap),
    kind: new Uint8Array(cap),
    members: new Uint16Array(cap),
  };
  const rep = keepReports
    ? {
        lat: new Float64Array(size),
        lon: new Float64Array(size),
        from: new Int32Array(size),
        to: new Int32Array(size),
      }
    : null;
  let n = 0;
  let reports = 0;
  const place = {};
  const w = {};
  while (reports < size) {
    const kind = pickKind(rand);
    const { extentM, durationMin } = KINDS[kind];
    eventPlace(rand, spots, place);
    const start = momentOfYear(rand);
    const duration = durationMin * (0.2 + 0.8 * rand());
    const k = Math.min(witnessCount(rand), size - reports);
    let sw = 0;
    let swLat = 0;
    let swLon = 0;
    let latestFrom = -Infinity;
    let earliestTo = Infinity;
    for (let j = 0; j < k; j++) {
      witness(rand, place.lat, place.lon, extentM, start, duration, w);
      const weight = 1 / (w.acc * w.acc);
      sw += weight;
      swLat += weight * w.lat;
      swLon += weight * w.lon;
      latestFrom = Math.max(latestFrom, w.from);
      earliestTo = Math.min(earliestTo, w.to);
      if (rep) {
        rep.lat[reports + j] = w.lat;
        rep.lon[reports + j] = w.lon;
        rep.from[reports + j] = w.from;
        rep.to[reports + j] = w.to;
      }
    }
    reports += k;
    inc.lat[n] = swLat / sw;
    inc.lon[n] = swLon / sw;
    inc.radius[n] = extentM + TOLERANCE / Math.sqrt(sw);
    inc.tFrom[n] = latestFrom - durationMin;
    inc.tTo[n] = earliestTo + durationMin;
    inc.evLat[n] = place.lat;
    inc.evLon[n] = place.lon;
    inc.evStart[n] = start;
    inc.evDuration[n] = duration;
    inc.kind[n] = kind;
    inc.members[n] = k;
    n++;
  }
  for (const key of Object.keys(inc)) inc[key] = inc[key].subarray(0, n);
  const incidents = { n, ...permute(inc, sortedBy(inc.tFrom, n)) };
  // Incident ids as tipwire makes them ('i_' + ULID), from a seeded source.
  const idRand = mulberry32(seed + 1);
  const bytes = Buffer.alloc(10);
  incidents.ids = new Array(n);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 10; b++) bytes[b] = Math.floor(idRand() * 256);
    incidents.ids[i] = 'i_' + ulid(incidents.tFrom[i] * 60_000, bytes);
  }
  let maxRadius = 0;
  for (let i = 0; i < n; i++) maxRadius = Math.max(maxRadius, incidents.radius[i]);
  incidents.maxRadius = maxRadius;
  const reportsOut = rep ? { n: size, ...permute(rep, sortedBy(rep.from, size)) } : null;
  return { size, incidents, reports: reportsOut, stats: dataStats(size, incidents) };
}

function dataStats(size, inc) {
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const radius = Float64Array.from(inc.radius).sort();
  const hours = Float64Array.from(inc.tTo, (t, i) => (t - inc.tFrom[i]) / 60).sort();
  let singles = 0;
  let most = 0;
  for (const m of inc.members) {
    if (m === 1) singles++;
    most = Math.max(most, m);
  }
  return {
    reports: size,
    incidents: inc.n,
    reportsPerIncident: round(size / inc.n, 2),
    singletonShare: round(singles / inc.n, 3),
    mostReportsInOneIncident: most,
    radiusM: { p10: round(q(radius, 0.1)), p50: round(q(radius, 0.5)), p90: round(q(radius, 0.9)) },
    maxRadiusM: round(inc.maxRadius),
    timeBoxHours: {
      p10: round(q(hours, 0.1), 2),
      p50: round(q(hours, 0.5), 2),
      p90: round(q(hours, 0.9), 2),
    },
  };
}

/** `count` new reports: 60 % witnesses of a stored event, 40 % anywhere at any time. */
function makeQueries(inc, count, size) {
  const rand = mulberry32((seed * 7919 + size) >>> 0);
  const q = {
    n: count,
    lat: new Float64Array(count),
    lon: new Float64Array(count),
    acc: new Float64Array(count),
    from: new Int32Array(count),
    to: new Int32Array(count),
    ofEvent: new Uint8Array(count),
  };
  const w = {};
  for (let i = 0; i < count; i++) {
    if (rand() < 0.6) {
      const j = Math.floor(rand() * inc.n);
      const { extentM } = KINDS[inc.kind[j]];
      witness(rand, inc.evLat[j], inc.evLon[j], extentM, inc.evStart[j], inc.evDuration[j], w);
      q.ofEvent[i] = 1;
    } else {
      const p = {};
      anywhere(rand, p);
      witness(rand, p.lat, p.lon, 0, momentOfYear(rand), 0, w);
    }
    q.lat[i] = w.lat;
    q.lon[i] = w.lon;
    q.acc[i] = w.acc;
    q.from[i] = w.from;
    q.to[i] = w.to;
  }
  return q;
}

// ---------------------------------------------------------------------------------------
// The exact checks every method ends with

/** correlate/geo.ts's haversine, inlined (no objects per call). */
function haversine(lat1, lon1, lat2, lon2) {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
/** Incident i may hold report q: within its radius + the report's tolerance, times meet. */
const incidentMatches = (inc, i, q, k) =>
  inc.tFrom[i] <= q.to[k] &&
  inc.tTo[i] >= q.from[k] &&
  haversine(q.lat[k], q.lon[k], inc.lat[i], inc.lon[i]) <= inc.radius[i] + TOLERANCE * q.acc[k];
/** Stored report r is near report q in F5's sense: within 500 m, within ±120 min. */
const reportMatches = (rep, r, q, k) =>
  rep.from[r] <= q.to[k] + REPORT_WINDOW_MIN &&
  rep.to[r] >= q.from[k] - REPORT_WINDOW_MIN &&
  haversine(q.lat[k], q.lon[k], rep.lat[r], rep.lon[r]) <= REPORT_RADIUS_M;

// Planar metres around the centre, for kdbush: off by at most ~0.3 % inside the city,
// so its radius is widened by 0.5 % + 1 m and the exact check follows.
const planarX = (lat, lon) => (lon - CENTER.lon) * M_PER_DEG * COS0;
const planarY = (lat) => (lat - CENTER.lat) * M_PER_DEG;
const widen = (m) => m * 1.005 + 1;

// ---------------------------------------------------------------------------------------
// The SQLite databases (cached)

const CACHE_DIR = path.join(ROOT, 'bench/.cache');
const MIGRATIONS_HASH = migrationsHash();
const cacheFile = (size) =>
  path.join(CACHE_DIR, `incident-lookup-${GENERATOR}-${MIGRATIONS_HASH}-seed${seed}-${size}.db`);

function buildDatabase(file, data) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const db = openDatabase(tmp);
  db.pragma('synchronous = OFF'); // a cache: built again when lost
  const inc = data.incidents;
  const putIncident = db.prepare(`INSERT INTO incident_core
    (id, min_lat, max_lat, min_lon, max_lon, min_minute, max_minute, incident_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  // report_points as F5's store fills it (report.repository.ts: addPoint).
  const putPoint = db.prepare(`INSERT INTO report_points
    (seq, min_lat, max_lat, min_lon, max_lon, min_minute, max_minute,
     report_id, incident_id, lat, lon, event_from, event_to)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < inc.n; i++) {
      const b = boundingBox({ lat: inc.lat[i], lon: inc.lon[i] }, inc.radius[i]);
      putIncident.run(
        (i + 1) * 2,
        b.minLat,
        b.maxLat,
        b.minLon,
        b.maxLon,
        inc.tFrom[i],
        inc.tTo[i],
        inc.ids[i],
      );
    }
    const rep = data.reports;
    if (!rep) return;
    const idRand = mulberry32(seed + 2);
    const bytes = Buffer.alloc(10);
    for (let r = 0; r < rep.n; r++) {
      for (let b = 0; b < 10; b++) bytes[b] = Math.floor(idRand() * 256);
      putPoint.run(
        r + 1,
        rep.lat[r],
        rep.lat[r],
        rep.lon[r],
        rep.lon[r],
        rep.from[r],
        rep.to[r],
        'r_' + ulid(rep.from[r] * 60_000, bytes),
        rep.lat[r],
        rep.lon[r],
        rep.from[r] * 60_000,
        rep.to[r] * 60_000,
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  return round((performance.now() - t0) / 1000, 1);
}

/** Bytes of each table of the file whose name starts with `prefix` (dbstat). */
function tableBytes(db, prefix) {
  return db
    .prepare(
      `SELECT name, count(*) AS pages, sum(pgsize) AS bytes FROM dbstat
       WHERE name LIKE ? GROUP BY name ORDER BY name`,
    )
    .all(`${prefix}%`);
}

// ---------------------------------------------------------------------------------------
// PostGIS

const PG_VARIANTS = {
  // The issue's wording: geography, the time box as a range, one GiST over both.
  'geog-range': {
    label: 'geography + int8range, GiST (geog, trange)',
    columns: `ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS geog,
      int8range(t_from, t_to, '[]') AS trange`,
    index: '(geog, trange)',
    point: `ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography`,
    within: (pt, r) => `ST_DWithin(geog, ${pt}, ${r}, false)`,
    time: (from, to) => `trange && int8range(${from}, ${to}, '[]')`,
  },
  // The same with the time box as two scalars in the GiST through btree_gist.
  'geog-btree': {
    label: 'geography + t_from, t_to, GiST (geog, t_from, t_to) with btree_gist',
    columns: `ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS geog, t_from, t_to`,
    index: '(geog, t_from, t_to)',
    point: `ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography`,
    within: (pt, r) => `ST_DWithin(geog, ${pt}, ${r}, false)`,
    time: (from, to) => `t_from <= ${to} AND t_to >= ${from}`,
  },
  // Planar metres (UTM zone 50N): PostGIS's cheapest distance; UTM's scale there is
  // 0.9996, so the radius is widened by 0.2 % + 1 m and the exact check follows.
  'geom-btree': {
    label: 'geometry UTM 50N + t_from, t_to, GiST (geom, t_from, t_to) with btree_gist',
    columns: `ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 32650) AS geom, t_from, t_to`,
    index: '(geom, t_from, t_to)',
    point: `ST_Transform(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326), 32650)`,
    within: (pt, r) => `ST_DWithin(geom, ${pt}, (${r}) * 1.002 + 1)`,
    time: (from, to) => `t_from <= ${to} AND t_to >= ${from}`,
  },
};

/**
 * A schema of our own; postgis and btree_gist created in it unless the database has
 * them already (then left alone at the end, as is an extension another session came
 * to depend on meanwhile).
 */
async function pgOpen() {
  const client = new pg.Client({ connectionString: opt['pg-url'] });
  await client.connect();
  const schema = `tipwire_bench_f6_${process.pid}`;
  const existing = new Map(
    (
      await client.query(
        `SELECT e.extname, n.nspname FROM pg_extension e
         JOIN pg_namespace n ON n.oid = e.extnamespace`,
      )
    ).rows.map((r) => [r.extname, r.nspname]),
  );
  await client.query(`CREATE SCHEMA ${schema}`);
  const created = [];
  for (const ext of ['postgis', 'btree_gist']) {
    if (existing.has(ext)) continue;
    await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext} SCHEMA ${schema}`);
    created.push(ext);
  }
  const paths = [schema, ...['postgis', 'btree_gist'].map((e) => existing.get(e)).filter(Boolean)];
  await client.query(`SET search_path = ${[...new Set(paths)].join(', ')}, public`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  const backendPid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const settings = {};
  for (const s of ['server_version', 'shared_buffers', 'work_mem', 'jit', 'random_page_cost']) {
    settings[s] = (await client.query(`SHOW ${s}`)).rows[0][s];
  }
  settings.postgis = (await client.query('SELECT postgis_lib_version() AS v')).rows[0].v;
  const tables = [];
  return {
    client,
    schema,
    backendPid,
    settings,
    created,
    tables,
    async close() {
      const left = [];
      try {
        for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${t}`);
        for (const ext of created.reverse()) {
          try {
            await client.query(`DROP EXTENSION ${ext}`);
          } catch (err) {
            left.push(`${ext} (${err.message})`);
          }
        }
        await client.query(`DROP SCHEMA ${schema}`);
      } catch (err) {
        left.push(`schema ${schema} (${err.message})`);
      }
      await client.end();
      if (left.length) log(`PostgreSQL: left behind: ${left.join('; ')}`);
    },
  };
}

/** Loads rows (columns of equal length) into a new unlogged table, 20,000 rows a statement. */
async function pgLoad(db, table, columns) {
  const names = Object.keys(columns);
  const types = Object.values(columns).map((c) => c.type);
  await db.client.query(
    `CREATE UNLOGGED TABLE ${table} (${names.map((c, i) => `${c} ${types[i]}`).join(', ')})`,
  );
  db.tables.push(table);
  const n = Object.values(columns)[0].values.length;
  const text = `INSERT INTO ${table} SELECT * FROM unnest(${names
    .map((_, i) => `$${i + 1}::${types[i]}[]`)
    .join(', ')})`;
  for (let at = 0; at < n; at += 20_000) {
    const end = Math.min(n, at + 20_000);
    await db.client.query(
      text,
      Object.values(columns).map((c) => Array.from(c.values.subarray(at, end))),
    );
  }
}

/** One table and GiST index per variant, made from `base` (id, lat, lon, [radius_m,] t_from, t_to). */
async function pgVariants(db, base, extra) {
  const out = {};
  for (const key of pgVariantKeys) {
    const v = PG_VARIANTS[key];
    if (!v) throw new Error(`--pg-variants: no variant ${key}`);
    const table = `${base}_${key.replace('-', '_')}`;
    const t0 = performance.now();
    await db.client.query(
      `CREATE UNLOGGED TABLE ${table} AS SELECT id, ${extra}${v.columns} FROM ${base}`,
    );
    db.tables.push(table);
    await db.client.query(`CREATE INDEX ${table}_gist ON ${table} USING gist ${v.index}`);
    await db.client.query(`VACUUM ANALYZE ${table}`);
    const sizes = (
      await db.client.query(
        `SELECT pg_relation_size($1::regclass) AS heap, pg_relation_size($2::regclass) AS index`,
        [table, `${table}_gist`],
      )
    ).rows[0];
    out[key] = {
      table,
      buildS: round((performance.now() - t0) / 1000, 1),
      heapBytes: Number(sizes.heap),
      indexBytes: Number(sizes.index),
    };
  }
  await db.client.query(`DROP TABLE ${base}`);
  return out;
}

// ---------------------------------------------------------------------------------------
// The methods

/** One kdbush over points (x, y metres). */
function kdbushOf(n, x, y) {
  const index = new KDBush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(x(i), y(i));
  index.finish();
  return index;
}

/**
 * kdbush per day: each item in the index of every day its time interval touches; a
 * query asks the days its own interval (`from`, `to`) touches. An item that meets the
 * query in time shares at least one day with it.
 */
function kdbushPerDay(n, lat, lon, from, to) {
  const members = new Map();
  for (let i = 0; i < n; i++) {
    for (let d = Math.floor(from(i) / DAY_MIN); d <= Math.floor(to(i) / DAY_MIN); d++) {
      let list = members.get(d);
      if (!list) members.set(d, (list = []));
      list.push(i);
    }
  }
  const days = new Map();
  let entries = 0;
  for (const [d, list] of members) {
    const ids = Uint32Array.from(list);
    entries += ids.length;
    const index = kdbushOf(
      ids.length,
      (k) => planarX(lat[ids[k]], lon[ids[k]]),
      (k) => planarY(lat[ids[k]]),
    );
    days.set(d, { ids, index });
  }
  const stamp = new Uint32Array(n);
  let query = 0;
  return {
    entries,
    days: days.size,
    /** Items in the days of [fromMin, toMin] within r metres of (x, y), each once. */
    near(x, y, r, fromMin, toMin, visit) {
      query++;
      const d0 = Math.floor(fromMin / DAY_MIN);
      const d1 = Math.floor(toMin / DAY_MIN);
      for (let d = d0; d <= d1; d++) {
        const day = days.get(d);
        if (!day) continue;
        for (const k of day.index.within(x, y, r)) {
          const i = day.ids[k];
          if (d1 > d0) {
            if (stamp[i] === query) continue;
            stamp[i] = query;
          }
          visit(i);
        }
      }
    },
  };
}

function incidentMethods(data, q, db, pgTables, pgClient) {
  const inc = data.incidents;
  const tag = sizeTag(data.size);
  const methods = [];
  const counters = () => ({ raw: 0, limitHits: 0 });

  // (a) tipwire: the R*Tree through better-sqlite3, then the exact check.
  const index = createIncidentIndex(db, 'incident_core');
  const byId = new Map(inc.ids.map((id, i) => [id, i]));
  const tw = counters();
  methods.push({
    key: `incidents/${tag}/tipwire`,
    label: 'tipwire: R*Tree incident_core (better-sqlite3) + exact',
    counters: tw,
    run(k) {
      const box = boundingBox({ lat: q.lat[k], lon: q.lon[k] }, TOLERANCE * q.acc[k]);
      const ids = index.candidates([{ ...box, fromMinute: q.from[k], toMinute: q.to[k] }], LIMIT);
      tw.raw += ids.length;
      if (ids.length >= LIMIT) tw.limitHits++;
      const out = [];
      for (const id of ids) {
        const i = byId.get(id);
        if (incidentMatches(inc, i, q, k)) out.push(i);
      }
      return out;
    },
  });

  // Diagnostics: tipwire's SQL prepared here (since this bench found that a bound LIMIT
  // made SQLite prepare the statement again at each call — sqlite3ExprIsInteger →
  // SetVarmask — tipwire writes its LIMIT in, so the two should now agree), and the
  // R*Tree at its cheapest (row ids only: no DISTINCT, no auxiliary column, positional).
  const literal = db.prepare(candidatesSql('incident_core', LIMIT)).pluck();
  const lc = counters();
  methods.push({
    key: `incidents/${tag}/tipwire-limit-literal`,
    label: `diagnostic: tipwire's SQL with LIMIT ${LIMIT} written in + exact`,
    counters: lc,
    run(k) {
      const box = boundingBox({ lat: q.lat[k], lon: q.lon[k] }, TOLERANCE * q.acc[k]);
      const ids = literal.all({ ...box, fromMinute: q.from[k], toMinute: q.to[k] });
      lc.raw += ids.length;
      const out = [];
      for (const id of ids) {
        const i = byId.get(id);
        if (incidentMatches(inc, i, q, k)) out.push(i);
      }
      return out;
    },
  });
  const rowids = db
    .prepare(
      `SELECT id FROM incident_core WHERE min_lat <= ? AND max_lat >= ? AND min_lon <= ?
        AND max_lon >= ? AND min_minute <= ? AND max_minute >= ? LIMIT ${LIMIT}`,
    )
    .pluck();
  const rc = counters();
  methods.push({
    key: `incidents/${tag}/rtree-rowids`,
    label: 'diagnostic: the R*Tree at its cheapest (row ids, positional) + exact',
    counters: rc,
    run(k) {
      const b = boundingBox({ lat: q.lat[k], lon: q.lon[k] }, TOLERANCE * q.acc[k]);
      const ids = rowids.all(b.maxLat, b.minLat, b.maxLon, b.minLon, q.to[k], q.from[k]);
      rc.raw += ids.length;
      const out = [];
      for (const id of ids) {
        const i = id / 2 - 1;
        if (incidentMatches(inc, i, q, k)) out.push(i);
      }
      return out;
    },
  });

  // (b) PostGIS, one prepared statement per variant, exact check on its rows.
  for (const [variant, t] of Object.entries(pgTables ?? {})) {
    const v = PG_VARIANTS[variant];
    const text = `SELECT id FROM ${t.table}
      WHERE ${v.within(v.point, '$6::float8 + $3::float8')}
        AND ${v.within(v.point, 'radius_m + $3::float8')}
        AND ${v.time('$4::int8', '$5::int8')}`;
    const c = counters();
    const name = `f6_${tag}_${variant}`.replace(/-/g, '_');
    methods.push({
      key: `incidents/${tag}/postgis-${variant}`,
      label: `PostGIS ${v.label}`,
      async: true,
      queries: pgQueries,
      counters: c,
      sql: text,
      name,
      params: (k) => [q.lon[k], q.lat[k], TOLERANCE * q.acc[k], q.from[k], q.to[k], inc.maxRadius],
      async run(k) {
        const res = await pgClient.query({ name, text, values: this.params(k), rowMode: 'array' });
        c.raw += res.rows.length;
        const out = [];
        for (const [id] of res.rows) if (incidentMatches(inc, id - 1, q, k)) out.push(id - 1);
        return out;
      },
    });
  }

  // (c) kdbush over the centroids: the largest radius + the report's tolerance, then exact.
  const kd = kdbushOf(
    inc.n,
    (i) => planarX(inc.lat[i], inc.lon[i]),
    (i) => planarY(inc.lat[i]),
  );
  const kc = counters();
  methods.push({
    key: `incidents/${tag}/kdbush`,
    label: 'kdbush over incident centroids (2-D, whole year) + exact',
    counters: kc,
    queries: scanQueries,
    run(k) {
      const r = widen(inc.maxRadius + TOLERANCE * q.acc[k]);
      const ids = kd.within(planarX(q.lat[k], q.lon[k]), planarY(q.lat[k]), r);
      kc.raw += ids.length;
      const out = [];
      for (const i of ids) if (incidentMatches(inc, i, q, k)) out.push(i);
      return out;
    },
  });
  const perDay = kdbushPerDay(
    inc.n,
    inc.lat,
    inc.lon,
    (i) => inc.tFrom[i],
    (i) => inc.tTo[i],
  );
  const dc = counters();
  methods.push({
    key: `incidents/${tag}/kdbush-day`,
    label: 'kdbush per day over incident centroids + exact',
    counters: dc,
    run(k) {
      const r = widen(inc.maxRadius + TOLERANCE * q.acc[k]);
      const out = [];
      perDay.near(planarX(q.lat[k], q.lon[k]), planarY(q.lat[k]), r, q.from[k], q.to[k], (i) => {
        dc.raw++;
        if (incidentMatches(inc, i, q, k)) out.push(i);
      });
      return out;
    },
  });

  // (d) a linear scan (the baseline, and the reference of the check).
  const ls = counters();
  const scan = {
    key: `incidents/${tag}/linear`,
    label: 'linear scan over JS arrays',
    counters: ls,
    queries: scanQueries,
    run(k) {
      const out = [];
      const { tFrom, tTo, lat, radius } = inc;
      const qf = q.from[k];
      const qt = q.to[k];
      const ql = q.lat[k];
      const tol = TOLERANCE * q.acc[k];
      for (let i = 0; i < inc.n; i++) {
        if (tFrom[i] > qt || tTo[i] < qf) continue;
        if (Math.abs(lat[i] - ql) * M_PER_DEG > radius[i] + tol) continue;
        if (incidentMatches(inc, i, q, k)) out.push(i);
      }
      return out;
    },
  };
  return { methods, scan, kdbushDay: { days: perDay.days, entries: perDay.entries } };
}

function reportMethods(data, q, db, pgTables, pgClient) {
  const rep = data.reports;
  const tag = sizeTag(data.size);
  const methods = [];
  const counters = () => ({ raw: 0, limitHits: 0 });
  const MINUTE = 60_000;

  // tipwire's F5 lookup: report_points, the findNear query of report.repository.ts.
  const near = db.prepare(`SELECT report_id AS id, incident_id AS incidentId, lat, lon,
      event_from AS "from", event_to AS "to"
    FROM report_points
    WHERE min_lat <= @maxLat AND max_lat >= @minLat
      AND min_lon <= @maxLon AND max_lon >= @minLon
      AND min_minute <= @toMinute AND max_minute >= @fromMinute
      AND event_from <= @to AND event_to >= @from
      AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`);
  // Report id → row index, for the check only (read once: report_id is an auxiliary
  // column, so a lookup by it would scan the whole R*Tree).
  let rowOf = null;
  const toIndexes = (ids) => {
    rowOf ??= new Map(
      db
        .prepare('SELECT report_id, seq FROM report_points')
        .raw()
        .all()
        .map(([id, seq]) => [id, seq - 1]),
    );
    return ids.map((id) => rowOf.get(id));
  };
  const rt = counters();
  methods.push({
    key: `reports/${tag}/tipwire-report-points`,
    label: "tipwire's F5 findNear: R*Tree report_points (better-sqlite3) + exact",
    counters: rt,
    run(k) {
      const from = (q.from[k] - REPORT_WINDOW_MIN) * MINUTE;
      const to = (q.to[k] + REPORT_WINDOW_MIN) * MINUTE;
      const rows = near.all({
        from,
        to,
        fromMinute: from / MINUTE,
        toMinute: to / MINUTE,
        ...boundingBox({ lat: q.lat[k], lon: q.lon[k] }, REPORT_RADIUS_M),
      });
      rt.raw += rows.length;
      const out = [];
      for (const row of rows) {
        if (haversine(q.lat[k], q.lon[k], row.lat, row.lon) <= REPORT_RADIUS_M) out.push(row.id);
      }
      return out;
    },
    // Report ids → row indexes, outside the timed part (for the check only).
    toIndexes,
  });

  for (const [variant, t] of Object.entries(pgTables ?? {})) {
    const v = PG_VARIANTS[variant];
    const text = `SELECT id FROM ${t.table}
      WHERE ${v.within(v.point, '$3::float8')} AND ${v.time('$4::int8', '$5::int8')}`;
    const c = counters();
    const name = `f6_rep_${tag}_${variant}`.replace(/-/g, '_');
    methods.push({
      key: `reports/${tag}/postgis-${variant}`,
      label: `PostGIS ${v.label}`,
      async: true,
      queries: pgQueries,
      counters: c,
      sql: text,
      name,
      params: (k) => [
        q.lon[k],
        q.lat[k],
        REPORT_RADIUS_M,
        q.from[k] - REPORT_WINDOW_MIN,
        q.to[k] + REPORT_WINDOW_MIN,
      ],
      async run(k) {
        const res = await pgClient.query({ name, text, values: this.params(k), rowMode: 'array' });
        c.raw += res.rows.length;
        const out = [];
        for (const [id] of res.rows) if (reportMatches(rep, id - 1, q, k)) out.push(id - 1);
        return out;
      },
    });
  }

  const kd = kdbushOf(
    rep.n,
    (r) => planarX(rep.lat[r], rep.lon[r]),
    (r) => planarY(rep.lat[r]),
  );
  const kc = counters();
  methods.push({
    key: `reports/${tag}/kdbush`,
    label: 'kdbush over report points (2-D, whole year) + time and exact',
    counters: kc,
    run(k) {
      const ids = kd.within(planarX(q.lat[k], q.lon[k]), planarY(q.lat[k]), widen(REPORT_RADIUS_M));
      kc.raw += ids.length;
      const out = [];
      for (const r of ids) if (reportMatches(rep, r, q, k)) out.push(r);
      return out;
    },
  });
  const perDay = kdbushPerDay(
    rep.n,
    rep.lat,
    rep.lon,
    (r) => rep.from[r],
    (r) => rep.to[r],
  );
  const dc = counters();
  methods.push({
    key: `reports/${tag}/kdbush-day`,
    label: 'kdbush per day over report points + exact',
    counters: dc,
    run(k) {
      const out = [];
      perDay.near(
        planarX(q.lat[k], q.lon[k]),
        planarY(q.lat[k]),
        widen(REPORT_RADIUS_M),
        q.from[k] - REPORT_WINDOW_MIN,
        q.to[k] + REPORT_WINDOW_MIN,
        (r) => {
          dc.raw++;
          if (reportMatches(rep, r, q, k)) out.push(r);
        },
      );
      return out;
    },
  });

  const ls = counters();
  const scan = {
    key: `reports/${tag}/linear`,
    label: 'linear scan over JS arrays',
    counters: ls,
    queries: scanQueries,
    run(k) {
      const out = [];
      const { from, to, lat } = rep;
      const qf = q.from[k] - REPORT_WINDOW_MIN;
      const qt = q.to[k] + REPORT_WINDOW_MIN;
      const ql = q.lat[k];
      for (let r = 0; r < rep.n; r++) {
        if (from[r] > qt || to[r] < qf) continue;
        if (Math.abs(lat[r] - ql) * M_PER_DEG > REPORT_RADIUS_M) continue;
        if (reportMatches(rep, r, q, k)) out.push(r);
      }
      return out;
    },
  };
  return { methods, scan };
}

const sizeTag = (size) => (size % 1_000_000 === 0 ? `${size / 1_000_000}M` : String(size));

// ---------------------------------------------------------------------------------------
// Measuring

/** Times `count` queries of one method: total and per query (µs). */
async function timeMethod(m, count) {
  const times = new Float64Array(count);
  const raw0 = m.counters?.raw ?? 0;
  const hits0 = m.counters?.limitHits ?? 0;
  let found = 0;
  const t0 = performance.now();
  if (m.async) {
    for (let k = 0; k < count; k++) {
      const a = performance.now();
      found += (await m.run(k)).length;
      times[k] = performance.now() - a;
    }
  } else {
    for (let k = 0; k < count; k++) {
      const a = performance.now();
      found += m.run(k).length;
      times[k] = performance.now() - a;
    }
  }
  const total = performance.now() - t0;
  const prefixUs = {};
  for (const n of PREFIXES.filter((x) => x <= count)) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += times[k];
    prefixUs[n] = round((sum * 1000) / n, 2);
  }
  times.sort();
  const at = (p) => times[Math.min(count - 1, Math.floor(p * count))] * 1000;
  return {
    key: m.key,
    queries: count,
    usPerQuery: round((total * 1000) / count, 2),
    prefixUs,
    p50Us: round(at(0.5), 2),
    p99Us: round(at(0.99), 2),
    found,
    raw: m.counters ? m.counters.raw - raw0 : null,
    limitHits: m.counters ? m.counters.limitHits - hits0 : null,
  };
}

/** The candidate sets of every method against the linear scan's, on the first queries. */
async function check(group, count) {
  const ref = [];
  for (let k = 0; k < count; k++)
    ref.push(
      group.scan
        .run(k)
        .sort((a, b) => a - b)
        .join(),
    );
  const out = [];
  for (const m of group.methods) {
    let same = 0;
    let differ = 0;
    let found = 0;
    const limitHits0 = m.counters.limitHits;
    const examples = [];
    for (let k = 0; k < count; k++) {
      let r = m.async ? await m.run(k) : m.run(k);
      if (m.toIndexes) r = m.toIndexes(r);
      found += r.length;
      const s = r.sort((a, b) => a - b).join();
      if (s === ref[k]) same++;
      else {
        differ++;
        if (examples.length < 3) examples.push({ query: k, method: s, linear: ref[k] });
      }
    }
    out.push({
      key: m.key,
      queries: count,
      same,
      differ,
      meanFound: round(found / count, 2),
      limitHits: m.counters.limitHits - limitHits0,
      examples,
    });
  }
  const nonEmpty = ref.filter((s) => s !== '').length;
  return { reference: group.scan.key, queriesWithAMatch: nonEmpty, methods: out };
}

/** EXPLAIN ANALYZE of a PostGIS method's statement on the first queries: server-side ms. */
async function explain(pgClient, m, count) {
  const name = `ex_${m.name}`;
  await pgClient.query(`PREPARE ${name} AS ${m.sql}`);
  const planning = [];
  const execution = [];
  let plan = null;
  for (let k = 0; k < count; k++) {
    const args = m
      .params(k)
      .map((v) => String(v))
      .join(', ');
    const res = await pgClient.query(
      `EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) EXECUTE ${name}(${args})`,
    );
    const [e] = res.rows[0]['QUERY PLAN'];
    planning.push(e['Planning Time']);
    execution.push(e['Execution Time']);
    if (k === count - 1) plan = e.Plan;
  }
  await pgClient.query(`DEALLOCATE ${name}`);
  const planText = (node, depth = 0) =>
    [
      `${' '.repeat(depth * 2)}${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}` +
        `${node['Index Cond'] ? ` [${node['Index Cond']}]` : ''}${node['Recheck Cond'] ? ` [recheck ${node['Recheck Cond']}]` : ''}`,
      ...(node.Plans ?? []).flatMap((p) => planText(p, depth + 1)),
    ].join('\n');
  return {
    key: m.key,
    queries: count,
    planningMsMedian: round(median(planning), 3),
    executionMsMedian: round(median(execution), 3),
    executionMsP99: round([...execution].sort((a, b) => a - b)[Math.floor(0.99 * (count - 1))], 3),
    lastPlan: planText(plan),
  };
}

/** The one-ST_DWithin form `radius_m + tolerance`: the planner cannot use the spatial index. */
async function explainNaive(pgClient, variant, table, q, count) {
  const v = PG_VARIANTS[variant];
  const execution = [];
  let plan = null;
  for (let k = 0; k < count; k++) {
    const point = v.point
      .replace('$1::float8', String(q.lon[k]))
      .replace('$2::float8', String(q.lat[k]));
    const res = await pgClient.query(
      `EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) SELECT id FROM ${table}
       WHERE ${v.within(point, `radius_m + ${TOLERANCE * q.acc[k]}`)}
         AND ${v.time(q.from[k], q.to[k])}`,
    );
    const [e] = res.rows[0]['QUERY PLAN'];
    execution.push(e['Execution Time']);
    plan = e.Plan;
  }
  const first = (node) => (node.Plans ? first(node.Plans[0]) : node);
  const leaf = first(plan);
  return {
    table,
    queries: count,
    executionMsMedian: round(median(execution), 3),
    leaf: `${leaf['Node Type']} ${leaf['Index Name'] ?? ''} [${leaf['Index Cond'] ?? ''}]`,
  };
}

// ---------------------------------------------------------------------------------------

const results = {
  machine: machineFacts(),
  options: {
    runs,
    sizes,
    queries: queryCount,
    scanQueries,
    pgQueries,
    checkQueries,
    explainQueries,
    seed,
    limit: LIMIT,
    postgis: usePg ? pgVariantKeys : false,
    tolerance: TOLERANCE,
    reportFraming: { radiusM: REPORT_RADIUS_M, windowMin: REPORT_WINDOW_MIN },
  },
};
let db0 = null;
const opened = [];
// Stopped by a signal: drop the PostgreSQL tables and extensions before leaving.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    (db0 ? db0.close() : Promise.resolve()).finally(() => process.exit(130));
  });
}
try {
  if (usePg) {
    db0 = await pgOpen();
    results.postgres = { settings: db0.settings, extensionsCreated: db0.created };
    log(
      `PostgreSQL ${db0.settings.server_version}, PostGIS ${db0.settings.postgis}, schema ${db0.schema}`,
    );
  }
  const groups = [];
  results.data = {};
  for (const size of sizes) {
    const tag = sizeTag(size);
    const keepReports = size === sizes[0];
    let t0 = performance.now();
    const data = generate(size, keepReports);
    const generateS = round((performance.now() - t0) / 1000, 1);
    log(`${tag}: generated in ${generateS} s: ${JSON.stringify(data.stats)}`);
    const file = cacheFile(size);
    let buildS = null;
    if (opt.rebuild || !existsSync(file)) {
      log(`${tag}: building ${path.relative(ROOT, file)} …`);
      buildS = buildDatabase(file, data);
      log(`${tag}: built in ${buildS} s`);
      writeFileSync(`${file}.json`, JSON.stringify({ ...data.stats, buildS }, null, 2) + '\n');
    }
    const db = openDatabase(file); // tipwire's defaults: 64 MiB page cache, WAL
    opened.push(db);
    const count = db.prepare('SELECT count(*) FROM incident_core').pluck().get();
    if (count !== data.incidents.n)
      throw new Error(`${file}: ${count} rows, not ${data.incidents.n}`);
    const pageSize = db.pragma('page_size', { simple: true });
    const pageCount = db.pragma('page_count', { simple: true });
    const core = tableBytes(db, 'incident_core_');
    const coreBytes = core.reduce((s, t) => s + t.bytes, 0);
    const points = keepReports ? tableBytes(db, 'report_points_') : [];
    const pointsBytes = points.reduce((s, t) => s + t.bytes, 0);
    const storage = {
      file: path.relative(ROOT, file),
      pageSize,
      fileBytes: pageSize * pageCount,
      incidentCore: core,
      incidentCoreBytes: coreBytes,
      incidentCoreBytesPerReport: round(coreBytes / size, 2),
      incidentCoreBytesPerIncident: round(coreBytes / data.incidents.n, 1),
      ...(keepReports
        ? {
            reportPoints: points,
            reportPointsBytesPerReport: round(pointsBytes / size, 2),
          }
        : {}),
    };
    log(
      `${tag}: incident_core ${coreBytes} bytes, ${storage.incidentCoreBytesPerReport} per report`,
    );

    const q = makeQueries(data.incidents, queryCount, size);
    let pgInc = null;
    let pgRep = null;
    if (usePg) {
      t0 = performance.now();
      const inc = data.incidents;
      const base = `inc_${tag.toLowerCase()}`;
      await pgLoad(db0, base, {
        id: { type: 'int4', values: Int32Array.from({ length: inc.n }, (_, i) => i + 1) },
        lat: { type: 'float8', values: inc.lat },
        lon: { type: 'float8', values: inc.lon },
        radius_m: { type: 'float8', values: inc.radius },
        t_from: { type: 'int8', values: inc.tFrom },
        t_to: { type: 'int8', values: inc.tTo },
      });
      pgInc = await pgVariants(db0, base, 'radius_m, ');
      if (keepReports) {
        const rep = data.reports;
        const rbase = `rep_${tag.toLowerCase()}`;
        await pgLoad(db0, rbase, {
          id: { type: 'int4', values: Int32Array.from({ length: rep.n }, (_, i) => i + 1) },
          lat: { type: 'float8', values: rep.lat },
          lon: { type: 'float8', values: rep.lon },
          t_from: { type: 'int8', values: rep.from },
          t_to: { type: 'int8', values: rep.to },
        });
        pgRep = await pgVariants(db0, rbase, '');
      }
      log(
        `${tag}: PostgreSQL tables and indexes in ${round((performance.now() - t0) / 1000, 1)} s`,
      );
    }
    t0 = performance.now();
    const incGroup = incidentMethods(data, q, db, pgInc, db0?.client);
    const repGroup = keepReports ? reportMethods(data, q, db, pgRep, db0?.client) : null;
    log(`${tag}: in-memory indexes in ${round((performance.now() - t0) / 1000, 1)} s`);
    results.data[tag] = {
      stats: data.stats,
      generateS,
      sqliteBuildS: buildS,
      sqliteCached: buildS === null,
      storage,
      postgis: { incidents: pgInc, reports: pgRep },
      kdbushPerDay: incGroup.kdbushDay,
      queriesOfAnEvent: q.ofEvent.reduce((s, x) => s + x, 0),
    };
    groups.push({ tag, size, framing: 'incidents', group: incGroup, data });
    if (repGroup) groups.push({ tag, size, framing: 'reports', group: repGroup, data });
  }

  // The check: every method against the linear scan, on the first queries.
  results.check = {};
  for (const g of groups) {
    const c = await check(g.group, checkQueries);
    results.check[`${g.framing}/${g.tag}`] = c;
    for (const m of c.methods) {
      log(
        `check ${m.key}: ${m.same}/${m.queries} the same as ${c.reference}` +
          `${m.differ ? ` — ${m.differ} differ, e.g. ${JSON.stringify(m.examples[0])}` : ''}` +
          `${m.limitHits ? ` (${m.limitHits} reached the limit of ${LIMIT})` : ''}`,
      );
    }
  }

  // Every method's queries (the scans' first --scan-queries), in an order that rotates.
  const timed = groups.flatMap((g) => [
    ...g.group.methods.map((m) => ({ ...m, queries: m.queries ?? queryCount })),
    ...(g.size === sizes[0] ? [g.group.scan] : []),
  ]);
  if (usePg) {
    // The floor of any PostgreSQL lookup: the round trip of a prepared `SELECT $1`.
    timed.push({
      key: 'pg/round-trip',
      label: 'PostgreSQL round trip of a prepared SELECT $1 (the floor)',
      async: true,
      queries: queryCount,
      async run(k) {
        const res = await db0.client.query({
          name: 'f6_floor',
          text: 'SELECT $1::int4 AS id',
          values: [k],
          rowMode: 'array',
        });
        return res.rows;
      },
    });
  }
  const { attempts, counted } = await runRounds({
    runs,
    quietBelowPct: Number(opt['quiet-below']),
    quietWaitMs: Number(opt['quiet-wait-s']) * 1000,
    maxOtherPct: Number(opt['max-other']),
    // The PostgreSQL backend works for this process: its CPU is not "other".
    childTicks: () => (db0 ? procCpuTicks(db0.backendPid) || 0 : 0),
    measure: async (index) => {
      const shift = index % timed.length;
      const order = [...timed.slice(shift), ...timed.slice(0, shift)];
      const out = [];
      for (const m of order) out.push(await timeMethod(m, m.queries));
      return out;
    },
  });

  // Medians of the counted rounds; ratios per round, then their median.
  const per = (key, field) => counted.map((r) => r.value.find((v) => v.key === key)?.[field]);
  const summary = timed.map((m) => {
    const us = per(m.key, 'usPerQuery');
    return {
      key: m.key,
      label: m.label,
      queries: m.queries,
      usPerQuery: round(median(us), 2),
      usPerQueryRange: [round(Math.min(...us), 2), round(Math.max(...us), 2)],
      p50Us: round(median(per(m.key, 'p50Us')), 2),
      p99Us: round(median(per(m.key, 'p99Us')), 2),
      meanFound: round(median(per(m.key, 'found')) / m.queries, 2),
      rawPerQuery: round(median(per(m.key, 'raw')) / m.queries, 2),
      limitHits: median(per(m.key, 'limitHits')),
    };
  });
  const queriesOf = (key) => timed.find((m) => m.key === key).queries;
  const ratio = (a, b) => {
    const n = Math.min(queriesOf(a), queriesOf(b));
    const xa = per(a, 'prefixUs').map((p) => p[n]);
    const xb = per(b, 'prefixUs').map((p) => p[n]);
    const xs = xa.map((x, i) => x / xb[i]);
    const ua = median(xa);
    const ub = median(xb);
    return {
      a,
      b,
      queries: n,
      usA: round(ua, 2),
      usB: round(ub, 2),
      ofMedians: round(ua / ub, 2),
      perRoundMedian: round(median(xs), 2),
      perRoundRange: [round(Math.min(...xs), 2), round(Math.max(...xs), 2)],
    };
  };
  // Ratios in the direction of F6's targets: PostGIS / tipwire (≥ 5) and tipwire / kdbush
  // (≤ 1.5); then the 10 M / 1 M growth of each method.
  const ratios = [];
  const has = (key) => timed.some((m) => m.key === key);
  const pairs = [];
  const pgKeys = pgVariantKeys.map((v) => `postgis-${v}`);
  for (const size of sizes) {
    const t = `incidents/${sizeTag(size)}`;
    for (const pgKey of pgKeys) pairs.push([`${t}/${pgKey}`, `${t}/tipwire`]);
    for (const kd of ['kdbush', 'kdbush-day']) {
      for (const ours of ['tipwire', 'tipwire-limit-literal', 'rtree-rowids'])
        pairs.push([`${t}/${ours}`, `${t}/${kd}`]);
    }
    pairs.push([`${t}/linear`, `${t}/tipwire`]);
    for (const pgKey of pgKeys) pairs.push([`${t}/${pgKey}`, `${t}/tipwire-limit-literal`]);
    const r = `reports/${sizeTag(size)}`;
    for (const pgKey of pgKeys) pairs.push([`${r}/${pgKey}`, `${r}/kdbush`]);
    pairs.push([`${r}/linear`, `${r}/kdbush`]);
    pairs.push([`${r}/tipwire-report-points`, `${r}/kdbush`]);
    for (const pgKey of pgKeys) pairs.push([`${r}/${pgKey}`, `${r}/tipwire-report-points`]);
  }
  if (sizes.length > 1) {
    const [big, small] = [sizeTag(sizes[sizes.length - 1]), sizeTag(sizes[0])];
    for (const m of [
      'tipwire',
      'tipwire-limit-literal',
      'rtree-rowids',
      ...pgKeys,
      'kdbush',
      'kdbush-day',
    ])
      pairs.push([`incidents/${big}/${m}`, `incidents/${small}/${m}`]);
  }
  for (const [x, y] of pairs) if (has(x) && has(y)) ratios.push(ratio(x, y));
  results.summary = summary;
  results.ratios = ratios;

  if (usePg) {
    results.explain = [];
    for (const g of groups) {
      for (const m of g.group.methods.filter((x) => x.sql)) {
        const e = await explain(db0.client, m, explainQueries);
        results.explain.push(e);
        log(
          `EXPLAIN ${m.key}: planning ${e.planningMsMedian} ms, execution ${e.executionMsMedian} ms ` +
            `(median), plan:\n${e.lastPlan}`,
        );
      }
    }
    const g1 = groups.find((g) => g.framing === 'incidents');
    const variant = pgVariantKeys[0];
    results.explainNaive = await explainNaive(
      db0.client,
      variant,
      results.data[g1.tag].postgis.incidents[variant].table,
      makeQueries(g1.data.incidents, 10, g1.size),
      10,
    );
    log(`EXPLAIN the one-ST_DWithin form: ${JSON.stringify(results.explainNaive)}`);
  }

  results.otherCpuPct = counted.map((r) => r.otherCpuPct);
  results.attempts = attempts;
  const file = writeResults('incident-lookup', results);

  // The table.
  const explained = new Map((results.explain ?? []).map((e) => [e.key, e]));
  const rows = summary.map((s) => [
    s.key,
    s.usPerQuery.toFixed(2),
    `${s.usPerQueryRange[0].toFixed(1)}–${s.usPerQueryRange[1].toFixed(1)}`,
    s.p50Us.toFixed(1),
    s.p99Us.toFixed(1),
    String(s.queries),
    s.rawPerQuery === null || s.key.endsWith('/linear') ? '' : String(s.rawPerQuery),
    String(s.meanFound),
    explained.has(s.key) ? (explained.get(s.key).executionMsMedian * 1000).toFixed(0) : '',
  ]);
  const head = [
    'method',
    'µs/query',
    'rounds',
    'p50 µs',
    'p99 µs',
    'queries',
    'rows/query',
    'found/query',
    'server µs',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const r of ratios) {
    console.log(
      `${r.a} / ${r.b}: ${r.ofMedians} (${r.usA} / ${r.usB} µs over the first ${r.queries} ` +
        `queries; per round ${r.perRoundRange[0]}–${r.perRoundRange[1]})`,
    );
  }
  for (const [tag, d] of Object.entries(results.data)) {
    console.log(
      `${tag}: incident_core ${d.storage.incidentCoreBytesPerReport} bytes per report ` +
        `(${d.storage.incidentCoreBytesPerIncident} per incident, ${d.stats.incidents} incidents)` +
        (d.storage.reportPointsBytesPerReport
          ? `; report_points ${d.storage.reportPointsBytesPerReport} bytes per report`
          : ''),
    );
  }
  console.log(`other processes: ${results.otherCpuPct.join(', ')} % of a core`);
  console.log(`raw figures: ${file}`);
} finally {
  for (const db of opened) db.close();
  if (db0) await db0.close();
}
