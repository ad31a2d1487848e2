/**
 * GET /metrics through the real app over a real SQLite file: only with the
 * metrics token, in a format a Prometheus text parser reads, with counters that
 * move with the traffic sent, gauges read from the store, the keyring and the
 * audit anchor, and nothing of a report's content, a token, a receipt or a phone.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import parsePrometheus, { type Family } from 'parse-prometheus-text-format';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../src/access/tokens.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, remember, ROOT, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let metricsToken: string;
/** Reports one network may send before its 429 (no refill during a test). */
const BURST = 4;

beforeEach(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  metricsToken = randomBytes(24).toString('base64url');
  remember('token', metricsToken);
  runtime = createRuntime(
    testConfig(tmp.dir, {
      TIPWIRE_METRICS_TOKEN: metricsToken,
      TIPWIRE_RATE_PREFIX_BURST: String(BURST),
      TIPWIRE_RATE_PREFIX_PER_MINUTE: '0.01',
    }),
    { logger: testLogger() },
  );
  app = await createHttpApp(runtime);
});

afterEach(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

/**
 * Every series of a scrape, read by the parser. It must parse as it is; then it is read
 * again without the histogram TYPE lines, because the parser folds a histogram's
 * labelled series into one: that way each `_bucket`, `_sum` and `_count` series keeps
 * its labels.
 */
async function scrape(): Promise<Family[]> {
  const res = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(res.statusCode).toBe(200);
  expect(() => parsePrometheus(res.body)).not.toThrow();
  return parsePrometheus(res.body.replace(/^# TYPE \S+ histogram$/gm, ''));
}

/** The value of one series (0 when it is absent); a family's series may come in several runs. */
function valueOf(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const sample = families
    .filter((f) => f.name === name)
    .flatMap((f) => f.metrics)
    .find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample ? Number(sample.value) : 0;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/reports', payload: body as object, headers });

describe('access to /metrics', () => {
  it('is refused without the token, and with a wrong one (401)', async () => {
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: 'send the metrics token as Authorization: Bearer <token>',
      },
    });
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      // One character changed (to another: a token may end in "x" already).
      headers: {
        authorization: `Bearer ${metricsToken.slice(0, -1)}${metricsToken.endsWith('x') ? 'y' : 'x'}`,
      },
    });
    expect(wrong.statusCode).toBe(401);
    // An API token is not the metrics token.
    const issued = issueToken(['admin'], null);
    runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
    remember('token', issued.token);
    const admin = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${issued.token}` },
    });
    expect(admin.statusCode).toBe(401);
  });

  it('answers the token in the Prometheus text format', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const names = parsePrometheus(res.body).map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'tipwire_http_requests_total',
        'tipwire_http_request_duration_seconds',
        'tipwire_http_rate_limited_total',
        'tipwire_reports_accepted_total',
        'tipwire_pipeline_jobs',
        'tipwire_pipeline_oldest_due_job_age_seconds',
        'tipwire_pipeline_stage_duration_seconds',
        'tipwire_audit_anchor_age_seconds',
        'tipwire_pseudonym_key_epoch',
        'process_cpu_seconds_total',
      ]),
    );
  });

  it('has exactly the metrics the README lists, of the types it says', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const served = parsePrometheus(res.body)
      .filter((f) => f.name.startsWith('tipwire_'))
      .map((f) => `${f.name} ${f.type.toLowerCase()}`);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('<!-- metrics:begin -->'),
      readme.indexOf('<!-- metrics:end -->'),
    );
    const listed = [...table.matchAll(/^\| `(tipwire_\w+)` +\| (\w+) /gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(served.sort()).toEqual(listed.sort());
  });

  it('is not there at all without a token set (404)', async () => {
    const tmp = tempDir();
    const plain = createRuntime(testConfig(tmp.dir), { logger: testLogger() });
    const plainApp = await createHttpApp(plain);
    try {
      const res = await plainApp.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await plainApp.close();
      plain.close();
      tmp.cleanup();
    }
  });
});

describe('counters move with the traffic', () => {
  it('N reports: accepted +N and the route’s 201s +N; a replay is not a new report; a 429 counts', async () => {
    const before = await scrape();
    const route = { method: 'POST', route: '/api/v1/reports' };
    const accepted0 = valueOf(before, 'tipwire_reports_accepted_total');
    const created0 = valueOf(before, 'tipwire_http_requests_total', { ...route, status: '201' });
    const limited0 = valueOf(before, 'tipwire_http_rate_limited_total', { route: route.route });

    const sent = BURST - 1;
    for (let i = 0; i < sent - 1; i++) {
      expect(
        (await post(makeReport({ narrative: `Report number ${i} of the test.` }))).statusCode,
      ).toBe(201);
    }
    const keyed = { 'idempotency-key': 'metrics-test-1' };
    expect((await post(makeReport(), keyed)).statusCode).toBe(201);
    const replay = await post(makeReport(), keyed);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The burst is used up: the next one is refused.
    expect((await post(makeReport())).statusCode).toBe(429);

    const after = await scrape();
    expect(valueOf(after, 'tipwire_reports_accepted_total')).toBe(accepted0 + sent);
    expect(valueOf(after, 'tipwire_http_requests_total', { ...route, status: '201' })).toBe(
      created0 + sent + 1,
    );
    expect(valueOf(after, 'tipwire_http_requests_total', { ...route, status: '429' })).toBe(1);
    expect(valueOf(after, 'tipwire_http_rate_limited_total', { route: route.route })).toBe(
      limited0 + 1,
    );
    expect(
      valueOf(after, 'tipwire_http_request_duration_seconds_count', {
        method: 'POST',
        route: route.route,
      }),
    ).toBe(sent + 2);
  });

  it('the backlog, its oldest due job and the stage times follow the pipeline', async () => {
    for (let i = 0; i < 2; i++) expect((await post(makeReport())).statusCode).toBe(201);
    const waiting = await scrape();
    expect(valueOf(waiting, 'tipwire_pipeline_jobs', { state: 'ready' })).toBe(2);
    expect(valueOf(waiting, 'tipwire_pipeline_jobs', { state: 'parked' })).toBe(0);
    expect(valueOf(waiting, 'tipwire_pipeline_oldest_due_job_age_seconds')).toBeGreaterThanOrEqual(
      0,
    );
    expect(valueOf(waiting, 'tipwire_pipeline_stage_duration_seconds', { stage: 'screen' })).toBe(
      0,
    );

    await runtime.pipeline.drain();
    const drained = await scrape();
    expect(valueOf(drained, 'tipwire_pipeline_jobs', { state: 'ready' })).toBe(0);
    expect(valueOf(drained, 'tipwire_pipeline_oldest_due_job_age_seconds')).toBe(0);
    for (const stage of ['screen', 'normalize', 'verify', 'correlate', 'notify']) {
      expect(
        valueOf(drained, 'tipwire_pipeline_stage_duration_seconds_count', { stage }),
        stage,
      ).toBe(2);
    }
  });

  it('the oldest due job’s age is read from the store against the clock', async () => {
    const { id } = (await post(makeReport())).json() as { id: string };
    const job = runtime.store.jobs.forReport(id)!;
    // Due 90 s ago: the job waited that long.
    runtime.store.jobs.retryLater(job.id, 1, Date.now() - 90_000, 'test');
    const age = valueOf(await scrape(), 'tipwire_pipeline_oldest_due_job_age_seconds');
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(120);
    runtime.store.jobs.park(job.id, 5, 'test', Date.now());
    const parked = await scrape();
    expect(valueOf(parked, 'tipwire_pipeline_jobs', { state: 'parked' })).toBe(1);
    expect(valueOf(parked, 'tipwire_pipeline_jobs', { state: 'ready' })).toBe(0);
  });

  it('the key epoch is the keyring’s, and the anchor’s age appears once one is written', async () => {
    const before = await scrape();
    expect(valueOf(before, 'tipwire_pseudonym_key_epoch')).toBe(
      runtime.keyring.pseudonymKeys().current.epoch,
    );
    expect(valueOf(before, 'tipwire_pseudonym_key_epoch')).toBe(
      Math.floor(Date.now() / (30 * 86_400_000)),
    );
    // No anchor yet: the age is unknown (NaN), not 0 ("just written").
    expect(valueOf(before, 'tipwire_audit_anchor_age_seconds')).toBeNaN();
    // A refusal is the first audit record; housekeeping anchors the log.
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports' })).statusCode).toBe(401);
    runtime.housekeeping();
    const age = valueOf(await scrape(), 'tipwire_audit_anchor_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(5);
  });
});

describe('what the metrics never hold', () => {
  it('no report text, phone, receipt, search term or token; route patterns, not URLs', async () => {
    const narrative = `The van with plates ${randomBytes(4).toString('hex')} stopped twice.`;
    const phone = '+8613800138000';
    const res = await post(makeReport({ narrative, caller: { phone } }));
    expect(res.statusCode).toBe(201);
    const { receipt } = res.json() as { receipt: string };
    remember('receipt', receipt);
    await app.inject({ method: 'GET', url: `/api/v1/receipts/${receipt}` });
    const issued = issueToken(['analyst'], null);
    runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
    remember('token', issued.token);
    const term = `searchterm${randomBytes(3).toString('hex')}`;
    await app.inject({
      method: 'GET',
      url: `/api/v1/reports?q=${term}`,
      headers: { authorization: `Bearer ${issued.token}` },
    });
    await app.inject({ method: 'GET', url: `/no/such/${term}` });

    const text = (
      await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${metricsToken}` },
      })
    ).body;
    for (const secret of [
      narrative,
      'plates',
      phone,
      '13800138000',
      receipt,
      term,
      issued.token,
      metricsToken,
    ]) {
      expect(text).not.toContain(secret);
    }
    const families = parsePrometheus(text);
    const routes = new Set(
      families
        .find((f) => f.name === 'tipwire_http_requests_total')!
        .metrics.map((m) => m.labels!.route),
    );
    expect(routes).toContain('/api/v1/receipts/:receipt');
    expect(routes).toContain('/api/v1/reports');
    expect(routes).toContain('unmatched');
    for (const route of routes) expect(route).toMatch(/^(\/[\w.:-]*)+$|^unmatched$/);
  });
});
