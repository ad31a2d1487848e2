// Diagnostic: what the correlate stage's candidate query (ReportRepository.findNear)
// costs on a real benchmark database, with the current schema and with two
// alternative indexes, on a throw-away copy. Evidence for the intake benchmark's
// findings, not part of it.
//
//   node bench/intake.mjs --servers tipwire-gc-on --keep    # leaves /tmp/tipwire-bench-…
//   node bench/diagnostics/findnear-query.mjs /tmp/tipwire-bench-tipwire-gc-on-XXXX/tipwire.db
//
// The query text is copied from src/store/sqlite/report.repository.ts; the window and
// radius are the defaults (120 min, 500 m) that the pipeline uses.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const source = process.argv[2];
if (!source) {
  console.error('usage: node bench/diagnostics/findnear-query.mjs <tipwire.db>');
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-findnear-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'copy.db');
const db = new Database(source, { readonly: true });
await db.backup(file);
db.close();
const copy = new Database(file);

const WINDOW_MS = 120 * 60_000;
const RADIUS_M = 500;
const CURRENT = `SELECT id, incident_id AS incidentId, lat, lon, event_from AS "from",
    event_to AS "to" FROM reports
  WHERE lat IS NOT NULL AND event_from <= @to AND event_to >= @from
    AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`;
const RTREE = `SELECT r.id, r.incident_id AS incidentId, r.lat, r.lon, r.event_from AS "from",
    r.event_to AS "to" FROM reports_rtree t JOIN reports r ON r.seq = t.seq
  WHERE t.max_t >= @from AND t.min_t <= @to AND t.min_lat <= @maxLat AND t.max_lat >= @minLat
    AND t.min_lon <= @maxLon AND t.max_lon >= @minLon
    -- the R*Tree stores 32-bit floats (rounded outwards): filter exactly again
    AND r.event_from <= @to AND r.event_to >= @from
    AND r.lat BETWEEN @minLat AND @maxLat AND r.lon BETWEEN @minLon AND @maxLon`;

const reports = copy.prepare('SELECT count(*) FROM reports').pluck().get();
const sample = copy
  .prepare(
    `SELECT lat, lon, event_from AS "from", event_to AS "to" FROM reports
     WHERE lat IS NOT NULL ORDER BY random() LIMIT 500`,
  )
  .all()
  .map((s) => {
    const dLat = RADIUS_M / 111_320;
    const dLon = RADIUS_M / (111_320 * Math.cos((s.lat * Math.PI) / 180));
    return {
      from: s.from - WINDOW_MS,
      to: s.to + WINDOW_MS,
      minLat: s.lat - dLat,
      maxLat: s.lat + dLat,
      minLon: s.lon - dLon,
      maxLon: s.lon + dLon,
    };
  });

function measure(label, sql) {
  const statement = copy.prepare(sql);
  const plan = copy
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(sample[0])
    .map((r) => r.detail)
    .join('; ');
  for (const p of sample.slice(0, 50)) statement.all(p); // warm the page cache
  let rows = 0;
  const t = process.hrtime.bigint();
  for (const p of sample) rows += statement.all(p).length;
  const ms = Number(process.hrtime.bigint() - t) / 1e6 / sample.length;
  console.log(`| ${label} | ${ms.toFixed(3)} | ${(rows / sample.length).toFixed(2)} | ${plan} |`);
  return ms;
}

console.log(`${reports} reports; ${sample.length} queries (random reports' own window and box)\n`);
console.log('| variant | ms per query | rows per query | query plan |');
console.log('| --- | ---: | ---: | --- |');
measure('current schema', CURRENT);
copy.exec('CREATE INDEX tmp_lat_lon ON reports (lat, lon) WHERE lat IS NOT NULL; ANALYZE');
measure('+ index on (lat, lon), ANALYZE', CURRENT);
copy.exec('DROP INDEX tmp_lat_lon; ANALYZE');
copy.exec(`CREATE VIRTUAL TABLE reports_rtree USING rtree(seq, min_t, max_t, min_lat, max_lat,
    min_lon, max_lon);
  INSERT INTO reports_rtree SELECT seq, event_from, event_to, lat, lat, lon, lon FROM reports
    WHERE lat IS NOT NULL;`);
measure('R*Tree on (time, lat, lon), joined', RTREE);
copy.close();
