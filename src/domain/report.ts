/**
 * The shared vocabulary of a report, from intake to export. Times are epoch
 * milliseconds (UTC) inside the system and ISO 8601 strings at its edges.
 */

export const CHANNELS = ['phone', 'web', 'app', 'api', 'feed'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a report is in the pipeline. */
export const REPORT_STAGES = ['received', 'normalized', 'correlated', 'done'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export type ClaimedLocation =
  | { lat: number; lon: number; accuracyMeters?: number; text?: string }
  | { text: string; lat?: undefined; lon?: undefined; accuracyMeters?: number };

/** The reporter's claims about when and where, exactly as given (after validation). */
export interface Claims {
  observedAt?: string;
  timezone?: string;
  precisionSeconds?: number;
  location?: ClaimedLocation;
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface NewAttachment extends AttachmentMeta {
  data: Buffer;
}

/** A report as accepted at intake: no raw phone number, only its pseudonym. */
export interface NewReport {
  id: string;
  externalId: string | null;
  channel: Channel;
  narrative: string;
  category: string | null;
  receivedAt: number;
  claims: Claims;
  callerPseudonym: string | null;
  attachments: NewAttachment[];
}

/** How the zone of a local time was learned. */
export type ZoneSource = 'offset' | 'timezone' | 'coordinates' | 'assumed';

/** When it happened, as a UTC interval, or as local time when the zone is unknown. */
export interface ObservedTime {
  /** Start of the UTC interval (ms), null when the zone is unknown. */
  from: number | null;
  /** End of the UTC interval (ms), null when the zone is unknown. */
  to: number | null;
  /** The wall-clock time as stated, without zone (`2026-11-20T21:10:00`). */
  local: string | null;
  timezone: string | null;
  zoneSource: ZoneSource | null;
  precisionSeconds: number;
}

/** Where it happened. Coordinates are WGS84 degrees; null when only text is known. */
export interface ObservedPlace {
  lat: number | null;
  lon: number | null;
  accuracyMeters: number | null;
  text: string | null;
}

export interface Normalization {
  time: ObservedTime | null;
  place: ObservedPlace | null;
  flags: string[];
}

export interface Report extends Omit<NewReport, 'attachments'> {
  stage: ReportStage;
  time: ObservedTime | null;
  place: ObservedPlace | null;
  flags: string[];
  incidentId: string | null;
  attachments: AttachmentMeta[];
}

/** A closed time interval in epoch ms. */
export interface Interval {
  from: number;
  to: number;
}

/**
 * The interval used to compare a report with others in time: the observed UTC
 * interval when known, otherwise the moment the report arrived.
 */
export function eventWindow(
  report: Pick<Report, 'time' | 'receivedAt'>,
): Interval & { fromObservation: boolean } {
  const t = report.time;
  if (t && t.from !== null && t.to !== null)
    return { from: t.from, to: t.to, fromObservation: true };
  return { from: report.receivedAt, to: report.receivedAt, fromObservation: false };
}

/** A point, when the report's place has coordinates that passed normalization. */
export function eventPoint(report: Pick<Report, 'place'>): { lat: number; lon: number } | null {
  const p = report.place;
  return p && p.lat !== null && p.lon !== null ? { lat: p.lat, lon: p.lon } : null;
}
