/** Incidents in SQLite; membership lives on reports.incident_id. */
import {
  summaryOf,
  type Estimate,
  type Incident,
  type IncidentMember,
  type IncidentTotals,
} from '../../domain/incident.js';
import { EVERY_MEMBER, type MemberScope } from '../../domain/scope.js';
import type {
  Cursor,
  IncidentChange,
  IncidentCursor,
  IncidentFilter,
  IncidentRepository,
  MemberFacts,
  Page,
  StoredConfidence,
} from '../store.js';
import type { Db } from './database.js';
import { isEventKind, type EventKind } from '../../domain/event-kinds.js';
import type { Channel, Queue } from '../../domain/report.js';
import type { Severity } from '../../domain/flags.js';
import { createIncidentIndex } from './incident-index.js';
import { createIncidentLists } from './incident-list.js';

const kindsOf = (text: string | null): EventKind[] =>
  text ? text.split(',').filter(isEventKind) : [];

function estimateFromRow(row: IncidentRow): Estimate {
  return {
    kinds: kindsOf(row.kind),
    preciseCount: row.precise_count,
    weight: row.place_weight,
    wx: row.wx,
    wy: row.wy,
    wz: row.wz,
    latestStart: row.latest_start ?? -Infinity,
    earliestEnd: row.earliest_end ?? Infinity,
    handSpreadMeters: row.hand_spread_m,
  };
}

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
  kind: string | null;
  precise_count: number;
  place_weight: number;
  wx: number;
  wy: number;
  wz: number;
  latest_start: number | null;
  earliest_end: number | null;
  radius_m: number;
  hand_spread_m: number;
  independent_sources: number;
  confidence: number | null;
  confidence_terms: string | null;
  last_activity: number | null;
  merged_into: string | null;
}

const CHUNK = 1000;

