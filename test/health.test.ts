/**
 * Liveness and readiness through the real app over a real SQLite file (and the
 * built server for the second metrics listener): /health/live answers whatever
 * the state; /health/ready is 503 with its reasons while the gazetteer is not
 * loaded, more jobs are parked than TIPWIRE_READY_MAX_PARKED_JOBS allows, or the
 * database cannot be read; /api/v1/health stays as it was.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { notReadyReasons } from '../src/server/routes/health.js';
import {
  makeReport,
  remember,
  startServer,
  tempDir,
  testConfig,
  testLogger,
  type ServerProcess,
} from './helpers.js';

describe('notReadyReasons (the rule)', () => {
  const loaded = { gazetteerLoaded: true };
  it('is ready at the parked-job limit and one below, not one above', () => {
    expect(notReadyReasons({ ...loaded, parkedJobs: 2 }, 3)).toEqual([]);
    expect(notReadyReasons({ ...loaded, parkedJobs: 3 }, 3)).toEqual([]);
    expect(notReadyReasons({ ...loaded, parkedJobs: 4 }, 3).map((r) => r.code)).toEqual([
      'pipeline_parked',
    ]);
  });

  it('names every reason at once', () => {
    expect(
      notReadyReasons({ gazetteerLoaded: false, parkedJobs: null }, 0).map((r) => r.code),
    ).toEqual(['gazetteer_loading', 'store_unreadable']);
  });
});

describe('through the app', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let cleanup: () => void;
  /** Parked jobs tolerated in this suite. */
  const MAX_PARKED = 1;

  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    runtime = createRuntime(
      testConfig(tmp.dir, { TIPWIRE_READY_MAX_PARKED_JOBS: String(MAX_PARKED) }),
      { logger: testLogger() },
    );
    app = await createHttpApp(runtime);
  });

  afterAll(async () => {
    await app.close();
    runtime.close();
    cleanup();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  async function parkOneJob() {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReport() });
    expect(res.statusCode).toBe(201);
    const job = runtime.store.jobs.forReport((res.json() as { id: string }).id)!;
    runtime.store.jobs.park(job.id, 5, 'test_failure', Date.now());
  }

  it('is live at once, and not ready until the gazetteer is loaded; then ready', async () => {
    expect(runtime.normalize.deps.loaded()).toBe(false);
    const live = await get('/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'live' });
    const before = await get('/health/ready');
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({
      status: 'not_ready',
      reasons: [{ code: 'gazetteer_loading', message: 'the gazetteer is still loading' }],
    });
    runtime.normalize.deps.preload();
    const after = await get('/health/ready');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ status: 'ready' });
  });

  it('stays ready up to the parked-job limit, and is not one job past it', async () => {
    await parkOneJob();
    expect(runtime.store.jobs.counts().failed).toBe(MAX_PARKED);
    expect((await get('/health/ready')).statusCode).toBe(200);
    await parkOneJob();
    const res = await get('/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not_ready',
      reasons: [
        {
          code: 'pipeline_parked',
          message: `2 pipeline jobs are parked (more than TIPWIRE_READY_MAX_PARKED_JOBS, ${MAX_PARKED})`,
        },
      ],
    });
    // The old health answer is as it was: up, with the backlog.
    const health = await get('/api/v1/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', pipeline: { waiting: 0, failed: 2 } });
    expect((await get('/health/live')).statusCode).toBe(200);
  });

  it('is not ready when the database cannot be read, and still live', async () => {
    runtime.store.close();
    const res = await get('/health/ready');
    expect(res.statusCode).toBe(503);
    expect((res.json() as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual([
      'store_unreadable',
    ]);
    expect((await get('/health/live')).statusCode).toBe(200);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('the built server', () => {
  let server: ServerProcess;
  let metricsUrl: string;
  let cleanup: () => void;
  const token = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    remember('token', token);
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    server = await startServer(path.join(tmp.dir, 'tipwire.db'), {
      TIPWIRE_METRICS_LISTEN: `127.0.0.1:${port}`,
      TIPWIRE_METRICS_TOKEN: token,
    });
  });

  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    cleanup();
  });

  it('is live and ready once it listens (the gazetteer is loaded first)', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves the metrics on the second address, with the token only', async () => {
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
    const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const families = parsePrometheus(await res.text());
    const runs = families.find((f) => f.name === 'tipwire_worker_runs_total')!.metrics;
    // Every scheduled job is reported; serve runs housekeeping and the purge once at start,
    // the polls at their interval (a second: maybe once by now).
    const runsOf = Object.fromEntries(runs.map((m) => [m.labels!.worker, Number(m.value)]));
    expect(Object.keys(runsOf).sort()).toEqual([
      'housekeeping',
      'live-poll',
      'map-index',
      'pipeline-poll',
      'retention-purge',
      'staged-files',
      'text-analysis',
      'text-model',
    ]);
    expect(runsOf.housekeeping).toBe(1);
    expect(runsOf['retention-purge']).toBe(1);
    expect(runsOf['staged-files']).toBe(1);
    const failed = families.find((f) => f.name === 'tipwire_worker_last_run_failed')!.metrics;
    expect(failed.map((m) => Number(m.value))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const lastRun = families.find((f) => f.name === 'tipwire_worker_last_run_timestamp_seconds')!;
    for (const m of lastRun.metrics) {
      expect(Math.abs(Number(m.value) - Date.now() / 1000)).toBeLessThan(60);
    }
    // The main port asks for the same token.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const main = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(main.status).toBe(200);
  });
});
