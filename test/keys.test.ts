/**
 * A database stays with the master key that sealed it: starting with none, or
 * with another, is refused with a message naming what to set, instead of sealing
 * new reports under a different key and breaking the audit chain.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';
import { MasterKeyError } from '../src/protect/database-keys.js';
import { makeReport, runCli, tempDir, testConfig, testLogger } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function seed(env: Record<string, string> = {}) {
  const runtime = createRuntime(testConfig(dir, env), { logger: testLogger() });
  await runtime.intake.submit(makeReport(), { principal: 'anonymous', mayStateReceivedAt: false });
  runtime.close();
}

describe('the master key', () => {
  it('is created on first start and then required', async () => {
    await seed();
    expect(() =>
      createRuntime(testConfig(dir, { TIPWIRE_KEYS_DIR: path.join(dir, 'elsewhere') }), {
        logger: testLogger(),
      }),
    ).toThrow(/its master key is not here: set TIPWIRE_MASTER_KEY, or TIPWIRE_KEYS_DIR/);
    // The right folder still works.
    createRuntime(testConfig(dir), { logger: testLogger() }).close();
  });

  it('refuses another key than the one that sealed the database', async () => {
    await seed({ TIPWIRE_MASTER_KEY: 'a'.repeat(64) });
    expect(() =>
      createRuntime(testConfig(dir, { TIPWIRE_MASTER_KEY: 'b'.repeat(64) }), {
        logger: testLogger(),
      }),
    ).toThrow(MasterKeyError);
    createRuntime(testConfig(dir, { TIPWIRE_MASTER_KEY: 'a'.repeat(64) }), {
      logger: testLogger(),
    }).close();
  });

  it('makes the CLI stop with the reason instead of creating a new key', async () => {
    await seed();
    const r = runCli(
      ['token', 'create', '--role', 'analyst', '--db', path.join(dir, 'tipwire.db')],
      {
        TIPWIRE_KEYS_DIR: path.join(dir, 'elsewhere'),
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/master key is not here/);
  });
});
