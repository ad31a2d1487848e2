/**
 * `tipwire keys rotate`, through the real binary, server and database file:
 * - killed with SIGKILL half-way (some data keys re-wrapped, some not), or right after
 *   the database switched keys, and run again: every report's narrative, attachment
 *   and messages read back through the API, receipts and search still work, and
 *   `tipwire audit verify` passes;
 * - twice in a row, and with the master key in the environment;
 * - a missing, malformed or wrong new key is refused and changes nothing;
 * - it refuses while another process has the database open, and `serve` refuses to
 *   start while a rotation is unfinished.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateKeys } from '../src/cli/keys.js';
import { createRuntime } from '../src/runtime.js';
import { MasterKeyError } from '../src/protect/database-keys.js';
import {
  createToken,
  getJson,
  makeReport,
  postReport,
  remember,
  requireFreshDist,
  ROOT,
  runCli,
  startServer,
  tempDir,
  testConfig,
  testLogger,
  type ServerProcess,
} from './helpers.js';

let dir: string;
let cleanup: () => void;
let server: ServerProcess | null = null;

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = null;
  cleanup();
});

const OLD_KEY = 'a1'.repeat(32);
const NEW_KEY = 'b2'.repeat(32);
const OTHER_KEY = 'c3'.repeat(32);

interface Seeded {
  id: string;
  narrative: string;
  word: string;
  receipt: string;
  attachment: Buffer | null;
  messages: string[];
}

/** Reports through the real server: some with an attachment, some with messages both ways. */
async function seedThroughServer(
  db: string,
  count: number,
  token: string,
  whileServing: () => void = () => {},
): Promise<Seeded[]> {
  server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
  const seeded: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const word = `rotationword${i}x`;
    const narrative = `Report ${i}: a van idled by the gate, ${word}, then drove north.`;
    const attachment = i % 3 === 0 ? Buffer.from(`photo bytes of report ${i}`) : null;
    const res = await postReport(
      server.url,
      makeReport({
        narrative,
        ...(attachment && {
          attachments: [
            {
              filename: `r${i}.jpg`,
              contentType: 'image/jpeg',
              dataBase64: attachment.toString('base64'),
            },
          ],
        }),
      }),
    );
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const messages: string[] = [];
    if (i % 4 === 0) {
      const question = `Which gate, report ${i}?`;
      const answer = `The east gate (${i}).`;
      remember('narrative', question);
      remember('narrative', answer);
      const asked = await fetch(`${server.url}/api/v1/reports/${id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: question }),
      });
      expect(asked.status).toBe(201);
      const answered = await fetch(
        `${server.url}/api/v1/receipts/${encodeURIComponent(res.body.receipt as string)}/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: answer }),
        },
      );
      expect(answered.status).toBe(201);
      messages.push(question, answer);
    }
    seeded.push({ id, narrative, word, receipt: res.body.receipt as string, attachment, messages });
  }
  whileServing();
  await server.stop();
  server = null;
  return seeded;
}

