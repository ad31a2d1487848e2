/**
 * The normalize stage's pure core for one report: claims in; UTC time interval,
 * place, flags, the times of the observation gathered, completeness and next
 * questions out. Deterministic: the clock is `context.receivedAt`, the zone lookup
 * and gazetteer come in `deps` (absent deps: coordinates give no zone, text is not
 * resolved). `decideNormalization` is the stage's decision over a stored report.
 *
 * Order: place first, so that the time is read in the zone of the corrected point.
 * The times gathered are the claim, the arrival (a bound: the observation lies in
 * [receivedAt − maxAgeDays, receivedAt + futureToleranceSeconds]) and any that
 * checks added (`context.timeSources`). Comparing them (`time.contradiction`,
 * `source.stale`) is the verify stage's time-sources check (verify/checks/).
 */
import { FLAG } from '../domain/flags.js';
import type { MediaFacts } from '../domain/media.js';
import {
  eventPoint,
  eventWindow,
  type Claims,
  type Interval,
  type Normalization,
  type ObservedPlace,
  type ObservedTime,
  type Report,
} from '../domain/report.js';
import {
  type Completeness,
  type CompletenessFacts,
  countWords,
  isVagueWho,
  scoreCompleteness,
} from './completeness.js';
import { type NextQuestion, nextQuestions } from './next-questions.js';
import { applyGeocodeHit, type GeocodeHit, geocodeQuery } from './geocoder.js';
import { normalizePlace, type PlaceDeps } from './place.js';
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';
import { timeSpread, type TimeSource } from '../domain/time-sources.js';
import { normalizeTime, type TimeDeps } from './time.js';

export interface NormalizeContext {
  /** Arrival (epoch ms). Without it natural-language times cannot be read. */
  receivedAt: number;
  narrative: string | null;
  /**
   * Words in the narrative (completeness.countWords), for a shell that no longer
   * holds the plaintext (narratives are sealed at intake); wins over `narrative`.
   */
  narrativeWords: number;
  /**
   * Who/what, counted at intake (the text itself is sealed); wins over
   * `claims.subjects`. null: not given.
   */
  who: { words: number; vague: boolean } | null;
  category: string | null;
  attachmentCount: number;
  /** Times of this observation found by checks (EXIF, sensors…). */
  timeSources: readonly TimeSource[];
  /**
   * The optional street-level geocoder's answer for `geocodeQueryFor(claims)`,
   * fetched by the shell beforehand (the core never does I/O); null: nothing found.
   */
  geocoded: GeocodeHit | null;
}

export type NormalizeDeps = PlaceDeps & TimeDeps;

export interface NormalizedReport extends Normalization {
  completeness: Completeness;
  nextQuestions: NextQuestion[];
  timeSources: { spreadSeconds: number; sources: TimeSource[] };
}

const DAY = 86_400_000;

/** Completeness facts of a report from its claims and normalization. */
export function factsOf(
  claims: Claims,
  n: { time: ObservedTime | null; place: ObservedPlace | null; flags: readonly string[] },
  context: Pick<
    Partial<NormalizeContext>,
    'narrative' | 'narrativeWords' | 'who' | 'category' | 'attachmentCount'
  >,
): CompletenessFacts {
  const subjects = claims.subjects?.trim() || null;
  const who =
    context.who !== undefined
      ? context.who
      : subjects
        ? { words: countWords(subjects), vague: isVagueWho(subjects) }
        : null;
  const observed = claims.observedAt !== undefined && claims.observedAt !== '';
  return {
    who,
    what: {
      narrativeWords: context.narrativeWords ?? countWords(context.narrative ?? null),
      category: Boolean(context.category),
    },
    where:
      claims.location === undefined
        ? null
        : { accuracyMeters: n.place && n.place.lat !== null ? n.place.accuracyMeters : null },
    when: observed
      ? {
          precisionSeconds: n.time ? n.time.precisionSeconds : null,
          zoneKnown: !n.flags.includes(FLAG.time.zone_unknown),
        }
      : null,
    howKnown: claims.howKnown ?? null,
    evidence: context.attachmentCount ?? 0,
  };
}

