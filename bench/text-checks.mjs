// Text checks benchmark (F8 items 5 and 7): texts per second through the pure cores,
// in one process, over the same seeded texts each run:
//   - observables: extractObservables (src/verify/observables/extract.ts), with and
//     without a default phone region (national numbers are looked for only with one);
//   - language model: score (perplexity and GLTR rank buckets, src/verify/lm/) at the
//     default rank-work budget, and with ranking off (rankWork 0: perplexity alone),
//     the model trained on the bundled corpus plus --accepted synthetic reports.
// Texts: --texts narratives of 3–8 sentences, English or Chinese (half each), made of
// the bundled corpus's sentences with a third of their words swapped for others of the
// vocabulary (so most contexts are new), and in one text of three an indicator or two
// (defanged URL, IP, hash, e-mail, phone, plate, wallet).
//
//   npm run build && node bench/text-checks.mjs            # defaults
//   node bench/text-checks.mjs --texts 2000 --runs 5 --accepted 5000 --seed 7
//
// The first run is a warm-up and is not counted; figures are medians of the measured
// runs. Before each run the benchmark waits (at most --quiet-wait s) for the machine to
// be quiet. Raw figures go to bench/results/text-checks-<timestamp>.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
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
    texts: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    accepted: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '7' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait': { type: 'string', default: '300' },
  },
});
const TEXTS = Number(args.texts);
const RUNS = Number(args.runs);

const { extractObservables } = await import(path.join(ROOT, 'dist/verify/observables/extract.js'));
const { trainWithBundled, score, saveModel, loadModel } = await import(
  path.join(ROOT, 'dist/verify/lm/text-model.js')
);
const { CORPUS_EN, CORPUS_ZH } = await import(path.join(ROOT, 'dist/verify/lm/data/corpus.js'));
const { TEXT_SETTINGS } = await import(path.join(ROOT, 'dist/verify/settings.js'));

const { text } = reportTexts(CORPUS_EN, CORPUS_ZH, Number(args.seed));

const texts = Array.from({ length: TEXTS }, (_, i) => text(i % 2 === 0 ? 'en' : 'zh'));
const accepted = Array.from({ length: Number(args.accepted) }, (_, i) =>
  text(i % 2 === 0 ? 'en' : 'zh'),
);

let t0 = performance.now();
const model = trainWithBundled(accepted);
const trainMs = performance.now() - t0;
const json = JSON.stringify(saveModel(model));
t0 = performance.now();
loadModel(JSON.parse(json));
const loadMs = performance.now() - t0;

const settings = Object.fromEntries(
  Object.entries(TEXT_SETTINGS).map(([key, spec]) => [key, spec.default]),
);
const limits = { maxTokens: settings.maxTokens, rankWork: settings.rankWork };

const KINDS = {
  'observables, no phone region': (t) =>
    extractObservables(t, { maxChars: settings.observablesMaxChars }),
  'observables, region CN': (t) =>
    extractObservables(t, { maxChars: settings.observablesMaxChars, defaultPhoneRegion: 'CN' }),
  'lm score, ranks on': (t) => score(model, t, limits),
  'lm score, ranks off': (t) => score(model, t, { ...limits, rankWork: 0 }),
};

const results = Object.fromEntries(Object.keys(KINDS).map((k) => [k, []]));
for (let run = 0; run <= RUNS; run++) {
  const quiet = await waitQuiet(Number(args['quiet-below']), Number(args['quiet-wait']) * 1000);
  const order = Object.keys(KINDS);
  for (let r = 0; r < run % order.length; r++) order.push(order.shift());
  for (const kind of order) {
    const fn = KINDS[kind];
    const start = performance.now();
    for (const t of texts) fn(t);
    const seconds = (performance.now() - start) / 1000;
    if (run > 0) results[kind].push(TEXTS / seconds);
  }
  console.error(
    `run ${run}${run === 0 ? ' (warm-up)' : ''} done (waited ${quiet.waitedMs} ms, busy ${quiet.busyPct} %)`,
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const chars = texts.reduce((n, t) => n + t.length, 0) / TEXTS;
const summary = {
  machine: `${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}`,
  texts: TEXTS,
  meanChars: Math.round(chars),
  runs: RUNS,
  model: {
    trainingTokens: model.trainingTokens,
    vocabulary: model.vocab.length,
    trainMs: Math.round(trainMs),
    jsonBytes: json.length,
    loadMs: Math.round(loadMs),
  },
  textsPerSecond: Object.fromEntries(
    Object.entries(results).map(([k, xs]) => [k, Math.round(median(xs))]),
  ),
  runsTextsPerSecond: Object.fromEntries(
    Object.entries(results).map(([k, xs]) => [k, xs.map(Math.round)]),
  ),
};
console.log(JSON.stringify(summary, null, 2));
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(
    ROOT,
    `bench/results/text-checks-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  ),
  JSON.stringify(summary, null, 2),
);
