// Pipeline drain diagnostic (F5): reports per second the pipeline takes through every
// stage, draining a backlog of 100,000 stored reports in one process, for the current
// build (dist/: load → decide → apply over the async store port, five stages with
// verify, idempotency keys) and a baseline build of an earlier commit (its dist/,
// given with --baseline: the synchronous stages), on copies of the same database.
//
//   npm run build
//   git archive <commit> | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/ \
//     && (cd /tmp/base && npm run build)
//   node bench/diagnostics/pipeline-drain.mjs --baseline /tmp/base [--reports 100000] [--runs 3]
//
// The backlog is built once with the baseline's code (its schema: the current code
// migrates it on open, as an upgrade would): seeded reports from 5,000 callers,
// within ~20 km of one city, over one day, each with coordinates and an offset, stored
// and queued as intake stores them. Each round drains a fresh copy with each build,
// in an order that alternates; the figure is the median over the rounds, with the
// CPU other processes used during each round (the machine is shared; rounds are not
// repeated for it). Normalize deps are each build's own, without the gazetteer (the
// reports give coordinates). Raw figures go to bench/results/pipeline-drain-*.json.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../lib/random.mjs';
import { machineFacts, median, round, ROOT, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    reports: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    // Diagnostic: drain with one build only (e.g. under --cpu-prof).
    only: { type: 'string' },
  },
});
if (!args.baseline) {
  console.error('give --baseline DIR: a checkout of the earlier commit, built');
  process.exit(2);
}
const REPORTS = Number(args.reports);
const BATCH = 256;

const load = (root) => async (rel) => import(path.join(root, 'dist', rel));
const base = load(path.resolve(args.baseline));
const current = load(ROOT);

const work = mkdtempSync(path.join(os.tmpdir(), 'tipwire-bench-drain-'));
const template = path.join(work, 'template.db');

/** The backlog, stored through the baseline's runtime the way intake stores reports. */
async function buildBacklog() {
  const { loadConfig } = await base('config.js');
  const { createRuntime } = await base('runtime.js');
  const { toNewReport } = await base('intake/new-report.js');
  const { newId } = await base('domain/ids.js');
  const config = loadConfig({ TIPWIRE_DB: template, TIPWIRE_LOG_LEVEL: 'silent' });
  const runtime = createRuntime(config);
  const random = mulberry32(Number(args.seed));
  const day = Date.parse('2026-11-20T00:00:00Z');
  const now = day + 2 * 86_400_000;
  let batch = [];
  const flush = () => {
    runtime.store.transaction(() => {
      for (const report of batch) {
        runtime.store.reports.insert(report);
        runtime.store.jobs.enqueue(report.id, 'screen', now);
      }
    });
    batch = [];
  };
  for (let i = 0; i < REPORTS; i++) {
    const observed = new Date(day + Math.floor(random() * 86_400_000));
    const input = {
      channel: 'web',
      narrative: `Bench report ${i}: a drone over the depot.`,
      observedAt: observed.toISOString().replace('Z', '+00:00'),
      location: {
        lat: 34.261 + (random() - 0.5) * 0.36,
        lon: 108.942 + (random() - 0.5) * 0.44,
        accuracyMeters: 50,
      },
      caller: { phone: `+86138${String(Math.floor(random() * 5000)).padStart(8, '0')}` },
      category: 'drone',
    };
    batch.push(
      await toNewReport(input, {
        now,
        newId,
        protection: runtime.protection,
        mayStateReceivedAt: false,
      }),
    );
    if (batch.length === 500) flush();
  }
  if (batch.length > 0) flush();
  runtime.store.db.pragma('wal_checkpoint(TRUNCATE)');
  runtime.close();
}

const RUN = {
  batchSize: BATCH,
  sliceMs: 1e9,
  busySliceMs: 1e9,
  maxAttempts: 3,
  retryBaseMs: 1000,
  pollMs: 1000,
};
const JOIN = { radiusMeters: 500, windowMs: 7_200_000 };
const REPEAT = { maxCallsInRow: 3, windowMs: 600_000 };

