/**
 * A call-taker's draft scored before it is sent (POST /api/v1/reports/preview) and
 * the limits a form shows before it sends (GET /api/v1/reports/limits), through the
 * real server: the score and the next questions follow the fields filled in, the time
 * and place come back as normalize reads them, bad fields are named, the caller's
 * number is refused, only intake, analysts and supervisors may ask, and nothing is
 * stored or audited.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, getJson, startServer, tempDir, type ServerProcess } from './helpers.js';

let cleanup: () => void;
let server: ServerProcess;
let intake: string;
let analyst: string;
let auditor: string;
let admin: string;

interface Preview {
  completeness: { score: number; presence: number; components: Record<string, number> };
  nextQuestions: { field: string; gain: number; question: { en: string; zh: string } }[];
  time: { observedFrom: string; observedTo: string; timezone: string | null } | null;
  place: { lat: number | null; lon: number | null; accuracyMeters: number | null } | null;
  flags: string[];
}

async function preview(body: unknown, token: string | null = intake) {
  const res = await fetch(`${server.url}/api/v1/reports/preview`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const fields = (p: Preview) => p.nextQuestions.map((q) => q.field);

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const db = path.join(tmp.dir, 'tipwire.db');
  intake = createToken(db, 'intake');
  analyst = createToken(db, 'analyst');
  auditor = createToken(db, 'auditor');
  admin = createToken(db, 'admin');
  server = await startServer(db, {
    TIPWIRE_NARRATIVE_MAX_CHARS: '500',
    TIPWIRE_MESSAGE_MAX_CHARS: '300',
    TIPWIRE_BODY_LIMIT_BYTES: '65536',
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  cleanup?.();
});

describe('POST /api/v1/reports/preview', () => {
  it('scores an empty draft at zero and asks first what happened, when and where', async () => {
    const { status, body } = await preview({});
    expect(status).toBe(200);
    const p = body as Preview;
    expect(p.completeness.score).toBe(0);
    expect(fields(p)).toEqual(expect.arrayContaining(['observedAt', 'location', 'narrative']));
    expect(p.nextQuestions[0]!.question.zh).not.toBe('');
    expect(p.time).toBeNull();
  });

  it('raises the score and drops the questions answered as fields are filled', async () => {
    const empty = (await preview({})).body as Preview;
    const some = (
      await preview({ channel: 'phone', narrative: 'A drone circled the water tower twice.' })
    ).body as Preview;
    const more = (
      await preview({
        channel: 'phone',
        narrative: 'A drone circled the water tower twice.',
        observedAt: '2026-11-20T21:10:00+08:00',
        location: { lat: 34.261, lon: 108.942, accuracyMeters: 10 },
        howKnown: 'saw',
      })
    ).body as Preview;
    expect(some.completeness.score).toBeGreaterThan(empty.completeness.score);
    expect(more.completeness.score).toBeGreaterThan(some.completeness.score);
    expect(fields(some)).toContain('observedAt');
    expect(fields(more)).not.toContain('observedAt');
    expect(fields(more)).not.toContain('location');
    expect(fields(more)).not.toContain('howKnown');
    expect(more.time!.observedFrom).toBe('2026-11-20T13:10:00.000Z');
    expect(more.place).toMatchObject({ lat: 34.261, lon: 108.942, accuracyMeters: 10 });
  });

  it('reads a time as the caller says it, against the server clock', async () => {
    const { body } = await preview({
      observedAt: 'about ten last night',
      timezone: 'Asia/Shanghai',
    });
    const p = body as Preview;
    expect(p.time).not.toBeNull();
    expect(p.time!.timezone).toBe('Asia/Shanghai');
    const from = Date.parse(p.time!.observedFrom);
    // Last night is before now and within the last two days.
    expect(from).toBeLessThan(Date.now());
    expect(from).toBeGreaterThan(Date.now() - 2 * 86_400_000);
  });

  it('counts the files the report will carry without their bytes', async () => {
    const without = (await preview({ narrative: 'Smoke from the depot.' })).body as Preview;
    const withFiles = (await preview({ narrative: 'Smoke from the depot.', attachmentCount: 2 }))
      .body as Preview;
    expect(withFiles.completeness.components.evidence).toBe(1);
    expect(without.completeness.components.evidence).toBe(0);
    expect(fields(withFiles)).not.toContain('attachments');
  });

  it('names bad fields, and refuses the caller’s number and the files themselves', async () => {
    const bad = await preview({ narrative: 'x'.repeat(501), location: { lat: 91 } });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['narrative', 'location.lon']));
    const caller = await preview({ caller: { phone: '+8613800138000' } });
    expect(caller.status).toBe(400);
    expect(caller.body.error.issues).toEqual([{ path: 'caller', message: 'unknown field' }]);
    const files = await preview({
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: 'YQ==' }],
    });
    expect(files.status).toBe(400);
    expect(files.body.error.issues).toEqual([{ path: 'attachments', message: 'unknown field' }]);
  });

  it('is for intake, analysts and supervisors only', async () => {
    expect((await preview({}, null)).status).toBe(401);
    expect((await preview({}, admin)).status).toBe(403);
    expect((await preview({}, analyst)).status).toBe(200);
  });

  it('stores nothing and leaves no audit record', async () => {
    const audit = async () =>
      ((await getJson(`${server.url}/api/v1/audit?limit=200`, auditor)).body.items as unknown[])
        .length;
    const before = await audit();
    for (let i = 0; i < 3; i++) {
      expect((await preview({ channel: 'phone', narrative: `Draft ${i}` })).status).toBe(200);
    }
    expect(await audit()).toBe(before);
    const list = await getJson(`${server.url}/api/v1/reports`, analyst);
    expect(list.body.items).toEqual([]);
  });
});

describe('GET /api/v1/reports/limits', () => {
  it('tells anyone the limits intake applies, as configured', async () => {
    const res = await fetch(`${server.url}/api/v1/reports/limits`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      narrativeMaxChars: 500,
      messageMaxChars: 300,
      bodyLimitBytes: 65536,
      attachmentsMax: 20,
      attachmentMaxBytes: 10 * 1024 * 1024,
      attachmentsTotalMaxBytes: 20 * 1024 * 1024,
    });
  });
});
