/**
 * Every tipwire setting, parsed and validated once at start-up.
 *
 * Each setting has one environment variable, a default and a one-line description;
 * this table is the single source of truth (README's settings table is checked
 * against it by a test). Nothing else in the code reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';

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
    'Folder holding the secret keys (never inside the database). Default: `keys/` beside the database file.',
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
    'Longest narrative accepted, in characters.',
    intIn(1, 10_000_000),
    100_000,
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
  pseudonymKey: setting(
    'TIPWIRE_PSEUDONYM_KEY',
    'Caller-pseudonym key as 64 hex characters; if unset, read from (or created in) the keys folder.',
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
      .optional(),
    undefined as string | undefined,
    { secret: true },
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
  const keysDir = (values.keysDir as string | undefined) ?? path.join(path.dirname(dbPath), 'keys');
  return { ...(values as Omit<Config, 'keysDir'>), keysDir };
}

/** Rows for documentation: env var, default, description. */
export function describeSettings(): { env: string; default: string; description: string }[] {
  return Object.values(SETTINGS).map((s: SettingSpec<unknown>) => ({
    env: s.env,
    default: s.default === undefined ? '(unset)' : String(s.default),
    description: s.description,
  }));
}
