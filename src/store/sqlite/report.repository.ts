/** Reports and their attachments in SQLite. */
import type {
  AttachmentMeta,
  Channel,
  Claims,
  Interval,
  NewReport,
  Normalization,
  ObservedPlace,
  ObservedTime,
  Report,
  ReportStage,
} from '../../domain/report.js';
import type { BoundingBox, Cursor, NearbyReport, Page, ReportRepository } from '../store.js';
import type { Db } from './database.js';

interface ReportRow {
  seq: number;
  id: string;
  external_id: string | null;
  channel: string;
  narrative: string;
  category: string | null;
  received_at: number;
  claims: string;
  caller_pseudonym: string | null;
  stage: string;
  observed_time: string | null;
  observed_place: string | null;
  flags: string;
  incident_id: string | null;
}

const CHUNK = 1000;
const MINUTE = 60_000;
const REPORT_COLUMNS = `seq, id, external_id, channel, narrative, category, received_at, claims,
  caller_pseudonym, stage, observed_time, observed_place, flags, incident_id`;

export function createReportRepository(db: Db): ReportRepository {
  const insertReport = db.prepare(`INSERT INTO reports
    (id, external_id, channel, narrative, category, received_at, claims, caller_pseudonym)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAttachment = db.prepare(`INSERT INTO attachments
    (id, report_id, filename, content_type, size_bytes, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`);
  const newestFirst = db.prepare(
    `SELECT ${REPORT_COLUMNS} FROM reports ORDER BY received_at DESC, seq DESC LIMIT ?`,
  );
  const newestAfter = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports
    WHERE (received_at, seq) < (?, ?) ORDER BY received_at DESC, seq DESC LIMIT ?`);
  const chunkAfter = db.prepare(
    `SELECT ${REPORT_COLUMNS} FROM reports WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`,
  );
  const saveNorm = db.prepare(`UPDATE reports SET observed_time = ?, observed_place = ?, flags = ?,
    event_from = ?, event_to = ?, lat = ?, lon = ?, stage = 'normalized' WHERE id = ?`);
  const setStage = db.prepare('UPDATE reports SET stage = ? WHERE id = ?');
  const setIncident = db.prepare(
    `UPDATE reports SET incident_id = ?, stage = 'correlated' WHERE id = ?`,
  );
  // A report enters the spatial index when it joins an incident: only then can others join it.
  const addPoint = db.prepare(`INSERT OR REPLACE INTO report_points
    SELECT seq, lat, lat, lon, lon, event_from / ${MINUTE}.0, event_to / ${MINUTE}.0,
      id, incident_id, lat, lon, event_from, event_to
    FROM reports WHERE id = ? AND lat IS NOT NULL AND event_from IS NOT NULL`);
  const near = db.prepare(`SELECT report_id AS id, incident_id AS incidentId, lat, lon,
      event_from AS "from", event_to AS "to"
    FROM report_points
    WHERE min_lat <= @maxLat AND max_lat >= @minLat
      AND min_lon <= @maxLon AND max_lon >= @minLon
      AND min_minute <= @toMinute AND max_minute >= @fromMinute
      AND event_from <= @to AND event_to >= @from
      AND lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon`);
  const count = db.prepare('SELECT count(*) FROM reports').pluck();
  const byExternal = db
    .prepare('SELECT id FROM reports WHERE external_id = ? ORDER BY seq LIMIT 1')
    .pluck();
  const attachmentsOf = db.prepare(`SELECT id, filename, content_type AS contentType,
    size_bytes AS sizeBytes, sha256 FROM attachments WHERE report_id = ? ORDER BY rowid`);
  const hasAttachments = db.prepare('SELECT 1 FROM attachments LIMIT 1').pluck();
  // Most reports carry no attachment: skip the per-report lookup until one exists.
  let anyAttachment = hasAttachments.get() !== undefined;

  const attachments = (reportId: string): AttachmentMeta[] =>
    anyAttachment ? (attachmentsOf.all(reportId) as AttachmentMeta[]) : [];
  const toReport = (row: ReportRow): Report => ({
    ...reportFromRow(row),
    attachments: attachments(row.id),
  });

  const page = (rows: ReportRow[], limit: number): Page<Report> => {
    const items = rows.map(toReport);
    const last = rows[rows.length - 1];
    return {
      items,
      next: rows.length === limit && last ? { at: last.received_at, seq: last.seq } : null,
    };
  };

  return {
    insert(r: NewReport) {
      insertReport.run(
        r.id,
        r.externalId,
        r.channel,
        r.narrative,
        r.category,
        r.receivedAt,
        JSON.stringify(r.claims),
        r.callerPseudonym,
      );
      for (const a of r.attachments) {
        insertAttachment.run(a.id, r.id, a.filename, a.contentType, a.sizeBytes, a.sha256, a.data);
        anyAttachment = true;
      }
    },
    get(id) {
      const row = byId.get(id) as ReportRow | undefined;
      return row ? toReport(row) : null;
    },
    listNewest(limit, after?: Cursor) {
      const rows = (
        after ? newestAfter.all(after.at, after.seq, limit) : newestFirst.all(limit)
      ) as ReportRow[];
      return page(rows, limit);
    },
    *all() {
      // In chunks: an open statement iterator would block every other query on the connection.
      let after = 0;
      for (;;) {
        const rows = chunkAfter.all(after) as ReportRow[];
        for (const row of rows) yield toReport(row);
        if (rows.length < CHUNK) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    saveNormalization(id, n: Normalization, window: Interval, point) {
      saveNorm.run(
        n.time ? JSON.stringify(n.time) : null,
        n.place ? JSON.stringify(n.place) : null,
        JSON.stringify(n.flags),
        window.from,
        window.to,
        point?.lat ?? null,
        point?.lon ?? null,
        id,
      );
    },
    setStage(id, stage: ReportStage) {
      setStage.run(stage, id);
    },
    assignIncident(id, incidentId) {
      setIncident.run(incidentId, id);
      addPoint.run(id);
    },
    findNear(window: Interval, box: BoundingBox) {
      return near.all({
        from: window.from,
        to: window.to,
        fromMinute: window.from / MINUTE,
        toMinute: window.to / MINUTE,
        ...box,
      }) as NearbyReport[];
    },
    count: () => count.get() as number,
    findByExternalId: (externalId) => (byExternal.get(externalId) as string | undefined) ?? null,
    attachments,
  };
}

function reportFromRow(row: ReportRow): Omit<Report, 'attachments'> {
  return {
    id: row.id,
    externalId: row.external_id,
    channel: row.channel as Channel,
    narrative: row.narrative,
    category: row.category,
    receivedAt: row.received_at,
    claims: JSON.parse(row.claims) as Claims,
    callerPseudonym: row.caller_pseudonym,
    stage: row.stage as ReportStage,
    time: row.observed_time ? (JSON.parse(row.observed_time) as ObservedTime) : null,
    place: row.observed_place ? (JSON.parse(row.observed_place) as ObservedPlace) : null,
    flags: JSON.parse(row.flags) as string[],
    incidentId: row.incident_id,
  };
}
