// Diagnostic: what a page of a filtered list costs at 100,000 reports and 100,000
// incidents (F7: "filterable by status, category, office, flag and time; 10,000 rows stay
// smooth"), for filters that match few rows and many, on their first page and deep in the
// list (page 20, by cursor), against a baseline measured in the same run on the same
// database: the same filter without migration 011's indexes, as a list would read it
// without them — reports walked newest first through the viewer's queue index with every
// filter checked row by row (a flag by json_each over the row's JSON), incidents sorted
// whole (migration 009's indexes, on the bare columns, could not serve the list's order).
// Both sides read the rows only (the SQL the repositories run, from dist/), and both
// answers are checked to be the same ids. Prints the lead each filter takes and its plan.
//
//   npm run build && node bench/diagnostics/list-filters.mjs [--reports 100000]
//     [--incidents 100000] [--runs 3] [--reps 15] [--quiet-below 25]
//
// Seeded data (fixed seed): reports over 30 days; status new 70 %, in review 20 %, closed
// 9 %, unfounded 1 %; category drone 30 %, fire 20 %, theft 20 %, none 29.98 %, a rare one
// 0.02 %; flags time.zone_assumed 60 %, time.future 5 %, time.unparsed 0.05 %; office o_1
// 10 %, o_2 1 %, none the rest; 2 % in the abuse queue. Incidents: kind fire 30 %, drone
// 20 %, gunfire 0.02 %, others spread; office o_1 5 %, o_2 1 %. Raw figures go to
// bench/results/list-filters-<timestamp>.json (git-ignored).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../lib/random.mjs';
import { plainEstimate, plainReport } from '../lib/store-rows.mjs';
import { machineFacts, median, round, ROOT, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    incidents: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    reps: { type: 'string', default: '15' },
    'quiet-below': { type: 'string', default: '25' },
  },
});
const REPORTS = Number(opt.reports);
const INCIDENTS = Number(opt.incidents);
const REPS = Number(opt.reps);
const PAGE = 50;
const DEEP = 20;

