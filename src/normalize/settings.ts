/**
 * Every threshold of the normalize stage, with its default and meaning. The core
 * never reads the environment: the shell parses these once (src/config.ts) and
 * passes them in. Env var names are those the lead adds to src/config.ts.
 *
 * | setting                         | env var                                   | default |
 * | ------------------------------- | ----------------------------------------- | ------- |
 * | defaultTimezone                 | TIPWIRE_DEFAULT_TIMEZONE                  | (unset) |
 * | vagueWidenSeconds               | TIPWIRE_TIME_VAGUE_WIDEN_SECONDS          | 1800    |
 * | vagueWidenFraction              | TIPWIRE_TIME_VAGUE_WIDEN_FRACTION         | 0.5     |
 * | justNowSeconds                  | TIPWIRE_TIME_JUST_NOW_SECONDS             | 600     |
 * | futureToleranceSeconds          | TIPWIRE_TIME_FUTURE_TOLERANCE_SECONDS     | 300     |
 * | maxAgeDays                      | TIPWIRE_TIME_MAX_AGE_DAYS                 | 3650    |
 * | contradictionSeconds            | TIPWIRE_TIME_CONTRADICTION_SECONDS        | 900     |
 * | staleToleranceSeconds           | TIPWIRE_SOURCE_STALE_TOLERANCE_SECONDS    | 900     |
 * | gazetteerPeoplePerKm2           | TIPWIRE_GAZETTEER_PEOPLE_PER_KM2          | 5000    |
 * | gazetteerMinRadiusMeters        | TIPWIRE_GAZETTEER_MIN_RADIUS_METERS       | 1000    |
 * | gazetteerMaxRadiusMeters        | TIPWIRE_GAZETTEER_MAX_RADIUS_METERS       | 50000   |
 * | gazetteerUnknownRadiusMeters    | TIPWIRE_GAZETTEER_UNKNOWN_RADIUS_METERS   | 3000    |
 * | gazetteerWeakMatchMinPopulation | TIPWIRE_GAZETTEER_WEAK_MATCH_MIN_POPULATION | 50000 |
 * | gazetteerAmbiguityRatio         | TIPWIRE_GAZETTEER_AMBIGUITY_RATIO         | 0.5     |
 * | placeTextToleranceFactor        | TIPWIRE_PLACE_TEXT_TOLERANCE_FACTOR       | 2       |
 * | geocodeCoarserThanMeters        | TIPWIRE_GEOCODE_COARSER_THAN_METERS       | 2000    |
 * | questionMinGain                 | TIPWIRE_QUESTION_MIN_GAIN                 | 0.005   |
 */

export interface NormalizeSettings {
  /**
   * IANA zone assumed for a local time that has no offset, no `timezone` and no
   * coordinates (zoneSource `assumed`, flag `time.zone_assumed`). Set it for a line
   * that serves one zone; leave it unset for an international line, where such a
   * time is kept local and flagged `time.zone_unknown` instead.
   */
  defaultTimezone: string | null;
  /** Vague words ("around", "左右") widen each side of the interval by at least this. */
  vagueWidenSeconds: number;
  /** …or by this fraction of the finest stated unit, if more ("about 3 days ago": ½ day). */
  vagueWidenFraction: number;
  /** "just now", "刚才": within this many seconds before arrival. */
  justNowSeconds: number;
  /** An observation starting later than arrival plus this is flagged `time.future`. */
  futureToleranceSeconds: number;
  /** An observation ending longer ago than this before arrival is `time.implausibly_old`. */
  maxAgeDays: number;
  /** Times of one observation further apart than this are a `time.contradiction` (seed: 15 min). */
  contradictionSeconds: number;
  /** Source data older than its expected latency plus this is `source.stale` (seed: 15 min). */
  staleToleranceSeconds: number;
  /** Urban density used to turn a place's population into a radius (a disc of that area). */
  gazetteerPeoplePerKm2: number;
  /** Smallest uncertainty radius of a gazetteer match. */
  gazetteerMinRadiusMeters: number;
  /** Largest uncertainty radius of a gazetteer match. */
  gazetteerMaxRadiusMeters: number;
  /** Radius of a gazetteer place whose population is unknown (0 in GeoNames). */
  gazetteerUnknownRadiusMeters: number;
  /**
   * A weak name match (written in lower case, or two Chinese characters) stands on
   * its own only for a place this populous; smaller ones count only inside a
   * larger place named in the same text ("西安市小寨").
   */
  gazetteerWeakMatchMinPopulation: number;
  /** Another place of the same name at least this share of the chosen one's population → `place.ambiguous`. */
  gazetteerAmbiguityRatio: number;
  /** A point agrees with a named place when within this many times the place's radius (plus the point's accuracy). */
  placeTextToleranceFactor: number;
  /** Ask the optional street-level geocoder when the best place is coarser than this. */
  geocodeCoarserThanMeters: number;
  /** Questions that would raise the completeness score by less than this are not asked. */
  questionMinGain: number;
}

export const NORMALIZE_DEFAULTS: Readonly<NormalizeSettings> = Object.freeze({
  defaultTimezone: null,
  vagueWidenSeconds: 1800,
  vagueWidenFraction: 0.5,
  justNowSeconds: 600,
  futureToleranceSeconds: 300,
  maxAgeDays: 3650,
  contradictionSeconds: 900,
  staleToleranceSeconds: 900,
  gazetteerPeoplePerKm2: 5000,
  gazetteerMinRadiusMeters: 1000,
  gazetteerMaxRadiusMeters: 50_000,
  gazetteerUnknownRadiusMeters: 3000,
  gazetteerWeakMatchMinPopulation: 50_000,
  gazetteerAmbiguityRatio: 0.5,
  placeTextToleranceFactor: 2,
  geocodeCoarserThanMeters: 2000,
  questionMinGain: 0.005,
});
