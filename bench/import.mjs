// Bulk import benchmark (F5 item 11): `tipwire import` of a seeded JSONL file into a
// fresh database, through the real CLI (dist/cli/main.js) and a real SQLite file, end
// to end: the import phase and the pipeline phase it waits for. Baseline, measured in
// the same process each round: better-sqlite3 inserting the same lines as bare rows
// (id, line) in one transaction with the same pragmas (WAL, synchronous=FULL).
//
//   npm run bench:import                       # 100,000 reports, 3 rounds + warm-up
//   node bench/import.mjs --reports 20000 --runs 3 --quiet-below 0 --max-other 0 --no-warmup
//
// --quiet-below 0 starts each round at once instead of waiting for an idle machine;
// --max-other 0 keeps a round however busy the other processes were (their share is
// recorded either way); --no-warmup skips the uncounted first round (each round is a
// new process, so a warm-up warms only the file cache).
//
// Per round: wall time of the command, its CPU time (user+system, read from /proc
// while it runs), and the two phases as the command itself reports them on stdout.
// Rates are reports per second of wall time; the CPU-time rate is what the command
// would reach alone on one core. Figures are medians of the counted rounds; raw
// figures go to bench/results/import-<timestamp>.json (git-ignored).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { writeImportFile } from './lib/import-lines.mjs';
import { CLK_TCK, procCpuTicks } from './lib/machine.mjs';
import { machineFacts, median, round, ROOT, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait': { type: 'string', default: '900' },
    'max-other': { type: 'string', default: '25' },
    'no-warmup': { type: 'boolean', default: false },
  },
});
const REPORTS = Number(args.reports);
const CLI = path.join(ROOT, 'dist/cli/main.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'tipwire-bench-import-'));
const file = path.join(work, 'reports.jsonl');
const bytes = await writeImportFile(file, REPORTS, Number(args.seed));
console.error(`${REPORTS} lines, ${round(bytes / 2 ** 20, 1)} MiB in ${file}`);

/** better-sqlite3's bare insert rate over the same lines: the floor any import pays. */
function bareInsert(dir) {
  const db = new Database(path.join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE lines (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, line TEXT)');
  const insert = db.prepare('INSERT INTO lines (id, line) VALUES (?, ?)');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const t0 = performance.now();
  db.transaction(() => lines.forEach((line, i) => insert.run(`r_${i}`, line)))();
  const ms = performance.now() - t0;
  db.close();
  return { ms: round(ms, 1), perSecond: round((lines.length * 1000) / ms, 0) };
}

/** Runs the real command; resolves with its wall time, CPU time and stdout. */
function runImport(dbPath) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, 'import', file, '--db', dbPath], {
      env: { ...process.env, TIPWIRE_IMPORT_PROGRESS_INTERVAL_MS: '3600000' },
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
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`import exited ${code}: ${stderr.slice(-500)}`));
      resolve({ wallMs, cpuMs: (ticks * 1000) / CLK_TCK, stdout });
    });
  });
}

const seconds = (stdout, re) => Number(re.exec(stdout)?.[1]);

const { attempts, counted } = await runRounds({
  runs: Number(args.runs),
  quietBelowPct: Number(args['quiet-below']),
  quietWaitMs: Number(args['quiet-wait']) * 1000,
  maxOtherPct: Number(args['max-other']),
  warmup: !args['no-warmup'],
  childTicks: () => 0,
  measure: async () => {
    const dir = mkdtempSync(path.join(work, 'round-'));
    const bare = bareInsert(dir);
    const run = await runImport(path.join(dir, 'tipwire.db'));
    rmSync(dir, { recursive: true, force: true });
    const importS = seconds(run.stdout, /^imported .* took ([\d.]+) s$/m);
    const pipelineS = seconds(run.stdout, /^pipeline: .* took ([\d.]+) s$/m);
    if (!new RegExp(`^imported ${REPORTS} report`, 'm').test(run.stdout)) {
      throw new Error(`not every line was imported:\n${run.stdout}`);
    }
    const value = {
      bare,
      wallS: round(run.wallMs / 1000, 2),
      cpuS: round(run.cpuMs / 1000, 2),
      importS,
      pipelineS,
      endToEndPerSecond: round((REPORTS * 1000) / run.wallMs, 0),
      cpuPerSecond: round((REPORTS * 1000) / run.cpuMs, 0),
      importPerSecond: round(REPORTS / importS, 0),
      pipelinePerSecond: round(REPORTS / pipelineS, 0),
    };
    console.error(JSON.stringify(value));
    return value;
  },
});
rmSync(work, { recursive: true, force: true });

const med = (key) => median(counted.map((r) => r.value[key]));
const summary = {
  reports: REPORTS,
  rounds: counted.length,
  endToEndPerSecond: med('endToEndPerSecond'),
  cpuPerSecond: med('cpuPerSecond'),
  importPerSecond: med('importPerSecond'),
  pipelinePerSecond: med('pipelinePerSecond'),
  wallS: med('wallS'),
  importS: med('importS'),
  pipelineS: med('pipelineS'),
  bareInsertPerSecond: median(counted.map((r) => r.value.bare.perSecond)),
  otherCpuPct: median(counted.map((r) => r.otherCpuPct)),
};
summary.ratioToBareInsert = round(summary.endToEndPerSecond / summary.bareInsertPerSecond, 4);
const results = writeResults('import', { machine: machineFacts(), args, summary, attempts });
console.log(JSON.stringify(summary, null, 2));
console.error(`raw results: ${results}`);
