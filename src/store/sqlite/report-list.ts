/**
 * The SQL of a report list (newest first, by cursor) under a viewer's scope and the
 * filters asked for. Every filter has an index that keeps its rows in list order
 * (migrations 003 and 011; flags in `report_flags`), so the list can walk one of them
 * and stop after a page. Which one leads matters: walking the analysts' queue for a flag
 * three reports carry reads the whole queue. SQLite cannot tell without statistics of
 * the values asked for, so before a page the candidates count their rows (at most
 * LEAD_PROBE_ROWS each, past the cursor) and the fewest leads; one that counts none
 * answers the page as empty at once. The other filters are checked on the rows it gives.
 */
import type { Cursor, ReportFilter } from '../store.js';
import { statementCache, type Db } from './database.js';

/**
 * How many rows a candidate index counts at most before a page, to choose the one to
 * lead. A candidate with fewer is read whole if it leads, so a page costs at most this
 * many index steps per filter more than the page itself.
 */
export const LEAD_PROBE_ROWS = 1000;

/** A filter an index can lead: its index (or `flag`: the report_flags table) and its term. */
interface Lead {
  name: 'flag' | 'category' | 'routed' | 'unrouted' | 'office' | 'status' | 'queue';
  index: string;
  term: string;
}

/**
 * The leads the filter offers, most selective first where counts tie (a flag or a
 * category is usually rarer than a status; the queue is the viewer's whole scope).
 */
function leadsOf(filter: ReportFilter): Lead[] {
  const leads: Lead[] = [];
  if (filter.flag !== undefined) leads.push({ name: 'flag', index: '', term: '' });
  if (filter.category !== undefined) {
    leads.push({
      name: 'category',
      index: 'reports_category_newest',
      term: 'r.category = @category',
    });
  }
  if (filter.routedTo === null) {
    leads.push({ name: 'unrouted', index: 'reports_unrouted_newest', term: 'r.office_id IS NULL' });
  } else if (filter.routedTo !== undefined) {
    leads.push({
      name: 'routed',
      index: 'reports_office_newest',
      term: 'r.office_id = @routedTo',
    });
  }
  if (filter.officeId !== undefined) {
    leads.push({ name: 'office', index: 'reports_office_newest', term: 'r.office_id = @officeId' });
  }
  if (filter.status !== undefined) {
    leads.push({ name: 'status', index: 'reports_status_newest', term: 'r.status = @status' });
  }
  if (filter.queue !== undefined) {
    leads.push({ name: 'queue', index: 'reports_queue_newest', term: 'r.queue = @queue' });
  }
  return leads;
}

/**
 * Which bounds of the arrival time a page has. Only one upper bound is written: the
 * cursor and `receivedUntil` each imply the other's when it is the tighter, and SQLite
 * reads only one of two upper bounds from an index (the other would be checked row by
 * row over every page before).
 */
function timeBounds(filter: ReportFilter, after: Cursor | undefined) {
  const since = filter.receivedSince !== undefined;
  const until = filter.receivedUntil !== undefined && (!after || filter.receivedUntil <= after.at);
  return { since, until, cursor: after !== undefined && !until };
}

/** The time terms over the leading table's columns (`f` for report_flags, else `r`). */
function timeTerms(t: string, bounds: ReturnType<typeof timeBounds>): string[] {
  const terms: string[] = [];
  if (bounds.since) terms.push(`${t}.received_at >= @since`);
  if (bounds.until) terms.push(`${t}.received_at < @until`);
  if (bounds.cursor) terms.push(`(${t}.received_at, ${t}.seq) < (@at, @seq)`);
  return terms;
}

/** FROM clause of a lead: its index forced (SQLite would choose by its own guess). */
const fromOf = (lead: Lead) =>
  lead.name === 'flag'
    ? 'report_flags f CROSS JOIN reports r ON r.seq = f.seq'
    : `reports r INDEXED BY ${lead.index}`;

export interface ListQuery {
  filter: ReportFilter;
  after: Cursor | undefined;
  /** A MATCH of blind-index tokens (FTS5), or undefined. */
  match: string | undefined;
  limit: number;
}

