/**
 * Time and place through the real server: a local time placed by its coordinates,
 * natural language and place names, guided intake (next questions, answers by
 * PATCH raising the score), the completeness figure, and the optional geocoder
 * against a fake Nominatim server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReport,
  startServer,
  tempDir,
  type ServerProcess,
  waitForPipeline as waitForPipelineOf,
} from './helpers.js';

let dir: string;
let cleanup: () => void;
let server: ServerProcess;
let analyst: string;
let intake: string;
let nominatim: Server;
const geocoderQueries: string[] = [];

const waitForPipeline = () => waitForPipelineOf(server.url, analyst);

async function report(id: string) {
  await waitForPipeline();
  return (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as Record<string, any>;
}

async function patch(id: string, body: unknown, token = intake) {
  const res = await fetch(`${server.url}/api/v1/reports/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  // A stand-in for a Nominatim server: answers one street, nothing else.
  nominatim = createServer((req, res) => {
    const q = new URL(req.url!, 'http://x').searchParams.get('q') ?? '';
    geocoderQueries.push(q);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify(
        /Baker Street 221B/i.test(q)
          ? [
              {
                lat: '51.5237',
                lon: '-0.1585',
                display_name: '221B Baker Street, London',
                boundingbox: ['51.5236', '51.5238', '-0.1586', '-0.1584'],
              },
            ]
          : [],
      ),
    );
  });
  await new Promise<void>((r) => nominatim.listen(0, '127.0.0.1', r));
  const geocoderUrl = `http://127.0.0.1:${(nominatim.address() as AddressInfo).port}`;
  ({ dir, cleanup } = tempDir());
  const db = path.join(dir, 'tipwire.db');
  analyst = createToken(db, 'analyst');
  intake = createToken(db, 'intake');
  server = await startServer(db, {
    TIPWIRE_GEOCODER_URL: geocoderUrl,
    TIPWIRE_GEOCODER_MIN_INTERVAL_MS: '0',
    TIPWIRE_PIPELINE_POLL_MS: '100',
    TIPWIRE_GEOCODER_POLL_MS: '100',
  });
}, 60_000);

afterAll(async () => {
  await server.stop();
  nominatim.close();
  cleanup();
});

describe('time', () => {
  it('places a local time by the zone of its coordinates (New York), through the API', async () => {
    const posted = await postReport(server.url, {
      channel: 'phone',
      narrative: 'Smoke from the substation on 14th Street.',
      observedAt: '2026-07-04T21:30:00',
      location: { lat: 40.7332, lon: -74.0087, accuracyMeters: 30 },
    });
    expect(posted.status).toBe(201);
    const r = await report(posted.body.id as string);
    expect(r.time).toMatchObject({
      timezone: 'America/New_York',
      zoneSource: 'coordinates',
      observedFrom: '2026-07-05T01:30:00.000Z',
      observedTo: '2026-07-05T01:30:00.000Z',
    });
    expect(r.flags).not.toContain('time.zone_unknown');
  });

  it('flags a DST gap and lists both readings, never picking one', async () => {
    const posted = await postReport(
      server.url,
      makeReport({
        observedAt: '2024-03-10T02:30',
        timezone: 'America/New_York',
        location: { lat: 40.7332, lon: -74.0087 },
        receivedAt: undefined,
      }),
    );
    const r = await report(posted.body.id as string);
    expect(r.flags).toContain('time.nonexistent_local');
    expect(r.time.candidates.map((c: { at: string }) => c.at)).toEqual([
      '2024-03-10T06:30:00.000Z',
      '2024-03-10T07:30:00.000Z',
    ]);
  });

  it('reads English and Chinese relative phrases against the arrival time', async () => {
    const receivedAt = '2026-11-20T04:00:00Z'; // noon in Xi'an
    const send = (observedAt: string) =>
      postReport(
        server.url,
        makeReport({ observedAt, receivedAt, location: { lat: 34.261, lon: 108.942 } }),
        {
          authorization: `Bearer ${intake}`,
        },
      );
    const english = await report((await send('yesterday around 10 pm')).body.id as string);
    const chinese = await report((await send('昨晚十点左右')).body.id as string);
    for (const r of [english, chinese]) {
      expect(r.time.reading).toBe('natural');
      expect(r.time.timezone).toBe('Asia/Shanghai');
      // 22:00 on 19 November in Xi'an is 14:00 UTC; "around" widens both sides.
      expect(Date.parse(r.time.observedFrom)).toBeLessThan(Date.parse('2026-11-19T14:00:00Z'));
      expect(Date.parse(r.time.observedTo)).toBeGreaterThan(Date.parse('2026-11-19T14:00:00Z'));
      expect(Date.parse(r.time.observedTo) - Date.parse(r.time.observedFrom)).toBeLessThanOrEqual(
        3 * 3_600_000,
      );
    }
  });
});

describe('times beyond the dates (F4 defect 7: these answered 500)', () => {
  /** Counts no JS date can hold, in every unit, in English and Chinese. */
  const BEYOND = [
    '99999999999 days ago',
    '99999999年前',
    '99999999999 weeks ago',
    '99999999999 months ago',
    '99999999999 years ago',
    '99999999999 hours ago',
    '99999999999999999 seconds ago',
    '99999999999天前',
    '99999999个月前',
    '99999999999小时前',
  ];
  const NOT_PLACED = ['time.unparsed', 'time.implausibly_old'];

  it('takes "99999999999 days ago" from anyone: 201, no time placed, flagged', async () => {
    const posted = await postReport(server.url, makeReport({ observedAt: '99999999999 days ago' }));
    expect(posted.status).toBe(201);
    const r = await report(posted.body.id as string);
    expect(r.time).toBeNull();
    expect(r.flags).toEqual(expect.arrayContaining(NOT_PLACED));
  });

  it('takes every unit, English and Chinese, with a zone from the point or none at all', async () => {
    for (const observedAt of BEYOND) {
      for (const location of [{ lat: 34.261, lon: 108.942 }, undefined]) {
        const posted = await postReport(server.url, makeReport({ observedAt, location }), {
          authorization: `Bearer ${intake}`,
        });
        expect(posted.status, observedAt).toBe(201);
        const r = await report(posted.body.id as string);
        expect(r.time, observedAt).toBeNull();
        expect(r.flags, observedAt).toEqual(expect.arrayContaining(NOT_PLACED));
      }
    }
  });

  it('takes them as answers by PATCH, from the call-taker and from an analyst', async () => {
    const id = (await postReport(server.url, makeReport(), { authorization: `Bearer ${intake}` }))
      .body.id as string;
    for (const [observedAt, token] of [
      ['99999999999 days ago', intake],
      ['99999999年前', intake],
      ['99999999999 weeks ago', analyst],
      ['99999999999 months ago', analyst],
    ] as const) {
      const answered = await patch(id, { observedAt }, token);
      expect(answered.status, observedAt).toBe(200);
      expect(answered.body.time).toBeNull();
      expect(answered.body.flags).toEqual(expect.arrayContaining(NOT_PLACED));
    }
  });

  it('still places the furthest count the dates hold, flagged as implausibly old', async () => {
    const posted = await postReport(
      server.url,
      makeReport({
        observedAt: '100020775 days ago',
        timezone: 'UTC',
        location: undefined,
        receivedAt: '2026-11-20T13:40:00Z',
      }),
      { authorization: `Bearer ${intake}` },
    );
    const r = await report(posted.body.id as string);
    expect(r.time).toMatchObject({
      observedFrom: '-271821-04-22T00:00:00.000Z',
      observedTo: '-271821-04-23T00:00:00.000Z',
    });
    expect(r.flags).toContain('time.implausibly_old');
    expect(r.flags).not.toContain('time.unparsed');
  });

  it('reads a location of 500 characters of blanks at once (it held the server for minutes)', async () => {
    const started = Date.now();
    const posted = await postReport(server.url, makeReport({ location: `1${' '.repeat(498)}x` }), {
      authorization: `Bearer ${intake}`,
    });
    expect(posted.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('place', () => {
  it('resolves a place name, in English or Chinese, with the match’s own radius', async () => {
    const en = await report(
      (await postReport(server.url, makeReport({ location: "Xi'an" }))).body.id as string,
    );
    const zh = await report(
      (await postReport(server.url, makeReport({ location: { text: '西安' } }))).body.id as string,
    );
    for (const r of [en, zh]) {
      expect(r.place.source).toBe('gazetteer');
      expect(r.place.lat).toBeCloseTo(34.26, 1);
      expect(r.place.lon).toBeCloseTo(108.93, 1);
      expect(r.place.accuracyMeters).toBeGreaterThan(1000);
    }
  });

  it('reads degrees-minutes-seconds', async () => {
    const r = await report(
      (await postReport(server.url, makeReport({ location: `34°15'39.6"N 108°56'31.2"E` }))).body
        .id as string,
    );
    expect(r.place.lat).toBeCloseTo(34.261, 3);
    expect(r.place.lon).toBeCloseTo(108.942, 3);
  });

  it('asks the optional geocoder for a street the gazetteer cannot place, and uses its answer', async () => {
    const id = (
      await postReport(server.url, makeReport({ location: { text: 'Baker Street 221B, London' } }))
    ).body.id as string;
    let r = await report(id);
    for (let i = 0; i < 100 && r.place?.source !== 'geocoder'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      r = await report(id);
    }
    expect(geocoderQueries.some((q) => /Baker Street 221B/.test(q))).toBe(true);
    expect(r.place).toMatchObject({ source: 'geocoder', lat: 51.5237, lon: -0.1585 });
    expect(r.place.accuracyMeters).toBeLessThan(100);
  });
});

describe('guided intake', () => {
  it('answers an incomplete report with next questions; answering the first raises the score', async () => {
    // The call-taker sends the report, then adds the caller's answers to it.
    const posted = await postReport(
      server.url,
      { channel: 'phone', narrative: 'Something odd near the bridge.' },
      { authorization: `Bearer ${intake}` },
    );
    expect(posted.status).toBe(201);
    const questions = posted.body.nextQuestions as {
      field: string;
      gain: number;
      question: { en: string; zh: string };
    }[];
    expect(questions.length).toBeGreaterThan(2);
    expect(questions[0]!.question.en.length).toBeGreaterThan(5);
    expect(questions[0]!.question.zh).toMatch(/[\u4e00-\u9fff]/);
    // Best first.
    expect(questions.map((q) => q.gain)).toEqual(
      [...questions.map((q) => q.gain)].sort((a, b) => b - a),
    );
    const before = (posted.body.completeness as { score: number }).score;

    const id = posted.body.id as string;
    const stored = await report(id);
    expect(stored.completeness.score).toBeCloseTo(before, 6);
    expect(stored.nextQuestions.map((q: { field: string }) => q.field)).toEqual(
      questions.map((q) => q.field),
    );

    const answers: Record<string, unknown> = {
      observedAt: '2026-11-20T21:10:00+08:00',
      location: { lat: 34.261, lon: 108.942, accuracyMeters: 20 },
      timezone: 'Asia/Shanghai',
      howKnown: 'saw',
      subjects: 'two men in a white van',
      category: 'suspicious-vehicle',
    };
    const first = questions[0]!.field;
    expect(Object.keys(answers)).toContain(first);
    const answered = await patch(id, { [first]: answers[first] });
    expect(answered.status).toBe(200);
    expect(answered.body.completeness.score).toBeGreaterThan(before);
    expect(answered.body.nextQuestions.map((q: { field: string }) => q.field)).not.toContain(first);
    // The change is stored and shown to analysts too.
    expect((await report(id)).completeness.score).toBeCloseTo(answered.body.completeness.score, 6);
  });

  it('refuses a PATCH with an unknown field, naming it, and changes nothing', async () => {
    const id = (await postReport(server.url, makeReport())).body.id as string;
    const res = await patch(id, { colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('colour');
  });

  it('reports the mean completeness of a period', async () => {
    const res = await getJson(`${server.url}/api/v1/stats/completeness`, analyst);
    expect(res.status).toBe(200);
    expect(res.body.reports).toBeGreaterThan(3);
    expect(res.body.meanCompleteness).toBeGreaterThan(0);
    expect(res.body.meanCompleteness).toBeLessThanOrEqual(1);
  });
});
