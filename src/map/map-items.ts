/**
 * Reports and incidents as items of the map, pure: a point, an interval, the
 * attributes a single feature shows, and who may see it (the member scope of
 * access/scope.ts, as data). An item is in the "visible" part of its layer when
 * analysts see it (a report in their queue; an incident with a member in it), else in
 * the "hidden" part that only supervisors and the offices named see.
 */
import type { MapIncidentRow, MapReportRow } from '../store/store.js';

export type MapLayerName = 'reports' | 'incidents';

export interface MapItem {
  id: string;
  lat: number;
  lon: number;
  from: number;
  to: number;
  radiusMeters: number | null;
  category: string | null;
  status: string | null;
  confidence: number | null;
  reportCount: number | null;
  /** Analysts see it (reports: in their queue; incidents: a member is). */
  analystVisible: boolean;
  /** An incident some of whose members analysts do not see: shown to them over the others. */
  partial: boolean;
  /** The offices whose viewers see it (its members are assigned to them). */
  officeIds: string[];
}

const firstKind = (kinds: string | null): string | null => kinds?.split(',')[0] || null;

/** The report as a map item, or null when it has no point. */
export function reportItem(row: MapReportRow): MapItem | null {
  if (row.lat === null || row.lon === null) return null;
  return {
    id: row.id,
    lat: row.lat,
    lon: row.lon,
    from: row.from,
    to: Math.max(row.from, row.to),
    radiusMeters: row.accuracyMeters,
    category: row.category ?? firstKind(row.kinds),
    status: row.status,
    confidence: null,
    reportCount: null,
    analystVisible: row.queue === 'analyst',
    partial: false,
    officeIds: row.officeId ? [row.officeId] : [],
  };
}

/** The incident as a map item, or null when it was merged away or has no centroid. */
export function incidentItem(row: MapIncidentRow): MapItem | null {
  if (row.mergedInto !== null || row.lat === null || row.lon === null) return null;
  return {
    id: row.id,
    lat: row.lat,
    lon: row.lon,
    from: row.start,
    to: Math.max(row.start, row.end),
    radiusMeters: row.radiusMeters,
    category: firstKind(row.kinds),
    status: null,
    confidence: row.confidence,
    reportCount: row.reportCount,
    analystVisible: row.analystMembers > 0,
    partial: row.analystMembers > 0 && row.otherMembers > 0,
    officeIds: row.officeIds,
  };
}

/** Which items a viewer sees: access/scope.ts's MemberScope with the office's id. */
export interface ItemScope {
  all: boolean;
  analystQueue: boolean;
  officeId: string | null;
}

export const seesItem = (
  scope: ItemScope,
  item: Pick<MapItem, 'analystVisible' | 'officeIds'>,
): boolean =>
  scope.all ||
  (scope.analystQueue && item.analystVisible) ||
  (scope.officeId !== null && item.officeIds.includes(scope.officeId));
