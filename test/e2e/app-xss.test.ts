/**
 * Hostile text in every view, in a real browser with its CSP switched off (so only the
 * app's own rendering stands between the text and the page): 336 script-injection
 * payloads (test/e2e/xss-payloads.ts) posted through the real API in every text field
 * a report has (narrative, category, subjects, place text, the time as said, external
 * id, a file's name) and in the messages both ways (an analyst's question, the
 * reporter's answer); then the queue (every row scrolled through), case panels, the
 * incident view (every member and a selected one), the map's panels, the call-taker's
 * reading and the public follow-up page are opened. No payload may run (each would set
 * window.__pwned to its number) and no dialog may open; the text must be shown as text.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remember } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';
import { clickAt } from './map-page.js';
import { xssPayloads } from './xss-payloads.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const PAYLOADS = xssPayloads();
/** Reports per place: each group becomes one incident holding many payloads. */
const GROUP = 24;
const USERS = { alice: { role: 'analyst', password: 'alice: a long analyst passphrase' } };

let app: AppHarness;
let analyst: BrowserContext;
const posted: { id: string; receipt: string; payload: string }[] = [];

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

async function api(path: string, body?: unknown) {
  const res = body
    ? await analyst.request.post(`/api/v1/${path}`, {
        data: body,
        headers: { 'x-tipwire-client': 'web' },
      })
    : await analyst.request.get(`/api/v1/${path}`);
  const text = await res.text();
  return { status: res.status(), json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/** A page that records any payload that ran and any dialog. */
async function watched(ctx: BrowserContext, path: string) {
  const opened = await app.open(ctx, path);
  const dialogs: string[] = [];
  opened.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const ran = async () => ({
    pwned: await opened.page.evaluate(() => window.__pwned),
    dialogs,
  });
  return { ...opened, ran };
}

const clean = { pwned: undefined, dialogs: [] };

beforeAll(async () => {
  app = await startApp(USERS, { env: { TIPWIRE_RATE_LIMITS: 'off' } });
  analyst = await app.context({ user: 'alice', bypassCSP: true });
  const now = Date.now();
  for (let i = 0; i < PAYLOADS.length; i++) {
    const p = PAYLOADS[i]!;
    const group = Math.floor(i / GROUP);
    const report = {
      channel: 'web',
      narrative: `${p} (report ${i + 1})`,
      category: cut(p, 100),
      subjects: cut(p, 1000),
      externalId: cut(`${i}:${p}`, 200),
      observedAt: i % 2 === 0 ? new Date(now - 3600_000).toISOString() : cut(p, 200),
      location: {
        lat: 31.2 + group * 0.05,
        lon: 121.4 + group * 0.05,
        accuracyMeters: 30,
        text: cut(p, 500),
      },
      attachments:
        i % 8 === 0
          ? [{ filename: cut(p, 255), contentType: 'text/plain', dataBase64: 'aGVsbG8=' }]
          : undefined,
    };
    const res = await api('reports', report);
    if (res.status !== 201)
      throw new Error(`payload ${i + 1}: ${res.status} ${JSON.stringify(res.json)}`);
    remember('receipt', res.json.receipt as string);
    posted.push({ id: res.json.id as string, receipt: res.json.receipt as string, payload: p });
  }
  // Messages both ways on a few cases.
  for (const r of posted.slice(0, 6)) {
    expect((await api(`reports/${r.id}/messages`, { text: r.payload })).status).toBe(201);
    const reply = await fetch(`${app.server.url}/api/v1/receipts/${r.receipt}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${r.payload} (answer)` }),
    });
    expect(reply.status).toBe(201);
  }
  // Wait for the pipeline to place every report in an incident.
  const deadline = Date.now() + 120_000;
  for (const r of posted) {
    for (;;) {
      const got = await api(`reports/${r.id}`);
      if (got.json?.incidentId) break;
      if (Date.now() > deadline) throw new Error(`report ${r.id} was not placed`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}, 300_000);

afterAll(async () => {
  await app?.close();
});

/** Scrolls a virtualized list to its end, one screen at a time, so every row is drawn once. */
async function scrollThrough(page: Page, list: string) {
  const box = page.locator(list).first();
  for (let guard = 0; guard < 400; guard++) {
    const atEnd = await box.evaluate((el) => {
      el.scrollTop += el.clientHeight;
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
    await page.waitForTimeout(15);
    if (atEnd) return;
  }
}

describe('hostile text in every view (real browser, CSP off)', () => {
  it('the queue: every report row, its case panel, and the incidents list', async () => {
    const { page, ran, problems } = await watched(analyst, '/#/queue');
    await page
      .locator('[role="option"][data-report-id]')
      .first()
      .waitFor({ timeout: SHOWS_WITHIN });
    // Load every page, drawing each row as it passes.
    for (let guard = 0; guard < 50; guard++) {
      await scrollThrough(page, '[data-testid="reports-panel"] [role="listbox"]');
      const loaded = Number(await page.getByTestId('reports-count').getAttribute('data-loaded'));
      if (loaded >= PAYLOADS.length) break;
      const more = page.getByRole('button', { name: /load more/i });
      if (await more.count())
        await more
          .first()
          .click()
          .catch(() => undefined);
      await page.waitForTimeout(100);
    }
    expect(Number(await page.getByTestId('reports-count').getAttribute('data-loaded'))).toBe(
      PAYLOADS.length,
    );
    expect(await ran()).toEqual(clean);
    // Case panels of reports carrying every kind of field (file, messages, free time).
    for (const r of [posted[0]!, posted[1]!, posted[8]!, posted[41]!, posted[200]!, posted[335]!]) {
      await page.goto(`${app.server.url}/#/queue`);
      const row = page.locator(`[role="option"][data-report-id="${r.id}"]`);
      const search = page.getByRole('searchbox').first();
      if (!(await row.count()) && (await search.count())) {
        await search.fill(`report ${posted.indexOf(r) + 1}`);
        await search.press('Enter');
      }
      await row.waitFor({ timeout: SHOWS_WITHIN });
      await row.click();
      await page
        .getByTestId('narrative')
        .filter({ hasText: `report ${posted.indexOf(r) + 1})` })
        .waitFor({
          timeout: SHOWS_WITHIN,
        });
      expect(await page.getByTestId('narrative').textContent()).toBe(
        `${r.payload} (report ${posted.indexOf(r) + 1})`,
      );
      expect(await ran()).toEqual(clean);
    }
    const incidentsTab = page.getByRole('tab', { name: /incidents/i });
    if (await incidentsTab.count()) {
      await incidentsTab.first().click();
      await page
        .locator('[role="option"][data-incident-id]')
        .first()
        .waitFor({ timeout: SHOWS_WITHIN });
      await scrollThrough(page, '[data-testid="incidents-panel"] [role="listbox"]');
    }
    expect(await ran()).toEqual(clean);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });

  it('the incident view: every member on the timeline, and a selected one', async () => {
    const incidentIds = new Set<string>();
    for (const r of posted)
      incidentIds.add((await api(`reports/${r.id}`)).json.incidentId as string);
    const some = [...incidentIds].slice(0, 4);
    for (const id of some) {
      const { page, ran } = await watched(analyst, `/#/incident/${encodeURIComponent(id)}`);
      const rows = page.locator('[data-testid="timeline-report"]');
      await rows.first().waitFor({ timeout: SHOWS_WITHIN });
      await rows.first().locator('button').first().click();
      await page.waitForTimeout(200);
      expect(await ran()).toEqual(clean);
      await page.close();
    }
  });

  it('the map: features, and the panel of a report clicked at street zoom', async () => {
    const narratives = new Set(posted.map((r, i) => `${r.payload} (report ${i + 1})`));
    // Three of the places the reports were sent from (each holds a group of reports).
    for (const group of [0, 5, 13]) {
      const at = { lat: 31.2 + group * 0.05, lon: 121.4 + group * 0.05 };
      const { page, ran } = await watched(analyst, `/#/map/18/${at.lat}/${at.lon}`);
      await page
        .locator('[data-testid="map"][data-ready="true"]')
        .waitFor({ timeout: SHOWS_WITHIN });
      await page.getByTestId('layer-incidents').uncheck();
      const narrative = page.getByTestId('map-panel').getByTestId('panel-narrative');
      await expect
        .poll(
          async () => {
            await clickAt(page, at);
            return (await narrative.count()) > 0;
          },
          { timeout: SHOWS_WITHIN },
        )
        .toBe(true);
      // The narrative shown (possibly cut short) is the start of one that was sent, as text.
      const shown = (await narrative.textContent())!.replace(/…$/, '');
      expect([...narratives].some((n) => n.startsWith(shown))).toBe(true);
      expect(await page.getByTestId('map-panel').locator('img, script, svg, iframe').count()).toBe(
        0,
      );
      expect(await ran()).toEqual(clean);
      await page.close();
    }
    // Three WebGL map pages one after another: 26 s alone here, over 30 s in a busy CI run.
  }, 90_000);

  it('the public follow-up page: the status, the question and the answer', async () => {
    const ctx = await app.context();
    for (const r of posted.slice(0, 3)) {
      const { page, ran } = await watched(ctx, '/follow');
      await page.getByLabel('Receipt code').fill(r.receipt);
      await page.getByRole('button', { name: 'Open' }).click();
      const thread = page.getByTestId('thread');
      await thread.waitFor({ timeout: SHOWS_WITHIN });
      await expect(thread.textContent()).resolves.toContain(r.payload);
      await expect(thread.textContent()).resolves.toContain(`${r.payload} (answer)`);
      expect(await ran()).toEqual(clean);
      await page.close();
    }
  });

  it('the call-taker: every payload typed into the form, read back by the server', async () => {
    const { page, ran } = await watched(analyst, '/#/call');
    const narrative = page.getByLabel(/What happened/i).first();
    await narrative.waitFor({ timeout: SHOWS_WITHIN });
    for (const p of PAYLOADS.filter((_, i) => i % 12 === 0)) {
      await narrative.fill(p);
      await page.getByLabel(/When/i).first().fill(cut(p, 200));
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(800);
    expect(await ran()).toEqual(clean);
  });
});
