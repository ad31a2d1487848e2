// What taking one largest narrative costs the event loop of a real tipwire server:
// while one report with a 100,000-unit narrative (TIPWIRE_NARRATIVE_MAX_CHARS, the
// largest accepted) goes through POST /api/v1/reports and then the pipeline, how
// long does GET /api/v1/health wait, and where does the main thread's time go?
// Backs the claim that no request holds the event loop beyond 100 ms.
//
//   npm run bench:largest-narrative          # build, then the default run
//   node bench/largest-narrative.mjs --runs 5 --units 100000
//
// The narrative (a fresh one each time, from a seeded generator) is random Han
// characters (1 UTF-16 unit each), emoji (2 units each) and distinct ASCII words, in
// about equal shares of the units: as many distinct search terms as a text can have,
// so it reaches TIPWIRE_SEARCH_MAX_TERMS and is tokenized in the worker thread.
//
// The server is `node dist/cli/main.js serve` on a fresh temporary database with
// the default settings (rate limits on, pipeline on, log level warn), with
// bench/lib/loop-monitor.mjs preloaded to read its own event-loop delay. One health
// poller runs throughout (one keep-alive connection, a new GET 2 ms after each
// answer). Each round, after the machine is idle, takes three windows in an order
// that rotates: idle (1 s, no report), a short report (a bench/post.lua body) and a
// largest narrative; each report window lasts from sending the POST until the
// pipeline has no job waiting, plus 200 ms. Per window: the POST's latency, the
// worst health latency while the POST was in flight and while the pipeline worked
// on the report, and the event loop's longest delay (monitorEventLoopDelay). The
// warm-up round holds the process's first long text (it starts the worker thread)
// and is reported apart. Figures are medians (and maxima) of the rounds.
//
// Then a second server, under `node --cpu-prof --cpu-prof-interval 100`, takes two
// largest narratives (the first starts the worker); its main-thread profile is
// summarised over each report's window (bench/lib/cpuprofile.mjs), with the longest
// stretch the thread stayed busy. Raw figures go to
// bench/results/largest-narrative-<timestamp>.json (git-ignored).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { summarizeProfile } from './lib/cpuprofile.mjs';
import {
  machineFacts,
  median,
  RESULTS_DIR,
  ROOT,
  round,
  runRounds,
  stamp,
  writeResults,
} from './lib/rounds.mjs';
import { freePort, procCpuTicks } from './lib/machine.mjs';
import { mulberry32 } from './lib/random.mjs';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    units: { type: 'string', default: '100000' },
    'poll-gap-ms': { type: 'string', default: '2' },
    'quiet-below': { type: 'string', default: '25' },
    'max-other': { type: 'string', default: '25' },
    profile: { type: 'boolean', default: true },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowNegative: true,
});
if (opt.help) {
  console.log(`usage: node bench/largest-narrative.mjs [options]
  --runs N            measured rounds (default 5), after one warm-up round
  --units N           narrative length in UTF-16 units (default 100000, the largest accepted)
  --poll-gap-ms MS    pause between a health answer and the next GET (default 2)
  --quiet-below PCT   wait for the machine to be under PCT % of a core before a round (25)
  --max-other PCT     repeat a round in which other processes used more (25; 0: never)
  --no-profile        skip the profiled server
  --keep              keep the temporary folders`);
  process.exit(0);
}
const RUNS = Number(opt.runs);
const UNITS = Number(opt.units);
const POLL_GAP_MS = Number(opt['poll-gap-ms']);
const SETTLE_MS = 200;
const IDLE_MS = 1000;
const CLI = path.join(ROOT, 'dist/cli/main.js');
const MONITOR = path.join(ROOT, 'bench/lib/loop-monitor.mjs');
if (!existsSync(CLI)) {
  console.error(
    `${CLI} is missing: run \`npm run build\` first (npm run bench:largest-narrative does).`,
  );
  process.exit(1);
}
const log = (...args) => console.error(...args);

