/**
 * The incident view in a real browser against a real server: reports posted through
 * the API join one incident; the page shows them on the timeline (UTC interval, local
 * reading, place ± accuracy), the confidence and every term of the breakdown exactly
 * as GET /api/v1/incidents/:id says, the independent sources; merge, split and move
 * made through the page are what the API then answers; Chinese labels; hostile text
 * shown literally; an unknown id says so. No console error or CSP violation, except
 * the one failed request a test provokes on purpose.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localReading, utcInterval } from '../../web/src/common/format.js';
import type { IncidentBody, ReportBody } from '../../web/src/incident/types.js';
import type { Meta } from '../../web/src/meta.js';
import { makeReport, remember } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

let app: AppHarness;
/** The analyst's signed-in context, used for the API calls that set the scene. */
let api: BrowserContext;

beforeAll(async () => {
  app = await startApp(
    {
      alice: { role: 'analyst', password: 'alice: a long analyst passphrase' },
      sam: { role: 'supervisor', password: 'sam: a long supervisor passphrase' },
      root: { role: 'admin', password: 'root: a long administrator passphrase' },
    },
    { env: { TIPWIRE_RATE_LIMITS: 'off' } },
  );
  api = await app.context({ user: 'alice' });
}, 90_000);

afterAll(async () => {
  await app?.close();
});

const HOUR = 3_600_000;
/** An hour ago as a Beijing local time with its offset. */
const beijing = (msAgo: number) =>
  `${new Date(Date.now() - msAgo + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;

/** A point `north` metres north and `east` metres east of `p`. */
const offset = (p: { lat: number; lon: number }, north: number, east = 0) => ({
  lat: p.lat + north / 111_195,
  lon: p.lon + east / (111_195 * Math.cos((p.lat * Math.PI) / 180)),
});

/** Independent witnesses in their own words (identical texts would count as one source). */
const OWN_WORDS = [
  'Van outside the main gate, a man in it is taking photos of the guards.',
  '门口停着一辆灰色面包车，车里有人一直在拍大门。',
  'Somebody in a parked minivan is recording the entrance with a phone.',
  'I saw a person photographing the gate from a grey van across the road.',
];

const HOSTILE_NARRATIVE =
  'A grey van by the gate, someone filming the guards <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>';
const HOSTILE_CATEGORY = '<img src=y onerror="window.__pwned=3">surveillance</b>';

let phone = 13_900_000_100;

async function send(overrides: Record<string, unknown>): Promise<string> {
  const caller = { phone: `+86${phone++}` };
  const res = await api.request.post('/api/v1/reports', {
    data: makeReport({ channel: 'phone', caller, ...overrides }),
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

const report = (id: string) => get<ReportBody>(`/api/v1/reports/${id}`);
const incident = (id: string) => get<IncidentBody>(`/api/v1/incidents/${id}`);

/** `count` independent reports at one place and time: one incident. */
async function cluster(
  place: { lat: number; lon: number },
  count: number,
  extra: (i: number) => Record<string, unknown> = () => ({}),
) {
  const at = beijing(HOUR);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await send({
        narrative: OWN_WORDS[i % OWN_WORDS.length]!,
        observedAt: at,
        location: { ...offset(place, 15 * i, 10 * i), accuracyMeters: 25 + 10 * i },
        ...extra(i),
      }),
    );
  }
  await settled();
  const incidentId = (await report(ids[0]!)).incidentId!;
  for (const id of ids) expect((await report(id)).incidentId).toBe(incidentId);
  return { ids, incidentId };
}

async function openIncident(
  id: string,
  options: { user?: string; locale?: string; bypassCSP?: boolean } = {},
) {
  const ctx = await app.context({ user: 'alice', locale: 'en-GB', ...options });
  const opened = await app.open(ctx, `/#/incident/${encodeURIComponent(id)}`);
  await opened.page.getByTestId('incident').waitFor({ timeout: SHOWS_WITHIN });
  return opened;
}

