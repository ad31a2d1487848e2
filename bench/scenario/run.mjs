// The F6 scenario end to end through the real command line: for each seed, generate a
// scenario, `tipwire import` it into a fresh database (the pipeline runs before the
// command returns), `tipwire export incidents` and `export reports`, and score them
// against the truth. Needs `npm run build` first (it runs dist/cli/main.js).
//
//   node bench/scenario/run.mjs --seeds 1,2,3 --reports 5000
//   node bench/scenario/run.mjs --seeds 1,2 --min-f1 0.97 --min-precision 0.98 --max-overcounted 0
//   node bench/scenario/run.mjs --seeds 1,2,3 --order shuffled
//
// `--order` is the order of the import file's lines: `arrival` (as received, the
// default), `shuffled` (a seeded shuffle: a partner's dump in no order) or `reversed`
// (newest `receivedAt` first, as an export sorted by date descending). In each, the
// versions of one externalId stay in their order (a re-send states its first version's
// receivedAt, so only the file says which is newer). Clustering is incremental, so this
// shows how much its result depends on the order reports reach it.
//
// Prints one JSON line per seed (the score's headline figures and the wall times),
// then the medians; `--full` prints each seed's whole score. Every seed's whole score
// goes to bench/results/scenario-<timestamp>.json (git-ignored). The work folder
// (scenario, database, exports) is deleted unless `--keep`. Exits 1 when a seed misses
// a given minimum. Settings reach tipwire through the environment (TIPWIRE_CORRELATE_…).
// Scores do not depend on the machine; the times do (it does not wait for an idle one).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLK_TCK, procCpuTicks } from '../lib/machine.mjs';
import { machineFacts, writeResults } from '../lib/rounds.mjs';
import { describeScenario, generateScenario, writeScenario } from './generate.mjs';
import { createRng } from './rng.mjs';
import { checkThresholds, scoreFiles } from './score.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/cli/main.js');

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    reports: { type: 'string', default: '5000' },
    'min-f1': { type: 'string' },
    'min-precision': { type: 'string' },
    'max-overcounted': { type: 'string' },
    order: { type: 'string', default: 'arrival' },
    keep: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(
    'node bench/scenario/run.mjs [--seeds 1,2,3] [--reports 5000] [--order arrival|shuffled|reversed] [--min-f1 X] [--min-precision X] [--max-overcounted N] [--keep] [--full]',
  );
  process.exit(0);
}
/**
 * Lines of one externalId keep their order in every order: a re-send states the first
 * version's receivedAt, so which version is the newer is known only from the file.
 */
function keepVersionOrder(reordered, lines) {
  const versions = new Map();
  for (const line of lines) {
    const key = line.externalId ?? line;
    const list = versions.get(key);
    if (list) list.push(line);
    else versions.set(key, [line]);
  }
  const next = new Map();
  return reordered.map((line) => {
    const key = line.externalId ?? line;
    const i = next.get(key) ?? 0;
    next.set(key, i + 1);
    return versions.get(key)[i];
  });
}
const ORDERS = {
  arrival: (lines) => lines,
  // Newest first by receivedAt (the sort is stable: lines received at one time keep their order).
  reversed: (lines) =>
    keepVersionOrder(
      [...lines].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt)),
      lines,
    ),
  shuffled: (lines, seed) => {
    // Fisher–Yates on a stream of its own: the scenario itself is the same in every order.
    const rng = createRng(seed, 'import-order');
    const out = [...lines];
    for (let i = out.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return keepVersionOrder(out, lines);
  },
};
const reorder = ORDERS[args.order];
if (!reorder) {
  console.error(`--order: expected one of ${Object.keys(ORDERS).join(', ')}, got "${args.order}"`);
  process.exit(2);
}

/**
 * Runs the CLI; resolves with stdout, the wall time and the CPU time (user + system,
 * read from /proc while it runs: the machine may be shared), rejects on a non-zero exit.
 */