// --- bodies --------------------------------------------------------------------------

/** Exactly `units` UTF-16 units: Han, emoji and distinct ASCII words, about a third each. */
export function largestNarrative(units, seed) {
  const rand = mulberry32(seed);
  const parts = [];
  let length = 0;
  let word = seed * 1_000_003;
  const letters = (n) => {
    let s = '';
    do {
      s += String.fromCharCode(97 + (n % 26));
      n = Math.floor(n / 26);
    } while (n > 0);
    return s;
  };
  while (length < units) {
    const left = units - length;
    const r = rand();
    let piece;
    if (r < 0.077 && left >= 12) {
      piece = ` w${letters(word++)} `; // a word never seen before
    } else if (r < 0.385 && left >= 2) {
      piece = String.fromCodePoint(0x1f300 + Math.floor(rand() * 0x150)); // U+1F300–U+1F44F
    } else {
      piece = String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5200)); // U+4E00–U+9DFF
    }
    parts.push(piece);
    length += piece.length;
  }
  const text = parts.join('');
  if (text.length !== units) throw new Error(`generated ${text.length} units, wanted ${units}`);
  return text;
}

const pad = (n, w) => String(n).padStart(w, '0');
function reportBody(narrative, rand) {
  return JSON.stringify({
    channel: 'web',
    narrative,
    observedAt: `2026-11-${pad(1 + Math.floor(rand() * 28), 2)}T${pad(Math.floor(rand() * 24), 2)}:10:00`,
    timezone: 'Asia/Shanghai',
    precisionSeconds: 300,
    location: {
      lat: Number((34.261 + (rand() - 0.5) * 0.2).toFixed(5)),
      lon: Number((108.942 + (rand() - 0.5) * 0.24).toFixed(5)),
      accuracyMeters: 50,
    },
    caller: { phone: `+86138${pad(Math.floor(rand() * 1e8), 8)}` },
    category: 'drone',
  });
}
const shortNarrative = (rand) =>
  `A drone fell behind the north gate. Ref ${pad(Math.floor(rand() * 2 ** 31).toString(16), 8)}.`;

// --- a server ------------------------------------------------------------------------

async function startServer({ profileDir } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-largest-'));
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TIPWIRE_')),
  );
  Object.assign(env, {
    TIPWIRE_DB: path.join(dir, 'tipwire.db'),
    TIPWIRE_HOST: '127.0.0.1',
    TIPWIRE_LOG_LEVEL: 'warn',
  });
  const flags = ['--import', MONITOR];
  if (profileDir) {
    flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval', '100');
  }
  const child = spawn(process.execPath, [...flags, CLI, 'serve', '--port', String(port)], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { dir, port, child, pid: child.pid, logTail: [], loopLines: [], exited: null };
  const onOutput = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.startsWith('LOOP_DELAY ')) {
        server.loopLines.push(JSON.parse(line.slice('LOOP_DELAY '.length)));
      } else if (line.trim()) {
        server.logTail.push(line.slice(0, 500));
        if (server.logTail.length > 20) server.logTail.shift();
      }
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  server.exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((server.exited = { code, signal }))),
  );
  server.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exited) throw new Error(`the server exited:\n${server.logTail.join('\n')}`);
    try {
      await health(server);
      return server;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error('the server did not start in 60 s', { cause: err });
      await sleep(100);
    }
  }
}

async function stopServer(server) {
  server.agent.destroy();
  if (!server.exited) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
    await server.exitPromise;
    clearTimeout(timer);
  }
  if (!opt.keep) rmSync(server.dir, { recursive: true, force: true });
}

