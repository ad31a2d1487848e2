/**
 * What the live stream says about a processed report: ids, time, place, flags and
 * its incident — never the narrative or the caller's pseudonym.
 */
import type { Incident } from '../domain/incident.js';
import type { Report } from '../domain/report.js';

export interface LiveEvent {
  type: 'report.processed';
  payload: {
    report: {
      id: string;
      externalId: string | null;
      channel: string;
      category: string | null;
      receivedAt: string;
      observedFrom: string | null;
      observedTo: string | null;
      lat: number | null;
      lon: number | null;
      flags: string[];
      incidentId: string | null;
      queue: string;
      officeId: string | null;
    };
    incident: {
      id: string;
      reportCount: number;
      start: string;
      end: string;
      centroid: { lat: number; lon: number } | null;
    } | null;
  };
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export function reportProcessedEvent(report: Report, incident: Incident | null): LiveEvent {
  return {
    type: 'report.processed',
    payload: {
      report: {
        id: report.id,
        externalId: report.externalId,
        channel: report.channel,
        category: report.category,
        receivedAt: new Date(report.receivedAt).toISOString(),
        observedFrom: iso(report.time?.from),
        observedTo: iso(report.time?.to),
        lat: report.place?.lat ?? null,
        lon: report.place?.lon ?? null,
        flags: report.flags,
        incidentId: report.incidentId,
        queue: report.queue,
        officeId: report.officeId,
      },
      incident: incident && {
        id: incident.id,
        reportCount: incident.reportCount,
        start: new Date(incident.start).toISOString(),
        end: new Date(incident.end).toISOString(),
        centroid: incident.centroid,
      },
    },
  };
}
