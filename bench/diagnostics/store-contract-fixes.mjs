// Diagnostic: what two fixes the store contract suite brought cost, each against the
// statement it replaced, in the same process and on the same database:
// - callerHistory (the screen stage, once per report with a caller): `IN (@a, @b)`,
//   which took only the first two pseudonyms, against `IN (SELECT value FROM json_each(?))`;
// - assignIncident (the correlate stage, once per report): the R*Tree row written with
//   INSERT OR REPLACE alone, against a DELETE first (a report that lost its point leaves).
// Statements copied from src/store/sqlite/report.repository.ts before and after.
//
//   npm run build && node bench/diagnostics/store-contract-fixes.mjs [--reports N] [--runs N]
//
// The database is built by the real store (dist/) in a temp folder: N reports received a
// minute apart, callers drawn from N/10 pseudonyms (a fifth also linked), every report
// located in a 20 km square and joined to an incident of its own. Each round runs both
// variants of each over 2,000 random inputs, in an order that rotates; the assignments
// run inside a transaction rolled back at the end of the round. Figures are medians of
// the rounds (one warm-up round first); raw figures go to
// bench/results/store-contract-fixes-<timestamp>.json (git-ignored).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    reports: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    'quiet-below': { type: 'string', default: '25' },
  },
});
const { openSqliteStore } = await import(path.join(ROOT, 'dist/store/sqlite/sqlite-store.js'));

const N = Number(opt.reports);
const QUERIES = 2000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 20);
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (n) => Math.floor(random() * n);

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-store-fixes-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const store = openSqliteStore(path.join(dir, 'tipwire.db'));
const db = store.db;
const pseudonym = (i) => `p_${i}`;
console.error(`building ${N} reports…`);
store.transaction(() => {
  for (let i = 0; i < N; i++) {
    const id = `r_${i}`;
    const caller = pick(N / 10);
    store.reports.insert({
      id,
      externalId: null,
      channel: 'phone',
      category: null,
      receivedAt: T0 + i * MINUTE,
      claims: {},
      callerPseudonym: pseudonym(caller),
      callerLink: caller % 5 === 0 ? pseudonym(caller + N) : null,
      submittedBy: null,
      sender: null,
      contentHash: null,
      sealed: { dataKey: Buffer.alloc(60, 1), narrative: Buffer.alloc(200, 2), subjects: null },
      textFacts: { narrativeWords: 30, who: null },
      eventKinds: [],
      textSketch: null,
      searchTokens: [],
      attachments: [],
    });
    const window = { from: T0 + i * MINUTE - 10 * MINUTE, to: T0 + i * MINUTE };
    const point = { lat: 34.2 + random() * 0.18, lon: 108.9 + random() * 0.22 };
    const n = { time: null, place: null, flags: [] };
    store.reports.saveNormalization(id, n, window, point);
    const totals = { start: window.from, end: window.to, reportCount: 1, pointCount: 0 };
    store.incidents.create(`i_${i}`, { ...totals, x: 0, y: 0, z: 0 }, T0);
    store.reports.assignIncident(id, `i_${i}`);
  }
});

const historyOld = db.prepare(`SELECT id, received_at AS receivedAt, flags, queue FROM reports
    WHERE caller_pseudonym IN (@a, @b) OR caller_link IN (@a, @b) ORDER BY received_at, seq`);
const historyNew = db.prepare(`SELECT id, received_at AS receivedAt, flags, queue FROM reports
    WHERE caller_pseudonym IN (SELECT value FROM json_each(?))
      OR caller_link IN (SELECT value FROM json_each(?))
    ORDER BY received_at, seq`);
const removePoint = db.prepare(
  'DELETE FROM report_points WHERE seq = (SELECT seq FROM reports WHERE id = ?)',
);
const addPoint = db.prepare(`INSERT OR REPLACE INTO report_points
    SELECT seq, lat, lat, lon, lon, event_from / ${MINUTE}.0, event_to / ${MINUTE}.0,
      id, incident_id, lat, lon, event_from, event_to
    FROM reports WHERE id = ? AND lat IS NOT NULL AND event_from IS NOT NULL`);

const callers = Array.from({ length: QUERIES }, () => {
  const c = pick(N / 10);
  return [pseudonym(c), pseudonym(c + N)];
});
const reportIds = Array.from({ length: QUERIES }, () => `r_${pick(N)}`);

const VARIANTS = [
  {
    label: 'callerHistory: IN (@a, @b) (before)',
    run: () => callers.reduce((rows, [a, b]) => rows + historyOld.all({ a, b }).length, 0),
  },
  {
    label: 'callerHistory: IN json_each (now)',
    run: () =>
      callers.reduce((rows, pair) => {
        const list = JSON.stringify(pair);
        return rows + historyNew.all(list, list).length;
      }, 0),
  },
  {
    label: 'assignIncident point: INSERT OR REPLACE (before)',
    run: () => inRolledBack(() => reportIds.reduce((n, id) => n + addPoint.run(id).changes, 0)),
  },
  {
    label: 'assignIncident point: DELETE + INSERT OR REPLACE (now)',
    run: () =>
      inRolledBack(() =>
        reportIds.reduce((n, id) => n + removePoint.run(id).changes + addPoint.run(id).changes, 0),
      ),
  },
];

function inRolledBack(fn) {
  db.exec('BEGIN IMMEDIATE');
  try {
    return fn();
  } finally {
    db.exec('ROLLBACK');
  }
}

function oneRound(index) {
  const out = {};
  const order = VARIANTS.map((_, i) => VARIANTS[(i + index) % VARIANTS.length]);
  for (const v of order) {
    const t0 = performance.now();
    const rows = v.run();
    out[v.label] = { usPerCall: ((performance.now() - t0) * 1000) / QUERIES, rows };
  }
  return out;
}

const startedAt = new Date();
const { attempts, counted } = await runRounds({
  runs: Number(opt.runs),
  measure: oneRound,
  quietBelowPct: Number(opt['quiet-below']),
  maxOtherPct: Number(opt['quiet-below']),
});
store.close();
const summary = Object.fromEntries(
  VARIANTS.map((v) => {
    const per = counted.map((r) => r.value[v.label]);
    return [
      v.label,
      { usPerCall: round(median(per.map((p) => p.usPerCall)), 2), rows: per[0].rows },
    ];
  }),
);
const result = {
  benchmark: 'store-contract-fixes',
  startedAt: startedAt.toISOString(),
  command: `node bench/diagnostics/store-contract-fixes.mjs ${process.argv.slice(2).join(' ')}`,
  machine: machineFacts(),
  database: { reports: N, queries: QUERIES },
  rounds: attempts,
  summary,
};
const out = writeResults('store-contract-fixes', result, startedAt);
console.log(`\n${N} reports; ${QUERIES} calls per variant per round\n`);
console.log(`| variant | µs per call (median of ${counted.length}) | rows or changes per round |`);
console.log('| --- | ---: | ---: |');
for (const [label, s] of Object.entries(summary)) {
  console.log(`| ${label} | ${s.usPerCall} | ${s.rows} |`);
}
console.log(`\nraw: ${out}`);
