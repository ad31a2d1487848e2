/**
 * The classic workbench page (at /classic/, until the app replaces it) in a real browser (headless Chromium via playwright-core)
 * against the real built server: sign-in with a name and password or an API token
 * (and the 401, 403 and 429 answers), live updates over server-sent events, hostile
 * narratives shown as text, search, the supervisors' abuse-queue switch, working a
 * case (status, questions to the reporter), and the hand-written SSE parser and
 * reconnect. Needs `npm run build` and /usr/bin/chromium (CI installs it); without
 * Chromium the suite fails instead of skipping.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  makeReport,
  postReport,
  remember,
  runCli,
  startServer,
  tempDir,
  type ServerProcess,
} from '../helpers.js';

const CHROMIUM = process.env.TIPWIRE_CHROMIUM ?? '/usr/bin/chromium';
/** How long to wait for something the page should show. */
const SHOWS_WITHIN = 10_000;

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

declare global {
  interface Window {
    __pwned?: unknown;
    __sameDocument?: boolean;
    __createSseParser?: (
      onEvent: (event: unknown) => void,
      onRetry: (ms: number) => void,
    ) => { push: (text: string) => void };
  }
}

let tmp: ReturnType<typeof tempDir>;
let server: ServerProcess;
let token: string;
let supervisorToken: string;
let auditorToken: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** People who sign in with a name and password (made before the server starts). */
const USERS = {
  alice: { role: 'analyst', password: 'alice: a long analyst passphrase' },
  sam: { role: 'supervisor', password: 'sam: a long supervisor passphrase' },
  audrey: { role: 'auditor', password: 'audrey: a long auditor passphrase' },
} as const;

