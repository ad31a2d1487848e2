/**
 * F4's defects found from outside, each pinned through the real HTTP app (listening
 * on a port, real SQLite file): long audit lists, the call-taker's PATCH, what an
 * office and an analyst learn through incidents, the live stream and the figures,
 * deeply nested bodies, invalid UTF-8, phone numbers with letters, hidden
 * characters in file names, HEAD on the live stream.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, remember, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let app: FastifyInstance;
let base: string;
let cleanup: () => void;
let north: string;
let south: string;
const token: Record<string, string> = {};
let n = 0;

type Answer = { status: number; body: any; headers: Headers };

async function call(method: string, path: string, who: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${token[who] ?? who}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    headers: res.headers,
  } as Answer;
}

/** A report at a place, sent by `who` (a token name) or the public; its id. */
async function report(
  who: string | null,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(
    'POST',
    '/api/v1/reports',
    who,
    makeReport({ narrative: `hardening ${++n}`, ...overrides }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const audits = (action: string) =>
  runtime.store.db
    .prepare(`SELECT details FROM audit_log WHERE action = ? ORDER BY seq`)
    .pluck()
    .all(action)
    .map((d) => JSON.parse(d as string) as Record<string, unknown>);

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(
    testConfig(tmp.dir, {
      TIPWIRE_RATE_LIMITS: 'off',
      TIPWIRE_SSE_HEARTBEAT_SECONDS: '1',
      TIPWIRE_PAGE_TEXT_BUDGET_CHARS: '50000',
    }),
    {
      logger: testLogger(),
    },
  );
  app = await createHttpApp(runtime);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  north = (await runtime.admin.createOffice('test', 'North')).id;
  south = (await runtime.admin.createOffice('test', 'South')).id;
  const make = async (name: string, roles: string[], officeId: string | null = null) => {
    token[name] = (
      await runtime.admin.createToken('test', {
        roles: roles as never,
        officeId,
      })
    ).token;
    remember('token', token[name]!);
  };
  await make('analyst', ['analyst']);
  await make('supervisor', ['supervisor']);
  await make('north', ['office'], north);
  await make('south', ['office'], south);
  await make('callTakerA', ['intake']);
  await make('callTakerB', ['intake']);
});

afterAll(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

describe('audit records of long lists (defect 2)', () => {
  it('lists 200 reports in one page, naming each report in exactly one record', async () => {
    const before = audits('report.list_read').length;
    for (let i = 0; i < 200; i++) await report(null, { location: { lat: 10 + i, lon: 10 } });
    const res = await call('GET', '/api/v1/reports?limit=200', 'supervisor');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(200);
    const records = audits('report.list_read').slice(before);
    expect(records.length).toBeGreaterThan(1);
    const named = records.flatMap((r) => r.reportIds as string[]);
    expect(named).toEqual(res.body.items.map((r: { id: string }) => r.id));
    expect(records.map((r) => [r.part, r.parts])).toEqual(
      records.map((_, i) => [i + 1, records.length]),
    );
  });

  it('ends a page of long narratives at the text budget, and the next page goes on', async () => {
    const page = async (size: number) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.unshift(await report(null, { narrative: `${i}`.repeat(size) }));
      const first = (await call('GET', '/api/v1/reports?limit=5', 'supervisor')).body;
      const rest = (
        await call('GET', `/api/v1/reports?limit=5&cursor=${first.nextCursor}`, 'supervisor')
      ).body;
      return { ids, first: first.items.map((r: { id: string }) => r.id), rest };
    };
    // Two narratives of 25,000 reach the budget of 50,000 exactly: the page ends there.
    const exact = await page(25_000);
    expect(exact.first).toEqual(exact.ids.slice(0, 2));
    expect(exact.rest.items.map((r: { id: string }) => r.id)).toEqual(exact.ids.slice(2, 4));
    // One character less each, and a third fits.
    const under = await page(24_999);
    expect(under.first).toEqual(under.ids.slice(0, 3));
  });

  it('routes an incident of 80 reports and records all 80', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 80; i++) {
      ids.push(await report(null, { location: { lat: -33.9, lon: 18.4, accuracyMeters: 20 } }));
    }
    await runtime.pipeline.drain();
    const incidentId = runtime.store.reports.get(ids[0]!)!.incidentId!;
    expect(runtime.store.incidents.memberIds(incidentId).reportIds).toHaveLength(80);
    const res = await call('POST', `/api/v1/incidents/${incidentId}/assignment`, 'supervisor', {
      officeId: north,
      reason: 'the north office covers the harbour',
    });
    expect(res.status).toBe(200);
    const named = audits('incident.assigned').flatMap((r) => r.reportIds as string[]);
    expect(named.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(runtime.store.reports.get(id)!.officeId).toBe(north);
  });
});

