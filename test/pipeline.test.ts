/**
 * The pipeline over the durable queue: stages in order, failures retried from the
 * failing stage, effects never applied twice, and a real crash (SIGKILL of a
 * child process in the middle of a batch) resumed without loss or repetition.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids.js';
import { createPipeline, type PipelineLog } from '../src/pipeline/runner.js';
import { STAGES, type Stage } from '../src/pipeline/stages.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, requireFreshDist, ROOT, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let cleanup: () => void;
let now = Date.parse('2026-11-20T14:00:00Z');
const clock = () => now;
const quietLog: PipelineLog = { warn: () => {}, error: () => {} };

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir), { clock, logger: testLogger() });
});
afterEach(() => {
  runtime.close();
  cleanup();
});

const submit = (overrides: Record<string, unknown> = {}) =>
  runtime.intake
    .submit(makeReport(overrides), { principal: 'anonymous', mayStateReceivedAt: false })
    .then((r) => r.body.id as string);

function pipelineWith(stages: readonly Stage[], maxAttempts = 3) {
  return createPipeline({
    store: runtime.store,
    clock,
    newId,
    log: quietLog,
    stages,
    normalize: runtime.normalize,
    settings: {
      batchSize: 10,
      sliceMs: 1000,
      busySliceMs: 1000,
      maxAttempts,
      retryBaseMs: 1000,
      intakeBusyMs: 50,
      joinRule: { radiusMeters: 500, windowMs: 7_200_000 },
      repeatRule: { maxCallsInRow: 3, windowMs: 600_000 },
    },
  });
}

describe('pipeline', () => {
  it('takes a stored report through normalize, correlate and notify', async () => {
    const id = await submit();
    expect(runtime.store.reports.get(id)?.stage).toBe('received');
    const result = runtime.pipeline.drain();
    expect(result.completed).toBe(1);
    const report = runtime.store.reports.get(id)!;
    expect(report.stage).toBe('done');
    expect(report.time?.from).toBe(Date.parse('2026-11-20T13:10:00Z'));
    expect(report.incidentId).toMatch(/^i_/);
    expect(runtime.store.events.after(0, 10)).toHaveLength(1);
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 0 });
  });

  it('joins reports within 500 m and 2 h, and only those', async () => {
    const a = await submit({ observedAt: '2026-11-20T10:00:00Z' });
    const near = await submit({
      observedAt: '2026-11-20T11:30:00Z',
      location: { lat: 34.2645, lon: 108.942 },
    });
    const tooLate = await submit({ observedAt: '2026-11-20T14:30:00Z' });
    const tooFar = await submit({
      observedAt: '2026-11-20T10:00:00Z',
      location: { lat: 34.27, lon: 108.942 },
    });
    runtime.pipeline.drain();
    const incidentOf = (id: string) => runtime.store.reports.get(id)!.incidentId;
    expect(incidentOf(near)).toBe(incidentOf(a));
    expect(incidentOf(tooLate)).not.toBe(incidentOf(a));
    expect(incidentOf(tooFar)).not.toBe(incidentOf(a));
    const incident = runtime.store.incidents.get(incidentOf(a)!)!;
    expect(incident.reportCount).toBe(2);
    expect(incident.start).toBe(Date.parse('2026-11-20T10:00:00Z'));
    expect(incident.end).toBe(Date.parse('2026-11-20T11:30:00Z'));
  });

  it('starts an incident of its own for a report without a place', async () => {
    const id = await submit({ location: undefined });
    runtime.pipeline.drain();
    const incident = runtime.store.incidents.get(runtime.store.reports.get(id)!.incidentId!)!;
    expect(incident.centroid).toBeNull();
    expect(incident.reportCount).toBe(1);
  });

  it('compares a local time of unknown zone as the span of every offset in use', async () => {
    const id = await submit({ observedAt: '2026-11-20T21:10:00', location: undefined });
    runtime.pipeline.drain();
    const report = runtime.store.reports.get(id)!;
    expect(report.flags).toContain('time.zone_unknown');
    const incident = runtime.store.incidents.get(report.incidentId!)!;
    // 21:10 local is somewhere between 21:10 at UTC+14 and 21:10 at UTC−12.
    expect(incident.start).toBe(Date.parse('2026-11-20T07:10:00Z'));
    expect(incident.end).toBe(Date.parse('2026-11-21T09:10:00Z'));
  });

  it('retries a failing stage from that stage, keeping the stages before it', async () => {
    let failures = 1;
    let correlations = 0;
    const flaky = STAGES.map((s) =>
      s.name === 'correlate'
        ? {
            ...s,
            run: (ctx: Parameters<Stage['run']>[0], r: Parameters<Stage['run']>[1]) => {
              correlations += 1;
              s.run(ctx, r);
              if (failures-- > 0) throw Object.assign(new Error('boom'), { code: 'test_failure' });
            },
          }
        : s,
    );
    const pipeline = pipelineWith(flaky);
    const id = await submit();
    expect(pipeline.drain()).toMatchObject({ completed: 0, failed: 1 });
    // normalize committed; correlate's effects rolled back with its savepoint
    expect(runtime.store.reports.get(id)).toMatchObject({ stage: 'normalized', incidentId: null });
    expect(runtime.store.incidents.count()).toBe(0);
    expect(runtime.store.jobs.get(1)).toMatchObject({ stage: 'correlate', attempts: 1 });
    now += 1000;
    expect(pipeline.drain()).toMatchObject({ completed: 1, failed: 0 });
    expect(correlations).toBe(2);
    expect(runtime.store.incidents.count()).toBe(1);
    expect(runtime.store.events.after(0, 10)).toHaveLength(1);
  });

  it('parks a job that keeps failing, and goes on with the others', async () => {
    const broken = STAGES.map((s) =>
      s.name === 'notify'
        ? {
            ...s,
            run: () => {
              throw new Error('always');
            },
          }
        : s,
    );
    const pipeline = pipelineWith(broken, 2);
    await submit();
    pipeline.drain();
    now += 1000;
    pipeline.drain();
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 1 });
  });
});

describe('a crash in the middle of the pipeline', () => {
  it('resumes after SIGKILL without losing or repeating any stage effect', async () => {
    const ids: string[] = [];
    // Four reports in one place: they must end up in a single incident.
    for (let i = 0; i < 4; i++) ids.push(await submit({ observedAt: `2026-11-20T10:0${i}:00Z` }));
    const dbPath = runtime.config.store.dbPath;
    runtime.close();

    // The child runs the pipeline one report per batch and kills itself inside the
    // third report's correlate stage, after that stage wrote its effects.
    requireFreshDist();
    const child = spawnSync(
      process.execPath,
      [path.join(ROOT, 'test/crash-pipeline.mjs'), dbPath, '3'],
      {
        encoding: 'utf8',
      },
    );
    expect(child.signal).toBe('SIGKILL');

    runtime = createRuntime(testConfig(path.dirname(dbPath)), { clock, logger: testLogger() });
    // Two reports finished before the crash, the third's batch was rolled back.
    const stages = ids.map((id) => runtime.store.reports.get(id)!.stage);
    expect(stages).toEqual(['done', 'done', 'received', 'received']);
    expect(runtime.store.events.after(0, 100)).toHaveLength(2);

    runtime.pipeline.drain();
    const incidents = new Set(ids.map((id) => runtime.store.reports.get(id)!.incidentId));
    expect(incidents.size).toBe(1);
    expect(runtime.store.incidents.count()).toBe(1);
    expect(runtime.store.incidents.get([...incidents][0]!)!.reportCount).toBe(4);
    const events = runtime.store.events.after(0, 100);
    expect(events.map((e) => (e.payload as { report: { id: string } }).report.id)).toEqual(ids);
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 0 });
  });
});
