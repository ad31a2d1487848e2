// Text backlog benchmark (F8): how fast `serve` reads stored reports' text after intake
// (src/intake/text-backlog.ts: open the sealed narrative, the text worker's score and
// observables, seal them, one transaction a batch), in reports per second, through the
// real runtime on a fresh SQLite file, against a baseline measured in the same process:
// the same texts through the pure core (`analyzeText` on this thread: score and
// observables, no worker, no sealing, no database).
//
//   npm run build && node bench/text-backlog.mjs                 # defaults
//   node bench/text-backlog.mjs --reports 2000 --runs 3 --seed 7
//
// Each run submits --reports new reports through intake (seeded narratives of the bundled
// corpus, bench/lib/report-texts.mjs; the pipeline is not run), then times
// `textBacklog.drain()` until nothing is pending (the pipeline's jobs wait meanwhile:
// the deferral lag is set to a day so that the reading does not give way to them); the baseline times analyzeText over the
// same texts. The first run is a warm-up. The model is the bundled corpus's (a fresh
// installation: no closed case to train on). Raw figures: bench/results/text-backlog-*.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { waitQuiet } from './lib/machine.mjs';
import { reportTexts } from './lib/report-texts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait': { type: 'string', default: '120' },
  },
});
const N = Number(args.reports);
const RUNS = Number(args.runs);
const dist = (rel) => import(path.join(ROOT, 'dist', rel));
const { createRuntime } = await dist('runtime.js');
const { loadConfig } = await dist('config.js');
const { analyzeText, trainModel } = await dist('intake/text-analysis.js');
const { CORPUS_EN, CORPUS_ZH } = await dist('verify/lm/data/corpus.js');

const { text } = reportTexts(CORPUS_EN, CORPUS_ZH, Number(args.seed));
const texts = Array.from({ length: N }, (_, i) => text(i % 2 === 0 ? 'en' : 'zh'));

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-bench-text-'));
const config = loadConfig({
  TIPWIRE_DB: path.join(dir, 'tipwire.db'),
  TIPWIRE_KEYS_DIR: path.join(dir, 'keys'),
  TIPWIRE_LOG_LEVEL: 'warn',
  TIPWIRE_RATE_LIMITS: 'off',
  // The pipeline does not run here, so its jobs wait: the reading must not defer to them.
  TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS: '86400000',
});
const runtime = createRuntime(config);
const settings = { ...config.text };
const model = trainModel([], settings);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
for (let run = 0; run <= RUNS; run++) {
  const quiet = await waitQuiet(Number(args['quiet-below']), Number(args['quiet-wait']) * 1000);
  for (const narrative of texts) {
    const r = await runtime.intake.submit(
      { channel: 'web', narrative, observedAt: '2026-11-20T21:10:00+08:00' },
      { principal: 'anonymous', mayStateReceivedAt: false },
    );
    if (r.status !== 201) throw new Error(`intake answered ${r.status}`);
  }
  let t0 = performance.now();
  let read = 0;
  for (let n; (n = await runtime.textBacklog.drain()) > 0;) read += n;
  const backlogMs = performance.now() - t0;
  if (read !== N) throw new Error(`read ${read} of ${N}`);
  t0 = performance.now();
  for (const t of texts) analyzeText(model, t, null, settings);
  const coreMs = performance.now() - t0;
  const row = {
    run,
    quiet,
    backlogPerSecond: (N / backlogMs) * 1000,
    corePerSecond: (N / coreMs) * 1000,
  };
  if (run > 0) rows.push(row);
  console.error(JSON.stringify(row));
}
await runtime.workers.stop();
runtime.close();
rmSync(dir, { recursive: true, force: true });

const summary = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus()[0]?.model, nproc: os.cpus().length, node: process.version },
  reports: N,
  meanChars: Math.round(texts.reduce((n, t) => n + t.length, 0) / N),
  backlogPerSecond: Math.round(median(rows.map((r) => r.backlogPerSecond))),
  corePerSecond: Math.round(median(rows.map((r) => r.corePerSecond))),
  runs: rows,
};
summary.ratio = Number((summary.backlogPerSecond / summary.corePerSecond).toFixed(3));
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
const out = path.join(ROOT, `bench/results/text-backlog-${summary.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify(summary, null, 2));
console.log(JSON.stringify({ ...summary, runs: undefined }, null, 2));