export function createIncidentRepository(db: Db): IncidentRepository {
  const insert = db.prepare(`INSERT INTO incidents (start_at, end_at, centroid_lat, centroid_lon,
    report_count, point_count, sum_x, sum_y, sum_z, updated_at, id, created_at, last_activity)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
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
  const core = createIncidentIndex(db, 'incident_core');
  const vague = createIncidentIndex(db, 'incident_vague');
  const city = createIncidentIndex(db, 'incident_city');
  const indexes = { core, vague, city } as const;
  const unindex = (seq: number) => {
    for (const index of Object.values(indexes)) index.remove(seq);
  };
  const facts = db.prepare(`SELECT r.id AS reportId, r.channel, r.received_at AS receivedAt,
      r.lat, r.lon, json_extract(r.observed_place, '$.accuracyMeters') AS accuracyMeters,
      -- The comparison window only when a time was read (not the receipt's fallback).
      CASE WHEN json_extract(r.observed_time, '$.from') IS NULL THEN NULL ELSE r.event_from END
        AS eventFrom,
      CASE WHEN json_extract(r.observed_time, '$.to') IS NULL THEN NULL ELSE r.event_to END
        AS eventTo,
      r.event_kinds AS kinds,
      r.caller_pseudonym AS pseudonym, r.caller_link AS link, r.submitted_by AS sender,
      r.external_id AS externalId, r.queue, r.text_sketch AS sketch, r.incident_pinned AS pinned,
      coalesce(json_extract(r.text_facts, '$.saysRepeat'), 0) AS saysRepeat,
      coalesce(json_extract(r.text_facts, '$.seenFromAfar'), 0) AS seenFromAfar,
      (SELECT json_group_array(json_array(f.code, f.severity)) FROM findings f
        WHERE f.report_id = r.id) AS findings
    FROM reports r WHERE r.incident_id = ? ORDER BY r.received_at, r.seq`);
  const saveEstimate = db.prepare(`UPDATE incidents SET kind = @kind,
      precise_count = @preciseCount, place_weight = @weight, wx = @wx, wy = @wy, wz = @wz,
      latest_start = @latestStart, earliest_end = @earliestEnd, hand_spread_m = @handSpread,
      updated_at = @now,
      last_activity = @now WHERE id = @id`);
  const termsOf = db.prepare('SELECT confidence_terms FROM incidents WHERE id = ?').pluck();
  const seqOf = db.prepare('SELECT seq FROM incidents WHERE id = ?').pluck();
  const saveAssessment = db.prepare(`UPDATE incidents SET independent_sources = @sources,
      confidence = @confidence, confidence_terms = @terms, radius_m = @radius,
      last_activity = max(coalesce(last_activity, 0), @lastActivity) WHERE id = @id`);
  const moveMembers = db.prepare('UPDATE reports SET incident_id = ? WHERE incident_id = ?');
  // The spatial index of reports (findNear) carries each one's incident: moved with it.
  const movePoints = db.prepare(`UPDATE report_points SET incident_id = @into
    WHERE seq IN (SELECT seq FROM reports WHERE incident_id = @from)`);
  const moveChanges = db.prepare(
    `UPDATE incidents SET merged_into = @into, report_count = 0, point_count = 0,
       sum_x = 0, sum_y = 0, sum_z = 0, updated_at = @now WHERE id = @from`,
  );
  const repoint = db.prepare('UPDATE incidents SET merged_into = @into WHERE merged_into = @from');
  const insertChange =
    db.prepare(`INSERT INTO incident_changes (incident_id, kind, actor, detail, at)
    VALUES (@incidentId, @kind, @actor, @detail, @at)`);
  const changesOf = db.prepare(
    'SELECT * FROM incident_changes WHERE incident_id = ? ORDER BY seq LIMIT 1000',
  );
  const insertSeparation = db.prepare(
    'INSERT OR IGNORE INTO incident_separations (a, b, actor, at) VALUES (?, ?, ?, ?)',
  );
  const separationsOf = db
    .prepare(
      `SELECT a || '|' || b FROM incident_separations
    WHERE a IN (SELECT value FROM json_each(@ids)) AND b IN (SELECT value FROM json_each(@ids))`,
    )
    .pluck();
  const scopeArgs = (s: MemberScope) => ({
    all: s.all ? 1 : 0,
    analyst: s.analystQueue ? 1 : 0,
    office: s.officeId,
  });

  const lists = createIncidentLists(db, inScope);

  // The summary columns are derived from the totals and stored for reading.
  const totalsArgs = (t: IncidentTotals) => {
    const s = summaryOf(t);
    return [s.start, s.end, s.centroid?.lat ?? null, s.centroid?.lon ?? null, t.reportCount].concat(
      [t.pointCount, t.x, t.y, t.z],
    );
  };

  return {
    create(id, totals, now) {
      insert.run(...totalsArgs(totals), now, id, now, now);
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
      const seq = seqOf.get(id) as number | undefined;
      if (seq !== undefined) unindex(seq);
      remove.run(id);
    },
    candidates(index, boxes, limit) {
      return indexes[index].candidates(boxes, limit);
    },
    estimates(ids) {
      // One indexed lookup per id: `IN (SELECT … json_each)` would scan the table.
      const rows = ids.flatMap((id) => {
        const row = byId.get(id) as IncidentRow | undefined;
        return row ? [row] : [];
      });
      return rows.map((row) => ({
        id: row.id,
        seq: row.seq,
        estimate: estimateFromRow(row),
        mergedInto: row.merged_into,
      }));
    },
    memberFacts(id): MemberFacts[] {
      const rows = facts.all(id) as (Omit<
        MemberFacts,
        'kinds' | 'pinned' | 'findings' | 'saysRepeat' | 'seenFromAfar'
      > & {
        kinds: string | null;
        pinned: number;
        saysRepeat: number;
        seenFromAfar: number;
        findings: string;
      })[];
      return rows.map((r) => ({
        ...r,
        channel: r.channel as Channel,
        queue: r.queue as Queue,
        kinds: kindsOf(r.kinds),
        pinned: r.pinned === 1,
        saysRepeat: r.saysRepeat === 1,
        seenFromAfar: r.seenFromAfar === 1,
        findings: (JSON.parse(r.findings) as [string, Severity][]).map(([code, severity]) => ({
          code,
          severity,
        })),
      }));
    },
    saveEstimate(id, e, entry, now) {
      saveEstimate.run({
        id,
        now,
        kind: e.kinds.length ? e.kinds.join(',') : null,
        preciseCount: e.preciseCount,
        weight: e.weight,
        wx: e.wx,
        wy: e.wy,
        wz: e.wz,
        latestStart: Number.isFinite(e.latestStart) ? Math.round(e.latestStart) : null,
        earliestEnd: Number.isFinite(e.earliestEnd) ? Math.round(e.earliestEnd) : null,
        handSpread: e.handSpreadMeters,
      });
      const seq = seqOf.get(id) as number | undefined;
      if (seq === undefined) return;
      unindex(seq);
      if (entry) indexes[entry.index].put(seq, id, entry.boxes);
    },
    confidenceTerms(id) {
      const text = termsOf.get(id) as string | null | undefined;
      return text ? (JSON.parse(text) as StoredConfidence) : null;
    },
    saveAssessment(id, a) {
      if (a.totals) update.run(...totalsArgs(a.totals), a.lastActivity, id);
      saveAssessment.run({
        id,
        sources: a.independentSources,
        confidence: a.confidence,
        terms: JSON.stringify(a.terms),
        radius: a.radiusMeters,
        lastActivity: a.lastActivity,
      });
    },
    absorb(from, into, now) {
      movePoints.run({ from, into });
      moveMembers.run(into, from);
      moveChanges.run({ from, into, now });
      // Whatever pointed at `from` now points at the survivor: one hop to the open incident.
      repoint.run({ from, into });
      const seq = seqOf.get(from) as number | undefined;
      if (seq !== undefined) unindex(seq);
    },
    recordChange(c) {
      insertChange.run({ ...c, detail: JSON.stringify(c.detail) });
    },
    changes(id): IncidentChange[] {
      const rows = changesOf.all(id) as {
        seq: number;
        incident_id: string;
        kind: IncidentChange['kind'];
        actor: string | null;
        detail: string;
        at: number;
      }[];
      return rows.map((r) => ({
        seq: r.seq,
        incidentId: r.incident_id,
        kind: r.kind,
        actor: r.actor,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        at: r.at,
      }));
    },
    separate(a, b, actor, at) {
      const [x, y] = a < b ? [a, b] : [b, a];
      insertSeparation.run(x, y, actor, at);
    },
    separations(ids) {
      if (ids.length < 2) return [];
      return separationsOf.all({ ids: JSON.stringify(ids) }) as string[];
    },
    list(filter: IncidentFilter, limit, after: IncidentCursor | null, scope = EVERY_MEMBER) {
      // One row more than the page: a full last page then says there is nothing after it.
      const rows = lists.rows(filter, after, scopeArgs(scope), limit + 1) as (IncidentRow & {
        sort_key: number;
      })[];
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(incidentFromRow),
        next: rows.length > limit && last ? { key: last.sort_key, seq: last.seq } : null,
      };
    },
    memberIds(id, scope = EVERY_MEMBER) {
      const rows = members.all({ id, ...scopeArgs(scope) }) as {
        id: string;
        externalId: string | null;
        pseudonym: string | null;
      }[];
      return {
        reportIds: rows.map((r) => r.id),
        // Each once: a corrected resend is one report, but rows from before F6 may repeat one.
        externalIds: [...new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : [])))],
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
    kinds: kindsOf(row.kind),
    confidence: row.confidence,
    independentSources: row.independent_sources,
    radiusMeters: row.radius_m,
    lastActivity: row.last_activity ?? row.updated_at,
    mergedInto: row.merged_into,
  };
}
