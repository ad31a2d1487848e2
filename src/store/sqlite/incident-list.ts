/**
 * The SQL of an incident list: open incidents by last activity or confidence, highest
 * first, by cursor, in the viewer's scope, filtered. A list is led by the office (an
 * index per order; office_id NULL for the unrouted) or the order's own index (migration
 * 011), or by the kind (`incident_kinds`) when fewer than LEAD_PROBE_ROWS incidents have
 * it: those are then sorted (the table keeps no sort keys, so that it changes only when
 * an incident's kinds do, not at every activity). A commoner kind is checked on the rows
 * the order gives, where it turns up often. With a kind and an office both asked, the
 * one with fewer rows leads, as in report-list.ts; the other filters (box, span,
 * confidence, scope) are checked on the rows the lead gives.
 */
import type { IncidentCursor, IncidentFilter } from '../store.js';
import { statementCache, type Db } from './database.js';
import { LEAD_PROBE_ROWS } from './report-list.js';

type Lead = 'kind' | 'office' | 'order';

const sortKey = (f: IncidentFilter) =>
  f.sort === 'confidence' ? 'coalesce(i.confidence, 0)' : 'coalesce(i.last_activity, i.updated_at)';
const officeTerm = (f: IncidentFilter) =>
  f.routedTo === null ? 'i.office_id IS NULL' : 'i.office_id = @routedTo';
const officeIndex = (f: IncidentFilter) =>
  f.sort === 'confidence' ? 'incidents_office_confidence' : 'incidents_office_activity';
// SQLite reads this form, not a row value, as a range of an index on an expression.
const afterTerm = (key: string, seq: string) =>
  `(${key} < @afterKey OR (${key} = @afterKey AND ${seq} < @afterSeq))`;

