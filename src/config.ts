/**
 * Every tipwire setting, composed from the modules that own them and parsed and
 * validated once at start-up.
 *
 * Each module declares its settings in its own `settings.ts` (environment variable,
 * one-line description, parser, default: written once, there); this file only puts
 * the sections together, reads the environment, and names every bad variable. The
 * result has one typed object per section (`config.pipeline`, `config.normalize`,
 * …) that the runtime hands to its module as is. README's settings table is
 * generated from the same sections and checked by a test. Nothing else in the code
 * reads `process.env`.
 */
import path from 'node:path';
import { ACCESS_SETTINGS } from './access/settings.js';
import { CONFIDENCE_SETTINGS, CORRELATE_SETTINGS } from './correlate/settings.js';
import { BULK_IMPORT_SETTINGS, INTAKE_SETTINGS } from './intake/settings.js';
import { GEOCODER_SETTINGS, NORMALIZE_SETTINGS } from './normalize/settings.js';
import { MAP_SETTINGS } from './map/settings.js';
import { NOTIFY_SETTINGS } from './notify/settings.js';
import { PIPELINE_SETTINGS } from './pipeline/settings.js';
import type { SettingSpec, SettingSpecs, SettingsOf } from './domain/settings.js';
import {
  ABUSE_SETTINGS,
  KEYS_SETTINGS,
  RATE_LIMIT_SETTINGS,
  RETENTION_SETTINGS,
  SEARCH_SETTINGS,
} from './protect/settings.js';
import { SERVER_SETTINGS } from './server/settings.js';
import { STORE_SETTINGS } from './store/settings.js';
import { TEXT_SETTINGS, VERIFY_SETTINGS } from './verify/settings.js';
import { WORKER_SETTINGS } from './workers.js';

/** The sections, in the order the README lists them; each key is `config.<section>`. */
export const SETTINGS = {
  server: SERVER_SETTINGS,
  store: STORE_SETTINGS,
  intake: INTAKE_SETTINGS,
  bulkImport: BULK_IMPORT_SETTINGS,
  keys: KEYS_SETTINGS,
  rateLimits: RATE_LIMIT_SETTINGS,
  abuse: ABUSE_SETTINGS,
  retention: RETENTION_SETTINGS,
  search: SEARCH_SETTINGS,
  access: ACCESS_SETTINGS,
  pipeline: PIPELINE_SETTINGS,
  normalize: NORMALIZE_SETTINGS,
  geocoder: GEOCODER_SETTINGS,
  verify: VERIFY_SETTINGS,
  text: TEXT_SETTINGS,
  correlate: CORRELATE_SETTINGS,
  confidence: CONFIDENCE_SETTINGS,
  notify: NOTIFY_SETTINGS,
  map: MAP_SETTINGS,
  workers: WORKER_SETTINGS,
} satisfies Record<string, SettingSpecs>;

type Sections = typeof SETTINGS;
export type Config = { [S in keyof Sections]: SettingsOf<Sections[S]> } & {
  /** `dir` is resolved: TIPWIRE_KEYS_DIR, or the folder beside the database. */
  keys: { dir: string };
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

/** Where each command-line flag lands, and its name for messages. */
const OVERRIDES: Record<keyof ConfigOverrides, { flag: string; env: string }> = {
  port: { flag: '--port', env: SERVER_SETTINGS.port.env },
  dbPath: { flag: '--db', env: STORE_SETTINGS.dbPath.env },
};

/** Every spec with its section and key, in README order. */
export function allSettings(): { section: string; key: string; spec: SettingSpec<unknown> }[] {
  return Object.entries(SETTINGS).flatMap(([section, specs]) =>
    Object.entries(specs as SettingSpecs).map(([key, spec]) => ({ section, key, spec })),
  );
}

/** Parse and validate every setting; throws ConfigError naming each bad variable. */
export function loadConfig(
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
): Config {
  const byEnv = new Map<string, { flag: string; value: string }>();
  for (const [name, where] of Object.entries(OVERRIDES)) {
    const value = overrides[name as keyof ConfigOverrides];
    if (value !== undefined) byEnv.set(where.env, { flag: where.flag, value });
  }
  const problems: string[] = [];
  const values: Record<string, Record<string, unknown>> = {};
  for (const { section, key, spec } of allSettings()) {
    const target = (values[section] ??= {});
    const override = byEnv.get(spec.env);
    const source = override?.flag ?? spec.env;
    const raw = override?.value ?? env[spec.env];
    if (raw === undefined || raw === '') {
      target[key] = spec.default;
      continue;
    }
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      target[key] = parsed.data;
    } else {
      const why = parsed.error.issues[0]?.message ?? 'is not valid';
      const shown = spec.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      problems.push(`${source}: ${why}${shown}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config = values as unknown as Config;
  config.keys.dir ??= defaultKeysDir(config.store.dbPath);
  return config;
}

/**
 * The keys folder of a database: beside it, named after it (`data/tipwire.db` →
 * `data/tipwire.keys`), so two databases in one folder never share keys.
 */
export function defaultKeysDir(dbPath: string): string {
  const base = path.basename(dbPath, path.extname(dbPath)) || path.basename(dbPath);
  return path.join(path.dirname(dbPath), `${base}.keys`);
}

/**
 * A default as the text its variable takes: a list of `name=number` or
 * `kind=metres/minutes` pairs as such (not `[object Object]`), anything else as a string.
 */
export function shownDefault(value: unknown): string {
  if (value === undefined || value === null) return '(unset)';
  if (typeof value !== 'object' || Array.isArray(value)) return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([name, v]) => {
      if (typeof v === 'object' && v !== null && 'extentMeters' in v && 'durationMinutes' in v)
        return `${name}=${String(v.extentMeters)}/${String(v.durationMinutes)}`;
      return `${name}=${String(v)}`;
    })
    .join(',');
}

/** Rows for documentation: section, env var, default, description. */
export function describeSettings(): {
  section: string;
  env: string;
  default: string;
  description: string;
}[] {
  return allSettings().map(({ section, spec }) => ({
    section,
    env: spec.env,
    default: shownDefault(spec.default),
    description: spec.description,
  }));
}

/** Each setting's effective value, for the settings API; a secret only as "(set)" or null. */
export function effectiveSettings(config: Config): { env: string; value: unknown }[] {
  return allSettings().map(({ section, key, spec }) => {
    const value = (config as unknown as Record<string, Record<string, unknown>>)[section]![key];
    if (spec.secret) return { env: spec.env, value: value === undefined ? null : '(set)' };
    return { env: spec.env, value: value ?? null };
  });
}
