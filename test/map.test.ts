/**
 * The analysts' map through the real server (`tipwire serve` over a real SQLite
 * file): a seeded viewport, the feature cap over many more reports (1,200 imported
 * with the real CLI), a box across the antimeridian, the time window, bad parameters
 * named, roles and scopes, incidents, the base layer, place labels, the client's
 * configuration, and an operator's PMTiles archive served with range requests.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  makeReport,
  postReport,
  runCli,
  startServer,
  tempDir,
  waitForPipeline,
  writeJsonl,
  type ServerProcess,
} from './helpers.js';

let server: ServerProcess;
let capped: ServerProcess;
let cleanup: () => void;
let analyst: string;
let supervisor: string;
let intake: string;
let auditor: string;
let cappedAnalyst: string;
let cappedIntake: string;
const archive = Buffer.concat([Buffer.from('PMTiles\u0003'), randomBytes(992)]);

/** 1,200 reports on a 40 × 30 grid (0.25° apart) over the Sahara, imported with the CLI. */
const GRID = { west: 0, south: 15, columns: 40, rows: 30, step: 0.25 };

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const db = path.join(tmp.dir, 'tipwire.db');
  const lines = [];
  for (let row = 0; row < GRID.rows; row++) {
    for (let column = 0; column < GRID.columns; column++) {
      lines.push({
        channel: 'api',
        narrative: `Survey marker ${row}-${column} found moved.`,
        observedAt: '2026-03-01T12:00:00Z',
        location: {
          lat: GRID.south + row * GRID.step + 0.1,
          lon: GRID.west + column * GRID.step + 0.1,
          accuracyMeters: 20,
        },
      });
    }
  }
  const imported = runCli(['import', writeJsonl(tmp.dir, 'grid.jsonl', lines), '--db', db]);
  expect(imported.status, imported.stderr).toBe(0);
  analyst = createToken(db, 'analyst');
  supervisor = createToken(db, 'supervisor');
  intake = createToken(db, 'intake');
  auditor = createToken(db, 'auditor');
  server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });

  const cappedDb = path.join(tmp.dir, 'capped.db');
  const tiles = path.join(tmp.dir, 'streets.pmtiles');
  writeFileSync(tiles, archive);
  cappedAnalyst = createToken(cappedDb, 'analyst');
  cappedIntake = createToken(cappedDb, 'intake');
  capped = await startServer(cappedDb, {
    TIPWIRE_RATE_LIMITS: 'off',
    TIPWIRE_MAP_MAX_FEATURES: '10',
    TIPWIRE_MAP_TILES: tiles,
    TIPWIRE_MAP_TILES_ATTRIBUTION: '© test streets',
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await capped?.stop();
  cleanup?.();
});

interface Feature {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: Record<string, unknown> & { cluster: boolean; id: string };
}
interface Answer {
  status: number;
  headers: Headers;
  body: {
    zoom: number;
    truncated: boolean;
    total: number;
    features: Feature[];
    error?: { code: string; issues?: { path: string }[] };
  };
}

