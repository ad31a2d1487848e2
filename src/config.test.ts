import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.dbPath).toBe('./data/tipwire.db');
    expect(config.keysDir).toBe('data/tipwire.keys');
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.correlateRadiusMeters).toBe(500);
    expect(config.correlateWindowMinutes).toBe(120);
    expect(config.groupCommit).toBe(true);
  });

  it('parses values from the environment', () => {
    const config = loadConfig({
      TIPWIRE_PORT: '9000',
      TIPWIRE_GROUP_COMMIT: 'off',
      TIPWIRE_DEFAULT_PHONE_REGION: 'cn',
      TIPWIRE_CORRELATE_RADIUS_METERS: '250.5',
    });
    expect(config.port).toBe(9000);
    expect(config.groupCommit).toBe(false);
    expect(config.defaultPhoneRegion).toBe('CN');
    expect(config.correlateRadiusMeters).toBe(250.5);
  });

  it('lets command-line flags win over the environment', () => {
    const config = loadConfig(
      { TIPWIRE_PORT: '9000', TIPWIRE_DB: 'a.db' },
      { port: '9001', dbPath: 'b.db' },
    );
    expect(config.port).toBe(9001);
    expect(config.dbPath).toBe('b.db');
    expect(config.keysDir).toBe('b.keys');
  });

  it('gives each database in one folder its own keys folder', () => {
    expect(loadConfig({ TIPWIRE_DB: 'k2/main.db' }).keysDir).toBe('k2/main.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/staging.db' }).keysDir).toBe('k2/staging.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/plain' }).keysDir).toBe('k2/plain.keys');
    expect(loadConfig({ TIPWIRE_DB: 'k2/main.db', TIPWIRE_KEYS_DIR: '/k' }).keysDir).toBe('/k');
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
    for (const spec of Object.values(SETTINGS)) {
      expect(spec.env).toMatch(/^TIPWIRE_[A-Z0-9_]+$/);
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});
