// F8's sun and Benford rules, in-process, from dist/ (npm run build first):
//
// - Benford over ../shared/fixtures/benford/corporate.payment.csv (189,470 rows, 6.6 MB),
//   the column `Amount` streamed from disk through the CSV reader, the tally and both
//   tests, as `tipwire benford` does it; baseline in the same round: streaming the same
//   file and counting its line breaks (the floor any streaming reader pays).
// - The sun: `apparentSun` (what shadows use) and `sunPosition` (suncalc plus the
//   refraction taken back out, what night uses) against suncalc's bare `getPosition`, µs a
//   call over 100,000 instants; chronolocation of one day and of a whole year (the
//   analyst's "date unknown").
//
// Each round runs all of them; a warm-up round, then --runs measured ones, each after the
// machine is idle (bench/lib/rounds.mjs); figures are medians. Raw results go to
// bench/results/evidence-checks-<time>.json.
//
//   npm run build && node bench/evidence-checks.mjs [--runs 7] [--quiet-wait-s 900]
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getPosition } from 'suncalc';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'quiet-wait-s': { type: 'string', default: '900' },
  },
});

const { createColumnTally } = await import(path.join(ROOT, 'dist/verify/benford/table.js'));
const { analyseBenford } = await import(path.join(ROOT, 'dist/verify/benford/benford.js'));
const { apparentSun, sunPosition } = await import(path.join(ROOT, 'dist/verify/sun/position.js'));
const { chronolocate, chronolocateYear, expectedShadow, solarDay } = await import(
  path.join(ROOT, 'dist/verify/sun/shadow.js')
);

const PAYMENTS = path.resolve(ROOT, '../shared/fixtures/benford/corporate.payment.csv');
const ROWS = 189_470;
const SETTINGS = { benfordMinValues: 300, benfordMinOrdersOfMagnitude: 2 };
const CALLS = 100_000;
const PARIS = { lat: 48.85, lon: 2.35 };

async function benford() {
  const table = createColumnTally('Amount', 10);
  for await (const chunk of createReadStream(PAYMENTS, { encoding: 'utf8' })) table.push(chunk);
  const result = analyseBenford(table.end().tally, SETTINGS);
  if (result.n !== 177_763) throw new Error(`n = ${result.n}`);
}

async function lineCount() {
  let lines = 0;
  for await (const chunk of createReadStream(PAYMENTS, { encoding: 'utf8' }))
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
  if (lines !== ROWS + 1) throw new Error(`lines = ${lines}`);
}

function perCall(fn) {
  const start = Date.UTC(2026, 0, 1);
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) sink += fn(start + i * 317_000).azimuth;
  const us = ((performance.now() - t0) * 1000) / CALLS;
  if (!Number.isFinite(sink)) throw new Error('NaN');
  return us;
}

const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const afternoon = Date.parse('2026-06-21T15:00:00Z');
const cast = expectedShadow(sunPosition(afternoon, PARIS.lat, PARIS.lon));
const measurement = {
  bearing: cast.bearing,
  bearingError: 1,
  lengthRatio: cast.lengthRatio,
  lengthRatioError: 0.01,
};

const { counted, attempts } = await runRounds({
  runs: Number(args.runs),
  quietWaitMs: Number(args['quiet-wait-s']) * 1000,
  measure: async (index) => {
    // Alternate which of the pair goes first, so drift weighs on both.
    const pair = index % 2 ? [benford, lineCount] : [lineCount, benford];
    const ms = {};
    for (const fn of pair) ms[fn.name] = await time(fn);
    const suncalcUs = perCall((t) => getPosition(new Date(t), PARIS.lat, PARIS.lon));
    const apparentSunUs = perCall((t) => apparentSun(t, PARIS.lat, PARIS.lon));
    const sunPositionUs = perCall((t) => sunPosition(t, PARIS.lat, PARIS.lon));
    const dayMs = await time(() =>
      chronolocate(measurement, PARIS, solarDay(afternoon, PARIS.lon)),
    );
    const yearMs = await time(() => chronolocateYear(measurement, PARIS, 2026));
    return { ...ms, suncalcUs, apparentSunUs, sunPositionUs, dayMs, yearMs };
  },
});

const m = (key) => median(counted.map((r) => r.value[key]));
const figures = {
  benfordMs: round(m('benford'), 0),
  benfordRowsPerSecond: round((ROWS / m('benford')) * 1000, -3),
  lineCountMs: round(m('lineCount'), 0),
  benfordOverLineCount: round(m('benford') / m('lineCount'), 2),
  benfordOverLineCountRange: [
    round(Math.min(...counted.map((r) => r.value.benford / r.value.lineCount)), 2),
    round(Math.max(...counted.map((r) => r.value.benford / r.value.lineCount)), 2),
  ],
  suncalcUs: round(m('suncalcUs'), 2),
  apparentSunUs: round(m('apparentSunUs'), 2),
  sunPositionUs: round(m('sunPositionUs'), 2),
  sunPositionOverSuncalc: round(m('sunPositionUs') / m('suncalcUs'), 2),
  chronolocateDayMs: round(m('dayMs'), 1),
  chronolocateYearMs: round(m('yearMs'), 0),
};
const file = writeResults('evidence-checks', {
  machine: machineFacts(),
  runs: counted.length,
  figures,
  attempts,
});
console.log(JSON.stringify({ ...figures, results: file }, null, 2));
