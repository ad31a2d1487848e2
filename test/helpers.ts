/**
 * Test helpers: throw-away data folders, a config for them, a report builder,
 * and a real `tipwire serve` child process (from dist/, built by `npm test`; a
 * dist/ older than src/ is refused, so no test runs stale code unnoticed).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/runtime.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');

/**
 * The compiled files of src/ that are missing from dist/ or older than their source
 * (migrations and web assets are copied by the build too). Empty when dist/ is fresh.
 */
export function staleDist(root = ROOT): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(source);
        continue;
      }
      // Not compiled into dist/ (tsconfig.build.json's exclude): tests and their fixtures.
      if (entry.name.endsWith('.test.ts') || entry.name.endsWith('.fixture.ts')) continue;
      const relative = path.relative(path.join(root, 'src'), source);
      const built = entry.name.endsWith('.ts')
        ? relative.replace(/\.ts$/, '.js')
        : entry.name.endsWith('.sql')
          ? relative
          : null;
      if (built === null) continue;
      const target = path.join(root, 'dist', built);
      if (!existsSync(target) || statSync(target).mtimeMs < statSync(source).mtimeMs) {
        stale.push(relative);
      }
    }
  };
  walk(path.join(root, 'src'));
  return stale;
}

let distChecked = false;
/** Throws, naming the files, unless dist/ is built from the current src/. */
export function requireFreshDist(): void {
  if (distChecked) return;
  const stale = staleDist();
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than src/ (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}): run npm run build`,
    );
  }
  distChecked = true;
}

/**
 * Every log line the suite produces lands here (servers, CLI stderr, in-process
 * runtimes); test/log-scan.global.ts scans it for secrets after the run. Secrets
 * the tests send (numbers, narratives, tokens, receipts) are remembered beside it.
 */
export const LOG_DIR = path.join(ROOT, '.tmp', 'test-logs');
const SECRETS_FILE = path.join(LOG_DIR, 'secrets.jsonl');

export function remember(
  kind: 'phone' | 'narrative' | 'token' | 'receipt' | 'password',
  value: string,
) {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, JSON.stringify({ kind, value }) + '\n');
}

function logFile(name: string): string {
  mkdirSync(LOG_DIR, { recursive: true });
  return path.join(LOG_DIR, `${name}-${randomUUID()}.log`);
}

/** A logger at the most talkative level, writing into the suite's log folder. */
export function testLogger(): Logger {
  return createLogger(
    { logLevel: 'trace' },
    pino.destination({ dest: logFile('runtime'), sync: true }),
  );
}

export function tempDir(prefix = 'tipwire-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid config for a database in `dir`, with quiet logs; env entries override. */
export function testConfig(dir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    TIPWIRE_DB: path.join(dir, 'tipwire.db'),
    TIPWIRE_LOG_LEVEL: 'silent',
    TIPWIRE_PORT: '0',
    ...env,
  });
}

/** A valid Report JSON body; override any field. Its narrative and number are remembered as secrets. */
export function makeReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report = {
    channel: 'web',
    narrative: 'A small drone circled the water tower, then landed behind the depot.',
    observedAt: '2026-11-20T21:10:00+08:00',
    location: { lat: 34.261, lon: 108.942, accuracyMeters: 50 },
    ...overrides,
  };
  if (typeof report.narrative === 'string') remember('narrative', report.narrative);
  const phone = (report as { caller?: { phone?: unknown } }).caller?.phone;
  if (typeof phone === 'string') remember('phone', phone);
  return report;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): CliResult {
  requireFreshDist();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, TIPWIRE_LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Creates a token with the CLI; returns it (the last line of stdout). */
export function createToken(dbPath: string, role = 'analyst'): string {
  const r = runCli(['token', 'create', '--role', role, '--db', dbPath]);
  if (r.status !== 0) throw new Error(`token create failed: ${r.stderr}`);
  const token = r.stdout.trim().split('\n').pop()!;
  remember('token', token);
  return token;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process logged so far. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `tipwire serve` on a free port and resolves once it listens. */
export function startServer(
  dbPath: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  requireFreshDist();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, TIPWIRE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = createWriteStream(logFile('server'));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // A fresh database takes seconds to set up (keys, gazetteer); two test files at once
    // on two cores take longer. A server that never listens is killed, not left running.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Posts a report as the token's holder; expects 201 (naming the answer if not) and gives its id. */
export async function postReportAs(
  url: string,
  token: string,
  body: Record<string, unknown>,
): Promise<string> {
  const r = await postReport(url, body, { authorization: `Bearer ${token}` });
  if (r.status !== 201) throw new Error(`expected 201, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export async function postReport(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (typeof answer.receipt === 'string') remember('receipt', answer.receipt);
  return { status: res.status, body: answer };
}

export async function getJson(
  url: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Waits until the server's pipeline has nothing left to do. */
export async function waitForPipeline(url: string, token: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const health = await getJson(`${url}/api/v1/health`, token);
    if ((health.body.pipeline as { waiting: number }).waiting === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the pipeline did not finish in time');
}

/** Writes `lines` (objects as JSON, strings as they are) to `dir/name`, one per line. */
export function writeJsonl(dir: string, name: string, lines: (Record<string, unknown> | string)[]) {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
  );
  return file;
}

/** The objects of JSONL text (an export), one per non-empty line. */
export const parseJsonl = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
