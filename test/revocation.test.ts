/**
 * Taking access away, through the real HTTP app (inject) over a real SQLite file
 * and, where the command line is concerned, the real `tipwire` binary: the failed-login
 * limit under parallel requests, revoking tokens, expiry and idle sessions, disabled
 * users, new passwords, signing out everywhere, the token list and last-used times.
 * Each change must leave its audit record. The clock is injected.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/access/passwords.js';
import type { Role } from '../src/access/roles.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { remember, runCli, tempDir, testConfig, testLogger } from './helpers.js';

const T0 = Date.parse('2026-12-01T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new long passphrase';
remember('password', PASSWORD);
remember('password', NEW_PASSWORD);

let now = T0;
let runtime: Runtime;
let app: FastifyInstance;
let cleanup: (() => void) | undefined;
let dbPath: string;
let adminToken: string;
let adminTokenId: string;

/** A runtime and app on a fresh database, at T0, with an admin API token. */
async function boot(env: Record<string, string> = {}) {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  now = T0;
  const config = testConfig(tmp.dir, env);
  dbPath = config.store.dbPath;
  runtime = createRuntime(config, { clock: () => now, logger: testLogger() });
  app = await createHttpApp(runtime);
  const issued = await runtime.admin.createToken('test', { roles: ['admin'] });
  adminToken = remembered(issued.token);
  adminTokenId = issued.record.id;
}

afterEach(async () => {
  await app?.close();
  runtime?.close();
  cleanup?.();
  cleanup = undefined;
});

function remembered(token: string): string {
  remember('token', token);
  return token;
}

async function call(method: string, url: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = res.body;
  return {
    status: res.statusCode,
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
    text,
    headers: res.headers,
  };
}

async function addUser(name: string, roles: Role[] = ['analyst']) {
  return runtime.admin.createUser('test', { name, password: PASSWORD, roles });
}

async function login(name: string, password = PASSWORD) {
  return call('POST', '/api/v1/session', null, { name, password });
}

async function sessionOf(name: string, password = PASSWORD): Promise<string> {
  const res = await login(name, password);
  expect(res.status, res.text).toBe(201);
  return remembered(res.body.token as string);
}

const whoAmI = async (token: string) => (await call('GET', '/api/v1/session', token)).status;

const tokenIdOf = (token: string) => token.split('_')[1]!;

function auditRecords(action: string) {
  return runtime.store.db
    .prepare(`SELECT actor, target, details FROM audit_log WHERE action = ? ORDER BY seq`)
    .all(action) as { actor: string; target: string; details: string }[];
}