const dist = (rel) => import(path.join(ROOT, 'dist', rel));
const { openSqliteStore } = await dist('store/sqlite/sqlite-store.js');
const { createReportLists, LEAD_PROBE_ROWS } = await dist('store/sqlite/report-list.js');
const { createIncidentLists } = await dist('store/sqlite/incident-list.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-list-filters-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const store = openSqliteStore(path.join(dir, 'tipwire.db'));
const db = store.db;
const random = mulberry32(7);
const pick = (table) => {
  let x = random();
  for (const [value, share] of table) {
    if ((x -= share) < 0) return value;
  }
  return table[table.length - 1][0];
};

const T0 = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const seedStarted = performance.now();
store.offices.insert({ id: 'o_1', name: 'North', createdAt: T0 });
store.offices.insert({ id: 'o_2', name: 'South', createdAt: T0 });
for (let start = 0; start < REPORTS; start += 5000) {
  store.transaction(() => {
    for (let i = start; i < Math.min(REPORTS, start + 5000); i++) {
      const id = `r_${i}`;
      store.reports.insert(
        plainReport(id, {
          category: pick([
            ['drone', 0.3],
            ['fire', 0.2],
            ['theft', 0.2],
            ['zeppelin', 0.0002],
            [null, 1],
          ]),
          receivedAt: T0 + Math.floor(random() * 30 * DAY),
        }),
      );
      const flags = [];
      if (random() < 0.6) flags.push('time.zone_assumed');
      if (random() < 0.05) flags.push('time.future');
      if (random() < 0.0005) flags.push('time.unparsed');
      store.reports.replaceFlags(id, ['time'], flags);
      const status = pick([
        ['new', 0.7],
        ['in_review', 0.2],
        ['closed', 0.09],
        ['unfounded', 1],
      ]);
      if (status !== 'new') store.reports.setStatus(id, status, T0);
      const office = pick([
        ['o_1', 0.1],
        ['o_2', 0.01],
        [null, 1],
      ]);
      if (office) store.reports.assignOffice(id, office);
      if (random() < 0.02) store.reports.setQueue(id, 'abuse');
    }
  });
}
const KINDS = ['explosion', 'gas_leak', 'theft', 'vandalism', 'crowd', 'medical', 'flood'];
for (let start = 0; start < INCIDENTS; start += 5000) {
  store.transaction(() => {
    for (let i = start; i < Math.min(INCIDENTS, start + 5000); i++) {
      const id = `i_${i}`;
      const at = T0 + Math.floor(random() * 30 * DAY);
      const totals = { start: at, end: at + 1, reportCount: 1, pointCount: 0, x: 0, y: 0, z: 0 };
      store.incidents.create(id, totals, at);
      const kind = pick([
        ['fire', 0.3],
        ['drone', 0.2],
        ['gunfire', 0.0002],
        [KINDS[i % KINDS.length], 1],
      ]);
      store.incidents.saveEstimate(id, plainEstimate(kind), null, at);
      store.incidents.saveAssessment(id, {
        independentSources: 1,
        confidence: random(),
        terms: { logOdds: 0, terms: [] },
        radiusMeters: 0,
        totals: null,
        lastActivity: at,
      });
      const office = pick([
        ['o_1', 0.05],
        ['o_2', 0.01],
        [null, 1],
      ]);
      if (office) store.incidents.assignOffice(id, office);
    }
  });
}
console.error(
  `seeded ${REPORTS} reports and ${INCIDENTS} incidents in ${round((performance.now() - seedStarted) / 1000, 1)} s`,
);

// --- reports ---------------------------------------------------------------------------
const lists = createReportLists(db, '*');
const ANALYST = { queue: 'analyst' };
const since = T0 + 29 * DAY;
const reportCases = [
  ['no filter (analyst)', ANALYST],
  ['status unfounded (1 %)', { ...ANALYST, status: 'unfounded' }],
  ['status new (70 %)', { ...ANALYST, status: 'new' }],
  ['category, rare (0.02 %)', { ...ANALYST, category: 'zeppelin' }],
  ['category drone (30 %)', { ...ANALYST, category: 'drone' }],
  ['flag, rare (0.05 %)', { ...ANALYST, flag: 'time.unparsed' }],
  ['flag, common (60 %)', { ...ANALYST, flag: 'time.zone_assumed' }],
  ['office o_2 (1 %)', { ...ANALYST, routedTo: 'o_2' }],
  ['no office (89 %)', { ...ANALYST, routedTo: null }],
  ['received in the last day (3 %)', { ...ANALYST, receivedSince: since }],
  [
    'flag 5 % × category 20 % × status 20 %',
    { ...ANALYST, flag: 'time.future', category: 'fire', status: 'in_review' },
  ],
  ['rare flag × common category', { ...ANALYST, flag: 'time.unparsed', category: 'drone' }],
  ['office o_2 (supervisor, no queue)', { routedTo: 'o_2' }],
];

/** The SQL a list would run without 011's indexes: the queue's index, each filter row by row. */
const baselineStatements = new Map();
function baselineRows(filter, after, limit) {
  const where = [];
  if (filter.queue) where.push('r.queue = @queue');
  if (filter.officeId !== undefined) where.push('r.office_id = @officeId');
  if (filter.status) where.push('r.status = @status');
  if (filter.category) where.push('r.category = @category');
  if (filter.flag) where.push('EXISTS (SELECT 1 FROM json_each(r.flags) WHERE value = @flag)');
  if (filter.routedTo === null) where.push('r.office_id IS NULL');
  else if (filter.routedTo !== undefined) where.push('r.office_id = @routedTo');
  if (filter.receivedSince !== undefined) where.push('r.received_at >= @since');
  if (after) where.push('(r.received_at, r.seq) < (@at, @seq)');
  const sql = `SELECT r.* FROM reports r INDEXED BY ${filter.queue ? 'reports_queue_newest' : 'reports_newest'}
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY r.received_at DESC, r.seq DESC LIMIT @limit`;
  let stmt = baselineStatements.get(sql);
  if (!stmt) baselineStatements.set(sql, (stmt = db.prepare(sql)));
  const params = { limit };
  for (const [k, v] of Object.entries({
    queue: filter.queue,
    officeId: filter.officeId,
    status: filter.status,
    category: filter.category,
    flag: filter.flag,
    routedTo: filter.routedTo ?? undefined,
    since: filter.receivedSince,
    at: after?.at,
    seq: after?.seq,
  })) {
    if (v !== undefined) params[k] = v;
  }
  return stmt.all(params);
}
const currentRows = (filter, after, limit) =>
  lists.rows({ filter, after, match: undefined, limit });

/** The cursor of page `n` (1: none), following the current list. */
function cursorOfPage(filter, n) {
  let after;
  for (let page = 1; page < n; page++) {
    const rows = currentRows(filter, after, PAGE + 1);
    if (rows.length <= PAGE) return null;
    const last = rows[PAGE - 1];
    after = { at: last.received_at, seq: last.seq };
  }
  return after;
}

function timeOf(fn) {
  const times = [];
  let answer;
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    answer = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), answer };
}

const plans = {};
for (const [name, filter] of reportCases) {
  const { lead, plan } = lists.plan({ filter, after: undefined, match: undefined, limit: PAGE });
  plans[name] = { lead, plan };
}