/** Reads pages of reports: `rows` gives up to `limit` rows of `columns` (unprefixed names). */
export function createReportLists(db: Db, columns: string) {
  const qualified = columns
    .split(',')
    .map((c) => `r.${c.trim()}`)
    .join(', ');
  const prepared = statementCache(db);

  /** The rows of `lead` past the cursor, counted up to `cap`. */
  function probe(
    lead: Lead,
    bounds: ReturnType<typeof timeBounds>,
    params: object,
    cap: number,
  ): number {
    const key = `probe|${lead.name}|${bounds.since}|${bounds.until}|${bounds.cursor}`;
    const stmt = prepared(key, () => {
      const t = lead.name === 'flag' ? 'f' : 'r';
      const where = [lead.name === 'flag' ? 'f.flag = @flag' : lead.term, ...timeTerms(t, bounds)];
      const from = lead.name === 'flag' ? 'report_flags f' : `reports r INDEXED BY ${lead.index}`;
      return `SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')}
        LIMIT @probeCap)`;
    }).pluck();
    return stmt.get({ ...params, probeCap: cap }) as number;
  }

  /**
   * The lead with the fewest rows past the cursor, and that count (null: not counted,
   * the only one); null when none. Each candidate counts only up to the fewest so far.
   */
  function chooseLead(leads: Lead[], bounds: ReturnType<typeof timeBounds>, params: object) {
    if (leads.length === 0) return null;
    if (leads.length === 1) return { lead: leads[0]!, rows: null };
    let best = { lead: leads[0]!, rows: probe(leads[0]!, bounds, params, LEAD_PROBE_ROWS) };
    for (const lead of leads.slice(1)) {
      if (best.rows === 0) break;
      const rows = probe(lead, bounds, params, best.rows);
      if (rows < best.rows) best = { lead, rows };
    }
    return best;
  }

  function statement(lead: Lead | null, q: ListQuery, bounds: ReturnType<typeof timeBounds>) {
    const f = q.filter;
    const present = [
      f.flag !== undefined,
      f.category !== undefined,
      f.routedTo === undefined ? '-' : f.routedTo === null ? 'none' : 'one',
      f.officeId !== undefined,
      f.status !== undefined,
      f.queue !== undefined,
      bounds.since,
      bounds.until,
      bounds.cursor,
      q.match !== undefined,
    ];
    const key = `list|${lead?.name ?? '-'}|${present.join('|')}`;
    return prepared(key, () => {
      const byFlag = lead?.name === 'flag';
      const where = timeTerms(byFlag ? 'f' : 'r', bounds);
      for (const other of leadsOf(f)) {
        if (other.name === 'flag') {
          where.push(
            byFlag
              ? 'f.flag = @flag'
              : `EXISTS (SELECT 1 FROM report_flags f WHERE f.flag = @flag
                  AND f.received_at = r.received_at AND f.seq = r.seq)`,
          );
        } else where.push(other.term);
      }
      if (q.match !== undefined) {
        where.push('r.seq IN (SELECT rowid FROM search_index WHERE search_index MATCH @match)');
      }
      const order = byFlag ? 'f.received_at DESC, f.seq DESC' : 'r.received_at DESC, r.seq DESC';
      return `SELECT ${qualified} FROM ${lead ? fromOf(lead) : 'reports r'}
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY ${order} LIMIT @limit`;
    });
  }

  /** The SQL parameters of a query: only those its statements name (SQLite refuses others). */
  function paramsOf(q: ListQuery, bounds: ReturnType<typeof timeBounds>) {
    const f = q.filter;
    const params: Record<string, unknown> = {
      queue: f.queue,
      officeId: f.officeId,
      status: f.status,
      category: f.category,
      flag: f.flag,
      routedTo: f.routedTo ?? undefined,
      since: bounds.since ? f.receivedSince : undefined,
      until: bounds.until ? f.receivedUntil : undefined,
      at: bounds.cursor ? q.after?.at : undefined,
      seq: bounds.cursor ? q.after?.seq : undefined,
      match: q.match,
    };
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
    return params;
  }

  return {
    /** Up to `limit` rows, newest first; [] at once when a lead counts no row. */
    rows(q: ListQuery): unknown[] {
      const bounds = timeBounds(q.filter, q.after);
      const params = paramsOf(q, bounds);
      const chosen = chooseLead(leadsOf(q.filter), bounds, params);
      if (chosen?.rows === 0) return [];
      return statement(chosen?.lead ?? null, q, bounds).all({ ...params, limit: q.limit });
    },
    /** The lead a query would take and the query plan (bench/diagnostics, tests). */
    plan(q: ListQuery): { lead: string | null; plan: string[] } {
      const bounds = timeBounds(q.filter, q.after);
      const params = paramsOf(q, bounds);
      const chosen = chooseLead(leadsOf(q.filter), bounds, params);
      const stmt = statement(chosen?.lead ?? null, q, bounds);
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
        .all({ ...params, limit: q.limit }) as { detail: string }[];
      return { lead: chosen?.lead.name ?? null, plan: plan.map((p) => p.detail) };
    },
  };
}
