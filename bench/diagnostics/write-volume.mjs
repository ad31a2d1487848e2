// Write volume diagnostic (F6): bytes the real server writes to disk per report, from its
// /proc/<pid>/io `write_bytes`, on a fresh empty store (so the store's size plays no
// part). 30 warm-up reports, then --reports reports posted one at a time, --gap-ms
// apart, to `tipwire serve` (dist/), waiting --settle-ms for the pipeline after the last.
// Each report has coordinates, an offset time and a narrative naming a kind, so it runs
// every stage and joins or starts an incident. Linux only (/proc).
//
//   npm run build
//   node bench/diagnostics/write-volume.mjs [--reports 200] [--gap-ms 50] [--settle-ms 3000]
//   TIPWIRE_PIPELINE_THREAD=on node bench/diagnostics/write-volume.mjs   # settings pass through
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../lib/rounds.mjs';

const { fetch } = globalThis;

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '200' },
    'gap-ms': { type: 'string', default: '50' },
    'settle-ms': { type: 'string', default: '3000' },
  },
});
const CLI = path.join(ROOT, 'dist/cli/main.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-writes-'));
const db = path.join(dir, 'tipwire.db');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const token = execFileSync(process.execPath, [
  CLI,
  'token',
  'create',
  '--role',
  'intake',
  '--db',
  db,
])
  .toString()
  .trim()
  .split('\n')
  .pop();
const port = 20_000 + Math.floor(Math.random() * 20_000);
const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', String(port)], {
  env: { TIPWIRE_RATE_LIMITS: 'off', ...process.env },
  stdio: ['ignore', 'pipe', 'pipe'],
});
try {
  await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    child.stdout.on('data', (d) => /listen/i.test(String(d)) && resolve());
  });
  const written = () =>
    Number(/write_bytes: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))[1]);
  const post = (i) =>
    fetch(`http://127.0.0.1:${port}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        channel: 'app',
        narrative: `A grey van parked by gate ${i}, someone inside keeps filming the entrance`,
        observedAt: new Date(Date.now() - 600_000).toISOString(),
        location: { lat: 39.9 + (i % 50) * 0.01, lon: 116.4 + (i % 7) * 0.01, accuracyMeters: 20 },
      }),
    }).then((r) => {
      if (r.status !== 201) throw new Error(`POST answered ${r.status}`);
    });
  for (let i = 0; i < 30; i++) await post(i);
  await sleep(Number(args['settle-ms']));
  const n = Number(args.reports);
  const before = written();
  for (let i = 0; i < n; i++) {
    await post(1000 + i);
    await sleep(Number(args['gap-ms']));
  }
  await sleep(Number(args['settle-ms']));
  const perReport = (written() - before) / n;
  console.log(JSON.stringify({ reports: n, bytesWrittenPerReport: Math.round(perReport) }));
} finally {
  child.kill('SIGTERM');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}
