/** What `tipwire export` writes for reports and incidents, in each format. */
import type { Incident } from '../domain/incident.js';
import type { Report } from '../domain/report.js';
import type { Store } from '../store/store.js';
import { incidentView, reportMetadataView } from './views.js';
import { csv, geojson, jsonl, type CsvValue } from './formats.js';

export const EXPORT_KINDS = ['reports', 'incidents'] as const;
export const EXPORT_FORMATS = ['jsonl', 'csv', 'geojson'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /**
   * Opens a report's sealed narrative; given only when narratives are to be
   * included (off by default: exports leave the building).
   */
  openNarrative?: (report: Report) => string;
}

type ReportLine = ReturnType<typeof reportMetadataView> & { narrative?: string };

function reportLine(report: Report, options: ExportOptions): ReportLine {
  const view: ReportLine = reportMetadataView(report);
  if (options.openNarrative) view.narrative = options.openNarrative(report);
  return view;
}

const REPORT_COLUMNS: { header: string; value: (r: ReportLine) => CsvValue }[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'externalId', value: (r) => r.externalId },
  { header: 'channel', value: (r) => r.channel },
  { header: 'category', value: (r) => r.category },
  { header: 'receivedAt', value: (r) => r.receivedAt },
  { header: 'status', value: (r) => r.status },
  { header: 'version', value: (r) => r.version },
  { header: 'observedFrom', value: (r) => r.time?.observedFrom },
  { header: 'observedTo', value: (r) => r.time?.observedTo },
  { header: 'observedLocal', value: (r) => r.time?.observedLocal },
  { header: 'timezone', value: (r) => r.time?.timezone },
  { header: 'zoneSource', value: (r) => r.time?.zoneSource },
  { header: 'precisionSeconds', value: (r) => r.time?.precisionSeconds },
  { header: 'lat', value: (r) => r.place?.lat },
  { header: 'lon', value: (r) => r.place?.lon },
  { header: 'accuracyMeters', value: (r) => r.place?.accuracyMeters },
  { header: 'placeText', value: (r) => r.place?.text },
  { header: 'flags', value: (r) => r.flags.join(';') },
  { header: 'incidentId', value: (r) => r.incidentId },
  { header: 'callerPseudonym', value: (r) => r.callerPseudonym },
];

type IncidentLine = ReturnType<typeof incidentView>;

const INCIDENT_COLUMNS: { header: string; value: (i: IncidentLine) => CsvValue }[] = [
  { header: 'id', value: (i) => i.id },
  { header: 'start', value: (i) => i.start },
  { header: 'end', value: (i) => i.end },
  { header: 'centroidLat', value: (i) => i.centroid?.lat },
  { header: 'centroidLon', value: (i) => i.centroid?.lon },
  { header: 'radiusMeters', value: (i) => i.radiusMeters },
  { header: 'category', value: (i) => i.category },
  { header: 'confidence', value: (i) => i.confidence },
  { header: 'reportCount', value: (i) => i.reportCount },
  { header: 'independentSources', value: (i) => i.independentSources },
  { header: 'reportIds', value: (i) => i.reportIds.join(' ') },
  { header: 'externalIds', value: (i) => i.externalIds.join(' ') },
];

function* openIncidents(all: Iterable<Incident>): Generator<Incident> {
  for (const i of all) if (!i.mergedInto) yield i;
}

function* map<T, U>(items: Iterable<T>, fn: (t: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}

export function exportChunks(
  store: Store,
  kind: ExportKind,
  format: ExportFormat,
  options: ExportOptions,
): Iterable<string> {
  if (kind === 'reports') {
    const lines = map(store.reports.all(), (r) => reportLine(r, options));
    if (format === 'jsonl') return jsonl(lines);
    if (format === 'csv') {
      const columns = options.openNarrative
        ? [...REPORT_COLUMNS, { header: 'narrative', value: (r: ReportLine) => r.narrative }]
        : REPORT_COLUMNS;
      return csv(columns, lines);
    }
    return geojson(
      map(lines, (r) => ({
        point:
          r.place && r.place.lat !== null && r.place.lon !== null
            ? { lat: r.place.lat, lon: r.place.lon }
            : null,
        properties: r,
      })),
    );
  }
  // Open incidents only: a merged one lives on in the one that absorbed it (same ids every export).
  const lines = map(openIncidents(store.incidents.all()), (i: Incident) =>
    incidentView(i, store.incidents.memberIds(i.id)),
  );
  if (format === 'jsonl') return jsonl(lines);
  if (format === 'csv') return csv(INCIDENT_COLUMNS, lines);
  return geojson(map(lines, (i) => ({ point: i.centroid, properties: i })));
}
