/**
 * The lists' filters through the real Fastify app over a real SQLite file: reports
 * sent through intake and read by the pipeline (their flags and incidents are the
 * pipeline's own), worked through the case routes, then listed by status, category,
 * flag, office and arrival time — each at its edge, combined with a search and the
 * queue, paged, inside each viewer's scope — and every bad or hostile parameter
 * refused with a 400 naming it, never a 5xx.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/access/tokens.js';
import type { Role } from '../src/access/roles.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
const tokens = new Map<string, string>();
let north: string;
let south: string;

/** 2026-11-20 10:00:00.000 UTC, and one millisecond either side. */
const T = Date.UTC(2026, 10, 20, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** The reports of the fixture by name: their ids once sent. */
const ids: Record<string, string> = {};

async function send(name: string, body: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: {
      authorization: `Bearer ${tokens.get('supervisor')}`,
      'content-type': 'application/json',
    },
    payload: JSON.stringify(makeReport(body)),
  });
  expect(res.statusCode).toBe(201);
  ids[name] = (res.json() as { id: string }).id;
}

async function post(url: string, body: unknown, who = 'supervisor') {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  expect(res.statusCode).toBe(200);
}

const get = (url: string, who = 'supervisor') =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(who)}` } });

/** The names of the fixture's reports a list gives (others are left out), walking every page. */
async function listed(query: string, who = 'supervisor', limit = 50): Promise<string[]> {
  const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const names: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const url = `/api/v1/reports?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await get(url, who);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    names.push(...body.items.map((r) => byId.get(r.id) ?? r.id));
    cursor = body.nextCursor;
    if (!cursor) return names;
  }
  throw new Error('more than 50 pages');
}

const issuesOf = (res: { json: () => unknown }) =>
  (res.json() as { error: { issues: { path: string; message: string }[] } }).error.issues;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir, { TIPWIRE_RATE_LIMITS: 'off' }), {
    logger: testLogger(),
  });
  app = await createHttpApp(runtime);
  north = (await runtime.admin.createOffice('test', 'North')).id;
  south = (await runtime.admin.createOffice('test', 'South')).id;
  const roles: [string, Role, string | null][] = [
    ['supervisor', 'supervisor', null],
    ['analyst', 'analyst', null],
    ['north', 'office', north],
    ['south', 'office', south],
  ];
  for (const [name, role, officeId] of roles) {
    const issued = issueToken([role], name, { officeId });
    runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
    tokens.set(name, issued.token);
  }

  // Three reports a millisecond apart at T; the pipeline flags a time without a zone or
  // a place `time.zone_unknown`, and a drone seen after it was reported `time.future`.
  const noZone = { observedAt: '2026-11-20T08:00:00', location: undefined };
  await send('before', { ...noZone, category: 'fire', receivedAt: iso(T - 1) });
  await send('at', {
    category: 'drone',
    narrative: 'A drone circled the fence.',
    receivedAt: iso(T),
  });
  await send('after', { ...noZone, category: 'Drone', receivedAt: iso(T + 1) });
  // Seven thefts, two by two at the same minute, an hour before.
  for (let i = 0; i < 7; i++) {
    await send(`theft${i}`, {
      category: 'theft',
      narrative: `Bicycle ${i} taken from the rack.`,
      observedAt: iso(T - 7_200_000),
      receivedAt: iso(T - 3_600_000 + Math.floor(i / 2) * 60_000),
    });
  }
  await runtime.pipeline.drain();
  await post(`/api/v1/reports/${ids.at}/status`, { status: 'in_review', reason: 'checking' });
  await post(`/api/v1/reports/${ids.after}/assignment`, { officeId: north, reason: 'theirs' });
  for (const i of [1, 2, 4]) {
    await post(`/api/v1/reports/${ids[`theft${i}`]}/assignment`, {
      officeId: south,
      reason: 'theirs',
    });
  }
});

afterAll(async () => {
  await app?.close();
  runtime?.close();
  cleanup?.();
});

const THEFTS_NEWEST_FIRST = ['theft6', 'theft5', 'theft4', 'theft3', 'theft2', 'theft1', 'theft0'];

