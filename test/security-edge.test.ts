/**
 * The security checks at the HTTP edge, pinned one rule at a time through the real app
 * in this process (so mutation testing of src/server/auth.ts, routes/receipts.ts and
 * routes/session.ts runs them against each mutant): how a token must be sent, what a
 * refusal says and records, that every API route declares who may call it, what a
 * reporter is told with the receipt, and how a session ends.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../src/server/auth.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, remember, tempDir, testConfig, testLogger } from './helpers.js';

const PASSWORD = 'correct horse battery staple';
let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let analyst: string;
let intakeToken: string;
let network = 0;

/** Each request from its own network, so no rate limit is shared between tests. */
const fromNetwork = () => `10.9.${++network % 250}.${Math.floor(network / 250) + 1}`;

async function call(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { authorization?: string; body?: unknown; remoteAddress?: string } = {},
) {
  const res = await app.inject({
    method,
    url,
    headers: {
      ...(options.authorization !== undefined ? { authorization: options.authorization } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    remoteAddress: options.remoteAddress ?? fromNetwork(),
  });
  const text = res.body;
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    body: (text && String(res.headers['content-type']).includes('json')
      ? JSON.parse(text)
      : null) as any,
  };
}

const bearer = (token: string) => `Bearer ${token}`;

function refusals() {
  return runtime.store.db
    .prepare(`SELECT actor, target, reason, details FROM audit_log WHERE action = 'access.refused'`)
    .all() as { actor: string; target: string; reason: string; details: string }[];
}

async function submit(narrative: string): Promise<{ id: string; receipt: string }> {
  const res = await call('POST', '/api/v1/reports', { body: makeReport({ narrative }) });
  expect(res.status).toBe(201);
  remember('receipt', res.body.receipt);
  return res.body;
}

async function login(name: string, password = PASSWORD) {
  return call('POST', '/api/v1/session', { body: { name, password } });
}

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(
    testConfig(tmp.dir, {
      TIPWIRE_RATE_GUESSES_BURST: '3',
      TIPWIRE_RATE_GUESSES_PER_MINUTE: '0.01',
    }),
    { logger: testLogger() },
  );
  app = await createHttpApp(runtime);
  analyst = (await runtime.admin.createToken('test', { roles: ['analyst'] })).token;
  intakeToken = (await runtime.admin.createToken('test', { roles: ['intake'] })).token;
  remember('token', analyst);
  remember('token', intakeToken);
});

afterAll(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

describe('the Authorization header', () => {
  it('takes "Bearer", any case, one or more blanks, and blanks after the token', async () => {
    for (const header of [
      `Bearer ${analyst}`,
      `bearer ${analyst}`,
      `Bearer   ${analyst}`,
      `Bearer ${analyst}  `,
    ]) {
      expect((await call('GET', '/api/v1/reports', { authorization: header })).status, header).toBe(
        200,
      );
    }
  });

  it('refuses anything else with 401 and says how to send a token', async () => {
    for (const header of [
      `xBearer ${analyst}`,
      `Bearer ${analyst} extra`,
      `Bearer ${analyst}x`,
      `Bearer`,
      `Bearer `,
      analyst,
      '',
    ]) {
      const res = await call('GET', '/api/v1/reports', { authorization: header });
      expect(res.status, JSON.stringify(header)).toBe(401);
      expect(res.body.error).toMatchObject({
        code: 'unauthorized',
        message: 'send a valid token as Authorization: Bearer <token>',
      });
    }
  });

  it('answers a public route as anonymous without a header, and 401 with a bad one', async () => {
    const { receipt } = await submit('a public route with and without a header');
    expect((await call('GET', `/api/v1/receipts/${receipt}`)).status).toBe(200);
    const bad = await call('GET', `/api/v1/receipts/${receipt}`, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
  });
});

describe('a refusal', () => {
  it('says 403 and why, and records the route pattern, never the URL', async () => {
    const { id } = await submit('a refusal is recorded by its route');
    const before = refusals().length;
    const res = await call('GET', `/api/v1/reports/${id}`, { authorization: bearer(intakeToken) });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'forbidden',
      message: 'your role may not do this',
    });
    const records = refusals().slice(before);
    expect(records).toHaveLength(1);
    expect(records[0]!.target).toBe('GET /api/v1/reports/:id');
    expect(records[0]!.reason).toBe('roles intake may not call this route');
    expect(JSON.parse(records[0]!.details)).toEqual({ status: 403 });
  });

  it('records a 401 as the anonymous principal with no valid token', async () => {
    const before = refusals().length;
    expect((await call('GET', '/api/v1/reports', { authorization: 'Bearer nope' })).status).toBe(
      401,
    );
    const records = refusals().slice(before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      target: 'GET /api/v1/reports',
      reason: 'no valid token',
    });
  });
});