export function normalizeClaims(
  claims: Claims,
  context: Partial<NormalizeContext> = {},
  deps: NormalizeDeps = {},
  settings: NormalizeSettings = NORMALIZE_DEFAULTS,
): NormalizedReport {
  const receivedAt = context.receivedAt ?? Number.NaN;
  const stated = normalizePlace(claims.location, deps, settings);
  const place = context.geocoded ? applyGeocodeHit(stated, context.geocoded, settings) : stated;
  // A place has both coordinates or neither.
  const point =
    place.place && place.place.lat !== null
      ? { lat: place.place.lat, lon: place.place.lon! }
      : null;
  const time = normalizeTime(
    {
      observedAt: claims.observedAt,
      timezone: claims.timezone,
      precisionSeconds: claims.precisionSeconds,
      receivedAt,
      point,
    },
    settings,
    deps,
  );

  const sources: TimeSource[] = [];
  // from and to are null together. normalizeTime places every time it returns (an
  // unknown zone widens it over every zone's reading), so this is a guard for the type.
  // Stryker disable next-line ConditionalExpression: see above
  if (time.time && time.time.from !== null) {
    sources.push({ source: 'claim', from: time.time.from, to: time.time.to! });
  }
  if (Number.isFinite(receivedAt)) {
    sources.push({
      source: 'arrival',
      from: receivedAt - settings.maxAgeDays * DAY,
      to: receivedAt + settings.futureToleranceSeconds * 1000,
    });
  }
  sources.push(...(context.timeSources ?? []));

  const flags = [...new Set([...place.flags, ...time.flags])];
  const normalization = { time: time.time, place: place.place, flags };
  const facts = factsOf(claims, normalization, context);
  const completeness = scoreCompleteness(facts);
  return {
    ...normalization,
    completeness,
    nextQuestions: nextQuestions(facts, completeness, settings),
    timeSources: { spreadSeconds: timeSpread(sources).spreadSeconds, sources },
  };
}

/**
 * The text to send to the optional geocoder for these claims, or null when it
 * would not help (a point was given, or the gazetteer found something precise).
 */
export function geocodeQueryFor(
  claims: Claims,
  deps: NormalizeDeps = {},
  settings: NormalizeSettings = NORMALIZE_DEFAULTS,
): string | null {
  return geocodeQuery(normalizePlace(claims.location, deps, settings), settings);
}

/** The normalize core's view of a report, stored or new (its text is sealed: counts only). */
export function normalizeContext(
  report: Pick<Report, 'receivedAt' | 'textFacts' | 'category'> & {
    attachments: readonly { media?: MediaFacts | null }[];
    geocoded?: Report['geocoded'];
  },
): Partial<NormalizeContext> {
  return {
    receivedAt: report.receivedAt,
    narrativeWords: report.textFacts.narrativeWords,
    who: report.textFacts.who,
    category: report.category,
    attachmentCount: report.attachments.length,
    timeSources: captureTimes(report.attachments),
    geocoded: report.geocoded ?? null,
  };
}

/** EXIF's clock has whole seconds: a capture time stands for that second. */
const CAPTURE_SECOND_MS = 1000;

/**
 * The capture instants of a report's photos (their EXIF time read in the camera's
 * offset or the zone of its GPS position), one time source each: F3's
 * contradiction rule compares them with the claim. A photo whose time has no
 * offset to read it in adds none (any zone would be a guess).
 */
export function captureTimes(attachments: readonly { media?: MediaFacts | null }[]): TimeSource[] {
  const sources: TimeSource[] = [];
  for (const a of attachments) {
    const takenAt = a.media?.rejected ? null : (a.media?.exif?.takenAt ?? null);
    if (takenAt !== null) {
      sources.push({ source: 'exif', from: takenAt, to: takenAt + CAPTURE_SECOND_MS });
    }
  }
  return sources;
}

/** What normalizing needs besides a report: the deps, the settings, whether a geocoder is on. */
export interface NormalizeWiring {
  deps: NormalizeDeps;
  settings: NormalizeSettings;
  /** Whether the optional street-level geocoder is configured. */
  geocoding: boolean;
}

/** What the normalize stage reads of a stored report. */
export interface NormalizeInput {
  reportId: string;
  receivedAt: number;
  claims: Claims;
  context: Partial<NormalizeContext>;
  geocodeState: Report['geocodeState'];
}

export interface NormalizeEffects {
  reportId: string;
  normalization: NormalizedReport;
  window: Interval;
  point: { lat: number; lon: number } | null;
  /** Mark the report for the geocoder (asked outside the pipeline, see pipeline/geocode.ts). */
  wantGeocode: boolean;
}

/** The normalize stage's decision: the normalization to store, and whether to ask the geocoder. */
export function decideNormalization(
  input: NormalizeInput,
  wiring: NormalizeWiring,
): NormalizeEffects {
  const n = normalizeClaims(input.claims, input.context, wiring.deps, wiring.settings);
  const observed = { receivedAt: input.receivedAt, time: n.time, place: n.place };
  const window = eventWindow(observed);
  return {
    reportId: input.reportId,
    normalization: n,
    window: { from: window.from, to: window.to },
    point: eventPoint(observed),
    wantGeocode:
      wiring.geocoding &&
      input.geocodeState === null &&
      geocodeQueryFor(input.claims, wiring.deps, wiring.settings) !== null,
  };
}
