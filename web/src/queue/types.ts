/**
 * The shapes the queue reads, typed from the server's own code (type imports only:
 * nothing of the server is bundled): a report as GET /api/v1/reports answers it, an
 * incident as GET /api/v1/incidents does, and the live events' payloads.
 */
import type { incidentView, reportView } from '../../../src/export/views.js';
import type { IncidentEventPayload } from '../../../src/notify/incident-events.js';
import type { LiveEvent } from '../../../src/notify/report-events.js';

export type ReportView = ReturnType<typeof reportView>;
export type IncidentView = ReturnType<typeof incidentView>;
/** What `report.processed` and `report.updated` say of a report: metadata, never text. */
export type LiveReport = LiveEvent['payload']['report'];
/** The incident summary a report event carries (over the members the viewer sees). */
export type LiveIncidentSummary = NonNullable<LiveEvent['payload']['incident']>;
export type LiveIncident = IncidentEventPayload['incident'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A row of the reports list: the full report, or (until it is read) what the live
 * event said of it; `failed` when reading it failed.
 */
export type ReportItem =
  | { id: string; full: ReportView; live: null; failed: false }
  | { id: string; full: null; live: LiveReport; failed: boolean };

/** A row of the incidents list: the full view, or parts of it from live events. */
export type IncidentItem = { id: string } & Partial<Omit<IncidentView, 'id'>>;

export const fullItem = (report: ReportView): ReportItem => ({
  id: report.id,
  full: report,
  live: null,
  failed: false,
});

export const liveItem = (report: LiveReport): ReportItem => ({
  id: report.id,
  full: null,
  live: report,
  failed: false,
});
