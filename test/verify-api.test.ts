/**
 * The verify stage through the real server, with the pipeline on the HTTP thread
 * and in its own thread: a report whose claimed time contradicts its arrival gets
 * the time-sources check's finding (with the check's name and version) in its API
 * answer, the flag mirrored, and `needsDeeperVerification`; an answer that fixes
 * the time clears them on the next pass; SIGTERM stops the pipeline's thread cleanly.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReport,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';

describe.each(['off', 'on'])('verify with TIPWIRE_PIPELINE_THREAD=%s', (thread) => {
  let cleanup: () => void;
  let server: ServerProcess;
  let analyst: string;

  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const db = path.join(tmp.dir, 'tipwire.db');
    analyst = createToken(db);
    server = await startServer(db, { TIPWIRE_PIPELINE_THREAD: thread });
  });
  afterAll(async () => {
    // A clean stop: the thread's batch commits and its connection closes before exit 0.
    expect(await server.stop('SIGTERM')).toBe(0);
    cleanup();
  });

  const read = async (id: string) => {
    await waitForPipeline(server.url, analyst);
    return (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as Record<
      string,
      any
    >;
  };

  it('shows the time-sources finding of a claim far past its arrival, and clears it after an answer', async () => {
    // Arrival is now; the claim is a year ahead: far outside [now − max age, now + 5 min].
    const future = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const posted = await postReport(server.url, makeReport({ observedAt: future }));
    expect(posted.status).toBe(201);
    const id = posted.body.id as string;
    const report = await read(id);
    expect(report.stage).toBe('done');
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'time-sources',
        checkVersion: 1,
        code: 'time.contradiction',
        severity: 'warning',
        message: { en: expect.any(String), zh: expect.any(String) },
      }),
    ]);
    expect(report.findings[0].evidence.spreadSeconds).toBeGreaterThan(364 * 86_400);
    expect(report.flags).toEqual(expect.arrayContaining(['time.future', 'time.contradiction']));
    expect(report.needsDeeperVerification).toBe(true);

    const res = await fetch(`${server.url}/api/v1/reports/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ observedAt: new Date(Date.now() - 600_000).toISOString() }),
    });
    expect(res.status).toBe(200);
    const answered = await read(id);
    expect(answered.findings).toEqual([]);
    expect(answered.flags).not.toContain('time.contradiction');
    expect(answered.needsDeeperVerification).toBe(false);
  });

  it('has no finding for a report whose times agree', async () => {
    const posted = await postReport(
      server.url,
      // Its own words: the first test's default narrative again would be media.reused.
      makeReport({
        narrative: 'A tractor left the field gate open; sheep are on the county road.',
        observedAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    );
    const report = await read(posted.body.id as string);
    expect(report.stage).toBe('done');
    expect(report.findings).toEqual([]);
    expect(report.incidentId).toMatch(/^i_/);
  });
});