describe('access declared per route', () => {
  it('refuses to add an API route that does not say who may call it, naming it', async () => {
    const bare = Fastify();
    createAuth({
      tokens: runtime.store.tokens,
      clock: Date.now,
      rules: { sessionIdleMs: 0, lastUsedIntervalMs: 0 },
      userName: () => null,
      onRefused: () => {},
    }).install(bare);
    const add = async () => {
      bare.get('/api/v1/undeclared', async () => 'no');
      await bare.ready();
    };
    await expect(add()).rejects.toThrow('route GET /api/v1/undeclared declares no access');
    await bare.close();
  });

  it('serves the workbench page, which is no API route, without a token', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});

describe('what a reporter is told with the receipt', () => {
  const status = async (receipt: string) =>
    (await call('GET', `/api/v1/receipts/${receipt}`)).body.status;

  it('says received, in review or closed, and never whether the report was found unfounded', async () => {
    const { id, receipt } = await submit('the status a reporter sees');
    expect(await status(receipt)).toBe('received');
    const set = async (to: string) =>
      expect(
        (
          await call('POST', `/api/v1/reports/${id}/status`, {
            authorization: bearer(analyst),
            body: { status: to, reason: 'test' },
          })
        ).status,
      ).toBe(200);
    await set('in_review');
    expect(await status(receipt)).toBe('in_review');
    await set('closed');
    expect(await status(receipt)).toBe('closed');
    await set('unfounded');
    expect(await status(receipt)).toBe('closed');
  });

  it('shows the thread, with the operators’ questions apart, and records the look-up', async () => {
    const { id, receipt } = await submit('the thread a reporter sees');
    const asked = await call('POST', `/api/v1/reports/${id}/messages`, {
      authorization: bearer(analyst),
      body: { text: 'Which entrance was it?' },
    });
    expect(asked.status).toBe(201);
    const added = await call('POST', `/api/v1/receipts/${receipt}/messages`, {
      body: { text: 'The north one, by the bakery.' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.stringMatching(/\S/) });

    const before = runtime.store.db
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'receipt.opened'`)
      .get() as { n: number };
    const seen = await call('GET', `/api/v1/receipts/${receipt}`);
    expect(seen.status).toBe(200);
    expect(seen.body.messages).toEqual([
      { author: 'operator', text: 'Which entrance was it?', at: expect.any(String) },
      { author: 'reporter', text: 'The north one, by the bakery.', at: expect.any(String) },
    ]);
    expect(seen.body.questions).toEqual([seen.body.messages[0]]);
    expect(Date.parse(seen.body.messages[1].at)).toBeGreaterThan(0);

    const opened = runtime.store.db
      .prepare(
        `SELECT actor, target, reason FROM audit_log WHERE action = 'receipt.opened' ORDER BY seq`,
      )
      .all() as { actor: string; target: string; reason: string }[];
    expect(opened).toHaveLength(before.n + 1);
    expect(opened.at(-1)).toEqual({
      actor: 'reporter',
      target: `report:${id}`,
      reason: 'the reporter checked the case with the receipt',
    });
  });

  it('refuses a message without text, naming the field, and stores nothing', async () => {
    const { id, receipt } = await submit('a message without text');
    for (const body of [{}, { text: '' }, { text: 42 }, { text: 'ok', extra: 1 }]) {
      const res = await call('POST', `/api/v1/receipts/${receipt}/messages`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.issues)).toMatch(/text|extra/);
    }
    expect(runtime.store.messages.forReport(id)).toHaveLength(0);
  });

  it('says an unknown receipt is unknown, and a flood of look-ups to wait', async () => {
    const unknown = await call('GET', '/api/v1/receipts/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'not_found',
      message: 'no report with this receipt',
    });
    const from = fromNetwork();
    let last = unknown;
    for (let i = 0; i < 200 && last.status !== 429; i++) {
      last = await call('GET', '/api/v1/receipts/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', {
        remoteAddress: from,
      });
    }
    expect(last.status).toBe(429);
    expect(last.body.error.message).toBe('too many receipt look-ups; try again later');
  });
});

describe('ending a session', () => {
  async function sessions(name: string) {
    await runtime.admin.createUser('test', { name, password: PASSWORD, roles: ['analyst'] });
    const one = await login(name);
    const two = await login(name);
    expect([one.status, two.status]).toEqual([201, 201]);
    const tokens = [one.body.token as string, two.body.token as string];
    for (const t of tokens) remember('token', t);
    return tokens;
  }
  const works = async (token: string) =>
    (await call('GET', '/api/v1/session', { authorization: bearer(token) })).status;

  it('ends only this session by default, and every one with everywhere=true', async () => {
    const [one, two] = await sessions('dana');
    expect((await call('DELETE', '/api/v1/session', { authorization: bearer(one!) })).status).toBe(
      204,
    );
    expect([await works(one!), await works(two!)]).toEqual([401, 200]);

    const [three, four] = await sessions('erin');
    expect(
      (await call('DELETE', '/api/v1/session?everywhere=false', { authorization: bearer(three!) }))
        .status,
    ).toBe(204);
    expect([await works(three!), await works(four!)]).toEqual([401, 200]);

    const [five, six] = await sessions('fay');
    expect(
      (await call('DELETE', '/api/v1/session?everywhere=true', { authorization: bearer(five!) }))
        .status,
    ).toBe(204);
    expect([await works(five!), await works(six!)]).toEqual([401, 401]);
  });

  it('refuses another value of everywhere, naming it, and ends nothing', async () => {
    const [one] = await sessions('gus');
    const res = await call('DELETE', '/api/v1/session?everywhere=yes', {
      authorization: bearer(one!),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.issues)).toContain('everywhere');
    expect(await works(one!)).toBe(200);
  });

  it('says an API token is no session, and leaves it valid', async () => {
    const res = await call('DELETE', '/api/v1/session', { authorization: bearer(analyst) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'not_a_session',
      message: 'this token is an API token, not a login session',
    });
    expect(await works(analyst)).toBe(200);
  });

  it('says how long to wait once failed logins are used up', async () => {
    await runtime.admin.createUser('test', { name: 'hal', password: PASSWORD, roles: ['analyst'] });
    const from = fromNetwork();
    let last;
    for (let i = 0; i < 4; i++) {
      last = await call('POST', '/api/v1/session', {
        body: { name: 'hal', password: 'wrong' },
        remoteAddress: from,
      });
    }
    expect(last!.status).toBe(429);
    expect(last!.body.error.message).toBe('too many failed login attempts; try again later');
  });
});
