/**
 * The queue's state outside React: the reports and incidents lists with their cursors,
 * what each list is asked for (a search, a queue and filters; a sort and filters: all
 * the server's, filters.ts), and the live events applied to them. React reads it with useSyncExternalStore; the API call
 * is passed in, so the rules run in unit tests without a browser.
 *
 * Rules kept from the classic page: a first page merges (unknown rows on top, known ones
 * replaced where they are) and keeps the cursor once "load more" was used; answers for
 * a list that was asked for something else meanwhile are dropped; a live report not yet
 * listed is shown at once from its event and replaced by the full report when read;
 * under a filter it is shown only if it matches (when its event cannot say, as for its
 * status, the full report decides); while a search is shown no new report is added live
 * (the search is the server's: a blind index over sealed text), known rows still update.
 */
import { ApiError } from '../api.js';
import {
  filterParams,
  liveReportMatch,
  matchesIncident,
  matchesReport,
  NO_INCIDENT_FILTER,
  NO_REPORT_FILTER,
  sameFilter,
  type IncidentFilter,
  type ReportFilter,
} from './filters.js';
import type { SseEvent } from '../live/sse.js';
import {
  emptyRows,
  mergeFirstPage,
  placeAt,
  remove,
  upsert,
  upsertMany,
  type Rows,
} from './rows.js';
import {
  fullItem,
  liveItem,
  type IncidentItem,
  type IncidentView,
  type LiveIncident,
  type LiveIncidentSummary,
  type LiveReport,
  type Page,
  type ReportItem,
  type ReportView,
} from './types.js';

export const PAGE_SIZE = 50;

export type Queue = 'analyst' | 'abuse';
export type IncidentSort = 'lastActivity' | 'confidence';

export interface ReportsQuery {
  /** Every word must be in the narrative or a reporter's message (the server's search). */
  q: string;
  /** Supervisors and offices choose; null: the server's default for the role. */
  queue: Queue | null;
  filter: ReportFilter;
}

export interface IncidentsQuery {
  sort: IncidentSort;
  /** 0–1, or null for any. */
  minConfidence: number | null;
  /** An ISO time the incident's span must reach, or null. */
  from: string | null;
  filter: IncidentFilter;
}

export interface ListState<T extends { id: string }> {
  rows: Rows<T>;
  cursor: string | null;
  /** "Load more" was used: a refreshed first page then keeps the cursor. */
  paged: boolean;
  /** The first page for the current query is being read. */
  loading: boolean;
  /** The first page for the current query has been shown (or failed). */
  loaded: boolean;
  loadingMore: boolean;
  /** Why the list could not be read, or null. */
  error: string | null;
}

export type NoticeAction = 'load' | 'load-more' | 'update';

export interface QueueNotice {
  action: NoticeAction;
  status: number | null;
  message: string;
}

export interface QueueState {
  reports: ListState<ReportItem>;
  incidents: ListState<IncidentItem>;
  reportsQuery: ReportsQuery;
  incidentsQuery: IncidentsQuery;
  notice: QueueNotice | null;
}

export type Call = <T>(path: string) => Promise<T>;

const emptyList = <T extends { id: string }>(): ListState<T> => ({
  rows: emptyRows<T>(),
  cursor: null,
  paged: false,
  loading: false,
  loaded: false,
  loadingMore: false,
  error: null,
});

export function reportsPath(query: ReportsQuery, cursor: string | null, limit = PAGE_SIZE) {
  const p = new URLSearchParams({ limit: String(limit) });
  if (query.q) p.set('q', query.q);
  if (query.queue) p.set('queue', query.queue);
  for (const [name, value] of filterParams(query.filter)) p.set(name, value);
  if (cursor) p.set('cursor', cursor);
  return `reports?${p}`;
}

export function incidentsPath(query: IncidentsQuery, cursor: string | null, limit = PAGE_SIZE) {
  const p = new URLSearchParams({ limit: String(limit), sort: query.sort });
  if (query.minConfidence !== null) p.set('minConfidence', String(query.minConfidence));
  if (query.from) p.set('from', query.from);
  for (const [name, value] of filterParams(query.filter)) p.set(name, value);
  if (cursor) p.set('cursor', cursor);
  return `incidents?${p}`;
}

