// Diagnostic: what the metrics cost. (1) Per request: `metrics.observeRequest` (a
// counter and a histogram, as the app's onResponse hook calls it) against the
// request log line the same hook writes anyway (pino at info, to /dev/null), over
// the same 36 route patterns and 3 statuses, in the same process, interleaved.
// (2) Per scrape: GET /metrics through the real app (inject) over a real SQLite
// file with those series filled, the store, keyring and anchor read as in serve.
//
//   npm run build && node bench/diagnostics/metrics-cost.mjs [--requests N] [--scrapes N] [--runs N]
//
// Figures are medians of the rounds (after a warm-up round); raw figures go to
// bench/results/metrics-cost-<timestamp>.json (git-ignored).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../dist/config.js';
import { createHttpApp, createRuntime } from '../../dist/runtime.js';
import { machineFacts, median, round, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    requests: { type: 'string', default: '200000' },
    scrapes: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
  },
});
const REQUESTS = Number(opt.requests);
const SCRAPES = Number(opt.scrapes);

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-metrics-bench-'));
const token = randomBytes(24).toString('base64url');
const runtime = createRuntime(
  loadConfig({
    TIPWIRE_DB: path.join(dir, 'tipwire.db'),
    TIPWIRE_LOG_LEVEL: 'silent',
    TIPWIRE_METRICS_TOKEN: token,
  }),
);
runtime.housekeeping();
const app = await createHttpApp(runtime);
await app.ready();
const routes = app.apiRoutes.map((r) => [r.method, r.url]).slice(0, 36);
const STATUSES = [200, 201, 404];
const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));

function observeLoop() {
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const [method, route] = routes[i % routes.length];
    app.metrics.observeRequest(method, route, STATUSES[i % 3], 0.0042);
  }
  return ((performance.now() - t0) * 1e6) / REQUESTS;
}

function logLoop() {
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const [method, route] = routes[i % routes.length];
    log.info({ method, route, status: STATUSES[i % 3], ms: 4.2 }, 'request');
  }
  return ((performance.now() - t0) * 1e6) / REQUESTS;
}

async function scrapeLoop() {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const t0 = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    times.push(performance.now() - t0);
    bytes = res.body.length;
  }
  return { medianMs: median(times), bytes };
}

const { counted, attempts } = await runRounds({
  runs: Number(opt.runs),
  quietWaitMs: 30_000,
  maxOtherPct: 0,
  measure: async (index) => {
    // Alternate which goes first, so neither always runs on a warmer cache.
    const [first, second] = index % 2 ? [observeLoop, logLoop] : [logLoop, observeLoop];
    const a = first();
    const b = second();
    const observeNs = first === observeLoop ? a : b;
    const logNs = first === observeLoop ? b : a;
    return { observeNs, logNs, scrape: await scrapeLoop() };
  },
});

const observeNs = median(counted.map((r) => r.value.observeNs));
const logNs = median(counted.map((r) => r.value.logNs));
const scrapeMs = median(counted.map((r) => r.value.scrape.medianMs));
const summary = {
  requests: REQUESTS,
  scrapes: SCRAPES,
  observeRequestNs: round(observeNs, 0),
  requestLogLineNs: round(logNs, 0),
  ratioObserveToLogLine: round(observeNs / logNs, 2),
  scrapeMedianMs: round(scrapeMs, 2),
  scrapeBytes: counted.at(-1).value.scrape.bytes,
  otherCpuPct: counted.map((r) => r.otherCpuPct),
};
const file = writeResults('metrics-cost', { machine: machineFacts(), summary, attempts });
console.log(JSON.stringify(summary, null, 2));
console.log(`raw figures: ${file}`);
await app.close();
runtime.close();
rmSync(dir, { recursive: true, force: true });