function addUser(db: string, name: keyof typeof USERS) {
  const { role, password } = USERS[name];
  remember('password', password);
  const r = runCli(
    ['user', 'add', name, '--role', role, '--password-stdin', '--db', db],
    {},
    `${password}\n`,
  );
  if (r.status !== 0) throw new Error(`user add ${name} failed: ${r.stderr}`);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The workbench e2e test needs a real browser: ` +
        'install it (Debian/Ubuntu: apt-get install chromium) or set TIPWIRE_CHROMIUM ' +
        'to its path. This test does not skip.',
    );
  }
  tmp = tempDir('tipwire-e2e-');
  const db = path.join(tmp.dir, 'tipwire.db');
  token = createToken(db, 'analyst');
  supervisorToken = createToken(db, 'supervisor');
  auditorToken = createToken(db, 'auditor');
  for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) addUser(db, name);
  server = await startServer(db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  tmp?.cleanup();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

interface OpenedPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

async function openPage(
  options: { bypassCSP?: boolean; locale?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const response = await page.goto(`${server.url}/classic/`);
  expect(response?.status()).toBe(200);
  return { page, problems };
}

async function signIn(page: Page, withToken: string) {
  await page.getByLabel('API token').fill(withToken);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
}

async function logIn(page: Page, name: string, password: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits until the reports list shows what it was last asked for. */
async function reportsLoaded(page: Page) {
  await page.locator('#reports-panel[aria-busy="false"]').waitFor({ timeout: SHOWS_WITHIN });
  await page.waitForFunction(
    () => {
      const empty = document.getElementById('reports-empty')!;
      return empty.hidden || empty.textContent !== 'Loading…';
    },
    undefined,
    { timeout: SHOWS_WITHIN },
  );
}

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

const authorized = (withToken: string) => ({ authorization: `Bearer ${withToken}` });

async function apiGet(pathAndQuery: string, withToken: string) {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: authorized(withToken) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Signs in and waits until the lists are shown and the live stream is open. */
async function signInAndGoLive(page: Page) {
  await signIn(page, token);
  await page.getByRole('heading', { name: 'Newest reports' }).waitFor({ timeout: SHOWS_WITHIN });
  await page.waitForFunction(
    () => {
      const empty = document.getElementById('reports-empty')!;
      return empty.hidden || empty.textContent !== 'Loading…';
    },
    undefined,
    { timeout: SHOWS_WITHIN },
  );
  await page
    .locator('#live.live-on')
    .filter({ hasText: 'Live' })
    .waitFor({ timeout: SHOWS_WITHIN });
}

async function submit(body: Record<string, unknown>): Promise<string> {
  const res = await postReport(server.url, body);
  expect(res.status).toBe(201);
  expect(typeof res.body.id).toBe('string');
  return res.body.id as string;
}

const reportRow = (page: Page, id: string) => page.locator(`tr[data-report-id="${id}"]`);
const incidentRow = (page: Page, id: string) => page.locator(`tr[data-incident-id="${id}"]`);

describe('workbench page (real browser)', () => {
  it('is served with the CSP and shows the sign-in form', async () => {
    const res = await fetch(`${server.url}/classic/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const { page } = await openPage();
    await expect(page.getByLabel('Name', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('API token').isVisible()).resolves.toBe(true);
    await expect(page.locator('#workbench').isHidden()).resolves.toBe(true);
  });

  it('shows a report and its incident live, without a reload', async () => {
    const { page, problems } = await openPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await signInAndGoLive(page);
    // A marker in this document: a reload or navigation would lose it.
    await page.evaluate(() => {
      window.__sameDocument = true;
    });

    const narrative = 'Two men unloading crates from a grey van at the north gate.';
    const id = await submit(
      makeReport({ narrative, category: 'suspicious-activity', externalId: 'e2e-live-1' }),
    );

    const row = reportRow(page, id);
    await row.filter({ hasText: narrative }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.evaluate(() => window.__sameDocument)).resolves.toBe(true);
    // It came by the live path: the stream's event made the page fetch this report.
    expect(requested).toContain(`/api/v1/reports/${id}`);
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe('web');
    expect(cells[2]).toBe('suspicious-activity');
    expect(cells[4]).toContain('2026-11-20 13:10:00'); // 21:10 at +08:00, in UTC
    expect(cells[5]).toContain('34.26100, 108.94200');

    // Its incident: the row's incident link, and a row in the incidents table.
    const incidentId = (await row.locator('td').nth(7).locator('a').textContent({
      timeout: SHOWS_WITHIN,
    }))!;
    expect(incidentId).toMatch(/\S/);
    const incident = incidentRow(page, incidentId);
    await incident.waitFor({ timeout: SHOWS_WITHIN });
    await expect(incident.locator('.count').textContent()).resolves.toBe('1');

    // A second report at the same place and time joins it: the row updates in place.
    const second = await submit(makeReport({ narrative: 'Same van, now leaving eastwards.' }));
    await reportRow(page, second).filter({ hasText: 'leaving eastwards' }).waitFor({
      timeout: SHOWS_WITHIN,
    });
    await incident.locator('.count').filter({ hasText: /^2$/ }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(incidentRow(page, incidentId).count()).resolves.toBe(1);
    await expect(reportRow(page, id).count()).resolves.toBe(1);
    // Newest on top.
    await expect(
      page.locator('#report-rows tr').first().getAttribute('data-report-id'),
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
    const observed = await localRow.locator('td').nth(4).textContent();
    expect(observed).toContain('2026-11-20 21:15:00 local');
    expect(observed).toContain('zone unknown');
    await expect(localRow.locator('td').nth(6).textContent()).resolves.toContain(
      'time.zone_unknown',
    );

    expect(problems).toEqual([]);

    // Sign out: back to the form, the token forgotten.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByLabel('API token').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
    await expect(page.locator('#report-rows tr').count()).resolves.toBe(0);
  });

  it("explains flags and names statuses with the server's catalogue, in Chinese for a Chinese browser", async () => {
    const res = await fetch(`${server.url}/api/v1/meta`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as {
      flags: Record<string, { en: string; zh: string }>;
      statuses: { code: string; en: string; zh: string }[];
    };
    const zoneUnknown = meta.flags['time.zone_unknown']!;
    const statusNew = meta.statuses.find((s) => s.code === 'new')!;
    const id = await submit(
      makeReport({
        narrative: 'Smoke rising behind the bus depot.',
        observedAt: '2026-11-20T21:30:00',
        location: undefined,
      }),
    );
    for (const [locale, lang] of [
      ['en-GB', 'en'],
      ['zh-CN', 'zh'],
    ] as const) {
      const { page, problems } = await openPage({ locale });
      await signIn(page, token);
      const row = reportRow(page, id);
      const flag = row
        .locator('td')
        .nth(6)
        .locator('.badge.flag', { hasText: 'time.zone_unknown' });
      await flag.waitFor({ timeout: SHOWS_WITHIN });
      await expect(flag.getAttribute('title')).resolves.toBe(zoneUnknown[lang]);
      const observed = row.locator('td').nth(4).locator('.badge', { hasText: 'zone unknown' });
      await expect(observed.getAttribute('title')).resolves.toBe(zoneUnknown[lang]);
      await expect(row.locator('td').nth(8).locator('.badge.status').textContent()).resolves.toBe(
        statusNew[lang],
      );
      expect(problems).toEqual([]);
    }
    expect(zoneUnknown.zh).not.toBe(zoneUnknown.en);
  });

  it('lists reports received before sign-in, and keeps the session over a reload', async () => {
    const id = await submit(makeReport({ narrative: 'Earlier report, listed not streamed.' }));
    const { page } = await openPage();
    await signIn(page, token);
    await reportRow(page, id)
      .filter({ hasText: 'Earlier report' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await page.reload();
    await reportRow(page, id)
      .filter({ hasText: 'Earlier report' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.getByLabel('API token').isVisible()).resolves.toBe(false);
  });

  // CSP alone would stop an inline handler; the page is opened with CSP bypassed so
  // that this test proves the rendering itself never turns data into markup.
  for (const bypassCSP of [true, false]) {
    it(`shows a hostile narrative as literal text (CSP ${bypassCSP ? 'bypassed' : 'on'})`, async () => {
      const { page } = await openPage({ bypassCSP });
      await signInAndGoLive(page);
      const id = await submit(
        makeReport({
          narrative: HOSTILE,
          category: '<b>bold</b>',
          location: { lat: 34.2, lon: 108.9, text: '<svg onload="window.__pwned=3">' },
        }),
      );
      const row = reportRow(page, id);
      await row.filter({ hasText: HOSTILE }).waitFor({ timeout: SHOWS_WITHIN });
      await expect(row.locator('td').nth(3).textContent()).resolves.toBe(HOSTILE);
      await expect(row.locator('td').nth(2).textContent()).resolves.toBe('<b>bold</b>');
      await expect(row.locator('td').nth(5).textContent()).resolves.toContain('<svg onload=');
      await expect(
        page.locator('#workbench img, #workbench script, #workbench svg, #workbench b').count(),
      ).resolves.toBe(0);
      await expect(page.evaluate(() => window.__pwned)).resolves.toBeUndefined();
    });
  }

  it('loads older reports with "Load more", without duplicates', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const posted = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          submit(makeReport({ narrative: `Paged report ${batch * 10 + i}.` })),
        ),
      );
      ids.push(...posted);
    }
    // Let the pipeline finish, so that the stream has nothing left to add.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/api/v1/health`);
          const body = (await res.json()) as { pipeline: { waiting: number } };
          return body.pipeline.waiting;
        },
        { timeout: SHOWS_WITHIN },
      )
      .toBe(0);

    const { page } = await openPage();
    await signInAndGoLive(page);
    const rows = page.locator('#report-rows tr');
    const more = page.getByRole('button', { name: 'Load more reports' });
    await more.waitFor({ timeout: SHOWS_WITHIN });
    expect(await rows.count()).toBe(50);
    for (let i = 0; i < 10 && (await more.isVisible()); i++) {
      const before = await rows.count();
      await more.click();
      await expect
        .poll(async () => (await rows.count()) > before || !(await more.isVisible()), {
          timeout: SHOWS_WITHIN,
        })
        .toBe(true);
    }
    await expect(more.isVisible()).resolves.toBe(false);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute('data-report-id')),
    );
    expect(new Set(shown).size).toBe(shown.length);
    for (const id of ids) expect(shown).toContain(id);
  });

  it('shows the sign-in error for a wrong token and stays on the form', async () => {
    const { page } = await openPage();
    await signIn(page, 'tw_notatoken_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const error = page.locator('#sign-in-error');
    await error.filter({ hasText: '401' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(error.getAttribute('role')).resolves.toBe('alert');
    await expect(error.textContent()).resolves.toContain('did not accept this token');
    await expect(page.getByLabel('API token').isVisible()).resolves.toBe(true);
    await expect(page.locator('#workbench').isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
  });

  it('reconnects after a dropped stream and sends Last-Event-ID', async () => {
    const { page } = await openPage();
    const eventRequests: (string | undefined)[] = [];
    let served = false;
    // The first stream is a canned one that carries one event (id 424242) and ends,
    // as a dropped connection does; later ones go to the real server.
    await page.route('**/api/v1/events', async (route) => {
      eventRequests.push(route.request().headers()['last-event-id']);
      if (!served) {
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
      } else {
        await route.continue();
      }
    });
    await signIn(page, token);
    await page
      .locator('#live.live-on')
      .filter({ hasText: 'Live' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect.poll(() => eventRequests.length, { timeout: SHOWS_WITHIN }).toBeGreaterThan(1);
    expect(eventRequests[0]).toBeUndefined();
    expect(eventRequests[1]).toBe('424242');
    // The unknown report's full view is 404: a notice, not a crash or a sign-out.
    await page.locator('#notice').filter({ hasText: '404' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.locator('#workbench').isVisible()).resolves.toBe(true);
    await reportRow(page, 'no-such-report')
      .filter({ hasText: 'could not be loaded' })
      .waitFor({ timeout: SHOWS_WITHIN });
  });

  it('parses the event-stream format split at any byte', async () => {
    const { page } = await openPage();
    const stream =
      ': comment\r\nretry: 1500\r\n\r\nid: 7\r\nevent: report.processed\r\ndata: {"a":\r\n' +
      'data:1}\r\n\r\n' +
      'data: no type\n\n' +
      'id: 8\rdata: cr only\r\r' +
      'event: ignored-without-data\n\n' +
      'data: unterminated';
    // The page's own module (same URL, so the same instance). A string, so that the
    // test runner does not rewrite this import() for Node.
    await page.evaluate(
      "import('/classic/app.js').then((m) => { window.__createSseParser = m.createSseParser; })",
    );
    const results = await page.evaluate((text) => {
      const createSseParser = window.__createSseParser!;
      const outputs: string[] = [];
      for (const size of [1, 2, 3, 5, 1000]) {
        const seen: unknown[] = [];
        const retries: number[] = [];
        const parser = createSseParser(
          (e: unknown) => seen.push(e),
          (ms: number) => retries.push(ms),
        );
        for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
        outputs.push(JSON.stringify({ seen, retries }));
      }
      return outputs;
    }, stream);
    const expected = JSON.stringify({
      seen: [
        { type: 'report.processed', data: '{"a":\n1}', lastEventId: '7' },
        { type: 'message', data: 'no type', lastEventId: '7' },
        { type: 'message', data: 'cr only', lastEventId: '8' },
      ],
      retries: [1500],
    });
    for (const output of results) expect(output).toBe(expected);
  });
});

describe('signing in with a name and password (real browser)', () => {
  it('signs in, shows who is signed in, and ends the session on sign-out', async () => {
    const { page, problems } = await openPage();
    await logIn(page, 'alice', USERS.alice.password);
    const who = page.locator('#who');
    await who.filter({ hasText: 'user:alice' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(who.textContent()).resolves.toMatch(/Signed in as\s+user:alice\s+\(analyst\)/);
    await page
      .locator('#live.live-on')
      .filter({ hasText: 'Live' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.locator('#sign-in').isHidden()).resolves.toBe(true);

    // The session token is kept in this tab, like an API token, and is the user's.
    const session = await page.evaluate(() => sessionStorage.getItem('tipwire.workbench.token'));
    expect(session).toMatch(/^tw_/);
    const me = await apiGet('/api/v1/session', session!);
    expect(me).toEqual({
      status: 200,
      body: { id: 'user:alice', roles: ['analyst'], officeId: null },
    });
    expect(problems).toEqual([]);

    // Sign out: the server ends the session, the tab forgets it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.locator('#who').isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
    await expect
      .poll(async () => (await apiGet('/api/v1/session', session!)).status, {
        timeout: SHOWS_WITHIN,
      })
      .toBe(401);
  });

  it('says so when the name or password is wrong (401)', async () => {
    const { page } = await openPage();
    await logIn(page, 'alice', 'not alice’s password at all');
    const error = page.locator('#sign-in-error');
    await error.filter({ hasText: 'Wrong name or password' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(error.textContent()).resolves.toContain('401');
    await expect(error.getAttribute('role')).resolves.toBe('alert');
    await expect(page.locator('#workbench').isHidden()).resolves.toBe(true);
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
  });

  it('refuses a role that may not use the workbench (403), for a token and a login', async () => {
    const { page } = await openPage();
    await signIn(page, auditorToken);
    const error = page.locator('#sign-in-error');
    await error.filter({ hasText: '403' }).waitFor({ timeout: SHOWS_WITHIN });
    const text = await error.textContent();
    expect(text).toContain('may not use the workbench');
    expect(text).toContain('auditor');
    await expect(page.locator('#workbench').isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);

    // An auditor who logs in: the same message, and the fresh session is ended again.
    const login = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === '/api/v1/session' && res.request().method() === 'POST',
    );
    await logIn(page, 'audrey', USERS.audrey.password);
    const answer = await login;
    expect(answer.status()).toBe(201);
    const session = ((await answer.json()) as { token: string }).token;
    await error.filter({ hasText: 'user:audrey' }).waitFor({ timeout: SHOWS_WITHIN });
    await expect(error.textContent()).resolves.toContain('403');
    await expect
      .poll(async () => (await apiGet('/api/v1/session', session)).status, {
        timeout: SHOWS_WITHIN,
      })
      .toBe(401);
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
  });

  it('says how long to wait after too many attempts (429)', async () => {
    // A server of its own, allowing two attempts and then one a minute.
    const own = tempDir('tipwire-e2e-429-');
    const limited = await startServer(path.join(own.dir, 'tipwire.db'), {
      TIPWIRE_RATE_GUESSES_BURST: '2',
      TIPWIRE_RATE_GUESSES_PER_MINUTE: '1',
    });
    try {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${limited.url}/classic/`);
      const error = page.locator('#sign-in-error');
      for (let i = 0; i < 2; i++) {
        const answered = page.waitForResponse((res) => res.url().endsWith('/api/v1/session'));
        await logIn(page, 'nobody', `wrong password number ${i}`);
        expect((await answered).status()).toBe(401);
        await error
          .filter({ hasText: 'Wrong name or password' })
          .waitFor({ timeout: SHOWS_WITHIN });
      }
      const answered = page.waitForResponse((res) => res.url().endsWith('/api/v1/session'));
      await logIn(page, 'nobody', 'wrong password number 2');
      const refused = await answered;
      expect(refused.status()).toBe(429);
      const wait = Number(refused.headers()['retry-after']);
      expect(wait).toBeGreaterThan(0);
      await error.filter({ hasText: '429' }).waitFor({ timeout: SHOWS_WITHIN });
      await expect(error.textContent()).resolves.toContain(`try again in ${wait} s`);
    } finally {
      await limited.stop();
      own.cleanup();
    }
  });
});

describe('finding and working cases (real browser)', () => {
  it('narrows the list with a search, and shows it all again when cleared', async () => {
    const blue = await submit(makeReport({ narrative: 'Blue kayak drifting near pier seven.' }));
    const red = await submit(makeReport({ narrative: 'Red kayak stolen from the boathouse.' }));
    const { page } = await openPage();
    await signInAndGoLive(page);
    await reportRow(page, blue)
      .filter({ hasText: 'Blue kayak' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await reportRow(page, red).filter({ hasText: 'Red kayak' }).waitFor({ timeout: SHOWS_WITHIN });

    const searched = reportsRequest(page, { q: 'kayak pier' });
    await page.getByLabel('Search narratives').fill('  kayak pier ');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect((await searched).status()).toBe(200);
    await reportsLoaded(page);
    await reportRow(page, blue).waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, red).count()).resolves.toBe(0);
    const shown = await page
      .locator('#report-rows tr[data-report-id]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report-id')));
    // The same reports as the API's search, and each has every word.
    const api = await apiGet('/api/v1/reports?q=kayak%20pier&limit=200', token);
    const expected = (api.body.items as { id: string; narrative: string }[]).map((r) => r.id);
    expect(new Set(shown)).toEqual(new Set(expected));
    for (const narrative of await page.locator('#report-rows td.narrative').allTextContents()) {
      expect(narrative.toLowerCase()).toContain('kayak');
      expect(narrative.toLowerCase()).toContain('pier');
    }
    await expect(page.locator('#reports-scope').textContent()).resolves.toContain('kayak pier');

    // A search that matches nothing says so.
    const none = reportsRequest(page, { q: 'zeppelin' });
    await page.getByLabel('Search narratives').fill('zeppelin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await none;
    await reportsLoaded(page);
    await page
      .locator('#reports-empty')
      .filter({ hasText: 'No report matches this search.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    await expect(page.locator('#report-rows tr').count()).resolves.toBe(0);

    const cleared = reportsRequest(page, {});
    await page.getByRole('button', { name: 'Clear search' }).click();
    expect(new URL((await cleared).url()).searchParams.has('q')).toBe(false);
    await reportsLoaded(page);
    await reportRow(page, red).filter({ hasText: 'Red kayak' }).waitFor({ timeout: SHOWS_WITHIN });
    await reportRow(page, blue).waitFor({ timeout: SHOWS_WITHIN });
  });

  it('gives supervisors an abuse-queue switch, and not analysts', async () => {
    // A repeat dialer: the fourth call in a row goes to the abuse queue.
    const phone = `+86 138 0013 ${String(Date.now() % 10_000).padStart(4, '0')}`;
    const calls: string[] = [];
    for (let i = 0; i < 4; i++) {
      calls.push(
        await submit(makeReport({ caller: { phone }, narrative: `Repeat caller, call ${i}.` })),
      );
    }
    const [first, , , abusive] = calls as [string, string, string, string];
    await expect
      .poll(async () => (await apiGet(`/api/v1/reports/${abusive}`, supervisorToken)).body.queue, {
        timeout: SHOWS_WITHIN,
      })
      .toBe('abuse');
    await expect
      .poll(async () => (await apiGet(`/api/v1/reports/${first}`, supervisorToken)).body.stage, {
        timeout: SHOWS_WITHIN,
      })
      .toBe('done');

    const { page } = await openPage();
    await logIn(page, 'sam', USERS.sam.password);
    await page.locator('#who').filter({ hasText: 'supervisor' }).waitFor({ timeout: SHOWS_WITHIN });
    const analystsQueue = page.getByRole('radio', { name: 'Analysts’ queue' });
    const abuseQueue = page.getByRole('radio', { name: 'Abuse queue' });
    await expect(analystsQueue.isChecked()).resolves.toBe(true);
    await expect(abuseQueue.isVisible()).resolves.toBe(true);
    await reportsLoaded(page);
    await reportRow(page, first).waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, abusive).count()).resolves.toBe(0);
    await expect(reportRow(page, first).locator('td').nth(8).textContent()).resolves.toContain(
      'analysts’ queue',
    );

    const switched = reportsRequest(page, { queue: 'abuse' });
    await abuseQueue.check();
    expect((await switched).status()).toBe(200);
    await reportsLoaded(page);
    const row = reportRow(page, abusive);
    await row.waitFor({ timeout: SHOWS_WITHIN });
    await expect(reportRow(page, first).count()).resolves.toBe(0);
    await expect(row.locator('td').nth(8).locator('.badge.abuse').textContent()).resolves.toBe(
      'abuse queue',
    );
    await expect(row.locator('td').nth(6).textContent()).resolves.toContain('abuse.repeat_dialer');
    const queues = await page
      .locator('#report-rows tr[data-report-id] td:nth-child(9)')
      .allTextContents();
    expect(queues.length).toBeGreaterThan(0);
    for (const text of queues) expect(text).toContain('abuse queue');

    // An analyst has no switch, and does not see the abusive call.
    const analyst = (await openPage()).page;
    await signInAndGoLive(analyst);
    await reportRow(analyst, first).waitFor({ timeout: SHOWS_WITHIN });
    await expect(analyst.locator('#queue-switch').isHidden()).resolves.toBe(true);
    await expect(analyst.getByRole('radio', { name: 'Abuse queue' }).count()).resolves.toBe(0);
    await expect(reportRow(analyst, abusive).count()).resolves.toBe(0);
  });

  it('changes a case status and asks the reporter a question, from the case view', async () => {
    const posted = await postReport(
      server.url,
      makeReport({ narrative: 'A white van parked on the pavement all night.' }),
    );
    expect(posted.status).toBe(201);
    const id = posted.body.id as string;
    const receipt = posted.body.receipt as string;

    const { page } = await openPage();
    await logIn(page, 'alice', USERS.alice.password);
    const row = reportRow(page, id);
    await row.filter({ hasText: 'white van' }).waitFor({ timeout: SHOWS_WITHIN });
    const statusBadge = row.locator('td').nth(8).locator('.badge.status');
    await statusBadge.filter({ hasText: /^new$/ }).waitFor({ timeout: SHOWS_WITHIN });

    const toggle = row.getByRole('button', { name: 'Open case' });
    await toggle.click();
    const view = page.locator(`tr[data-case-for="${id}"]`);
    await view.waitFor({ timeout: SHOWS_WITHIN });
    await expect(
      row.getByRole('button', { name: 'Hide case' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await view.getByText('No messages yet.').waitFor({ timeout: SHOWS_WITHIN });

    // A status change needs a reason.
    const statusForm = view.getByRole('form', { name: 'Change status' });
    await statusForm.getByLabel('New status').selectOption('in_review');
    await statusForm.getByRole('button', { name: 'Change status' }).click();
    await statusForm.getByText('Give a reason').waitFor({ timeout: SHOWS_WITHIN });
    expect((await apiGet(`/api/v1/reports/${id}`, token)).body.status).toBe('new');

    const reason = 'Checking with the harbour master';
    await statusForm.getByLabel('Reason').fill(reason);
    await statusForm.getByRole('button', { name: 'Change status' }).click();
    await statusForm
      .getByRole('status')
      .filter({ hasText: 'Status changed to in review.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    // Shown from the report read again: in its row and in the case view.
    await statusBadge.filter({ hasText: /^in review$/ }).waitFor({ timeout: SHOWS_WITHIN });
    await view.locator('.case-facts').filter({ hasText: 'in review' }).waitFor({
      timeout: SHOWS_WITHIN,
    });
    await expect(statusForm.getByLabel('Reason').inputValue()).resolves.toBe('');
    expect((await apiGet(`/api/v1/reports/${id}`, token)).body.status).toBe('in_review');
    const audit = await apiGet(
      `/api/v1/audit?action=report.status_changed&target=${encodeURIComponent(`report:${id}`)}`,
      auditorToken,
    );
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'user:alice', reason })]);

    // A question, hostile text included, shown as text in the thread.
    const question = 'Which way did it leave? <b>north</b> <img src=x onerror="window.__pwned=4">';
    const questionForm = view.getByRole('form', { name: 'Ask the reporter' });
    await questionForm.getByLabel('Question to the reporter').fill(question);
    await questionForm.getByRole('button', { name: 'Send question' }).click();
    await questionForm
      .getByRole('status')
      .filter({ hasText: 'Question sent.' })
      .waitFor({ timeout: SHOWS_WITHIN });
    const message = view.locator('.thread li').filter({ hasText: 'Which way did it leave?' });
    await message.waitFor({ timeout: SHOWS_WITHIN });
    await expect(message.locator('.author').textContent()).resolves.toBe('Operator');
    await expect(message.locator('p.text').textContent()).resolves.toBe(question);
    await expect(view.locator('b, img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.__pwned)).resolves.toBeUndefined();
    const messages = (await apiGet(`/api/v1/reports/${id}`, token)).body.messages;
    expect(messages).toEqual([expect.objectContaining({ author: 'operator', text: question })]);
    // The reporter sees it with the receipt, and answers.
    const seen = await fetch(`${server.url}/api/v1/receipts/${receipt}`);
    const receiptView = (await seen.json()) as { questions: { text: string }[] };
    expect(receiptView.questions.map((q) => q.text)).toEqual([question]);
    const reply = await fetch(`${server.url}/api/v1/receipts/${receipt}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'North, towards the ring road.' }),
    });
    expect(reply.status).toBe(201);

    // Opening the case again reads it anew: the reporter's answer is in the thread.
    await row.getByRole('button', { name: 'Hide case' }).click();
    await expect(view.count()).resolves.toBe(0);
    await row.getByRole('button', { name: 'Open case' }).click();
    const answer = page
      .locator(`tr[data-case-for="${id}"] .thread li`)
      .filter({ hasText: 'North, towards the ring road.' });
    await answer.waitFor({ timeout: SHOWS_WITHIN });
    await expect(answer.locator('.author').textContent()).resolves.toBe('Reporter');
    await expect(page.locator(`tr[data-case-for="${id}"] .thread li`).count()).resolves.toBe(2);
  });
});
