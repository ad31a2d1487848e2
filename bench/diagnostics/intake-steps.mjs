// Diagnostic: the time of each step tipwire's intake takes for one report, without
// HTTP and without a profiler (whose overhead inflates short native calls). Uses the
// compiled code in dist/. Evidence for the intake benchmark's findings, not part of it.
//
//   npm run bench:intake-steps              # build, then the default run
//   node bench/diagnostics/intake-steps.mjs --reports 20000 --runs 5
//
// Bodies are generated as bench/post.lua generates them (short narratives: their
// search tokens are made on the calling thread). Each round times every step over
// the same reports, in an order that rotates each round; figures are medians of the
// rounds (one warm-up round first). The steps use a runtime built as `tipwire serve`
// builds it (createRuntime over a fresh temporary database, gazetteer preloaded);
// "intake.submit" is the whole intake service (validation, protection, search tokens,
// assessment, group-commit write with synchronous=FULL), 64 submissions in flight
// at a time as with wrk -c64; the pipeline is not started. Raw figures go to
// bench/results/intake-steps-<timestamp>.json (git-ignored).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { IANAZone } from 'luxon';
import sjson from 'secure-json-parse';
import { loadConfig } from '../../dist/config.js';
import { newId } from '../../dist/domain/ids.js';
import { textFactsOf, toNewReport } from '../../dist/intake/new-report.js';
import { isIanaZone } from '../../dist/normalize/zones.js';
import { normalizeClaims } from '../../dist/normalize/normalize-report.js';
import { normalizeContext } from '../../dist/pipeline/stages.js';
import { toE164 } from '../../dist/protect/pseudonym.js';
import { issueReceipt } from '../../dist/protect/receipt.js';
import { tokensOf } from '../../dist/protect/search-tokenizer.js';
import { createRuntime } from '../../dist/runtime.js';
import { checkedJsonText } from '../../dist/server/json-body.js';
import { machineFacts, median, round, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    reports: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    'quiet-below': { type: 'string', default: '25' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(
    'node bench/diagnostics/intake-steps.mjs [--reports N (20000)] [--runs N (5)] [--quiet-below PCT (25)]',
  );
  process.exit(0);
}
const N = Number(opt.reports);
const RUNS = Number(opt.runs);
const BATCH = 64;

const narratives = [
  'A drone fell behind the north gate.',
  'A small drone circled the water tower, then landed behind the depot.',
  'Two men photographed the radar dome from a parked grey van.',
  'Someone is flying a quadcopter over the military housing block at night.',
  'A stranger asked the guards about shift times at the research institute.',
  '有无人机在北门附近坠落，随后有人来回收。',
  '一辆白色面包车在研究所外停了两个小时，车上的人在拍照。',
  'A survey team with tripods arrived near the fence after the drone crash.',
];
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const int = (a, b) => a + Math.floor(Math.random() * (b - a + 1));
const pad = (n, w) => String(n).padStart(w, '0');
const makeBody = () =>
  JSON.stringify({
    channel: pick(['web', 'web', 'app', 'phone', 'api']),
    narrative: `${pick(narratives)} Ref ${pad(int(0, 2 ** 31 - 1).toString(16), 8)}.`,
    observedAt: `2026-11-${pad(int(1, 28), 2)}T${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}:00`,
    timezone: 'Asia/Shanghai',
    precisionSeconds: pick([60, 300, 300, 900, 3600]),
    location: {
      lat: Number((34.261 + (Math.random() - 0.5) * 0.2).toFixed(5)),
      lon: Number((108.942 + (Math.random() - 0.5) * 0.24).toFixed(5)),
      accuracyMeters: pick([10, 50, 50, 200, 1000]),
    },
    caller: { phone: `+86138${pad(int(0, 99_999_999), 8)}` },
    category: pick(['drone', 'photography', 'suspicious-vehicle', 'elicitation', 'other']),
  });

const texts = Array.from({ length: N }, makeBody);
const buffers = texts.map((t) => Buffer.from(t, 'utf8'));
const bodies = texts.map((t) => JSON.parse(t));

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-steps-'));
const runtimeFor = (name, groupCommit) =>
  createRuntime(
    loadConfig({
      TIPWIRE_DB: path.join(dir, `${name}.db`),
      TIPWIRE_LOG_LEVEL: 'silent',
      TIPWIRE_RATE_LIMITS: 'off',
      TIPWIRE_GROUP_COMMIT: groupCommit ? 'on' : 'off',
    }),
  );
const runtime = runtimeFor('gc-on', true);
const runtimeOff = runtimeFor('gc-off', false);
for (const r of [runtime, runtimeOff]) r.normalize.deps.preload();
const { config, protection, keyring, store, pipeline, intake } = runtime;
const schema = intake.schema;
const indexKey = keyring.subkey('blind-index');
const parsedOnce = bodies.map((b) => schema.parse(b));
const e164s = parsedOnce.map((p) => toE164(p.caller.phone));
const deps = (now) => ({ now, newId, protection, mayStateReceivedAt: false });
/** Fresh inputs: toNewReport and submit delete the caller from what they are given. */
const freshInputs = () => bodies.map((b) => schema.parse(b));
const freshBodies = () => texts.map((t) => JSON.parse(t));

let sink = 0;
const keep = (x) => {
  sink += x ? 1 : 0;
};

/** Steps timed one report at a time; `setup` runs untimed before the loop. */
const STEPS = [
  [
    'UTF-8 and nesting check of the body (checkedJsonText)',
    (i) => keep(checkedJsonText(buffers[i], config.intake.jsonMaxDepth)),
  ],
  ['JSON.parse of the body', (i) => keep(JSON.parse(texts[i]))],
  ["secure-json-parse (Fastify's parser)", (i) => keep(sjson.parse(texts[i]))],
  ['zod schema.safeParse (whole Report schema)', (i) => keep(schema.safeParse(bodies[i]))],
  [
    '  luxon IANAZone.isValidZone, uncached (one call)',
    () => keep(IANAZone.isValidZone('Asia/Shanghai')),
  ],
  ['  isIanaZone, memoised (what the schema calls)', () => keep(isIanaZone('Asia/Shanghai'))],
  ['libphonenumber toE164', (i) => keep(toE164(bodies[i].caller.phone))],
  [
    'caller pseudonyms (current and previous epoch, HMAC)',
    (i) => keep(protection.pseudonymsOf(e164s[i])),
  ],
  ['report id (ULID)', () => keep(newId('report', Date.now()))],
  [
    'sealReport (data key, AES-256-GCM narrative, wrapped key)',
    (i) => keep(protection.vault.sealReport(`r_${i}`, parsedOnce[i].narrative, [], null)),
  ],
  [
    'search tokens, on this thread (terms + HMACs)',
    (i) => keep(tokensOf(`${parsedOnce[i].narrative}\n`, indexKey, config.search.maxTerms).length),
  ],
  ['textFactsOf (word count, who)', (i) => keep(textFactsOf(parsedOnce[i].narrative, null))],
  ['issueReceipt', () => keep(issueReceipt())],
];

async function oneRound(index) {
  const timings = {};
  const time = async (label, fn, { n = N, per = 1, setup } = {}) => {
    const state = setup ? setup() : undefined;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const r = fn(i, state);
      if (r instanceof Promise) await r;
    }
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    timings[label] = {
      wallUs: (wallMs * 1000) / (n * per),
      cpuUs: (c.user + c.system) / (n * per),
      reports: n * per,
    };
  };

  const order = TASKS.map((_, i) => TASKS[(i + index) % TASKS.length]);
  for (const [label, fn, options] of order) await time(label, fn, options);
  // In the order of the table, whatever order they ran in.
  return Object.fromEntries(TASKS.map(([label]) => [label, timings[label]]));
}

