/**
 * The public reporter pages in a real browser against the real built server, with no
 * sign-in: a report filed on the form (files included, sent as multipart/form-data)
 * gets a receipt the API knows; the form shows the server's field errors next to
 * their fields and refuses a file too large before sending; the follow-up page opens a case by its receipt, shows its
 * status and the analyst's question, and takes an answer; hostile text in every field
 * stays text; a 360 px phone screen never scrolls sideways; Chinese by the browser's
 * language and by the switch. No console error and no CSP violation anywhere.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remember } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const NARRATIVE_MAX = 2000;
/** Small limits, so that a file too large is small to make. */
const BODY_LIMIT = 64 * 1024;
const FILE_MAX = 40 * 1024;
const FILES_TOTAL_MAX = 64 * 1024;
const RECEIPT = /^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}$/;
const PHONE = { width: 360, height: 740 };
const USERS = { alice: { role: 'analyst', password: 'alice: a long analyst passphrase' } };

let app: AppHarness;
let analyst: string;

beforeAll(async () => {
  app = await startApp(USERS, {
    env: {
      TIPWIRE_NARRATIVE_MAX_CHARS: String(NARRATIVE_MAX),
      TIPWIRE_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      TIPWIRE_ATTACHMENT_MAX_BYTES: String(FILE_MAX),
      TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES: String(FILES_TOTAL_MAX),
    },
  });
  const res = await fetch(`${app.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: USERS.alice.password }),
  });
  analyst = ((await res.json()) as { token: string }).token;
  remember('token', analyst);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${app.server.url}/api/v1/${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${analyst}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The stored case whose narrative is `narrative`, as an analyst reads it. */
async function caseWith(narrative: string) {
  const list = await api('reports?limit=100');
  const item = (list.body.items as { id: string; narrative: string }[]).find(
    (r) => r.narrative === narrative,
  );
  if (!item) throw new Error('no such case');
  return (await api(`reports/${item.id}`)).body;
}

async function openReport(locale = 'en-GB', viewport?: { width: number; height: number }) {
  const ctx = await app.context({ locale });
  const opened = await app.open(ctx, '/report');
  if (viewport) await opened.page.setViewportSize(viewport);
  await opened.page.locator('#report-narrative').waitFor({ timeout: SHOWS_WITHIN });
  return opened;
}

/**
 * The problems of a page, less the browser's own line for a refusal the test asked
 * for (Chromium logs every non-2xx answer to fetch as "Failed to load resource").
 */
const besides = (problems: string[], status: number) =>
  problems.filter(
    (p) => !p.includes(`Failed to load resource: the server responded with a status of ${status}`),
  );

async function receiptOn(page: Page): Promise<string> {
  const shown = page.getByTestId('receipt');
  await shown.waitFor({ timeout: SHOWS_WITHIN });
  return (await shown.textContent())!.trim();
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the public report form (real browser, no sign-in)', () => {
  it('is served at /report and /follow with the strict CSP', async () => {
    for (const path of ['/report', '/follow', '/report.html', '/follow.html']) {
      const res = await fetch(`${app.server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
    }
  });

  it('files a report with a file and shows a receipt the API knows', async () => {
    const { page, problems } = await openReport();
    const narrative = 'A small drone circled the water tower twice, then landed behind the depot.';
    remember('narrative', narrative);
    await page.getByLabel('What happened?').fill(narrative);
    await page.getByLabel('When did it happen?').fill('yesterday at about 10 pm');
    await page.getByLabel('Where did it happen?').fill('34.2610, 108.9420');
    await page.getByLabel('What kind of incident is it?').selectOption('drone');
    await page.getByLabel('Who or what was involved?').fill('one grey quadcopter');
    await page.getByLabel('How do you know?').selectOption('saw');
    await page.getByLabel(/Photos, videos or documents/).setInputFiles({
      name: 'tower.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('notes from the water tower'),
    });
    await page.getByTestId('files').getByText('tower.txt').waitFor({ timeout: SHOWS_WITHIN });
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/reports'),
    );
    await page.getByRole('button', { name: 'Send report' }).click();
    // The files travel as they are, in a multipart body (the browser does not hand its
    // file parts to the test: what was stored says what was sent).
    const request = await sent;
    expect(request.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const receipt = await receiptOn(page);
    remember('receipt', receipt);
    expect(receipt).toMatch(RECEIPT);
    await page.getByText(`${app.server.url}/follow`).waitFor();

    const view = await fetch(`${app.server.url}/api/v1/receipts/${receipt}`);
    expect(view.status).toBe(200);
    const stored = await caseWith(narrative);
    expect(stored).toMatchObject({ channel: 'web', category: 'drone' });
    expect(stored.attachments).toMatchObject([
      { contentType: 'text/plain', sizeBytes: 'notes from the water tower'.length },
    ]);
    expect(problems).toEqual([]);
  });

  it('shows the server’s error next to a narrative over the limit, and sends nothing', async () => {
    const { page, problems } = await openReport();
    await page.getByLabel('What happened?').fill('x'.repeat(NARRATIVE_MAX + 1));
    await page.getByText(`2,001 characters: 1 over the limit of 2,000`).waitFor();
    await page.getByRole('button', { name: 'Send report' }).click();
    const error = page.getByTestId('error-report-narrative');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toBe(`Too long: at most ${NARRATIVE_MAX} characters.`);
    expect(await page.getByTestId('form-error').textContent()).toMatch(/not sent/);
    // The field is marked and takes the focus.
    const field = page.getByLabel('What happened?');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('receipt').count()).toBe(0);
    expect(besides(problems, 400)).toEqual([]);
  });

  it('says the files limits before sending and refuses a file too large when it is picked', async () => {
    const { page, problems } = await openReport();
    await page.getByText('Up to 20 files, each at most 40 KB, together at most 64 KB.').waitFor();
    const input = page.getByLabel(/Photos, videos or documents/);
    await input.setInputFiles({
      name: 'big.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.alloc(FILE_MAX + 1, 7),
    });
    const error = page.getByTestId('error-report-attachments');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toMatch(
      /big\.jpg .* is too large: each file may be at most 40 KB/,
    );
    expect(await page.getByTestId('files').count()).toBe(0);
    // Two files each within the limit, together over the total: the second is refused.
    await input.setInputFiles([
      { name: 'one.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(FILE_MAX, 1) },
      { name: 'two.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(FILE_MAX, 2) },
    ]);
    await page.getByTestId('files').getByText('one.jpg').waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toMatch(
      /two\.jpg .* is too large: files together may be at most 64 KB/,
    );
    expect(await page.getByTestId('files').getByText('two.jpg').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('names a field the server refuses (a time too long to be one)', async () => {
    const { page, problems } = await openReport();
    await page.getByLabel('What happened?').fill('Smoke over the depot.');
    await page.getByLabel('When did it happen?').fill('9'.repeat(201));
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByTestId('error-report-observedAt').waitFor({ timeout: SHOWS_WITHIN });
    expect(await page.getByTestId('error-report-narrative').count()).toBe(0);
    expect(besides(problems, 400)).toEqual([]);
  });

  it('fits a 360 px phone screen: the form, the receipt, long unbroken text', async () => {
    const { page, problems } = await openReport('en-GB', PHONE);
    await page.getByTestId('privacy').locator('summary').click();
    const unbroken = 'drone'.repeat(80);
    remember('narrative', unbroken);
    await page.getByLabel('What happened?').fill(unbroken);
    await page.getByLabel('Where did it happen?').fill('w'.repeat(120));
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.getByRole('button', { name: 'Send report' }).click();
    remember('receipt', await receiptOn(page));
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('is in Chinese for a Chinese browser, and switches language at once', async () => {
    const { page, problems } = await openReport('zh-CN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('heading', { name: '报告情况' }).waitFor();
    await page.getByText('关于您，我们保存什么').waitFor();
    const narrative = '北门后面有一架无人机坠落，两个人把它捡走了。';
    remember('narrative', narrative);
    await page.getByLabel('发生了什么？').fill(narrative);
    await page.getByLabel('这是什么类型的事件？').selectOption({ label: '无人机' });
    await page.getByRole('button', { name: '提交报告' }).click();
    remember('receipt', await receiptOn(page));
    await page.getByRole('heading', { name: '您的报告已保存' }).waitFor();
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: 'Your report is stored' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await caseWith(narrative)).category).toBe('drone');
    expect(problems).toEqual([]);
  });
});

describe('following a report up by its receipt (real browser, no sign-in)', () => {
  /** A report filed on the form with hostile text in every field; its receipt. */
  async function hostileReport(): Promise<{ receipt: string; narrative: string }> {
    const { page, problems } = await openReport();
    const narrative = `${HOSTILE} narrative ${Date.now()}`;
    remember('narrative', narrative);
    await page.getByLabel('What happened?').fill(narrative);
    await page.getByLabel('When did it happen?').fill(HOSTILE);
    await page.getByLabel('Where did it happen?').fill(HOSTILE);
    await page.getByLabel('What kind of incident is it?').selectOption('__other__');
    await page.getByTestId('category-other').fill(HOSTILE);
    await page.getByLabel('Who or what was involved?').fill(HOSTILE);
    await page.getByRole('button', { name: 'Send report' }).click();
    const receipt = await receiptOn(page);
    remember('receipt', receipt);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    return { receipt, narrative };
  }

  async function openFollow(receipt: string, locale = 'en-GB') {
    const ctx = await app.context({ locale });
    const opened = await app.open(ctx, '/follow');
    if (locale.startsWith('zh')) {
      await opened.page.getByLabel('回执码').fill(receipt);
      await opened.page.getByRole('button', { name: '打开' }).click();
    } else {
      await opened.page.getByLabel('Receipt code').fill(receipt);
      await opened.page.getByRole('button', { name: 'Open' }).click();
    }
    await opened.page.getByTestId('status').waitFor({ timeout: SHOWS_WITHIN });
    return opened;
  }

  it('shows the status and the analyst’s question, takes an answer, all as literal text', async () => {
    const { receipt, narrative } = await hostileReport();
    const stored = await caseWith(narrative);
    // Every field came through as the text typed.
    expect(stored.narrative).toBe(narrative);
    expect(stored.category).toBe(HOSTILE);
    const question = `${HOSTILE} Which way did it fly?`;
    expect((await api(`reports/${stored.id}/messages`, { body: { text: question } })).status).toBe(
      201,
    );

    // Typed as a person might: lower case, no dashes.
    const { page, problems } = await openFollow(receipt.replaceAll('-', '').toLowerCase());
    expect(await page.getByTestId('status').textContent()).toBe('Received, not yet looked at');
    await page.getByText('Questions for you: 1').waitFor();
    const thread = page.getByTestId('thread');
    expect(await thread.locator('.message-text').first().textContent()).toBe(question);
    expect(await thread.locator('img, script').count()).toBe(0);

    const answer = `${HOSTILE} North, towards the river.`;
    await page.getByLabel('Your answer, or more information').fill(answer);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Sent. Thank you.').waitFor({ timeout: SHOWS_WITHIN });
    await thread.locator('[data-author=reporter] .message-text').waitFor({ timeout: SHOWS_WITHIN });
    expect(await thread.locator('[data-author=reporter] .message-text').textContent()).toBe(answer);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

    // The analyst sees the answer on the case; the status the reporter is told follows the case.
    const after = await api(`reports/${stored.id}`);
    expect(JSON.stringify(after.body)).toContain('North, towards the river.');
    await api(`reports/${stored.id}/status`, {
      body: { status: 'in_review', reason: 'looking at it' },
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('Being looked at').waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  it('says plainly when no report has the code', async () => {
    const ctx = await app.context({ locale: 'en-GB' });
    const { page, problems } = await app.open(ctx, '/follow');
    await page.getByLabel('Receipt code').fill('0000-0000-0000-0000-0000-0000');
    await page.getByRole('button', { name: 'Open' }).click();
    const error = page.getByTestId('error-follow-code');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toBe('No report has this code. Check it and try again.');
    expect(besides(problems, 404)).toEqual([]);
  });

  it('works in Chinese on a 360 px phone screen', async () => {
    const { receipt } = await hostileReport();
    const ctx = await app.context({ locale: 'zh-CN' });
    const { page, problems } = await app.open(ctx, '/follow');
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: '跟进您的报告' }).waitFor({ timeout: SHOWS_WITHIN });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByLabel('回执码').fill(receipt);
    await page.getByRole('button', { name: '打开' }).click();
    await page.getByTestId('status').waitFor({ timeout: SHOWS_WITHIN });
    expect(await page.getByTestId('status').textContent()).toBe('已收到，尚未处理');
    await page.getByText('暂时没有需要您回答的问题。请稍后再来查看。').waitFor();
    // A long unbroken answer, sent: the thread wraps it.
    await page.getByLabel('您的回答或补充信息').fill('x'.repeat(300));
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await page.getByText('已发送。谢谢。').waitFor({ timeout: SHOWS_WITHIN });
    await page.getByTestId('thread').waitFor({ timeout: SHOWS_WITHIN });
    expect(await noSidewaysScroll(page)).toBe(true);
    // The switch: English at once, and back.
    await page.getByTestId('language').selectOption('en');
    await page.getByText('Received, not yet looked at').waitFor();
    expect(problems).toEqual([]);
  });
});
