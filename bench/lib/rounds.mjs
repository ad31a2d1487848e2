// Rounds of an in-process measurement, the way every benchmark here runs them: a
// warm-up round, then N measured rounds, each after the machine is idle; a round in
// which other processes used more than `maxOtherPct` of a core is repeated (at most
// `retries` times; every attempt is kept). Also the raw-results file and the facts
// of the machine and the commit that every results file records, and the migrations'
// hash that keys each seeded store in bench/.cache/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CLK_TCK, systemCpu, waitQuiet } from './machine.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(ROOT, 'bench/results');

/**
 * The first 10 hex digits of a hash over the built migrations (names and text): part of
 * a cached store's key, so a store seeded under other migrations is never reused.
 */
export function migrationsHash() {
  const dir = path.join(ROOT, 'dist/store/sqlite/migrations');
  return createHash('sha256')
    .update(
      readdirSync(dir)
        .sort()
        .map((f) => f + readFileSync(path.join(dir, f), 'utf8'))
        .join('\0'),
    )
    .digest('hex')
    .slice(0, 10);
}

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, digits = 1) =>
  Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null;

/** A file-name-safe UTC timestamp, e.g. 2026-11-30T10-00-00Z. */
export const stamp = (date = new Date()) =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

/** CPU, memory, Node, kernel and the commit (with whether src/ differs from it). */
export function machineFacts() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return {
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    cpuMHz: Number(/^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]) || null,
    cpus: os.cpus().length,
    memTotalGiB: round(os.totalmem() / 2 ** 30, 1),
    kernel: os.release(),
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    srcDirty: git(['status', '--porcelain', '--', 'src']) !== '',
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

/** Writes bench/results/<name>-<stamp>.json and returns its path relative to the repository. */
export function writeResults(name, result, at = new Date()) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${stamp(at)}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return path.relative(ROOT, file);
}

/**
 * Runs `measure(index)` (sync or async, returning anything) once as a warm-up and
 * `runs` times counted. Before each round it waits (at most `quietWaitMs`) for the
 * machine to be under `quietBelowPct` % of a core; during the round it measures the
 * CPU of everything but this process (and `childPids`, when given as a function).
 */
export async function runRounds({
  runs,
  measure,
  warmup = true,
  quietBelowPct = 25,
  quietWaitMs = 900_000,
  maxOtherPct = 25,
  retries = 2,
  childTicks = () => 0,
  log = (line) => console.error(line),
}) {
  const attempts = [];
  const counted = [];
  for (let index = warmup ? 0 : 1; index <= runs; index++) {
    for (let attempt = 0; ; attempt++) {
      const quiet = quietBelowPct > 0 ? await waitQuiet(quietBelowPct, quietWaitMs) : null;
      const sys0 = systemCpu();
      const own0 = process.cpuUsage();
      const child0 = childTicks();
      const t0 = performance.now();
      const value = await measure(index);
      const wallMs = performance.now() - t0;
      const own = process.cpuUsage(own0);
      const sys1 = systemCpu();
      const wallTicks = (wallMs / 1000) * CLK_TCK;
      const ownTicks = ((own.user + own.system) / 1e6) * CLK_TCK + (childTicks() - child0);
      const otherPct = Math.max(0, (100 * (sys1.busy - sys0.busy - ownTicks)) / wallTicks);
      const record = {
        index,
        warmup: index === 0,
        attempt,
        quiet,
        wallMs: round(wallMs, 1),
        otherCpuPct: round(otherPct, 1),
        value,
      };
      attempts.push(record);
      const noisy = maxOtherPct > 0 && otherPct > maxOtherPct;
      log(
        `round ${index}${index === 0 ? ' (warm-up)' : ''}: ${round(wallMs / 1000, 1)} s, ` +
          `other processes ${round(otherPct, 1)} % of a core${noisy ? ' — noisy' : ''}`,
      );
      if (index > 0 && noisy && attempt < retries) continue;
      if (index > 0) counted.push(record);
      break;
    }
  }
  return { attempts, counted };
}
