/**
 * The audit trail end to end over a real SQLite file: records appended by the
 * service, then tampered with the way someone holding the file would (a second
 * connection, the guard triggers dropped), then checked by `tipwire audit verify`
 * and read through GET /api/v1/audit.
 *
 * The CLI runs in-process through commander (`auditCommand`), as main.ts runs it;
 * the last block runs the built binary, dist/cli/main.js.
 */
import Database from 'better-sqlite3';
import { Command, CommanderError } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../src/access/roles.js';
import { issueToken } from '../src/access/tokens.js';
import {
  createAuditLog,
  defaultAnchorPath,
  getAuditKey,
  type AuditEntryInput,
  type AuditLog,
} from '../src/audit/audit-log.js';
import { auditCommand } from '../src/cli/audit.js';
import { ExitError } from '../src/cli/shared.js';
import type { Config } from '../src/config.js';
import { createAuth, type Principal } from '../src/server/auth.js';
import { errorHandler } from '../src/server/http-errors.js';
import { auditRoutes, recordRefusal } from '../src/server/routes/audit.js';
import { createAuditRepository } from '../src/store/sqlite/audit.repository.js';
import { openDatabase, type Db } from '../src/store/sqlite/database.js';
import type { StoredToken, TokenRepository } from '../src/store/store.js';
import { runCli, tempDir, testConfig } from './helpers.js';

const T0 = Date.UTC(2026, 10, 20, 13, 40);
const SEEDED = 12;

let config: Config;
let dbFile: string;
let cleanup: () => void;

/** Record i of the seeded log: several actors, actions and targets, one minute apart. */
function seedEntry(i: number): AuditEntryInput {
  const actions = ['report.read', 'report.status_changed', 'session.login', 'retention.purged'];
  return {
    actor: ['user:alice', 'user:bob', 'system'][i % 3]!,
    action: actions[i % actions.length]!,
    target: `report:r_${i}`,
    reason: `seeded record ${i}`,
    details: { i },
  };
}

function openLog(db: Db, clock: () => number, anchorEvery = 1000): AuditLog {
  return createAuditLog({
    repo: createAuditRepository(db),
    key: getAuditKey(config.keys),
    clock,
    anchorPath: defaultAnchorPath(config.keys.dir),
    anchorEvery,
  });
}

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  config = testConfig(tmp.dir);
  dbFile = config.store.dbPath;
  const db = openDatabase(dbFile);
  let now = T0;
  const log = openLog(db, () => (now += 60_000));
  for (let i = 1; i <= SEEDED; i++) log.append(seedEntry(i));
  log.anchor();
  db.close();
});
afterEach(() => cleanup());

