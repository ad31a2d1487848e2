// F8: what a multipart upload costs the server in memory and time, through the real
// `tipwire serve` (dist/, npm run build first) over a real SQLite file.
//
// For each file size, each round starts a fresh server (files up to 512 MiB allowed, rate
// limits off), warms it with one small upload, waits for its memory to settle, resets the
// peak of its resident set (`/proc/<pid>/clear_refs` 5), then sends one report with one
// file of random bytes as multipart/form-data, streamed by the client a MiB at a time, and
// reads the peak again (VmHWM). Figures per size: peak resident memory above the settled
// one (MiB), that as a multiple of the file size, and the upload's wall time to its 201
// (MiB/s). `--dist` runs the same against another build (the baseline: the build before
// files were staged in segments, from a worktree at that commit).
//
//   npm run build && node bench/upload-memory.mjs [--runs 3] [--sizes-mib 8,200] [--dist DIR]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineFacts, median, ROOT, round, runRounds, writeResults } from './lib/rounds.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'sizes-mib': { type: 'string', default: '8,200' },
    dist: { type: 'string', default: path.join(ROOT, 'dist') },
    label: { type: 'string', default: 'this build' },
    'quiet-wait-s': { type: 'string', default: '300' },
  },
});
const MIB = 1024 * 1024;
const sizes = args['sizes-mib'].split(',').map((s) => Number(s) * MIB);
const cli = path.join(path.resolve(args.dist), 'cli/main.js');
const BOUNDARY = 'tipwire-bench-5d2c';
const block = randomBytes(MIB);

const statusKiB = (pid, field) =>
  Number(
    new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1],
  );

function startServer(dir) {
  const env = {
    ...process.env,
    TIPWIRE_LOG_LEVEL: 'warn',
    TIPWIRE_RATE_LIMITS: 'off',
    TIPWIRE_ATTACHMENT_MAX_BYTES: String(512 * MIB),
    TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES: String(512 * MIB),
    TIPWIRE_CALLER_TTL_SECONDS: '30',
  };
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--db', path.join(dir, 'bench.db')],
    { env: { ...env, TIPWIRE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Posts one report with one file of `size` random bytes, streamed; resolves with the status. */
function upload(port, size) {
  const report = JSON.stringify({
    channel: 'web',
    narrative: 'A drone circled the substation fence for ten minutes, then flew north.',
    observedAt: '2026-11-20T21:40:00+08:00',
    location: { lat: 31.23, lon: 121.47, accuracyMeters: 50 },
  });
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="report"\r\n` +
      `Content-Type: application/json\r\n\r\n${report}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="clip.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/reports',
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': head.length + size + tail.length,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const more = () => {
      while (sent < size) {
        const n = Math.min(MIB, size - sent);
        sent += n;
        if (!req.write(n === MIB ? block : block.subarray(0, n))) return req.once('drain', more);
      }
      req.end(tail);
    };
    more();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU ticks the servers used (so runRounds counts them as this bench's, not as noise). */
let serverTicks = 0;
const ticksOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime
};

async function measure(size) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-upload-bench-'));
  const { child, port } = await startServer(dir);
  try {
    const warm = await upload(port, 64 * 1024);
    if (warm.status !== 201) throw new Error(`warm-up: ${warm.status} ${warm.body}`);
    await sleep(3000);
    const settledKiB = statusKiB(child.pid, 'VmRSS');
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    const t0 = performance.now();
    const res = await upload(port, size);
    const ms = performance.now() - t0;
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.body}`);
    const peakKiB = statusKiB(child.pid, 'VmHWM');
    const extraMiB = (peakKiB - settledKiB) / 1024;
    return {
      sizeMiB: size / MIB,
      settledMiB: round(settledKiB / 1024, 1),
      peakMiB: round(peakKiB / 1024, 1),
      extraMiB: round(extraMiB, 1),
      extraPerFileByte: round(extraMiB / (size / MIB), 2),
      ms: round(ms, 0),
      mibPerS: round(size / MIB / (ms / 1000), 1),
    };
  } finally {
    serverTicks += ticksOf(child.pid);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = machineFacts();
const bySize = {};
for (const size of sizes) {
  const { counted, attempts } = await runRounds({
    runs: Number(args.runs),
    quietWaitMs: Number(args['quiet-wait-s']) * 1000,
    measure: () => measure(size),
    childTicks: () => serverTicks,
  });
  const values = counted.map((r) => r.value);
  const pick = (k) => median(values.map((v) => v[k]));
  bySize[`${size / MIB} MiB`] = {
    extraMiB: round(pick('extraMiB'), 1),
    extraPerFileByte: round(pick('extraPerFileByte'), 2),
    mibPerS: round(pick('mibPerS'), 1),
    runs: values,
    attempts: attempts.length,
  };
  console.error(`${args.label}, ${size / MIB} MiB:`, JSON.stringify(bySize[`${size / MIB} MiB`]));
}
const result = { bench: 'upload-memory', label: args.label, dist: args.dist, machine, bySize };
console.log(
  JSON.stringify(
    {
      label: args.label,
      bySize: Object.fromEntries(
        Object.entries(bySize).map(([k, v]) => [
          k,
          { extraMiB: v.extraMiB, extraPerFileByte: v.extraPerFileByte, mibPerS: v.mibPerS },
        ]),
      ),
    },
    null,
    2,
  ),
);
console.error(`results: ${writeResults('upload-memory', result)}`);