const rowOf = (page: Page, reportId: string) =>
  page.locator(`[data-testid="timeline-report"][data-report="${reportId}"]`);

async function waitForRows(page: Page, count: number) {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid="timeline-report"] [data-testid="report-place"]')
        .length === n,
    count,
    { timeout: SHOWS_WITHIN },
  );
}

/** Problems other than the failed requests a test provoked on purpose (`statuses`). */
const unexpected = (problems: string[], statuses: number[] = []) =>
  problems.filter(
    (p) =>
      !statuses.some((s) =>
        p.includes(`Failed to load resource: the server responded with a status of ${s}`),
      ),
  );

async function confirmAction(page: Page, testId: string, confirmLabel: string) {
  const form = page.getByTestId(testId);
  await form.locator('button[type="submit"]').click();
  await form.getByRole('button', { name: confirmLabel }).click();
}

describe('the incident view (real browser)', () => {
  it('shows its reports on the timeline, the confidence and every term of the breakdown, and the independent sources', async () => {
    const xian = { lat: 34.3416, lon: 108.9398 };
    const { ids, incidentId } = await cluster(xian, 3, (i) =>
      // One report gives a ±10 min window: a real interval on the timeline.
      i === 1 ? { precisionSeconds: 600 } : {},
    );
    const body = await incident(incidentId);
    expect(body.independentSources).toBe(3);
    const terms = body.confidenceBreakdown!.terms;
    expect(terms.length).toBeGreaterThanOrEqual(2);

    const { page, problems } = await openIncident(incidentId);
    await waitForRows(page, 3);
    for (const id of ids) {
      const r = await report(id);
      const row = rowOf(page, id);
      await expect
        .poll(() => row.getByTestId('utc-interval').textContent())
        .toContain(utcInterval(r.time!.observedFrom, r.time!.observedTo));
      expect(await row.getByTestId('local-reading').textContent()).toContain(
        localReading(r.time!.observedLocal, r.time!.observedLocalEnd),
      );
      expect(await row.getByTestId('local-reading').textContent()).toContain(r.time!.timezone!);
      expect(await row.getByTestId('report-place').textContent()).toContain(
        `± ${r.place!.accuracyMeters} m`,
      );
      // Drawn as an interval on the axis.
      const width = await row.getByTestId('interval-bar').getAttribute('width');
      expect(Number.parseFloat(width!)).toBeGreaterThan(0);
    }
    // The ±10 min report is wider than an exact one.
    const barWidth = async (id: string) =>
      Number.parseFloat((await rowOf(page, id).getByTestId('interval-bar').getAttribute('width'))!);
    expect(await barWidth(ids[1]!)).toBeGreaterThan(await barWidth(ids[0]!));

    expect(await page.getByTestId('confidence').textContent()).toBe(
      `${Math.round(body.confidence! * 100)}%`,
    );
    expect(await page.getByTestId('independent-sources').textContent()).toBe(
      String(body.independentSources),
    );
    expect(await page.getByTestId('report-count').textContent()).toBe('3');
    const shownTerms = page.getByTestId('term');
    expect(await shownTerms.count()).toBe(terms.length);
    for (const [i, term] of terms.entries()) {
      const row = shownTerms.nth(i);
      expect(await row.getByTestId('term-text').textContent()).toBe(term.text.en);
      const weight = (await row.getByTestId('term-weight').textContent())!;
      expect(Number.parseFloat(weight.replace('−', '-'))).toBeCloseTo(term.weight, 2);
      expect(await row.locator('th').getAttribute('data-code')).toBe(term.code);
    }
    // A table a screen reader can read: caption, column and row headers.
    expect(await page.locator('table[data-testid="breakdown"] caption').count()).toBe(1);
    expect(await page.locator('table[data-testid="breakdown"] th[scope="col"]').count()).toBe(5);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByTestId('live-mode').textContent()).toMatch(/Live|Connecting/);
    expect(problems).toEqual([]);
  });

  it('shows a selected report with its flags explained, and hostile text literally', async () => {
    const chengdu = { lat: 30.6586, lon: 104.0647 };
    const { ids, incidentId } = await cluster(chengdu, 3, (i) =>
      i === 2
        ? {
            narrative: HOSTILE_NARRATIVE,
            category: HOSTILE_CATEGORY,
            // An offset that disagrees with the zone: a flag to explain.
            timezone: 'Asia/Tokyo',
          }
        : {},
    );
    const hostile = await report(ids[2]!);
    expect(hostile.flags.length).toBeGreaterThan(0);
    const meta = await get<Meta>('/api/v1/meta');

    // Without the CSP's help: only React's escaping stands between the text and the page.
    const { page, problems } = await openIncident(incidentId, { bypassCSP: true });
    await waitForRows(page, 3);
    await rowOf(page, ids[2]!).locator('button').click();
    const details = page.getByTestId('report-details');
    await details.getByTestId('report-narrative').waitFor({ timeout: SHOWS_WITHIN });
    expect(await details.getByTestId('report-narrative').textContent()).toBe(HOSTILE_NARRATIVE);
    expect(await details.getByTestId('report-category').textContent()).toBe(HOSTILE_CATEGORY);
    const flags = details.getByTestId('report-flags').locator('li');
    expect(await flags.count()).toBe(hostile.flags.length);
    for (const [i, code] of hostile.flags.entries()) {
      const text = await flags.nth(i).textContent();
      expect(text).toContain(code);
      expect(text).toContain((meta.flags as Record<string, { en: string }>)[code]!.en);
    }
    expect(await details.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('says what correlation read in a report’s words: seen from afar, reported before', async () => {
    const kunming = { lat: 25.0389, lon: 102.7183 };
    const { ids, incidentId } = await cluster(kunming, 3, (i) =>
      i === 2
        ? {
            narrative:
              'I called earlier: from my balcony I can see, in the distance, a van by the gate with someone filming.',
          }
        : {},
    );
    const [plain, far] = [await report(ids[0]!), await report(ids[2]!)];
    expect([plain.seenFromAfar, plain.saysRepeat]).toEqual([false, false]);
    expect([far.seenFromAfar, far.saysRepeat]).toEqual([true, true]);

    for (const [locale, afar, before] of [
      ['en-GB', 'seen from afar', 'reported this before'],
      ['zh-CN', '从远处看到', '之前报过'],
    ] as const) {
      const { page, problems } = await openIncident(incidentId, { locale });
      await waitForRows(page, 3);
      const details = page.getByTestId('report-details');
      await rowOf(page, ids[0]!).locator('button').click();
      await details.getByTestId('report-narrative').waitFor({ timeout: SHOWS_WITHIN });
      expect(await details.getByTestId('report-text-says').count()).toBe(0);
      await rowOf(page, ids[2]!).locator('button').click();
      const says = details.getByTestId('report-text-says');
      await says.waitFor({ timeout: SHOWS_WITHIN });
      const text = await says.textContent();
      expect(text).toContain(afar);
      expect(text).toContain(before);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('says why a report naming only its city was attached, a line its precise witnesses do not have', async () => {
    const shenyang = { lat: 41.8057, lon: 123.4315 };
    const { ids, incidentId } = await cluster(shenyang, 3);
    // The same kind and time, placed only as the city: three witnesses placed the incident.
    const city = await send({
      narrative: 'Somebody in a van is taking photos of the guards at a gate in Shenyang.',
      observedAt: beijing(HOUR),
      location: '沈阳',
    });
    await settled();
    const attached = await report(city);
    expect(attached.incidentId).toBe(incidentId);
    expect(attached.incidentReason).toBe('cluster.citywide');
    for (const [locale, label, words] of [
      ['en-GB', 'Attached because', 'names only a city'],
      ['zh-CN', '归并的原因', '只说了城市'],
    ] as const) {
      const { page, problems } = await openIncident(incidentId, { locale });
      await waitForRows(page, ids.length + 1);
      const details = page.getByTestId('report-details');
      await rowOf(page, city).locator('button').click();
      const reason = details.getByTestId('report-incident-reason');
      await reason.waitFor({ timeout: SHOWS_WITHIN });
      const text = await reason.textContent();
      expect(text).toContain(label);
      expect(text).toContain(words);
      // A witness placed by their own point has no such line.
      await rowOf(page, ids[0]!).locator('button').click();
      await details.getByTestId('report-narrative').waitFor({ timeout: SHOWS_WITHIN });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="report-incident-reason"]') === null,
        undefined,
        { timeout: SHOWS_WITHIN },
      );
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('changes a selected report’s status and messages the reporter through its case actions', async () => {
    const lanzhou = { lat: 36.0611, lon: 103.8343 };
    const { ids, incidentId } = await cluster(lanzhou, 2);
    const { page, problems } = await openIncident(incidentId);
    await waitForRows(page, 2);
    await rowOf(page, ids[0]!).locator('button').click();
    const details = page.getByTestId('report-details');
    await details.getByTestId('status-select').selectOption('in_review');
    await details.getByTestId('status-reason').fill('checking the gate camera');
    await details.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => details.getByTestId('report-status').textContent()).toBe('in review');
    expect((await report(ids[0]!)).status).toBe('in_review');
    await details.getByTestId('message-text').fill('Which gate exactly?');
    await details.getByRole('button', { name: 'Send question' }).click();
    await details.getByTestId('report-messages').getByText('Which gate exactly?').waitFor();
    expect((await report(ids[0]!)).messages.map((m) => m.text)).toEqual(['Which gate exactly?']);
    expect(problems).toEqual([]);
  });

  it('merges another incident into this one, and shows the server’s refusal of a bad merge', async () => {
    const wuhan = { lat: 30.5928, lon: 114.3055 };
    const a = await cluster(wuhan, 2);
    const b = await cluster(offset(wuhan, 8000), 1);
    expect(b.incidentId).not.toBe(a.incidentId);
    const { page, problems } = await openIncident(a.incidentId);
    await waitForRows(page, 2);

    // Merging the incident into itself: the server says why not.
    const merge = page.getByTestId('merge');
    await merge.getByTestId('merge-ids').fill(a.incidentId);
    await merge.getByTestId('merge-reason').fill('same van');
    await confirmAction(page, 'merge', 'Yes, merge');
    const error = merge.getByTestId('action-error');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    // The code said in the page's words, the field named as the server names it.
    expect(await error.locator('p').textContent()).toBe(
      'Not done: the server refused these fields.',
    );
    expect(await error.getByTestId('error-fields').textContent()).toBe(
      'incidentIds: name at least one other incident',
    );

    await merge.getByTestId('merge-ids').fill(b.incidentId);
    await confirmAction(page, 'merge', 'Yes, merge');
    await waitForRows(page, 3);
    expect((await incident(b.incidentId)).mergedInto).toBe(a.incidentId);
    expect((await incident(a.incidentId)).reportIds.sort()).toEqual([...a.ids, ...b.ids].sort());
    await page.getByTestId('history').getByText('merged').waitFor({ timeout: SHOWS_WITHIN });
    expect(unexpected(problems, [400])).toEqual([]);
  });

  it('splits a ticked report out into a new incident', async () => {
    const nanjing = { lat: 32.0603, lon: 118.7969 };
    const { ids, incidentId } = await cluster(nanjing, 3);
    const { page, problems } = await openIncident(incidentId);
    await waitForRows(page, 3);
    await rowOf(page, ids[2]!).getByRole('checkbox').check();
    await page.getByTestId('split').getByTestId('split-reason').fill('a different van');
    await confirmAction(page, 'split', 'Yes, split');
    await waitForRows(page, 2);
    const moved = await report(ids[2]!);
    expect(moved.incidentId).not.toBe(incidentId);
    expect((await incident(incidentId)).reportIds.sort()).toEqual(ids.slice(0, 2).sort());
    // The page links the new incident.
    await page
      .getByTestId('split')
      .getByRole('link', { name: moved.incidentId! })
      .waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  it('moves the selected report to another incident', async () => {
    const hefei = { lat: 31.8206, lon: 117.2272 };
    const a = await cluster(hefei, 3);
    const b = await cluster(offset(hefei, 9000), 1);
    const { page, problems } = await openIncident(a.incidentId);
    await waitForRows(page, 3);
    await rowOf(page, a.ids[1]!).locator('button').click();
    const move = page.getByTestId('move');
    await move.getByTestId('move-target').fill(b.incidentId);
    await move.getByTestId('move-reason').fill('seen from the other road');
    await confirmAction(page, 'move', 'Yes, move');
    await waitForRows(page, 2);
    expect((await report(a.ids[1]!)).incidentId).toBe(b.incidentId);
    expect((await incident(b.incidentId)).reportIds.sort()).toEqual([b.ids[0]!, a.ids[1]!].sort());
    expect(problems).toEqual([]);
  });

  it('routes the incident to a field office (a supervisor)', async () => {
    const admin = await app.context({ user: 'root' });
    const created = await admin.request.post('/api/v1/offices', {
      data: { name: 'Taiyuan East office' },
      headers: { 'x-tipwire-client': 'web' },
    });
    expect(created.status()).toBe(201);
    const office = (await created.json()) as { id: string; name: string };
    const taiyuan = { lat: 37.8706, lon: 112.5489 };
    const { ids, incidentId } = await cluster(taiyuan, 2);
    const { page, problems } = await openIncident(incidentId, { user: 'sam' });
    await waitForRows(page, 2);
    const form = page.getByTestId('office');
    await form.getByRole('button', { name: 'Route to an office…' }).click();
    await form.getByTestId('office-select').selectOption(office.id);
    await form.getByTestId('office-reason').fill('their district');
    await form.getByRole('button', { name: 'Route the incident and its reports' }).click();
    await form.getByText(`Routed to ${office.name}.`).waitFor({ timeout: SHOWS_WITHIN });
    expect((await incident(incidentId)).officeId).toBe(office.id);
    for (const id of ids) expect((await report(id)).officeId).toBe(office.id);
    expect(problems).toEqual([]);
  });

  it('refreshes by itself when a report joins the incident (live stream)', async () => {
    const xining = { lat: 36.6171, lon: 101.7782 };
    const { incidentId } = await cluster(xining, 2);
    const { page, problems } = await openIncident(incidentId);
    await waitForRows(page, 2);
    await expect.poll(() => page.getByTestId('live-mode').textContent()).toMatch(/^Live/);
    await send({
      narrative: OWN_WORDS[3]!,
      observedAt: beijing(HOUR),
      location: { ...offset(xining, -20), accuracyMeters: 30 },
    });
    await waitForRows(page, 3);
    expect(await page.getByTestId('report-count').textContent()).toBe('3');
    expect(problems).toEqual([]);
  });

  it('opens from the queue on the queue’s live stream: one connection to /api/v1/events, still live', async () => {
    const urumqi = { lat: 43.8256, lon: 87.6168 };
    const { ids, incidentId } = await cluster(urumqi, 2);
    const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    // Every request for the stream, fetch or EventSource alike.
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/events') streams.push(request.method());
    });
    await page.goto('/#/queue');
    await page
      .locator('[data-testid="live"][data-state="live"]')
      .waitFor({ timeout: SHOWS_WITHIN });
    expect(streams).toEqual(['GET']);

    // Opened as a person does, from the link in a report's row.
    await page.locator(`a[href="#/incident/${incidentId}"]`).first().click();
    await page.getByTestId('incident').waitFor({ timeout: SHOWS_WITHIN });
    await waitForRows(page, 2);
    await expect.poll(() => page.getByTestId('live-mode').textContent()).toMatch(/^Live/);
    // And the stream it shares still brings the incident's news.
    await send({
      narrative: OWN_WORDS[2]!,
      observedAt: beijing(HOUR),
      location: { ...offset(urumqi, 25), accuracyMeters: 30 },
    });
    await waitForRows(page, 3);
    // Back to the queue: the same stream again.
    await page.getByRole('link', { name: 'Queue' }).click();
    await page
      .locator('[data-testid="live"][data-state="live"]')
      .waitFor({ timeout: SHOWS_WITHIN });
    await page
      .locator(`[role="option"][data-report-id="${ids[0]}"]`)
      .waitFor({ timeout: SHOWS_WITHIN });
    expect(streams).toEqual(['GET']);
    expect(problems).toEqual([]);
  });

  it('shows its labels in Chinese, and the server’s reasons in Chinese', async () => {
    const hangzhou = { lat: 30.2741, lon: 120.1551 };
    const { incidentId } = await cluster(hangzhou, 2);
    const terms = (await incident(incidentId)).confidenceBreakdown!.terms;
    const { page, problems } = await openIncident(incidentId);
    await waitForRows(page, 2);
    await page.getByTestId('language').selectOption('zh');
    await page.getByRole('heading', { name: '置信度的依据' }).waitFor({ timeout: SHOWS_WITHIN });
    await page.getByRole('heading', { name: '时间线' }).waitFor();
    await page.getByRole('heading', { name: '合并、拆分、移动' }).waitFor();
    expect(await page.getByText('独立来源').count()).toBeGreaterThan(0);
    const texts = await page.getByTestId('term-text').allTextContents();
    expect(texts).toEqual(terms.map((t) => t.text.zh));
    expect(await page.locator('th[data-code="prior"]').textContent()).toBe('先验');
    expect(await page.getByTestId('timeline').textContent()).toContain('当地：');
    expect(problems).toEqual([]);
  });

  it('says the server’s refusals in Chinese to a Chinese user, the refused field still named', async () => {
    const harbin = { lat: 45.8038, lon: 126.535 };
    const { ids, incidentId } = await cluster(harbin, 2);
    const { page, problems } = await openIncident(incidentId, { locale: 'zh-CN' });
    await waitForRows(page, 2);
    await page.getByRole('heading', { name: '时间线' }).waitFor({ timeout: SHOWS_WITHIN });

    // Merging the incident into itself: refused with the field it names.
    const merge = page.getByTestId('merge');
    await merge.getByTestId('merge-ids').fill(incidentId);
    await merge.getByTestId('merge-reason').fill('同一辆车');
    await confirmAction(page, 'merge', '确认合并');
    const mergeError = merge.getByTestId('action-error');
    await mergeError.waitFor({ timeout: SHOWS_WITHIN });
    expect(await mergeError.locator('p').textContent()).toBe('未完成：服务器拒绝了以下字段。');
    expect(await mergeError.getByTestId('error-fields').locator('code').textContent()).toBe(
      'incidentIds',
    );

    // Moving a report to an incident that does not exist: nothing of the server's English.
    await rowOf(page, ids[0]!).locator('button').click();
    const move = page.getByTestId('move');
    await move.getByTestId('move-target').fill('i_no_such_incident');
    await move.getByTestId('move-reason').fill('另一条路');
    await confirmAction(page, 'move', '确认移动');
    const moveError = move.getByTestId('action-error');
    await moveError.waitFor({ timeout: SHOWS_WITHIN });
    expect(await moveError.textContent()).toBe('未找到：它不存在，或您无权查看。');
    expect(await moveError.textContent()).not.toContain('no incident with this id');
    expect(unexpected(problems, [400, 404])).toEqual([]);
  });

  it('says clearly when there is no such incident', async () => {
    const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
    const { page, problems } = await app.open(ctx, '/#/incident/i_does_not_exist');
    const missing = page.getByTestId('incident-missing');
    await missing.waitFor({ timeout: SHOWS_WITHIN });
    expect(await missing.getByRole('heading').textContent()).toBe('Incident not found');
    expect(await missing.getByRole('alert').textContent()).toContain('i_does_not_exist');
    expect(unexpected(problems, [404])).toEqual([]);
  });
});
