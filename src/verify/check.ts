/**
 * The contract of a verification check, declared as data: its name and version,
 * which reports it applies to, what it costs, and a pure `run` that turns a report
 * (and the context the verify stage loaded) into findings. Checks never do I/O:
 * what they need is loaded before, by the stage. A finding is a fact for an
 * analyst, with a stable code, a severity, a message in English and Chinese, and
 * its evidence (identifiers, numbers, codes: never the report's text).
 */
import type { SunEvidence } from '../domain/evidence.js';
import type { Finding, FindingCode } from '../domain/findings.js';
import type { MediaFacts } from '../domain/media.js';
import type { Report } from '../domain/report.js';
import type { TextScoreFacts } from '../domain/text.js';
import type { TimeSource } from '../domain/time-sources.js';

export type { Finding } from '../domain/findings.js';
export type { Severity } from '../domain/flags.js';

/** What a check sees of a report: loaded by the verify stage, plain data. */
export interface CheckSubject {
  reportId: string;
  receivedAt: number;
  time: Report['time'];
  place: Report['place'];
  /** The times of the observation normalize gathered (claim, arrival, checks). */
  timeSources: readonly TimeSource[];
  /** Each attachment's declared type and what intake read from its bytes (null: before F8). */
  attachments: readonly { id: string; contentType: string; media: MediaFacts | null }[];
  /**
   * Images of earlier reports whose perceptual hash shares a band with one of this
   * report's (verify/near-dup): how many bits apart, and whether the earlier report
   * came from this report's own source (its caller or feed). A measure, loaded by the
   * stage; the media-reuse check judges it.
   */
  mediaMatches: readonly MediaMatch[];
  /**
   * Earlier reports (within TIPWIRE_TEXT_REUSE_WINDOW_HOURS) whose narrative's sketch shares
   * a band with this report's: their estimated similarity and whether they came from this
   * report's own source. A measure, loaded by the stage; the media-reuse check judges it.
   */
  textMatches: readonly TextMatch[];
  /** What an analyst judged or measured on the report's photo; null: nothing yet. */
  sun: SunEvidence | null;
  /** The language model's score of the narrative, made at intake; null: none was made. */
  textScore: TextScoreFacts | null;
}

export interface MediaMatch {
  attachmentId: string;
  earlierReportId: string;
  earlierAttachmentId: string;
  distanceBits: number;
  sameSource: boolean;
}

export interface TextMatch {
  earlierReportId: string;
  /** The estimated Jaccard similarity of the two narratives' shingles (0–1). */
  similarity: number;
  sameSource: boolean;
}

/** The thresholds checks judge by (one block of settings, parsed once). */
export interface CheckSettings {
  /** Times of one observation further apart than this contradict each other. */
  contradictionSeconds: number;
  /** Source data older than its expected latency plus this is stale. */
  staleToleranceSeconds: number;
  /** Images whose perceptual hashes differ in at most this many bits are one picture. */
  mediaReuseMaxBits: number;
  /** Narratives at least this similar (estimated Jaccard, 0–1) are one text. */
  textReuseMinSimilarity: number;
  /** How far back (hours) the verify stage loads earlier reports to compare texts with; 0: not at all. */
  textReuseWindowHours: number;
  /** The sun below this altitude (degrees) is night (sun.night_photo). */
  sunNightAltitudeDegrees: number;
  /** A measured shadow's bearing error (degrees) when the analyst gives none. */
  sunShadowBearingErrorDegrees: number;
  /** A measured length ratio's error (a fraction) when the analyst gives none. */
  sunShadowLengthError: number;
  /** A photo taken this far or further outside the claimed interval contradicts it (exif.time_mismatch). */
  exifTimeMismatchMinutes: number;
  /** Metres beyond both accuracies a photo's GPS position may lie from the claimed point (exif.place_mismatch). */
  exifPlaceMismatchMeters: number;
  /** When a text's perplexity is a finding (lm/text-findings.ts). */
  perplexity: {
    highPerplexity: number;
    lowPerplexity: number;
    minTokens: number;
    minKnownShare: number;
    minTrainingTokens: number;
  };
}

export interface CheckContext {
  settings: CheckSettings;
}

export interface Check {
  name: string;
  /** Goes up when the check's findings change meaning; stored with each finding. */
  version: number;
  /** Which reports it looks at, e.g. "with at least two time sources". */
  appliesTo(subject: CheckSubject): boolean;
  /** `heavy` checks may be put off under load (TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS). */
  cost: 'cheap' | 'heavy';
  /** Every finding code it can emit (its findings are replaced whole on each run). */
  codes: readonly FindingCode[];
  run(subject: CheckSubject, context: CheckContext): Finding[];
}