/** `inScope`: the SQL term saying a member `r` is in the viewer's scope (@all, @analyst, @office). */
export function createIncidentLists(db: Db, inScope: string) {
  const cached = statementCache(db);

  /** The rows a lead has (an office: past the cursor), counted up to `cap`. */
  function probe(
    lead: 'kind' | 'office',
    f: IncidentFilter,
    paged: boolean,
    args: object,
    cap: number,
  ) {
    const key = `probe|${lead}|${f.sort}|${f.routedTo === null}|${paged}`;
    const stmt = cached(key, () => {
      const sql =
        lead === 'kind'
          ? 'SELECT 1 FROM incident_kinds k WHERE k.kind = @kind'
          : `SELECT 1 FROM incidents i INDEXED BY ${officeIndex(f)}
            WHERE i.merged_into IS NULL AND ${officeTerm(f)}
            ${paged ? 'AND ' + afterTerm(sortKey(f), 'i.seq') : ''}`;
      return `SELECT count(*) FROM (${sql} LIMIT @probeCap)`;
    });
    return stmt.pluck().get({ ...args, probeCap: cap }) as number;
  }

  /**
   * Which lead a list takes; `empty` when a filter has no row (past the cursor). The
   * office counts only as far as it must: to the kind's count, or to one (is it empty?)
   * when the kind is too common to lead.
   */
  function chooseLead(f: IncidentFilter, paged: boolean, args: object): Lead | 'empty' {
    const kinds =
      f.kind !== undefined ? probe('kind', f, paged, args, LEAD_PROBE_ROWS) : LEAD_PROBE_ROWS;
    if (kinds === 0) return 'empty';
    const kindMayLead = kinds < LEAD_PROBE_ROWS;
    if (f.routedTo === undefined) return kindMayLead ? 'kind' : 'order';
    const offices = probe('office', f, paged, args, kindMayLead ? kinds : 1);
    if (offices === 0) return 'empty';
    return kindMayLead && kinds <= offices ? 'kind' : 'office';
  }

  function statement(f: IncidentFilter, lead: Lead, paged: boolean) {
    const shape = [
      f.sort,
      lead,
      f.kind !== undefined,
      f.routedTo === undefined ? '-' : f.routedTo === null ? 'none' : 'one',
      f.bbox ? (f.bbox.minLon <= f.bbox.maxLon ? 'box' : 'wrap') : '-',
      f.from !== undefined,
      f.to !== undefined,
      f.minConfidence !== undefined,
      paged,
    ].join('|');
    return cached(`list|${shape}`, () => {
      const byKind = lead === 'kind';
      const key = sortKey(f);
      const where = [
        'i.merged_into IS NULL',
        `(@all = 1 OR EXISTS
          (SELECT 1 FROM reports r WHERE r.incident_id = i.id AND ${inScope}))`,
      ];
      if (f.kind !== undefined) {
        where.push(
          byKind
            ? 'k.kind = @kind'
            : 'EXISTS (SELECT 1 FROM incident_kinds k WHERE k.seq = i.seq AND k.kind = @kind)',
        );
      }
      if (f.routedTo !== undefined) where.push(officeTerm(f));
      if (f.bbox) {
        where.push('i.centroid_lat BETWEEN @minLat AND @maxLat');
        where.push(
          f.bbox.minLon <= f.bbox.maxLon
            ? 'i.centroid_lon BETWEEN @minLon AND @maxLon'
            : '(i.centroid_lon >= @minLon OR i.centroid_lon <= @maxLon)',
        );
      }
      if (f.from !== undefined) where.push('i.end_at >= @from');
      if (f.to !== undefined) where.push('i.start_at <= @to');
      if (f.minConfidence !== undefined) where.push('coalesce(i.confidence, 0) >= @minConfidence');
      if (paged) where.push(afterTerm(key, 'i.seq'));
      const from = byKind
        ? 'incident_kinds k CROSS JOIN incidents i ON i.seq = k.seq'
        : lead === 'office'
          ? `incidents i INDEXED BY ${officeIndex(f)}`
          : 'incidents i';
      return `SELECT i.*, ${key} AS sort_key FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${key} DESC, i.seq DESC LIMIT @limit`;
    });
  }

  /** The SQL parameters: the scope's, the filter's that are set, the cursor's. */
  function argsOf(
    f: IncidentFilter,
    after: IncidentCursor | null,
    scope: Record<string, unknown>,
    limit: number,
  ) {
    const args: Record<string, unknown> = { ...scope, limit };
    if (f.bbox) Object.assign(args, f.bbox);
    if (f.kind !== undefined) args.kind = f.kind;
    if (typeof f.routedTo === 'string') args.routedTo = f.routedTo;
    for (const k of ['from', 'to', 'minConfidence'] as const) {
      if (f[k] !== undefined) args[k] = f[k];
    }
    if (after) Object.assign(args, { afterKey: after.key, afterSeq: after.seq });
    return args;
  }

  return {
    /** Up to `limit` rows (incidents' columns and `sort_key`); [] when a lead has none. */
    rows(
      f: IncidentFilter,
      after: IncidentCursor | null,
      scope: Record<string, unknown>,
      limit: number,
    ): unknown[] {
      const args = argsOf(f, after, scope, limit);
      const lead = chooseLead(f, after !== null, args);
      if (lead === 'empty') return [];
      return statement(f, lead, after !== null).all(args);
    },
    /** The lead a list would take and its query plan (bench/diagnostics, tests). */
    plan(
      f: IncidentFilter,
      after: IncidentCursor | null,
      scope: Record<string, unknown>,
      limit: number,
    ): { lead: Lead | 'empty'; plan: string[] } {
      const args = argsOf(f, after, scope, limit);
      const lead = chooseLead(f, after !== null, args);
      const stmt = statement(f, lead === 'empty' ? 'order' : lead, after !== null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(args) as {
        detail: string;
      }[];
      return { lead, plan: plan.map((p) => p.detail) };
    },
  };
}