/**
 * Whether a report not yet listed belongs in the list as it is asked for now: its full
 * view, or its live event (null: the event does not say; read the report to decide).
 */
export function belongsInView(
  report: { kind: 'full'; view: ReportView } | { kind: 'live'; event: LiveReport },
  query: ReportsQuery,
): boolean | null {
  if (query.q) return false;
  const queue = report.kind === 'full' ? report.view.queue : report.event.queue;
  if (query.queue && queue && queue !== query.queue) return false;
  return report.kind === 'full'
    ? matchesReport(fullItem(report.view), query.filter)
    : liveReportMatch(report.event, query.filter);
}

/** Whether an incident passes the list's server-side filters (as far as its fields say). */
export function incidentInView(incident: IncidentItem, query: IncidentsQuery): boolean {
  if (incident.mergedInto) return false;
  if (
    query.minConfidence !== null &&
    typeof incident.confidence === 'number' &&
    incident.confidence < query.minConfidence
  )
    return false;
  if (query.from && incident.end && Date.parse(incident.end) < Date.parse(query.from)) return false;
  return matchesIncident(incident, query.filter);
}

/** Where an incident goes in a list sorted by `sort`, highest first. */
export function incidentPosition(
  rows: Rows<IncidentItem>,
  item: IncidentItem,
  sort: IncidentSort,
): number {
  if (sort === 'lastActivity') return 0;
  const c = item.confidence ?? -1;
  const ids = rows.ids.filter((id) => id !== item.id);
  const at = ids.findIndex((id) => (rows.byId.get(id)?.confidence ?? -1) < c);
  return at === -1 ? ids.length : at;
}

/** A report's place in the newest-first list: when it was received (NaN if unknown). */
const reportRank = (item: ReportItem) => Date.parse((item.full ?? item.live).receivedAt);

const incidentRank =
  (sort: IncidentSort) =>
  (item: IncidentItem): number =>
    sort === 'confidence'
      ? (item.confidence ?? Number.NaN)
      : item.lastActivity
        ? Date.parse(item.lastActivity)
        : Number.NaN;

