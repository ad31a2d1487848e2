// F8: how many reports a second each kind of evidence work handles, in-process, from
// dist/ (npm run build first). Three parts, one round each time:
//
// 1. Intake's reading of a photo (createMediaReader: magic bytes, header size, EXIF, the
//    capture time, the perceptual hash through sharp), per photo, for a small camera JPEG
//    of the shared fixtures (GPS.jpg, 120 × 80) and for a 12-megapixel phone-sized JPEG
//    made once with sharp (shapes under grain, a few MB); baseline in the same round: SHA-256 of the same bytes, which
//    intake pays for every file already (the content hash).
// 2. The verify stage's decision (decideVerification with the registered checks) over
//    reports of each kind: no file (the time-sources check alone), a photo with camera
//    metadata (exif, attachment checks), a photo whose image matches three earlier ones
//    (media-reuse), a narrative scored by the language model (text-perplexity), a
//    narrative near-identical to three earlier ones (media-reuse, text), a photo an analyst
//    measured a shadow on (the sun checks), and a refused file. Reports a second over 2,000
//    subjects of the kind.
// 3. The media-reuse lookup in SQLite (reports.similarImages: 68 band probes, the distance
//    in SQL) with 100,000 stored images of random hashes: lookups a second.
//
// A warm-up round, then --runs measured ones after the machine is idle
// (bench/lib/rounds.mjs); medians. Raw results: bench/results/check-throughput-<time>.json.
//
//   npm run build && node bench/check-throughput.mjs [--runs 5] [--quiet-wait-s 600]
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { mulberry32 } from './lib/random.mjs';
import { plainReport } from './lib/store-rows.mjs';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'quiet-wait-s': { type: 'string', default: '600' },
    images: { type: 'string', default: '100000' },
  },
});

const dist = (rel) => import(path.join(ROOT, 'dist', rel));
const { createMediaReader } = await dist('intake/media-reader.js');
const { pointZoneAt } = await dist('normalize/zones.js');
const { createZoneFinder } = await dist('normalize/zone-finder.js');
const { loadConfig } = await dist('config.js');
const { decideVerification } = await dist('verify/verify-decision.js');
const { CHECKS } = await dist('verify/checks/index.js');
const { openSqliteStore } = await dist('store/sqlite/sqlite-store.js');

const config = loadConfig({});
const { workerScript } = await dist('platform/worker-pool.js');
const readMedia = createMediaReader({
  limits: config.verify,
  zoneAt: pointZoneAt(createZoneFinder()),
  benford: config.verify,
  tableTimeoutMs: config.verify.tableAnalysisTimeoutMs,
  tableWorker: () =>
    workerScript(
      pathToFileURL(path.join(ROOT, 'dist/runtime.js')).href,
      './intake/table.worker.js',
    ),
});
const fixtures = path.resolve(ROOT, '../shared/fixtures/exif-jpeg');
const small = readFileSync(path.join(fixtures, 'GPS.jpg'));
// Sensor-like grain over shapes, so it weighs what a phone's photo weighs (a few MB).
const phone = await sharp({
  create: {
    width: 4000,
    height: 3000,
    channels: 3,
    background: '#6a8',
    noise: { type: 'gaussian', mean: 128, sigma: 10 },
  },
})
  .composite([
    {
      input: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000">' +
          Array.from(
            { length: 40 },
            (_, i) =>
              `<circle cx="${(i * 997) % 4000}" cy="${(i * 613) % 3000}" r="${80 + ((i * 37) % 300)}" fill="#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}"/>`,
          ).join('') +
          '</svg>',
      ),
    },
  ])
  .jpeg({ quality: 88 })
  .toBuffer();

/** Photos read a second: `count` reads of `bytes`, one after another (as one request's files). */
async function readsPerSecond(bytes, count, read) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await read(bytes);
  return (count / (performance.now() - t0)) * 1000;
}
const sha = async (bytes) => createHash('sha256').update(bytes).digest();

