// F6: acknowledge → incident. How long after tipwire acknowledges a report (the 201 of
// POST /api/v1/reports, sent once the report is on disk) the pipeline has placed it in an
// incident (reports.incident_id set by the correlate stage), with N reports already
// stored (10 k, 100 k, 1 M); and what correlation stores per report (links, bytes).
//
//   npm run bench:incident-assign                     # build, then the default run
//   node bench/incident-assign.mjs --sizes 10000,1000000 --runs 3 --reports 300
//   node bench/incident-assign.mjs --rate 0           # no steady-rate phase
//   node bench/incident-assign.mjs --rebuild          # seed the stores again
//
// The stores (seeded, cached under bench/.cache/incident-assign-…/, keyed by the
// generator, the migrations, the seed and the size). The real server first takes
// --templates reports over HTTP and runs them through its whole pipeline; the rest of
// the N reports are then written in one transaction as the pipeline leaves them, with
// the real code: each row is a copy of a template row (sealed text, data key, search
// tokens, assessment: the sizes of real rows) with its own place, time, kind, claims,
// observed_time/observed_place and text sketch (correlate/text-sketch.js textSketch of a
// narrative of its own, under the store's real text-sketch subkey); the report
// repository's assignIncident (incident_id, report_points) and setBands (16 LSH band
// keys); the incident repository's create, then incidents/refresh.js refreshIncident
// over the members (the estimate, the incident_core / incident_vague R*Tree boxes, the
// confidence, the totals), exactly what the correlate stage's apply calls. The data are
// bench/lib/city.mjs's city over the 365 days from 2025-11-01, with tipwire's own event
// kinds and their default profiles (extent, duration). Each event's witnesses are one
// incident (a lone vague witness kept apart with cluster.no_match, as the rule does);
// the rule is not replayed report by report, so nearby events the rule would have merged
// stay apart (see BENCHMARKS.md). Not seeded (their rows are not in the bytes/report):
// receipts, stage_effects, events, audit_log, the search_index FTS rows.
//
// The measurement. Every size's store is copied (and fsynced) and served by the real server
// (`dist/cli/main.js serve`, default settings but TIPWIRE_RATE_LIMITS=off: one client
// address), all at once, so rounds interleave. Per round and size, --reports new reports
// are sent one at a time, 60 % witnesses of a stored event (its place and time, its
// kind), 40 % anywhere in the city at any time of the year; for each, the POST's own
// latency, and ack → incident: from the end of the 201 response to the first read of
// `SELECT incident_id FROM reports WHERE id = ?` that is not NULL, on a read-only
// better-sqlite3 connection to the same WAL file, polled every 1 ms (setTimeout; the
// figure is late by at most one poll, ≈ 1.1 ms). First --warmup reports per server (not
// counted), then --runs rounds, each after the machine is quiet (--quiet-below % of a core,
// waiting at most --quiet-wait-s); a round in which other processes used more than
// --max-other % of a core is repeated, at most twice (default 0: never, only recorded).
// p50/p90/p99/max per size and round, medians of the rounds; the ratios largest ÷
// smallest size per round, then their median. Then --rate reports/s for --rate-seconds
// per size (each ack → incident measured the same way). Whether a witness joined a
// stored incident, started one, or was kept apart is counted (the check that the seeded
// stores are read as the pipeline's own). Afterwards, per store: report_bands,
// incident_changes, incident_separations per report, R*Tree rows per open incident, the
// file's bytes per report (dbstat per table); the slowest reports with the size of the
// incident each went to and the incidents its box meets in incident_core (no limit). Raw figures go to
// bench/results/incident-assign-<timestamp>.json (git-ignored).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  fsyncSync,
  openSync,
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
import Database from 'better-sqlite3';
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
import {
  anywhere,
  CENTER,
  eventPlace,
  makeHotspots,
  momentIn,
  witness,
  witnessCount,
} from './lib/city.mjs';
import { openDatabase } from '../dist/store/sqlite/database.js';
import { createReportRepository } from '../dist/store/sqlite/report.repository.js';
import { createIncidentRepository } from '../dist/store/sqlite/incident.repository.js';
import { refreshIncident } from '../dist/incidents/refresh.js';
import { emptyTotals } from '../dist/pipeline/stages/correlate.stage.js';
import { incidentRulesOf } from '../dist/pipeline/stages.js';
import { incidentConfigFrom } from '../dist/runtime.js';
import { loadConfig } from '../dist/config.js';
import { isVague, observationBoxes } from '../dist/correlate/incident-state.js';
import { candidatesSql } from '../dist/store/sqlite/incident-index.js';
import { sketchBands, textSketch } from '../dist/correlate/text-sketch.js';
import { createKeyring } from '../dist/protect/keyring.js';
import { EVENT_KINDS } from '../dist/domain/event-kinds.js';
import { FLAG } from '../dist/domain/flags.js';
import { ulid } from '../dist/domain/ids.js';

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '3' },
    reports: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '50' },
    rate: { type: 'string', default: '20' },
    'rate-seconds': { type: 'string', default: '15' },
    templates: { type: 'string', default: '40' },
    seed: { type: 'string', default: '42' },
    rebuild: { type: 'boolean', default: false },
    tmp: { type: 'string', default: os.tmpdir() },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait-s': { type: 'string', default: '20' },
    // A round in which other processes used more than this % of a core is repeated (0: never).
    'max-other': { type: 'string', default: '0' },
    // Whole-city reports per round and size, after the round's others: a stored event's
    // witness who names only the city (its centre, ± CITYWIDE_ACCURACY_M), timed apart.
    citywide: { type: 'string', default: '0' },
    // A setting for the server under test, NAME=VALUE (repeatable): the environment's own
    // TIPWIRE_ variables are not passed on, so that a run is what its command line says.
    set: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(
    'node bench/incident-assign.mjs [--sizes 10000,100000,1000000] [--runs N] [--reports N]\n' +
      '  [--warmup N] [--rate PER_S] [--rate-seconds S] [--templates N] [--seed N] [--rebuild]\n' +
      '  [--tmp DIR] [--quiet-below PCT] [--quiet-wait-s S] [--max-other PCT] [--citywide N]\n' +
      '  [--set TIPWIRE_NAME=VALUE …]',
  );
  process.exit(0);
}
const sizes = opt.sizes.split(',').map(Number);
/** The --set settings of the server under test. */
const serverSettings = Object.fromEntries(
  opt.set.map((pair) => {
    const at = pair.indexOf('=');
    if (!pair.startsWith('TIPWIRE_') || at < 0) {
      console.error(`--set takes TIPWIRE_NAME=VALUE, not ${JSON.stringify(pair)}`);
      process.exit(2);
    }
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const runs = Number(opt.runs);
const perRound = Number(opt.reports);
const warmupReports = Number(opt.warmup);
const rate = Number(opt.rate);
const rateSeconds = Number(opt['rate-seconds']);
const TEMPLATES = Number(opt.templates);
const seed = Number(opt.seed);
const citywidePerRound = Number(opt.citywide);
/** What a whole-city report states: the accuracy tipwire's gazetteer gives "北京". */
const CITYWIDE_ACCURACY_M = 34_700;
const started = performance.now();
const log = (line) =>
  console.error(`[+${Math.round((performance.now() - started) / 1000)} s] ${line}`);

// ---------------------------------------------------------------------------------------
// The city's events, with tipwire's kinds

const GENERATOR = 'v2'; // part of the cache key: change it when the data below changes
const MASTER_KEY = createHash('sha256').update(`tipwire-bench-f6-assign-${seed}`).digest('hex');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const MINUTE = 60_000;
const WINDOW_START_MIN = Date.parse('2025-11-01T00:00:00Z') / MINUTE;
const WINDOW_DAYS = 365;
const config = loadConfig({});
const incidentConfig = incidentConfigFrom(config);
const rules = incidentRulesOf(incidentConfig);
const PROFILES = incidentConfig.cluster.kindProfiles;
/** The kinds events have, and their shares. */
const KIND_SHARES = [
  ['fire', 0.08],
  ['explosion', 0.02],
  ['gunfire', 0.04],
  ['assault', 0.08],
  ['theft', 0.12],
  ['vandalism', 0.06],
  ['intrusion', 0.1],
  ['surveillance', 0.04],
  ['suspicious_vehicle', 0.08],
  ['suspicious_person', 0.1],
  ['drone', 0.06],
  ['suspicious_package', 0.03],
  ['traffic_accident', 0.1],
  ['flood', 0.03],
  ['crowd', 0.03],
  ['medical', 0.03],
];
function pickKind(rand) {
  let u = rand();
  for (const [kind, share] of KIND_SHARES) if ((u -= share) < 0) return kind;
  return KIND_SHARES[KIND_SHARES.length - 1][0];
}
/** Made-up words: a narrative of its own per report (its sketch shares little with others). */
const WORDS = (() => {
  const rand = mulberry32(seed + 3);
  const syllables = 'ka to ri an mel sor vi den lu pa ge nor il ber ta shi mo ran el cu'.split(' ');
  return Array.from({ length: 4000 }, () => {
    let w = '';
    for (let k = 2 + Math.floor(rand() * 2); k > 0; k--)
      w += syllables[Math.floor(rand() * syllables.length)];
    return w;
  });
})();
function narrativeOf(rand, kind) {
  const words = [EVENT_KINDS[kind].en];
  for (let k = 8 + Math.floor(rand() * 25); k > 0; k--)
    words.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return words.join(' ') + '.';
}

/**
 * The events of a store of `size` reports: each with its kind, place, start, duration and
 * witnesses (point, accuracy, interval in minutes, receipt delay), in start order.
 */
function generate(size) {
  const rand = mulberry32((seed ^ Math.imul(size, 2654435761)) >>> 0);
  const spots = makeHotspots(mulberry32(seed));
  const events = [];
  let reports = 0;
  const place = {};
  while (reports < size) {
    const kind = pickKind(rand);
    const { extentMeters, durationMinutes } = PROFILES[kind];
    eventPlace(rand, spots, place);
    const start = momentIn(rand, WINDOW_START_MIN, WINDOW_DAYS);
    const duration = durationMinutes * (0.2 + 0.8 * rand());
    const k = Math.min(witnessCount(rand), size - reports);
    const witnesses = [];
    for (let j = 0; j < k; j++) {
      const w = {};
      witness(rand, place.lat, place.lon, extentMeters, start, duration, w);
      w.delayMin = 1 + rand() * 59; // received 1–60 min after the end of what was seen
      witnesses.push(w);
    }
    reports += k;
    events.push({ kind, lat: place.lat, lon: place.lon, start, duration, witnesses });
  }
  events.sort((a, b) => a.start - b.start);
  return events;
}

/** Whether correlation takes a witness for vague (correlate/incident-state.js isVague). */
const vagueWitness = (w, kind) =>
  isVague(
    {
      reportId: '',
      point: { lat: w.lat, lon: w.lon },
      accuracyMeters: w.acc,
      window: { from: w.from * MINUTE, to: w.to * MINUTE },
      kinds: [kind],
    },
    rules.cluster,
  );

/** What a report says of its observation, as the Report JSON and as normalize stores it. */
function observed(w) {
  const fromMs = w.from * MINUTE;
  const toMs = w.to * MINUTE;
  const mid = (fromMs + toMs) / 2;
  return {
    fromMs,
    toMs,
    observedAt: new Date(mid).toISOString().replace('.000Z', 'Z'),
    precisionSeconds: Math.round((toMs - fromMs) / 2000),
    location: { lat: round(w.lat, 6), lon: round(w.lon, 6), accuracyMeters: w.acc },
  };
}
const bodyOf = (w, kind, narrative) => {
  const o = observed(w);
  return JSON.stringify({
    channel: 'web',
    narrative,
    category: kind,
    observedAt: o.observedAt,
    precisionSeconds: o.precisionSeconds,
    location: o.location,
  });
};

// ---------------------------------------------------------------------------------------
// The server

async function startServer(dir) {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TIPWIRE_')),
  );
  Object.assign(env, {
    TIPWIRE_DB: path.join(dir, 'tipwire.db'),
    TIPWIRE_MASTER_KEY: MASTER_KEY,
    TIPWIRE_LOG_LEVEL: 'warn',
    TIPWIRE_HOST: '127.0.0.1',
    TIPWIRE_RATE_LIMITS: 'off',
    ...serverSettings,
  });
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { dir, port, child, pid: child.pid, logTail: [], exited: null };
  const onOutput = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      server.logTail.push(line.slice(0, 500));
      if (server.logTail.length > 20) server.logTail.shift();
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  server.exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((server.exited = { code, signal }))),
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exited) throw new Error(`server exited at start:\n${server.logTail.join('\n')}`);
    try {
      const r = await request(port, 'GET', '/health/ready');
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in 120 s:\n${server.logTail.join('\n')}`);
    }
    await sleep(200);
  }
  return server;
}

async function stopServer(server) {
  if (server.exited) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
  await server.exitPromise;
  clearTimeout(timer);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** One request; resolves when the whole response has arrived (`at`: that moment). */
function request(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const at = performance.now();
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, text, json, at });
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * POSTs one report and waits for its incident: { postMs, assignMs, id, incidentId, reason }
 * (assignMs null when none came within 30 s).
 */
async function sendAndWait(target, body) {
  const t0 = performance.now();
  const r = await request(target.port, 'POST', '/api/v1/reports', body);
  if (r.status !== 201 || typeof r.json?.id !== 'string')
    throw new Error(`POST answered ${r.status}: ${r.text.slice(0, 300)}`);
  const id = r.json.id;
  for (;;) {
    const row = target.poll.get(id);
    const now = performance.now();
    if (row?.incident_id) {
      return {
        id,
        postMs: r.at - t0,
        assignMs: now - r.at,
        incidentId: row.incident_id,
        reason: row.incident_reason,
      };
    }
    if (now - r.at > 30_000) return { id, postMs: r.at - t0, assignMs: null };
    await sleep(1);
  }
}

// ---------------------------------------------------------------------------------------
// The seeded stores (cached)

const CACHE_DIR = path.join(ROOT, 'bench/.cache');
const MIGRATIONS_HASH = migrationsHash();
const cacheDir = (size) =>
  path.join(
    CACHE_DIR,
    `incident-assign-${GENERATOR}-${MIGRATIONS_HASH}-t${TEMPLATES}-seed${seed}-${size}`,
  );

const bytesOf = (file) => (existsSync(file) ? statSync(file).size : 0);

/** Bytes per table and index (dbstat), and the row counts correlation adds. */
function storeFacts(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC`)
      .all();
    const one = (sql) => db.prepare(sql).pluck().get();
    return {
      reports: one('SELECT count(*) FROM reports'),
      incidents: one('SELECT count(*) FROM incidents'),
      openIncidents: one('SELECT count(*) FROM incidents WHERE merged_into IS NULL'),
      reportBands: one('SELECT count(*) FROM report_bands'),
      reportPoints: one('SELECT count(*) FROM report_points'),
      incidentCore: one('SELECT count(*) FROM incident_core'),
      incidentVague: one('SELECT count(*) FROM incident_vague'),
      incidentChanges: one('SELECT count(*) FROM incident_changes'),
      incidentSeparations: one('SELECT count(*) FROM incident_separations'),
      reportVersions: one('SELECT count(*) FROM report_versions'),
      maxIncidentSeq: one('SELECT max(seq) FROM incidents'),
      maxReportSeq: one('SELECT max(seq) FROM reports'),
      fileBytes: bytesOf(file),
      walBytes: bytesOf(`${file}-wal`),
      tables,
    };
  } finally {
    db.close();
  }
}

