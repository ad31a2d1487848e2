/**
 * The intake API and the token-protected reads, through the real Fastify app
 * (inject) over a real SQLite file.
 */
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../src/access/tokens.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let token: string;

async function boot(env: Record<string, string> = {}) {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir, env), { logger: testLogger() });
  app = await createHttpApp(runtime);
  const issued = issueToken(['analyst'], null);
  runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
  token = issued.token;
}

beforeEach(() => boot());
afterEach(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

const get = (url: string, auth: string | null = token) =>
  app.inject({ method: 'GET', url, headers: auth ? { authorization: `Bearer ${auth}` } : {} });

const issuesOf = (res: { json: () => unknown }) =>
  (res.json() as { error: { issues: { path: string; message: string }[] } }).error.issues;

describe('POST /api/v1/reports', () => {
  it('stores a valid report and answers 201 with its id', async () => {
    const res = await post(makeReport());
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    expect(id).toMatch(/^r_[0-9A-Z]{26}$/);
    expect(res.headers.location).toBe(`/api/v1/reports/${id}`);
    expect(runtime.vault.openNarrative(runtime.store.reports.get(id)!)).toBe(
      makeReport().narrative,
    );
  });

  it('needs only channel and narrative', async () => {
    const res = await post({ channel: 'phone', narrative: 'Someone is filming the substation.' });
    expect(res.statusCode).toBe(201);
  });

  it('names a missing required field', async () => {
    const res = await post({ narrative: 'no channel' });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual([{ path: 'channel', message: 'is required' }]);
  });

  it('names a malformed field by its path', async () => {
    const res = await post(makeReport({ location: { lat: 'north', lon: 108.9 } }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual(['location.lat']);
    expect(issuesOf(res)[0]!.message).not.toBe('is required');
  });

  it('names a bad element of an array', async () => {
    const res = await post(
      makeReport({
        attachments: [{ filename: 'a.jpg', contentType: 'image/jpeg', dataBase64: '***' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual(['attachments.0.dataBase64']);
  });

  it('refuses unknown fields, at the top and nested', async () => {
    const res = await post(makeReport({ reporterName: 'x', location: { lat: 1, lon: 2, alt: 3 } }));
    expect(res.statusCode).toBe(400);
    expect(
      issuesOf(res)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['location.alt', 'reporterName']);
  });

  it('refuses a body that is not an object', async () => {
    const res = await post([makeReport()]);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)[0]!.message).toMatch(/JSON object/);
  });

  it('refuses an unknown time zone and a bad channel, naming both', async () => {
    const res = await post(makeReport({ timezone: 'Mars/Olympus', channel: 'pigeon' }));
    expect(
      issuesOf(res)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['channel', 'timezone']);
  });

  it('answers 400 to broken JSON without quoting it', async () => {
    const res = await post('{"channel":"web","narrative":"secret words');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'invalid_json', message: 'body is not valid JSON' },
    });
  });

  it('answers 400 to prototype poisoning', async () => {
    const res = await post('{"channel":"web","narrative":"x","__proto__":{"admin":true}}');
    expect(res.statusCode).toBe(400);
  });

  it('answers 415 to another content type, and stores nothing', async () => {
    const res = await post('channel=web', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(runtime.store.reports.count()).toBe(0);
  });

  it('answers 413 to a body over the limit, and stores nothing', async () => {
    await app.close();
    runtime.close();
    cleanup();
    await boot({ TIPWIRE_BODY_LIMIT_BYTES: '4096' });
    const res = await post(makeReport({ narrative: 'x'.repeat(5000) }));
    expect(res.statusCode).toBe(413);
    expect((res.json() as { error: { code: string } }).error.code).toBe('body_too_large');
    expect(runtime.store.reports.count()).toBe(0);
  });

  it('stores hostile text verbatim and returns it as JSON data', async () => {
    const narrative = '<script>alert(1)</script><img src=x onerror=alert(2)> \u0000 ☃ 无人机';
    const { id } = (await post(makeReport({ narrative }))).json() as { id: string };
    const res = await get(`/api/v1/reports/${id}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((res.json() as { narrative: string }).narrative).toBe(narrative);
  });

  it('keeps receivedAt for authenticated partners only', async () => {
    const body = makeReport({ receivedAt: '2026-11-20T13:40:00Z' });
    const anonymous = await post(body);
    expect(anonymous.statusCode).toBe(400);
    expect(issuesOf(anonymous)[0]!.path).toBe('receivedAt');
    const partner = await post(body, { authorization: `Bearer ${token}` });
    expect(partner.statusCode).toBe(201);
    const { id } = partner.json() as { id: string };
    expect((await get(`/api/v1/reports/${id}`)).json()).toMatchObject({
      receivedAt: '2026-11-20T13:40:00.000Z',
    });
  });

  it('answers 401 to a bad token even on the open intake route', async () => {
    expect((await post(makeReport(), { authorization: 'Bearer tw_nope' })).statusCode).toBe(401);
  });

  it('never writes the caller number, in any form, to the database file', async () => {
    const res = await post(makeReport({ caller: { phone: '+86 138 0013 8000' } }));
    expect(res.statusCode).toBe(201);
    await runtime.pipeline.drain();
    const report = runtime.store.reports.get((res.json() as { id: string }).id)!;
    expect(report.callerPseudonym).toMatch(/^ps\d+_[0-9a-f]{64}$/);
    runtime.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(runtime.config.store.dbPath);
    for (const form of ['13800138000', '138 0013 8000', '+8613800138000', '8613800138000']) {
      expect(file.includes(Buffer.from(form))).toBe(false);
    }
  });

  it('gives a national and an international form of one number the same pseudonym', async () => {
    await app.close();
    runtime.close();
    cleanup();
    await boot({ TIPWIRE_DEFAULT_PHONE_REGION: 'CN' });
    const national = (await post(makeReport({ caller: { phone: '138 0013 8000' } }))).json() as {
      id: string;
    };
    const e164 = (await post(makeReport({ caller: { phone: '+8613800138000' } }))).json() as {
      id: string;
    };
    const other = (await post(makeReport({ caller: { phone: '+8613800138001' } }))).json() as {
      id: string;
    };
    const pseudonym = (id: string) => runtime.store.reports.get(id)!.callerPseudonym;
    expect(pseudonym(national.id)).toBe(pseudonym(e164.id));
    expect(pseudonym(other.id)).not.toBe(pseudonym(e164.id));
  });

  it('answers a flood from one network with 429 and Retry-After, but not an intake gateway', async () => {
    await app.close();
    runtime.close();
    cleanup();
    await boot({ TIPWIRE_RATE_PREFIX_BURST: '3', TIPWIRE_RATE_PREFIX_PER_MINUTE: '1' });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(makeReport({ narrative: `flood ${i}` }))).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await post(makeReport({ narrative: 'flood 5' }));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const gateway = (await runtime.admin.createToken('test', { roles: ['intake'] })).token;
    const relayed = await post(makeReport({ narrative: 'relayed' }), {
      authorization: `Bearer ${gateway}`,
    });
    expect(relayed.statusCode).toBe(201);
    expect(runtime.store.reports.count()).toBe(4);
  });

  it('refuses a caller number that cannot be one', async () => {
    const res = await post(makeReport({ caller: { phone: 'not a number' } }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)[0]!.path).toBe('caller.phone');
  });
});

describe('Idempotency-Key', () => {
  const key = { 'idempotency-key': 'client-7f3a-0001' };

  it('answers a repeat with the same status and body, and stores one report', async () => {
    const first = await post(makeReport(), key);
    const again = await post(makeReport(), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runtime.store.reports.count()).toBe(1);
  });

  it('treats the same JSON with keys in another order as the same body', async () => {
    const first = await post({ channel: 'web', narrative: 'n' }, key);
    const again = await post('{"narrative":"n","channel":"web"}', key);
    expect(again.json()).toEqual(first.json());
  });

  it('answers 422 to the same key with another body', async () => {
    await post(makeReport(), key);
    const res = await post(makeReport({ narrative: 'something else' }), key);
    expect(res.statusCode).toBe(422);
    expect((res.json() as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    expect(runtime.store.reports.count()).toBe(1);
  });

  it('answers 409 while the first request with the key is still being stored', async () => {
    const [a, b] = await Promise.all([post(makeReport(), key), post(makeReport(), key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(runtime.store.reports.count()).toBe(1);
    expect((await post(makeReport(), key)).statusCode).toBe(201);
  });

  it('keeps keys of different callers apart', async () => {
    const anonymous = await post(makeReport(), key);
    const partner = await post(makeReport(), { ...key, authorization: `Bearer ${token}` });
    expect(partner.json()).not.toEqual(anonymous.json());
    expect(runtime.store.reports.count()).toBe(2);
  });

  it('writes the key record in the same transaction as the report', async () => {
    const { id } = (await post(makeReport(), key)).json() as { id: string };
    const record = runtime.store.idempotency.get('anonymous', key['idempotency-key']);
    expect(JSON.parse(record!.response).id).toBe(id);
    // The receipt itself is not stored, only its hash.
    expect(record!.response).not.toMatch(/receipt/);
  });

  it('refuses a malformed key', async () => {
    const res = await post(makeReport(), { 'idempotency-key': 'x'.repeat(300) });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)[0]!.path).toBe('header:Idempotency-Key');
  });

  it('validates a first request with a key like any other', async () => {
    expect((await post({ channel: 'web' }, key)).statusCode).toBe(400);
    expect((await post(makeReport(), key)).statusCode).toBe(201);
  });
});

describe('reading needs a token', () => {
  it.each(['/api/v1/reports', '/api/v1/incidents', '/api/v1/reports/r_x', '/api/v1/events'])(
    'GET %s without a token or with a wrong one is 401',
    async (url) => {
      expect((await get(url, null)).statusCode).toBe(401);
      expect((await get(url, 'tw_aaaaaaaaaaaa_' + 'A'.repeat(43))).statusCode).toBe(401);
      const wrong = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      expect((await get(url, wrong)).statusCode).toBe(401);
    },
  );

  it('answers 404 for an unknown report', async () => {
    expect((await get('/api/v1/reports/r_unknown')).statusCode).toBe(404);
  });

  it('lists reports newest first, page by page, without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const receivedAt = new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString();
      const res = await post(makeReport({ receivedAt, narrative: `n${i}` }), {
        authorization: `Bearer ${token}`,
      });
      ids.push((res.json() as { id: string }).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/reports?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('names a bad page parameter', async () => {
    expect(issuesOf(await get('/api/v1/reports?limit=0'))[0]!.path).toBe('limit');
    expect(issuesOf(await get('/api/v1/reports?cursor=bogus'))[0]!.path).toBe('cursor');
  });

  it('lists incidents with their reports once the pipeline has run', async () => {
    const a = (await post(makeReport())).json() as { id: string };
    const b = (await post(makeReport({ location: { lat: 34.2625, lon: 108.942 } }))).json() as {
      id: string;
    };
    const far = (await post(makeReport({ location: { lat: 35.5, lon: 108.942 } }))).json() as {
      id: string;
    };
    await runtime.pipeline.drain();
    const res = await get('/api/v1/incidents');
    const items = (res.json() as { items: { reportIds: string[] }[] }).items;
    expect(items.map((i) => i.reportIds.sort())).toEqual(
      expect.arrayContaining([[a.id, b.id].sort(), [far.id]]),
    );
    expect(items).toHaveLength(2);
  });
});

describe('GET /api/v1/health', () => {
  it('answers 200 without a token', async () => {
    const res = await get('/api/v1/health', null);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });
});