function tipwire(argv) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...argv], {
      cwd: ROOT,
      env: { TIPWIRE_IMPORT_PROGRESS_INTERVAL_MS: '3600000', ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let ticks = 0;
    const poll = setInterval(() => {
      const t = procCpuTicks(child.pid);
      if (Number.isFinite(t)) ticks = t;
    }, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) {
        reject(new Error(`tipwire ${argv[0]} exited ${code}: ${stderr.slice(-800)}`));
      } else resolve({ stdout, seconds, cpuSeconds: ticks / CLK_TCK });
    });
  });
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r2 = (x) => Math.round(x * 100) / 100;

const num = (v) => (v === undefined ? undefined : Number(v));
const thresholds = {
  minF1: num(args['min-f1']),
  minPrecision: num(args['min-precision']),
  maxOverCounted: num(args['max-overcounted']),
};
const seeds = args.seeds.split(',').map(Number);
const reportCount = Number(args.reports);
const rows = [];
const scores = [];
let failed = false;

for (const seed of seeds) {
  const work = mkdtempSync(path.join(os.tmpdir(), `tipwire-scenario-${seed}-`));
  try {
    const t0 = performance.now();
    const scenario = generateScenario({ seed, reports: reportCount });
    const files = writeScenario(work, { ...scenario, lines: reorder(scenario.lines, seed) });
    const generateS = (performance.now() - t0) / 1000;
    const db = path.join(work, 'tipwire.db');
    const incidentsFile = path.join(work, 'incidents.jsonl');
    const reportsFile = path.join(work, 'export-reports.jsonl');
    const imported = await tipwire(['import', files.reportsFile, '--db', db]);
    const exportIncidents = await tipwire([
      'export',
      'incidents',
      '--format',
      'jsonl',
      '--out',
      incidentsFile,
      '--db',
      db,
    ]);
    const exportReports = await tipwire([
      'export',
      'reports',
      '--format',
      'jsonl',
      '--out',
      reportsFile,
      '--db',
      db,
    ]);
    const score = scoreFiles({ truthFile: files.truthFile, incidentsFile, reportsFile });
    const failures = checkThresholds(score, thresholds);
    if (failures.length > 0) failed = true;
    const row = {
      seed,
      order: args.order,
      reports: reportCount,
      lines: scenario.lines.length,
      events: describeScenario(scenario).events,
      precision: score.bcubed.precision,
      recall: score.bcubed.recall,
      f1: score.bcubed.f1,
      incidents: score.incidents,
      truthClusters: score.truthClusters,
      duplicateReports: score.duplicateReports,
      missingReports: score.missingReports,
      overCounted: score.sources.overCounted,
      underCounted: score.sources.underCounted,
      importS: r2(imported.seconds),
      importCpuS: r2(imported.cpuSeconds),
      exportS: r2(exportIncidents.seconds + exportReports.seconds),
      generateS: r2(generateS),
      failures,
      ...(args.keep ? { work } : {}),
    };
    rows.push(row);
    scores.push({ seed, score });
    console.log(JSON.stringify(args.full ? { ...row, score } : row));
  } finally {
    if (!args.keep) rmSync(work, { recursive: true, force: true });
  }
}

const medianOf = (key) => {
  const m = median(rows.map((r) => r[key]));
  return m === null ? null : Math.round(m * 10_000) / 10_000;
};
const medians = {
  seeds: seeds.length,
  precision: medianOf('precision'),
  recall: medianOf('recall'),
  f1: medianOf('f1'),
  overCounted: medianOf('overCounted'),
  duplicateReports: medianOf('duplicateReports'),
  importS: medianOf('importS'),
  importCpuS: medianOf('importCpuS'),
};
const results = writeResults('scenario', {
  machine: machineFacts(),
  // The settings the run was given (never anything that looks like a secret).
  env: Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k.startsWith('TIPWIRE_') && !/KEY|SECRET|TOKEN|PASS/.test(k),
    ),
  ),
  thresholds,
  rows,
  medians,
  scores,
});
console.log(JSON.stringify({ medians, results }));
if (failed) process.exit(1);
