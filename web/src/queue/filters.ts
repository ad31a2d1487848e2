/**
 * The filters the API does not offer, applied in the page over the rows loaded so far
 * (never over what the server has not sent: "load more" brings more to filter).
 * GET /api/v1/reports filters by search and queue only, so status, category, flag,
 * office and received-since filter here; GET /api/v1/incidents sorts and filters by
 * confidence and time itself, so only the kind and the office filter here.
 */
import type { IncidentItem, ReportItem } from './types.js';

/** An office filter's value for "no office". */
export const NO_OFFICE = '-';

export interface ReportFilter {
  status: string;
  category: string;
  flag: string;
  /** An office id, NO_OFFICE, or '' for any. */
  office: string;
  /** An ISO time: only reports received since then; '' for any. */
  since: string;
}

export const NO_REPORT_FILTER: ReportFilter = {
  status: '',
  category: '',
  flag: '',
  office: '',
  since: '',
};

export interface IncidentFilter {
  kind: string;
  office: string;
}

export const NO_INCIDENT_FILTER: IncidentFilter = { kind: '', office: '' };

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

export function matchesReport(item: ReportItem, f: ReportFilter): boolean {
  const r = reportFacts(item);
  if (f.status && r.status !== f.status) return false;
  if (f.category && r.category !== f.category) return false;
  if (f.flag && !r.flags.includes(f.flag)) return false;
  if (f.office && (r.officeId ?? NO_OFFICE) !== f.office) return false;
  return !(f.since && Date.parse(r.receivedAt) < Date.parse(f.since));
}

export function matchesIncident(item: IncidentItem, f: IncidentFilter): boolean {
  if (f.kind && !(item.kinds ?? []).includes(f.kind)) return false;
  return !(f.office && (item.officeId ?? NO_OFFICE) !== f.office);
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** What the loaded rows offer to filter by. */
export function reportOptions(items: readonly ReportItem[]) {
  const facts = items.map(reportFacts);
  return {
    categories: sorted(facts.flatMap((r) => (r.category ? [r.category] : []))),
    flags: sorted(facts.flatMap((r) => r.flags)),
    offices: sorted(facts.flatMap((r) => (r.officeId ? [r.officeId] : []))),
  };
}

export function incidentOptions(items: readonly IncidentItem[]) {
  return {
    kinds: sorted(items.flatMap((i) => i.kinds ?? [])),
    offices: sorted(items.flatMap((i) => (i.officeId ? [i.officeId] : []))),
  };
}
