/**
 * The app's sign-in and live queue in a real browser against the real built server:
 * the sign-in form (401, 403 for a role the workbench is not for, 429 with how long to
 * wait), the session kept in the HttpOnly cookie only and ended on sign-out or by the
 * server; reports and incidents appearing live without a reload; hostile text shown as
 * text; search, load more, filters the server applies (a report beyond the first page
 * found; live rows shown only when they match), the supervisors' abuse-queue switch,
 * keyboard use, 10,000 rows; the case panel (status, questions, the reporter's answer, routing to an office,
 * what an office then sees); the catalogue's labels in Chinese; reconnecting after a
 * dropped stream with Last-Event-ID. Every page must show no console error and no CSP
 * violation. What the classic page's test (workbench.test.ts) covered is covered here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport, postReport, remember } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

/** New reports must show this fast, without a reload. */
const LIVE_WITHIN = 2_000;
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

declare global {
  interface Window {
    __pwned?: unknown;
    __sameDocument?: boolean;
  }
}

const USERS = {
  alice: { role: 'analyst', password: 'alice: a long analyst passphrase' },
  sam: { role: 'supervisor', password: 'sam: a long supervisor passphrase' },
  audrey: { role: 'auditor', password: 'audrey: a long auditor passphrase' },
  ian: { role: 'intake', password: 'ian: a long intake passphrase' },
  olga: { role: 'office', password: 'olga: a long office passphrase', office: 'North' },
};

let app: AppHarness;

beforeAll(async () => {
  app = await startApp(USERS, { offices: ['North'] });
});

afterAll(async () => {
  await app?.close();
});

async function submit(body: Record<string, unknown>): Promise<string> {
  const res = await postReport(app.server.url, body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A Bearer token of a user, for checks through the API beside the page. */
async function tokenOf(name: keyof typeof USERS): Promise<string> {
  const res = await fetch(`${app.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: USERS[name].password }),
  });
  expect(res.status).toBe(201);
  const { token } = (await res.json()) as { token: string };
  remember('token', token);
  return token;
}

async function apiGet(path: string, token: string) {
  const res = await fetch(`${app.server.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signInWithForm(page: Page, name: string, password: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A signed-in page at the queue, its lists read and its stream open. */
async function openQueue(
  user: keyof typeof USERS,
  options: { locale?: string; bypassCSP?: boolean } = {},
) {
  const ctx = await app.context({ user, ...options });
  const opened = await app.open(ctx, '/#/queue');
  await live(opened.page);
  return { ctx, ...opened };
}

async function live(page: Page) {
  await page.locator('[data-testid="live"][data-state="live"]').waitFor({ timeout: SHOWS_WITHIN });
  await page
    .locator('[data-testid="reports-panel"][aria-busy="false"]')
    .waitFor({ timeout: SHOWS_WITHIN });
}

const reportRow = (page: Page, id: string) =>
  page.locator(`[role="option"][data-report-id="${id}"]`);
const incidentRow = (page: Page, id: string) =>
  page.locator(`[role="option"][data-incident-id="${id}"]`);
const casePanel = (page: Page) => page.getByTestId('case');

/**
 * The console errors of a page besides the browser's own "Failed to load resource" for
 * refusals it was meant to get (Chromium logs every 4xx answer): by default those of
 * sign-in attempts and "who am I" (401, 403, 429 on /api/v1/session). Nothing else may show.
 */
function watchConsole(
  page: Page,
  allowed: (path: string) => boolean = (path) => path === '/api/v1/session',
) {
  const errors: { text: string; url: string }[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location().url });
  });
  return () =>
    errors
      .filter(
        (e) =>
          !(
            /^Failed to load resource: the server responded with a status of (401|403|404|429)\b/.test(
              e.text,
            ) && allowed(new URL(e.url).pathname)
          ),
      )
      .map((e) => e.text);
}

/** What the browser keeps: no token may be among it. */
async function storedValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const values: string[] = [];
    for (const store of [localStorage, sessionStorage])
      for (let i = 0; i < store.length; i++) values.push(store.getItem(store.key(i)!) ?? '');
    return values;
  });
}

