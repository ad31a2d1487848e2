/** Incidents in SQLite; membership lives on reports.incident_id. */
import {
  summaryOf,
  type Incident,
  type IncidentMember,
  type IncidentTotals,
} from '../../domain/incident.js';
import { EVERY_MEMBER, type MemberScope } from '../../domain/scope.js';
import type { Cursor, IncidentRepository, Page } from '../store.js';
import type { Db } from './database.js';

interface IncidentRow {
  seq: number;
  id: string;
  start_at: number;
  end_at: number;
  centroid_lat: number | null;
  centroid_lon: number | null;
  report_count: number;
  point_count: number;
  sum_x: number;
  sum_y: number;
  sum_z: number;
  created_at: number;
  updated_at: number;
  office_id: string | null;
}

const CHUNK = 1000;

export function createIncidentRepository(db: Db): IncidentRepository {
  const insert = db.prepare(`INSERT INTO incidents (start_at, end_at, centroid_lat, centroid_lon,
    report_count, point_count, sum_x, sum_y, sum_z, updated_at, id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE incidents SET start_at = ?, end_at = ?, centroid_lat = ?,
    centroid_lon = ?, report_count = ?, point_count = ?, sum_x = ?, sum_y = ?, sum_z = ?,
    updated_at = ? WHERE id = ?`);
  const byId = db.prepare('SELECT * FROM incidents WHERE id = ?');
  // A member is in scope when any clause holds (see access/scope.ts).
  const inScope = `(@all = 1 OR (@analyst = 1 AND r.queue = 'analyst')
    OR (@office IS NOT NULL AND r.office_id = @office))`;
  const newest = db.prepare(`SELECT * FROM incidents WHERE (@all = 1 OR EXISTS
      (SELECT 1 FROM reports r WHERE r.incident_id = incidents.id AND ${inScope}))
    AND seq < @after ORDER BY seq DESC LIMIT @limit`);
  const setOffice = db.prepare('UPDATE incidents SET office_id = ? WHERE id = ?');
  const memberRows = db.prepare(`SELECT lat, lon, event_from AS "from", event_to AS "to"
    FROM reports r WHERE incident_id = @id AND event_from IS NOT NULL AND ${inScope}`);
  const remove = db.prepare('DELETE FROM incidents WHERE id = ?');
  const chunkAfter = db.prepare(
    `SELECT * FROM incidents WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`,
  );
  const count = db.prepare('SELECT count(*) FROM incidents').pluck();
  const members = db.prepare(`SELECT id, external_id AS externalId, caller_pseudonym AS pseudonym
    FROM reports r WHERE incident_id = @id AND ${inScope} ORDER BY received_at, seq`);
  const scopeArgs = (s: MemberScope) => ({
    all: s.all ? 1 : 0,
    analyst: s.analystQueue ? 1 : 0,
    office: s.officeId,
  });

  // The summary columns are derived from the totals and stored for reading.
  const totalsArgs = (t: IncidentTotals) => {
    const s = summaryOf(t);
    return [s.start, s.end, s.centroid?.lat ?? null, s.centroid?.lon ?? null, t.reportCount].concat(
      [t.pointCount, t.x, t.y, t.z],
    );
  };

  return {
    create(id, totals, now) {
      insert.run(...totalsArgs(totals), now, id, now);
    },
    update(id, totals, now) {
      update.run(...totalsArgs(totals), now, id);
    },
    totals(id) {
      const row = byId.get(id) as IncidentRow | undefined;
      return row
        ? {
            start: row.start_at,
            end: row.end_at,
            reportCount: row.report_count,
            pointCount: row.point_count,
            x: row.sum_x,
            y: row.sum_y,
            z: row.sum_z,
          }
        : null;
    },
    get(id) {
      const row = byId.get(id) as IncidentRow | undefined;
      return row ? incidentFromRow(row) : null;
    },
    listNewest(limit, after?: Cursor, scope = EVERY_MEMBER): Page<Incident> {
      const rows = newest.all({
        ...scopeArgs(scope),
        after: after?.seq ?? Number.MAX_SAFE_INTEGER,
        // One row more than the page: a full last page then says there is nothing after it.
        limit: limit + 1,
      }) as IncidentRow[];
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(incidentFromRow),
        next: rows.length > limit && last ? { at: last.created_at, seq: last.seq } : null,
      };
    },
    *all() {
      let after = 0;
      for (;;) {
        const rows = chunkAfter.all(after) as IncidentRow[];
        for (const row of rows) yield incidentFromRow(row);
        if (rows.length < CHUNK) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    count: () => count.get() as number,
    assignOffice(id, officeId) {
      setOffice.run(officeId, id);
    },
    members(id, scope = EVERY_MEMBER): IncidentMember[] {
      const rows = memberRows.all({ id, ...scopeArgs(scope) }) as {
        lat: number | null;
        lon: number | null;
        from: number;
        to: number;
      }[];
      return rows.map((r) => ({
        window: { from: r.from, to: r.to },
        point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
      }));
    },
    remove(id) {
      remove.run(id);
    },
    memberIds(id, scope = EVERY_MEMBER) {
      const rows = members.all({ id, ...scopeArgs(scope) }) as {
        id: string;
        externalId: string | null;
        pseudonym: string | null;
      }[];
      return {
        reportIds: rows.map((r) => r.id),
        externalIds: rows.flatMap((r) => (r.externalId ? [r.externalId] : [])),
        // A report without a caller pseudonym is its own source.
        sources: rows.map((r) => r.pseudonym ?? `report:${r.id}`),
      };
    },
  };
}

function incidentFromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    start: row.start_at,
    end: row.end_at,
    centroid:
      row.centroid_lat !== null && row.centroid_lon !== null
        ? { lat: row.centroid_lat, lon: row.centroid_lon }
        : null,
    reportCount: row.report_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    officeId: row.office_id,
  };
}
