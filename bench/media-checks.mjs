// F8's attachment reading and the exif check, in-process, from dist/ (npm run build first):
//
// - mediaFactsOf over the 41 camera JPEGs of ../shared/fixtures/exif-jpeg/ (ExifTool's test
//   images, 0.4–41 KB each, from memory), declared image/jpeg, with normalize's zone finder
//   (geo-tz, warm after the warm-up round): what intake will do per photo. Baseline in the
//   same round: exifr.parse alone over the same bytes with the same options (the floor of
//   reading EXIF with exifr).
// - the exif check over 41 reports, one photo each (their MediaFacts from above), a claim
//   of 10 minutes at a fixed place: pure, what the verify stage pays per report.
//
// One photo per report, so files/s are reports/s. Each round runs `--passes` passes over
// the 41 files (and 100× that for the check); a warm-up round, then --runs measured ones,
// each after the machine is idle (bench/lib/rounds.mjs); figures are medians. Raw results
// go to bench/results/media-checks-<time>.json.
//
//   npm run build && node bench/media-checks.mjs [--runs 7] [--passes 20] [--quiet-wait-s 900]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import exifr from 'exifr';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    passes: { type: 'string', default: '20' },
    'quiet-wait-s': { type: 'string', default: '900' },
  },
});

const dist = (file) => import(path.join(ROOT, 'dist', file));
const { mediaFactsOf } = await dist('verify/media/media-facts.js');
const { exifCheck } = await dist('verify/checks/exif.check.js');
const { EXIFR_OPTIONS } = await dist('verify/media/exif.js');
const { MEDIA_SETTINGS, EXIF_CHECK_SETTINGS } = await dist('verify/settings.js');
const { defaultsOf } = await dist('domain/settings.js');
const { createZoneFinder } = await dist('normalize/zone-finder.js');
const { pointZoneAt } = await dist('normalize/zones.js');

const DIR = path.resolve(ROOT, '../shared/fixtures/exif-jpeg');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.jpg'))
  .sort()
  .map((f) => readFileSync(path.join(DIR, f)));
if (FILES.length !== 41) throw new Error(`${FILES.length} fixtures, expected 41`);
const BYTES = FILES.reduce((sum, b) => sum + b.length, 0);
const PASSES = Number(args.passes);
const CHECK_PASSES = PASSES * 100;

const limits = defaultsOf(MEDIA_SETTINGS);
const zoneAt = pointZoneAt(createZoneFinder());
const checkSettings = {
  contradictionSeconds: 900,
  staleToleranceSeconds: 900,
  ...defaultsOf(EXIF_CHECK_SETTINGS),
};

async function facts() {
  const out = [];
  for (let p = 0; p < PASSES; p++)
    for (const bytes of FILES) out.push(await mediaFactsOf(bytes, 'image/jpeg', limits, zoneAt));
  if (out.some((f) => f.rejected)) throw new Error('a fixture was refused');
  return out.slice(0, FILES.length);
}

async function exifrAlone() {
  for (let p = 0; p < PASSES; p++)
    for (const bytes of FILES) await exifr.parse(bytes, EXIFR_OPTIONS);
}

const CLAIM = Date.parse('2016-09-28T17:15:00Z');
const subjects = (all) =>
  all.map((media, i) => ({
    reportId: `r${i}`,
    receivedAt: CLAIM + 3_600_000,
    time: {
      from: CLAIM - 300_000,
      to: CLAIM + 300_000,
      local: null,
      timezone: 'Europe/London',
      zoneSource: 'timezone',
      precisionSeconds: 300,
    },
    place: { lat: 53.38, lon: -1.46, accuracyMeters: 100, text: null },
    timeSources: [],
    attachments: [{ contentType: 'image/jpeg', media }],
  }));

let reports = null;
function check() {
  let findings = 0;
  for (let p = 0; p < CHECK_PASSES; p++)
    for (const subject of reports)
      if (exifCheck.appliesTo(subject))
        findings += exifCheck.run(subject, { settings: checkSettings }).length;
  if (findings === 0) throw new Error('no findings');
  return findings / CHECK_PASSES;
}

const time = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
};

const { counted, attempts } = await runRounds({
  runs: Number(args.runs),
  quietWaitMs: Number(args['quiet-wait-s']) * 1000,
  measure: async (index) => {
    // Alternate which of the pair goes first, so drift weighs on both.
    const order = index % 2 ? ['facts', 'exifr'] : ['exifr', 'facts'];
    const ms = {};
    for (const which of order) {
      if (which === 'facts') {
        const r = await time(facts);
        ms.facts = r.ms;
        reports ??= subjects(r.value);
      } else ms.exifr = (await time(exifrAlone)).ms;
    }
    const c = await time(check);
    return { ...ms, checkMs: c.ms, findingsPerPass: c.value };
  },
});

const m = (key) => median(counted.map((r) => r.value[key]));
const files = PASSES * FILES.length;
const figures = {
  fixtures: FILES.length,
  fixtureBytes: BYTES,
  passes: PASSES,
  mediaFactsMs: round(m('facts'), 1),
  mediaFactsPerSecond: round((files / m('facts')) * 1000, 0),
  mediaFactsUsPerFile: round((m('facts') * 1000) / files, 0),
  exifrAloneMs: round(m('exifr'), 1),
  exifrAlonePerSecond: round((files / m('exifr')) * 1000, 0),
  mediaFactsOverExifr: round(m('facts') / m('exifr'), 2),
  mediaFactsOverExifrRange: [
    round(Math.min(...counted.map((r) => r.value.facts / r.value.exifr)), 2),
    round(Math.max(...counted.map((r) => r.value.facts / r.value.exifr)), 2),
  ],
  exifCheckReportsPerSecond: round(((CHECK_PASSES * FILES.length) / m('checkMs')) * 1000, -3),
  exifCheckUsPerReport: round((m('checkMs') * 1000) / (CHECK_PASSES * FILES.length), 2),
  exifCheckFindingsPer41Reports: m('findingsPerPass'),
};
const file = writeResults('media-checks', {
  machine: machineFacts(),
  runs: counted.length,
  figures,
  attempts,
});
console.log(JSON.stringify({ ...figures, results: file }, null, 2));