/** Every timed task: [label, fn(i, state), { n, per, setup }]. */
const TASKS = [
  ...STEPS.slice(0, -1),
  [
    'toNewReport, whole (awaited)',
    (i, inputs) => toNewReport(inputs[i], deps(Date.now())).then(keep),
    { setup: () => freshInputs() },
  ],
  STEPS[STEPS.length - 1],
  [
    'assessment for the answer (normalizeClaims: completeness, next questions)',
    (i) =>
      keep(
        normalizeClaims(
          prebuilt[i].claims,
          normalizeContext(prebuilt[i]),
          runtime.normalize.deps,
          runtime.normalize.settings,
        ),
      ),
  ],
  [
    `SQLite write, ${BATCH} reports + receipts + jobs per transaction (synchronous=FULL)`,
    (i, items) =>
      store.transaction(() => {
        for (const w of items.slice(i * BATCH, i * BATCH + BATCH)) write(w);
      }),
    { n: Math.floor(N / BATCH), per: BATCH, setup: () => pendingWrites() },
  ],
  [
    'SQLite write, 1 report + receipt + job per transaction (group commit off)',
    (i, items) => store.transaction(() => write(items[i])),
    { n: Math.floor(N / 10), setup: () => pendingWrites() },
  ],
  [
    `intake.submit, group commit on, ${BATCH} in flight`,
    (i, fresh) => submitBatch(intake, fresh, i),
    { n: Math.ceil(N / BATCH), per: BATCH, setup: () => freshBodies() },
  ],
  [
    `intake.submit, group commit off, ${BATCH} in flight`,
    (i, fresh) => submitBatch(runtimeOff.intake, fresh, i),
    { n: Math.ceil(N / 10 / BATCH), per: BATCH, setup: () => freshBodies() },
  ],
];