describe('GET /api/v1/reports filters', () => {
  it('lists every report without a filter, newest first', async () => {
    expect(await listed('')).toEqual(['after', 'at', 'before', ...THEFTS_NEWEST_FIRST]);
  });

  it('keeps one status', async () => {
    expect(await listed('status=in_review')).toEqual(['at']);
    expect(await listed('status=new')).toEqual(['after', 'before', ...THEFTS_NEWEST_FIRST]);
    expect(await listed('status=closed')).toEqual([]);
  });

  it('keeps one category, exactly', async () => {
    expect(await listed('category=drone')).toEqual(['at']);
    expect(await listed('category=Drone')).toEqual(['after']);
    expect(await listed(`category=${encodeURIComponent('  drone ')}`)).toEqual(['at']);
    expect(await listed('category=dron')).toEqual([]);
  });

  it('keeps the reports carrying one flag of the catalogue', async () => {
    expect(await listed('flag=time.zone_unknown')).toEqual(['after', 'before']);
    expect(await listed('flag=time.future')).toEqual(['at']);
    expect(await listed('flag=time.unparsed')).toEqual([]);
  });

  it('keeps the cases routed to one office, or to none', async () => {
    expect(await listed(`office=${north}`)).toEqual(['after']);
    expect(await listed(`office=${south}`)).toEqual(['theft4', 'theft2', 'theft1']);
    expect(await listed('office=none')).toEqual([
      'at',
      'before',
      'theft6',
      'theft5',
      'theft3',
      'theft0',
    ]);
  });

  it('keeps the reports received since (included) and until (left out), to the millisecond', async () => {
    const at = (ms: number) => encodeURIComponent(iso(ms));
    expect(await listed(`since=${at(T)}`)).toEqual(['after', 'at']);
    expect(await listed(`since=${at(T - 1)}`)).toEqual(['after', 'at', 'before']);
    expect(await listed(`since=${at(T + 1)}`)).toEqual(['after']);
    expect(await listed(`until=${at(T)}`)).toEqual(['before', ...THEFTS_NEWEST_FIRST]);
    expect(await listed(`until=${at(T + 1)}`)).toEqual(['at', 'before', ...THEFTS_NEWEST_FIRST]);
    expect(await listed(`until=${at(T - 1)}`)).toEqual(THEFTS_NEWEST_FIRST);
    expect(await listed(`since=${at(T)}&until=${at(T + 1)}`)).toEqual(['at']);
    // The same instant written with an offset.
    expect(await listed(`since=${encodeURIComponent('2026-11-20T18:00:00.000+08:00')}`)).toEqual([
      'after',
      'at',
    ]);
  });

  it('pages a filter across pages, through equal times, without repeat or gap', async () => {
    for (const limit of [1, 2, 3, 6, 7, 8]) {
      expect(await listed('category=theft', 'supervisor', limit)).toEqual(THEFTS_NEWEST_FIRST);
      expect(await listed('category=theft&office=none', 'supervisor', limit)).toEqual([
        'theft6',
        'theft5',
        'theft3',
        'theft0',
      ]);
    }
  });

  it('combines filters with a search and the queue', async () => {
    expect(await listed('q=bicycle&office=none')).toEqual(['theft6', 'theft5', 'theft3', 'theft0']);
    expect(await listed('q=bicycle&office=none', 'supervisor', 1)).toEqual([
      'theft6',
      'theft5',
      'theft3',
      'theft0',
    ]);
    expect(await listed('q=drone&status=in_review&queue=analyst')).toEqual(['at']);
    expect(await listed('flag=time.zone_unknown&category=fire&status=new')).toEqual(['before']);
    expect(await listed('queue=abuse&category=theft')).toEqual([]);
  });

  it("applies the viewer's scope first: an office sees only its own cases whatever it asks", async () => {
    expect(await listed('', 'north')).toEqual(['after']);
    expect(await listed('flag=time.zone_unknown', 'north')).toEqual(['after']);
    expect(await listed(`office=${north}`, 'north')).toEqual(['after']);
    expect(await listed(`office=${south}`, 'north')).toEqual([]);
    expect(await listed('office=none', 'north')).toEqual([]);
    expect(await listed('category=theft', 'south')).toEqual(['theft4', 'theft2', 'theft1']);
    expect(await listed('category=drone', 'analyst')).toEqual(['at']);
  });
});

