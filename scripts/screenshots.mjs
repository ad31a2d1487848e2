/* global fetch */
// The README's screenshots: the queue, the map, the incident view, the call-taker's
// screen and the public pages, in English and Chinese, from the real built server on
// a fresh database filled through the real API, in headless Debian Chromium (MapLibre
// through SwiftShader). Writes docs/screenshots/<view>-<lang>.png.
//
//   npm run build && node scripts/screenshots.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const OUT = path.join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.TIPWIRE_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'a long screenshot passphrase';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tipwire-shots-'));
const db = path.join(tmp, 'tipwire.db');
for (const [name, role] of [
  ['alice', 'analyst'],
  ['carol', 'intake'],
]) {
  const r = spawnSync(
    process.execPath,
    [CLI, 'user', 'add', name, '--role', role, '--password-stdin', '--db', db],
    { input: `${PASSWORD}\n`, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
}

const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
  env: { ...process.env, TIPWIRE_RATE_LIMITS: 'off', TIPWIRE_LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  const on = (chunk) => {
    out += chunk;
    const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) resolve(m[1]);
  };
  server.stdout.on('data', on);
  server.stderr.on('data', on);
  server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString();
/** A few events in Shanghai and Beijing, each told by several witnesses in their words. */
const EVENTS = [
  {
    at: [31.2304, 121.4737],
    h: 2,
    category: 'fire',
    texts: [
      'Smoke and flames from the third floor of a shop on Nanjing Road.',
      '南京路一家店铺三楼冒出浓烟和火光。',
      'Fire in a building near the pedestrian street, people running out.',
      '步行街附近的楼着火了，有人往外跑。',
    ],
  },
  {
    at: [39.9087, 116.3975],
    h: 5,
    category: 'suspicious_vehicle',
    texts: [
      'A grey van parked by the gate; someone inside keeps filming the entrance.',
      '门口停着一辆灰色面包车，车里有人一直在拍大门。',
      'Somebody in a parked minivan is recording the entrance with a phone.',
    ],
  },
  {
    at: [31.2397, 121.4998],
    h: 9,
    category: 'drone',
    texts: [
      'A drone hovering over the riverside for twenty minutes, no lights.',
      '外滩上空有无人机盘旋了二十分钟，没有灯。',
    ],
  },
  {
    at: [39.99, 116.31],
    h: 20,
    category: 'theft',
    texts: ['Two men took cables from the construction site and drove off.'],
  },
];

async function post(pathname, body, cookie) {
  const res = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tipwire-client': 'web',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return { json: await res.json(), cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

const { cookie } = await post('/api/v1/session', { name: 'alice', password: PASSWORD });
let first = null;
let i = 0;
for (const e of EVENTS) {
  for (const narrative of e.texts) {
    const jitter = (i++ % 5) * 0.0004;
    const { json } = await post('/api/v1/reports', {
      channel: i % 2 ? 'phone' : 'web',
      ...(i % 2 ? { caller: { phone: `+86139000000${10 + i}` } } : {}),
      narrative,
      category: e.category,
      observedAt: hoursAgo(e.h),
      location: { lat: e.at[0] + jitter, lon: e.at[1] - jitter, accuracyMeters: 40 },
    });
    first ??= json;
  }
}
await post(
  `/api/v1/reports/${first.id}/messages`,
  { text: 'Which floor did you see the flames on?' },
  cookie,
);
// Let the pipeline place them.
await new Promise((r) => setTimeout(r, 3000));
const report = await (
  await fetch(`${url}/api/v1/reports/${first.id}`, { headers: { cookie } })
).json();

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
  ],
});
try {
  for (const lang of ['en', 'zh']) {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const shoot = async (name, pathname, { user, width = 1280, height = 800, prepare } = {}) => {
      const ctx = await browser.newContext({
        baseURL: url,
        locale,
        viewport: { width, height },
        timezoneId: 'Asia/Shanghai',
      });
      if (user) {
        const res = await ctx.request.post('/api/v1/session', {
          data: { name: user, password: PASSWORD },
        });
        if (res.status() !== 201) throw new Error(`sign-in ${user}: ${res.status()}`);
      }
      const page = await ctx.newPage();
      await page.goto(pathname);
      // The live stream stays open: wait for what each view shows instead of network idle.
      await page.waitForLoadState('domcontentloaded');
      await page.waitForTimeout(1500);
      if (prepare) await prepare(page);
      await page.waitForTimeout(800);
      const file = path.join(OUT, `${name}-${lang}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await ctx.close();
    };
    await shoot('queue', '/#/queue', {
      user: 'alice',
      prepare: async (page) => {
        await page.locator(`[role="option"][data-report-id="${first.id}"]`).click();
        await page.getByTestId('case').waitFor();
      },
    });
    await shoot('map', '/#/map/4/34/114', {
      user: 'alice',
      prepare: async (page) => {
        await page.locator('canvas').first().waitFor();
        await page.waitForTimeout(2500);
      },
    });
    await shoot('incident', `/#/incident/${encodeURIComponent(report.incidentId)}`, {
      user: 'alice',
      height: 1100,
      prepare: async (page) => {
        await page.getByTestId('breakdown').waitFor();
      },
    });
    await shoot('call-taker', '/#/call', {
      user: 'carol',
      height: 1000,
      prepare: async (page) => {
        const zh = lang === 'zh';
        await page
          .locator('textarea')
          .first()
          .fill(
            zh
              ? '有人在地铁站门口打架，一个人受伤了。'
              : 'Two people fighting outside the metro station, one is hurt.',
          );
        await page
          .getByLabel(zh ? /时间（按来电者的说法）/ : /When, as the caller says it/)
          .fill(zh ? '十分钟前' : 'ten minutes ago');
        await page
          .getByLabel(zh ? /地点：地名/ : /Where: place name/)
          .fill(zh ? '上海人民广场' : 'People’s Square, Shanghai');
        await page.waitForTimeout(1500);
      },
    });
    await shoot('report-form', '/report', { width: 390, height: 1100 });
    await shoot('follow', '/follow', {
      width: 390,
      height: 900,
      prepare: async (page) => {
        await page.locator('input').first().fill(first.receipt);
        await page.locator('form button[type="submit"]').first().click();
        await page.getByTestId('thread').waitFor();
      },
    });
  }
} finally {
  await browser.close();
  const exited = new Promise((r) => server.once('exit', r));
  server.kill();
  await exited;
  rmSync(tmp, { recursive: true, force: true });
}
