// Diagnostic: CPU cost of each step tipwire's intake does for one report, without
// HTTP and without a profiler (whose overhead inflates short native calls). Uses
// the compiled code in dist/ (run `npm run build` first). Evidence for the intake
// benchmark's findings, not part of it.
//
//   node bench/diagnostics/intake-steps.mjs [reports=20000]
//
// Bodies are generated like bench/post.lua generates them. "intake.submit" is the
// whole intake service (validation, pseudonym, id, group-commit write with
// synchronous=FULL on a fresh temporary database), 64 submissions in flight at a
// time as with wrk -c64; the pipeline is not started.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IANAZone } from 'luxon';
import sjson from 'secure-json-parse';
import { loadConfig } from '../../dist/config.js';
import { newId } from '../../dist/domain/ids.js';
import { toNewReport } from '../../dist/intake/new-report.js';
import { createReportSchema } from '../../dist/intake/report-schema.js';
import { pseudonymOf, toE164 } from '../../dist/protect/pseudonym.js';
import { createRuntime } from '../../dist/runtime.js';

const N = Number(process.argv[2] ?? 20_000);
const narratives = [
  'A drone fell behind the north gate.',
  'A small drone circled the water tower, then landed behind the depot.',
  'Two men photographed the radar dome from a parked grey van.',
  '有无人机在北门附近坠落，随后有人来回收。',
];
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const int = (a, b) => a + Math.floor(Math.random() * (b - a + 1));
const pad = (n, w) => String(n).padStart(w, '0');
const makeBody = () =>
  JSON.stringify({
    channel: pick(['web', 'app', 'phone', 'api']),
    narrative: `${pick(narratives)} Ref ${int(0, 2 ** 31).toString(16)}.`,
    observedAt: `2026-11-${pad(int(1, 28), 2)}T${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}:00`,
    timezone: 'Asia/Shanghai',
    precisionSeconds: pick([60, 300, 900, 3600]),
    location: {
      lat: 34.261 + (Math.random() - 0.5) * 0.2,
      lon: 108.942 + (Math.random() - 0.5) * 0.24,
      accuracyMeters: pick([10, 50, 200, 1000]),
    },
    caller: { phone: `+86138${pad(int(0, 99_999_999), 8)}` },
    category: pick(['drone', 'photography', 'other']),
  });
const texts = Array.from({ length: N }, makeBody);
const bodies = texts.map((t) => JSON.parse(t));
const schema = createReportSchema({ narrativeMaxChars: 100_000 });
const key = Buffer.alloc(32, 7);

/** µs per report: `n` calls of fn, each handling `per` reports. */
function time(label, fn, n = N, per = 1) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm up the JIT
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const us = Number(process.hrtime.bigint() - t) / 1000 / (n * per);
  console.log(`| ${label} | ${us.toFixed(2)} |`);
  return us;
}

console.log(`${N} generated report bodies\n`);
console.log('| step (one report) | µs |');
console.log('| --- | ---: |');
time('JSON.parse of the body', (i) => JSON.parse(texts[i]));
time("secure-json-parse (Fastify's parser)", (i) => sjson.parse(texts[i]));
time('zod schema.safeParse (whole Report schema)', (i) => schema.safeParse(bodies[i]));
time('  of which luxon IANAZone.isValidZone (uncached)', () =>
  IANAZone.isValidZone('Asia/Shanghai'),
);
const zones = new Map();
time('  a memoised isValidZone, for comparison', () => {
  const z = 'Asia/Shanghai';
  let v = zones.get(z);
  if (v === undefined) zones.set(z, (v = IANAZone.isValidZone(z)));
  return v;
});
time('libphonenumber toE164', (i) => toE164(bodies[i].caller.phone));
time('HMAC pseudonym', (i) => pseudonymOf(bodies[i].caller.phone, key));
time('ULID id (randomBytes(10) each)', () => newId('report', Date.now()));
time('JSON.stringify of the claims', (i) =>
  JSON.stringify({
    observedAt: bodies[i].observedAt,
    timezone: bodies[i].timezone,
    location: bodies[i].location,
  }),
);

// The whole intake service, 64 in flight, on a fresh database.
const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-steps-'));
try {
  const config = loadConfig({
    TIPWIRE_DB: path.join(dir, 'tipwire.db'),
    TIPWIRE_LOG_LEVEL: 'silent',
    TIPWIRE_PSEUDONYM_KEY: key.toString('hex'),
  });
  const variants = [
    { groupCommit: 'on', label: 'group commit on', steps: true },
    { groupCommit: 'off', label: 'group commit off' },
    // What caching the zone check would give: luxon's static method, memoised in place.
    { groupCommit: 'on', label: 'group commit on, isValidZone memoised', memoZone: true },
  ];
  for (const { groupCommit, label, memoZone, steps } of variants) {
    if (memoZone) {
      const original = IANAZone.isValidZone.bind(IANAZone);
      const cache = new Map();
      IANAZone.isValidZone = (zone) => {
        let valid = cache.get(zone);
        if (valid === undefined) cache.set(zone, (valid = original(zone)));
        return valid;
      };
    }
    const runtime = createRuntime({ ...config, groupCommit: groupCommit === 'on' });
    if (steps) {
      // The write alone: pre-built reports, inserted with their first job, as the
      // group committer does (64 per transaction) and as it does with it off (1 per).
      const parsed = bodies.map((b) => schema.parse(b));
      const deps = { newId, pseudonymKey: key, mayStateReceivedAt: false };
      const built = [];
      time('toNewReport (E.164, pseudonym, id, claims)', (i) => {
        const r = toNewReport(parsed[i], { ...deps, now: Date.now() });
        if (built.length < N) built.push(r);
      });
      const { store, pipeline } = runtime;
      const write = (r) => {
        store.reports.insert(r);
        pipeline.enqueue(r.id, Date.now());
      };
      const fresh = (r) => ({ ...r, id: newId('report', Date.now()) });
      time(
        'SQLite write, 64 reports + jobs per transaction (synchronous=FULL), per report',
        (i) =>
          store.transaction(() =>
            built
              .slice(i * 64, i * 64 + 64)
              .map(fresh)
              .forEach(write),
          ),
        Math.floor(N / 64),
        64,
      );
      time(
        'SQLite write, 1 report + job per transaction (group commit off)',
        (i) => store.transaction(() => write(fresh(built[i]))),
        Math.floor(N / 10),
      );
    }
    const options = { principal: 'anonymous', mayStateReceivedAt: false };
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i += 64) {
      await Promise.all(bodies.slice(i, i + 64).map((b) => runtime.intake.submit(b, options)));
    }
    const wallUs = Number(process.hrtime.bigint() - t0) / 1000 / N;
    const cpu = process.cpuUsage(cpu0);
    const cpuUs = (cpu.user + cpu.system) / N;
    console.log(
      `| intake.submit, ${label}, 64 in flight (wall / CPU) | ` +
        `${wallUs.toFixed(2)} / ${cpuUs.toFixed(2)} |`,
    );
    runtime.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