// --- 2. the verify decision per kind of report
const T = Date.parse('2026-06-21T04:00:00Z');
const settings = {
  checks: CHECKS,
  deferHeavyLagMs: 5000,
  // The registered checks' thresholds at their defaults, as serve passes them.
  check: {
    contradictionSeconds: config.normalize.contradictionSeconds,
    staleToleranceSeconds: config.normalize.staleToleranceSeconds,
    ...config.verify,
    perplexity: config.text,
  },
};
const smallMedia = await readMedia(small, 'image/jpeg');
const base = {
  reportId: 'r_1',
  receivedAt: T + 3_600_000,
  time: {
    from: T - 300_000,
    to: T + 300_000,
    local: null,
    timezone: null,
    zoneSource: null,
    precisionSeconds: 300,
  },
  place: { lat: 54.9897, lon: -1.9142, accuracyMeters: 100, text: null },
  timeSources: [
    { source: 'claim', from: T - 300_000, to: T + 300_000 },
    { source: 'arrival', from: T - 30 * 86_400_000, to: T + 3_900_000 },
  ],
  attachments: [],
  mediaMatches: [],
  textMatches: [],
  sun: null,
  textScore: null,
};
const photo = { contentType: 'image/jpeg', media: smallMedia };
const KINDS = {
  noFile: base,
  photo: { ...base, attachments: [photo] },
  reusedPhoto: {
    ...base,
    attachments: [photo],
    mediaMatches: [0, 1, 2].map((i) => ({
      attachmentId: 'a_1',
      earlierReportId: `r_${i}`,
      earlierAttachmentId: `a_${i}`,
      distanceBits: i * 2,
      sameSource: false,
    })),
  },
  // The narrative's score as the text worker stored it, unusual for a model trained on
  // 60,000 tokens (text-perplexity: text.high_perplexity).
  scoredText: {
    ...base,
    textScore: {
      language: 'en',
      tokens: 60,
      unknownTokens: 4,
      perplexity: 140.5,
      ranks: { ranked: 56, top10: 20, top100: 18, top1000: 10, beyond: 8 },
      model: { order: 3, trainingTokens: 60_000 },
    },
  },
  // A narrative near-identical to three earlier reports' from other callers (media.reused).
  copiedText: {
    ...base,
    textMatches: [0, 1, 2].map((i) => ({
      earlierReportId: `r_${i}`,
      similarity: 0.9 - i * 0.1,
      sameSource: false,
    })),
  },
  measuredShadow: {
    ...base,
    attachments: [photo],
    sun: { daylightPhoto: true, shadow: { bearing: 90 } },
  },
  refusedFile: {
    ...base,
    attachments: [
      {
        contentType: 'image/png',
        media: {
          detectedType: 'image/png',
          width: 100_000,
          height: 100_000,
          rejected: { reason: 'too_many_pixels', detail: '10000000000 pixels' },
          exif: null,
        },
      },
    ],
  },
};
const SUBJECTS = 2000;
function decisionsPerSecond(subject) {
  let findings = 0;
  const t0 = performance.now();
  for (let i = 0; i < SUBJECTS; i++) {
    const effects = decideVerification(
      { subject, flags: [], backlogLagMs: 0, now: T + 3_600_000 },
      settings,
    );
    findings += effects.ran.reduce((n, r) => n + r.findings.length, 0);
  }
  const perSecond = (SUBJECTS / (performance.now() - t0)) * 1000;
  return { perSecond, findingsPerReport: findings / SUBJECTS };
}

// --- 3. the reuse lookup over stored images
const IMAGES = Number(args.images);
const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-check-throughput-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const store = openSqliteStore(path.join(dir, 'tipwire.db'));
const random = mulberry32(11);
const randomHash = () =>
  Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
const seeded = performance.now();
for (let start = 0; start < IMAGES; start += 5000) {
  store.transaction(() => {
    for (let i = start; i < Math.min(IMAGES, start + 5000); i++) {
      store.reports.insert(
        plainReport(`r_${i}`, {
          receivedAt: i,
          attachments: [
            {
              id: `a_${i}`,
              contentType: 'image/jpeg',
              sizeBytes: 1,
              segmentBytes: 1024,
              sealed: { segments: [Buffer.alloc(1)] },
              sealedMeta: Buffer.alloc(1),
              media: {
                detectedType: 'image/jpeg',
                width: 1,
                height: 1,
                rejected: null,
                exif: null,
                phash: randomHash(),
              },
            },
          ],
        }),
      );
    }
  });
}
const seedSeconds = (performance.now() - seeded) / 1000;
const LOOKUPS = 2000;
function lookupsPerSecond() {
  let found = 0;
  const t0 = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    found += store.reports.similarImages(randomHash(), IMAGES, 'r_new', 200).length;
  }
  return { perSecond: (LOOKUPS / (performance.now() - t0)) * 1000, candidates: found / LOOKUPS };
}

const { counted, attempts } = await runRounds({
  runs: Number(args.runs),
  quietWaitMs: Number(args['quiet-wait-s']) * 1000,
  measure: async () => {
    const read = (bytes) => readMedia(bytes, 'image/jpeg');
    const value = {
      smallReadPerSecond: await readsPerSecond(small, 200, read),
      smallShaPerSecond: await readsPerSecond(small, 200, sha),
      phoneReadPerSecond: await readsPerSecond(phone, 10, read),
      phoneShaPerSecond: await readsPerSecond(phone, 10, sha),
      lookup: lookupsPerSecond(),
    };
    for (const [kind, subject] of Object.entries(KINDS)) value[kind] = decisionsPerSecond(subject);
    return value;
  },
});

const m = (pick) => median(counted.map((r) => pick(r.value)));
const figures = {
  photoBytes: { small: small.length, phone: phone.length, phonePixels: '4000 × 3000' },
  intakeReadPerSecond: {
    small: round(
      m((v) => v.smallReadPerSecond),
      0,
    ),
    smallOverSha256: round(
      m((v) => v.smallShaPerSecond / v.smallReadPerSecond),
      1,
    ),
    phone: round(
      m((v) => v.phoneReadPerSecond),
      1,
    ),
    phoneOverSha256: round(
      m((v) => v.phoneShaPerSecond / v.phoneReadPerSecond),
      1,
    ),
  },
  verifyDecisionPerSecond: Object.fromEntries(
    Object.keys(KINDS).map((kind) => [
      kind,
      {
        reportsPerSecond: round(
          m((v) => v[kind].perSecond),
          -2,
        ),
        findingsPerReport: m((v) => v[kind].findingsPerReport),
      },
    ]),
  ),
  reuseLookup: {
    storedImages: IMAGES,
    seedSeconds: round(seedSeconds, 1),
    lookupsPerSecond: round(
      m((v) => v.lookup.perSecond),
      -1,
    ),
    candidatesPerLookup: round(
      m((v) => v.lookup.candidates),
      1,
    ),
  },
};
const file = writeResults('check-throughput', {
  machine: machineFacts(),
  runs: counted.length,
  figures,
  attempts,
});
console.log(JSON.stringify(figures, null, 2));
console.error(`results: ${file}`);
