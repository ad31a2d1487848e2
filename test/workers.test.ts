/**
 * The background jobs as `serve` runs them (src/workers.ts): declared once, run by
 * the scheduler, and the exclusive ones (housekeeping, the retention purge) run by
 * one process at a time over one database, through the lease table.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, startServer, tempDir, testConfig, testLogger } from './helpers.js';

let dir: string;
let cleanup: () => void;
const opened: Runtime[] = [];

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(async () => {
  for (const runtime of opened.splice(0)) {
    await runtime.workers.stop();
    runtime.close();
  }
  cleanup();
});

function open(env: Record<string, string> = {}): Runtime {
  const runtime = createRuntime(testConfig(dir, env), { logger: testLogger() });
  opened.push(runtime);
  return runtime;
}

const statusOf = (runtime: Runtime, name: string) =>
  runtime.workers.status().find((s) => s.name === name);

/** Lets the scheduler's first turns (a lease, then the run) finish. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('background jobs', () => {
  it('declares each job with the interval its setting gives', () => {
    const runtime = open({
      TIPWIRE_HOUSEKEEPING_INTERVAL_MS: '5000',
      TIPWIRE_RETENTION_PURGE_INTERVAL_MS: '6000',
      TIPWIRE_PIPELINE_POLL_MS: '70',
      TIPWIRE_LIVE_POLL_MS: '80',
      TIPWIRE_MAP_REBUILD_MINUTES: '7',
      TIPWIRE_TEXT_LM_RETRAIN_HOURS: '2',
      TIPWIRE_TEXT_ANALYSIS_POLL_MS: '300',
      TIPWIRE_STAGED_FILE_TTL_SECONDS: '61',
    });
    expect(runtime.workers.status().map((s) => [s.name, s.intervalMs])).toEqual([
      ['housekeeping', 5000],
      ['retention-purge', 6000],
      ['staged-files', 61_000],
      ['pipeline-poll', 70],
      ['live-poll', 80],
      ['map-index', 420_000],
      ['text-analysis', 300],
      ['text-model', 7_200_000],
    ]);
    expect(
      open({ TIPWIRE_TEXT_LM_RETRAIN_HOURS: '0' })
        .workers.status()
        .map((s) => s.name),
    ).not.toContain('text-model');
  });

  it('adds the geocoder only when one is configured', () => {
    const runtime = open({
      TIPWIRE_GEOCODER_URL: 'http://127.0.0.1:9',
      TIPWIRE_GEOCODER_POLL_MS: '90',
    });
    expect(statusOf(runtime, 'geocoder')?.intervalMs).toBe(90);
  });

  it('purges in one of two processes on one database, once', async () => {
    const env = { TIPWIRE_RETENTION_UNFOUNDED_DAYS: '0' };
    const first = open(env);
    const second = open(env);
    const submitted = await first.intake.submit(makeReport(), {
      principal: 'anonymous',
      mayStateReceivedAt: false,
    });
    await first.pipeline.drain();
    const id = submitted.body.id as string;
    const supervisor = { id: 't', roles: ['supervisor' as const], officeId: null, tokenId: null };
    await first.cases.setStatus(supervisor, first.store.reports.get(id)!, 'unfounded', 'hoax');

    first.workers.start();
    second.workers.start();
    await settle();
    expect(first.store.reports.get(id)).toBeNull();
    expect(statusOf(first, 'retention-purge')).toMatchObject({ runs: 1, failures: 0 });
    expect(statusOf(second, 'retention-purge')?.runs).toBe(0);
    expect(statusOf(first, 'housekeeping')?.runs).toBe(1);
    expect(statusOf(second, 'housekeeping')?.runs).toBe(0);
    const purges = first.store.db
      .prepare(`SELECT count(*) FROM audit_log WHERE action = 'retention.purged'`)
      .pluck()
      .get();
    expect(purges).toBe(1);
  });
});

describe('serve', () => {
  it('holds the purge lease in one of two servers, and the other takes it over when the first stops', async () => {
    const db = path.join(dir, 'tipwire.db');
    const env = {
      TIPWIRE_RETENTION_PURGE_INTERVAL_MS: '1000',
      TIPWIRE_HOUSEKEEPING_INTERVAL_MS: '1000',
    };
    const a = await startServer(db, env);
    const b = await startServer(db, env);
    const leases = () => {
      const conn = new Database(db, { readonly: true });
      try {
        return conn.prepare('SELECT name, owner FROM worker_leases ORDER BY name').all() as {
          name: string;
          owner: string;
        }[];
      } finally {
        conn.close();
      }
    };
    try {
      const before = leases();
      expect(before.map((l) => l.name)).toEqual(['housekeeping', 'retention-purge']);
      expect(new Set(before.map((l) => l.owner)).size).toBe(1);
      await a.stop();
      // b's next turn comes within one interval, and a released its leases on the way out.
      await new Promise((r) => setTimeout(r, 1500));
      const after = leases();
      expect(after.map((l) => l.name)).toEqual(['housekeeping', 'retention-purge']);
      expect(after[0]!.owner).not.toBe(before[0]!.owner);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
