/**
 * Every threshold of the normalize stage, and of the optional geocoder, with its
 * environment variable, default and meaning, written once here. The core never
 * reads the environment: src/config.ts parses these at start-up and the runtime
 * passes `config.normalize` in; pure functions fall back on NORMALIZE_DEFAULTS.
 */
import { z } from 'zod';
import {
  intIn,
  nonEmpty,
  numberIn,
  setting,
  defaultsOf,
  type SettingsOf,
} from '../domain/settings.js';
import { isIanaZone } from './zones.js';

export const NORMALIZE_SETTINGS = {
  /**
   * Set it for a line that serves one zone; leave it unset for an international line,
   * where such a time is kept local and flagged `time.zone_unknown` instead.
   */
  defaultTimezone: setting<string | null>(
    'TIPWIRE_DEFAULT_TIMEZONE',
    'IANA zone assumed for a local time when neither an offset, a timezone nor coordinates say (flagged time.zone_assumed); unset: keep it local.',
    z.string().trim().refine(isIanaZone, 'must be an IANA time zone such as Asia/Shanghai'),
    null,
  ),
  vagueWidenSeconds: setting(
    'TIPWIRE_TIME_VAGUE_WIDEN_SECONDS',
    'Least widening on each side of a time said with a vague word ("around", "左右").',
    intIn(0, 86_400),
    1800,
  ),
  /** "about 3 days ago": ½ day. */
  vagueWidenFraction: setting(
    'TIPWIRE_TIME_VAGUE_WIDEN_FRACTION',
    '…or this share of the finest unit stated, if larger.',
    numberIn(0, 10),
    0.5,
  ),
  /** "about 3 days ago": ± 18 h beyond the day (a quarter of the 3 days). */
  vagueCountFraction: setting(
    'TIPWIRE_TIME_VAGUE_COUNT_FRACTION',
    '…or this share of how far a vague count reaches back ("about 3 days ago": of 3 days), if larger.',
    numberIn(0, 10),
    0.25,
  ),
  justNowSeconds: setting(
    'TIPWIRE_TIME_JUST_NOW_SECONDS',
    'How far back "just now" / "刚才" reaches.',
    intIn(1, 86_400),
    600,
  ),
  futureToleranceSeconds: setting(
    'TIPWIRE_TIME_FUTURE_TOLERANCE_SECONDS',
    'How far after its arrival an observed time may lie before it is flagged time.future.',
    intIn(0, 86_400 * 365),
    300,
  ),
  maxAgeDays: setting(
    'TIPWIRE_TIME_MAX_AGE_DAYS',
    'Observed times older than this before arrival are flagged time.implausibly_old.',
    numberIn(1, 365_000),
    3650,
  ),
  sunMarginMinutes: setting(
    'TIPWIRE_TIME_SUN_MARGIN_MINUTES',
    'Widening of each end of a part of the day named by the sun (dawn: nautical dawn to sunrise; dusk: sunset to nautical dusk; sunrise, sunset; 傍晚) placed from the sun at the place.',
    intIn(0, 720),
    30,
  ),
  partlyReadDays: setting(
    'TIPWIRE_TIME_PARTLY_READ_DAYS',
    'How many days back a natural-language time reaches when some of its date words (a day, month, weekday, year) were not understood (flagged time.partly_read).',
    intIn(1, 36_500),
    366,
  ),
  relationReachHours: setting(
    'TIPWIRE_TIME_RELATION_REACH_HOURS',
    'How far a natural-language time said with "after"/"since"/以后 reaches after the time read, and with "before"/"until"/以前 before it.',
    intIn(1, 168),
    12,
  ),
  contradictionSeconds: setting(
    'TIPWIRE_TIME_CONTRADICTION_SECONDS',
    'Spread between the times sources give for one observation above which it is flagged time.contradiction.',
    intIn(1, 86_400 * 365),
    900,
  ),
  staleToleranceSeconds: setting(
    'TIPWIRE_SOURCE_STALE_TOLERANCE_SECONDS',
    'Lag of an external source beyond its expected latency before its data is flagged source.stale.',
    intIn(0, 86_400 * 365),
    900,
  ),
  gazetteerFile: setting(
    'TIPWIRE_GAZETTEER_FILE',
    'A GeoNames dump (TSV) to resolve place names with, instead of the packaged cities500.',
    nonEmpty.optional(),
    undefined as string | undefined,
  ),
  /** A place's population spread at this density over a disc gives its radius. */
  gazetteerPeoplePerKm2: setting(
    'TIPWIRE_GAZETTEER_PEOPLE_PER_KM2',
    'Density that turns a named place’s population into its uncertainty radius.',
    numberIn(1, 1_000_000),
    5000,
  ),
  gazetteerMinRadiusMeters: setting(
    'TIPWIRE_GAZETTEER_MIN_RADIUS_METERS',
    'Smallest uncertainty radius of a place found by name.',
    numberIn(1, 1_000_000),
    1000,
  ),
  gazetteerMaxRadiusMeters: setting(
    'TIPWIRE_GAZETTEER_MAX_RADIUS_METERS',
    'Largest uncertainty radius of a place found by name.',
    numberIn(1, 20_000_000),
    50_000,
  ),
  /** GeoNames writes 0 for an unknown population. */
  gazetteerUnknownRadiusMeters: setting(
    'TIPWIRE_GAZETTEER_UNKNOWN_RADIUS_METERS',
    'Uncertainty radius of a named place whose population is unknown.',
    numberIn(1, 1_000_000),
    3000,
  ),
  /** Smaller ones count only inside a larger place named in the same text ("西安市小寨"). */
  gazetteerWeakMatchMinPopulation: setting(
    'TIPWIRE_GAZETTEER_WEAK_MATCH_MIN_POPULATION',
    'Population a lower-case or two-character Chinese name needs to count as a place on its own.',
    intIn(0, 100_000_000),
    50_000,
  ),
  gazetteerAmbiguityRatio: setting(
    'TIPWIRE_GAZETTEER_AMBIGUITY_RATIO',
    'A same-name place at least this share of the chosen one’s size makes the match place.ambiguous.',
    numberIn(0, 1),
    0.5,
  ),
  /** The point's own accuracy is added to the tolerance. */
  placeTextToleranceFactor: setting(
    'TIPWIRE_PLACE_TEXT_TOLERANCE_FACTOR',
    'Coordinates agree with the place their text names within this many times its radius (else place.text_mismatch).',
    numberIn(0.1, 1000),
    2,
  ),
  unstatedAccuracyMeters: setting(
    'TIPWIRE_PLACE_UNSTATED_ACCURACY_METERS',
    'A point given without accuracyMeters is taken as accurate to this many metres, or to what its digits allow when that is coarser (34.26 → ± 780 m). Digits say how a number was rounded, not how well the place was known: 34.261234 from a form is not ± 0.1 m.',
    numberIn(0.1, 100_000),
    100,
  ),
  geocodeCoarserThanMeters: setting(
    'TIPWIRE_GEOCODE_COARSER_THAN_METERS',
    'Ask the geocoder only when the best offline place is coarser than this.',
    numberIn(1, 20_000_000),
    2000,
  ),
  questionMinGain: setting(
    'TIPWIRE_QUESTION_MIN_GAIN',
    'Smallest rise of the completeness score a next question must promise to be asked.',
    numberIn(0, 1),
    0.005,
  ),
};

