// Start-up costs a user and the test suite pay on every command: `tipwire sun` (a command
// that needs no database), `tipwire token create` on an existing database, `tipwire serve`
// on a fresh database until it listens, and the GeoNames gazetteer's load and index alone
// (in a child of its own). Each round runs every measure once against this build and, with
// `--baseline DIR` (another build's dist/, e.g. from a worktree at an earlier commit), once
// against that one, alternately, so both see the same machine; figures are medians.
//
//   npm run build && node bench/startup.mjs [--runs 5] [--baseline /work/wt-base/dist]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { endedChildrenCpuTicks } from './lib/machine.mjs';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    baseline: { type: 'string' },
    'quiet-wait-s': { type: 'string', default: '120' },
  },
});
const builds = { now: path.join(ROOT, 'dist') };
if (args.baseline) builds.baseline = path.resolve(args.baseline);
const env = { ...process.env, TIPWIRE_LOG_LEVEL: 'warn' };

function timed(cmd, argv) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { ms: performance.now() - t0, stdout: r.stdout };
}

function serveUntilListening(cli, db) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', db], {
    env: { ...env, TIPWIRE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let ms = null;
    const onData = (d) => {
      out += d;
      if (ms === null && /Server listening at/.test(out)) {
        ms = performance.now() - t0;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      ms === null ? reject(new Error(`serve exited ${code}:\n${out}`)) : resolve(ms),
    );
  });
}

const GAZETTEER = (dist) => `
const { loadGeoNamesGazetteer } = await import(${JSON.stringify(path.join(dist, 'normalize/gazetteer-geonames.js'))});
const t0 = performance.now();
const g = loadGeoNamesGazetteer();
console.log(JSON.stringify({ ms: performance.now() - t0, names: g.names }));`;

async function measureBuild(dist) {
  const cli = path.join(dist, 'cli/main.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-startup-bench-'));
  try {
    const db = path.join(dir, 'db.sqlite');
    const sun = timed(process.execPath, [
      cli,
      'sun',
      '--lat',
      '39.9',
      '--lon',
      '116.4',
      '--time',
      '2026-06-21T04:00:00Z',
    ]).ms;
    const serveMs = await serveUntilListening(cli, db);
    const token = timed(process.execPath, [
      cli,
      'token',
      'create',
      '--role',
      'analyst',
      '--db',
      db,
    ]).ms;
    const gz = JSON.parse(
      timed(process.execPath, ['--input-type=module', '-e', GAZETTEER(dist)]).stdout,
    );
    return {
      sunMs: sun,
      tokenCreateMs: token,
      serveListenMs: serveMs,
      gazetteerMs: gz.ms,
      names: gz.names,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = machineFacts();
const { counted, attempts } = await runRounds({
  runs: Number(args.runs),
  quietWaitMs: Number(args['quiet-wait-s']) * 1000,
  // The commands are this bench's children: their CPU is its own, not other processes'.
  childTicks: endedChildrenCpuTicks,
  measure: async () => {
    const out = {};
    for (const [label, dist] of Object.entries(builds)) out[label] = await measureBuild(dist);
    return out;
  },
});
const figures = {};
for (const label of Object.keys(builds)) {
  figures[label] = {};
  for (const key of ['sunMs', 'tokenCreateMs', 'serveListenMs', 'gazetteerMs'])
    figures[label][key] = round(median(counted.map((r) => r.value[label][key])), 0);
}
if (builds.baseline)
  figures.ratioNowToBaseline = Object.fromEntries(
    Object.keys(figures.now).map((k) => [k, round(figures.now[k] / figures.baseline[k], 2)]),
  );
const result = { bench: 'startup', machine, builds, runs: Number(args.runs), figures, attempts };
console.log(JSON.stringify(figures, null, 2));
console.error(`results: ${writeResults('startup', result)}`);
