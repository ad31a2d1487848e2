/**
 * The map view in a real browser (WebGL through SwiftShader) against a real server:
 * reports posted through the API form an incident; `#/map` draws the offline base
 * layer and the viewport's features (the canvas is not blank), asks
 * /api/v1/map/features with the viewport's bbox and gets at most its cap; a cluster's
 * count shows and a click on it zooms in; a click on the incident opens its panel,
 * whose link leads to the incident view; the time slider asks again with the new
 * window; Chinese labels; no console error or CSP violation.
 *
 * Needs the map routes of f7-map (src/server/routes/map.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentBody, ReportBody } from '../../web/src/incident/types.js';
import type { Meta } from '../../web/src/meta.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { solidPng, uniformArchive } from '../../web/src/map/pmtiles.fixture.js';
import { TileType } from '../../web/src/map/pmtiles.js';
import { makeReport, remember, tempDir } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';
import { clickAt, viewOf } from './map-page.js';

let app: AppHarness;
let api: BrowserContext;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const XIAN = { lat: 34.3416, lon: 108.9398 };
/** The map API's cap on one viewport answer (TIPWIRE_MAP_MAX_FEATURES, its default). */
const MAX_FEATURES = 1000;

let phone = 13_900_000_500;

async function send(overrides: Record<string, unknown>): Promise<string> {
  const res = await api.request.post('/api/v1/reports', {
    data: makeReport({ channel: 'phone', caller: { phone: `+86${phone++}` }, ...overrides }),
    headers: { 'x-tipwire-client': 'web' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; receipt: string };
  remember('receipt', body.receipt);
  return body.id;
}

async function get<T>(path: string): Promise<T> {
  const res = await api.request.get(path);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

async function settled() {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const health = await get<{ pipeline: { waiting: number } }>('/api/v1/health');
    if (health.pipeline.waiting === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the pipeline did not finish in time');
}

/** Waits until the map index answers with the incident in it (its first build, then live events). */
async function mapHas(incidentId: string) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const res = await api.request.get(
      '/api/v1/map/features?bbox=100,30,115,40&zoom=16&layer=incidents',
    );
    if (res.status() === 200) {
      const body = (await res.json()) as { features: { id: string }[] };
      if (body.features.some((f) => f.id === incidentId)) return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the map index did not show the incident in time');
}

const OWN_WORDS = [
  'Van outside the main gate, a man in it is taking photos of the guards.',
  '门口停着一辆灰色面包车，车里有人一直在拍大门。',
  'Somebody in a parked minivan is recording the entrance with a phone.',
];

let incident: IncidentBody;
let reportIds: string[];

beforeAll(async () => {
  app = await startApp(
    { alice: { role: 'analyst', password: 'alice: a long analyst passphrase' } },
    { webgl: true, env: { TIPWIRE_RATE_LIMITS: 'off' } },
  );
  api = await app.context({ user: 'alice' });
  // Three witnesses an hour ago within 30 m of each other: one incident.
  const at = `${new Date(Date.now() - HOUR + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push(
      await send({
        narrative: OWN_WORDS[i]!,
        observedAt: at,
        location: {
          lat: XIAN.lat + (15 * i) / 111_195,
          lon: XIAN.lon,
          accuracyMeters: 40 + 10 * i,
        },
      }),
    );
  }
  await settled();
  const first = await get<ReportBody>(`/api/v1/reports/${ids[0]}`);
  expect(first.incidentId).toBeTruthy();
  reportIds = ids;
  incident = await get<IncidentBody>(`/api/v1/incidents/${first.incidentId}`);
  expect(incident.reportCount).toBe(3);
  await mapHas(incident.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

interface FeaturesCall {
  params: URLSearchParams;
  body: { features: { id: string; properties: { cluster: boolean } }[]; total: number };
}

/** Every /api/v1/map/features answer the page gets, in order. */
function watchFeatures(page: Page): FeaturesCall[] {
  const calls: FeaturesCall[] = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (url.pathname !== '/api/v1/map/features' || res.status() !== 200) return;
    // The page may navigate away before the body is read; that answer was never drawn.
    const body = (await res.json().catch(() => undefined)) as FeaturesCall['body'] | undefined;
    if (body) calls.push({ params: url.searchParams, body });
  });
  return calls;
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const end = Date.now() + SHOWS_WITHIN;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openMap(hash: string, locale = 'en-GB') {
  const ctx = await app.context({ user: 'alice', locale });
  const page = await ctx.newPage();
  const calls = watchFeatures(page);
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const res = await page.goto(`/${hash}`);
  expect(res?.status()).toBe(200);
  await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: SHOWS_WITHIN });
  return { page, calls, problems };
}

const layerCall = (calls: FeaturesCall[], layer: string, from = 0) =>
  calls.slice(from).find((c) => c.params.get('layer') === layer);

/** Colours drawn on the map element, read back from a screenshot of it. */
async function drawnColours(page: Page) {
  const png = await page.getByTestId('map').screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    let red = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      if (d[i]! > 170 && d[i + 1]! < 120 && d[i + 2]! < 120) red++;
    }
    return { colours: colours.size, red };
  }, png.toString('base64'));
}

describe('the map view (real browser, WebGL)', () => {
  it('draws the base layer and the viewport’s features from a request for its bbox, and opens an incident from a click', async () => {
    const { page, calls, problems } = await openMap(`#/map/12/${XIAN.lat}/${XIAN.lon}`);
    const incidents = await until(() => layerCall(calls, 'incidents'), 'the incidents answer');
    const reports = await until(() => layerCall(calls, 'reports'), 'the reports answer');

    // The bbox is the viewport's: around the centre, as wide as the map at zoom 12.
    const box = (await page.getByTestId('map').boundingBox())!;
    for (const call of [incidents, reports]) {
      expect(Number(call.params.get('zoom'))).toBe(12);
      const [west, south, east, north] = call.params.get('bbox')!.split(',').map(Number) as [
        number,
        number,
        number,
        number,
      ];
      expect(west).toBeLessThan(XIAN.lon);
      expect(east).toBeGreaterThan(XIAN.lon);
      expect(south).toBeLessThan(XIAN.lat);
      expect(north).toBeGreaterThan(XIAN.lat);
      const degreesPerPixel = 360 / (512 * 2 ** 12);
      expect((east - west) / degreesPerPixel).toBeCloseTo(box.width, -1);
      expect(call.body.features.length).toBeLessThanOrEqual(MAX_FEATURES);
    }
    expect(incidents.body.features.map((f) => f.id)).toContain(incident.id);

    // Something is drawn: sea or land, and the incident in its colour.
    await expect
      .poll(async () => (await drawnColours(page)).red, { timeout: SHOWS_WITHIN })
      .toBeGreaterThan(20);
    expect((await drawnColours(page)).colours).toBeGreaterThan(3);

    // The three reports are one cluster here: its count shows, and a click on it (the
    // incident, drawn over it, switched off) zooms in.
    const count = page.locator('.map-counts .map-label[data-layer="reports"]');
    await expect.poll(() => count.first().textContent(), { timeout: SHOWS_WITHIN }).toBe('3');
    await page.getByTestId('layer-incidents').uncheck();
    await clickAt(page, XIAN);
    await expect
      .poll(async () => (await viewOf(page)).zoom, { timeout: SHOWS_WITHIN })
      .toBeGreaterThanOrEqual(13.9);

    // A click on the incident opens its panel.
    await page.getByTestId('layer-incidents').check();
    await expect
      .poll(() => page.getByTestId('map-status-incidents').textContent(), { timeout: SHOWS_WITHIN })
      .toContain('1 on the map');
    await clickAt(page, incident.centroid!);
    const panel = page.getByTestId('map-panel');
    await panel.waitFor({ timeout: SHOWS_WITHIN });
    expect(await panel.getAttribute('data-kind')).toBe('incident');
    expect(await panel.getAttribute('data-id')).toBe(incident.id);
    await expect
      .poll(() => panel.getByTestId('panel-sources').textContent())
      .toBe(String(incident.independentSources));
    expect(await panel.getByTestId('panel-reports').textContent()).toBe('3');
    expect(await panel.getByTestId('panel-confidence').textContent()).toBe(
      `${Math.round(incident.confidence! * 100)}%`,
    );

    await panel.getByTestId('panel-incident-link').click();
    await page.getByTestId('incident').waitFor({ timeout: SHOWS_WITHIN });
    expect(await page.evaluate(() => location.hash)).toBe(
      `#/incident/${encodeURIComponent(incident.id)}`,
    );
    expect(problems).toEqual([]);
  });

  it('asks again with the new from and to when the time slider moves', async () => {
    const { page, calls, problems } = await openMap(`#/map/9/${XIAN.lat}/${XIAN.lon}`);
    const first = await until(() => layerCall(calls, 'incidents'), 'the first answer');
    const from0 = Date.parse(first.params.get('from')!);
    const to0 = Date.parse(first.params.get('to')!);
    // The last 30 days, to now (rounded up to the minute).
    expect(to0 - from0).toBe(30 * DAY);
    expect(Math.abs(to0 - Date.now())).toBeLessThan(2 * 60_000);
    expect(first.body.features.map((f) => f.id)).toContain(incident.id);

    // The window's end two days back: the incident (an hour ago) leaves the map.
    const seen = calls.length;
    const to = page.getByTestId('window-to');
    await to.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    // Each press may send its own request: wait for the answer to the window after both.
    const span = (c: FeaturesCall) =>
      Date.parse(c.params.get('to')!) - Date.parse(c.params.get('from')!);
    const moved = await until(
      () =>
        calls
          .slice(seen)
          .find((c) => c.params.get('layer') === 'incidents' && span(c) === 28 * DAY),
      'the answer for the new window',
    );
    // The start stays (but for the clock's minute moving on); the end is two days earlier.
    const from1 = Date.parse(moved.params.get('from')!);
    expect(from1 - from0).toBeGreaterThanOrEqual(0);
    expect(from1 - from0).toBeLessThanOrEqual(2 * 60_000);
    expect(Date.parse(moved.params.get('to')!) - from1).toBe(28 * DAY);
    expect(moved.body.total).toBe(0);
    expect(await page.getByTestId('map-status-incidents').textContent()).toContain('0');

    // A preset span: the last 7 days, whole.
    const seen2 = calls.length;
    await page.getByTestId('window-span').selectOption('7');
    const week = await until(() => layerCall(calls, 'incidents', seen2), 'the answer for 7 days');
    expect(Date.parse(week.params.get('to')!) - Date.parse(week.params.get('from')!)).toBe(7 * DAY);
    expect(week.body.features.map((f) => f.id)).toContain(incident.id);
    expect(problems).toEqual([]);
  });

  it('speaks Chinese: controls, place names and the panel', async () => {
    const meta = await get<Meta>('/api/v1/meta');
    const { page, problems } = await openMap(`#/map/12/${XIAN.lat}/${XIAN.lon}`, 'zh-CN');
    await page.getByText('时间范围').waitFor({ timeout: SHOWS_WITHIN });
    for (const text of ['报告', '事件', '热力图']) {
      expect(await page.locator('.map-layers').textContent()).toContain(text);
    }
    expect(await page.getByTestId('window-span').locator('option:checked').textContent()).toBe(
      '最近30天',
    );
    await page.getByTestId('layer-reports').uncheck();
    await expect
      .poll(() => page.getByTestId('map-status-incidents').textContent(), { timeout: SHOWS_WITHIN })
      .toContain('地图上');
    await clickAt(page, incident.centroid!);
    const panel = page.getByTestId('map-panel');
    await panel.waitFor({ timeout: SHOWS_WITHIN });
    expect(await panel.textContent()).toContain('置信度');
    const kinds = meta.eventKinds as Record<string, { zh: string }>;
    await expect
      .poll(() => panel.getByTestId('panel-title').textContent())
      .toBe(incident.kinds.map((k) => kinds[k]?.zh ?? k).join('、') || '类型未知');
    expect(await panel.getByTestId('panel-incident-link').textContent()).toBe('打开事件');
    expect(problems).toEqual([]);
  });

  it('shows each report alone at street zoom, and a click opens its summary', async () => {
    const first = await get<ReportBody>(`/api/v1/reports/${reportIds[0]}`);
    const at = { lat: first.place!.lat!, lon: first.place!.lon! };
    const { page, calls, problems } = await openMap(`#/map/18/${at.lat}/${at.lon}`);
    const reports = await until(() => layerCall(calls, 'reports'), 'the reports answer');
    // Past the cluster zoom every report is its own feature.
    expect(reports.body.features.every((f) => !f.properties.cluster)).toBe(true);
    expect(reports.body.features.map((f) => f.id)).toContain(first.id);
    await page.getByTestId('layer-incidents').uncheck();
    await clickAt(page, at);
    const panel = page.getByTestId('map-panel');
    await panel.waitFor({ timeout: SHOWS_WITHIN });
    expect(await panel.getAttribute('data-kind')).toBe('report');
    expect(await panel.getAttribute('data-id')).toBe(first.id);
    await expect.poll(() => panel.getByTestId('panel-narrative').textContent()).toBe(OWN_WORDS[0]);
    expect(await panel.getByTestId('panel-radius').textContent()).toBe(
      `± ${first.place!.accuracyMeters} m`,
    );
    expect(await panel.getByTestId('panel-incident-link').getAttribute('href')).toBe(
      `#/incident/${encodeURIComponent(incident.id)}`,
    );
    await panel.getByTestId('panel-close').click();
    await panel.waitFor({ state: 'detached', timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  it('shows a reporter’s hostile text in the panel as text, never as markup', async () => {
    const LANZHOU = { lat: 36.0611, lon: 103.8343 };
    const narrative =
      'Drone over the bridge <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const category = '<img src=y onerror="window.__pwned=3">drone</b>';
    const id = await send({
      narrative,
      category,
      observedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
      location: { ...LANZHOU, accuracyMeters: 30 },
    });
    await settled();
    const { page, calls, problems } = await openMap(`#/map/18/${LANZHOU.lat}/${LANZHOU.lon}`);
    await until(
      () => calls.find((c) => c.body.features.some((f) => f.id === id)),
      'the hostile report on the map',
    );
    await page.getByTestId('layer-incidents').uncheck();
    await clickAt(page, LANZHOU);
    const panel = page.getByTestId('map-panel');
    await expect
      .poll(() => panel.getByTestId('panel-narrative').textContent(), { timeout: SHOWS_WITHIN })
      .toBe(narrative);
    expect(await panel.getByTestId('panel-title').textContent()).toBe(category);
    expect(await panel.locator('img, script, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('asks for a view across the antimeridian as west > east, and draws the heat layer', async () => {
    const { page, calls, problems } = await openMap('#/map/4/-17/180');
    const call = await until(() => layerCall(calls, 'reports'), 'the reports answer');
    const [west, , east] = call.params.get('bbox')!.split(',').map(Number) as [
      number,
      number,
      number,
    ];
    expect(west).toBeGreaterThan(0);
    expect(east).toBeLessThan(0);
    expect(west).toBeGreaterThan(east);

    // A view put into the URL is followed: over Xi'an, where the picture changes when
    // the heat layer is switched on.
    await page.evaluate(() => {
      location.hash = '#/map/5/34.34/108.94';
    });
    await expect
      .poll(() => layerCall(calls, 'reports', calls.indexOf(call) + 1)?.params.get('zoom'), {
        timeout: SHOWS_WITHIN,
      })
      .toBe('5');
    await expect
      .poll(() => page.getByTestId('map-status-reports').textContent(), { timeout: SHOWS_WITHIN })
      .toMatch(/: [1-9]\d* on the map/);
    const before = await drawnColours(page);
    await page.getByTestId('layer-heat').check();
    await expect
      .poll(async () => (await drawnColours(page)).colours, { timeout: SHOWS_WITHIN })
      .toBeGreaterThan(before.colours + 20);
    if (process.env.MAP_SHOT) await page.screenshot({ path: process.env.MAP_SHOT });
    expect(problems).toEqual([]);
  });

  it('names places from the gazetteer over the base layer, in Chinese where it has the name', async () => {
    const { page, problems } = await openMap(`#/map/6/${XIAN.lat}/${XIAN.lon}`, 'zh-CN');
    const places = page.locator('.map-places .map-label');
    await expect.poll(() => places.count(), { timeout: SHOWS_WITHIN }).toBeGreaterThan(0);
    const names = await places.allTextContents();
    expect(names.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect((await drawnColours(page)).colours).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});

describe('an operator’s own tiles (TIPWIRE_MAP_TILES, a local PMTiles archive)', () => {
  let street: AppHarness;
  const dir = tempDir('tipwire-tiles-');

  beforeAll(async () => {
    // Every tile of zooms 0–3 one magenta PNG: where the map shows magenta, it drew them.
    const file = path.join(dir.dir, 'street.pmtiles');
    writeFileSync(file, uniformArchive(solidPng([255, 0, 255]), 3, TileType.png));
    street = await startApp(
      { bob: { role: 'analyst', password: 'bob: a long analyst passphrase' } },
      { webgl: true, env: { TIPWIRE_MAP_TILES: file } },
    );
  }, 90_000);

  afterAll(async () => {
    await street?.close();
    dir.cleanup();
  });

  it('draws them over the base layer, read by range requests through the pmtiles protocol', async () => {
    const ctx = await street.context({ user: 'bob', locale: 'en-GB' });
    const { page, problems } = await street.open(ctx, '/#/map/2/20/0');
    const ranges: number[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/map/tiles.pmtiles') ranges.push(res.status());
    });
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: SHOWS_WITHIN });
    const magenta = async () => {
      const png = await page.getByTestId('map').screenshot();
      return page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
          if (d[i]! > 230 && d[i + 1]! < 30 && d[i + 2]! > 230) n++;
        return n / (d.length / 4);
      }, png.toString('base64'));
    };
    await expect.poll(magenta, { timeout: SHOWS_WITHIN }).toBeGreaterThan(0.5);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((s) => s === 206)).toBe(true);
    expect(problems).toEqual([]);
  });
});