describe('signing in (real browser)', () => {
  it('signs in with the form, shows who, keeps no token, and signs out for good', async () => {
    const ctx = await app.context();
    const { page, problems } = await app.open(ctx, '/#/queue');
    const unexpected = watchConsole(page);
    await signInWithForm(page, 'alice', 'not alice’s password at all');
    const error = page.getByRole('alert');
    await error.filter({ hasText: 'Wrong name or password' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(error.textContent()).resolves.toContain('401');
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');

    await signInWithForm(page, 'alice', USERS.alice.password);
    const who = page.getByTestId('who');
    await who.filter({ hasText: 'user:alice' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(who.textContent()).resolves.toMatch(/Signed in as\s*user:alice\s*\(analyst\)/);
    await live(page);
    // The session is the HttpOnly cookie: the page holds no token anywhere.
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === 'tipwire_session')?.httpOnly).toBe(true);
    for (const value of await storedValues(page)) expect(value).not.toMatch(/tw_/);
    expect(await page.evaluate(() => document.cookie)).not.toContain('tipwire_session');

    // It survives a reload.
    await page.reload();
    await who.filter({ hasText: 'user:alice' }).waitFor({ timeout: SHOWS_WITHIN });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(who.count()).resolves.toBe(0);
    // The server ended the session: the cookie, even if kept, no longer signs in.
    const me = await ctx.request.get('/api/v1/session');
    expect(me.status()).toBe(401);
    expect(unexpected()).toEqual([]);
    expect(problems.filter((p) => !p.startsWith('console: Failed to load resource'))).toEqual([]);
  });

  it('lets a call-taker (intake) in to the call-taker screen only', async () => {
    const ctx = await app.context();
    const { page, problems } = await app.open(ctx, '/#/queue');
    await signInWithForm(page, 'ian', USERS.ian.password);
    await page.getByTestId('who').waitFor({ timeout: SHOWS_WITHIN });
    const nav = page.getByRole('navigation');
    await nav.getByText('Call-taker').waitFor({ timeout: SHOWS_WITHIN });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Call-taker']);
    // The queue was asked for: the call-taker's own screen is shown instead.
    await page
      .getByLabel(/What happened/i)
      .first()
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.getByTestId('reports-panel').count()).resolves.toBe(0);
    // Only the "who is signed in?" asked before signing in was refused.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
  });

  for (const name of ['audrey'] as const) {
    it(`refuses the ${USERS[name].role} role with a 403 message and ends that session`, async () => {
      const ctx = await app.context();
      const { page } = await app.open(ctx, '/');
      await signInWithForm(page, name, USERS[name].password);
      const error = page.getByRole('alert');
      await error.filter({ hasText: '403' }).waitFor({ timeout: SHOWS_WITHIN });
      const text = await error.textContent();
      expect(text).toContain('may not use the workbench');
      expect(text).toContain(`user:${name}`);
      expect(text).toContain('auditor');
      await expect(page.getByTestId('who').count()).resolves.toBe(0);
      await expect
        .poll(async () => (await ctx.request.get('/api/v1/session')).status(), {
          timeout: SHOWS_WITHIN,
        })
        .toBe(401);
    });
  }

  it('says how long to wait after too many attempts (429)', async () => {
    const limited = await startApp(
      {},
      { env: { TIPWIRE_RATE_GUESSES_BURST: '2', TIPWIRE_RATE_GUESSES_PER_MINUTE: '1' } },
    );
    try {
      const ctx = await limited.context();
      const { page } = await limited.open(ctx, '/');
      const error = page.getByRole('alert');
      for (let i = 0; i < 2; i++) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'));
        await signInWithForm(page, 'nobody', `wrong password number ${i}`);
        expect((await answered).status()).toBe(401);
        await error
          .filter({ hasText: 'Wrong name or password' })
          .waitFor({ timeout: SHOWS_WITHIN });
      }
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'));
      await signInWithForm(page, 'nobody', 'wrong password number 2');
      const refused = await answered;
      expect(refused.status()).toBe(429);
      const wait = Number(refused.headers()['retry-after']);
      expect(wait).toBeGreaterThan(0);
      await error.filter({ hasText: '429' }).waitFor({ timeout: SHOWS_WITHIN });
      await expect(error.textContent()).resolves.toContain(`try again in ${wait} s`);
    } finally {
      await limited.close();
    }
  });

  it('goes back to the form when the session ends behind the page (401)', async () => {
    const { ctx, page } = await openQueue('alice');
    // Signed out elsewhere (another tab): the page's next call gets 401.
    const out = await ctx.request.delete('/api/v1/session', {
      headers: { 'x-tipwire-client': 'test' },
    });
    expect(out.status()).toBe(204);
    // The report's live event makes the page read it: that read is refused.
    await submit(makeReport({ narrative: 'Seen after the session ended.' }));
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your session has ended' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.getByLabel('Name', { exact: true }).isVisible()).resolves.toBe(true);
  });
});

