// Diagnostic: what migration 011's indexes and tables cost the writes, against a build of
// an earlier commit (its dist/, given with --baseline), in CPU time of this process
// (the machine is shared: wall time says more about the neighbours than the code).
//
//   npm run build
//   git archive <commit before 011> | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/ \
//     && (cd /tmp/base && npx tsc -p tsconfig.build.json && node scripts/copy-assets.mjs)
//   node bench/diagnostics/list-filters-writes.mjs --baseline /tmp/base [--reports 20000]
//     [--incidents 10000] [--runs 3]
//
// Reports: each inserted, its flags written (one or two), its status changed, one in four
// routed to an office, all in one transaction. Incidents: each created, then three
// joins (totals, estimate, assessment), one in ten merged into the one before. Each round
// runs both builds, in an order that alternates, each in a fresh database; figures are
// medians of the rounds, in µs per report or incident.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { plainEstimate, plainReport } from '../lib/store-rows.mjs';
import { machineFacts, median, round, ROOT, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    baseline: { type: 'string' },
    reports: { type: 'string', default: '20000' },
    incidents: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    'quiet-below': { type: 'string', default: '25' },
  },
});
if (!opt.baseline) {
  console.error('give --baseline DIR: a checkout of the earlier commit, built');
  process.exit(2);
}
const REPORTS = Number(opt.reports);
const INCIDENTS = Number(opt.incidents);
const builds = { current: ROOT, baseline: path.resolve(opt.baseline) };
const stores = {};
for (const [name, root] of Object.entries(builds)) {
  stores[name] = (
    await import(path.join(root, 'dist/store/sqlite/sqlite-store.js'))
  ).openSqliteStore;
}

/** CPU µs this process spends in `fn`. */
function cpu(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

function reportWrites(open) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-writes-'));
  const store = open(path.join(dir, 't.db'));
  store.offices.insert({ id: 'o_1', name: 'North', createdAt: 0 });
  const us = cpu(() =>
    store.transaction(() => {
      for (let i = 0; i < REPORTS; i++) {
        const id = `r_${i}`;
        store.reports.insert(
          plainReport(id, {
            category: i % 3 ? 'drone' : 'fire',
            receivedAt: 1e12 + i * 1000,
            searchTokens: [Buffer.alloc(16, i % 256)],
          }),
        );
        const flags = i % 2 ? ['time.zone_assumed'] : ['time.future', 'time.contradiction'];
        store.reports.replaceFlags(id, ['time'], flags);
        store.reports.setStatus(id, 'in_review', 1e12);
        if (i % 4 === 0) store.reports.assignOffice(id, 'o_1');
      }
    }),
  );
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return us / REPORTS;
}

function incidentWrites(open) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-writes-'));
  const store = open(path.join(dir, 't.db'));
  const totals = { start: 0, end: 1, reportCount: 1, pointCount: 0, x: 0, y: 0, z: 0 };
  const terms = { logOdds: 0, terms: [] };
  const us = cpu(() =>
    store.transaction(() => {
      for (let i = 0; i < INCIDENTS; i++) {
        const id = `i_${i}`;
        store.incidents.create(id, totals, i);
        for (let j = 0; j < 3; j++) {
          store.incidents.update(id, totals, i + j);
          store.incidents.saveEstimate(id, plainEstimate(i % 5 ? 'fire' : 'drone'), null, i + j);
          store.incidents.saveAssessment(id, {
            independentSources: 1,
            confidence: 0.5,
            terms,
            radiusMeters: 0,
            totals: null,
            lastActivity: i + j,
          });
        }
        if (i % 10 === 9) store.incidents.absorb(id, `i_${i - 1}`, i);
      }
    }),
  );
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return us / INCIDENTS;
}

const { counted, attempts } = await runRounds({
  runs: Number(opt.runs),
  quietBelowPct: Number(opt['quiet-below']),
  maxOtherPct: 0,
  measure: (index) => {
    const order = index % 2 ? ['current', 'baseline'] : ['baseline', 'current'];
    const out = {};
    for (const name of order) {
      out[name] = {
        reportUs: reportWrites(stores[name]),
        incidentUs: incidentWrites(stores[name]),
      };
    }
    return out;
  },
});
const med = (build, key) => round(median(counted.map((r) => r.value[build][key])), 1);
const result = {
  reportUs: { current: med('current', 'reportUs'), baseline: med('baseline', 'reportUs') },
  incidentUs: { current: med('current', 'incidentUs'), baseline: med('baseline', 'incidentUs') },
};
console.log(
  `report writes: ${result.reportUs.baseline} → ${result.reportUs.current} µs CPU a report; ` +
    `incident writes: ${result.incidentUs.baseline} → ${result.incidentUs.current} µs CPU an incident`,
);
const file = writeResults('list-filters-writes', {
  machine: machineFacts(),
  baseline: builds.baseline,
  reports: REPORTS,
  incidents: INCIDENTS,
  result,
  otherCpuPct: counted.map((r) => r.otherCpuPct),
  attempts,
});
console.error(`raw figures: ${file}`);
