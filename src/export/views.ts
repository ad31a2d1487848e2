/** The JSON shapes of reports and incidents outside tipwire: API answers and exports. */
import type { Incident } from '../domain/incident.js';
import type { Report } from '../domain/report.js';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** Normalized time: the UTC interval, the local reading, the zone and where it came from. */
export function timeView(report: Report) {
  const t = report.time;
  return t
    ? {
        observedFrom: iso(t.from),
        observedTo: iso(t.to),
        observedLocal: t.local,
        timezone: t.timezone,
        zoneSource: t.zoneSource,
        precisionSeconds: t.precisionSeconds,
      }
    : null;
}

/** A report without its narrative: what exports and lists of metadata carry. */
export function reportMetadataView(report: Report) {
  return {
    id: report.id,
    externalId: report.externalId,
    channel: report.channel,
    category: report.category,
    receivedAt: new Date(report.receivedAt).toISOString(),
    status: report.stage,
    time: timeView(report),
    place: report.place,
    flags: report.flags,
    incidentId: report.incidentId,
    callerPseudonym: report.callerPseudonym,
  };
}

export function reportView(report: Report) {
  return {
    ...reportMetadataView(report),
    narrative: report.narrative,
    claims: report.claims,
    attachments: report.attachments,
  };
}

export function incidentView(
  incident: Incident,
  members: { reportIds: string[]; externalIds: string[]; sources: string[] },
) {
  return {
    id: incident.id,
    reportIds: members.reportIds,
    externalIds: members.externalIds,
    start: new Date(incident.start).toISOString(),
    end: new Date(incident.end).toISOString(),
    centroid: incident.centroid,
    reportCount: incident.reportCount,
    independentSources: new Set(members.sources).size,
    createdAt: new Date(incident.createdAt).toISOString(),
    updatedAt: new Date(incident.updatedAt).toISOString(),
  };
}