describe('the live queue (real browser)', () => {
  it('shows a report and its incident live, without a reload', async () => {
    const { page, problems } = await openQueue('alice');
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.evaluate(() => {
      window.__sameDocument = true;
    });

    // A place and time of its own: no other test's report joins its incident.
    const where = {
      observedAt: '2026-11-18T09:00:00+11:00',
      location: { lat: -33.8568, lon: 151.2153, accuracyMeters: 30 },
    };
    const narrative = 'Two men unloading crates from a grey van at the north gate.';
    const id = await submit(
      makeReport({
        ...where,
        narrative,
        category: 'suspicious-activity',
        externalId: 'app-live-1',
      }),
    );
    const row = reportRow(page, id);
    await row.waitFor({ timeout: LIVE_WITHIN });
    await row.filter({ hasText: narrative }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.evaluate(() => window.__sameDocument)).resolves.toBe(true);
    // It came by the live path: the stream's event made the page read this report.
    expect(requested).toContain(`/api/v1/reports/${id}`);
    const text = (await row.textContent())!;
    expect(text).toContain('web form'); // the catalogue's label of the channel
    expect(text).toContain('suspicious-activity');
    expect(text).toContain('-33.85680, 151.21530');
    await expect(row.locator('[data-status]').textContent()).resolves.toBe('new');
    // Observed at 09:00 +11:00: the viewer's local time, UTC on hover.
    const titles = await row
      .locator('time')
      .evaluateAll((ts) => ts.map((t) => (t as HTMLElement).title));
    expect(titles).toContain('2026-11-17T22:00:00Z (UTC)');

    // Its incident: the row links to it, and the incidents list has it.
    const link = row.locator('a.incident-link');
    await link.waitFor({ timeout: SHOWS_WITHIN });
    const incidentId = decodeURIComponent(
      (await link.getAttribute('href'))!.replace('#/incident/', ''),
    );
    await page.getByRole('tab', { name: /Incidents/ }).click();
    const incident = incidentRow(page, incidentId);
    await incident.locator('[data-count="1"]').waitFor({ timeout: SHOWS_WITHIN });
    await expect(incident.locator('a').first().getAttribute('href')).resolves.toBe(
      `#/incident/${encodeURIComponent(incidentId)}`,
    );

    // A second report at the same place and time joins it: the incident updates in place.
    const second = await submit(
      makeReport({ ...where, narrative: 'Same van, now leaving eastwards.' }),
    );
    await incident.locator('[data-count="2"]').waitFor({ timeout: SHOWS_WITHIN });
    await expect(incidentRow(page, incidentId).count()).resolves.toBe(1);
    await page.getByRole('tab', { name: /Reports/ }).click();
    await reportRow(page, second).filter({ hasText: 'leaving eastwards' }).waitFor({
      timeout: SHOWS_WITHIN,
    });
    await expect(reportRow(page, id).count()).resolves.toBe(1);
    // Newest on top.
    await expect(
      page.locator('[role="option"][data-report-id]').first().getAttribute('data-report-id'),
    ).resolves.toBe(second);

    // A local time without a zone (and no place to find one from) is shown as local, flagged.
    const local = await submit(
      makeReport({
        narrative: 'Flash seen over the harbour.',
        observedAt: '2026-11-20T21:15:00',
        location: undefined,
      }),
    );
    const localRow = reportRow(page, local).filter({ hasText: 'Flash seen' });
    await localRow.waitFor({ timeout: SHOWS_WITHIN });
    const observed = (await localRow.textContent())!;
    expect(observed).toContain('2026-11-20 21:15:00 local');
    expect(observed).toContain('zone unknown');
    await expect(localRow.locator('.badge.flag').allTextContents()).resolves.toContain(
      'time.zone_unknown',
    );
    expect(problems).toEqual([]);
  });

  it('lists the reports received before the page opened', async () => {
    const id = await submit(makeReport({ narrative: 'Earlier report, listed not streamed.' }));
    const { page, problems } = await openQueue('alice');
    await reportRow(page, id)
      .filter({ hasText: 'Earlier report' })
      .waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  for (const bypassCSP of [true, false]) {
    // With CSP bypassed, this proves the rendering itself never turns data into markup.
    it(`shows hostile text as text, in the list and the case (CSP ${bypassCSP ? 'bypassed' : 'on'})`, async () => {
      const { page, problems } = await openQueue('alice', { bypassCSP });
      const id = await submit(
        makeReport({
          narrative: HOSTILE,
          category: '<b>bold</b>',
          location: { lat: 34.2, lon: 108.9, text: '<svg onload="window.__pwned=3">' },
        }),
      );
      const row = reportRow(page, id);
      await row.filter({ hasText: HOSTILE }).waitFor({ timeout: SHOWS_WITHIN });
      await expect(row.locator('.row-text').textContent()).resolves.toBe(HOSTILE);
      await expect(row.locator('.category').textContent()).resolves.toBe('<b>bold</b>');
      await expect(row.textContent()).resolves.toContain('<svg onload=');
      await row.click();
      const panel = casePanel(page);
      await panel.getByTestId('narrative').filter({ hasText: HOSTILE }).waitFor({
        timeout: SHOWS_WITHIN,
      });
      await expect(panel.getByTestId('narrative').textContent()).resolves.toBe(HOSTILE);
      await expect(page.locator('main img, main script, main svg, main b').count()).resolves.toBe(
        0,
      );
      await expect(page.evaluate(() => window.__pwned)).resolves.toBeUndefined();
      expect(problems).toEqual([]);
    });
  }

  it("labels statuses and explains flags with the server's catalogue, in Chinese after the switch", async () => {
    const meta = (await (await fetch(`${app.server.url}/api/v1/meta`)).json()) as {
      flags: Record<string, { en: string; zh: string }>;
      statuses: { code: string; en: string; zh: string }[];
      channels: { code: string; en: string; zh: string }[];
    };
    const zoneUnknown = meta.flags['time.zone_unknown']!;
    const statusNew = meta.statuses.find((s) => s.code === 'new')!;
    const web = meta.channels.find((c) => c.code === 'web')!;
    expect(zoneUnknown.zh).not.toBe(zoneUnknown.en);
    const id = await submit(
      makeReport({
        narrative: 'Smoke rising behind the bus depot.',
        observedAt: '2026-11-20T21:30:00',
        location: undefined,
      }),
    );
    const { page, problems } = await openQueue('alice', { locale: 'en-GB' });
    const row = reportRow(page, id);
    const flag = row.locator('.badge.flag', { hasText: 'time.zone_unknown' });
    await flag.waitFor({ timeout: SHOWS_WITHIN });
    const check = async (lang: 'en' | 'zh') => {
      await row.locator('[data-status]').filter({ hasText: statusNew[lang] }).waitFor({
        timeout: SHOWS_WITHIN,
      });
      await expect(flag.getAttribute('title')).resolves.toBe(zoneUnknown[lang]);
      await expect(row.locator('.channel').textContent()).resolves.toBe(web[lang]);
      await expect(
        row
          .locator('.badge.warn', { hasText: lang === 'en' ? 'zone unknown' : '时区未知' })
          .getAttribute('title'),
      ).resolves.toBe(zoneUnknown[lang]);
    };
    await check('en');
    await page.getByTestId('language').selectOption('zh');
    await check('zh');
    await page.getByRole('tab', { name: /报告/ }).waitFor({ timeout: SHOWS_WITHIN });
    // The case panel too: the flag's meaning written out, the status form's choices.
    await row.click();
    const panel = casePanel(page);
    await panel
      .locator('[data-flag="time.zone_unknown"]')
      .filter({ hasText: zoneUnknown.zh })
      .waitFor({
        timeout: SHOWS_WITHIN,
      });
    await expect(
      panel.getByRole('form', { name: '更改状态' }).locator('option').allTextContents(),
    ).resolves.toEqual(meta.statuses.map((s) => s.zh));
    expect(problems).toEqual([]);
  });
});

/** Waits for the page's request for the reports list with these query parameters. */
function reportsRequest(page: Page, params: Record<string, string>) {
  return page.waitForResponse(
    (res) => {
      const url = new URL(res.url());
      if (url.pathname !== '/api/v1/reports' || res.request().method() !== 'GET') return false;
      return Object.entries(params).every(([k, v]) => url.searchParams.get(k) === v);
    },
    { timeout: SHOWS_WITHIN },
  );
}

/** Every report id of the list, read by scrolling it from top to bottom. */
async function allListedIds(page: Page): Promise<string[]> {
  const list = page.getByRole('listbox', { name: 'Reports' });
  return list.evaluate(async (el) => {
    const seen = new Map<number, string>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    el.scrollTop = 0;
    for (;;) {
      await frame();
      await frame();
      for (const row of el.querySelectorAll('[role="option"]'))
        seen.set(Number(row.getAttribute('aria-posinset')), row.getAttribute('data-report-id')!);
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
      el.scrollTop += el.clientHeight / 2;
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  });
}

const loadedCount = async (page: Page) =>
  Number(await page.getByTestId('reports-count').getAttribute('data-loaded'));

/** Every report an analyst's list has, read through the API page by page. */
async function allReportIds(token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await apiGet(`/api/v1/reports?limit=200${q}`, token);
    ids.push(...(page.body.items as { id: string }[]).map((r) => r.id));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return ids;
}

describe('finding reports (real browser)', () => {
  it('narrows the list with a search, and shows it all again when cleared', async () => {
    const blue = await submit(makeReport({ narrative: 'Blue kayak drifting near pier seven.' }));
    const red = await submit(makeReport({ narrative: 'Red kayak stolen from the boathouse.' }));
    const { page, problems } = await openQueue('alice');
    await reportRow(page, blue)
      .filter({ hasText: 'Blue kayak' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await reportRow(page, red).filter({ hasText: 'Red kayak' }).waitFor({ timeout: SHOWS_WITHIN });

    const searched = reportsRequest(page, { q: 'kayak pier' });
    // `/` goes to the search box.
    await page.getByRole('listbox', { name: 'Reports' }).focus();
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: SHOWS_WITHIN })
      .toBe('queue-search');
    await page.keyboard.type('  kayak pier ');
    await page.keyboard.press('Enter');
    expect((await searched).status()).toBe(200);
    await reportRow(page, blue).waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, red).count()).resolves.toBe(0);
    const api = await apiGet('/api/v1/reports?q=kayak%20pier&limit=200', await tokenOf('alice'));
    const expected = (api.body.items as { id: string }[]).map((r) => r.id);
    expect(new Set(await allListedIds(page))).toEqual(new Set(expected));
    await expect(page.locator('.scope').textContent()).resolves.toContain('kayak pier');

    const none = reportsRequest(page, { q: 'zeppelin' });
    await page.getByLabel('Search narratives').fill('zeppelin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await none;
    await page
      .getByTestId('reports-empty')
      .filter({ hasText: 'No report matches this search.' })
      .waitFor({ timeout: SHOWS_WITHIN });

    const cleared = reportsRequest(page, {});
    await page.getByRole('button', { name: 'Clear search' }).click();
    expect(new URL((await cleared).url()).searchParams.has('q')).toBe(false);
    await reportRow(page, red).filter({ hasText: 'Red kayak' }).waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  it('loads older reports by cursor, without duplicates', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            submit(makeReport({ narrative: `Paged report ${batch * 10 + i}.` })),
          ),
        )),
      );
    }
    // Let the pipeline finish, so that the stream has nothing left to add.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${app.server.url}/api/v1/health`);
          return ((await res.json()) as { pipeline: { waiting: number } }).pipeline.waiting;
        },
        { timeout: SHOWS_WITHIN },
      )
      .toBe(0);
    const everything = await allReportIds(await tokenOf('alice'));
    expect(everything.length).toBeGreaterThan(60);

    const { page, problems } = await openQueue('alice');
    const more = page.getByRole('button', { name: 'Load more reports' });
    await more.waitFor({ timeout: SHOWS_WITHIN });
    expect(await loadedCount(page)).toBe(50);
    for (let i = 0; i < 20 && (await more.isVisible()); i++) {
      const before = await loadedCount(page);
      await more.click();
      await expect
        .poll(async () => (await loadedCount(page)) > before || !(await more.isVisible()), {
          timeout: SHOWS_WITHIN,
        })
        .toBe(true);
    }
    await expect(more.isVisible()).resolves.toBe(false);
    expect(await loadedCount(page)).toBe(everything.length);
    const shown = await allListedIds(page);
    expect(shown).toEqual(everything);
    for (const id of ids) expect(shown).toContain(id);
    expect(problems).toEqual([]);
  });

  it('filters on the server: a report never loaded shows once filtered, and live ones only if they match', async () => {
    // A report with a rare category, older than 249 others: beyond the first page.
    const intake = await tokenOf('ian');
    const hour = 3_600_000;
    const sent = async (body: Record<string, unknown>) => {
      const res = await postReport(app.server.url, makeReport(body), {
        authorization: `Bearer ${intake}`,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const rare = await sent({
      category: 'zeppelin sighting',
      narrative: 'A zeppelin drifted low over the stadium.',
      receivedAt: new Date(Date.now() - 24 * hour).toISOString(),
    });
    for (let batch = 0; batch < 249; batch += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, 249 - batch) }, (_, i) =>
          sent({
            category: 'routine patrol',
            narrative: `Routine patrol note ${batch + i}.`,
            receivedAt: new Date(Date.now() - 2 * hour - (batch + i) * 1000).toISOString(),
            // Places a degree apart: each its own incident, not one of hundreds to rebuild.
            location: {
              lat: -60 + ((batch + i) % 120),
              lon: -170 + Math.floor((batch + i) / 120) * 10,
            },
          }),
        ),
      );
    }
    await expect
      .poll(
        async () => {
          const res = await fetch(`${app.server.url}/api/v1/health`);
          return ((await res.json()) as { pipeline: { waiting: number } }).pipeline.waiting;
        },
        { timeout: 60_000 },
      )
      .toBe(0);

    // The page loads the first 50 (scrolling would load more: it is not scrolled here).
    const firstPage = await apiGet('/api/v1/reports?limit=50', await tokenOf('alice'));
    expect((firstPage.body.items as { id: string }[]).map((r) => r.id)).not.toContain(rare);
    const { page, problems } = await openQueue('alice');
    await expect.poll(() => loadedCount(page), { timeout: SHOWS_WITHIN }).toBe(50);
    await expect(reportRow(page, rare).count()).resolves.toBe(0);

    await page.locator('details.filters > summary').click();
    const filtered = reportsRequest(page, { category: 'zeppelin sighting' });
    await page.getByLabel('Category', { exact: true }).fill('zeppelin sighting');
    await page.keyboard.press('Enter');
    expect((await filtered).status()).toBe(200);
    await reportRow(page, rare)
      .filter({ hasText: 'A zeppelin drifted low' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect.poll(() => loadedCount(page), { timeout: SHOWS_WITHIN }).toBe(1);
    await expect(page.getByRole('button', { name: 'Load more reports' }).count()).resolves.toBe(0);
    await expect(page.locator('.scope').textContent()).resolves.toContain('Filtered');

    // Another filter with it: the server gets both.
    const both = reportsRequest(page, { category: 'zeppelin sighting', status: 'new' });
    await page.getByLabel('Status', { exact: true }).selectOption('new');
    expect((await both).status()).toBe(200);
    await reportRow(page, rare).waitFor({ timeout: SHOWS_WITHIN });

    // Live: a report of another category is not added; one of this category is.
    const other = await submit(
      makeReport({ category: 'routine patrol', narrative: 'Not a zeppelin.' }),
    );
    const match = await submit(
      makeReport({ category: 'zeppelin sighting', narrative: 'A second zeppelin, live.' }),
    );
    await reportRow(page, match)
      .filter({ hasText: 'A second zeppelin, live.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, other).count()).resolves.toBe(0);
    expect(await allListedIds(page)).toEqual([match, rare]);

    const cleared = reportsRequest(page, {});
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(new URL((await cleared).url()).searchParams.has('category')).toBe(false);
    await expect.poll(() => loadedCount(page), { timeout: SHOWS_WITHIN }).toBe(50);
    await reportRow(page, other).waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, rare).count()).resolves.toBe(0);

    // Incidents: the kind goes to the server too.
    await page.getByRole('tab', { name: /Incidents/ }).click();
    const kinds = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === '/api/v1/incidents' &&
        new URL(res.url()).searchParams.get('kind') === 'drone',
      { timeout: SHOWS_WITHIN },
    );
    await page.getByLabel('Kind', { exact: true }).selectOption('drone');
    expect((await kinds).status()).toBe(200);
    expect(problems).toEqual([]);
    // Sending 250 reports and reading them through the pipeline takes a while on 2 cores.
  }, 120_000);

  it('keeps 10,000 rows smooth: only the rows in view are in the page', async () => {
    const ctx = await app.context({ user: 'alice' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      id: `r_synthetic_${String(i).padStart(5, '0')}`,
      channel: 'web',
      category: i % 2 ? 'drone' : 'fire',
      receivedAt: new Date(Date.UTC(2026, 10, 20) - i * 60_000).toISOString(),
      status: 'new',
      queue: 'analyst',
      officeId: null,
      narrative: `Synthetic report number ${i}.`,
      flags: [],
      incidentId: null,
      time: null,
      place: null,
      claims: {},
    }));
    await page.route(
      (url) => url.pathname === '/api/v1/reports',
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ items: rows, nextCursor: null }),
        }),
    );
    await page.goto('/#/queue');
    await live(page);
    await expect.poll(() => loadedCount(page), { timeout: SHOWS_WITHIN }).toBe(10_000);
    const options = page.locator('[role="option"][data-report-id]');
    expect(await options.count()).toBeLessThan(60);
    const list = page.getByRole('listbox', { name: 'Reports' });
    await list.focus();
    const started = Date.now();
    await page.keyboard.press('End');
    const last = reportRow(page, 'r_synthetic_09999');
    await last.waitFor({ timeout: SHOWS_WITHIN });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(last.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(list.getAttribute('aria-activedescendant')).resolves.toBe(
      await last.getAttribute('id'),
    );
    expect(await options.count()).toBeLessThan(60);
    // Scrolling the whole list by mouse wheel keeps the page responsive.
    await page.keyboard.press('Home');
    await reportRow(page, 'r_synthetic_00000').waitFor({ timeout: SHOWS_WITHIN });
    const slowest = await list.evaluate(async (el) => {
      let worst = 0;
      let before = performance.now();
      for (let i = 0; i < 60; i++) {
        el.scrollTop += 2_000;
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        const now = performance.now();
        worst = Math.max(worst, now - before);
        before = now;
      }
      return worst;
    });
    // A hang detector, not a smoothness figure (that is measured in bench/, on a quiet
    // machine): a list that rendered every row would stall for seconds here; the rows in
    // view are the test above. 500 ms failed once at 505 ms on a loaded 2-core CI machine.
    expect(slowest).toBeLessThan(1_500);
    expect(problems).toEqual([]);
    // Rendering 10,000 rows' data in a headless browser beside another browser test took
    // over 30 s on a loaded 2-core CI machine; the time bounds that matter are above.
  }, 90_000);
});

