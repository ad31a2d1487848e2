// What China's districts (src/normalize/data/cn-districts.tsv) add to loading the gazetteer:
// its load time and heap, with and without them, each load in a fresh Node process (so
// neither warms the other), the two alternating.
//
//   npm run build && node bench/gazetteer-load.mjs [--runs 5]
//
// Prints the median of each and the ratio with/without, and writes
// bench/results/gazetteer-load-<time>.json.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineFacts, median, round, ROOT, writeResults } from './lib/rounds.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

// One load, in the child: heap after a full collection before and after.
const CHILD = `
const { loadGeoNamesGazetteer } = await import(${JSON.stringify(path.join(ROOT, 'dist/normalize/gazetteer-geonames.js'))});
globalThis.gc(); const before = process.memoryUsage().heapUsed;
const t = performance.now();
const g = loadGeoNamesGazetteer(process.argv[1] === 'with' ? {} : { districtsFile: null });
const ms = performance.now() - t;
globalThis.gc(); const heap = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ ms, heapMB: heap / 2 ** 20, places: g.size, names: g.names }));
`;

const once = (variant) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, variant], {
      encoding: 'utf8',
    }),
  );

const samples = { with: [], without: [] };
for (let i = 0; i < runs; i++) {
  for (const variant of i % 2 === 0 ? ['without', 'with'] : ['with', 'without'])
    samples[variant].push(once(variant));
}
const summary = {};
for (const [variant, xs] of Object.entries(samples)) {
  summary[variant] = {
    places: xs[0].places,
    names: xs[0].names,
    loadMs: Math.round(median(xs.map((x) => x.ms))),
    heapMB: round(median(xs.map((x) => x.heapMB)), 1),
    loadMsAll: xs.map((x) => Math.round(x.ms)),
  };
}
const result = {
  runs,
  machine: machineFacts(),
  ...summary,
  ratio: {
    loadMs: round(summary.with.loadMs / summary.without.loadMs, 3),
    heapMB: round(summary.with.heapMB / summary.without.heapMB, 3),
  },
};
console.log(JSON.stringify(result, null, 2));
console.log(`raw: ${writeResults('gazetteer-load', result)}`);
