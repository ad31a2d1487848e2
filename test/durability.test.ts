/**
 * A 201 means the report is on disk: the real server is killed with SIGKILL the
 * moment a 201 arrives (while more requests are in flight), restarted on the same
 * file, and every acknowledged report is there and finishes its pipeline.
 */
import Database from 'better-sqlite3';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReport,
  startServer,
  tempDir,
  type ServerProcess,
} from './helpers.js';

let dir: string;
let cleanup: () => void;
let server: ServerProcess | null = null;

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = null;
  cleanup();
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('durability', () => {
  it('loses no acknowledged report when killed with SIGKILL right after a 201', async () => {
    const db = path.join(dir, 'tipwire.db');
    const token = createToken(db);
    // Many reports from one address: the network-prefix flood control would refuse them.
    server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
    const url = server.url;
    const acknowledged: string[] = [];
    let killed = false;

    // 16 clients keep sending; the first 201 after the 100th triggers the kill.
    const client = async (n: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await postReport(url, makeReport({ narrative: `client ${n} report ${i}` }));
          if (res.status === 201) {
            acknowledged.push(res.body.id as string);
            if (acknowledged.length >= 100 && !killed) {
              killed = true;
              server!.child.kill('SIGKILL');
            }
          }
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => client(n)));
    expect(await server.stop()).toBeNull();
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);

    server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
    for (const id of acknowledged) {
      const res = await getJson(`${server.url}/api/v1/reports/${id}`, token);
      expect(res.status, id).toBe(200);
    }
    // The pipeline picks up where it stopped: every report reaches its last stage.
    await waitFor(async () => {
      const health = await getJson(`${server!.url}/api/v1/health`, token);
      return (health.body.pipeline as { waiting: number }).waiting === 0 ? true : null;
    });
    for (const id of acknowledged) {
      const res = await getJson(`${server.url}/api/v1/reports/${id}`, token);
      expect(res.body).toMatchObject({ stage: 'done' });
      expect(res.body.incidentId).toMatch(/^i_/);
    }
  });

  it('keeps reports across a normal restart', async () => {
    const db = path.join(dir, 'tipwire.db');
    const token = createToken(db);
    server = await startServer(db);
    const { status, body } = await postReport(server.url, makeReport());
    expect(status).toBe(201);
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startServer(db);
    const res = await getJson(`${server.url}/api/v1/reports/${body.id}`, token);
    expect(res.status).toBe(200);
    expect(res.body.narrative).toBe(makeReport().narrative);
  });

  it('applies every stage once after a SIGKILL with the pipeline in its own thread', async () => {
    const db = path.join(dir, 'tipwire.db');
    const token = createToken(db);
    // One report per pipeline transaction: the backlog drains slowly enough to be cut.
    const env = {
      TIPWIRE_RATE_LIMITS: 'off',
      TIPWIRE_PIPELINE_THREAD: 'on',
      TIPWIRE_PIPELINE_BATCH_SIZE: '1',
    };
    server = await startServer(db, env);
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        for (let i = 0; i < 25; i++) {
          const res = await postReport(
            server!.url,
            makeReport({
              narrative: `thread ${n} report ${i}`,
              observedAt: `2026-11-20T10:${String(i).padStart(2, '0')}:00Z`,
            }),
          );
          expect(res.status).toBe(201);
          ids.push(res.body.id as string);
        }
      }),
    );
    // Killed while the thread works through the backlog.
    await waitFor(async () => {
      const health = await getJson(`${server!.url}/api/v1/health`, token);
      return (health.body.pipeline as { waiting: number }).waiting < ids.length ? true : null;
    });
    server.child.kill('SIGKILL');
    await server.stop();
    const count = (sql: string) => {
      const file = new Database(db, { readonly: true });
      try {
        return file.prepare(sql).pluck().get() as number;
      } finally {
        file.close();
      }
    };
    const doneAtKill = count("SELECT count(*) FROM reports WHERE stage = 'done'");
    expect(doneAtKill).toBeLessThan(ids.length);

    server = await startServer(db, env);
    await waitFor(async () => {
      const health = await getJson(`${server!.url}/api/v1/health`, token);
      return (health.body.pipeline as { waiting: number }).waiting === 0 ? true : null;
    }, 60_000);
    expect(await server.stop('SIGTERM')).toBe(0);

    expect(count("SELECT count(*) FROM reports WHERE stage = 'done'")).toBe(ids.length);
    // Each of the five stages recorded once per report, one event per report, and
    // every report counted once in the incidents' totals.
    expect(count('SELECT count(*) FROM stage_effects')).toBe(5 * ids.length);
    expect(
      count(`SELECT count(*) FROM (SELECT report_id FROM stage_effects
        GROUP BY report_id HAVING count(*) = 5)`),
    ).toBe(ids.length);
    expect(
      count(`SELECT count(DISTINCT json_extract(payload, '$.report.id')) FROM events
        WHERE type = 'report.processed'`),
    ).toBe(ids.length);
    expect(count("SELECT count(*) FROM events WHERE type = 'report.processed'")).toBe(ids.length);
    expect(count('SELECT sum(report_count) FROM incidents')).toBe(ids.length);
    // Two server starts, each loading a gazetteer in two threads: slow on a busy machine.
  }, 180_000);
});

