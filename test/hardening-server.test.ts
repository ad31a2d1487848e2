/**
 * F4's defects that only show on a real server process: the event loop held by one
 * long narrative, bodies that arrive too slowly, raw request bytes in trace logs,
 * databases sharing a keys folder, shutdown after an audit-anchor refusal, and
 * start-up errors that must name their cause.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  createToken,
  getJson,
  makeReport,
  postReport,
  remember,
  requireFreshDist,
  runCli,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';

/** /health's worst answer time (ms) while `work` runs; polled every 5 ms. */
async function worstHealthWhile(url: string, work: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${url}/api/v1/health`);
      worst = Math.max(worst, performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    await work();
    // The pipeline takes the report after the answer: keep watching while it does.
    await new Promise((r) => setTimeout(r, 800));
  } finally {
    done = true;
    await poll;
  }
  return worst;
}

/** Random Han characters: the hardest text for the word segmenter (no dictionary words). */
function randomHan(count: number, seed = 7): string {
  let x = seed;
  let text = '';
  for (let i = 0; i < count; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    text += String.fromCharCode(0x4e00 + (x % 20_000));
  }
  return text;
}

describe('the largest narrative does not hold the event loop (defect 1)', () => {
  let dir: string;
  let cleanup: () => void;
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const db = path.join(dir, 'tipwire.db');
    token = createToken(db);
    server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
    // Warm up: the first requests compile the code paths.
    for (let i = 0; i < 3; i++)
      await postReport(server.url, makeReport({ narrative: 'x'.repeat(5000) }));
  });
  afterAll(async () => {
    await server.stop();
    cleanup();
  });

  const largest = 100_000; // TIPWIRE_NARRATIVE_MAX_CHARS, in UTF-16 code units
  const HEALTH_BUDGET_MS = 150;
  const cases: [string, () => string][] = [
    ['100,000 random Han characters', () => randomHan(largest)],
    ['50,000 emoji (100,000 code units)', () => '😀'.repeat(largest / 2)],
    [
      'words without end',
      () =>
        Array.from({ length: 20_000 }, (_, i) => `w${i}`)
          .join(' ')
          .slice(0, largest),
    ],
  ];
  for (const [name, text] of cases) {
    // A hang detector: a narrative read whole on the event loop would hold it for seconds.
    // On a quiet 2-core machine the worst is 17-58 ms; a clean-clone CI run on a busy one
    // measured 108.5 ms once against the earlier 100 ms. The figure is bench/largest-narrative.mjs's.
    it(`takes ${name} while /health answers within ${HEALTH_BUDGET_MS} ms`, async () => {
      const narrative = text();
      expect(narrative.length).toBeLessThanOrEqual(largest);
      remember('narrative', narrative.slice(0, 200));
      let status = 0;
      const worst = await worstHealthWhile(server.url, async () => {
        status = (await postReport(server.url, { channel: 'web', narrative })).status;
      });
      expect(status).toBe(201);
      console.log(`worst /health: ${worst.toFixed(1)} ms`);
      expect(worst).toBeLessThan(HEALTH_BUDGET_MS);
    });
  }

  it('refuses one code unit more, naming the narrative', async () => {
    const res = await postReport(server.url, {
      channel: 'web',
      narrative: `${'😀'.repeat(largest / 2)}x`,
    });
    expect(res.status).toBe(400);
    expect((res.body.error as { issues: { path: string }[] }).issues[0]!.path).toBe('narrative');
  });

  it('finds a word of a long narrative and of a long reporter message (tokens made off the loop)', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `filler${i % 50}`).join(' ');
    const posted = await postReport(server.url, {
      channel: 'web',
      narrative: `${filler} zeppelinish`,
    });
    const receipt = posted.body.receipt as string;
    // Longer than TIPWIRE_SEARCH_INLINE_MAX_CHARS, within TIPWIRE_MESSAGE_MAX_CHARS.
    const message = `${filler.slice(0, 9000)} quadcopterous`;
    const sent = await fetch(`${server.url}/api/v1/receipts/${receipt}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: message }),
    });
    expect(sent.status).toBe(201);
    await waitForPipeline(server.url, token);
    for (const word of ['zeppelinish', 'quadcopterous']) {
      const found = await getJson(`${server.url}/api/v1/reports?q=${word}`, token);
      expect((found.body.items as { id: string }[]).map((r) => r.id)).toEqual([posted.body.id]);
    }
  });
});