describe('working cases (real browser)', () => {
  it('gives supervisors an abuse-queue switch, and not analysts', async () => {
    // A repeat dialer: the fourth call in a row goes to the abuse queue.
    const phone = `+86 138 0013 ${String(Date.now() % 10_000).padStart(4, '0')}`;
    const calls: string[] = [];
    for (let i = 0; i < 4; i++)
      calls.push(
        await submit(makeReport({ caller: { phone }, narrative: `Repeat caller, call ${i}.` })),
      );
    const [first, , , abusive] = calls as [string, string, string, string];
    const sam = await tokenOf('sam');
    await expect
      .poll(async () => (await apiGet(`/api/v1/reports/${abusive}`, sam)).body.queue, {
        timeout: SHOWS_WITHIN,
      })
      .toBe('abuse');
    await expect
      .poll(async () => (await apiGet(`/api/v1/reports/${first}`, sam)).body.stage, {
        timeout: SHOWS_WITHIN,
      })
      .toBe('done');

    const { page, problems } = await openQueue('sam');
    const analystsQueue = page.getByRole('radio', { name: 'Analysts’ queue' });
    const abuseQueue = page.getByRole('radio', { name: 'Abuse queue' });
    await expect(analystsQueue.isChecked()).resolves.toBe(true);
    await reportRow(page, first).waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, abusive).count()).resolves.toBe(0);
    await expect(page.locator('.scope').textContent()).resolves.toContain('analysts’ queue');

    const switched = reportsRequest(page, { queue: 'abuse' });
    await abuseQueue.check();
    expect((await switched).status()).toBe(200);
    const row = reportRow(page, abusive);
    await row.waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, first).count()).resolves.toBe(0);
    await expect(row.locator('.badge.abuse').textContent()).resolves.toBe('abuse queue');
    await expect(row.locator('.badge.flag').allTextContents()).resolves.toContain(
      'abuse.repeat_dialer',
    );
    const rows = page.locator('[role="option"][data-report-id]');
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    await expect(rows.locator('.badge.abuse').count()).resolves.toBe(shown);
    expect(problems).toEqual([]);

    // An analyst has no switch, and does not see the abusive call.
    const analyst = (await openQueue('alice')).page;
    await reportRow(analyst, first).waitFor({ timeout: SHOWS_WITHIN });
    await expect(analyst.getByRole('radio').count()).resolves.toBe(0);
    await expect(reportRow(analyst, abusive).count()).resolves.toBe(0);
  }, 90_000);

  it('moves with j / k and arrows, opens with Enter, closes with Esc', async () => {
    for (let i = 0; i < 3; i++) await submit(makeReport({ narrative: `Keyboard report ${i}.` }));
    const { page, problems } = await openQueue('alice');
    const list = page.getByRole('listbox', { name: 'Reports' });
    const rows = page.locator('[role="option"][data-report-id]');
    await rows.nth(2).waitFor({ timeout: SHOWS_WITHIN });
    const idAt = async (i: number) => (await rows.nth(i).getAttribute('data-report-id'))!;
    const selected = () =>
      page.locator('[role="option"][aria-selected="true"]').getAttribute('data-report-id');
    await list.focus();
    await expect(selected()).resolves.toBe(await idAt(0));
    await page.keyboard.press('j');
    await expect(selected()).resolves.toBe(await idAt(1));
    await page.keyboard.press('ArrowDown');
    await expect(selected()).resolves.toBe(await idAt(2));
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    const firstId = await idAt(0);
    await expect(selected()).resolves.toBe(firstId);
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="case"][data-case-for="${firstId}"]`).waitFor({
      timeout: SHOWS_WITHIN,
    });
    await page.keyboard.press('Escape');
    await expect(casePanel(page).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('changes a status and asks the reporter a question from the case panel; the answer shows live', async () => {
    const posted = await postReport(
      app.server.url,
      makeReport({ narrative: 'A white van parked on the pavement all night.' }),
    );
    expect(posted.status).toBe(201);
    const id = posted.body.id as string;
    const receipt = posted.body.receipt as string;
    const alice = await tokenOf('alice');

    const { page, problems } = await openQueue('alice');
    const row = reportRow(page, id);
    await row.filter({ hasText: 'white van' }).waitFor({ timeout: SHOWS_WITHIN });
    await row.click();
    const panel = page.locator(`[data-testid="case"][data-case-for="${id}"]`);
    await panel.getByText('No messages yet.').waitFor({ timeout: SHOWS_WITHIN });
    await expect(panel.getByTestId('narrative').textContent()).resolves.toBe(
      'A white van parked on the pavement all night.',
    );
    // Observed at 21:10 +08:00, its UTC instant written out, and the reporter's reading.
    await expect(panel.getByTestId('observed-utc').textContent()).resolves.toBe(
      'UTC 2026-11-20 13:10:00',
    );
    await expect(panel.locator('.case-facts').textContent()).resolves.toContain('± 50 m');

    // A status change needs a reason.
    const statusForm = panel.getByRole('form', { name: 'Change status' });
    await statusForm.getByLabel('New status').selectOption('in_review');
    await statusForm.getByRole('button', { name: 'Change status' }).click();
    await statusForm.getByText('Give a reason').waitFor({ timeout: SHOWS_WITHIN });
    expect((await apiGet(`/api/v1/reports/${id}`, alice)).body.status).toBe('new');

    const reason = 'Checking with the harbour master';
    await statusForm.getByLabel('Reason').fill(reason);
    await statusForm.getByRole('button', { name: 'Change status' }).click();
    await statusForm
      .getByRole('status')
      .filter({ hasText: 'Status changed to in review.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await row.locator('[data-status="in_review"]').waitFor({ timeout: SHOWS_WITHIN });
    await panel.locator('.case-facts [data-status="in_review"]').waitFor({ timeout: SHOWS_WITHIN });
    await expect(statusForm.getByLabel('Reason').inputValue()).resolves.toBe('');
    expect((await apiGet(`/api/v1/reports/${id}`, alice)).body.status).toBe('in_review');
    const audit = await apiGet(
      `/api/v1/audit?action=report.status_changed&target=${encodeURIComponent(`report:${id}`)}`,
      await tokenOf('audrey'),
    );
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'user:alice', reason })]);

    // A question, hostile text included, shown as text in the thread.
    const question = 'Which way did it leave? <b>north</b> <img src=x onerror="window.__pwned=4">';
    const questionForm = panel.getByRole('form', { name: 'Ask the reporter' });
    await questionForm.getByRole('button', { name: 'Send question' }).click();
    await questionForm.getByText('Write the question first.').waitFor({ timeout: SHOWS_WITHIN });
    await questionForm.getByLabel('Question to the reporter').fill(question);
    await questionForm.getByRole('button', { name: 'Send question' }).click();
    await questionForm
      .getByRole('status')
      .filter({ hasText: 'Question sent.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    const message = panel.locator('.thread li').filter({ hasText: 'Which way did it leave?' });
    await message.waitFor({ timeout: SHOWS_WITHIN });
    await expect(message.locator('.author').textContent()).resolves.toBe('Operator');
    await expect(message.locator('p.text').textContent()).resolves.toBe(question);
    await expect(panel.locator('b, img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.__pwned)).resolves.toBeUndefined();
    const messages = (await apiGet(`/api/v1/reports/${id}`, alice)).body.messages;
    expect(messages).toEqual([expect.objectContaining({ author: 'operator', text: question })]);

    // The reporter sees it with the receipt, and answers: the answer shows without a reload.
    const seen = await fetch(`${app.server.url}/api/v1/receipts/${receipt}`);
    const receiptView = (await seen.json()) as { questions: { text: string }[] };
    expect(receiptView.questions.map((q) => q.text)).toEqual([question]);
    const reply = await fetch(`${app.server.url}/api/v1/receipts/${receipt}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'North, towards the ring road.' }),
    });
    expect(reply.status).toBe(201);
    const answer = panel.locator('.thread li').filter({ hasText: 'North, towards the ring road.' });
    await answer.waitFor({ timeout: SHOWS_WITHIN });
    await expect(answer.locator('.author').textContent()).resolves.toBe('Reporter');

    // Opening the case again reads it anew: both messages.
    await panel.getByRole('button', { name: 'Close case' }).click();
    await expect(panel.count()).resolves.toBe(0);
    await row.click();
    await panel.locator('.thread li').nth(1).waitFor({ timeout: SHOWS_WITHIN });
    await expect(panel.locator('.thread li').count()).resolves.toBe(2);
    expect(problems).toEqual([]);
  });

  it('lets a supervisor route a case to an office, whose staff then see it live', async () => {
    const id = await submit(makeReport({ narrative: 'Broken fence at the north depot.' }));
    const office = await openQueue('olga');
    await office.page
      .getByTestId('who')
      .filter({ hasText: 'field office' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(office.page, id).count()).resolves.toBe(0);

    const { page, problems } = await openQueue('sam');
    const row = reportRow(page, id);
    await row.filter({ hasText: 'Broken fence' }).waitFor({ timeout: SHOWS_WITHIN });
    await row.click();
    const form = casePanel(page).getByRole('form', { name: 'Route to a field office' });
    await form.getByLabel('Office').locator('option', { hasText: 'North' }).waitFor({
      state: 'attached',
      timeout: SHOWS_WITHIN,
    });
    await form.getByLabel('Office').selectOption({ label: 'North' });
    await form.getByLabel('Reason').fill('Their patch');
    await form.getByRole('button', { name: 'Route' }).click();
    await form.getByRole('status').filter({ hasText: 'Routed to North.' }).waitFor({
      timeout: SHOWS_WITHIN,
    });
    const officeId = (await apiGet(`/api/v1/reports/${id}`, await tokenOf('sam'))).body.officeId;
    expect(officeId).toMatch(/\S/);
    await casePanel(page)
      .locator('.case-facts')
      .filter({ hasText: officeId as string })
      .waitFor({ timeout: SHOWS_WITHIN });

    // The office's staff: the case arrives live; they work it, but route nothing.
    const theirs = reportRow(office.page, id);
    await theirs.filter({ hasText: 'Broken fence' }).waitFor({ timeout: SHOWS_WITHIN });
    await theirs.click();
    await casePanel(office.page)
      .getByRole('form', { name: 'Change status' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(
      casePanel(office.page).getByRole('form', { name: 'Route to a field office' }).count(),
    ).resolves.toBe(0);
    await expect(office.page.getByRole('radio').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    expect(office.problems).toEqual([]);
  });

  it('reconnects after a dropped stream, sending Last-Event-ID', async () => {
    const ctx = await app.context({ user: 'alice' });
    const page = await ctx.newPage();
    const unexpected = watchConsole(page, (p) => p === '/api/v1/reports/no-such-report');
    const eventRequests: (string | undefined)[] = [];
    let served = false;
    // The first stream is a canned one that carries one event (id 424242) and ends,
    // as a dropped connection does; later ones go to the real server.
    await page.route(
      (url) => url.pathname === '/api/v1/events',
      async (route) => {
        eventRequests.push(route.request().headers()['last-event-id']);
        if (served) return route.continue();
        served = true;
        const event = {
          report: { id: 'no-such-report', channel: 'web', flags: [], incidentId: null },
          incident: null,
        };
        await route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: `retry: 100\n\nid: 424242\nevent: report.processed\ndata: ${JSON.stringify(event)}\n\n`,
        });
      },
    );
    await page.goto('/#/queue');
    await expect.poll(() => eventRequests.length, { timeout: SHOWS_WITHIN }).toBeGreaterThan(1);
    expect(eventRequests[0]).toBeUndefined();
    expect(eventRequests[1]).toBe('424242');
    await live(page);
    // The unknown report's full view is 404: a notice and a marked row, not a sign-out.
    await page.getByTestId('notice').filter({ hasText: '404' }).waitFor({ timeout: SHOWS_WITHIN });
    await reportRow(page, 'no-such-report')
      .filter({ hasText: 'could not be loaded' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.getByTestId('who').isVisible()).resolves.toBe(true);
    // The live path works after the reconnect.
    const id = await submit(makeReport({ narrative: 'After the reconnect.' }));
    await reportRow(page, id).filter({ hasText: 'After the reconnect.' }).waitFor({
      timeout: SHOWS_WITHIN,
    });
    expect(unexpected()).toEqual([]);
  });
});