async function seedStore(size) {
  const dir = cacheDir(size);
  const metaFile = path.join(dir, 'seed.json');
  if (existsSync(metaFile) && !opt.rebuild) return JSON.parse(readFileSync(metaFile, 'utf8'));
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${dir}.building`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const t0 = performance.now();
  const file = path.join(tmp, 'tipwire.db');

  // 1. Templates: real reports through the real server and its whole pipeline.
  const server = await startServer(tmp);
  const rand = mulberry32(seed + 5);
  const templateIds = [];
  try {
    const place = {};
    for (let t = 0; t < TEMPLATES; t++) {
      const kind = KIND_SHARES[t % KIND_SHARES.length][0];
      anywhere(rand, place);
      const w = {};
      witness(rand, place.lat, place.lon, 0, momentIn(rand, WINDOW_START_MIN, WINDOW_DAYS), 0, w);
      const r = await request(
        server.port,
        'POST',
        '/api/v1/reports',
        bodyOf(w, kind, narrativeOf(rand, kind)),
      );
      if (r.status !== 201) throw new Error(`template POST answered ${r.status}: ${r.text}`);
      templateIds.push(r.json.id);
    }
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    // Through the pipeline and read by the text backlog (v1 copied templates whose text was
    // still pending: the served store then spent the run failing to open 0.5 M copies' texts).
    const left = ro
      .prepare(`SELECT count(*) FROM reports WHERE stage <> 'done' OR text_state = 'pending'`)
      .pluck();
    const deadline = Date.now() + 120_000;
    while (left.get() > 0 && Date.now() < deadline) await sleep(100);
    const notDone = left.get();
    ro.close();
    if (notDone > 0) throw new Error(`${notDone} template reports not through the pipeline`);
  } finally {
    await stopServer(server);
  }

  // 2. The other reports, as the pipeline leaves them, in one transaction.
  const db = openDatabase(file, { cacheMiB: 1024 });
  db.pragma('synchronous = OFF'); // a cache: built again when lost
  const templates = db.prepare('SELECT * FROM reports ORDER BY seq').all();
  const columns = Object.keys(templates[0]).filter((c) => c !== 'seq');
  const insert = db.prepare(
    `INSERT INTO reports (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
  );
  const setStage = db.prepare(`UPDATE reports SET stage = 'done' WHERE id = ?`);
  const reportsRepo = createReportRepository(db);
  const incidentsRepo = createIncidentRepository(db);
  const port = { incidents: incidentsRepo };
  const keyring = createKeyring({
    dir: path.join(tmp, 'tipwire.keys'),
    masterKeyHex: MASTER_KEY,
    pseudonymEpochDays: config.keys.pseudonymEpochDays,
    clock: Date.now,
  });
  const sketchKey = keyring.subkey('text-sketch');
  const events = generate(size - templates.length);
  const textRand = mulberry32(seed + 7);
  const idRand = mulberry32(seed + 1);
  const idBytes = () => Buffer.from(Array.from({ length: 10 }, () => Math.floor(idRand() * 256)));
  let reports = 0;
  let incidents = 0;
  let apart = 0;
  db.exec('BEGIN');
  try {
    for (const ev of events) {
      const members = ev.witnesses.map((w) => ({
        w,
        received: Math.round((w.to + w.delayMin) * MINUTE),
      }));
      members.sort((a, b) => a.received - b.received);
      const firstAt = members[0].received;
      const incidentId = 'i_' + ulid(firstAt, idBytes());
      incidentsRepo.create(incidentId, emptyTotals(firstAt), firstAt);
      incidents++;
      for (const { w, received } of members) {
        const tpl = templates[reports % templates.length];
        const o = observed(w);
        const time = JSON.parse(tpl.observed_time);
        Object.assign(time, {
          from: o.fromMs,
          to: o.toMs,
          local: o.observedAt.slice(0, 19),
          timezone: 'UTC',
          zoneSource: 'offset',
          precisionSeconds: o.precisionSeconds,
          statedPrecisionSeconds: o.precisionSeconds,
        });
        const placeJson = JSON.parse(tpl.observed_place);
        Object.assign(placeJson, o.location);
        const id = 'r_' + ulid(received, idBytes());
        const sketch = textSketch(narrativeOf(textRand, ev.kind), sketchKey);
        insert.run({
          ...tpl,
          id,
          external_id: null,
          received_at: received,
          status_changed_at: received,
          claims: JSON.stringify({
            observedAt: o.observedAt,
            precisionSeconds: o.precisionSeconds,
            location: o.location,
          }),
          observed_time: JSON.stringify(time),
          observed_place: JSON.stringify(placeJson),
          event_from: o.fromMs,
          event_to: o.toMs,
          lat: o.location.lat,
          lon: o.location.lon,
          category: ev.kind,
          event_kinds: ev.kind,
          text_sketch: sketch,
          incident_id: null,
          incident_reason: null,
          content_hash: null,
        });
        reportsRepo.assignIncident(id, incidentId);
        reportsRepo.setBands(id, sketchBands(sketch));
        setStage.run(id);
        reports++;
      }
      // A lone vague witness is kept apart for want of a match (it waits in the vague index).
      const only = members.length === 1 ? members[0].w : null;
      if (only && vagueWitness(only, ev.kind)) {
        apart++;
        const [m] = incidentsRepo.memberFacts(incidentId);
        reportsRepo.setIncidentReason(m.reportId, FLAG.cluster.no_match);
      }
      await refreshIncident(port, incidentId, members[members.length - 1].received, rules, true);
      if (incidents % 50_000 === 0) log(`seed ${size}: ${reports} reports, ${incidents} incidents`);
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seedS = round((performance.now() - t0) / 1000, 1);
  const meta = {
    size,
    templates: templates.length,
    seededReports: reports,
    seededIncidents: incidents,
    keptApart: apart,
    events: events.length,
    seedS,
    facts: storeFacts(file),
  };
  writeFileSync(path.join(tmp, 'seed.json'), JSON.stringify(meta, null, 2) + '\n');
  renameSync(tmp, dir);
  log(`seeded ${size}: ${reports} reports, ${incidents} incidents in ${seedS} s`);
  return meta;
}

// ---------------------------------------------------------------------------------------
// The new reports

/**
 * `count` new reports for the store of `size`: 60 % witnesses of a stored event with a
 * precise witness (its incident is in incident_core), 40 % anywhere at any time.
 */
function makeReports(size, events, count, salt) {
  const rand = mulberry32((seed * 7919 + size + salt * 104729) >>> 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const w = {};
    let kind;
    let ofEvent = false;
    if (rand() < 0.6) {
      const ev = events[Math.floor(rand() * events.length)];
      kind = ev.kind;
      witness(rand, ev.lat, ev.lon, PROFILES[kind].extentMeters, ev.start, ev.duration, w);
      ofEvent = true;
    } else {
      kind = pickKind(rand);
      const p = {};
      anywhere(rand, p);
      witness(rand, p.lat, p.lon, 0, momentIn(rand, WINDOW_START_MIN, WINDOW_DAYS), 0, w);
    }
    out.push({ ofEvent, body: bodyOf(w, kind, narrativeOf(rand, kind)) });
  }
  return out;
}

/**
 * `count` whole-city reports for the store of `size`: witnesses of stored events (their
 * time, their kind) that state only the city, its centre ± CITYWIDE_ACCURACY_M. Each
 * searches the whole city (TIPWIRE_CORRELATE_CITYWIDE_MAX_CANDIDATES).
 */
function makeCitywideReports(size, events, count, salt) {
  const rand = mulberry32((seed * 7919 + size + salt * 15485863) >>> 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const ev = events[Math.floor(rand() * events.length)];
    const w = {};
    witness(rand, ev.lat, ev.lon, PROFILES[ev.kind].extentMeters, ev.start, ev.duration, w);
    Object.assign(w, { lat: CENTER.lat, lon: CENTER.lon, acc: CITYWIDE_ACCURACY_M });
    out.push({
      ofEvent: true,
      citywide: true,
      body: bodyOf(w, ev.kind, narrativeOf(rand, ev.kind)),
    });
  }
  return out;
}

/** p-quantile of sorted numbers (nearest rank). */
const quantile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
function stats(xs) {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return {
    n: s.length,
    missing: xs.length - s.length,
    p50: round(quantile(s, 0.5), 2),
    p90: round(quantile(s, 0.9), 2),
    p99: round(quantile(s, 0.99), 2),
    max: round(s[s.length - 1], 2),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length, 2),
  };
}

// ---------------------------------------------------------------------------------------
// The run

const results = {
  benchmark: 'incident-assign',
  machine: machineFacts(),
  options: opt,
  detection:
    'read-only better-sqlite3 connection on the served WAL database, SELECT incident_id FROM reports WHERE id = ? every 1 ms from the end of the 201 response',
  stores: {},
};
log(`machine: ${JSON.stringify(results.machine)}`);

const targets = [];
try {
  for (const size of sizes) {
    const meta = await seedStore(size);
    const runDir = mkdtempSync(path.join(opt.tmp, `tipwire-f6-assign-${size}-`));
    const t0 = performance.now();
    cpSync(cacheDir(size), runDir, { recursive: true });
    // Written out before the server starts: else its first checkpoints' fsyncs would
    // flush the copy's gigabytes of dirty pages (not what a running server meets).
    const fd = openSync(path.join(runDir, 'tipwire.db'), 'r+');
    fsyncSync(fd);
    closeSync(fd);
    log(`store ${size}: copied in ${round((performance.now() - t0) / 1000, 1)} s`);
    const server = await startServer(runDir);
    const dbFile = path.join(runDir, 'tipwire.db');
    const ro = new Database(dbFile, { readonly: true, fileMustExist: true });
    const events = generate(size - meta.templates).filter((ev) =>
      ev.witnesses.some((w) => !vagueWitness(w, ev.kind)),
    );
    targets.push({
      size,
      meta,
      runDir,
      server,
      port: server.port,
      ro,
      poll: ro.prepare('SELECT incident_id, incident_reason FROM reports WHERE id = ?'),
      events,
      sent: [],
    });
    results.stores[size] = { seed: meta };
  }

  // Warm-up per server (not counted).
  for (const t of targets) {
    for (const r of makeReports(t.size, t.events, warmupReports, 999))
      t.sent.push({
        ...(await sendAndWait(t, r.body)),
        ofEvent: r.ofEvent,
        body: r.body,
        phase: 'warmup',
      });
  }
  log('warm-up done');

  const { attempts, counted } = await runRounds({
    runs,
    warmup: false,
    quietBelowPct: Number(opt['quiet-below']),
    quietWaitMs: Number(opt['quiet-wait-s']) * 1000,
    maxOtherPct: Number(opt['max-other']),
    childTicks: () => targets.reduce((s, t) => s + (procCpuTicks(t.server.pid) || 0), 0),
    measure: async (index) => {
      const shift = index % targets.length;
      const order = [...targets.slice(shift), ...targets.slice(0, shift)];
      const out = {};
      for (const t of order) {
        const rows = [];
        for (const r of makeReports(t.size, t.events, perRound, index)) {
          const x = {
            ...(await sendAndWait(t, r.body)),
            ofEvent: r.ofEvent,
            body: r.body,
            phase: `round ${index}`,
          };
          rows.push(x);
          t.sent.push(x);
        }
        out[t.size] = {
          assign: stats(rows.map((x) => x.assignMs)),
          post: stats(rows.map((x) => x.postMs)),
        };
        log(`round ${index} ${t.size}: ack→incident ${JSON.stringify(out[t.size].assign)}`);
        if (citywidePerRound > 0) {
          const city = [];
          for (const r of makeCitywideReports(t.size, t.events, citywidePerRound, index)) {
            const x = {
              ...(await sendAndWait(t, r.body)),
              ofEvent: r.ofEvent,
              citywide: true,
              body: r.body,
              phase: `round ${index}`,
            };
            city.push(x);
            t.sent.push(x);
          }
          out[t.size].citywide = stats(city.map((x) => x.assignMs));
          log(`round ${index} ${t.size}: whole city ${JSON.stringify(out[t.size].citywide)}`);
        }
      }
      return out;
    },
  });

  // Medians of the rounds; ratios per round (largest ÷ smallest), then their median.
  const per = (size, what, field) => counted.map((r) => r.value[size][what][field]);
  results.summary = {};
  for (const t of targets) {
    const s = {};
    for (const what of ['assign', 'post']) {
      s[what] = {};
      for (const f of ['p50', 'p90', 'p99', 'max', 'mean'])
        s[what][f] = round(median(per(t.size, what, f)), 2);
      s[what].p99Rounds = per(t.size, what, 'p99');
    }
    if (citywidePerRound > 0) {
      s.citywide = {};
      for (const f of ['p50', 'p90', 'p99', 'max', 'mean'])
        s.citywide[f] = round(median(per(t.size, 'citywide', f)), 2);
    }
    results.summary[t.size] = s;
  }
  const big = sizes[sizes.length - 1];
  const small = sizes[0];
  results.ratios = {};
  for (const f of ['p50', 'p90', 'p99']) {
    const xs = counted.map((r) => r.value[big].assign[f] / r.value[small].assign[f]);
    results.ratios[f] = {
      of: `${big} / ${small}`,
      perRoundMedian: round(median(xs), 2),
      perRound: xs.map((x) => round(x, 2)),
    };
  }
  results.rounds = attempts.map((a) => ({ ...a, value: a.value }));

  // A steady rate: --rate reports a second for --rate-seconds, per store in turn.
  if (rate > 0) {
    results.steady = {};
    for (const t of targets) {
      const list = makeReports(t.size, t.events, Math.round(rate * rateSeconds), 555);
      const t0 = performance.now();
      const pending = [];
      for (let i = 0; i < list.length; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        pending.push(
          sendAndWait(t, list[i].body).then((x) => {
            const y = { ...x, ofEvent: list[i].ofEvent, body: list[i].body, phase: 'steady' };
            t.sent.push(y);
            return y;
          }),
        );
      }
      const rows = await Promise.all(pending);
      results.steady[t.size] = {
        rate,
        seconds: rateSeconds,
        assign: stats(rows.map((x) => x.assignMs)),
        post: stats(rows.map((x) => x.postMs)),
      };
      log(
        `steady ${rate}/s ${t.size}: ack→incident ${JSON.stringify(results.steady[t.size].assign)}`,
      );
    }
  }

  // Where the new reports went: joined a stored incident, a new one, kept apart; merges.
  for (const t of targets) {
    const inc = t.ro.prepare('SELECT seq FROM incidents WHERE id = ?').pluck();
    const bridges = t.ro
      .prepare(
        `SELECT count(*) FROM incident_changes
         WHERE kind = 'bridge' AND json_extract(detail, '$.reportId') = ?`,
      )
      .pluck();
    const bands = t.ro.prepare('SELECT count(*) FROM report_bands WHERE report_id = ?').pluck();
    const membersOf = t.ro.prepare('SELECT report_count FROM incidents WHERE id = ?').pluck();
    // How many incidents the R*Tree holds for the report's box, without the stage's limit.
    const around = t.ro.prepare(candidatesSql('incident_core', 1_000_000)).pluck();
    const candidatesOf = (body) => {
      const b = JSON.parse(body);
      const mid = Date.parse(b.observedAt);
      const o = {
        reportId: '',
        point: { lat: b.location.lat, lon: b.location.lon },
        accuracyMeters: b.location.accuracyMeters,
        window: { from: mid - b.precisionSeconds * 1000, to: mid + b.precisionSeconds * 1000 },
        kinds: [b.category],
      };
      const ids = new Set();
      for (const box of observationBoxes(o, rules.cluster))
        for (const id of around.all({ ...box })) ids.add(id);
      return ids.size;
    };
    const limit = rules.cluster.maxCandidates;
    const tally = () => ({
      reports: 0,
      joinedStored: 0,
      newOrBench: 0,
      apart: 0,
      bridged: 0,
      missing: 0,
      // Reports whose box meets at least TIPWIRE_CORRELATE_MAX_CANDIDATES incidents.
      overLimit: 0,
      maxCandidates: 0,
    });
    const placed = { witnesses: tally(), elsewhere: tally(), citywide: tally() };
    const bandCounts = [];
    for (const x of t.sent) {
      const g = placed[x.citywide ? 'citywide' : x.ofEvent ? 'witnesses' : 'elsewhere'];
      g.reports++;
      if (!x.incidentId) {
        g.missing++;
        continue;
      }
      const seq = inc.get(x.incidentId);
      if (seq <= t.meta.facts.maxIncidentSeq) g.joinedStored++;
      else g.newOrBench++;
      // Kept apart (a whole-city report attached says so too: `cluster.citywide`).
      if (x.reason && x.reason !== FLAG.cluster.citywide) g.apart++;
      if (bridges.get(x.id) > 0) g.bridged++;
      bandCounts.push(bands.get(x.id));
      x.members = membersOf.get(x.incidentId);
      x.candidates = candidatesOf(x.body);
      if (x.candidates >= (x.citywide ? rules.cluster.citywideMaxCandidates : limit)) g.overLimit++;
      g.maxCandidates = Math.max(g.maxCandidates, x.candidates);
    }
    const store = results.stores[t.size];
    store.placed = placed;
    store.bandsPerNewReport = { min: Math.min(...bandCounts), max: Math.max(...bandCounts) };
    // The slowest, with the size of the incident each went to and its candidates.
    store.slowest = t.sent
      .filter((x) => x.phase !== 'warmup' && x.assignMs !== null)
      .sort((a, b) => b.assignMs - a.assignMs)
      .slice(0, 8)
      .map((x) => ({
        assignMs: round(x.assignMs, 2),
        postMs: round(x.postMs, 2),
        phase: x.phase,
        witness: x.ofEvent,
        incidentReports: x.members,
        candidates: x.candidates,
      }));
    log(`slowest ${t.size}: ${JSON.stringify(store.slowest)}`);
    log(`placed ${t.size}: ${JSON.stringify(placed)}`);
  }
} finally {
  for (const t of targets) {
    t.ro.close();
    await stopServer(t.server);
  }
}

// Links and storage, per store: the seeded file, and the served copy after the run.
for (const t of targets) {
  const after = storeFacts(path.join(t.runDir, 'tipwire.db'));
  const store = results.stores[t.size];
  store.after = after;
  const s = t.meta.facts;
  const perReport = (x) => round(x / s.reports, 3);
  store.links = {
    reportBandsPerReport: perReport(s.reportBands),
    reportPointsPerReport: perReport(s.reportPoints),
    incidentChangesPerReport: perReport(s.incidentChanges),
    incidentSeparationsPerReport: perReport(s.incidentSeparations),
    rtreeRowsPerOpenIncident: round((s.incidentCore + s.incidentVague) / s.openIncidents, 3),
    reportsPerIncident: round(s.reports / s.incidents, 2),
    afterRun: {
      reports: after.reports,
      reportBandsPerReport: round(after.reportBands / after.reports, 3),
      incidentChanges: after.incidentChanges,
      incidentSeparations: after.incidentSeparations,
      rtreeRowsPerOpenIncident: round(
        (after.incidentCore + after.incidentVague) / after.openIncidents,
        3,
      ),
    },
  };
  store.bytesPerReport = {
    file: round(s.fileBytes / s.reports, 1),
    fileAndWal: round((s.fileBytes + s.walBytes) / s.reports, 1),
    byTable: Object.fromEntries(s.tables.map((x) => [x.name, round(x.bytes / s.reports, 1)])),
    afterRunFileAndWal: round((after.fileBytes + after.walBytes) / after.reports, 1),
  };
  rmSync(t.runDir, { recursive: true, force: true });
}
const file = writeResults('incident-assign', results);

// The table.
console.log(
  'size        ack→incident ms: p50   p90   p99   max | POST ms: p50   p99 | bytes/report  bands/report  R*Tree rows/incident',
);
for (const t of targets) {
  const s = results.summary[t.size];
  const st = results.stores[t.size];
  console.log(
    `${String(t.size).padEnd(10)} ${[s.assign.p50, s.assign.p90, s.assign.p99, s.assign.max]
      .map((x) => x.toFixed(2).padStart(6))
      .join(' ')} | ${[s.post.p50, s.post.p99].map((x) => x.toFixed(2).padStart(6)).join(' ')} | ` +
      `${st.bytesPerReport.fileAndWal} ${st.links.reportBandsPerReport} ${st.links.rtreeRowsPerOpenIncident}`,
  );
}
for (const t of targets) {
  const c = results.summary[t.size].citywide;
  if (c)
    console.log(
      `${t.size} whole-city reports, ack→incident ms: p50 ${c.p50} p90 ${c.p90} p99 ${c.p99} max ${c.max}`,
    );
}
for (const [f, r] of Object.entries(results.ratios))
  console.log(`ratio ${f} ${r.of}: ${r.perRoundMedian} (per round ${r.perRound.join(', ')})`);
console.log(`raw figures: ${file}`);
