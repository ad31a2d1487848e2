/**
 * The shared vocabulary of a report, from intake to export. Times are epoch
 * milliseconds (UTC) inside the system and ISO 8601 strings at its edges.
 */
import type { EventKind } from './event-kinds.js';
import type { FlagCode } from './flags.js';
import type { SunEvidence } from './evidence.js';
import type { MediaFacts } from './media.js';
import type { ReportObservable, TextScoreFacts } from './text.js';

export const CHANNELS = ['phone', 'web', 'app', 'api', 'feed'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a case stands for the people working it (retention follows it). */
export const CASE_STATUSES = ['new', 'in_review', 'closed', 'unfounded'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Which queue a report waits in: the analysts', or the abuse queue (repeat dialers). */
export const QUEUES = ['analyst', 'abuse'] as const;
export type Queue = (typeof QUEUES)[number];

/** Where a report is in the pipeline. */
export const REPORT_STAGES = ['received', 'normalized', 'correlated', 'done'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/**
 * Where the reporter says it happened. lat/lon are decimal degrees, or text in
 * degrees-minutes-seconds (`34°15'39.6"N`); a plain string is free text.
 */
export type ClaimedLocation =
  | { lat: number | string; lon: number | string; accuracyMeters?: number; text?: string }
  | { text: string; lat?: undefined; lon?: undefined; accuracyMeters?: number }
  | string;

/** How the reporter knows what they report (Report JSON `howKnown`). */
export const HOW_KNOWN = ['saw', 'heard', 'was_told', 'document', 'sensor', 'other'] as const;
export type HowKnown = (typeof HOW_KNOWN)[number];

/** The reporter's claims about when and where, exactly as given (after validation). */
export interface Claims {
  /** ISO 8601 (with or without offset), natural language, or epoch seconds. */
  observedAt?: string | number;
  timezone?: string;
  precisionSeconds?: number;
  location?: ClaimedLocation;
  /** Who or what the report is about, in the reporter's words (people, vehicles, objects). */
  subjects?: string;
  howKnown?: HowKnown;
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** What intake read from its bytes; null for files stored before F8. */
  media: MediaFacts | null;
}

/**
 * An attachment as stored: its name and digest are sealed with its bytes (a file
 * name or a known file's hash could identify the reporter); only the media type
 * and size are in the clear.
 */
export interface StoredAttachment {
  id: string;
  contentType: string;
  sizeBytes: number;
  /**
   * `{filename, sha256, fileKey}` as JSON, sealed under the report's data key (`fileKey`:
   * the key of its segments; absent for files stored before schema version 14).
   */
  sealedMeta: Buffer;
  /** What intake read from its bytes (domain/media.ts); null for files stored before F8. */
  media: MediaFacts | null;
  /**
   * Plaintext bytes per sealed segment (protect/sealed-file.ts); null: a file stored
   * before schema version 14, sealed whole under the report's data key.
   */
  segmentBytes: number | null;
}

export interface NewAttachment extends StoredAttachment {
  segmentBytes: number;
  /**
   * Its sealed segments, to write with the report (a file that came in memory: base64 in
   * JSON, an import), or `staged`: written while the upload arrived, claimed by the
   * transaction that stores the report.
   */
  sealed: { segments: Buffer[] } | 'staged';
}

/** A report's text as stored: sealed under its own data key, itself wrapped by the master key. */
/** Bytes of one blind-index search token (a truncated HMAC; protect/blind-index.ts). */
export const SEARCH_TOKEN_BYTES = 16;

export interface SealedText {
  /** The report's data key, wrapped (see protect/vault.ts). */
  dataKey: Buffer;
  narrative: Buffer;
  /** The reporter's who/what (`subjects`), when given. */
  subjects: Buffer | null;
  /**
   * The observables of its text (narrative and who/what) as JSON `[{type, value}]`
   * (domain/text.ts), sealed; null when none were found or for reports stored before F8.
   */
  observables?: Buffer | null;
}

/** What completeness needs from the sealed text, counted at intake: numbers, never text. */
export interface TextFacts {
  narrativeWords: number;
  /** Words of the reporter's who/what, and whether it is vague ("someone"); null when not given. */
  who: { words: number; vague: boolean } | null;
  /**
   * The narrative says its sender reported this before ("I called earlier", "又是我"):
   * correlate/says-repeat.ts. Absent on reports stored before it was read.
   */
  saysRepeat?: boolean;
  /**
   * The narrative says its sender saw the event from afar ("in the distance", "远处"):
   * correlate/seen-from-afar.ts. Absent on reports stored before it was read.
   */
  seenFromAfar?: boolean;
}

/** The optional street-level geocoder's answer for a report's place text. */
export interface GeocodedPlace {
  lat: number;
  lon: number;
  accuracyMeters: number;
  label: string;
}

/**
 * A report as accepted at intake, ready to store: no raw phone number (only its
 * pseudonyms) and no plaintext (only sealed text and blind-index tokens).
 */
export interface NewReport {
  id: string;
  externalId: string | null;
  channel: Channel;
  category: string | null;
  receivedAt: number;
  claims: Claims;
  /** The caller's pseudonym under the current epoch key. */
  callerPseudonym: string | null;
  /** The caller's pseudonym under the previous epoch key, linking across the boundary. */
  callerLink: string | null;
  /** Who sent it on the caller's behalf (`token:<id>`, `user:<name>`); null for the public. */
  submittedBy: string | null;
  /**
   * Who may send a new version of it by its externalId: `import`, `token:<id>` or
   * `user:<name>`; null for the public (anyone could claim an externalId) and without one.
   */
  sender: string | null;
  /**
   * A keyed hash of its content (intake/new-report.ts `contentHashOf`), by which an
   * identical resend is recognised; null for reports stored before versions.
   */
  contentHash: string | null;
  sealed: SealedText;
  textFacts: TextFacts;
  /**
   * The kinds of event its category or narrative names (correlate/event-kind.ts), read
   * at intake; [] when it names none, and for reports stored before kinds were read.
   */
  eventKinds: EventKind[];
  /**
   * The keyed MinHash sketch of its narrative (correlate/text-sketch.ts), for
   * near-duplicates; null for reports stored before sketches were made.
   */
  textSketch: Buffer | null;
  searchTokens: Buffer[];
  attachments: NewAttachment[];
}

export type ObservableToken = Pick<ReportObservable, 'type' | 'token'>;

/** How the zone of a local time was learned. */
/** Where the zone came from; `text`: written in observedAt ("UTC", "EST", 北京时间). */
export type ZoneSource = 'offset' | 'timezone' | 'coordinates' | 'assumed' | 'text';

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
  /** Half the width of the UTC interval: the ± of the time, all uncertainty included. */
  precisionSeconds: number;
  /** How observedAt was read. */
  reading?: 'iso' | 'epoch' | 'natural';
  /** The coarsest thing the statement pins down: `instant` for ISO/epoch times. */
  grain?: TimeGrain;
  /** End of the stated local period (`2026-11-19T23:59:59` for "yesterday"); null for a moment. */
  localEnd?: string | null;
  /** A time of day stated inside a longer period ("3 AM last autumn" → `03:00`). */
  timeOfDay?: string | null;
  /** Whether vague words ("around", "左右") widened the interval. */
  vague?: boolean;
  /** precisionSeconds as the reporter stated it, before grain and vague words. */
  statedPrecisionSeconds?: number | null;
  /** The UTC offset (minutes) used, when one offset was. */
  offsetMinutes?: number | null;
  /**
   * Every reading the interval covers when the wall-clock time is not one instant:
   * a DST overlap (both), a DST gap (both offsets), or zones in dispute.
   */
  candidates?: { at: number; offsetMinutes: number; timezone: string }[];
  /** Words of observedAt that look like time but were not understood (time.partly_read). */
  unread?: string[];
  /** Separate UTC intervals the interval covers ("last Friday" said on a Saturday: two days). */
  alternatives?: { from: number; to: number }[];
}

export type TimeGrain =
  | 'instant'
  | 'second'
  | 'minute'
  | 'hour'
  | 'part_of_day'
  | 'day'
  | 'week'
  | 'month'
  | 'season'
  | 'year';

/** Where it happened. Coordinates are WGS84 degrees; null when only text is known. */
export interface ObservedPlace {
  lat: number | null;
  lon: number | null;
  accuracyMeters: number | null;
  text: string | null;
  /** Where the point came from; null when there is none. */
  source?: 'coordinates' | 'text_coordinates' | 'gazetteer' | 'geocoder' | null;
  /** The name of the matched place (`Xi'an, CN`), from the gazetteer or geocoder. */
  label?: string | null;
  /** The gazetteer entry the text resolved to, and how many other places share the name. */
  match?: {
    id: string;
    name: string;
    country: string;
    population: number;
    matched: string;
    radiusMeters: number;
    alternatives: number;
  } | null;
  /** The point as stated, when it was corrected (`place.swapped`). */
  stated?: { lat: number; lon: number } | null;
  /** Distance from the point to the place named in the text, when both are known. */
  distanceToTextMeters?: number | null;
}

export interface Normalization {
  time: ObservedTime | null;
  place: ObservedPlace | null;
  flags: FlagCode[];
  /** Completeness score in [0, 1] and its parts (normalize/completeness.ts). */
  completeness?: {
    score: number;
    /** Share of the six fields present at all (the seed's "93 % of fields present"). */
    presence: number;
    components: Record<'who' | 'what' | 'where' | 'when' | 'howKnown' | 'evidence', number>;
  };
  /** The questions that would raise the score most, best first. */
  nextQuestions?: { field: string; gain: number; question: { en: string; zh: string } }[];
  /**
   * The times of this observation (claim, arrival, checks), gathered by normalize;
   * `spreadSeconds` and `stale` are the verify stage's comparison of them, once run.
   */
  timeSources?: {
    spreadSeconds?: number;
    sources: {
      source: string;
      from: number;
      to: number;
      latencySeconds?: number;
      dataAt?: number;
    }[];
    stale?: { source: string; dataAt: number; ageSeconds: number; latencySeconds: number }[];
  };
  /** Set by the verify stage when the times disagree (`time.contradiction`): a deeper check is due. */
  needsDeeperVerification?: boolean;
}

/**
 * Where the reading of its text (score and observables, intake/text-backlog.ts) stands:
 * `pending` until the text worker has read it, `done`, `failed` (the worker could not);
 * null for reports stored before F8's text analysis.
 */
export type TextState = 'pending' | 'done' | 'failed';

export interface Report extends Omit<NewReport, 'attachments' | 'searchTokens'> {
  /** The language model's score of its narrative (domain/text.ts); null until read. */
  textScore: TextScoreFacts | null;
  textState: TextState | null;
  /** Order of arrival in the store; with `receivedAt`, a list's cursor. */
  seq: number;
  /** 1 as first stored; +1 for each resend that changed it (earlier ones: ReportVersion). */
  version: number;
  stage: ReportStage;
  status: CaseStatus;
  statusChangedAt: number;
  queue: Queue;
  /** The field office the case is assigned to, if any. */
  officeId: string | null;
  time: ObservedTime | null;
  place: ObservedPlace | null;
  flags: string[];
  incidentId: string | null;
  /** Why correlation kept it apart from other incidents (an `cluster.*` code), or null. */
  incidentReason: FlagCode | null;
  /** Whether an analyst placed it in its incident (the automatic rule never moves it). */
  incidentPinned: boolean;
  attachments: StoredAttachment[];
  /** Completeness, next questions and the time-source comparison, once normalized. */
  assessment: Omit<Normalization, 'time' | 'place' | 'flags'> | null;
  geocoded: GeocodedPlace | null;
  /** Asking the optional geocoder: null (not needed), wanted, done or failed. */
  geocodeState: 'wanted' | 'done' | 'failed' | null;
  /** What an analyst judged or measured on its photo (daylight, a shadow); null: nothing yet. */
  sunEvidence?: SunEvidence | null;
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