describe('an upload cut off by SIGKILL', () => {
  const BOUNDARY = 'tipwire-durability-7c1e';
  const SEGMENT = 4096;

  function count(db: string, sql: string): number {
    const file = new Database(db, { readonly: true });
    try {
      return file.prepare(sql).pluck().get() as number;
    } finally {
      file.close();
    }
  }

  it('leaves no report, only staged segments nobody can open, swept once stale', async () => {
    const db = path.join(dir, 'tipwire.db');
    const token = createToken(db);
    const env = {
      TIPWIRE_ATTACHMENT_SEGMENT_BYTES: String(SEGMENT),
      TIPWIRE_ATTACHMENT_MAX_BYTES: String(1024 * 1024),
      TIPWIRE_STAGED_FILE_TTL_SECONDS: '600',
    };
    server = await startServer(db, env);
    const { port } = new URL(server.url);
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="report"\r\n` +
        `Content-Type: application/json\r\n\r\n${JSON.stringify(makeReport())}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\n` +
        'Content-Type: video/mp4\r\n\r\n',
    );
    const sent = Buffer.alloc(10 * SEGMENT, 'uploaded-bytes ');
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    // Announces a whole megabyte, sends the report and ten segments' worth, then holds.
    socket.write(
      `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: ${head.length + 1024 * 1024}\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\n\r\n`,
    );
    socket.write(Buffer.concat([head, sent]));
    const segments = 'SELECT count(*) FROM file_segments';
    await waitFor(async () => (count(db, segments) >= 9 ? true : null));
    server.child.kill('SIGKILL');
    await server.stop();
    socket.destroy();

    expect(count(db, 'SELECT count(*) FROM reports')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM staged_files')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM attachments')).toBe(0);
    // Sealed as they arrived: the bytes are not in the file in the clear.
    const file = new Database(db, { readonly: true });
    const stored = file.prepare('SELECT data FROM file_segments').pluck().all() as Buffer[];
    file.close();
    expect(stored.some((s) => s.includes('uploaded-bytes'))).toBe(false);

    // Restarted within the TTL: kept (an upload of another process could still be going).
    server = await startServer(db, env);
    expect(count(db, 'SELECT count(*) FROM staged_files')).toBe(1);
    await server.stop('SIGTERM');
    // Older than the TTL at the next start: swept, segments and all.
    const writable = new Database(db);
    writable.prepare('UPDATE staged_files SET staged_at = staged_at - 601000').run();
    writable.close();
    server = await startServer(db, env);
    await waitFor(async () => (count(db, 'SELECT count(*) FROM staged_files') === 0 ? true : null));
    expect(count(db, segments)).toBe(0);
    expect(server.output()).toContain('staged uploads swept');
    const health = await getJson(`${server.url}/api/v1/health`, token);
    expect(health.status).toBe(200);
  });
});