/** A GET with a token; a 503 while the map index is first built is retried. */
async function get(target: ServerProcess, url: string, token?: string): Promise<Answer> {
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${target.url}${url}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (res.status !== 503 || Date.now() > until) {
      return {
        status: res.status,
        headers: res.headers,
        body: (await res.json()) as Answer['body'],
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const features = (bbox: string, zoom: number, extra = '', token = analyst, target = server) =>
  get(target, `/api/v1/map/features?bbox=${bbox}&zoom=${zoom}${extra}`, token);

async function send(report: Record<string, unknown>, target = server, token = intake) {
  const res = await postReport(target.url, makeReport(report), {
    authorization: `Bearer ${token}`,
  });
  // 200: a resend by the same sender, stored as the report's next version.
  expect([200, 201]).toContain(res.status);
  return res.body.id as string;
}

const ids = (answer: Answer) => answer.body.features.map((f) => f.id).sort();

describe('a seeded viewport', () => {
  const xian = { lat: 34.26, lon: 108.94 };
  let near: string[];
  let paris: string;

  beforeAll(async () => {
    near = [
      await send({ location: { ...xian, accuracyMeters: 30 }, category: 'drone' }),
      await send({
        location: { lat: xian.lat + 0.01, lon: xian.lon, accuracyMeters: 80 },
        narrative: 'A van parked at the north gate for an hour.',
      }),
      await send({ location: { lat: xian.lat, lon: xian.lon + 0.01, accuracyMeters: 250 } }),
    ];
    paris = await send({ location: { lat: 48.85, lon: 2.35, accuracyMeters: 10 } });
    await waitForPipeline(server.url, analyst);
  });

  it('shows each report in the box alone at a street zoom, with its uncertainty', async () => {
    const answer = await features('108.9,34.2,109,34.3', 14);
    expect(answer.status).toBe(200);
    expect(ids(answer)).toEqual([...near].sort());
    expect(answer.body).toMatchObject({ truncated: false, total: 3, zoom: 14 });
    const first = answer.body.features.find((f) => f.id === near[0])!;
    expect(first.geometry.coordinates).toEqual([108.94, 34.26]);
    expect(first.properties).toMatchObject({
      cluster: false,
      kind: 'report',
      radiusMeters: 30,
      category: 'drone',
      status: 'new',
      weight: 1,
    });
    expect(Date.parse(first.properties.start as string)).toBeLessThanOrEqual(
      Date.parse(first.properties.end as string),
    );
    const radii = answer.body.features
      .map((f) => f.properties.radiusMeters)
      .sort((a, b) => Number(a) - Number(b));
    expect(radii).toEqual([30, 80, 250]);
    expect(ids(answer)).not.toContain(paris);
  });

  it('clusters them when zoomed out, with a count and a weight for the heat layer', async () => {
    const answer = await features('100,30,120,40', 4);
    const cluster = answer.body.features.find((f) => f.properties.cluster)!;
    expect(cluster.properties).toMatchObject({ cluster: true, count: 3, weight: 3 });
    expect(cluster.geometry.coordinates[0]).toBeCloseTo(108.943, 2);
  });

  it('shows incidents with their confidence and report count', async () => {
    const answer = await features('108.9,34.2,109,34.3', 14, '&layer=incidents');
    expect(answer.status).toBe(200);
    expect(answer.body.features.length).toBeGreaterThan(0);
    for (const f of answer.body.features) {
      expect(f.properties).toMatchObject({ cluster: false, kind: 'incident', status: null });
      expect(f.properties.reportCount).toBeGreaterThanOrEqual(1);
      expect(f.properties.confidence === null || typeof f.properties.confidence === 'number').toBe(
        true,
      );
    }
    const counted = answer.body.features.reduce((n, f) => n + Number(f.properties.reportCount), 0);
    expect(counted).toBe(3);
  });

  it('shows a report moved by a new version where it is now', async () => {
    const first = await send({
      externalId: 'map-move-1',
      location: { lat: 60.17, lon: 24.94, accuracyMeters: 15 },
    });
    await waitForPipeline(server.url, analyst);
    const helsinki = '24.9,60.1,25,60.2';
    const tallinn = '24.7,59.4,24.8,59.5';
    expect(ids(await features(helsinki, 14))).toEqual([first]);
    const again = await send({
      externalId: 'map-move-1',
      location: { lat: 59.44, lon: 24.75, accuracyMeters: 15 },
    });
    expect(again).toBe(first);
    await waitForPipeline(server.url, analyst);
    expect(ids(await features(helsinki, 14))).toEqual([]);
    expect(ids(await features(tallinn, 14))).toEqual([first]);
  });
});

describe('the feature cap', () => {
  it('answers 1,200 reports in one box with at most 1,000 features, all of them counted', async () => {
    const box = '0,15,10,22.5';
    const answer = await features(box, 8);
    expect(answer.status).toBe(200);
    expect(answer.body.features.length).toBeLessThanOrEqual(1000);
    expect(answer.body.truncated).toBe(true);
    expect(answer.body.zoom).toBeLessThan(8);
    expect(answer.body.total).toBe(1200);
    // One zoom further out the grid is coarse enough by itself.
    const coarse = await features(box, 5);
    expect(coarse.body.truncated).toBe(false);
    expect(coarse.body.total).toBe(1200);
  });

  it('shows the imported reports one by one where they fit', async () => {
    const answer = await features('0,15,0.3,15.3', 12);
    expect(answer.body.features.map((f) => f.properties.cluster)).toEqual([false]);
  });

  it('keeps a low cap: 30 reports, TIPWIRE_MAP_MAX_FEATURES=10', async () => {
    for (let i = 0; i < 30; i++) {
      await send(
        {
          location: { lat: -30 + (i % 6) * 2, lon: 20 + Math.floor(i / 6) * 2, accuracyMeters: 40 },
        },
        capped,
        cappedIntake,
      );
    }
    await waitForPipeline(capped.url, cappedAnalyst);
    const answer = await features('15,-35,35,-15', 8, '', cappedAnalyst, capped);
    expect(answer.body.features.length).toBeLessThanOrEqual(10);
    expect(answer.body.features.length).toBeGreaterThan(1);
    expect(answer.body).toMatchObject({ truncated: true, total: 30 });
  });
});

describe('across the antimeridian', () => {
  let fiji: string;
  let samoa: string;
  let greenwich: string;

  beforeAll(async () => {
    fiji = await send({ location: { lat: -17.8, lon: 178.4, accuracyMeters: 100 } });
    samoa = await send({ location: { lat: -14.3, lon: -170.7, accuracyMeters: 100 } });
    greenwich = await send({ location: { lat: 51.48, lon: 0, accuracyMeters: 100 } });
    await waitForPipeline(server.url, analyst);
  });

  it('finds both sides of a box whose west is east of its east', async () => {
    const answer = await features('170,-30,-165,0', 6);
    expect(ids(answer)).toEqual([fiji, samoa].sort());
  });

  it('does not read the same numbers the other way round as the same box', async () => {
    const answer = await features('-165,-30,170,0', 6);
    expect(ids(answer)).not.toContain(fiji);
    expect(ids(answer)).not.toContain(samoa);
  });

  it('clamps latitudes to web mercator’s ±85.05°', async () => {
    const poles = await features('-1,-90,1,90', 3);
    expect(poles.status).toBe(200);
    expect(poles.body.total).toBeGreaterThanOrEqual(1);
    expect((await features('-1,-85.06,1,85.06', 3)).body.total).toBe(poles.body.total);
    expect(ids(await features('-0.1,51.4,0.1,51.5', 14))).toEqual([greenwich]);
  });
});

describe('the time window', () => {
  let january: string;
  let june: string;

  beforeAll(async () => {
    const at = { lat: -33.87, lon: 151.21, accuracyMeters: 20 };
    january = await send({
      location: at,
      observedAt: '2026-01-10T10:00:00Z',
      precisionSeconds: 600,
    });
    june = await send({
      location: { ...at, lon: 151.22 },
      observedAt: '2026-06-10T10:00:00Z',
      precisionSeconds: 600,
    });
    await waitForPipeline(server.url, analyst);
  });

  const sydney = (window: string) => features('151.1,-33.95,151.3,-33.8', 14, window);

  it('keeps what was observed in the window', async () => {
    expect(ids(await sydney('&from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z'))).toEqual([
      january,
    ]);
    expect(ids(await sydney('&from=2026-06-10T10:05:00Z'))).toEqual([june]);
    expect(ids(await sydney('&to=2026-02-01T00:00:00Z'))).toEqual([january]);
    expect(ids(await sydney(''))).toEqual([january, june].sort());
    expect(ids(await sydney('&from=2026-07-01T00:00:00Z&to=2026-08-01T00:00:00Z'))).toEqual([]);
  });

  it('meets an observation by its interval, not only its midpoint', async () => {
    // June's report is 09:50–10:10; a window ending at 09:55 meets it.
    expect(ids(await sydney('&from=2026-06-10T09:00:00Z&to=2026-06-10T09:55:00Z'))).toEqual([june]);
    expect(ids(await sydney('&from=2026-06-10T09:00:00Z&to=2026-06-10T09:45:00Z'))).toEqual([]);
  });
});

describe('bad parameters', () => {
  const cases: [string, string][] = [
    ['zoom=3', 'bbox'],
    ['bbox=1,2,3&zoom=3', 'bbox'],
    ['bbox=a,b,c,d&zoom=3', 'bbox'],
    ['bbox=0,10,5,5&zoom=3', 'bbox'],
    ['bbox=0,-91,5,5&zoom=3', 'bbox'],
    ['bbox=-181,0,5,5&zoom=3', 'bbox'],
    ['bbox=0,0,5,5', 'zoom'],
    ['bbox=0,0,5,5&zoom=x', 'zoom'],
    ['bbox=0,0,5,5&zoom=25', 'zoom'],
    ['bbox=0,0,5,5&zoom=-1', 'zoom'],
    ['bbox=0,0,5,5&zoom=3&layer=cases', 'layer'],
    ['bbox=0,0,5,5&zoom=3&from=yesterday', 'from'],
    ['bbox=0,0,5,5&zoom=3&to=2026-13-45', 'to'],
    ['bbox=0,0,5,5&zoom=3&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
  ];
  for (const [query, field] of cases) {
    it(`answers 400 naming ${field} for ${query}`, async () => {
      const res = await get(server, `/api/v1/map/features?${query}`, analyst);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('validation_failed');
      expect(res.body.error?.issues?.map((i) => i.path)).toEqual([field]);
    });
  }

  it('accepts the edges of the ranges', async () => {
    for (const query of [
      'bbox=-180,-90,180,90&zoom=0',
      'bbox=0,0,5,5&zoom=24',
      'bbox=5,5,5,5&zoom=2.5',
    ]) {
      expect((await get(server, `/api/v1/map/features?${query}`, analyst)).status).toBe(200);
    }
  });

  it('names the field of the places route too', async () => {
    const res = await get(server, '/api/v1/map/places?bbox=0,0,5&zoom=3', analyst);
    expect(res.status).toBe(400);
    expect(res.body.error?.issues?.map((i) => i.path)).toEqual(['bbox']);
  });
});

describe('who may look', () => {
  let open: string[];
  let abuse: string;

  beforeAll(async () => {
    // The fourth call in a row from one number goes to the abuse queue.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        await send({
          caller: { phone: '+8613912387654' },
          narrative: `Repeat caller ${i} about the harbour.`,
          location: { lat: 64.14 + i * 0.01, lon: -21.94, accuracyMeters: 30 },
        }),
      );
    }
    open = ids.slice(0, 3);
    abuse = ids[3]!;
    await waitForPipeline(server.url, analyst);
  });

  const reykjavik = '-22.1,64.1,-21.8,64.2';

  it('refuses without a token (401) and to roles that do not work cases (403)', async () => {
    for (const url of [
      `/api/v1/map/features?bbox=${reykjavik}&zoom=3`,
      '/api/v1/map/base',
      '/api/v1/map/config',
      `/api/v1/map/places?bbox=${reykjavik}&zoom=3`,
    ]) {
      expect((await get(server, url)).status, url).toBe(401);
      expect((await get(server, url, intake)).status, url).toBe(403);
      expect((await get(server, url, auditor)).status, url).toBe(403);
    }
  });

  it('shows analysts their queue and supervisors everything', async () => {
    expect(ids(await features(reykjavik, 14, '', analyst))).toEqual([...open].sort());
    expect(ids(await features(reykjavik, 14, '', supervisor))).toEqual([...open, abuse].sort());
    const zoomedOut = await features(reykjavik, 3, '', analyst);
    expect(zoomedOut.body.total).toBe(3);
  });
});