/** Sends raw bytes and resolves with what came back and when the socket closed. */
function rawExchange(
  port: number,
  steps: { bytes: string; afterMs: number }[],
): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    const timers: NodeJS.Timeout[] = [];
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      timers.forEach(clearTimeout);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    for (const step of steps) {
      timers.push(
        setTimeout(() => {
          if (!socket.destroyed) socket.write(step.bytes);
        }, step.afterMs),
      );
    }
  });
}

describe('a body must arrive whole within the caller TTL (defect 9)', () => {
  let dir: string;
  let cleanup: () => void;
  let server: ServerProcess;
  let token: string;
  const ttlMs = 2000;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const db = path.join(dir, 'tipwire.db');
    token = createToken(db);
    server = await startServer(db, { TIPWIRE_CALLER_TTL_SECONDS: String(ttlMs / 1000) });
  });
  afterAll(async () => {
    await server.stop();
    cleanup();
  });

  const body = JSON.stringify(makeReport({ caller: { phone: '+8613900124077' } }));
  const head =
    'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nConnection: close\r\n' +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const port = () => Number(new URL(server.url).port);

  it('cuts a body whose last byte is held back past the TTL, and stores nothing', async () => {
    const before = (await getJson(`${server.url}/api/v1/reports?limit=200`, token)).body;
    const { answer, closedAfterMs } = await rawExchange(port(), [
      { bytes: head + body.slice(0, -1), afterMs: 0 },
      { bytes: body.slice(-1), afterMs: ttlMs + 1500 },
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(ttlMs - 50);
    expect(closedAfterMs).toBeLessThan(ttlMs + 1000);
    const after = (await getJson(`${server.url}/api/v1/reports?limit=200`, token)).body;
    expect((after.items as unknown[]).length).toBe((before.items as unknown[]).length);
  });

  it('cuts a body sent a byte at a time once the TTL is up', async () => {
    const steps = [{ bytes: head, afterMs: 0 }];
    for (let i = 0; i < body.length; i++) steps.push({ bytes: body[i]!, afterMs: 100 + i * 200 });
    const { answer, closedAfterMs } = await rawExchange(port(), steps);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(ttlMs + 1000);
  });

  it('still takes a body that arrives within the TTL', async () => {
    const { answer } = await rawExchange(port(), [
      { bytes: head + body.slice(0, 10), afterMs: 0 },
      { bytes: body.slice(10), afterMs: ttlMs / 2 },
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
  });
});

describe('trace logs never hold raw request bytes (defect 10)', () => {
  it('logs a malformed request by its error code only', async () => {
    const { dir, cleanup } = tempDir();
    const db = path.join(dir, 'tipwire.db');
    const token = createToken(db);
    const server = await startServer(db, { TIPWIRE_LOG_LEVEL: 'trace' });
    try {
      const phone = '+8613900124099';
      const narrative = 'A canary narrative that must never be logged';
      remember('phone', phone);
      remember('narrative', narrative);
      const raw =
        `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 12, 13\r\n\r\n` +
        JSON.stringify({ narrative, caller: { phone } });
      const { answer } = await rawExchange(Number(new URL(server.url).port), [
        { bytes: raw, afterMs: 0 },
      ]);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      await new Promise((r) => setTimeout(r, 200));
      const log = server.output();
      expect(log).toMatch(/client error/);
      // The secret is everything after `tw_<id>_` (base64url: it may hold `_` itself).
      const tokenSecret = token.slice(token.indexOf('_', 3) + 1);
      expect(tokenSecret).toHaveLength(43);
      for (const secret of [phone, narrative, token, tokenSecret]) {
        expect(log).not.toContain(secret);
      }
      expect(log).not.toContain('rawPacket');
    } finally {
      await server.stop();
      cleanup();
    }
  });
});

describe('each database has its own keys (defect 12)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it('lets two databases in one folder each keep its keys and its audit anchor', async () => {
    const k2 = path.join(dir, 'k2');
    mkdirSync(k2);
    const main = path.join(k2, 'main.db');
    const staging = path.join(k2, 'staging.db');
    createToken(main);
    const lines = path.join(dir, 'lines.jsonl');
    writeFileSync(lines, JSON.stringify(makeReport({ externalId: 'f-1' })) + '\n');
    expect(runCli(['import', lines, '--db', staging]).status).toBe(0);
    expect(readdirSync(k2).sort()).toEqual(
      expect.arrayContaining(['main.db', 'main.keys', 'staging.db', 'staging.keys']),
    );
    const server = await startServer(staging);
    expect(await server.stop(), server.output()).toBe(0);
    for (const db of [main, staging]) {
      const verified = runCli(['audit', 'verify', '--db', db]);
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout).toMatch(/audit log intact/);
    }
  });

  it('refuses a second database on a keys folder that belongs to another, naming both', () => {
    const shared = path.join(dir, 'shared-keys');
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    const env = { TIPWIRE_KEYS_DIR: shared };
    expect(runCli(['token', 'create', '--role', 'analyst', '--db', a], env).status).toBe(0);
    const refused = runCli(['token', 'create', '--role', 'analyst', '--db', b], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`the keys folder ${shared} belongs to another database`);
    expect(refused.stderr).toContain(b);
    const verify = runCli(['audit', 'verify', '--db', b], env);
    expect(verify.status).toBe(2);
    expect(verify.stderr).toMatch(/belongs to another database/);
  });

  it('shuts down cleanly when the audit anchor no longer fits the log', async () => {
    const db = path.join(dir, 'anchored.db');
    createToken(db);
    const server = await startServer(db);
    const keys = path.join(dir, 'anchored.keys');
    const anchor = JSON.parse(readFileSync(path.join(keys, 'audit-anchor.json'), 'utf8'));
    // Someone's copy of an anchor for a record this log never had, MAC and all: refused.
    writeFileSync(
      path.join(keys, 'audit-anchor.json'),
      JSON.stringify({ ...anchor, hash: 'f'.repeat(64) }),
    );
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).not.toMatch(/Uncaught|AuditAnchorError|at .*\.js:\d+/);
    expect(server.output()).toMatch(/audit anchor not written/);
  });

  it('handles SIGTERM before the port opens, so a SIGTERM at once shuts it down cleanly', async () => {
    // The handlers were once installed after listen() returned: a SIGTERM in between
    // killed the process (exit code null) instead of closing it. A preload reports when
    // the SIGTERM handler is installed; it must come before Fastify says it listens.
    requireFreshDist();
    const preload = path.join(dir, 'report-sigterm-handler.cjs');
    writeFileSync(
      preload,
      `const on = process.on;
process.on = function (event, fn) {
  if (event === 'SIGTERM') process.stdout.write('SIGTERM handler installed\\n');
  return on.call(this, event, fn);
};`,
    );
    const child = spawn(
      process.execPath,
      ['-r', preload, CLI, 'serve', '--port', '0', '--db', path.join(dir, 'quick.db')],
      { env: { ...process.env, TIPWIRE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Server listening')) {
          clearTimeout(timer);
          child.kill('SIGTERM');
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    expect(await exited, output).toBe(0);
    const installed = output.indexOf('SIGTERM handler installed');
    expect(installed, output).toBeGreaterThanOrEqual(0);
    expect(installed, output).toBeLessThan(output.indexOf('Server listening'));
  }, 60_000);
});

describe('start-up errors name their cause (defect 13)', () => {
  const serve = (db: string) => {
    requireFreshDist();
    return spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
      encoding: 'utf8',
      timeout: 15_000,
      env: { ...process.env, TIPWIRE_LOG_LEVEL: 'warn' },
    });
  };

  it('stops at once on a folder that cannot be created under /proc', () => {
    const started = Date.now();
    const r = serve('/proc/nope/t.db');
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot open the database /proc/nope/t.db');
    expect(r.stderr).toContain('/proc/nope');
  });

  it('names the path when a parent of the database is a file', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'file'), 'x');
      const db = path.join(dir, 'file', 'sub', 't.db');
      const r = serve(db);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cannot open the database ${db}`);
      expect(r.stderr).toContain('is not a folder');
    } finally {
      cleanup();
    }
  });

  it('names the path when the database is a folder', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = serve(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cannot open the database ${dir}`);
    } finally {
      cleanup();
    }
  });
});