describe('a call-taker’s answers (defect 4)', () => {
  it('may answer its own new report, and sees no judgement flags', async () => {
    const id = await report('callTakerA', { location: { text: 'Xi’an' } });
    await runtime.pipeline.drain();
    runtime.store.reports.replaceFlags(id, ['abuse'], ['abuse.repeat_dialer']);
    runtime.store.reports.setQueue(id, 'abuse');
    const res = await call('PATCH', `/api/v1/reports/${id}`, 'callTakerA', { howKnown: 'saw' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.flags.some((f: string) => f.startsWith('abuse.'))).toBe(false);
    expect(res.body).not.toHaveProperty('queue');
    // A case worker sees them.
    const seen = await call('PATCH', `/api/v1/reports/${id}`, 'supervisor', { howKnown: 'saw' });
    expect(seen.body.flags).toContain('abuse.repeat_dialer');
  });

  it('gets 404 for a report another call-taker or the public sent', async () => {
    const other = await report('callTakerB');
    const anonymous = await report(null);
    for (const id of [other, anonymous]) {
      const res = await call('PATCH', `/api/v1/reports/${id}`, 'callTakerA', { howKnown: 'saw' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(runtime.store.reports.get(other)!.claims.howKnown).toBeUndefined();
  });

  it('gets 409 once its report is routed or worked, and changes nothing', async () => {
    const routed = await report('callTakerA');
    const worked = await report('callTakerA');
    runtime.store.reports.assignOffice(routed, south);
    runtime.store.reports.setStatus(worked, 'in_review', Date.now());
    for (const id of [routed, worked]) {
      const res = await call('PATCH', `/api/v1/reports/${id}`, 'callTakerA', { howKnown: 'saw' });
      expect(res.status).toBe(409);
      expect(runtime.store.reports.get(id)!.claims.howKnown).toBeUndefined();
    }
  });
});

describe('incidents as each viewer may see them (defects 5 and 6)', () => {
  let incidentId: string;
  let northIds: string[];
  let southId: string;
  let abuseId: string;

  beforeAll(async () => {
    // One event seen from four points 100 m apart, one report of it in the abuse queue.
    // A drone (500 m): the same event for the correlate rule, in each witness's own words.
    const words: Record<string, string> = {
      '+8613800000001': 'A drone hovered over the square.',
      '+8613800000002': 'I saw a small drone above the crowd, blinking lights.',
      '+8613800000003': '无人机在广场上空盘旋。',
      '+8613800000004': 'There is a drone flying low near the gate, quite loud.',
    };
    const at = (lat: number, phone: string) =>
      report(null, {
        narrative: words[phone],
        location: { lat, lon: 116.3975, accuracyMeters: 10 },
        caller: { phone },
      });
    northIds = [await at(39.9, '+8613800000001'), await at(39.9009, '+8613800000002')];
    southId = await at(39.9018, '+8613800000003');
    abuseId = await at(39.9027, '+8613800000004');
    await runtime.pipeline.drain();
    incidentId = runtime.store.reports.get(northIds[0]!)!.incidentId!;
    for (const id of [...northIds, southId, abuseId]) {
      expect(runtime.store.reports.get(id)!.incidentId).toBe(incidentId);
    }
    await call('POST', `/api/v1/incidents/${incidentId}/assignment`, 'supervisor', {
      officeId: north,
      reason: 'north covers it',
    });
    await call('POST', `/api/v1/reports/${southId}/assignment`, 'supervisor', {
      officeId: south,
      reason: 'this witness is in the south district',
    });
    runtime.store.reports.setQueue(abuseId, 'abuse');
    runtime.store.reports.assignOffice(abuseId, null);
  });

  it('shows an office only its own reports of the incident, their span and centroid', async () => {
    const seenByNorth = (await call('GET', `/api/v1/incidents/${incidentId}`, 'north')).body;
    expect(seenByNorth.reportIds).toEqual(northIds);
    expect(seenByNorth.independentSources).toBe(2);
    expect(seenByNorth.reportCount).toBe(2);
    expect(seenByNorth.centroid.lat).toBeCloseTo(39.90045, 4);
    const seenBySouth = (await call('GET', `/api/v1/incidents/${incidentId}`, 'south')).body;
    expect(seenBySouth.reportIds).toEqual([southId]);
    expect(seenBySouth.independentSources).toBe(1);
    expect(seenBySouth.centroid.lat).toBeCloseTo(39.9018, 4);
    const southList = (await call('GET', '/api/v1/incidents?limit=200', 'south')).body.items;
    expect(southList.map((i: { id: string }) => i.id)).toContain(incidentId);
    const all = (await call('GET', `/api/v1/incidents/${incidentId}`, 'supervisor')).body;
    expect(all.reportCount).toBe(4);
  });

  it('keeps abuse-queue members out of an analyst’s incident, span and centroid', async () => {
    const seen = (await call('GET', `/api/v1/incidents/${incidentId}`, 'analyst')).body;
    expect(seen.reportIds).toEqual([...northIds, southId]);
    expect(seen.reportCount).toBe(3);
    expect(seen.centroid.lat).toBeCloseTo(39.9009, 4);
  });

  it('sends an analyst the live incident summary without abuse-queue members', async () => {
    const analyst = await openStream('analyst');
    const supervisor = await openStream('supervisor');
    // A change of a case in the analysts' queue reaches both streams.
    await call('POST', `/api/v1/reports/${northIds[0]}/status`, 'supervisor', {
      status: 'in_review',
      reason: 'looking',
    });
    const forAnalyst = await analyst.next('report.updated');
    const forSupervisor = await supervisor.next('report.updated');
    analyst.close();
    supervisor.close();
    expect(forAnalyst.incident.reportCount).toBe(3);
    expect(forAnalyst.incident.centroid.lat).toBeCloseTo(39.9009, 4);
    expect(forSupervisor.incident.reportCount).toBe(4);
  });

  it('ends a live stream within a heartbeat once its token is revoked', async () => {
    const issued = await runtime.admin.createToken('test', { roles: ['analyst'] });
    token.revocable = issued.token;
    remember('token', issued.token);
    const res = await fetch(`${base}/api/v1/events`, {
      headers: { authorization: `Bearer ${issued.token}` },
    });
    const reader = res.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return Date.now();
    })();
    await new Promise((r) => setTimeout(r, 300));
    const revokedAt = Date.now();
    await runtime.admin.revokeToken('test', issued.record.id);
    expect((await ended) - revokedAt).toBeLessThan(2500);
  });

  it('leaves the abuse queue out of an analyst’s completeness figures', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const q = `/api/v1/stats/completeness?since=${encodeURIComponent(since)}`;
    const forAnalyst = (await call('GET', q, 'analyst')).body.reports as number;
    const forSupervisor = (await call('GET', q, 'supervisor')).body.reports as number;
    const abuse = runtime.store.db
      .prepare(`SELECT count(*) FROM reports WHERE queue = 'abuse' AND completeness IS NOT NULL`)
      .pluck()
      .get() as number;
    expect(abuse).toBeGreaterThan(0);
    expect(forSupervisor - forAnalyst).toBe(abuse);
  });
});

/** A live-stream subscriber that hands out the next event of a type. */
async function openStream(who: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, {
    headers: { authorization: `Bearer ${token[who]}` },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(type: string): Promise<any> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          if (!block.includes(`event: ${type}`)) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6)).valueOf();
        }
        if (Date.now() > deadline) throw new Error(`no ${type} event`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

describe('bodies that used to crash or slip through (defects 8 and 11)', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a 10,000-deep body with an Idempotency-Key with 400, naming the body', async () => {
    const body = `{"channel":"web","narrative":"x","extra":${nested(10_000)}}`;
    const res = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-1' },
      body,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(answer.error.issues[0]!.path).toBe('body');
    expect(answer.error.issues[0]!.message).toMatch(/deeper than 32 levels/);
  });

  it('counts depth exactly: 32 levels are read, 33 are refused', async () => {
    // `{"x": [[…]]}` is one object level plus the arrays.
    const at = async (depth: number) =>
      (
        await call(
          'POST',
          '/api/v1/reports',
          null,
          `{"channel":"web","narrative":"n","x":${nested(depth - 1)}}`,
        )
      ).body.error.issues[0];
    expect(await at(32)).toEqual({ path: 'x', message: 'unknown field' });
    expect((await at(33)).path).toBe('body');
  });

  it('ignores brackets inside strings when measuring depth', async () => {
    const id = await report(null, { narrative: `${'['.repeat(40)} bracket art ${']'.repeat(40)}` });
    expect(id).toMatch(/^r_/);
  });

  it('refuses invalid UTF-8 with 400 naming the offset of the first bad byte', async () => {
    const head = Buffer.from('{"channel":"web","narrative":"caf');
    const sequences = [
      [0xc3], // truncated two-byte sequence
      [0x80], // stray continuation byte
      [0xc0, 0xaf], // overlong "/"
      [0xed, 0xa0, 0x80], // UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xff], // never valid
    ];
    const before = runtime.store.reports.count();
    for (const bad of sequences) {
      const body = Buffer.concat([head, Buffer.from(bad), Buffer.from('"}')]);
      const res = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, bad.join(',')).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toBe(
        `body: is not valid UTF-8 (the first bad byte is at offset ${head.length})`,
      );
    }
    expect(runtime.store.reports.count()).toBe(before);
    // Valid multi-byte text right up to the limits is read.
    expect(await report(null, { narrative: 'café 北京 𠜎 😀 \u{10FFFF}' })).toMatch(/^r_/);
  });

  it('refuses a phone number with letters, naming caller.phone', async () => {
    for (const phone of ['+8613900124005abc', '1-800-FLOWERS', 'call me']) {
      const res = await call('POST', '/api/v1/reports', null, makeReport({ caller: { phone } }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe('caller.phone');
    }
    expect(await report(null, { caller: { phone: '+86 (139) 0012-4005' } })).toMatch(/^r_/);
  });

  it('shows hidden characters of a file name instead of obeying them', async () => {
    const id = await report(null, {
      attachments: [
        {
          filename: 'invoice\u202Efdp.exe',
          contentType: 'application/pdf',
          dataBase64: Buffer.from('%PDF-1.4').toString('base64'),
        },
        {
          filename: 'photo.jpg',
          contentType: 'image/jpeg',
          dataBase64: Buffer.from('jpeg').toString('base64'),
        },
      ],
    });
    const res = await call('GET', `/api/v1/reports/${id}`, 'analyst');
    expect(res.body.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      'invoice<U+202E>fdp.exe',
      'photo.jpg',
    ]);
    expect(
      res.body.attachments.map(
        (a: { hiddenCharactersInName: boolean }) => a.hiddenCharactersInName,
      ),
    ).toEqual([true, false]);
  });

  it('answers HEAD on the live stream at once, with the stream’s headers', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/api/v1/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token.analyst}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