/** Drains a fresh copy with one build; returns reports per second and the checks. */
async function drain(kind) {
  const file = path.join(work, `${kind}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(template, file);
  const get = kind === 'baseline' ? base : current;
  const { openSqliteStore } = await get('store/sqlite/sqlite-store.js');
  const { createPipeline } = await get('pipeline/runner.js');
  const { newId } = await get('domain/ids.js');
  const { NORMALIZE_DEFAULTS } = await get('normalize/settings.js');
  const { createZoneFinder } = await get('normalize/zone-finder.js');
  const sqlite = openSqliteStore(file);
  const log = { warn() {}, error() {} };
  const deps = { zones: createZoneFinder() };
  let pipeline;
  if (kind === 'baseline') {
    pipeline = createPipeline({
      store: sqlite,
      clock: Date.now,
      newId,
      log,
      normalize: { deps, settings: NORMALIZE_DEFAULTS, geocoding: false },
      settings: { ...RUN, joinRule: JOIN, repeatRule: REPEAT },
    });
  } else {
    const { createAsyncStore } = await get('store/sqlite/async-store.js');
    const { stageSettingsOf } = await get('pipeline/stages.js');
    const stageSettings = stageSettingsOf(
      {
        run: RUN,
        incidents: (await get('runtime.js')).incidentConfigFrom(
          (await get('config.js')).loadConfig({}),
        ),
        repeatRule: REPEAT,
        normalize: NORMALIZE_DEFAULTS,
        geocoding: false,
        verify: {
          deferHeavyLagMs: 5000,
          check: { contradictionSeconds: 900, staleToleranceSeconds: 900 },
        },
      },
      deps,
    );
    pipeline = createPipeline({
      store: createAsyncStore(sqlite),
      clock: Date.now,
      newId,
      log,
      stageSettings,
      settings: RUN,
    });
  }
  const t0 = performance.now();
  const result = await pipeline.drain();
  const seconds = (performance.now() - t0) / 1000;
  const facts = {
    done: sqlite.db.prepare("SELECT count(*) FROM reports WHERE stage = 'done'").pluck().get(),
    incidents: sqlite.incidents.count(),
    events: sqlite.db.prepare('SELECT count(*) FROM events').pluck().get(),
  };
  sqlite.close();
  if (facts.done !== REPORTS || result.failed > 0) {
    throw new Error(`${kind}: ${JSON.stringify({ ...facts, ...result })}`);
  }
  return { seconds: round(seconds, 2), perSecond: round(REPORTS / seconds, 0), ...facts };
}

const machine = machineFacts();
const setup0 = performance.now();
await buildBacklog();
console.error(
  `backlog of ${REPORTS} reports built in ${round((performance.now() - setup0) / 1000, 1)} s`,
);

const { counted, attempts } = await runRounds({
  runs: Number(args.runs),
  warmup: false,
  quietBelowPct: 0,
  maxOtherPct: 0,
  measure: async (index) => {
    const both = index % 2 ? ['baseline', 'current'] : ['current', 'baseline'];
    const order = args.only ? [args.only] : both;
    const out = {};
    for (const kind of order) {
      out[kind] = await drain(kind);
      console.error(`  ${kind}: ${out[kind].perSecond} reports/s (${out[kind].seconds} s)`);
    }
    return out;
  },
});
const rate = (kind) => median(counted.map((r) => r.value[kind]?.perSecond));
const summary = {
  reports: REPORTS,
  rounds: counted.length,
  baselinePerSecond: rate('baseline'),
  currentPerSecond: rate('current'),
  ratio: round(rate('current') / rate('baseline'), 2),
  otherCpuPct: counted.map((r) => r.otherCpuPct),
  incidents: counted[0]?.value.current?.incidents,
  baselineIncidents: counted[0]?.value.baseline?.incidents,
};
const file = writeResults('pipeline-drain', { machine, args, summary, attempts });
console.log(JSON.stringify(summary, null, 2));
console.log(`raw figures: ${file}`);
if (existsSync(work)) rmSync(work, { recursive: true, force: true });