/** What someone with write access to the database file can do. */
function tamper(sql: string) {
  const db = new Database(dbFile);
  db.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  db.exec(sql);
  db.close();
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tipwire audit …` in-process, with main.ts's mapping of errors to exit codes. */
async function auditCli(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command()
    .name('tipwire')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  auditCommand(program);
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a) => void err.push(`${a.join(' ')}\n`));
  const result = (code: number): Run => ({ code, stdout: out.join(''), stderr: err.join('') });
  try {
    await program.parseAsync(['audit', ...args], { from: 'user' });
    return result(0);
  } catch (e) {
    if (e instanceof ExitError) {
      err.push(`tipwire: ${e.message}\n`);
      return result(e.exitCode);
    }
    if (e instanceof CommanderError) return result(e.exitCode);
    throw e;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('tipwire audit verify', () => {
  it('exits 0 on an untouched log and says how far it checked', async () => {
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^audit log intact: 12 records, newest 12 \(hash [0-9a-f]{16}…\), anchored at record 12\n$/,
    );
  });

  it('exits 1 naming the record whose reason was edited by hand', async () => {
    tamper(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 5`);
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'tipwire: audit record 5 is broken: its content does not match its hash (edited?)\n',
    );
  });

  it('exits 1 naming the record whose actor was edited by hand', async () => {
    tamper(`UPDATE audit_log SET actor = 'user:alice' WHERE seq = 8`);
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('audit record 8 is broken');
  });

  it('exits 1 naming the record after one deleted from the middle', async () => {
    tamper('DELETE FROM audit_log WHERE seq = 5');
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'tipwire: audit record 6 is broken: record 5 is missing before it (deleted?)\n',
    );
  });

  it('exits 1 when the middle was deleted and the rest renumbered to close the gap', async () => {
    tamper(`DELETE FROM audit_log WHERE seq = 5;
      UPDATE audit_log SET seq = seq - 1 WHERE seq > 5;
      UPDATE sqlite_sequence SET seq = 11 WHERE name = 'audit_log';`);
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('audit record 5 is broken');
  });

  it('exits 1 naming the first missing record when the newest were deleted (anchor)', async () => {
    tamper('DELETE FROM audit_log WHERE seq > 9');
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'tipwire: audit records 10–12 are missing: the log ends at record 9 but the anchor names record 12 (newest records deleted?)\n',
    );
  });

  it('checks against a copy of the anchor kept elsewhere, when the original was removed too', async () => {
    const copy = path.join(path.dirname(dbFile), 'offsite-anchor.json');
    copyFileSync(defaultAnchorPath(config.keys.dir), copy);
    rmSync(defaultAnchorPath(config.keys.dir));
    tamper('DELETE FROM audit_log WHERE seq = 12');
    expect((await auditCli('verify', '--db', dbFile)).code).toBe(0); // the limit of no anchor
    const r = await auditCli('verify', '--anchor', copy, '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('audit record 12 is missing');
  });

  it('without an anchor, shows a deleted tail as a gap once anything is appended', async () => {
    rmSync(defaultAnchorPath(config.keys.dir));
    tamper('DELETE FROM audit_log WHERE seq > 10');
    const before = await auditCli('verify', '--db', dbFile);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('no anchor');
    const db = openDatabase(dbFile);
    openLog(db, () => T0).append(seedEntry(99));
    db.close();
    const after = await auditCli('verify', '--db', dbFile);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('audit record 13 is broken: records 11–12 are missing');
  });

  it('exits 1 when the audit table was dropped', async () => {
    tamper('DROP TABLE audit_log');
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/table is gone/);
  });

  it('exits 2 without the master key rather than calling every record edited', async () => {
    rmSync(path.join(config.keys.dir, 'master.key'));
    const r = await auditCli('verify', '--db', dbFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no master key .*master\.key/);
  });

  it('exits 2 for a database that does not exist, creating nothing', async () => {
    const missing = path.join(path.dirname(dbFile), 'nope.db');
    const r = await auditCli('verify', '--db', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`there is no database at ${missing}`);
  });
});

