import { describe, expect, it } from 'vitest';
import {
  allSettings,
  ConfigError,
  describeSettings,
  effectiveSettings,
  loadConfig,
  SETTINGS,
  shownDefault,
} from './config.js';
import { NORMALIZE_DEFAULTS } from './normalize/settings.js';

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(8080);
    expect(config.store.dbPath).toBe('./data/tipwire.db');
    expect(config.keys.dir).toBe('data/tipwire.keys');
    expect(config.intake.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.correlate.tolerance).toBe(1.5);
    expect(config.correlate.kindProfiles.fire).toEqual({ extentMeters: 250, durationMinutes: 240 });
    expect(config.confidence.channelPriors.phone).toBe(0.3);
    expect(config.intake.groupCommit).toBe(true);
    expect(config.normalize.defaultTimezone).toBeNull();
    expect(config.workers.housekeepingIntervalMs).toBe(3_600_000);
    expect(config.retention.purgeIntervalMs).toBe(86_400_000);
  });

  it('parses values from the environment', () => {
    const config = loadConfig({
      TIPWIRE_PORT: '9000',
      TIPWIRE_GROUP_COMMIT: 'off',
      TIPWIRE_DEFAULT_PHONE_REGION: 'cn',
      TIPWIRE_CORRELATE_TOLERANCE: '2.5',
      TIPWIRE_CORRELATE_KIND_PROFILES: 'fire=500/300, *=250/60',
      TIPWIRE_CONFIDENCE_PRIORS: 'web=0.2',
    });
    expect(config.server.port).toBe(9000);
    expect(config.intake.groupCommit).toBe(false);
    expect(config.intake.defaultPhoneRegion).toBe('CN');
    expect(config.correlate.tolerance).toBe(2.5);
    expect(config.correlate.kindProfiles.fire).toEqual({ extentMeters: 500, durationMinutes: 300 });
    expect(config.correlate.kindProfiles['*']).toEqual({ extentMeters: 250, durationMinutes: 60 });
    // The kinds not named keep their defaults.
    expect(config.correlate.kindProfiles.drone).toEqual({ extentMeters: 500, durationMinutes: 60 });
    expect(config.confidence.channelPriors).toMatchObject({ web: 0.2, phone: 0.3 });
  });

  it('lets command-line flags win over the environment', () => {
    const config = loadConfig(
      { TIPWIRE_PORT: '9000', TIPWIRE_DB: 'a.db' },
      { port: '9001', dbPath: 'b.db' },
    );
    expect(config.server.port).toBe(9001);
    expect(config.store.dbPath).toBe('b.db');
    expect(config.keys.dir).toBe('b.keys');
  });

  it('gives each database in one folder its own keys folder', () => {
    expect(loadConfig({ TIPWIRE_DB: 'k2/main.db' }).keys.dir).toBe('k2/main.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/staging.db' }).keys.dir).toBe('k2/staging.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/plain' }).keys.dir).toBe('k2/plain.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/main.db', TIPWIRE_KEYS_DIR: '/k' }).keys.dir).toBe('/k');
  });

  it('names every bad variable, with the value it got', () => {
    let error: unknown;
    try {
      loadConfig({
        TIPWIRE_PORT: 'eighty',
        TIPWIRE_BODY_LIMIT_BYTES: '-5',
        TIPWIRE_LOG_LEVEL: 'loud',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^TIPWIRE_PORT: .*whole number.*"eighty"/);
    expect(problems[1]).toMatch(/^TIPWIRE_LOG_LEVEL: /);
    expect(problems[2]).toMatch(/^TIPWIRE_BODY_LIMIT_BYTES: must be at least 1024/);
  });

  it('names the flag, not the variable, when a flag is bad', () => {
    expect(() => loadConfig({}, { port: '70000' })).toThrow(/--port: must be at most 65535/);
  });

  it('never echoes a secret in its error', () => {
    try {
      loadConfig({ TIPWIRE_MASTER_KEY: 'not-a-key-secret-value' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/TIPWIRE_MASTER_KEY/);
      expect((err as Error).message).not.toMatch(/secret-value/);
    }
  });

  it('gives every setting a TIPWIRE_ variable and a description', () => {
    for (const { spec } of allSettings()) {
      expect(spec.env).toMatch(/^TIPWIRE_[A-Z0-9_]+$/);
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });

  it('declares each environment variable in one module only', () => {
    const sectionsOf = new Map<string, string[]>();
    for (const { section, key, spec } of allSettings()) {
      sectionsOf.set(spec.env, [...(sectionsOf.get(spec.env) ?? []), `${section}.${key}`]);
    }
    const twice = [...sectionsOf].filter(([, where]) => where.length > 1);
    expect(twice).toEqual([]);
    expect(sectionsOf.size).toBe(allSettings().length);
  });

  it('hands each module its own settings, under the keys its spec declares', () => {
    const config = loadConfig({
      TIPWIRE_TIME_JUST_NOW_SECONDS: '120',
      TIPWIRE_PIPELINE_INTAKE_BUSY_MS: '7',
      TIPWIRE_LIVE_POLL_MS: '250',
    });
    for (const [section, specs] of Object.entries(SETTINGS)) {
      expect(Object.keys(config[section as keyof typeof SETTINGS]).sort()).toEqual(
        Object.keys(specs).sort(),
      );
    }
    expect(config.normalize).toEqual({ ...NORMALIZE_DEFAULTS, justNowSeconds: 120 });
    expect(config.pipeline.intakeBusyMs).toBe(7);
    expect(config.notify.pollMs).toBe(250);
  });

  it('checks a new interval at its bounds and names it', () => {
    expect(loadConfig({ TIPWIRE_HOUSEKEEPING_INTERVAL_MS: '1000' }).workers).toEqual({
      housekeepingIntervalMs: 1000,
    });
    expect(() => loadConfig({ TIPWIRE_HOUSEKEEPING_INTERVAL_MS: '999' })).toThrow(
      /TIPWIRE_HOUSEKEEPING_INTERVAL_MS: must be at least 1000/,
    );
    expect(loadConfig({ TIPWIRE_LIVE_POLL_MS: '10' }).notify.pollMs).toBe(10);
    expect(() => loadConfig({ TIPWIRE_LIVE_POLL_MS: '9' })).toThrow(/TIPWIRE_LIVE_POLL_MS/);
  });
});

describe('effectiveSettings', () => {
  it('shows every value, and a secret only as set or not', () => {
    const key = 'ab'.repeat(32);
    const rows = effectiveSettings(loadConfig({ TIPWIRE_MASTER_KEY: key, TIPWIRE_PORT: '81' }));
    expect(rows).toHaveLength(allSettings().length);
    expect(rows).toContainEqual({ env: 'TIPWIRE_MASTER_KEY', value: '(set)' });
    expect(rows).toContainEqual({ env: 'TIPWIRE_PORT', value: 81 });
    expect(rows).toContainEqual({ env: 'TIPWIRE_DEFAULT_TIMEZONE', value: null });
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(effectiveSettings(loadConfig({}))).toContainEqual({
      env: 'TIPWIRE_MASTER_KEY',
      value: null,
    });
  });
});

describe('describeSettings', () => {
  it('shows each default as the text its variable takes, lists of pairs too', () => {
    const shown = new Map(describeSettings().map((row) => [row.env, row.default]));
    for (const { spec } of allSettings()) {
      const text = shown.get(spec.env)!;
      expect(text).not.toContain('[object');
      if (spec.default === undefined || spec.default === null) expect(text).toBe('(unset)');
      else expect(spec.schema.parse(text)).toEqual(spec.default);
    }
  });

  it('writes name=number and kind=metres/minutes pairs comma-separated, in their order', () => {
    expect(shownDefault({ warning: -0.7, critical: -1.5 })).toBe('warning=-0.7,critical=-1.5');
    expect(
      shownDefault({
        '*': { extentMeters: 300, durationMinutes: 90 },
        fire: { extentMeters: 400.5, durationMinutes: 240 },
      }),
    ).toBe('*=300/90,fire=400.5/240');
    expect([
      shownDefault(undefined),
      shownDefault(null),
      shownDefault(5),
      shownDefault('x'),
    ]).toEqual(['(unset)', '(unset)', '5', 'x']);
  });
});