const submitOptions = { principal: 'anonymous', mayStateReceivedAt: false };
const submitBatch = (service, fresh, i) =>
  Promise.all(
    fresh.slice(i * BATCH, i * BATCH + BATCH).map((b) => service.submit(b, submitOptions)),
  );

/** Reports as toNewReport builds them, written under fresh ids (as the group committer writes). */
const prebuilt = await Promise.all(
  freshInputs().map((input) => toNewReport(input, deps(Date.now()))),
);
const pendingWrites = () =>
  prebuilt.map((r) => ({
    report: { ...r, id: newId('report', Date.now()) },
    receipt: issueReceipt(),
    now: Date.now(),
  }));
const write = (w) => {
  store.reports.insert(w.report);
  store.receipts.insert(w.receipt.lookup, w.receipt.secretHash, w.report.id, w.now);
  pipeline.enqueue(w.report.id, w.now);
};

const startedAt = new Date();
const result = {
  benchmark: 'intake-steps',
  startedAt: startedAt.toISOString(),
  command: `node bench/diagnostics/intake-steps.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  machine: machineFacts(),
  config: { reports: N, runs: RUNS, batch: BATCH },
};
console.error(`${N} generated report bodies; ${RUNS} rounds after a warm-up`);
try {
  const { attempts, counted } = await runRounds({
    runs: RUNS,
    measure: oneRound,
    quietBelowPct: Number(opt['quiet-below']),
    maxOtherPct: Number(opt['quiet-below']),
  });
  const labels = Object.keys(counted[0].value);
  result.rounds = attempts;
  result.summary = Object.fromEntries(
    labels.map((label) => {
      const per = counted.map((r) => r.value[label]);
      return [
        label,
        {
          reports: per[0].reports,
          wallUs: round(median(per.map((p) => p.wallUs)), 2),
          wallUsMin: round(Math.min(...per.map((p) => p.wallUs)), 2),
          wallUsMax: round(Math.max(...per.map((p) => p.wallUs)), 2),
          cpuUs: round(median(per.map((p) => p.cpuUs)), 2),
        },
      ];
    }),
  );
  result.finishedAt = new Date().toISOString();
  result.sink = sink;
  const file = writeResults('intake-steps', result, startedAt);

  console.log(`\n| step (one report) | µs (median of ${counted.length}) | min – max | CPU µs |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, s] of Object.entries(result.summary)) {
    console.log(
      `| ${label} | ${s.wallUs.toFixed(2)} | ${s.wallUsMin.toFixed(2)} – ${s.wallUsMax.toFixed(2)} | ${s.cpuUs.toFixed(2)} |`,
    );
  }
  console.log(`\nraw: ${file}`);
} finally {
  runtime.close();
  runtimeOff.close();
  rmSync(dir, { recursive: true, force: true });
}