// --- incidents -------------------------------------------------------------------------
const incidentLists = createIncidentLists(
  db,
  `(@all = 1 OR (@analyst = 1 AND r.queue = 'analyst')
   OR (@office IS NOT NULL AND r.office_id = @office))`,
);
const SUPERVISOR = { all: 1, analyst: 0, office: null };
const incidentCases = [
  ['by activity, no filter', { sort: 'lastActivity' }],
  ['by confidence, no filter', { sort: 'confidence' }],
  ['kind, rare (0.02 %)', { sort: 'lastActivity', kind: 'gunfire' }],
  ['kind fire (30 %)', { sort: 'lastActivity', kind: 'fire' }],
  ['office o_2 (1 %)', { sort: 'lastActivity', routedTo: 'o_2' }],
  ['no office (94 %)', { sort: 'confidence', routedTo: null }],
  ['kind fire × office o_2', { sort: 'lastActivity', kind: 'fire', routedTo: 'o_2' }],
];
function incidentBaseline(f, after, limit) {
  const key =
    f.sort === 'confidence' ? 'coalesce(confidence, 0)' : 'coalesce(last_activity, updated_at)';
  const where = ['merged_into IS NULL'];
  if (f.kind) where.push(`(',' || kind || ',') LIKE '%,' || @kind || ',%'`);
  if (f.routedTo === null) where.push('office_id IS NULL');
  else if (f.routedTo !== undefined) where.push('office_id = @routedTo');
  if (after) where.push(`(${key} < @afterKey OR (${key} = @afterKey AND seq < @afterSeq))`);
  const sql = `SELECT *, ${key} AS sort_key FROM incidents NOT INDEXED WHERE ${where.join(' AND ')}
    ORDER BY ${key} DESC, seq DESC LIMIT @limit`;
  let stmt = baselineStatements.get(sql);
  if (!stmt) baselineStatements.set(sql, (stmt = db.prepare(sql)));
  const params = { limit };
  if (f.kind) params.kind = f.kind;
  if (typeof f.routedTo === 'string') params.routedTo = f.routedTo;
  if (after) Object.assign(params, { afterKey: after.key, afterSeq: after.seq });
  return stmt.all(params);
}
const incidentCurrent = (f, after, limit) => incidentLists.rows(f, after, SUPERVISOR, limit);
function incidentCursorOfPage(f, n) {
  let after = null;
  for (let page = 1; page < n; page++) {
    const rows = incidentCurrent(f, after, PAGE + 1);
    if (rows.length <= PAGE) return undefined;
    const last = rows[PAGE - 1];
    after = { key: last.sort_key, seq: last.seq };
  }
  return after;
}
for (const [name, f] of incidentCases) {
  const { lead, plan } = incidentLists.plan(f, null, SUPERVISOR, PAGE);
  plans[`incidents: ${name}`] = { lead, plan };
}

const sameIds = (a, b) => a.length === b.length && a.every((row, i) => row.id === b[i].id);

const { counted, attempts } = await runRounds({
  runs: Number(opt.runs),
  quietBelowPct: Number(opt['quiet-below']),
  maxOtherPct: 0,
  measure: () => {
    const out = {};
    const measureCase = (name, page, cursor, current, baseline) => {
      const now = timeOf(() => current(cursor));
      const before = timeOf(() => baseline(cursor));
      if (!sameIds(now.answer, before.answer)) throw new Error(`${name}: the answers differ`);
      out[`${name}|${page}`] = { ms: now.ms, baselineMs: before.ms, rows: now.answer.length };
    };
    for (const [name, filter] of reportCases) {
      for (const page of [1, DEEP]) {
        const cursor = page === 1 ? undefined : cursorOfPage(filter, page);
        if (cursor === null) continue;
        measureCase(
          `reports: ${name}`,
          page,
          cursor,
          (c) => currentRows(filter, c, PAGE + 1),
          (c) => baselineRows(filter, c, PAGE + 1),
        );
      }
    }
    for (const [name, f] of incidentCases) {
      for (const page of [1, DEEP]) {
        const cursor = page === 1 ? null : incidentCursorOfPage(f, page);
        if (cursor === undefined) continue;
        measureCase(
          `incidents: ${name}`,
          page,
          cursor,
          (c) => incidentCurrent(f, c, PAGE + 1),
          (c) => incidentBaseline(f, c, PAGE + 1),
        );
      }
    }
    return out;
  },
});

const names = Object.keys(counted[0].value);
const table = names.map((key) => {
  const [name, page] = key.split('|');
  const ms = median(counted.map((r) => r.value[key].ms));
  const baselineMs = median(counted.map((r) => r.value[key].baselineMs));
  return {
    list: name,
    page: Number(page),
    rows: counted[0].value[key].rows,
    ms: round(ms, 3),
    baselineMs: round(baselineMs, 3),
    speedup: round(baselineMs / ms, 1),
  };
});
console.log('| list and filter | page | rows | this (ms) | baseline (ms) | baseline ÷ this |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of table) {
  console.log(`| ${r.list} | ${r.page} | ${r.rows} | ${r.ms} | ${r.baselineMs} | ${r.speedup} |`);
}
console.log('\nleads and plans (first page):');
for (const [name, { lead, plan }] of Object.entries(plans)) {
  console.log(`- ${name}: lead ${lead ?? '(none)'} — ${plan.join(' | ')}`);
}
const file = writeResults('list-filters', {
  machine: machineFacts(),
  reports: REPORTS,
  incidents: INCIDENTS,
  reps: REPS,
  leadProbeRows: LEAD_PROBE_ROWS,
  otherCpuPct: counted.map((r) => r.otherCpuPct),
  table,
  plans,
  attempts,
});
console.error(`raw figures: ${file}`);
store.close();
