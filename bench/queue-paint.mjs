/* global fetch, window, document, performance, MutationObserver */
// F7: first useful paint of the workbench's queue with 100,000 reports stored — from the
// start of navigation to the first report row drawn (a MutationObserver installed before
// the page's own script records performance.now() when the first
// `[role="option"][data-report-id]` appears) — against the same page over an empty store
// with a single report, in the same process, interleaved.
//
//   npm run bench:queue-paint                       # build, seed (cached), measure
//   node bench/queue-paint.mjs --runs 7 --size 100000
//   node bench/queue-paint.mjs --store DIR          # a seeded store dir (tipwire.db + keys)
//
// The store: bench/map-viewport.mjs's seeded store of --size reports (written with
// tipwire's own repositories: sealed narratives, normalized time and place, incidents),
// seeded by `node bench/map-viewport.mjs --size N --seed-only` when not cached. Each run
// copies nothing: the servers (real `dist/cli/main.js serve`) read the store; every run is
// a new browser context (cold cache, its own sign-in through the session route, the
// HttpOnly cookie), so every run pays for the page's script and the first lists. Both
// sizes are measured in every round, in alternating order; medians of the rounds.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { machineFacts, median, round, ROOT, writeResults } from './lib/rounds.mjs';

const { values: opt } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    store: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log('node bench/queue-paint.mjs [--size 100000] [--runs 7] [--store DIR]');
  process.exit(0);
}
const SIZE = Number(opt.size);
const RUNS = Number(opt.runs);
const CLI = path.join(ROOT, 'dist/cli/main.js');
// The key bench/map-viewport.mjs seeds its store under (its default --seed 7).
const MASTER_KEY = createHash('sha256').update('tipwire-bench-f7-map-7').digest('hex');
const KEY_ENV = { ...process.env, TIPWIRE_MASTER_KEY: MASTER_KEY };
const CHROMIUM = process.env.TIPWIRE_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'a long benchmark passphrase';

function seededStore() {
  if (opt.store) return opt.store;
  const cache = path.join(ROOT, 'bench/.cache');
  const find = () =>
    existsSync(cache)
      ? readdirSync(cache).find(
          (d) => d.startsWith('map-viewport-') && d.includes('-seed7-') && d.endsWith(`-${SIZE}`),
        )
      : undefined;
  if (!find()) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bench/map-viewport.mjs'), '--size', String(SIZE), '--seed-only'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('seeding failed');
  }
  const dir = find();
  if (!dir) throw new Error('no seeded store');
  return path.join(cache, dir);
}

function addUser(db) {
  const r = spawnSync(
    process.execPath,
    [CLI, 'user', 'add', 'bench', '--role', 'supervisor', '--password-stdin', '--db', db],
    { input: `${PASSWORD}\n`, encoding: 'utf8', env: KEY_ENV },
  );
  if (r.status !== 0 && !/exists/.test(r.stderr)) throw new Error(r.stderr);
}

async function serve(dir) {
  const db = path.join(dir, 'tipwire.db');
  addUser(db);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
    env: { ...KEY_ENV, TIPWIRE_RATE_LIMITS: 'off', TIPWIRE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const on = (c) => {
      out += c;
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { url, child };
}

const FIRST_ROW = () => {
  const mark = () => {
    if (
      window.__firstRow === undefined &&
      document.querySelector('[role="option"][data-report-id]')
    )
      window.__firstRow = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
};

async function paint(browser, url) {
  const ctx = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 800 } });
  try {
    const res = await ctx.request.post('/api/v1/session', {
      data: { name: 'bench', password: PASSWORD },
    });
    if (res.status() !== 201) throw new Error(`sign-in: ${res.status()}`);
    await ctx.addInitScript(FIRST_ROW);
    const page = await ctx.newPage();
    await page.goto('/#/queue');
    await page.waitForFunction(() => window.__firstRow !== undefined, null, { timeout: 60_000 });
    const firstRow = await page.evaluate(() => window.__firstRow);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    return { firstRowMs: firstRow, ...nav };
  } finally {
    await ctx.close();
  }
}

const store = seededStore();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tipwire-queue-paint-'));
const bigDir = path.join(tmp, 'big');
cpSync(store, bigDir, { recursive: true });
const emptyDir = path.join(tmp, 'small');
mkdirSync(emptyDir);
const big = await serve(bigDir);
const small = await serve(emptyDir);
// One report in the small store, so that its queue has a first row to draw.
{
  const res = await fetch(`${small.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'web', narrative: 'The only report in this store.' }),
  });
  if (res.status !== 201) throw new Error(`small store: ${res.status}`);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
});
const rounds = [];
try {
  await paint(browser, big.url); // warm-up: the server's first read of the lists
  await paint(browser, small.url);
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 ? [small, big] : [big, small];
    const got = {};
    for (const s of order) got[s === big ? 'big' : 'small'] = await paint(browser, s.url);
    rounds.push({ ...got, ratio: got.big.firstRowMs / got.small.firstRowMs });
    console.log(
      JSON.stringify({
        round: r + 1,
        bigMs: round(got.big.firstRowMs),
        oneReportMs: round(got.small.firstRowMs),
      }),
    );
  }
} finally {
  await browser.close();
  big.child.kill();
  small.child.kill();
  rmSync(tmp, { recursive: true, force: true });
}
const result = {
  machine: machineFacts(),
  size: SIZE,
  runs: RUNS,
  medianFirstRowMs: round(median(rounds.map((r) => r.big.firstRowMs))),
  medianFirstRowOneReportMs: round(median(rounds.map((r) => r.small.firstRowMs))),
  medianRatio: round(median(rounds.map((r) => r.ratio)), 2),
  goalMs: 1500,
  rounds,
};
console.log(JSON.stringify({ ...result, rounds: undefined }));
writeResults('queue-paint', result);