describe('the base layer, place labels and configuration', () => {
  it('serves land and borders, gzipped on request, cacheable by ETag', async () => {
    const res = await fetch(`${server.url}/api/v1/map/base`, {
      headers: { authorization: `Bearer ${analyst}`, 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
    const body = (await res.json()) as {
      type: string;
      features: { properties: { layer: string } }[];
    };
    expect(body.type).toBe('FeatureCollection');
    expect(new Set(body.features.map((f) => f.properties.layer))).toEqual(
      new Set(['land', 'border']),
    );
    const again = await fetch(`${server.url}/api/v1/map/base`, {
      headers: { authorization: `Bearer ${analyst}`, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('sends the same bytes zipped and plain', async () => {
    const raw = await fetch(`${server.url}/api/v1/map/base`, {
      headers: { authorization: `Bearer ${analyst}`, 'accept-encoding': 'identity' },
    });
    expect(raw.headers.get('content-encoding')).toBeNull();
    const plain = await raw.text();
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) =>
        httpGet(
          `${server.url}/api/v1/map/base`,
          { headers: { authorization: `Bearer ${analyst}`, 'accept-encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks)));
            res.on('error', reject);
          },
        ),
      );
    });
    expect(gunzipSync(zipped).toString('utf8')).toBe(plain);
    expect(zipped.length).toBeLessThan(plain.length / 2);
  });

  it('labels the most populous places in the box, in English and Chinese', async () => {
    const res = await get(server, '/api/v1/map/places?bbox=107,33,111,36&zoom=6', analyst);
    expect(res.status).toBe(200);
    const places = res.body.features as unknown as {
      properties: { name: string; nameZh: string | null; population: number };
    }[];
    expect(places.length).toBeGreaterThan(0);
    expect(places.length).toBeLessThanOrEqual(200);
    expect(places[0]!.properties).toMatchObject({ name: 'Xi’an', nameZh: '西安' });
    const populations = places.map((p) => p.properties.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('tells the client which layers exist', async () => {
    const res = await get(server, '/api/v1/map/config', analyst);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      base: { url: '/api/v1/map/base', resolution: '50m' },
      places: { url: '/api/v1/map/places', max: 200 },
      features: { maxFeatures: 1000, cellPixels: 64, clusterMaxZoom: 16 },
      tiles: null,
      index: { ready: true },
    });
  });
});

describe('an operator’s PMTiles archive', () => {
  const tiles = (range?: string, method = 'GET') =>
    fetch(`${capped.url}/map/tiles.pmtiles`, { method, headers: range ? { range } : {} });

  it('is named in the configuration', async () => {
    const res = await get(capped, '/api/v1/map/config', cappedAnalyst);
    expect((res.body as unknown as { tiles: unknown }).tiles).toEqual({
      kind: 'pmtiles',
      url: '/map/tiles.pmtiles',
      attribution: '© test streets',
    });
  });

  it('serves the whole file, saying it takes ranges', async () => {
    const res = await tiles();
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(archive);
  });

  it('serves a range as 206 with its Content-Range', async () => {
    for (const [range, start, end] of [
      ['bytes=0-6', 0, 6],
      ['bytes=990-', 990, 999],
      ['bytes=-5', 995, 999],
      ['bytes=999-999', 999, 999],
      ['bytes=500-5000', 500, 999],
    ] as const) {
      const res = await tiles(range);
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/1000`);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(archive.subarray(start, end + 1));
    }
    expect(Buffer.from(await (await tiles('bytes=0-6')).arrayBuffer()).toString()).toBe('PMTiles');
  });

  it('answers 416 to a range it cannot serve', async () => {
    for (const range of [
      'bytes=1000-1001',
      'bytes=5-2',
      'bytes=0-1,5-6',
      'items=0-5',
      'bytes=-0',
      'bytes=',
    ]) {
      const res = await tiles(range);
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range'), range).toBe('bytes */1000');
    }
  });

  it('answers HEAD with the headers only', async () => {
    const res = await tiles('bytes=0-99', 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('100');
  });

  it('is a 404 where no archive is configured', async () => {
    expect((await fetch(`${server.url}/map/tiles.pmtiles`)).status).toBe(404);
  });
});
