/**
 * What the live stream says when an incident changes (a report joined, incidents
 * merged, an analyst split or moved reports): its summary and confidence — ids,
 * numbers and codes, never report text.
 */
import type { Incident } from '../domain/incident.js';

export interface IncidentEventPayload {
  incident: {
    id: string;
    reportCount: number;
    start: string;
    end: string;
    centroid: { lat: number; lon: number } | null;
    kinds: string[];
    confidence: number | null;
    independentSources: number;
    radiusMeters: number;
    mergedInto: string | null;
  };
  /** What changed: `joined`, `merged`, `split`, `moved`, `attached`. */
  change: string;
}

export function incidentUpdatedEvent(incident: Incident, change: string) {
  const payload: IncidentEventPayload = {
    incident: {
      id: incident.id,
      reportCount: incident.reportCount,
      start: new Date(incident.start).toISOString(),
      end: new Date(incident.end).toISOString(),
      centroid: incident.centroid,
      kinds: incident.kinds,
      confidence: incident.confidence,
      independentSources: incident.independentSources,
      radiusMeters: Math.round(incident.radiusMeters),
      mergedInto: incident.mergedInto,
    },
    change,
  };
  return { type: 'incident.updated' as const, payload };
}
