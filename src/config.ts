/**
 * Every tipwire setting, parsed and validated once at start-up.
 *
 * Each setting has one environment variable, a default and a one-line description;
 * this table is the single source of truth (README's settings table is checked
 * against it by a test). Nothing else in the code reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';
import { isIanaZone } from './intake/report-schema.js';

interface SettingSpec<T> {
  env: string;
  description: string;
  schema: z.ZodType<T>;
  /** The default, already parsed; `undefined` means "not set". */
  default: T;
  /** Never echo the value in an error message (keys, secrets). */
  secret?: boolean;
}

function setting<T>(
  env: string,
  description: string,
  schema: z.ZodType<T>,
  defaultValue: T,
  options: { secret?: boolean } = {},
): SettingSpec<T> {
  return { env, description, schema, default: defaultValue, ...options };
}

const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const numberIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `must be a number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'].includes(v), {
    message: 'must be one of on, off, true, false, 1, 0, yes, no',
  })
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Rising shares in (0, 1], the last one 1, e.g. `0.0625,0.25,1`. */
const searchRings = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'must be comma-separated numbers such as 0.0625,0.25,1')
  .transform((v) => v.split(',').map(Number))
  .refine((rings) => rings.every((r, i) => r > 0 && r <= 1 && (i === 0 || r > rings[i - 1]!)), {
    message: 'must rise, each above 0 and at most 1',
  })
  .refine((rings) => rings[rings.length - 1] === 1, { message: 'must end with 1' })
  .transform((rings): readonly number[] => rings);

export const SETTINGS = {
  port: setting('TIPWIRE_PORT', 'TCP port of the HTTP server.', intIn(0, 65535), 8080),
  host: setting(
    'TIPWIRE_HOST',
    'Address the HTTP server binds to (0.0.0.0 to serve other machines).',
    nonEmpty,
    '127.0.0.1',
  ),
  dbPath: setting(
    'TIPWIRE_DB',
    'Path of the SQLite database file (created with its folder if missing).',
    nonEmpty,
    './data/tipwire.db',
  ),
  keysDir: setting(
    'TIPWIRE_KEYS_DIR',
    'Folder holding the secret keys of one database (never inside it). Default: beside the database file, named after it (`tipwire.db` → `tipwire.keys/`).',
    nonEmpty.optional(),
    undefined as string | undefined,
  ),
  logLevel: setting(
    'TIPWIRE_LOG_LEVEL',
    'Log level: fatal, error, warn, info, debug, trace or silent.',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info' as const,
  ),
  bodyLimitBytes: setting(
    'TIPWIRE_BODY_LIMIT_BYTES',
    'Largest request body accepted; larger bodies get 413.',
    intIn(1024, 512 * 1024 * 1024),
    1024 * 1024,
  ),
  narrativeMaxChars: setting(
    'TIPWIRE_NARRATIVE_MAX_CHARS',
    'Longest narrative accepted, in UTF-16 code units (an emoji or a rare Han character counts 2).',
    intIn(1, 10_000_000),
    100_000,
  ),
  jsonMaxDepth: setting(
    'TIPWIRE_JSON_MAX_DEPTH',
    'Deepest nesting of objects and arrays a JSON body may have (a report needs 3); deeper bodies get 400.',
    intIn(4, 1000),
    32,
  ),
  searchMaxTerms: setting(
    'TIPWIRE_SEARCH_MAX_TERMS',
    'Most distinct search terms kept from one text (narrative, message); words past them are not searchable.',
    intIn(100, 1_000_000),
    10_000,
  ),
  searchInlineMaxChars: setting(
    'TIPWIRE_SEARCH_INLINE_MAX_CHARS',
    'Texts up to this many UTF-16 units get their search tokens on the request thread; longer ones in a worker thread.',
    intIn(0, 1_000_000),
    2000,
  ),
  searchWorkers: setting(
    'TIPWIRE_SEARCH_WORKERS',
    'Worker threads that make the search tokens of long texts.',
    intIn(1, 64),
    1,
  ),
  searchMaxQueued: setting(
    'TIPWIRE_SEARCH_MAX_QUEUED',
    'Long texts that may wait for a search worker; beyond this intake answers 503 with Retry-After.',
    intIn(1, 100_000),
    256,
  ),
  groupCommit: setting(
    'TIPWIRE_GROUP_COMMIT',
    'Share one fsync between concurrent intake requests (off: one transaction per report).',
    bool,
    true,
  ),
  groupCommitMaxBatch: setting(
    'TIPWIRE_GROUP_COMMIT_MAX_BATCH',
    'Most reports committed in one group-commit transaction.',
    intIn(1, 100_000),
    512,
  ),
  idempotencyTtlHours: setting(
    'TIPWIRE_IDEMPOTENCY_TTL_HOURS',
    'How long an Idempotency-Key and its stored answer are kept.',
    intIn(1, 24 * 365),
    24,
  ),
  pipelineBatchSize: setting(
    'TIPWIRE_PIPELINE_BATCH_SIZE',
    'Most pipeline jobs run in one transaction.',
    intIn(1, 100_000),
    256,
  ),
  pipelineSliceMs: setting(
    'TIPWIRE_PIPELINE_SLICE_MS',
    'Longest the pipeline holds the event loop in one go while intake is quiet.',
    intIn(1, 60_000),
    20,
  ),
  pipelineBusySliceMs: setting(
    'TIPWIRE_PIPELINE_BUSY_SLICE_MS',
    'Longest the pipeline holds the event loop in one go while reports are arriving (intake comes first).',
    intIn(1, 60_000),
    2,
  ),
  pipelinePollMs: setting(
    'TIPWIRE_PIPELINE_POLL_MS',
    'How often the pipeline looks for work queued by other processes or due for retry.',
    intIn(10, 3_600_000),
    1000,
  ),
  pipelineMaxAttempts: setting(
    'TIPWIRE_PIPELINE_MAX_ATTEMPTS',
    'Attempts of a failing stage before its job is parked as failed.',
    intIn(1, 1000),
    5,
  ),
  pipelineRetryBaseMs: setting(
    'TIPWIRE_PIPELINE_RETRY_BASE_MS',
    'First retry delay of a failing stage; doubles on each further attempt.',
    intIn(1, 3_600_000),
    1000,
  ),
  correlateRadiusMeters: setting(
    'TIPWIRE_CORRELATE_RADIUS_METERS',
    'A report joins an incident with a report at most this far away…',
    numberIn(1, 1_000_000),
    500,
  ),
  correlateWindowMinutes: setting(
    'TIPWIRE_CORRELATE_WINDOW_MINUTES',
    '…and at most this many minutes apart in time.',
    numberIn(1, 525_600),
    120,
  ),
  defaultPhoneRegion: setting(
    'TIPWIRE_DEFAULT_PHONE_REGION',
    'ISO 3166 region used to read caller numbers written without a country code (e.g. CN, US).',
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 region code such as CN or US')
      .optional(),
    undefined as string | undefined,
  ),
  pageSizeMax: setting(
    'TIPWIRE_PAGE_SIZE_MAX',
    'Most items one page of a list endpoint returns.',
    intIn(1, 10_000),
    200,
  ),
  pageTextBudgetChars: setting(
    'TIPWIRE_PAGE_TEXT_BUDGET_CHARS',
    'Most characters of report text (narratives, messages) one page of the report list carries; a page of long narratives ends early, with a cursor for the rest.',
    intIn(1000, 100_000_000),
    2_000_000,
  ),
  sseHeartbeatSeconds: setting(
    'TIPWIRE_SSE_HEARTBEAT_SECONDS',
    'Interval of keep-alive comments on the live event stream (clients treat 60 s of silence as a drop).',
    intIn(1, 30),
    15,
  ),
  eventRetentionHours: setting(
    'TIPWIRE_EVENT_RETENTION_HOURS',
    'How long live-stream events are kept for clients that reconnect.',
    intIn(1, 24 * 365),
    72,
  ),
  defaultTimezone: setting(
    'TIPWIRE_DEFAULT_TIMEZONE',
    'IANA zone assumed for a local time when neither an offset, a timezone nor coordinates say (flagged time.zone_assumed); unset: keep it local.',
    z
      .string()
      .trim()
      .refine((tz) => isIanaZone(tz), 'must be an IANA time zone such as Asia/Shanghai')
      .optional(),
    undefined as string | undefined,
  ),
  timeVagueWidenSeconds: setting(
    'TIPWIRE_TIME_VAGUE_WIDEN_SECONDS',
    'Least widening on each side of a time said with a vague word ("around", "左右").',
    intIn(0, 86_400),
    1800,
  ),
  timeVagueWidenFraction: setting(
    'TIPWIRE_TIME_VAGUE_WIDEN_FRACTION',
    '…or this share of the finest unit stated, if larger.',
    numberIn(0, 10),
    0.5,
  ),
  timeJustNowSeconds: setting(
    'TIPWIRE_TIME_JUST_NOW_SECONDS',
    'How far back "just now" / "刚才" reaches.',
    intIn(1, 86_400),
    600,
  ),
  timeFutureToleranceSeconds: setting(
    'TIPWIRE_TIME_FUTURE_TOLERANCE_SECONDS',
    'How far after its arrival an observed time may lie before it is flagged time.future.',
    intIn(0, 86_400 * 365),
    300,
  ),
  timeMaxAgeDays: setting(
    'TIPWIRE_TIME_MAX_AGE_DAYS',
    'Observed times older than this before arrival are flagged time.implausibly_old.',
    numberIn(1, 365_000),
    3650,
  ),
  timeContradictionSeconds: setting(
    'TIPWIRE_TIME_CONTRADICTION_SECONDS',
    'Spread between the times sources give for one observation above which it is flagged time.contradiction.',
    intIn(1, 86_400 * 365),
    900,
  ),
  sourceStaleToleranceSeconds: setting(
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
  gazetteerUnknownRadiusMeters: setting(
    'TIPWIRE_GAZETTEER_UNKNOWN_RADIUS_METERS',
    'Uncertainty radius of a named place whose population is unknown.',
    numberIn(1, 1_000_000),
    3000,
  ),
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
  placeTextToleranceFactor: setting(
    'TIPWIRE_PLACE_TEXT_TOLERANCE_FACTOR',
    'Coordinates agree with the place their text names within this many times its radius (else place.text_mismatch).',
    numberIn(0.1, 1000),
    2,
  ),
  geocoderUrl: setting(
    'TIPWIRE_GEOCODER_URL',
    'Base URL of a Nominatim-compatible geocoder for street-level places; unset: off (the default).',
    z.string().trim().url('must be an http(s) URL').optional(),
    undefined as string | undefined,
  ),
  geocodeCoarserThanMeters: setting(
    'TIPWIRE_GEOCODE_COARSER_THAN_METERS',
    'Ask the geocoder only when the best offline place is coarser than this.',
    numberIn(1, 20_000_000),
    2000,
  ),
  geocoderTimeoutMs: setting(
    'TIPWIRE_GEOCODER_TIMEOUT_MS',
    'Longest wait for the geocoder.',
    intIn(100, 120_000),
    5000,
  ),
  geocoderMinIntervalMs: setting(
    'TIPWIRE_GEOCODER_MIN_INTERVAL_MS',
    'Least time between two geocoder requests (Nominatim’s policy: one a second).',
    intIn(0, 3_600_000),
    1000,
  ),
  geocoderUserAgent: setting(
    'TIPWIRE_GEOCODER_USER_AGENT',
    'User-Agent sent to the geocoder (Nominatim requires one that identifies the application).',
    nonEmpty,
    'tipwire (self-hosted tip line)',
  ),
  questionMinGain: setting(
    'TIPWIRE_QUESTION_MIN_GAIN',
    'Smallest rise of the completeness score a next question must promise to be asked.',
    numberIn(0, 1),
    0.005,
  ),
  masterKey: setting(
    'TIPWIRE_MASTER_KEY',
    'Master key (64 hex characters) wrapping every report’s data key; if unset, keys/master.key is used (created on first start). Lose it and every narrative is lost.',
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
      .optional(),
    undefined as string | undefined,
    { secret: true },
  ),
  pseudonymEpochDays: setting(
    'TIPWIRE_PSEUDONYM_EPOCH_DAYS',
    'Days per caller-pseudonym key; a caller stays linkable across one boundary, then the old key is destroyed.',
    numberIn(1, 3650),
    30,
  ),
  callerTtlSeconds: setting(
    'TIPWIRE_CALLER_TTL_SECONDS',
    'Longest a raw caller number may stay in memory: a request must arrive whole within this time (it is pseudonymized as soon as it has).',
    intIn(1, 30),
    30,
  ),
  abuseRepeatCalls: setting(
    'TIPWIRE_ABUSE_REPEAT_CALLS',
    'Calls in a row a caller may make before later ones are flagged abuse.repeat_dialer and go to the abuse queue.',
    intIn(1, 1000),
    3,
  ),
  abuseRepeatWindowMinutes: setting(
    'TIPWIRE_ABUSE_REPEAT_WINDOW_MINUTES',
    'Calls count as "in a row" while each comes within this many minutes of the previous one.',
    numberIn(0.1, 10_080),
    10,
  ),
  rateLimits: setting(
    'TIPWIRE_RATE_LIMITS',
    'Flood control (429 with Retry-After) per caller and per network prefix; off only for benchmarks.',
    bool,
    true,
  ),
  callerPerMinute: setting(
    'TIPWIRE_RATE_CALLER_PER_MINUTE',
    'Reports one caller (pseudonym) may send per minute, sustained…',
    numberIn(0.01, 1_000_000),
    6,
  ),
  callerBurst: setting('TIPWIRE_RATE_CALLER_BURST', '…and in a burst.', intIn(1, 1_000_000), 10),
  prefixPerMinute: setting(
    'TIPWIRE_RATE_PREFIX_PER_MINUTE',
    'Reports one network prefix may send per minute without an intake token, sustained…',
    numberIn(0.01, 10_000_000),
    120,
  ),
  prefixBurst: setting('TIPWIRE_RATE_PREFIX_BURST', '…and in a burst.', intIn(1, 10_000_000), 120),
  guessesPerMinute: setting(
    'TIPWIRE_RATE_GUESSES_PER_MINUTE',
    'Wrong receipt codes and failed logins one network prefix may make per minute…',
    numberIn(0.01, 100_000),
    10,
  ),
  guessesBurst: setting('TIPWIRE_RATE_GUESSES_BURST', '…and in a burst.', intIn(1, 100_000), 20),
  ipv4PrefixBits: setting(
    'TIPWIRE_RATE_IPV4_PREFIX_BITS',
    'Network prefix length that counts as one source for IPv4 (hashed, never stored).',
    intIn(8, 32),
    24,
  ),
  ipv6PrefixBits: setting(
    'TIPWIRE_RATE_IPV6_PREFIX_BITS',
    'Network prefix length that counts as one source for IPv6.',
    intIn(16, 128),
    48,
  ),
  trustProxy: setting(
    'TIPWIRE_TRUST_PROXY',
    'Take the client address from X-Forwarded-For (only behind a reverse proxy you run).',
    bool,
    false,
  ),
  sessionHours: setting(
    'TIPWIRE_SESSION_HOURS',
    'How long a login session lasts.',
    numberIn(0.05, 720),
    12,
  ),
  sessionIdleMinutes: setting(
    'TIPWIRE_SESSION_IDLE_MINUTES',
    'A login session unused this long ends (0: never); it may last up to one TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS longer, never shorter.',
    numberIn(0, 43_200),
    60,
  ),
  tokenLastUsedIntervalSeconds: setting(
    'TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS',
    'A token’s last-used time is written at most once per this interval (not on every request).',
    intIn(1, 86_400),
    60,
  ),
  tokenDefaultDays: setting(
    'TIPWIRE_TOKEN_DEFAULT_DAYS',
    'Lifetime of a new API token created without an expiry of its own (0: it never expires).',
    intIn(0, 36_500),
    0,
  ),
  messageMaxChars: setting(
    'TIPWIRE_MESSAGE_MAX_CHARS',
    'Longest follow-up message (reporter or operator), in characters.',
    intIn(1, 1_000_000),
    10_000,
  ),
  retentionUnfoundedDays: setting(
    'TIPWIRE_RETENTION_UNFOUNDED_DAYS',
    'Days an unfounded case is kept after it was marked so; then it is deleted for good.',
    numberIn(0, 36_500),
    90,
  ),
  retentionClosedDays: setting(
    'TIPWIRE_RETENTION_CLOSED_DAYS',
    'Days a closed case is kept after it was closed; then it is deleted for good.',
    numberIn(0, 36_500),
    365,
  ),
  // --- F5 stages: the pipeline's thread, correlate's search rings, the verify stage ---
  pipelineThread: setting(
    'TIPWIRE_PIPELINE_THREAD',
    'Run the pipeline in a worker thread with its own database connection and its own gazetteer (about 200 MB more memory) instead of on the HTTP thread.',
    bool,
    false,
  ),
  correlateSearchRings: setting(
    'TIPWIRE_CORRELATE_SEARCH_RINGS',
    'Shares of TIPWIRE_CORRELATE_RADIUS_METERS searched in turn for the nearest incident: comma-separated, rising, the last one 1.',
    searchRings,
    [0.0625, 0.25, 1] as readonly number[],
  ),
  verifyDeferHeavyLagMs: setting(
    'TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS',
    'While the oldest waiting pipeline job has waited longer than this, heavy verification checks are put off until the queue is idle (correlation never waits).',
    intIn(0, 86_400_000),
    5000,
  ),
} satisfies Record<string, SettingSpec<unknown>>;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: Settings[K]['default'] } & {
  /** Resolved folder of the key files. */
  keysDir: string;
};

/** Values given on the command line; they win over the environment. */
export interface ConfigOverrides {
  port?: string;
  dbPath?: string;
}

export class ConfigError extends Error {
  readonly code = 'config.invalid';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const OVERRIDE_FLAGS: Record<keyof ConfigOverrides, string> = { port: '--port', dbPath: '--db' };

/** Parse and validate every setting; throws ConfigError naming each bad variable. */
export function loadConfig(
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof Settings, SettingSpec<unknown>][]) {
    const override = (overrides as Record<string, string | undefined>)[key];
    const source = override !== undefined ? OVERRIDE_FLAGS[key as keyof ConfigOverrides] : spec.env;
    const raw = override ?? env[spec.env];
    if (raw === undefined || raw === '') {
      values[key] = spec.default;
      continue;
    }
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const why = parsed.error.issues[0]?.message ?? 'is not valid';
      const shown = spec.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      problems.push(`${source}: ${why}${shown}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dbPath = values.dbPath as string;
  const keysDir = (values.keysDir as string | undefined) ?? defaultKeysDir(dbPath);
  return { ...(values as Omit<Config, 'keysDir'>), keysDir };
}

/**
 * The keys folder of a database: beside it, named after it (`data/tipwire.db` →
 * `data/tipwire.keys`), so two databases in one folder never share keys.
 */
export function defaultKeysDir(dbPath: string): string {
  const base = path.basename(dbPath, path.extname(dbPath)) || path.basename(dbPath);
  return path.join(path.dirname(dbPath), `${base}.keys`);
}

/** Rows for documentation: env var, default, description. */
export function describeSettings(): { env: string; default: string; description: string }[] {
  return Object.values(SETTINGS).map((s: SettingSpec<unknown>) => ({
    env: s.env,
    default: s.default === undefined ? '(unset)' : String(s.default),
    description: s.description,
  }));
}
