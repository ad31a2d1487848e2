// How long `tipwire keys rotate` takes per data key, on a real SQLite file, and what
// the batch size (TIPWIRE_KEYS_ROTATE_BATCH_SIZE) changes: each batch is one
// transaction, so one fsync'd commit (synchronous=FULL) per batch.
//
//   npm run bench:keys-rotate                 # build, then the default run
//   node bench/keys-rotate.mjs --runs 5 --keys 20000 --batches 500,50
//   node bench/keys-rotate.mjs --quiet-below 0 --max-other 0   # on a machine that is never idle
//
// Seeding: one real report through the runtime (dist/), then its row copied with new
// ids until the database holds `--keys` data keys (each copy carries the same wrapped
// data key: for rotation each is a blob to unwrap, re-wrap and write back; the copies
// have no attachments, messages or search tokens, which rotation does not touch).
// Each round copies that database and its keys folder afresh for every batch size and
// runs the rotation in this process (rotateKeys from dist/cli/keys.js: open, exclusive
// lock, re-wrap, verify, switch with its audit record, retire the old key file). The
// order of the batch sizes alternates between rounds. Figures: median wall time and
// data keys per second per batch size, and the ratio of each to the first batch size,
// measured in the same rounds. Raw figures go to bench/results/keys-rotate-<stamp>.json.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { machineFacts, median, round, runRounds, writeResults } from './lib/rounds.mjs';
import { createRuntime } from '../dist/runtime.js';
import { loadConfig } from '../dist/config.js';
import { rotateKeys } from '../dist/cli/keys.js';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    keys: { type: 'string', default: '20000' },
    batches: { type: 'string', default: '500,50' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait-s': { type: 'string', default: '60' },
    // A round in which other processes used more than this % of a core is repeated (0: never).
    'max-other': { type: 'string', default: '25' },
  },
});
const runs = Number(opt.runs);
const keyCount = Number(opt.keys);
const batchSizes = opt.batches.split(',').map(Number);

const work = mkdtempSync(path.join(os.tmpdir(), 'tipwire-bench-keys-'));
const seedDir = path.join(work, 'seed');
const env = (dir, batch) => ({
  TIPWIRE_DB: path.join(dir, 'tipwire.db'),
  TIPWIRE_LOG_LEVEL: 'silent',
  TIPWIRE_KEYS_ROTATE_BATCH_SIZE: String(batch),
});

async function seed() {
  const runtime = createRuntime(loadConfig(env(seedDir, 500)));
  await runtime.intake.submit(
    {
      channel: 'web',
      narrative: 'A van idled by the east gate, then drove north.',
      observedAt: '2026-11-20T21:10:00+08:00',
      location: { lat: 34.261, lon: 108.942, accuracyMeters: 50 },
    },
    { principal: 'anonymous', mayStateReceivedAt: false },
  );
  runtime.close();
  const db = new Database(path.join(seedDir, 'tipwire.db'));
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO reports (id, channel, narrative, narrative_sealed, data_key, received_at, claims)
     SELECT r.id || '_' || n.i, r.channel, '', r.narrative_sealed, r.data_key, r.received_at, r.claims
     FROM reports r, n WHERE r.seq = 1`,
  ).run(keyCount - 1);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function rotateOnce(batch, index) {
  const dir = path.join(work, `round-${index}-${batch}`);
  cpSync(seedDir, dir, { recursive: true });
  const t0 = performance.now();
  const summary = rotateKeys(loadConfig(env(dir, batch)));
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (summary.verified !== keyCount)
    throw new Error(`verified ${summary.verified}, not ${keyCount}`);
  return { batch, ms: round(ms, 1), keysPerSecond: round(keyCount / (ms / 1000), 0) };
}

try {
  await seed();
  const { attempts, counted } = await runRounds({
    runs,
    quietBelowPct: Number(opt['quiet-below']),
    quietWaitMs: Number(opt['quiet-wait-s']) * 1000,
    maxOtherPct: Number(opt['max-other']),
    measure: (index) => {
      const order = index % 2 ? batchSizes : [...batchSizes].reverse();
      return order.map((batch) => rotateOnce(batch, index));
    },
  });
  const byBatch = batchSizes.map((batch) => {
    const times = counted.map((r) => r.value.find((v) => v.batch === batch).ms);
    return { batch, medianMs: round(median(times), 1), times };
  });
  const base = byBatch[0];
  const summary = byBatch.map((b) => ({
    batch: b.batch,
    medianMs: b.medianMs,
    keysPerSecond: round(keyCount / (b.medianMs / 1000), 0),
    // Per round, this batch size's time over the first one's, then the median.
    ratioToFirst: round(median(counted.map((r, i) => b.times[i] / base.times[i])), 2),
  }));
  const otherCpu = counted.map((r) => r.otherCpuPct);
  const file = writeResults('keys-rotate', {
    machine: machineFacts(),
    options: { runs, keys: keyCount, batches: batchSizes },
    summary,
    otherCpuPctMedian: round(median(otherCpu), 1),
    attempts,
  });
  console.log(JSON.stringify({ keys: keyCount, summary, otherCpuPct: otherCpu }, null, 2));
  console.log(`raw figures: ${file}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