function request(server, method, urlPath, body, agent = false) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: urlPath,
        agent,
        timeout: 60_000,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, json: JSON.parse(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function health(server) {
  const r = await request(server, 'GET', '/api/v1/health', undefined, server.agent);
  if (r.status !== 200) throw new Error(`health answered ${r.status}`);
  return r.json;
}

/** The event loop's delay since the last call (the preloaded monitor answers SIGUSR2). */
async function loopDelay(server) {
  const seen = server.loopLines.length;
  server.child.kill('SIGUSR2');
  const deadline = performance.now() + 10_000;
  while (server.loopLines.length === seen) {
    if (performance.now() > deadline) throw new Error('no LOOP_DELAY line from the server');
    await sleep(5);
  }
  return server.loopLines[server.loopLines.length - 1];
}

/** Polls health until stopped; every sample's start, latency and pipeline backlog. */
function startPoller(server) {
  const samples = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const at = performance.now();
      const h = await health(server);
      samples.push({ at, ms: performance.now() - at, waiting: h.pipeline.waiting });
      await sleep(POLL_GAP_MS);
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await done;
    },
  };
}

const worstIn = (samples, from, to) => {
  const hits = samples.filter((s) => s.at <= to && s.at + s.ms >= from);
  return hits.length ? Math.max(...hits.map((s) => s.ms)) : null;
};