describe('the failed-login limit under parallel requests (F4 defect 3)', () => {
  it('checks at most TIPWIRE_RATE_GUESSES_BURST passwords of 200 sent at once; the rest get 429', async () => {
    const burst = 5;
    await boot({
      TIPWIRE_RATE_GUESSES_BURST: String(burst),
      TIPWIRE_RATE_GUESSES_PER_MINUTE: '0.01',
    });
    await addUser('alice');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login('alice', `wrong password number ${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    // Every real password check leaves a session.login_failed record.
    expect(auditRecords('session.login_failed')).toHaveLength(burst);
    expect(statuses.filter((s) => s === 401)).toHaveLength(burst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - burst);
  }, 120_000);

  it('gives a right password’s reservation back, and refuses even a right one once limited', async () => {
    await boot({ TIPWIRE_RATE_GUESSES_BURST: '2', TIPWIRE_RATE_GUESSES_PER_MINUTE: '0.01' });
    await addUser('alice');
    expect((await login('alice', 'not the password')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await login('alice')).status).toBe(201);
    expect((await login('alice', 'not the password')).status).toBe(401);
    const limited = await login('alice');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(auditRecords('session.login_failed')).toHaveLength(2);
  });
});

describe('revoking a token', () => {
  it('gives a revoked token 401 on its very next request, on the audit trail', async () => {
    await boot();
    const created = await call('POST', '/api/v1/tokens', adminToken, {
      roles: 'analyst',
      label: 'desk 4',
    });
    expect(created.status).toBe(201);
    const token = remembered(created.body.token as string);
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(200);
    const revoked = await call('DELETE', `/api/v1/tokens/${created.body.id as string}`, adminToken);
    expect(revoked.status).toBe(204);
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(401);
    expect(auditRecords('token.revoked')).toEqual([
      {
        actor: `token:${adminTokenId}`,
        target: `token:${created.body.id as string}`,
        details: '{}',
      },
    ]);
    // Revoking again changes nothing and records nothing.
    expect(
      (await call('DELETE', `/api/v1/tokens/${created.body.id as string}`, adminToken)).status,
    ).toBe(204);
    expect(auditRecords('token.revoked')).toHaveLength(1);
  });

  it('revokes a login session the same way', async () => {
    await boot();
    await addUser('alice');
    const session = await sessionOf('alice');
    expect((await call('DELETE', `/api/v1/tokens/${tokenIdOf(session)}`, adminToken)).status).toBe(
      204,
    );
    expect(await whoAmI(session)).toBe(401);
  });

  it('answers 404 for an unknown token and 400 naming the id for a malformed one', async () => {
    await boot();
    const unknown = await call('DELETE', '/api/v1/tokens/aaaaaaaaaaaa', adminToken);
    expect(unknown.status).toBe(404);
    const bad = await call('DELETE', '/api/v1/tokens/NOT-AN-ID', adminToken);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ issues: [{ path: 'id' }] });
  });

  it('takes effect at once when the command line revokes it while the server runs', async () => {
    await boot();
    const issued = await runtime.admin.createToken('test', { roles: ['analyst'] });
    const token = remembered(issued.token);
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(200);
    const r = runCli(['token', 'revoke', issued.record.id, '--db', dbPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`revoked token ${issued.record.id}`);
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(401);
    expect(auditRecords('token.revoked')).toMatchObject([{ actor: 'cli' }]);
  }, 60_000);
});

describe('the command line, on a running server', () => {
  it('disables a user, sets a new password and signs out everywhere, each at once', async () => {
    await boot();
    await addUser('alice');
    const cli = (args: string[], input?: string) => {
      const r = runCli([...args, '--db', dbPath], {}, input);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const first = await sessionOf('alice');
    expect(cli(['user', 'disable', 'alice'])).toContain('1 session(s) revoked');
    expect(await whoAmI(first)).toBe(401);
    expect((await login('alice')).status).toBe(401);
    cli(['user', 'enable', 'alice']);

    const second = await sessionOf('alice');
    expect(cli(['user', 'password', 'alice', '--password-stdin'], `${NEW_PASSWORD}\n`)).toContain(
      '1 session(s) revoked',
    );
    expect(await whoAmI(second)).toBe(401);
    expect((await login('alice')).status).toBe(401);

    const third = await sessionOf('alice', NEW_PASSWORD);
    cli(['user', 'sign-out', 'alice']);
    expect(await whoAmI(third)).toBe(401);
    const listed = cli(['token', 'list', '--user', 'alice']).trim().split('\n');
    expect(listed.slice(1).map((l) => l.split('\t')[2])).toEqual(['revoked', 'revoked', 'revoked']);
    expect(runtime.auditLog.verify()).toMatchObject({ ok: true });
  }, 120_000);
});

describe('expiry', () => {
  it('ends an API token created with an expiry at that instant', async () => {
    await boot();
    const created = await call('POST', '/api/v1/tokens', adminToken, {
      roles: ['analyst'],
      expiresInDays: 1,
    });
    expect(created.body.expiresAt).toBe(new Date(T0 + DAY).toISOString());
    const token = remembered(created.body.token as string);
    now = T0 + DAY - 1;
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(200);
    now = T0 + DAY;
    expect((await call('GET', '/api/v1/reports', token)).status).toBe(401);
    expect(auditRecords('token.created').at(-1)!.details).toContain(`"expiresAt":${T0 + DAY}`);
  });

  it('gives new tokens TIPWIRE_TOKEN_DEFAULT_DAYS, unless one asks for 0 (never)', async () => {
    await boot({ TIPWIRE_TOKEN_DEFAULT_DAYS: '30' });
    const byDefault = await call('POST', '/api/v1/tokens', adminToken, { roles: 'intake' });
    expect(byDefault.body.expiresAt).toBe(new Date(T0 + 30 * DAY).toISOString());
    const never = await call('POST', '/api/v1/tokens', adminToken, {
      roles: 'intake',
      expiresInDays: 0,
    });
    expect(never.body.expiresAt).toBeNull();
    remembered(byDefault.body.token as string);
    now = T0 + 365 * DAY;
    expect(await whoAmI(remembered(never.body.token as string))).toBe(200);
    expect(await whoAmI(byDefault.body.token as string)).toBe(401);
  });

  it('names expiresInDays when it is not a whole number of days from 0', async () => {
    await boot();
    for (const expiresInDays of [-1, 1.5, '7']) {
      const res = await call('POST', '/api/v1/tokens', adminToken, {
        roles: 'analyst',
        expiresInDays,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ issues: [{ path: 'expiresInDays' }] });
    }
  });

  it('ends a session after TIPWIRE_SESSION_HOURS, however busy', async () => {
    await boot({ TIPWIRE_SESSION_HOURS: '2', TIPWIRE_SESSION_IDLE_MINUTES: '0' });
    await addUser('alice');
    const session = await sessionOf('alice');
    now = T0 + 2 * HOUR - 1;
    expect(await whoAmI(session)).toBe(200);
    now = T0 + 2 * HOUR;
    expect(await whoAmI(session)).toBe(401);
  });

  it('ends a session unused for the idle time plus one last-used interval, and not earlier', async () => {
    await boot({
      TIPWIRE_SESSION_IDLE_MINUTES: '30',
      TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS: '60',
    });
    await addUser('alice');
    const used = await sessionOf('alice');
    const unused = await sessionOf('alice');
    const limit = 30 * MINUTE + MINUTE;
    now = T0 + limit - 1;
    expect(await whoAmI(used)).toBe(200);
    now = T0 + limit;
    expect(await whoAmI(unused)).toBe(401);
    expect(await whoAmI(used)).toBe(200);
    const listed = await call('GET', '/api/v1/tokens?kind=session', adminToken);
    expect((listed.body.items as { id: string; state: string }[]).map((t) => t.state)).toEqual([
      'idle',
      'active',
    ]);
  });
});

describe('disabling a user', () => {
  it('ends their live session at once and refuses their login, until enabled again', async () => {
    await boot();
    const alice = await addUser('alice');
    const session = await sessionOf('alice');
    const disabled = await call('POST', `/api/v1/users/${alice.id}/disable`, adminToken);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ changed: true, sessionsRevoked: 1 });
    expect(disabled.body.disabledAt).toBe(new Date(T0).toISOString());
    expect(await whoAmI(session)).toBe(401);
    expect((await login('alice')).status).toBe(401);
    expect(auditRecords('user.disabled')).toEqual([
      { actor: `token:${adminTokenId}`, target: 'user:alice', details: '{"sessionsRevoked":1}' },
    ]);
    const users = await call('GET', '/api/v1/users', adminToken);
    expect(users.body.items).toMatchObject([{ name: 'alice', disabledAt: expect.any(String) }]);

    const enabled = await call('POST', `/api/v1/users/${alice.id}/enable`, adminToken);
    expect(enabled.body).toMatchObject({ changed: true, disabledAt: null });
    expect(auditRecords('user.enabled')).toHaveLength(1);
    expect(await whoAmI(session)).toBe(401); // revoked sessions stay revoked
    expect(await whoAmI(await sessionOf('alice'))).toBe(200);
  });

  it('refuses a session whose password check ran while the user was disabled', async () => {
    await boot();
    const alice = await addUser('alice');
    const pending = runtime.admin.login('alice', PASSWORD, 'test');
    await runtime.admin.setUserDisabled('test', alice.id, true);
    await expect(pending).rejects.toMatchObject({ code: 'login_failed' });
    expect(auditRecords('session.login')).toHaveLength(0);
    expect(auditRecords('session.login_failed')).toHaveLength(1);
  });

  it('refuses a session of a user disabled without revoking it (belt and braces)', async () => {
    await boot();
    const alice = await addUser('alice');
    const session = await sessionOf('alice');
    runtime.store.users.setDisabled(alice.id, now);
    expect(await whoAmI(session)).toBe(401);
  });

  it('is idempotent, 404 for an unknown user, and an admin cannot disable themselves', async () => {
    await boot();
    const alice = await addUser('alice');
    await call('POST', `/api/v1/users/${alice.id}/disable`, adminToken);
    const again = await call('POST', `/api/v1/users/${alice.id}/disable`, adminToken);
    expect(again.body).toMatchObject({ changed: false, sessionsRevoked: 0 });
    expect(auditRecords('user.disabled')).toHaveLength(1);
    expect((await call('POST', '/api/v1/users/u_nobody/disable', adminToken)).status).toBe(404);
    const root = await addUser('root', ['admin']);
    const own = await call('POST', `/api/v1/users/${root.id}/disable`, await sessionOf('root'));
    expect(own.status).toBe(409);
  });
});

describe('a new password', () => {
  it('revokes the user’s sessions; the old password stops working and the new one works', async () => {
    await boot();
    const alice = await addUser('alice');
    const first = await sessionOf('alice');
    const second = await sessionOf('alice');
    const reset = await call('PUT', `/api/v1/users/${alice.id}/password`, adminToken, {
      password: NEW_PASSWORD,
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ sessionsRevoked: 2 });
    expect(await whoAmI(first)).toBe(401);
    expect(await whoAmI(second)).toBe(401);
    expect((await login('alice')).status).toBe(401);
    expect(await whoAmI(await sessionOf('alice', NEW_PASSWORD))).toBe(200);
    expect(auditRecords('user.password_reset')).toEqual([
      { actor: `token:${adminTokenId}`, target: 'user:alice', details: '{"sessionsRevoked":2}' },
    ]);
    expect(reset.text).not.toContain(NEW_PASSWORD);
  });

  it('names the password when it is too short, and the unknown field', async () => {
    await boot();
    const alice = await addUser('alice');
    const short = await call('PUT', `/api/v1/users/${alice.id}/password`, adminToken, {
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ issues: [{ path: 'password' }] });
    const extra = await call('PUT', `/api/v1/users/${alice.id}/password`, adminToken, {
      password: NEW_PASSWORD,
      name: 'alice',
    });
    expect(extra.body.error).toMatchObject({
      issues: [{ path: 'name', message: 'unknown field' }],
    });
  });

  it('refuses a session whose password check ran while the password changed', async () => {
    await boot();
    const alice = await addUser('alice');
    const newHash = await hashPassword(NEW_PASSWORD);
    const pending = runtime.admin.login('alice', PASSWORD, 'test');
    // As another process (the command line) would, while the hash ran.
    runtime.store.users.setPasswordHash(alice.id, newHash);
    await expect(pending).rejects.toMatchObject({ code: 'login_failed' });
    expect(auditRecords('session.login')).toHaveLength(0);
  });
});

describe('signing out everywhere', () => {
  it('lets a user end every session of theirs, and leaves others’ alone', async () => {
    await boot();
    await addUser('alice');
    await addUser('bob');
    const laptop = await sessionOf('alice');
    const phone = await sessionOf('alice');
    const bobs = await sessionOf('bob');
    const res = await call('DELETE', '/api/v1/session?everywhere=true', laptop);
    expect(res.status).toBe(204);
    expect(await whoAmI(laptop)).toBe(401);
    expect(await whoAmI(phone)).toBe(401);
    expect(await whoAmI(bobs)).toBe(200);
    expect(auditRecords('session.logout_everywhere')).toEqual([
      { actor: 'user:alice', target: 'user:alice', details: '{"sessionsRevoked":2}' },
    ]);
  });

  it('lets an admin sign any user out everywhere', async () => {
    await boot();
    const alice = await addUser('alice');
    const session = await sessionOf('alice');
    const res = await call('DELETE', `/api/v1/users/${alice.id}/sessions`, adminToken);
    expect(res.body).toEqual({ sessionsRevoked: 1 });
    expect(await whoAmI(session)).toBe(401);
    expect(auditRecords('session.logout_everywhere')).toMatchObject([
      { actor: `token:${adminTokenId}`, target: 'user:alice' },
    ]);
    expect(await whoAmI(await sessionOf('alice'))).toBe(200);
  });

  it('refuses it for an API token, and names a bad everywhere', async () => {
    await boot();
    await addUser('alice');
    const api = await call('DELETE', '/api/v1/session?everywhere=true', adminToken);
    expect(api.body.error).toMatchObject({ code: 'not_a_session' });
    const bad = await call('DELETE', '/api/v1/session?everywhere=yes', await sessionOf('alice'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ issues: [{ path: 'everywhere' }] });
  });
});

describe('the token list', () => {
  it('shows every token and session with its state, never a secret or its hash', async () => {
    await boot();
    const north = await runtime.admin.createOffice('test', 'North');
    const office = await runtime.admin.createToken('test', {
      roles: ['office'],
      officeId: north.id,
      label: 'north desk',
    });
    remembered(office.token);
    await addUser('alice');
    const session = await sessionOf('alice');
    now = T0 + MINUTE;
    await call('DELETE', `/api/v1/tokens/${office.record.id}`, adminToken);

    const res = await call('GET', '/api/v1/tokens', adminToken);
    expect(res.status).toBe(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    expect(items.find((t) => t.id === office.record.id)).toEqual({
      id: office.record.id,
      kind: 'api',
      label: 'north desk',
      roles: ['office'],
      officeId: north.id,
      userId: null,
      userName: null,
      createdAt: new Date(T0).toISOString(),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: new Date(T0 + MINUTE).toISOString(),
      state: 'revoked',
    });
    expect(items.find((t) => t.id === tokenIdOf(session))).toMatchObject({
      kind: 'session',
      userName: 'alice',
      lastUsedAt: new Date(T0).toISOString(),
      expiresAt: new Date(T0 + 12 * HOUR).toISOString(),
      state: 'active',
    });
    for (const token of [office.token, session, adminToken]) {
      const secret = token.split('_').slice(2).join('_');
      expect(res.text).not.toContain(secret);
    }
    for (const row of runtime.store.db.prepare('SELECT secret_hash FROM tokens').all() as {
      secret_hash: Buffer;
    }[]) {
      expect(res.text).not.toContain(row.secret_hash.toString('hex'));
      expect(res.text).not.toContain(row.secret_hash.toString('base64'));
    }
    expect(Object.keys(items[0]!)).not.toContain('secretHash');
  });

  it('filters by user and kind, and pages newest first', async () => {
    await boot();
    const alice = await addUser('alice');
    await addUser('bob');
    now += 1;
    await sessionOf('alice');
    now += 1;
    await sessionOf('bob');
    const ofAlice = await call('GET', `/api/v1/tokens?userId=${alice.id}`, adminToken);
    expect((ofAlice.body.items as { userName: string }[]).map((t) => t.userName)).toEqual([
      'alice',
    ]);
    const api = await call('GET', '/api/v1/tokens?kind=api', adminToken);
    expect((api.body.items as { id: string }[]).map((t) => t.id)).toEqual([adminTokenId]);
    const seen: string[] = [];
    let url = '/api/v1/tokens?limit=1';
    for (let i = 0; i < 5; i++) {
      const page = await call('GET', url, adminToken);
      seen.push(
        ...(page.body.items as { userName: string | null }[]).map((t) => t.userName ?? '-'),
      );
      if (!page.body.nextCursor) break;
      url = `/api/v1/tokens?limit=1&cursor=${page.body.nextCursor as string}`;
    }
    expect(seen).toEqual(['bob', 'alice', '-']);
    const bad = await call('GET', '/api/v1/tokens?kind=robot&colour=red', adminToken);
    expect(bad.status).toBe(400);
    expect((bad.body.error as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['kind', 'colour']),
    );
  });
});

describe('last used', () => {
  const INTERVAL = 60_000;
  const lastUsed = (id: string) => runtime.store.tokens.get(id)!.lastUsedAt;
  const changes = () => runtime.store.db.prepare('SELECT total_changes()').pluck().get() as number;

  it('is written on first use, then at most once per interval (one ms either side)', async () => {
    await boot({ TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS: '60' });
    const issued = await runtime.admin.createToken('test', { roles: ['analyst'] });
    const token = remembered(issued.token);
    const id = issued.record.id;
    expect(lastUsed(id)).toBeNull();
    expect(await whoAmI(token)).toBe(200);
    expect(lastUsed(id)).toBe(T0);

    // Within the interval: no database write at all, however many requests.
    const before = changes();
    now = T0 + INTERVAL - 1;
    for (let i = 0; i < 20; i++) expect(await whoAmI(token)).toBe(200);
    expect(changes()).toBe(before);
    expect(lastUsed(id)).toBe(T0);

    now = T0 + INTERVAL;
    expect(await whoAmI(token)).toBe(200);
    expect(lastUsed(id)).toBe(T0 + INTERVAL);
    expect(changes()).toBe(before + 1);

    now = T0 + 2 * INTERVAL - 1;
    expect(await whoAmI(token)).toBe(200);
    expect(lastUsed(id)).toBe(T0 + INTERVAL);
    now = T0 + 2 * INTERVAL + 1;
    expect(await whoAmI(token)).toBe(200);
    expect(lastUsed(id)).toBe(T0 + 2 * INTERVAL + 1);
  });

  it('is not written for a refused token', async () => {
    await boot();
    const issued = await runtime.admin.createToken('test', { roles: ['analyst'] });
    await runtime.admin.revokeToken('test', issued.record.id);
    expect(await whoAmI(remembered(issued.token))).toBe(401);
    expect(lastUsed(issued.record.id)).toBeNull();
  });
});
