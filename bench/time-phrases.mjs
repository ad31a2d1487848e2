// Time-reading benchmark (F9): normalizeTime alone over the phrase corpus
// (test/time-corpus/phrases.json: 455 English and Chinese phrases with their arrivals
// and places), so the cost of reading words is seen without the place's. `--root`
// points at another checkout's build to compare (e.g. a worktree of the commit before
// F9: `git worktree add /tmp/base <rev> && cd /tmp/base && npx tsc -p tsconfig.build.json`).
// Each run reads every phrase `--passes` times; the first run warms up and is not
// counted; figures are medians. A baseline runs in the same process on the same
// arrivals: plain Date.parse over ISO strings of the same instants.
//
//   npm run build && node bench/time-phrases.mjs [--root DIR] [--runs 7] [--passes 20]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: HERE },
    runs: { type: 'string', default: '7' },
    passes: { type: 'string', default: '20' },
  },
});
const ROOT = path.resolve(args.root);
const RUNS = Number(args.runs);
const PASSES = Number(args.passes);

const { normalizeTime } = await import(path.join(ROOT, 'dist/normalize/time.js'));
const { NORMALIZE_DEFAULTS } = await import(path.join(ROOT, 'dist/normalize/settings.js'));
const { createZoneFinder } = await import(path.join(ROOT, 'dist/normalize/zone-finder.js'));

const corpus = JSON.parse(readFileSync(path.join(HERE, 'test/time-corpus/phrases.json'), 'utf8'));
const places = JSON.parse(readFileSync(path.join(HERE, 'test/time-corpus/places.json'), 'utf8'));
const zones = createZoneFinder();
const inputs = corpus.map((e) => ({
  observedAt: e.phrase,
  receivedAt: Date.parse(e.receivedAt),
  ...(e.timezone ? { timezone: e.timezone } : {}),
  point: e.place ? { lat: places[e.place].lat, lon: places[e.place].lon } : null,
}));
const isoStrings = inputs.map((i) => new Date(i.receivedAt).toISOString());

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const reading = [];
const baseline = [];
let sink = 0;
for (let run = 0; run <= RUNS; run++) {
  let t0 = performance.now();
  for (let p = 0; p < PASSES; p++)
    for (const input of inputs)
      sink += normalizeTime(input, NORMALIZE_DEFAULTS, { zones }).flags.length;
  const readMs = performance.now() - t0;
  t0 = performance.now();
  for (let p = 0; p < PASSES; p++) for (const s of isoStrings) sink += Date.parse(s) & 1;
  const baseMs = performance.now() - t0;
  if (run > 0) {
    reading.push(readMs);
    baseline.push(baseMs);
  }
}
const n = inputs.length * PASSES;
const us = (median(reading) * 1000) / n;
console.log(
  JSON.stringify({
    root: ROOT,
    phrases: inputs.length,
    readsPerRun: n,
    runs: RUNS,
    medianUsPerPhrase: Number(us.toFixed(2)),
    minMaxMs: [Math.min(...reading), Math.max(...reading)].map((x) => Number(x.toFixed(1))),
    dateParseUsPerString: Number(((median(baseline) * 1000) / n).toFixed(3)),
    cpu: os.cpus()[0]?.model,
    node: process.version,
    sink: sink > 0,
  }),
);