describe('GET /api/v1/reports refuses bad filters, naming them', () => {
  it.each([
    ['status=bogus', 'status'],
    ['status=NEW', 'status'],
    ['flag=time.bogus', 'flag'],
    ['flag=time', 'flag'],
    ['category=', 'category'],
    ['category=%20%20', 'category'],
    [`category=${'x'.repeat(101)}`, 'category'],
    ['office=o_unknown', 'office'],
    ['office=', 'office'],
    ['since=yesterday', 'since'],
    ['since=2026-11-20T10:00:00', 'since'],
    ['since=2026-11-20', 'since'],
    ['until=2026-13-40T10:00:00Z', 'until'],
    ['since=2026-11-20T10:00:00Z&until=2026-11-20T10:00:00Z', 'until'],
    ['since=2026-11-20T10:00:01Z&until=2026-11-20T10:00:00Z', 'until'],
    ['stauts=new', 'stauts'],
  ])('%s → 400 naming %s', async (query, path) => {
    const res = await get(`/api/v1/reports?${query}`);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual([path]);
  });

  it('says an unknown office is unknown, and an unknown parameter unknown', async () => {
    expect(issuesOf(await get('/api/v1/reports?office=o_unknown'))[0]!.message).toBe(
      'no office with this id',
    );
    expect(issuesOf(await get('/api/v1/reports?colour=red'))[0]!.message).toBe('unknown field');
    expect(issuesOf(await get('/api/v1/reports?flag=time.bogus'))[0]!.message).toMatch(
      /flag code of the catalogue/,
    );
  });

  it.each([
    ['a very long value', `status=${'n'.repeat(10_000)}`],
    ['a very long flag', `flag=${'time.'.repeat(2_000)}`],
    ['a very long office', `office=o_${'A'.repeat(5_000)}`],
    ['a very long time', `since=${'2026'.repeat(2_000)}`],
    ['a repeated status', 'status=new&status=closed'],
    ['a repeated category', 'category=drone&category=fire'],
    ['a repeated office', 'office=none&office=none'],
    ['a repeated time', 'since=2026-11-20T10:00:00Z&since=2026-11-20T11:00:00Z'],
    ['a nested parameter', 'status[0]=new'],
    ['script text in a code', `status=${encodeURIComponent('<script>alert(1)</script>')}`],
    ['script text in a flag', `flag=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`],
    ['script text in an office', `office=${encodeURIComponent('<script>x</script>')}`],
    ['SQL in a code', `status=${encodeURIComponent("new' OR '1'='1")}`],
    ['a NUL in a code', 'status=new%00'],
    ['a broken escape', 'status=%E0%A4%A'],
  ])('refuses %s with a 400, never a 5xx, without echoing it', async (_, query) => {
    const res = await get(`/api/v1/reports?${query}`);
    expect(res.statusCode).toBe(400);
    const body = res.body;
    expect(body).not.toContain('<script');
    expect(body).not.toContain('onerror');
    expect(body).not.toContain('n'.repeat(200));
  });

  it('takes any text intake would store as a category: script text or SQL finds only itself', async () => {
    for (const text of ['<script>alert(1)</script>', "drone' OR '1'='1", 'drone%', '_']) {
      const res = await get(`/api/v1/reports?category=${encodeURIComponent(text)}`);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { items: unknown[] }).items).toEqual([]);
    }
  });
});

describe('GET /api/v1/incidents filters', () => {
  const incidentsOf = async (query: string, who = 'supervisor') => {
    const res = await get(`/api/v1/incidents?limit=200${query ? `&${query}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { reportIds: string[]; kinds: string[] }[] }).items;
  };
  const byName = (items: { reportIds: string[] }[]) => {
    const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return items.map((i) => i.reportIds.map((id) => names.get(id) ?? id).join('+')).sort();
  };

  it('keeps the incidents naming a kind among theirs', async () => {
    const drones = await incidentsOf('kind=drone');
    expect(drones.length).toBeGreaterThan(0);
    expect(drones.every((i) => i.kinds.includes('drone'))).toBe(true);
    expect(byName(drones)).toContain('at');
    expect(byName(await incidentsOf('kind=fire'))).toEqual(['before']);
    expect(await incidentsOf('kind=gunfire')).toEqual([]);
    expect(byName(await incidentsOf('kind=drone&sort=confidence'))).toEqual(byName(drones));
  });

  it('keeps the incidents routed to one office, or to none', async () => {
    const first = (await incidentsOf('kind=fire'))[0] as unknown as { id: string };
    const route = (officeId: string | null) =>
      post(`/api/v1/incidents/${first.id}/assignment`, { officeId, reason: 'filters' });
    await route(north);
    try {
      expect(byName(await incidentsOf(`office=${north}`))).toEqual(['before']);
      expect(byName(await incidentsOf(`office=${north}&kind=fire`))).toEqual(['before']);
      expect(await incidentsOf(`office=${north}&kind=drone`)).toEqual([]);
      expect(byName(await incidentsOf('office=none'))).not.toContain('before');
      // North's staff see the incident through its report now routed to them.
      expect(byName(await incidentsOf('kind=fire', 'north'))).toEqual(['before']);
      expect(await incidentsOf('kind=fire', 'south')).toEqual([]);
    } finally {
      await route(null);
    }
    expect(byName(await incidentsOf('office=none'))).toContain('before');
  });

  it.each([
    ['kind=bogus', 'kind'],
    ['kind=Drone', 'kind'],
    ['kind=drone&kind=fire', 'kind'],
    ['office=o_unknown', 'office'],
    [`office=${'x'.repeat(5_000)}`, 'office'],
    ['status=new', 'status'],
    [`kind=${encodeURIComponent('<script>alert(1)</script>')}`, 'kind'],
  ])('%s → 400 naming %s', async (query, path) => {
    const res = await get(`/api/v1/incidents?${query}`);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual([path]);
    expect(res.body).not.toContain('<script');
  });
});
