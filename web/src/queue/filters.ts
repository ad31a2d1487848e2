/**
 * The lists' filters. The server applies them (GET /api/v1/reports: status, category,
 * flag, office, since, until; GET /api/v1/incidents: kind, office), so a filter reaches
 * every report, not only those loaded: a change reads the list again from its first
 * page. Here they decide what the server cannot: whether a row the live stream brings
 * belongs in the filtered list, and which loaded rows changed so that they no longer
 * match (shown no more until the filter is cleared).
 */
import type { IncidentItem, LiveReport, ReportItem } from './types.js';

/** An office filter's value for "no office": the API's own spelling (`office=none`). */
export const NO_OFFICE = 'none';

export interface ReportFilter {
  status: string;
  /** The category exactly as the report has it. */
  category: string;
  flag: string;
  /** An office id, NO_OFFICE, or '' for any. */
  office: string;
  /** An ISO time: only reports received at or after it; '' for any. */
  since: string;
  /** An ISO time: only reports received before it; '' for any. */
  until: string;
}

export const NO_REPORT_FILTER: ReportFilter = {
  status: '',
  category: '',
  flag: '',
  office: '',
  since: '',
  until: '',
};

export interface IncidentFilter {
  /** An event kind among the incident's kinds. */
  kind: string;
  office: string;
}

export const NO_INCIDENT_FILTER: IncidentFilter = { kind: '', office: '' };

/** The filter as query parameters of the list's route (those set, in a fixed order). */
export function filterParams(f: ReportFilter | IncidentFilter): [string, string][] {
  return Object.entries(f).filter(([, v]) => v !== '') as [string, string][];
}

export const sameFilter = <F extends ReportFilter | IncidentFilter>(a: F, b: F) =>
  (Object.keys(a) as (keyof F)[]).every((k) => a[k] === b[k]);

/** The fields a filter reads, from the full report or its live event. */
export function reportFacts(item: ReportItem) {
  const r = item.full ?? item.live;
  return {
    status: item.full?.status ?? null,
    category: r.category,
    flags: r.flags,
    officeId: r.officeId,
    receivedAt: r.receivedAt,
  };
}

export const isFiltering = (f: ReportFilter | IncidentFilter) =>
  Object.values(f).some((v) => v !== '');

/** Whether the facts known match the filter; null when one it asks about is not known. */
function reportMatch(r: ReturnType<typeof reportFacts>, f: ReportFilter): boolean | null {
  if (f.category && r.category !== f.category) return false;
  if (f.flag && !r.flags.includes(f.flag)) return false;
  if (f.office && (r.officeId ?? NO_OFFICE) !== f.office) return false;
  const at = Date.parse(r.receivedAt);
  if (f.since && at < Date.parse(f.since)) return false;
  if (f.until && at >= Date.parse(f.until)) return false;
  if (f.status && r.status === null) return null;
  return !(f.status && r.status !== f.status);
}

/** A loaded row: shown while it matches (a report known only from its event has no status). */
export const matchesReport = (item: ReportItem, f: ReportFilter): boolean =>
  reportMatch(reportFacts(item), f) === true;

/**
 * A report the live stream brings: whether it belongs in the filtered list, or null when
 * the event does not say (its status): the report is read, and its full view decides.
 */
export const liveReportMatch = (report: LiveReport, f: ReportFilter): boolean | null =>
  reportMatch(
    {
      status: null,
      category: report.category,
      flags: report.flags,
      officeId: report.officeId,
      receivedAt: report.receivedAt,
    },
    f,
  );

/**
 * Whether an incident matches; an incident known only from a live summary (no kinds or
 * no office) does not yet: it is read, and its full view decides.
 */
export function matchesIncident(item: IncidentItem, f: IncidentFilter): boolean {
  if (f.kind && !item.kinds?.includes(f.kind)) return false;
  if (f.office && item.officeId === undefined) return false;
  return !(f.office && (item.officeId ?? NO_OFFICE) !== f.office);
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** What the loaded rows suggest (a category is typed; these are offered as it is). */
export function reportOptions(items: readonly ReportItem[]) {
  const facts = items.map(reportFacts);
  return {
    categories: sorted(facts.flatMap((r) => (r.category ? [r.category] : []))),
    offices: sorted(facts.flatMap((r) => (r.officeId ? [r.officeId] : []))),
  };
}

export function incidentOptions(items: readonly IncidentItem[]) {
  return { offices: sorted(items.flatMap((i) => (i.officeId ? [i.officeId] : []))) };
}

/**
 * The offices a viewer may filter by: null for an office's own staff (they see only their
 * own cases). Supervisors may list the offices (GET /api/v1/offices: `named`, with their
 * names); analysts may not, and choose among the ids the loaded rows name. The office
 * chosen is always among them, also when no loaded row names it.
 */
export function officeChoices(
  roles: readonly string[],
  named: readonly { id: string; name: string }[] | null,
  loaded: readonly string[],
  chosen: string,
): { value: string; label: string }[] | null {
  if (!roles.includes('supervisor') && !roles.includes('analyst')) return null;
  const names = new Map((named ?? []).map((o) => [o.id, o.name]));
  const ids = sorted([
    ...names.keys(),
    ...loaded,
    ...(chosen && chosen !== NO_OFFICE ? [chosen] : []),
  ]);
  return ids.map((id) => ({ value: id, label: names.get(id) ?? id }));
}
