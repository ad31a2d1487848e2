/**
 * What the app's browser tests share: a real built server on a fresh SQLite file
 * with users made by the real CLI, headless Debian Chromium (playwright-core, never a
 * downloaded browser), sign-in through the real session route (the context keeps the
 * HttpOnly cookie, as a browser does), and pages that collect console errors, page
 * errors and CSP violations so a test can require none. Without Chromium the suites
 * fail instead of skipping.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { remember, runCli, startServer, tempDir, type ServerProcess } from '../helpers.js';

export const CHROMIUM = process.env.TIPWIRE_CHROMIUM ?? '/usr/bin/chromium';
/**
 * How long to wait for something a page should show: a map drawn by SwiftShader while
 * another test file runs beside it on two cores took more than 10 s.
 */
export const SHOWS_WITHIN = 20_000;

export interface TestUser {
  role: string;
  password: string;
  office?: string;
}

export interface AppHarness {
  server: ServerProcess;
  db: string;
  browser: Browser;
  /** A new browser context (closed by `close`), optionally signed in as a user. */
  context: (options?: {
    user?: string;
    locale?: string;
    bypassCSP?: boolean;
  }) => Promise<BrowserContext>;
  /** Opens `path` (e.g. `/#/queue`) in the context; `problems` fills as they happen. */
  open: (context: BrowserContext, path: string) => Promise<{ page: Page; problems: string[] }>;
  close: () => Promise<void>;
}

export const WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function startApp(
  users: Record<string, TestUser>,
  /** `offices`: field offices made (by the CLI) before the users, for `office` users. */
  options: { env?: Record<string, string>; webgl?: boolean; offices?: string[] } = {},
): Promise<AppHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The app's browser tests need a real browser: ` +
        'install it (Debian/Ubuntu: apt-get install chromium) or set TIPWIRE_CHROMIUM. ' +
        'These tests do not skip.',
    );
  }
  const tmp = tempDir('tipwire-app-');
  const db = path.join(tmp.dir, 'tipwire.db');
  for (const office of options.offices ?? []) {
    const r = runCli(['office', 'add', office, '--db', db]);
    if (r.status !== 0) throw new Error(`office add ${office} failed: ${r.stderr}`);
  }
  for (const [name, user] of Object.entries(users)) {
    remember('password', user.password);
    const args = ['user', 'add', name, '--role', user.role, '--password-stdin', '--db', db];
    if (user.office) args.push('--office', user.office);
    const r = runCli(args, {}, `${user.password}\n`);
    if (r.status !== 0) throw new Error(`user add ${name} failed: ${r.stderr}`);
  }
  const server = await startServer(db, options.env ?? {});
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      ...(options.webgl ? WEBGL_ARGS : ['--disable-gpu']),
    ],
  });
  const contexts: BrowserContext[] = [];

  async function context(o: { user?: string; locale?: string; bypassCSP?: boolean } = {}) {
    const ctx = await browser.newContext({
      baseURL: server.url,
      ...(o.locale ? { locale: o.locale } : {}),
      ...(o.bypassCSP ? { bypassCSP: true } : {}),
    });
    contexts.push(ctx);
    if (o.user) {
      const user = users[o.user];
      if (!user) throw new Error(`no test user ${o.user}`);
      const res = await ctx.request.post('/api/v1/session', {
        data: { name: o.user, password: user.password },
      });
      if (res.status() !== 201) throw new Error(`sign-in of ${o.user}: ${res.status()}`);
      remember('token', ((await res.json()) as { token: string }).token);
    }
    return ctx;
  }

  async function open(ctx: BrowserContext, pathname: string) {
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const response = await page.goto(pathname);
    if (response?.status() !== 200) throw new Error(`${pathname}: ${response?.status()}`);
    return { page, problems };
  }

  async function close() {
    for (const c of contexts.splice(0)) await c.close();
    await browser.close();
    await server.stop();
    tmp.cleanup();
  }

  return { server, db, browser, context, open, close };
}