describe('tipwire audit list', () => {
  it('prints the newest records as JSON lines', async () => {
    const r = await auditCli('list', '--limit', '3', '--db', dbFile);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([12, 11, 10]);
    expect(lines[0]).toMatchObject({
      at: new Date(T0 + 12 * 60_000).toISOString(),
      actor: 'user:alice',
      action: 'report.read',
      target: 'report:r_12',
      reason: 'seeded record 12',
      details: { i: 12 },
    });
  });

  it('filters by action', async () => {
    const r = await auditCli('list', '--action', 'session.login', '--db', dbFile);
    const seqs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual([10, 6, 2]);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    const r = await auditCli('list', '--limit', '0', '--db', dbFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('must be a whole number of at least 1');
  });
});

describe('several writers', () => {
  it('two connections appending in turn to one file still form one chain', async () => {
    const a = openDatabase(dbFile);
    const b = openDatabase(dbFile);
    const logA = openLog(a, () => T0);
    const logB = openLog(b, () => T0);
    for (let i = 0; i < 10; i++) (i % 2 ? logB : logA).append(seedEntry(100 + i));
    expect(logA.verify()).toMatchObject({ ok: true, count: SEEDED + 10 });
    a.close();
    b.close();
    expect((await auditCli('verify', '--db', dbFile)).code).toBe(0);
  });
});

describe('GET /api/v1/audit', () => {
  let app: FastifyInstance;
  let db: Db;
  let audit: AuditLog;
  const tokens = new Map<string, StoredToken>();

  const tokenRepo: TokenRepository = {
    insert: (t) => void tokens.set(t.id, t),
    get: (id) => tokens.get(id) ?? null,
    list: () => ({ items: [], next: null }),
    revoke: () => false,
    revokeForUser: () => 0,
    touch: () => undefined,
    purgeExpired: () => 0,
  };

  function tokenFor(role: Role): string {
    const issued = issueToken([role], null);
    tokens.set(issued.record.id, issued.record);
    return issued.token;
  }

  beforeEach(async () => {
    db = openDatabase(dbFile);
    audit = openLog(db, () => T0 + 3_600_000);
    const repo = createAuditRepository(db);
    app = Fastify();
    app.decorateRequest('principal', null as unknown as Principal);
    app.setErrorHandler(errorHandler);
    createAuth({
      tokens: tokenRepo,
      clock: () => T0,
      rules: { sessionIdleMs: 0, lastUsedIntervalMs: 60_000 },
      userName: () => null,
      onRefused: recordRefusal(audit),
    }).install(app);
    auditRoutes(app, { audit, repo, pageSizeMax: 5 });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    db.close();
  });

  const get = (url: string, token: string | null) =>
    app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('walks the whole log newest first, page by page, for an auditor', async () => {
    const auditor = tokenFor('auditor');
    const seen: number[] = [];
    let url = '/api/v1/audit?limit=50';
    for (let pages = 0; pages < 10; pages++) {
      const res = await get(url, auditor);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { seq: number }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items.map((i) => i.seq));
      if (!body.nextCursor) break;
      url = `/api/v1/audit?cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by actor, action, target and time', async () => {
    const auditor = tokenFor('auditor');
    const seqs = async (query: string) =>
      (
        (await get(`/api/v1/audit?${query}`, auditor)).json() as { items: { seq: number }[] }
      ).items.map((i) => i.seq);
    expect(await seqs('actor=user:bob')).toEqual([10, 7, 4, 1]);
    expect(await seqs('action=retention.purged')).toEqual([11, 7, 3]);
    expect(await seqs('target=report:r_7')).toEqual([7]);
    const since = new Date(T0 + 3 * 60_000).toISOString();
    const until = new Date(T0 + 5 * 60_000).toISOString();
    expect(await seqs(`since=${since}&until=${until}`)).toEqual([4, 3]);
    expect(await seqs(`actor=system&since=${since}`)).toEqual([11, 8, 5]);
  });

  it.each([
    ['limit=abc', 'limit'],
    ['since=yesterday', 'since'],
    ['since=2026-11-20T21:10:00', 'since'],
    ['since=2026-11-21T00:00:00Z&until=2026-11-20T00:00:00Z', 'until'],
    ['action=Report%20Read', 'action'],
    ['actor=a&actor=b', 'actor'],
    ['colour=red', 'colour'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers 400 naming the parameter for %s', async (query, param) => {
    const res = await get(`/api/v1/audit?${query}`, tokenFor('auditor'));
    expect(res.statusCode).toBe(400);
    const issues = (res.json() as { error: { issues: { path: string }[] } }).error.issues;
    expect(issues.map((i) => i.path)).toContain(param);
  });

  it('refuses every other role with 403, and the refusal is itself audited', async () => {
    for (const role of ['analyst', 'admin', 'supervisor', 'intake', 'office'] as Role[]) {
      expect((await get('/api/v1/audit', tokenFor(role))).statusCode).toBe(403);
    }
    const refused = createAuditRepository(db).list({ limit: 10, action: 'access.refused' });
    expect(refused.items).toHaveLength(5);
    expect(refused.items[0]).toMatchObject({
      actor: expect.stringMatching(/^token:/),
      target: 'GET /api/v1/audit',
      reason: 'roles office may not call this route',
      detailsJson: '{"status":403}',
    });
    expect(audit.verify()).toMatchObject({ ok: true, count: SEEDED + 5 });
  });

  it('answers 401 without a token and audits it as anonymous', async () => {
    expect((await get('/api/v1/audit', null)).statusCode).toBe(401);
    const last = createAuditRepository(db).last();
    expect(last).toMatchObject({
      actor: 'anonymous',
      action: 'access.refused',
      reason: 'no valid token',
    });
  });

  it('verifies the chain on request: intact, then naming a record edited meanwhile', async () => {
    const auditor = tokenFor('auditor');
    const intact = await get('/api/v1/audit/verify', auditor);
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({ ok: true, count: SEEDED, anchoredSeq: SEEDED });
    tamper(`UPDATE audit_log SET details = '{"i":0}' WHERE seq = 3`);
    expect((await get('/api/v1/audit/verify', auditor)).json()).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'edited',
    });
    expect((await get('/api/v1/audit/verify', tokenFor('admin'))).statusCode).toBe(403);
  });
});

// The built binary (runCli refuses a dist/ older than src/).
describe('tipwire audit verify through dist/cli/main.js', () => {
  it('exits 0 on an untouched log and 1 naming a record edited by hand', () => {
    const intact = runCli(['audit', 'verify', '--db', dbFile]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^audit log intact: 12 records/);
    tamper(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 5`);
    const broken = runCli(['audit', 'verify', '--db', dbFile]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(
      'audit record 5 is broken: its content does not match its hash',
    );
  });

  it('exits 1 naming the record after one deleted from the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 7');
    const r = runCli(['audit', 'verify', '--db', dbFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('audit record 8 is broken: record 7 is missing');
  });
});