export type NormalizeSettings = SettingsOf<typeof NORMALIZE_SETTINGS>;

export const NORMALIZE_DEFAULTS: Readonly<NormalizeSettings> = defaultsOf(NORMALIZE_SETTINGS);

/** The optional street-level geocoder (off unless its URL is set). */
export const GEOCODER_SETTINGS = {
  url: setting(
    'TIPWIRE_GEOCODER_URL',
    'Base URL of a Nominatim-compatible geocoder for street-level places; unset: off (the default).',
    z.string().trim().url('must be an http(s) URL').optional(),
    undefined as string | undefined,
  ),
  timeoutMs: setting(
    'TIPWIRE_GEOCODER_TIMEOUT_MS',
    'Longest wait for the geocoder.',
    intIn(100, 120_000),
    5000,
  ),
  minIntervalMs: setting(
    'TIPWIRE_GEOCODER_MIN_INTERVAL_MS',
    'Least time between two geocoder requests (Nominatim’s policy: one a second).',
    intIn(0, 3_600_000),
    1000,
  ),
  pollMs: setting(
    'TIPWIRE_GEOCODER_POLL_MS',
    'How often the geocoder worker looks for reports whose place it should ask about.',
    intIn(10, 3_600_000),
    1000,
  ),
  userAgent: setting(
    'TIPWIRE_GEOCODER_USER_AGENT',
    'User-Agent sent to the geocoder (Nominatim requires one that identifies the application).',
    nonEmpty,
    'tipwire (self-hosted tip line)',
  ),
};
