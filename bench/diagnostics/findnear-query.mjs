// Diagnostic: what the correlate stage's candidate query (ReportRepository.findNear)
// costs on a real benchmark database, today (the R*Tree `report_points`, its query
// copied from src/store/sqlite/report.repository.ts) against the query it replaced
// (a scan of `reports` with a lat/lon/time box, as before commit c113902), with and
// without an index on (lat, lon); on a throw-away copy. Evidence for the intake
// benchmark's findings, not part of it.
//
//   node bench/intake.mjs --servers tipwire-gc-on --runs 1 --keep   # leaves /tmp/tipwire-bench-…
//   node bench/diagnostics/findnear-query.mjs /tmp/tipwire-bench-tipwire-gc-on-XXXX/tipwire.db
//
// The window and radius are the defaults (120 min, 500 m) the pipeline uses; the
// queries are 500 random located reports' own windows and boxes (the scans, which
// read the whole table each time, take the first `--scan-queries` of them, 100).
// Each round runs every variant over its queries, in an order that rotates; figures are medians of
// the rounds (one warm-up round first). Raw figures go to
// bench/results/findnear-query-<timestamp>.json (git-ignored).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { machineFacts, median, round, runRounds, writeResults } from '../lib/rounds.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '5' },
    'scan-queries': { type: 'string', default: '100' },
    'quiet-below': { type: 'string', default: '25' },
  },
});
const source = positionals[0];
if (!source) {
  console.error(
    'usage: node bench/diagnostics/findnear-query.mjs [--runs N] [--scan-queries N] <tipwire.db>',
  );
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-findnear-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'copy.db');
const db = new Database(source, { readonly: true });
await db.backup(file);
db.close();
const copy = new Database(file);
copy.pragma('cache_size = -65536'); // as tipwire opens it

const WINDOW_MS = 120 * 60_000;
const RADIUS_M = 500;
const MINUTE = 60_000;
const SCAN = (hint) => `SELECT id, incident_id AS incidentId, lat, lon, event_from AS "from",
    event_to AS "to" FROM reports ${hint}
  WHERE lat IS NOT NULL AND event_from <= @to AND event_to >= @from
    AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`;
const TODAY = `SELECT report_id AS id, incident_id AS incidentId, lat, lon,
      event_from AS "from", event_to AS "to"
    FROM report_points
    WHERE min_lat <= @maxLat AND max_lat >= @minLat
      AND min_lon <= @maxLon AND max_lon >= @minLon
      AND min_minute <= @toMinute AND max_minute >= @fromMinute
      AND event_from <= @to AND event_to >= @from
      AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`;

const reports = copy.prepare('SELECT count(*) FROM reports').pluck().get();
const located = copy.prepare('SELECT count(*) FROM report_points').pluck().get();
const sample = copy
  .prepare(
    `SELECT lat, lon, event_from AS "from", event_to AS "to" FROM reports
     WHERE lat IS NOT NULL AND event_from IS NOT NULL ORDER BY random() LIMIT 500`,
  )
  .all()
  .map((s) => {
    const dLat = RADIUS_M / 111_320;
    const dLon = RADIUS_M / (111_320 * Math.cos((s.lat * Math.PI) / 180));
    const from = s.from - WINDOW_MS;
    const to = s.to + WINDOW_MS;
    return {
      from,
      to,
      fromMinute: from / MINUTE,
      toMinute: to / MINUTE,
      minLat: s.lat - dLat,
      maxLat: s.lat + dLat,
      minLon: s.lon - dLon,
      maxLon: s.lon + dLon,
    };
  });
// The scan's parameters (it has no minute columns); the scans are slow, so fewer.
const scanParams = sample
  .slice(0, Number(opt['scan-queries']))
  .map(({ from, to, minLat, maxLat, minLon, maxLon }) => ({
    from,
    to,
    minLat,
    maxLat,
    minLon,
    maxLon,
  }));

copy.exec('CREATE INDEX tmp_lat_lon ON reports (lat, lon) WHERE lat IS NOT NULL; ANALYZE');
const VARIANTS = [
  ['scan of reports with a box (before c113902)', SCAN('NOT INDEXED'), scanParams],
  ['the same + an index on (lat, lon), ANALYZE', SCAN(''), scanParams],
  ['R*Tree report_points (today)', TODAY, sample],
].map(([label, sql, params]) => ({
  label,
  sql,
  params,
  statement: copy.prepare(sql),
  plan: copy
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params[0])
    .map((r) => r.detail)
    .join('; '),
}));

function oneRound(index) {
  const out = {};
  const order = VARIANTS.map((_, i) => VARIANTS[(i + index) % VARIANTS.length]);
  for (const v of order) {
    let rows = 0;
    const t0 = performance.now();
    for (const p of v.params) rows += v.statement.all(p).length;
    out[v.label] = { msPerQuery: (performance.now() - t0) / v.params.length, rows };
  }
  return out;
}

const startedAt = new Date();
console.error(`${reports} reports (${located} in report_points); ${sample.length} queries`);
const { attempts, counted } = await runRounds({
  runs: Number(opt.runs),
  measure: oneRound,
  quietBelowPct: Number(opt['quiet-below']),
  maxOtherPct: Number(opt['quiet-below']),
});
copy.close();
const summary = Object.fromEntries(
  VARIANTS.map((v) => {
    const per = counted.map((r) => r.value[v.label]);
    return [
      v.label,
      {
        msPerQuery: round(median(per.map((p) => p.msPerQuery)), 4),
        rowsPerQuery: round(per[0].rows / v.params.length, 2),
        plan: v.plan,
      },
    ];
  }),
);
const result = {
  benchmark: 'findnear-query',
  startedAt: startedAt.toISOString(),
  command: `node bench/diagnostics/findnear-query.mjs ${process.argv.slice(2).join(' ')}`,
  machine: machineFacts(),
  database: { reports, located, queries: sample.length, scanQueries: scanParams.length },
  rounds: attempts,
  summary,
};
const out = writeResults('findnear-query', result, startedAt);
console.log(
  `\n${reports} reports, ${located} located; ${sample.length} queries (random reports' own window ` +
    `and box; the scans take the first ${scanParams.length})\n`,
);
console.log(
  `| variant | ms per query (median of ${counted.length}) | rows per query | query plan |`,
);
console.log('| --- | ---: | ---: | --- |');
for (const [label, s] of Object.entries(summary)) {
  console.log(`| ${label} | ${s.msPerQuery} | ${s.rowsPerQuery} | ${s.plan} |`);
}
console.log(`\nraw: ${out}`);
