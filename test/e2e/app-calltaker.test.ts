/**
 * The call-taker's screen (#/call) in a real browser against the real built server,
 * signed in as a call-taker (intake): the completeness meter rises and the next
 * questions come and go as fields are filled, in the caller's language; the time and
 * place come back as the server reads them; a bad field is named while typing; the
 * report sent on the caller's behalf gives a receipt the API knows, shown large with
 * the follow-up address, and the caller's number is neither shown again nor stored.
 * No console error and no CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remember } from '../helpers.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

const USERS = {
  carol: { role: 'intake', password: 'carol: a long call-taker passphrase' },
  alice: { role: 'analyst', password: 'alice: a long analyst passphrase' },
};
const CALLER = '+8613800138000';
const RECEIPT = /^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}$/;

let app: AppHarness;
let analyst: string;

beforeAll(async () => {
  app = await startApp(USERS);
  const res = await fetch(`${app.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: USERS.alice.password }),
  });
  analyst = ((await res.json()) as { token: string }).token;
  remember('token', analyst);
  remember('phone', CALLER);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

async function openCallScreen(locale = 'en-GB') {
  const ctx = await app.context({ user: 'carol', locale });
  const opened = await app.open(ctx, '/#/call');
  await opened.page.setViewportSize({ width: 1280, height: 900 });
  await opened.page.locator('#ct-narrative').waitFor({ timeout: SHOWS_WITHIN });
  return opened;
}

const within = { timeout: SHOWS_WITHIN };

/** The meter's value as shown now (0 before the first answer). */
const score = (page: Page) =>
  page.getByTestId('completeness').evaluate((m) => (m as HTMLMeterElement).value);

/** The fields the next questions shown now are about, in order. */
const askedFields = (page: Page) =>
  page
    .locator('[data-testid=next-questions] li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-field') ?? ''));

/** Waits for the first scored draft (the percent shows instead of a dash). */
async function firstScore(page: Page) {
  await expect
    .poll(() => page.getByTestId('completeness-percent').textContent(), within)
    .toMatch(/%/);
}

