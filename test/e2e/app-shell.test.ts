/**
 * The app's frame in a real browser: served with the strict CSP, loads without a
 * console error or CSP violation, switches language at once and remembers the choice,
 * and follows the browser's language the first time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

let app: AppHarness;

beforeAll(async () => {
  app = await startApp({
    alice: { role: 'analyst', password: 'alice: a long analyst passphrase' },
  });
});

afterAll(async () => {
  await app?.close();
});

describe('the app frame (real browser)', () => {
  it('is served with a strict CSP and nosniff', async () => {
    const res = await fetch(`${app.server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('switches to Chinese and back, and remembers the choice over a reload', async () => {
    const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
    const { page, problems } = await app.open(ctx, '/#/queue');
    const nav = page.getByRole('navigation');
    await nav.getByText('Queue').waitFor({ timeout: SHOWS_WITHIN });
    await page.getByTestId('language').selectOption('zh');
    await nav.getByText('队列').waitFor({ timeout: SHOWS_WITHIN });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await nav.getByText('队列').waitFor({ timeout: SHOWS_WITHIN });
    await page.getByTestId('language').selectOption('en');
    await nav.getByText('Queue').waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });

  it('follows a Chinese browser the first time', async () => {
    const ctx = await app.context({ user: 'alice', locale: 'zh-CN' });
    const { page, problems } = await app.open(ctx, '/');
    await page.getByRole('navigation').getByText('地图').waitFor({ timeout: SHOWS_WITHIN });
    expect(problems).toEqual([]);
  });
});
