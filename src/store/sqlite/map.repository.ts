/**
 * What the analysts' map reads from SQLite: located reports and open incidents in seq
 * order (its index build, from a worker thread's own read-only connection, inside one
 * read transaction so the whole build sees one moment), and one row each (the changes
 * live events name). Numbers and codes only: no text, no caller.
 */
import type { MapIncidentRow, MapReportRow, MapRepository } from '../store.js';
import { openDatabase, type Db } from './database.js';

const REPORT_COLUMNS = `seq, id, lat, lon, coalesce(event_from, received_at) AS "from",
  coalesce(event_to, event_from, received_at) AS "to",
  json_extract(observed_place, '$.accuracyMeters') AS accuracyMeters, category,
  event_kinds AS kinds, status, queue, office_id AS officeId, incident_id AS incidentId`;

// The members' queues and offices in one pass over the incident's reports (reports_incident).
const INCIDENT_COLUMNS = `i.seq, i.id, i.centroid_lat AS lat, i.centroid_lon AS lon,
  i.start_at AS start, i.end_at AS "end", i.radius_m AS radiusMeters, i.confidence,
  i.kind AS kinds, i.report_count AS reportCount, i.merged_into AS mergedInto,
  (SELECT json_array(coalesce(sum(r.queue = 'analyst'), 0), coalesce(sum(r.queue <> 'analyst'), 0),
     json_group_array(DISTINCT r.office_id) FILTER (WHERE r.office_id IS NOT NULL))
   FROM reports r WHERE r.incident_id = i.id) AS members`;

interface IncidentRow extends Omit<
  MapIncidentRow,
  'analystMembers' | 'otherMembers' | 'officeIds'
> {
  members: string;
}

function incidentFrom(row: IncidentRow): MapIncidentRow {
  const [analystMembers, otherMembers, offices] = JSON.parse(row.members) as [
    number,
    number,
    string[],
  ];
  const { members: _members, ...rest } = row;
  return { ...rest, analystMembers, otherMembers, officeIds: offices };
}

export function createMapRepository(db: Db): MapRepository {
  const reportsAfter = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports
    WHERE seq > ? AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY seq LIMIT ?`);
  const report = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`);
  const incidentsAfter = db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i
    WHERE i.seq > ? AND i.merged_into IS NULL AND i.centroid_lat IS NOT NULL
    ORDER BY i.seq LIMIT ?`);
  const incident = db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = ?`);
  return {
    reportsAfter: (afterSeq, limit) => reportsAfter.all(afterSeq, limit) as MapReportRow[],
    report: (id) => (report.get(id) as MapReportRow | undefined) ?? null,
    incidentsAfter: (afterSeq, limit) =>
      (incidentsAfter.all(afterSeq, limit) as IncidentRow[]).map(incidentFrom),
    incident(id) {
      const row = incident.get(id) as IncidentRow | undefined;
      return row ? incidentFrom(row) : null;
    },
  };
}

/** A read-only look at a database file for the map's index build (in a worker thread). */
export interface MapReader {
  map: MapRepository;
  /**
   * Runs `fn` in one read transaction: every read sees the database as it was at the
   * first, and `lastEventId` is the newest live event that moment includes.
   */
  snapshot<T>(fn: (lastEventId: number) => T): T;
  close(): void;
}

export function openMapReader(file: string): MapReader {
  const db = openDatabase(file, { readonly: true });
  const lastEvent = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
  return {
    map: createMapRepository(db),
    snapshot(fn) {
      db.exec('BEGIN');
      try {
        return fn(lastEvent.get() as number);
      } finally {
        db.exec('COMMIT');
      }
    },
    close: () => db.close(),
  };
}
