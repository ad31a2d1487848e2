/**
 * The workbench's session cookie through the real HTTP app (inject) over a real
 * SQLite file: set at sign-in (HttpOnly, SameSite=Strict, Secure behind TLS), enough
 * to read, not enough to write without the client header (CSRF), never preferred
 * over an Authorization header, and cleared at sign-out.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, remember, tempDir, testConfig, testLogger } from './helpers.js';

const PASSWORD = 'a long analyst passphrase for cookies';
remember('password', PASSWORD);

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: (() => void) | undefined;

async function boot(env: Record<string, string> = {}) {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir, env), { logger: testLogger() });
  app = await createHttpApp(runtime);
  await runtime.admin.createUser('test', { name: 'alice', password: PASSWORD, roles: ['analyst'] });
}

afterEach(async () => {
  await app?.close();
  runtime?.close();
  cleanup?.();
  cleanup = undefined;
});

async function login(headers: Record<string, string> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ name: 'alice', password: PASSWORD }),
  });
  expect(res.statusCode).toBe(201);
  const token = (JSON.parse(res.body) as { token: string }).token;
  remember('token', token);
  return { token, setCookie: String(res.headers['set-cookie']) };
}

const cookieOf = (token: string) => `tipwire_session=${token}`;

describe('the session cookie', () => {
  it('is set at sign-in: HttpOnly, SameSite=Strict, not Secure over plain HTTP, for the session’s length', async () => {
    await boot({ TIPWIRE_SESSION_HOURS: '2' });
    const { token, setCookie } = await login();
    expect(setCookie).toContain(`tipwire_session=${token};`);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    const age = Number(/Max-Age=(\d+)/.exec(setCookie)![1]);
    expect(age).toBeGreaterThan(0);
  });

  it('is Secure behind a TLS proxy that tipwire trusts', async () => {
    await boot({ TIPWIRE_TRUST_PROXY: 'true' });
    const { setCookie } = await login({ 'x-forwarded-proto': 'https' });
    expect(setCookie).toMatch(/; Secure$/);
  });

  it('proves who is calling on reads, and a bad cookie is a 401', async () => {
    await boot();
    const { token } = await login();
    const me = await app.inject({ url: '/api/v1/session', headers: { cookie: cookieOf(token) } });
    expect(me.statusCode).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ id: 'user:alice', roles: ['analyst'] });
    const bad = await app.inject({
      url: '/api/v1/session',
      headers: { cookie: cookieOf(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')) },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('does not authorise a write without the client header (CSRF), and does with it', async () => {
    await boot();
    const { token } = await login();
    const report = makeReport({ narrative: 'Cookie-signed report.' });
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { cookie: cookieOf(token), 'content-type': 'application/json' },
      payload: JSON.stringify(report),
    });
    expect(without.statusCode).toBe(403);
    expect(JSON.parse(without.body).error.code).toBe('client_header_required');
    const withHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: {
        cookie: cookieOf(token),
        'content-type': 'application/json',
        'x-tipwire-client': 'web',
      },
      payload: JSON.stringify(report),
    });
    expect(withHeader.statusCode).toBe(201);
  });

  it('gives way to an Authorization header, which needs no client header', async () => {
    await boot();
    const { token } = await login();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: {
        authorization: `Bearer ${token}`,
        cookie: 'tipwire_session=tw_aaaaaaaaaaaa_not-a-real-token',
        'content-type': 'application/json',
      },
      payload: JSON.stringify(makeReport({ narrative: 'Header-signed report.' })),
    });
    expect(res.statusCode).toBe(201);
  });

  it('is cleared at sign-out, and the session ends', async () => {
    await boot();
    const { token } = await login();
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: cookieOf(token), 'x-tipwire-client': 'web' },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^tipwire_session=; Path=\/; Max-Age=0;/);
    const me = await app.inject({ url: '/api/v1/session', headers: { cookie: cookieOf(token) } });
    expect(me.statusCode).toBe(401);
  });
});
