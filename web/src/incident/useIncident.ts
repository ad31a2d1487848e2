/**
 * The incident view's data: the incident (GET /api/v1/incidents/:id) and each member
 * report (GET /api/v1/reports/:id, a read that is audited), kept fresh from the live
 * stream. A refresh fetches the incident and only the reports not read yet; a report
 * the stream says changed is read again; the refresh button reads everything again.
 *
 * Live: the workbench's one stream (live/hub.ts, the queue's too): `incident.updated`
 * for this incident (or one merged into it) refreshes, `report.processed` /
 * `report.updated` of a member re-reads that report, `stream.reset` refreshes. While
 * the stream is down, the view polls every 10 s while the page is visible.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../api.js';
import { useLiveHub } from '../live/LiveHubProvider.js';
import type { SseEvent } from '../live/sse.js';
import type { LiveStatus } from '../live/stream.js';
import type { IncidentBody, IncidentEvent, ReportBody, ReportEvent } from './types.js';

export type IncidentLoad =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; incident: IncidentBody };

/** A failure keeps the error itself: the page says it in the viewer's language (common/errors.ts). */
export type ReportEntry =
  { state: 'ready'; report: ReportBody } | { state: 'failed'; error: unknown };

/** Reports read at once; the rest wait their turn (a large incident must not flood the server). */
const READS_AT_ONCE = 4;
/** Events arrive in bursts (one per touched incident): one refresh per burst. */
const SETTLE_MS = 300;
export const POLL_MS = 10_000;

const incidentPath = (id: string) => `incidents/${encodeURIComponent(id)}`;
const reportPath = (id: string) => `reports/${encodeURIComponent(id)}`;

export function useIncident(id: string) {
  const [load, setLoad] = useState<IncidentLoad>({ state: 'loading' });
  const [reports, setReports] = useState<Record<string, ReportEntry>>({});
  /** A refresh that failed while an earlier answer is still shown. */
  const [staleError, setStaleError] = useState<unknown>(null);
  const known = useRef<Record<string, ReportEntry>>({});
  const generation = useRef(0);
  /** Whether an answer for this incident is on screen (a failed refresh then keeps it). */
  const shown = useRef(false);

  const readReports = useCallback(async (ids: readonly string[], gen: number) => {
    for (let i = 0; i < ids.length; i += READS_AT_ONCE) {
      const batch = await Promise.all(
        ids.slice(i, i + READS_AT_ONCE).map(async (reportId): Promise<[string, ReportEntry]> => {
          try {
            return [
              reportId,
              { state: 'ready', report: await call<ReportBody>(reportPath(reportId)) },
            ];
          } catch (err) {
            return [reportId, { state: 'failed', error: err }];
          }
        }),
      );
      if (gen !== generation.current) return;
      known.current = { ...known.current, ...Object.fromEntries(batch) };
      setReports(known.current);
    }
  }, []);

  /** Reads the incident again, and its reports not read yet (all of them with `everything`). */
  const refresh = useCallback(
    async (everything = false) => {
      const gen = ++generation.current;
      let incident: IncidentBody;
      try {
        incident = await call<IncidentBody>(incidentPath(id));
      } catch (err) {
        if (gen !== generation.current) return;
        if (err instanceof ApiError && err.status === 404) {
          shown.current = false;
          setLoad({ state: 'missing' });
        } else if (shown.current) setStaleError(err);
        else setLoad({ state: 'failed', error: err });
        return;
      }
      if (gen !== generation.current) return;
      shown.current = true;
      setStaleError(null);
      setLoad({ state: 'ready', incident });
      const wanted = everything
        ? incident.reportIds
        : incident.reportIds.filter((r) => known.current[r]?.state !== 'ready');
      await readReports(wanted, gen);
    },
    [id, readReports],
  );

  /** Reads one report again (its status, flags or messages changed). */
  const refreshReport = useCallback(async (reportId: string) => {
    let entry: ReportEntry;
    try {
      entry = { state: 'ready', report: await call<ReportBody>(reportPath(reportId)) };
    } catch (err) {
      entry = { state: 'failed', error: err };
    }
    known.current = { ...known.current, [reportId]: entry };
    setReports(known.current);
  }, []);

  useEffect(() => {
    known.current = {};
    shown.current = false;
    setReports({});
    setLoad({ state: 'loading' });
    setStaleError(null);
    void refresh(true);
    return () => {
      // Answers still on their way belong to the incident shown before.
      generation.current++;
    };
  }, [refresh]);

  return { load, reports, staleError, refresh, refreshReport };
}

export type LiveMode = 'connecting' | 'live' | 'polling';

/** What the view says of the stream's status: live, still connecting, or polling meanwhile. */
export function liveModeOf(status: LiveStatus): LiveMode {
  if (status.state === 'live') return 'live';
  if (status.state === 'connecting' && !status.reconnect) return 'connecting';
  return 'polling';
}

/** What an event on the stream asks of the view of incident `id` with `members`. */
export function eventAction(
  event: SseEvent,
  id: string,
  members: readonly string[],
): { refresh: true } | { report: string } | null {
  const parse = <T>(): T | null => {
    try {
      return JSON.parse(event.data) as T;
    } catch {
      return null;
    }
  };
  switch (event.type) {
    case 'incident.updated': {
      const incident = parse<IncidentEvent>()?.incident;
      return incident && (incident.id === id || incident.mergedInto === id)
        ? { refresh: true }
        : null;
    }
    case 'report.processed':
    case 'report.updated': {
      const report = parse<ReportEvent>()?.report;
      if (!report) return null;
      if (members.includes(report.id)) return { report: report.id };
      return report.incidentId === id ? { refresh: true } : null;
    }
    case 'stream.reset':
      return { refresh: true };
    default:
      return null;
  }
}

/**
 * Keeps the view fresh: the workbench's live stream (live/hub.ts, shared with the
 * queue: no connection of its own) while it holds, else polling every POLL_MS while
 * the page is visible. `members` is read when an event arrives.
 */
export function useLiveUpdates(
  id: string,
  members: readonly string[],
  refresh: () => void,
  refreshReport: (reportId: string) => void,
): LiveMode {
  const hub = useLiveHub();
  const [mode, setMode] = useState<LiveMode>(hub ? 'connecting' : 'polling');
  const current = useRef({ members, refresh, refreshReport });
  current.current = { members, refresh, refreshReport };

  useEffect(() => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    /** The stream was down since this view listened: a fresh one (not resumed) may have missed events. */
    let wasDown = false;
    const soon = () => {
      clearTimeout(settle);
      settle = setTimeout(() => current.current.refresh(), SETTLE_MS);
    };
    const startPolling = () => {
      if (poll !== undefined) return;
      poll = setInterval(() => {
        if (document.visibilityState === 'visible') current.current.refresh();
      }, POLL_MS);
    };
    const stopPolling = () => {
      clearInterval(poll);
      poll = undefined;
    };
    const stop = () => {
      clearTimeout(settle);
      stopPolling();
    };
    if (!hub) {
      setMode('polling');
      startPolling();
      return stop;
    }
    const unsubscribe = hub.subscribe({
      onStatus: (status) => {
        const next = liveModeOf(status);
        setMode(next);
        if (next === 'polling') {
          wasDown = true;
          startPolling();
        } else if (next === 'live') stopPolling();
      },
      onOpen: (resumed) => {
        if (wasDown && !resumed) soon();
        wasDown = false;
      },
      onEvent: (event) => {
        const action = eventAction(event, id, current.current.members);
        if (action === null) return;
        if ('report' in action) current.current.refreshReport(action.report);
        else soon();
      },
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, [id, hub]);

  return mode;
}