type LiveAction =
  | {
      kind: 'report';
      /** `report.updated`: a case changed (status, office, a message), not its incident. */
      updated: boolean;
      report: LiveReport;
      incident: LiveIncidentSummary | null;
    }
  | { kind: 'incident'; incident: LiveIncident }
  | { kind: 'reset' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A stream event → what it asks of the lists; null for anything else or malformed. */
export function liveAction(event: SseEvent): LiveAction | null {
  if (event.type === 'stream.reset') return { kind: 'reset' };
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (!isObject(payload)) return null;
  const incident = isObject(payload.incident) && typeof payload.incident.id === 'string';
  if (event.type === 'report.processed' || event.type === 'report.updated') {
    const report = payload.report;
    if (!isObject(report) || typeof report.id !== 'string') return null;
    return {
      kind: 'report',
      updated: event.type === 'report.updated',
      report: report as unknown as LiveReport,
      incident: incident ? (payload.incident as LiveIncidentSummary) : null,
    };
  }
  if (event.type === 'incident.updated' && incident)
    return { kind: 'incident', incident: payload.incident as LiveIncident };
  return null;
}

const errorStatus = (err: unknown) => (err instanceof ApiError ? err.status : null);
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** A 401 is the sign-in gate's (api.ts tells it); the view says nothing more. */
const sessionEnded = (err: unknown) => errorStatus(err) === 401;

export function createQueueStore(deps: { call: Call; initialQueue: Queue | null }) {
  let state: QueueState = {
    reports: emptyList(),
    incidents: emptyList(),
    reportsQuery: { q: '', queue: deps.initialQueue, filter: NO_REPORT_FILTER },
    incidentsQuery: {
      sort: 'lastActivity',
      minConfidence: null,
      from: null,
      filter: NO_INCIDENT_FILTER,
    },
    notice: null,
  };
  const listeners = new Set<() => void>();
  const versions = { reports: 0, incidents: 0 };
  /** Live fetches run one after the other, in the order of the events. */
  let chain: Promise<void> = Promise.resolve();
  const pendingReports = new Set<string>();
  const pendingIncidents = new Set<string>();

  function set(next: Partial<QueueState>) {
    state = { ...state, ...next };
    for (const l of [...listeners]) l();
  }
  const setReports = (next: Partial<ListState<ReportItem>>) =>
    set({ reports: { ...state.reports, ...next } });
  const setIncidents = (next: Partial<ListState<IncidentItem>>) =>
    set({ incidents: { ...state.incidents, ...next } });

  function fail(action: NoticeAction, err: unknown) {
    if (sessionEnded(err)) return;
    set({ notice: { action, status: errorStatus(err), message: errorMessage(err) } });
  }

  /**
   * Merges a first page (`first`: rows it does not hold stay above it if they rank
   * higher, else below) or a later one (its rows below) into a list.
   */
  function merged<T extends { id: string }>(
    list: ListState<T>,
    items: T[],
    nextCursor: string | null,
    first: boolean,
    rank: (item: T) => number,
  ): ListState<T> {
    return {
      ...list,
      rows: first ? mergeFirstPage(list.rows, items, rank) : upsertMany(list.rows, items, 'bottom'),
      cursor: !first || !list.paged ? nextCursor : list.cursor,
      paged: list.paged || !first,
    };
  }

  async function loadReports(clear: boolean) {
    const version = clear ? ++versions.reports : versions.reports;
    if (clear) setReports({ ...emptyList<ReportItem>(), loading: true });
    else setReports({ loading: true });
    try {
      const page = await deps.call<Page<ReportView>>(reportsPath(state.reportsQuery, null));
      if (version !== versions.reports) return;
      setReports({
        ...merged(state.reports, page.items.map(fullItem), page.nextCursor, true, reportRank),
        loading: false,
        loaded: true,
        error: null,
      });
    } catch (err) {
      if (version !== versions.reports) return;
      setReports({ loading: false, loaded: true, error: errorMessage(err) });
      fail('load', err);
    }
  }

  async function loadIncidents(clear: boolean) {
    const version = clear ? ++versions.incidents : versions.incidents;
    if (clear) setIncidents({ ...emptyList<IncidentItem>(), loading: true });
    else setIncidents({ loading: true });
    try {
      const page = await deps.call<Page<IncidentView>>(incidentsPath(state.incidentsQuery, null));
      if (version !== versions.incidents) return;
      setIncidents({
        ...merged(
          state.incidents,
          page.items,
          page.nextCursor,
          true,
          incidentRank(state.incidentsQuery.sort),
        ),
        loading: false,
        loaded: true,
        error: null,
      });
    } catch (err) {
      if (version !== versions.incidents) return;
      setIncidents({ loading: false, loaded: true, error: errorMessage(err) });
      fail('load', err);
    }
  }

  function enqueue(task: () => Promise<void>) {
    chain = chain.then(async () => {
      try {
        await task();
      } catch (err) {
        fail('update', err);
      }
    });
  }

  /** Reads a report again and shows it where it is (or on top if it now belongs). */
  async function readReport(id: string) {
    const version = versions.reports;
    let full: ReportView;
    try {
      full = await deps.call<ReportView>(`reports/${encodeURIComponent(id)}`);
    } catch (err) {
      const known = state.reports.rows.byId.get(id);
      if (known && !known.full)
        setReports({ rows: upsert(state.reports.rows, { ...known, failed: true }, 'top') });
      throw err;
    }
    const known = state.reports.rows.byId.has(id);
    const belongs = belongsInView({ kind: 'full', view: full }, state.reportsQuery);
    if (known || (version === versions.reports && belongs))
      setReports({ rows: upsert(state.reports.rows, fullItem(full), 'top') });
  }

  async function readIncident(id: string) {
    const version = versions.incidents;
    const full = await deps.call<IncidentView>(`incidents/${encodeURIComponent(id)}`);
    if (version !== versions.incidents) return;
    placeIncident(full);
  }

  /** Shows an incident where the list's order puts it, or drops it if it no longer belongs. */
  function placeIncident(item: IncidentItem) {
    const known = state.incidents.rows.byId.get(item.id);
    const next = { ...known, ...item };
    const rows = state.incidents.rows;
    if (!incidentInView(next, state.incidentsQuery)) {
      setIncidents({ rows: remove(rows, item.id) });
      return;
    }
    setIncidents({
      rows: placeAt(rows, next, incidentPosition(rows, next, state.incidentsQuery.sort)),
    });
  }

  function fetchReportLater(id: string) {
    if (pendingReports.has(id)) return;
    pendingReports.add(id);
    enqueue(async () => {
      pendingReports.delete(id);
      await readReport(id);
    });
  }

  function fetchIncidentLater(id: string) {
    if (pendingIncidents.has(id)) return;
    pendingIncidents.add(id);
    enqueue(async () => {
      pendingIncidents.delete(id);
      await readIncident(id);
    });
  }

  function applyReportEvent(action: Extract<LiveAction, { kind: 'report' }>) {
    const { report, incident } = action;
    const known = state.reports.rows.byId.has(report.id);
    const belongs = known || belongsInView({ kind: 'live', event: report }, state.reportsQuery);
    if (belongs === true && !known)
      setReports({ rows: upsert(state.reports.rows, liveItem(report), 'top') });
    if (incident && !action.updated) {
      placeIncident(incident);
      fetchIncidentLater(incident.id);
    }
    // Not known to match yet (its status): read, then shown if the full report matches.
    if (belongs !== false) fetchReportLater(report.id);
  }

  const loadFirstPages = () =>
    Promise.all([loadReports(false), loadIncidents(false)]).then(() => {});

  return {
    getState: (): QueueState => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Reads both first pages, merging into what is shown. */
    loadFirstPages,
    setReportsQuery(next: Partial<ReportsQuery>) {
      const query = { ...state.reportsQuery, ...next };
      const was = state.reportsQuery;
      if (query.q === was.q && query.queue === was.queue && sameFilter(query.filter, was.filter))
        return;
      set({ reportsQuery: query });
      void loadReports(true);
    },
    setIncidentsQuery(next: Partial<IncidentsQuery>) {
      const query = { ...state.incidentsQuery, ...next };
      const was = state.incidentsQuery;
      const same =
        query.sort === was.sort &&
        query.minConfidence === was.minConfidence &&
        query.from === was.from &&
        sameFilter(query.filter, was.filter);
      if (same) return;
      set({ incidentsQuery: query });
      void loadIncidents(true);
    },
    async loadMore(kind: 'reports' | 'incidents') {
      const list = state[kind];
      if (!list.cursor || list.loadingMore) return;
      const version = versions[kind];
      const setList = kind === 'reports' ? setReports : setIncidents;
      setList({ loadingMore: true });
      try {
        if (kind === 'reports') {
          const page = await deps.call<Page<ReportView>>(
            reportsPath(state.reportsQuery, list.cursor),
          );
          if (version !== versions.reports) return;
          setReports({
            ...merged(state.reports, page.items.map(fullItem), page.nextCursor, false, reportRank),
            loadingMore: false,
          });
        } else {
          const page = await deps.call<Page<IncidentView>>(
            incidentsPath(state.incidentsQuery, list.cursor),
          );
          if (version !== versions.incidents) return;
          setIncidents({
            ...merged(
              state.incidents,
              page.items,
              page.nextCursor,
              false,
              incidentRank(state.incidentsQuery.sort),
            ),
            loadingMore: false,
          });
        }
      } catch (err) {
        if (version === versions[kind]) setList({ loadingMore: false });
        fail('load-more', err);
      }
    },
    /** A report read anew (after a change from the case panel) shown where it is. */
    showReport(report: ReportView) {
      if (state.reports.rows.byId.has(report.id))
        setReports({ rows: upsert(state.reports.rows, fullItem(report), 'top') });
    },
    /** A stream (re)opened; without replay, the lists may have missed events: read them. */
    onStreamOpen(resumed: boolean) {
      if (!resumed) void loadFirstPages();
    },
    onStreamEvent(event: SseEvent) {
      const action = liveAction(event);
      if (!action) return;
      if (action.kind === 'reset') void loadFirstPages();
      else if (action.kind === 'report') applyReportEvent(action);
      else {
        placeIncident(action.incident);
        if (!action.incident.mergedInto) fetchIncidentLater(action.incident.id);
      }
    },
    dismissNotice: () => set({ notice: null }),
    /** Waits for the live fetches queued so far (tests). */
    settled: () => chain,
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;