/** Sends one report while the poller runs; waits until the pipeline has no job waiting. */
async function takeReport(server, poller, body) {
  const sent = performance.now();
  const sentHr = process.hrtime.bigint();
  const answer = await request(server, 'POST', '/api/v1/reports', body);
  const answered = performance.now();
  if (answer.status !== 201) {
    throw new Error(`the report was answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  let drained;
  for (;;) {
    await sleep(5);
    const last = poller.samples[poller.samples.length - 1];
    if (last && last.at > answered && last.waiting === 0) {
      drained = last.at + last.ms;
      break;
    }
    if (performance.now() - answered > 60_000) throw new Error('the pipeline did not drain');
  }
  await sleep(SETTLE_MS);
  return {
    bodyBytes: Buffer.byteLength(body),
    postMs: round(answered - sent, 2),
    pipelineMs: round(drained - answered, 1),
    worstHealthWhilePostMs: round(worstIn(poller.samples, sent, answered), 2),
    worstHealthWhilePipelineMs: round(worstIn(poller.samples, answered, drained), 2),
    window: { fromUs: Number(sentHr / 1000n), toUs: Number(process.hrtime.bigint() / 1000n) },
  };
}

// --- the timed rounds ----------------------------------------------------------------

const WINDOWS = ['idle', 'short report', 'largest narrative'];

async function oneRound(server, index) {
  const rand = mulberry32(1000 + index);
  const poller = startPoller(server);
  const out = {};
  try {
    await sleep(200);
    const order = WINDOWS.map((_, i) => WINDOWS[(i + index) % WINDOWS.length]);
    for (const name of order) {
      await loopDelay(server); // starts a new measurement
      const from = performance.now();
      let w;
      if (name === 'idle') {
        await sleep(IDLE_MS);
        w = { worstHealthMs: round(worstIn(poller.samples, from, performance.now()), 2) };
      } else {
        const narrative =
          name === 'idle' || name === 'short report'
            ? shortNarrative(rand)
            : largestNarrative(UNITS, 7919 * (index + 1));
        w = await takeReport(server, poller, reportBody(narrative, rand));
        delete w.window;
      }
      w.loop = await loopDelay(server);
      w.healthSamples = poller.samples.filter((s) => s.at >= from).length;
      out[name] = w;
    }
  } finally {
    await poller.stop();
  }
  return out;
}

// --- the profiled server -------------------------------------------------------------

async function profiled(startedAt) {
  const profileDir = path.join(RESULTS_DIR, `largest-narrative-profile-${stamp(startedAt)}`);
  mkdirSync(profileDir, { recursive: true });
  const server = await startServer({ profileDir });
  const rand = mulberry32(99);
  const poller = startPoller(server);
  const takes = [];
  try {
    await sleep(IDLE_MS);
    const labels = ['first (starts the worker thread)'];
    for (let i = 1; i <= RUNS; i++) labels.push(`warm ${i}`);
    for (const label of labels) {
      const body = reportBody(largestNarrative(UNITS, 4242 + takes.length), rand);
      takes.push({ label, ...(await takeReport(server, poller, body)) });
    }
  } finally {
    await poller.stop();
    await stopServer(server);
  }
  // Main thread: thread id 0 in the file name CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile.
  const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  const tid = (f) => Number(f.split('.')[4]);
  const main = files.find((f) => tid(f) === 0);
  if (!main) throw new Error(`no main-thread profile in ${profileDir}: ${files.join(', ')}`);
  const workers = files.filter((f) => tid(f) !== 0);
  const has = (s) => (cf) => cf.url.includes(s);
  const fn = (name, s) => (cf) => cf.functionName === name && cf.url.includes(s);
  const either =
    (...preds) =>
    (cf) =>
      preds.some((p) => p(cf));
  // Categories that do not overlap (a sample goes to the first that matches its stack).
  const CATEGORIES = [
    [
      'pipeline on the report (runBatch: screen, normalize, correlate, notify)',
      fn('runBatch', 'pipeline/runner'),
    ],
    [
      'group commit: writeTokens (the FTS5 index of 10,000 tokens)',
      fn('writeTokens', 'report.repository'),
    ],
    [
      'group commit: the rest (report row, receipt, job, commit, fsync)',
      either(fn('flush', 'group-commit'), fn('commitAlone', 'group-commit')),
    ],
    ['UTF-8 and nesting check of the body (checkedJsonText)', fn('checkedJsonText', 'json-body')],
    ['JSON.parse (Fastify parser, secure-json-parse)', has('/secure-json-parse/')],
    ['zod (schema parse)', has('/node_modules/zod/')],
    ['sealReport (AES-256-GCM)', fn('sealReport', 'protect/vault')],
    ['textFactsOf (word count)', fn('textFactsOf', 'new-report')],
    ['kindsOfReport (event kinds)', fn('kindsOfReport', 'correlate/event-kind')],
    ['textSketch (keyed MinHash)', fn('textSketch', 'correlate/text-sketch')],
    ['draftReport, the rest (E.164, pseudonyms, id)', fn('draftReport', 'new-report')],
    [
      'search worker: hand-off and answer (worker pool, splitTokens)',
      either(has('/platform/worker-pool'), fn('splitTokens', 'search-tokenizer')),
    ],
    ['assessment for the answer (normalizeClaims)', fn('assess', 'runtime.js')],
    ['health requests (the poller)', has('/routes/health.js')],
    ['garbage collector', (cf) => cf.functionName === '(garbage collector)'],
    [
      'HTTP: Fastify, node:http, socket reads and writes',
      either(has('/node_modules/fastify/'), (cf) => cf.url.startsWith('node:')),
    ],
    ['(program): V8 and native work outside a JS frame', (cf) => cf.functionName === '(program)'],
  ].map(([name, match]) => ({ name, match }));
  const summaries = takes.map((t) => {
    const p = summarizeProfile(path.join(profileDir, main), { top: 12, ...t.window });
    const w = workers.map((f) =>
      summarizeProfile(path.join(profileDir, f), { top: 5, ...t.window }),
    );
    return {
      ...t,
      mainThread: {
        windowMs: p.totalMs,
        busyMs: p.busyMs,
        idleMs: p.idleMs,
        longestBusyStretch: p.longestBusyStretch(),
        breakdown: p.breakdown(CATEGORIES),
        selfByFunction: p.selfByFunction,
      },
      workerThreadsBusyMs: w.map((x) => x.busyMs),
    };
  });
  // The warm takes (all but the first) summarised: medians per category, worst stretch.
  const warmTakes = summaries.slice(1);
  const med = (f) => round(median(warmTakes.map(f)), 1);
  const warm = warmTakes.length
    ? {
        takes: warmTakes.length,
        postMs: med((t) => t.postMs),
        windowMs: med((t) => t.mainThread.windowMs),
        busyMs: med((t) => t.mainThread.busyMs),
        workerBusyMs: med((t) => t.workerThreadsBusyMs.reduce((a, b) => a + b, 0)),
        longestBusyStretchMs: {
          median: med((t) => t.mainThread.longestBusyStretch.ms),
          max: Math.max(...warmTakes.map((t) => t.mainThread.longestBusyStretch.ms)),
        },
        breakdown: CATEGORIES.map((c) => c.name)
          .concat('other')
          .map((name) => ({
            name,
            ms: med((t) => t.mainThread.breakdown.find((r) => r.name === name).ms),
          })),
      }
    : null;
  return { profileDir: path.relative(ROOT, profileDir), takes: summaries, warm };
}

// --- main ----------------------------------------------------------------------------

const startedAt = new Date();
const result = {
  benchmark: 'largest-narrative',
  startedAt: startedAt.toISOString(),
  command: `node bench/largest-narrative.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  machine: machineFacts(),
  config: {
    runs: RUNS,
    units: UNITS,
    pollGapMs: POLL_GAP_MS,
    settleMs: SETTLE_MS,
    idleMs: IDLE_MS,
  },
};
const sample = largestNarrative(UNITS, 1);
result.narrative = {
  units: sample.length,
  codePoints: [...sample].length,
  utf8Bytes: Buffer.byteLength(sample),
  han: (sample.match(/\p{Script=Han}/gu) ?? []).length,
  emoji: (sample.match(/\p{Extended_Pictographic}/gu) ?? []).length,
  asciiWords: (sample.match(/\bw[a-z]+\b/g) ?? []).length,
};
log(`narrative: ${JSON.stringify(result.narrative)}`);

const server = await startServer();
let rounds;
try {
  rounds = await runRounds({
    runs: RUNS,
    measure: (index) => oneRound(server, index),
    quietBelowPct: Number(opt['quiet-below']),
    maxOtherPct: Number(opt['max-other']),
    childTicks: () => procCpuTicks(server.pid),
  });
} finally {
  await stopServer(server);
}
result.rounds = rounds.attempts;
const counted = rounds.counted.map((r) => r.value);
const stat = (pickValue) => {
  const xs = counted.map(pickValue);
  return { median: round(median(xs), 2), max: round(Math.max(...xs), 2) };
};
result.summary = Object.fromEntries(
  WINDOWS.map((name) => {
    const w = (f) => stat((r) => f(r[name]));
    const s = {
      worstHealthMs:
        name === 'idle'
          ? w((x) => x.worstHealthMs)
          : w((x) => Math.max(x.worstHealthWhilePostMs, x.worstHealthWhilePipelineMs)),
      loopMaxDelayMs: w((x) => x.loop.maxMs),
    };
    if (name !== 'idle') {
      Object.assign(s, {
        postMs: w((x) => x.postMs),
        worstHealthWhilePostMs: w((x) => x.worstHealthWhilePostMs),
        worstHealthWhilePipelineMs: w((x) => x.worstHealthWhilePipelineMs),
        pipelineMs: w((x) => x.pipelineMs),
        bodyBytes: counted[0][name].bodyBytes,
      });
    }
    return [name, s];
  }),
);
const warm = rounds.attempts.find((a) => a.warmup)?.value['largest narrative'];
result.firstLongText = warm ?? null;
const ratio = (a, b) => counted.map((r) => a(r) / b(r)).filter(Number.isFinite);
const worstOf = (x) => Math.max(x.worstHealthWhilePostMs, x.worstHealthWhilePipelineMs);
const perRound = ratio(
  (r) => worstOf(r['largest narrative']),
  (r) => worstOf(r['short report']),
);
result.ratios = {
  worstHealthLargestOverShort: {
    ofMedians: round(
      result.summary['largest narrative'].worstHealthMs.median /
        result.summary['short report'].worstHealthMs.median,
      2,
    ),
    perRound: [round(Math.min(...perRound), 2), round(Math.max(...perRound), 2)],
  },
};
if (opt.profile) {
  log('profiled server…');
  result.profile = await profiled(startedAt);
}
result.finishedAt = new Date().toISOString();
const file = writeResults('largest-narrative', result, startedAt);

// --- print ---------------------------------------------------------------------------

const n = (x) => (x === null || x === undefined ? '–' : String(x));
console.log(
  `\nnarrative: ${result.narrative.units} UTF-16 units, ${result.narrative.codePoints} code points ` +
    `(${result.narrative.han} Han, ${result.narrative.emoji} emoji, ${result.narrative.asciiWords} ASCII words), ` +
    `${result.narrative.utf8Bytes} bytes of UTF-8`,
);
console.log(
  `\n| window (median / max of ${counted.length} rounds) | POST ms | worst health ms while POST | worst health ms while pipeline | pipeline ms | event-loop max delay ms |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const name of WINDOWS) {
  const s = result.summary[name];
  const mm = (x) => (x ? `${n(x.median)} / ${n(x.max)}` : '–');
  console.log(
    `| ${name} | ${mm(s.postMs)} | ${name === 'idle' ? mm(s.worstHealthMs) : mm(s.worstHealthWhilePostMs)} | ${mm(s.worstHealthWhilePipelineMs)} | ${mm(s.pipelineMs)} | ${mm(s.loopMaxDelayMs)} |`,
  );
}
if (warm) {
  console.log(
    `| largest narrative, first of the process (warm-up round) | ${warm.postMs} | ${warm.worstHealthWhilePostMs} | ${warm.worstHealthWhilePipelineMs} | ${warm.pipelineMs} | ${warm.loop.maxMs} |`,
  );
}
const r = result.ratios.worstHealthLargestOverShort;
console.log(
  `\nworst health latency, largest narrative / short report: ${r.ofMedians}× (per round ${r.perRound.join(' – ')})`,
);
if (result.profile) {
  const first = result.profile.takes[0];
  const w = result.profile.warm;
  console.log(
    `\nProfiled server (--cpu-prof-interval 100): main thread per largest narrative, from the POST ` +
      `to the pipeline done + ${SETTLE_MS} ms; first of the process, and median of the ${w.takes} after it`,
  );
  console.log('\n| | first | median of the rest |');
  console.log('| --- | ---: | ---: |');
  console.log(`| POST ms | ${first.postMs} | ${w.postMs} |`);
  console.log(`| window ms | ${first.mainThread.windowMs} | ${w.windowMs} |`);
  console.log(`| main thread busy ms | ${first.mainThread.busyMs} | ${w.busyMs} |`);
  console.log(
    `| longest busy stretch ms (median; max) | ${first.mainThread.longestBusyStretch.ms} | ` +
      `${w.longestBusyStretchMs.median}; ${w.longestBusyStretchMs.max} |`,
  );
  console.log(
    `| worker threads busy ms | ${first.workerThreadsBusyMs.reduce((a, b) => a + b, 0)} | ${w.workerBusyMs} |`,
  );
  for (const row of w.breakdown) {
    const f = first.mainThread.breakdown.find((r) => r.name === row.name);
    console.log(`| ${row.name} | ${f.ms} | ${row.ms} |`);
  }
  console.log(
    '\n| take | POST ms | main busy ms | longest busy stretch ms | its largest self times |',
  );
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const t of result.profile.takes) {
    const m = t.mainThread;
    const top = m.longestBusyStretch.selfByFunction
      .slice(0, 4)
      .map(
        (f) =>
          `${f.name.startsWith('(') ? f.name.slice(0, f.name.indexOf(')') + 1) : f.name.split(' ')[0]} ${f.ms}`,
      )
      .join(', ');
    console.log(`| ${t.label} | ${t.postMs} | ${m.busyMs} | ${m.longestBusyStretch.ms} | ${top} |`);
  }
  console.log(`\nprofiles: ${result.profile.profileDir}`);
}
console.log(`raw: ${file}`);