describe('the call-taker’s screen (real browser)', () => {
  it('raises the meter and drops the questions answered as the call goes on', async () => {
    const { page, problems } = await openCallScreen();
    await firstScore(page);
    expect(await score(page)).toBe(0);
    expect(await askedFields(page)).toEqual(
      expect.arrayContaining(['observedAt', 'location', 'narrative', 'howKnown']),
    );

    const narrative =
      'A drone fell behind the north gate of the depot and two men in grey jackets carried it to a white van that drove off east.';
    remember('narrative', narrative);
    await page.locator('#ct-narrative').fill(narrative);
    await expect.poll(() => score(page), within).toBeGreaterThan(0);
    await expect.poll(() => askedFields(page), within).not.toContain('narrative');
    const withNarrative = await score(page);

    await page.locator('#ct-observedAt').fill('about ten last night');
    await page.locator('#ct-timezone').fill('Asia/Shanghai');
    // The server's reading: an interval, its ± and the zone.
    await expect
      .poll(() => page.getByTestId('reading-time').textContent(), within)
      .toMatch(/Asia\/Shanghai/);
    await expect.poll(() => score(page), within).toBeGreaterThan(withNarrative);
    const withTime = await score(page);

    await page.getByTestId('lat').fill('34.2610');
    await page.getByTestId('lon').fill('108.9420');
    await page.getByTestId('accuracy').fill('10');
    await expect
      .poll(() => page.getByTestId('reading-place').textContent(), within)
      .toMatch(/34\.26100, 108\.94200 ± 10 m/);
    await expect.poll(() => askedFields(page), within).not.toContain('location');
    expect(await score(page)).toBeGreaterThan(withTime);
    const withPlace = await score(page);

    await page.locator('#ct-howKnown').selectOption('saw');
    await expect.poll(() => askedFields(page), within).not.toContain('howKnown');
    expect(await score(page)).toBeGreaterThan(withPlace);

    // Emptied again, the question comes back and the meter falls.
    await page.locator('#ct-howKnown').selectOption('');
    await expect.poll(() => askedFields(page), within).toContain('howKnown');
    expect(await score(page)).toBe(withPlace);
    expect(problems).toEqual([]);
  });

  it('asks the next questions in the caller’s language', async () => {
    const { page, problems } = await openCallScreen();
    await firstScore(page);
    const questions = page.getByTestId('next-questions');
    await questions.getByText('Where did it happen?').waitFor({ timeout: SHOWS_WITHIN });
    await page.getByTestId('ask-in').selectOption('zh');
    await questions.getByText('在哪里发生的？').waitFor({ timeout: SHOWS_WITHIN });
    // The screen itself stays in the call-taker's language.
    await page.getByText('Ask next').waitFor();
    expect(problems).toEqual([]);
  });

  it('names a bad field while the call goes on', async () => {
    const { page, problems } = await openCallScreen();
    await page.getByTestId('lat').fill('34.2610');
    const error = page.getByTestId('error-ct-location');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toBe('lon: lat and lon must be given together');
    await page.getByTestId('lon').fill('108.9420');
    await error.waitFor({ state: 'detached', timeout: SHOWS_WITHIN });
    // The browser logs the refused draft itself; nothing else went wrong.
    expect(
      problems.filter(
        (p) => !p.includes('Failed to load resource: the server responded with a status of 400'),
      ),
    ).toEqual([]);
  });

  it('sends the report for the caller: a receipt the API knows, the number gone', async () => {
    const { page, problems } = await openCallScreen();
    const narrative = 'Shots heard twice near the river bridge, then a car sped away.';
    remember('narrative', narrative);
    await page.locator('#ct-narrative').fill(narrative);
    await page.locator('#ct-location').fill('river bridge, Xi’an');
    await page.locator('#ct-category').selectOption('gunfire');
    await page.locator('#ct-howKnown').selectOption('heard');
    await page.locator('#ct-caller').fill(CALLER);
    await page.getByRole('button', { name: 'Send for the caller' }).click();

    const shown = page.getByTestId('receipt');
    await shown.waitFor({ timeout: SHOWS_WITHIN });
    const receipt = (await shown.textContent())!.trim();
    remember('receipt', receipt);
    expect(receipt).toMatch(RECEIPT);
    await page.getByText(`${app.server.url}/follow`).waitFor();
    await page.getByText(/Completeness when sent: \d+ %/).waitFor();
    // The number is not on the screen any more, nor anywhere in the page.
    expect(await page.content()).not.toContain('13800138000');

    const view = await fetch(`${app.server.url}/api/v1/receipts/${receipt}`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { status: string }).status).toBe('received');

    // The stored case: by phone, sent by the call-taker, the number kept only as a pseudonym.
    const list = await fetch(`${app.server.url}/api/v1/reports?limit=100`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    const items = ((await list.json()) as { items: Record<string, unknown>[] }).items;
    const stored = items.find((r) => r.narrative === narrative)!;
    expect(stored).toMatchObject({ channel: 'phone', category: 'gunfire' });
    expect(JSON.stringify(stored)).not.toContain('13800138000');

    // The next call starts on an empty form.
    await page.getByRole('button', { name: 'Next call' }).click();
    expect(await page.locator('#ct-caller').inputValue()).toBe('');
    expect(await page.locator('#ct-narrative').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('answers the next questions on the sent report while the caller is on the line', async () => {
    const { page, problems } = await openCallScreen();
    const narrative = 'The fence of the substation was cut open and the gate left swinging.';
    remember('narrative', narrative);
    await page.locator('#ct-narrative').fill(narrative);
    await page.getByRole('button', { name: 'Send for the caller' }).click();
    await page.getByTestId('receipt').waitFor(within);

    const followUp = page.getByTestId('follow-up');
    const open = () =>
      followUp
        .locator('[data-testid=follow-up-questions] > li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-field') ?? ''));
    const status = followUp.getByTestId('follow-up-status');
    expect(await open()).toEqual(
      expect.arrayContaining(['observedAt', 'location', 'howKnown', 'attachments']),
    );
    const sentWith = await status.textContent();
    expect(sentWith).toMatch(/^Completeness now: \d+ %$/);
    // In the caller's language, as before sending.
    await page.getByTestId('ask-in').selectOption('zh');
    await followUp.getByText('在哪里发生的？').waitFor(within);

    // Where: the place and its coordinates; the question goes, the meter rises.
    const where = followUp.getByTestId('answer-location');
    await where.locator('#fu-location').fill('substation, north gate');
    await where.getByTestId('lat').fill('34.2610');
    await where.getByTestId('lon').fill('108.9420');
    await where.getByTestId('accuracy').fill('10');
    await where.getByRole('button', { name: 'Add to the report' }).click();
    await status.filter({ hasText: 'Added to the report: Where' }).waitFor(within);
    await expect.poll(open, within).not.toContain('location');
    const percent = async () => Number(/(\d+) %/.exec((await status.textContent())!)![1]);
    expect(await percent()).toBeGreaterThan(Number(/(\d+) %/.exec(sentWith!)![1]));

    // When, as the caller says it.
    const when = followUp.getByTestId('answer-observedAt');
    await when.locator('#fu-observedAt').fill('about ten last night');
    await when.getByRole('button', { name: 'Add to the report' }).click();
    await status.filter({ hasText: 'Added to the report: When' }).waitFor(within);

    // What the server does not take after sending is said, not offered.
    const files = followUp.locator('li[data-field="attachments"]');
    await files.getByText('cannot be added here after sending').waitFor();
    expect(await files.locator('form').count()).toBe(0);

    // The stored report holds the answers.
    const list = await fetch(`${app.server.url}/api/v1/reports?limit=100`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    const items = ((await list.json()) as { items: Record<string, any>[] }).items;
    const stored = items.find((r) => r.narrative === narrative)!;
    expect(stored.place).toMatchObject({ lat: 34.261, lon: 108.942, accuracyMeters: 10 });
    expect(stored.time.observedFrom).toEqual(expect.any(String));

    // Once an analyst works the case, the call-taker's answer is refused, and told why.
    const working = await fetch(`${app.server.url}/api/v1/reports/${stored.id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_review', reason: 'calling the site guard' }),
    });
    expect(working.status).toBe(200);
    const how = followUp.getByTestId('answer-howKnown');
    await how.locator('#fu-howKnown').selectOption('saw');
    await how.getByRole('button', { name: 'Add to the report' }).click();
    await how
      .getByRole('status')
      .filter({ hasText: 'This case is already being worked' })
      .waitFor(within);
    expect(
      problems.filter(
        (p) => !p.includes('Failed to load resource: the server responded with a status of 409'),
      ),
    ).toEqual([]);
  });

  it('names the caller’s number when it cannot be one, and keeps the call on screen', async () => {
    const { page, problems } = await openCallScreen();
    await page.locator('#ct-narrative').fill('A fire in the bin store behind block 4.');
    await page.locator('#ct-caller').fill('12');
    await page.getByRole('button', { name: 'Send for the caller' }).click();
    const error = page.getByTestId('error-ct-caller');
    await error.waitFor({ timeout: SHOWS_WITHIN });
    expect(await error.textContent()).toMatch(/phone: /);
    expect(await page.locator('#ct-narrative').inputValue()).toBe(
      'A fire in the bin store behind block 4.',
    );
    expect(await page.getByTestId('receipt').count()).toBe(0);
    expect(
      problems.filter(
        (p) => !p.includes('Failed to load resource: the server responded with a status of 400'),
      ),
    ).toEqual([]);
  });

  it('is in Chinese for a Chinese browser', async () => {
    const ctx = await app.context({ user: 'carol', locale: 'zh-CN' });
    const { page, problems } = await app.open(ctx, '/#/call');
    await page.getByRole('heading', { name: '来电新报告' }).waitFor({ timeout: SHOWS_WITHIN });
    await firstScore(page);
    await page.getByTestId('next-questions').getByText('在哪里发生的？').waitFor();
    await page.getByText('接下来问').waitFor();
    expect(problems).toEqual([]);
  });
});