/** Everything a reader sees of each report, through the real server, compared with what was sent. */
async function expectAllReadable(db: string, token: string, seeded: Seeded[], env = {}) {
  server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off', ...env });
  for (const s of seeded) {
    const res = await getJson(`${server.url}/api/v1/reports/${s.id}`, token);
    expect(res.status, s.id).toBe(200);
    expect(res.body.narrative).toBe(s.narrative);
    const messages = res.body.messages as { text: string }[];
    expect(messages.map((m) => m.text)).toEqual(s.messages);
    const attachments = res.body.attachments as { id: string; sha256: string }[];
    expect(attachments.length).toBe(s.attachment ? 1 : 0);
    if (s.attachment) {
      const file = await fetch(
        `${server.url}/api/v1/reports/${s.id}/attachments/${attachments[0]!.id}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer())).toEqual(s.attachment);
      expect(attachments[0]!.sha256).toBe(createHash('sha256').update(s.attachment).digest('hex'));
    }
  }
  // The subkeys did not change: the blind index finds a report by its word, and a
  // receipt (looked up by its keyed hash) still opens its case.
  const probe = seeded[seeded.length - 1]!;
  const found = await getJson(`${server.url}/api/v1/reports?q=${probe.word}`, token);
  expect((found.body.items as { id: string }[]).map((r) => r.id)).toEqual([probe.id]);
  const receipt = await fetch(`${server.url}/api/v1/receipts/${encodeURIComponent(probe.receipt)}`);
  expect(receipt.status).toBe(200);
  await server.stop();
  server = null;
}

/** Master-key ids the data keys are wrapped under, with counts (read from the file directly). */
function wrappingIds(db: string): Record<string, number> {
  const conn = new Database(db, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    for (const blob of conn
      .prepare('SELECT data_key FROM reports WHERE data_key IS NOT NULL')
      .pluck()
      .all() as Buffer[]) {
      const id = blob.subarray(2, 2 + blob[1]!).toString('latin1');
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  } finally {
    conn.close();
  }
}

function metaOf(db: string): Record<string, string> {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn.prepare('SELECT key, value FROM meta').all() as {
      key: string;
      value: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    conn.close();
  }
}

/** The database's rows that rotation may touch and every file of the keys folder, hashed. */
function snapshot(db: string, keysDir: string): string {
  const conn = new Database(db, { readonly: true });
  const rows = conn.prepare('SELECT id, data_key FROM reports ORDER BY seq').all();
  const meta = conn.prepare('SELECT key, value FROM meta ORDER BY key').all();
  const audit = conn.prepare('SELECT count(*) FROM audit_log').pluck().get();
  conn.close();
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else files.push(`${path.relative(keysDir, file)}:${sha(readFileSync(file))}`);
    }
  };
  walk(keysDir);
  return JSON.stringify({ rows, meta, audit, files }, (_k, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
      ? sha(Buffer.from((v as { data: number[] }).data))
      : v,
  );
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function auditVerify(db: string, env: Record<string, string> = {}) {
  return runCli(['audit', 'verify', '--db', db], env);
}

/** Runs the rotation in a child process that SIGKILLs itself at `killAt`. */
function rotateUntilKilled(db: string, killAt: string, env: Record<string, string>) {
  requireFreshDist();
  return spawnSync(process.execPath, [path.join(ROOT, 'test/crash-keys-rotate.mjs'), killAt], {
    env: { ...process.env, TIPWIRE_DB: db, TIPWIRE_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
}

/** A database in `dir` with `count` reports sent through the server, and an analyst's token. */
async function seedDatabase(count: number, whileServing?: () => void) {
  const db = path.join(dir, 'tipwire.db');
  const token = createToken(db);
  const seeded = await seedThroughServer(db, count, token, whileServing);
  return {
    db,
    keysDir: path.join(dir, 'tipwire.keys'),
    token,
    seeded,
    oldId: metaOf(db).master_key_id!,
  };
}

describe('keys rotate, killed and resumed', () => {
  it('after SIGKILL half-way through re-wrapping, a second run finishes and every report reads back', async () => {
    const { db, keysDir, token, seeded, oldId } = await seedDatabase(24);
    expect(auditVerify(db).status).toBe(0);

    // Batches of 5: killed after the 2nd of 5 batches, 10 of 24 keys re-wrapped.
    const env = { TIPWIRE_KEYS_ROTATE_BATCH_SIZE: '5' };
    const killed = rotateUntilKilled(db, '2', env);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const rotation = JSON.parse(metaOf(db).key_rotation!) as { from: string; to: string };
    expect(rotation.from).toBe(oldId);
    expect(wrappingIds(db)).toEqual({ [oldId]: 14, [rotation.to]: 10 });
    expect(metaOf(db).master_key_id).toBe(oldId);

    // Nothing else may use the half-rotated database.
    await expect(startServer(db)).rejects.toThrow(
      /rotation .* is unfinished: run `tipwire keys rotate`/,
    );

    const resumed = runCli(['keys', 'rotate', '--db', db], env);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`resuming the rotation ${oldId} → ${rotation.to}`);
    expect(resumed.stdout).toContain('re-wrapped 24 of 24 data keys');
    expect(resumed.stdout).toContain('24 data keys re-wrapped, 24 verified');
    expect(resumed.stdout).not.toMatch(/[0-9a-f]{64}/); // no key material printed

    expect(wrappingIds(db)).toEqual({ [rotation.to]: 24 });
    expect(metaOf(db).master_key_id).toBe(rotation.to);
    expect(metaOf(db).key_rotation).toBeUndefined();
    expect(existsSync(path.join(keysDir, 'retired', `master-${oldId}.key`))).toBe(true);
    expect(existsSync(path.join(keysDir, 'master.key.next'))).toBe(false);

    await expectAllReadable(db, token, seeded);
    const verified = auditVerify(db);
    expect(verified.status, verified.stderr).toBe(0);
    const records = runCli(['audit', 'list', '--action', 'keys.master_rotated', '--db', db]);
    const lines = records.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).details).toEqual({
      from: oldId,
      to: rotation.to,
      dataKeys: 24,
    });
  }, 120_000);

  it('refuses while serve runs; after SIGKILL between the switch and the key files, a second run only moves the files', async () => {
    // While the server runs, keys rotate refuses and changes nothing.
    const { db, keysDir, token, seeded, oldId } = await seedDatabase(4, () => {
      const db = path.join(dir, 'tipwire.db');
      const before = snapshot(db, path.join(dir, 'tipwire.keys'));
      const refused = runCli(['keys', 'rotate', '--db', db]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /is open in another process \(tipwire serve, an import\?\): stop it first/,
      );
      expect(snapshot(db, path.join(dir, 'tipwire.keys'))).toBe(before);
    });

    const killed = rotateUntilKilled(db, 'switched', {});
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const rotation = JSON.parse(metaOf(db).key_rotation!) as { to: string; phase: string };
    expect(rotation.phase).toBe('retire');
    expect(metaOf(db).master_key_id).toBe(rotation.to);
    expect(existsSync(path.join(keysDir, 'master.key.next'))).toBe(true);
    // The audit trail is intact even now: its key comes from the subkey root.
    expect(auditVerify(db).status).toBe(0);

    const resumed = runCli(['keys', 'rotate', '--db', db]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('verified in an earlier run');
    expect(existsSync(path.join(keysDir, 'retired', `master-${oldId}.key`))).toBe(true);
    await expectAllReadable(db, token, seeded);
    expect(auditVerify(db).status).toBe(0);
    const records = runCli(['audit', 'list', '--action', 'keys.master_rotated', '--db', db]);
    expect(records.stdout.trim().split('\n')).toHaveLength(1); // recorded once, not per run
  }, 120_000);
});

/** Reports through an in-process runtime (no server): quicker for the refusal cases. */
async function seedInProcess(env: Record<string, string> = {}, count = 3) {
  const runtime = createRuntime(testConfig(dir, env), { logger: testLogger() });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await runtime.intake.submit(makeReport({ narrative: `in-process ${i}` }), {
      principal: 'anonymous',
      mayStateReceivedAt: false,
    });
    ids.push(result.body.id as string);
  }
  runtime.close();
  return ids;
}

function narrativesWith(env: Record<string, string>, ids: string[]) {
  const runtime = createRuntime(testConfig(dir, env), { logger: testLogger() });
  try {
    expect(runtime.auditLog.verify().ok).toBe(true);
    return ids.map((id) => runtime.vault.openNarrative(runtime.store.reports.get(id)!));
  } finally {
    runtime.close();
  }
}

describe('keys rotate', () => {
  it('rotates twice in a row, each time to a new key, and everything still opens', async () => {
    const ids = await seedInProcess();
    const config = testConfig(dir);
    const first = rotateKeys(config);
    const second = rotateKeys(config);
    expect(second.from).toBe(first.to);
    expect(new Set([first.from, first.to, second.to]).size).toBe(3);
    expect(wrappingIds(config.store.dbPath)).toEqual({ [second.to]: 3 });
    expect(narrativesWith({}, ids)).toEqual(['in-process 0', 'in-process 1', 'in-process 2']);
    expect(readdirSync(path.join(config.keys.dir, 'retired')).sort()).toEqual(
      [`master-${first.from}.key`, `master-${second.from}.key`].sort(),
    );
  });

  it('takes the new key from TIPWIRE_NEW_MASTER_KEY when the master key is in the environment', async () => {
    const ids = await seedInProcess({ TIPWIRE_MASTER_KEY: OLD_KEY });
    const summary = rotateKeys(
      testConfig(dir, { TIPWIRE_MASTER_KEY: OLD_KEY, TIPWIRE_NEW_MASTER_KEY: NEW_KEY }),
    );
    expect(summary.retiredFile).toBeNull();
    // The old key no longer opens the database; the new one does, with the same subkeys.
    expect(() =>
      createRuntime(testConfig(dir, { TIPWIRE_MASTER_KEY: OLD_KEY }), { logger: testLogger() }),
    ).toThrow(MasterKeyError);
    expect(narrativesWith({ TIPWIRE_MASTER_KEY: NEW_KEY }, ids)).toHaveLength(3);
    expect(existsSync(path.join(testConfig(dir).keys.dir, 'master.key'))).toBe(false);
  });

  it('takes the new key from --new-key-file', async () => {
    await seedInProcess();
    const file = path.join(dir, 'new.key');
    writeFileSync(file, NEW_KEY + '\n');
    const summary = rotateKeys(testConfig(dir), { newKeyFile: file });
    const keysDir = testConfig(dir).keys.dir;
    expect(readFileSync(path.join(keysDir, 'master.key'), 'utf8').trim()).toBe(NEW_KEY);
    expect(metaOf(testConfig(dir).store.dbPath).master_key_id).toBe(summary.to);
  });
});

describe('after a rotation', () => {
  it('tipwire refuses to start without the subkey-root it kept, naming the file', async () => {
    await seedInProcess();
    const config = testConfig(dir);
    rotateKeys(config);
    rmSync(path.join(config.keys.dir, 'subkey-root'));
    expect(() => createRuntime(config, { logger: testLogger() })).toThrow(
      /subkey root \(sk_\w+\) is not the one this database recorded .*subkey-root is missing/,
    );
  });
});

describe('keys rotate refuses, changing nothing', () => {
  async function expectRefused(
    env: Record<string, string>,
    newKeyFile: string | undefined,
    message: RegExp,
  ) {
    const config = testConfig(dir, env);
    const before = snapshot(config.store.dbPath, config.keys.dir);
    expect(() => rotateKeys(config, { newKeyFile })).toThrow(message);
    expect(snapshot(config.store.dbPath, config.keys.dir)).toBe(before);
  }

  it('a missing new key file', async () => {
    await seedInProcess();
    await expectRefused(
      {},
      path.join(dir, 'nowhere.key'),
      /--new-key-file: there is no file .*nowhere\.key/,
    );
  });

  it('a new key file that does not hold a key, without showing its content', async () => {
    await seedInProcess();
    const file = path.join(dir, 'bad.key');
    writeFileSync(file, 'not-a-key-but-a-secret\n');
    await expectRefused({}, file, /bad\.key: a key must be 64 hexadecimal characters/);
    expect(() => rotateKeys(testConfig(dir), { newKeyFile: file })).not.toThrow(/secret/);
  });

  it('the key already in use as the new key', async () => {
    await seedInProcess({ TIPWIRE_MASTER_KEY: OLD_KEY });
    await expectRefused(
      { TIPWIRE_MASTER_KEY: OLD_KEY, TIPWIRE_NEW_MASTER_KEY: OLD_KEY },
      undefined,
      /the new master key is the one in use/,
    );
  });

  it('no new key while the master key is in the environment', async () => {
    await seedInProcess({ TIPWIRE_MASTER_KEY: OLD_KEY });
    await expectRefused(
      { TIPWIRE_MASTER_KEY: OLD_KEY },
      undefined,
      /TIPWIRE_MASTER_KEY is set.*--new-key-file FILE or TIPWIRE_NEW_MASTER_KEY/,
    );
  });

  it('a master key that is not the one of the database', async () => {
    await seedInProcess({ TIPWIRE_MASTER_KEY: OLD_KEY });
    await expectRefused(
      { TIPWIRE_MASTER_KEY: OTHER_KEY, TIPWIRE_NEW_MASTER_KEY: NEW_KEY },
      undefined,
      /is not the one this database's data keys are wrapped under/,
    );
  });

  it('another new key than the one an interrupted rotation was moving to', async () => {
    await seedInProcess({ TIPWIRE_MASTER_KEY: OLD_KEY }, 4);
    const env = {
      TIPWIRE_MASTER_KEY: OLD_KEY,
      TIPWIRE_NEW_MASTER_KEY: NEW_KEY,
      TIPWIRE_KEYS_ROTATE_BATCH_SIZE: '2',
    };
    // Interrupted after its first batch (in-process: a progress handler that throws).
    expect(() =>
      rotateKeys(testConfig(dir, env), {
        onProgress: (p) => {
          if (p.step === 'rewrapped') throw new Error('interrupted');
        },
      }),
    ).toThrow('interrupted');
    await expectRefused(
      { ...env, TIPWIRE_NEW_MASTER_KEY: OTHER_KEY },
      undefined,
      /the unfinished rotation is to mk_\w+, but the new key given is mk_\w+/,
    );
    // With the right key it finishes.
    expect(rotateKeys(testConfig(dir, env)).rewrapped).toBe(4);
  });

  it('while another process has the database open', async () => {
    await seedInProcess();
    const runtime = createRuntime(testConfig(dir), { logger: testLogger() });
    try {
      const config = testConfig(dir);
      expect(() => rotateKeys(config)).toThrow(/is open in another process .*stop it first/);
    } finally {
      runtime.close();
    }
    expect(rotateKeys(testConfig(dir)).rewrapped).toBe(3);
  }, 20_000);
});
