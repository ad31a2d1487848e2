/**
 * The pipeline over the durable queue: stages in order, failures retried from the
 * failing stage, effects never applied twice, and a real crash (SIGKILL of a
 * child process in the middle of a batch) resumed without loss or repetition.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids.js';
import type { JobQueue, QueuedJob } from '../src/pipeline/job-queue.js';
import { createPipeline, type PipelineLog } from '../src/pipeline/runner.js';
import { createSqliteJobQueue } from '../src/pipeline/sqlite-job-queue.js';
import type { Stage } from '../src/pipeline/stage.js';
import { registeredStages, stageSettingsOf } from '../src/pipeline/stages.js';
import { createRuntime, pipelineConfigFrom, type Runtime } from '../src/runtime.js';
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

/** The stored live events about reports (`incident.updated` events left out). */
const reportEvents = (limit: number) =>
  runtime.store.events.after(0, limit).filter((e) => e.type !== 'incident.updated');

const stageSettings = () =>
  stageSettingsOf(pipelineConfigFrom(runtime.config), runtime.normalize.deps);
const STAGES = () => registeredStages(stageSettings());

function pipelineWith(stages: readonly Stage[], maxAttempts = 3, queue?: JobQueue) {
  return createPipeline({
    store: runtime.asyncStore,
    ...(queue ? { queue } : {}),
    clock,
    newId,
    log: quietLog,
    stages,
    stageSettings: stageSettings(),
    settings: {
      batchSize: 10,
      sliceMs: 1000,
      busySliceMs: 1000,
      maxAttempts,
      retryBaseMs: 1000,
      intakeBusyMs: 50,
    },
  });
}

describe('pipeline', () => {
  it('takes a stored report through normalize, correlate and notify', async () => {
    const id = await submit();
    expect(runtime.store.reports.get(id)?.stage).toBe('received');
    const result = await runtime.pipeline.drain();
    expect(result.completed).toBe(1);
    const report = runtime.store.reports.get(id)!;
    expect(report.stage).toBe('done');
    expect(report.time?.from).toBe(Date.parse('2026-11-20T13:10:00Z'));
    expect(report.incidentId).toMatch(/^i_/);
    expect(reportEvents(10)).toHaveLength(1);
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 0 });
  });

  it('joins reports whose place and time fit the incident, and only those', async () => {
    // A drone (500 m, 60 minutes by default): accuracy 50 m each, tolerance 1.5; the
    // incident lies between `a` and `near`, 1.14 km from `tooFar` (it may be 0.63 km).
    const a = await submit({ observedAt: '2026-11-20T10:00:00Z' });
    const near = await submit({
      observedAt: '2026-11-20T10:50:00Z',
      location: { lat: 34.2645, lon: 108.942, accuracyMeters: 50 },
    });
    const tooLate = await submit({ observedAt: '2026-11-20T11:30:00Z' });
    const tooFar = await submit({
      observedAt: '2026-11-20T10:00:00Z',
      location: { lat: 34.273, lon: 108.942, accuracyMeters: 50 },
    });
    await runtime.pipeline.drain();
    const incidentOf = (id: string) => runtime.store.reports.get(id)!.incidentId;
    expect(incidentOf(near)).toBe(incidentOf(a));
    expect(incidentOf(tooLate)).not.toBe(incidentOf(a));
    expect(incidentOf(tooFar)).not.toBe(incidentOf(a));
    const incident = runtime.store.incidents.get(incidentOf(a)!)!;
    expect(incident.reportCount).toBe(2);
    expect(incident.start).toBe(Date.parse('2026-11-20T10:00:00Z'));
    expect(incident.end).toBe(Date.parse('2026-11-20T10:50:00Z'));
  });

  it('starts an incident of its own for a report without a place', async () => {
    const id = await submit({ location: undefined });
    await runtime.pipeline.drain();
    const incident = runtime.store.incidents.get(runtime.store.reports.get(id)!.incidentId!)!;
    expect(incident.centroid).toBeNull();
    expect(incident.reportCount).toBe(1);
  });

  it('compares a local time of unknown zone as the span of every offset in use', async () => {
    const id = await submit({ observedAt: '2026-11-20T21:10:00', location: undefined });
    await runtime.pipeline.drain();
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
    const flaky = STAGES().map((s): Stage =>
      s.name === 'correlate'
        ? {
            ...s,
            apply: async (tx, effects) => {
              correlations += 1;
              await s.apply(tx, effects);
              if (failures-- > 0) throw Object.assign(new Error('boom'), { code: 'test_failure' });
            },
          }
        : s,
    );
    const pipeline = pipelineWith(flaky);
    const id = await submit();
    expect(await pipeline.drain()).toMatchObject({ completed: 0, failed: 1 });
    // normalize committed; correlate's effects rolled back with its savepoint
    expect(runtime.store.reports.get(id)).toMatchObject({ stage: 'normalized', incidentId: null });
    expect(runtime.store.incidents.count()).toBe(0);
    expect(runtime.store.jobs.get(1)).toMatchObject({ stage: 'correlate', attempts: 1 });
    now += 1000;
    expect(await pipeline.drain()).toMatchObject({ completed: 1, failed: 0 });
    expect(correlations).toBe(2);
    expect(runtime.store.incidents.count()).toBe(1);
    expect(reportEvents(10)).toHaveLength(1);
  });

  it('parks a job that keeps failing, and goes on with the others', async () => {
    const broken = STAGES().map((s): Stage =>
      s.name === 'notify'
        ? {
            ...s,
            apply: () => Promise.reject(new Error('always')),
          }
        : s,
    );
    const pipeline = pipelineWith(broken, 2);
    await submit();
    await pipeline.drain();
    now += 1000;
    await pipeline.drain();
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 1 });
  });
});

describe('at-least-once delivery', () => {
  /** The SQLite outbox, delivering every job it hands out twice (a broker's redelivery). */
  function redelivering(): JobQueue {
    const outbox = createSqliteJobQueue(runtime.asyncStore);
    return {
      ...outbox,
      claim: async (tx, now, limit) =>
        (await outbox.claim(tx, now, limit)).flatMap((job) => [job, { ...job }]),
    };
  }
  const effectRows = () =>
    runtime.store.db.prepare('SELECT count(*) FROM stage_effects').pluck().get() as number;

  it('applies each stage once when the same job is delivered twice in a batch', async () => {
    const first = await submit();
    const second = await submit({ observedAt: '2026-11-20T13:20:00Z' });
    const result = await pipelineWith(STAGES(), 3, redelivering()).drain();
    expect(result).toMatchObject({ taken: 4, completed: 4, failed: 0 });
    // One incident with both reports as members, one notify event each, five keys each.
    expect(runtime.store.incidents.count()).toBe(1);
    const incidentId = runtime.store.reports.get(first)!.incidentId!;
    expect(runtime.store.reports.get(second)!.incidentId).toBe(incidentId);
    expect(runtime.store.incidents.get(incidentId)!.reportCount).toBe(2);
    const events = reportEvents(10);
    expect(events.map((e) => (e.payload as { report: { id: string } }).report.id)).toEqual([
      first,
      second,
    ]);
    expect(effectRows()).toBe(10);
  });

  it('skips every apply of a job delivered again after it was done', async () => {
    const id = await submit();
    const delivered: QueuedJob[] = [];
    const outbox = createSqliteJobQueue(runtime.asyncStore);
    const recording: JobQueue = {
      ...outbox,
      claim: async (tx, at, limit) => {
        const jobs = await outbox.claim(tx, at, limit);
        delivered.push(...jobs);
        return jobs;
      },
    };
    await pipelineWith(STAGES(), 3, recording).drain();
    expect(delivered).toHaveLength(1);
    // The broker delivers the job again, after the first delivery committed.
    let again = [...delivered];
    const late: JobQueue = { ...outbox, claim: async () => again.splice(0) };
    expect(await pipelineWith(STAGES(), 3, late).runBatch()).toMatchObject({
      taken: 1,
      completed: 1,
    });
    again = [];
    expect(runtime.store.incidents.count()).toBe(1);
    expect(
      runtime.store.incidents.get(runtime.store.reports.get(id)!.incidentId!)!.reportCount,
    ).toBe(1);
    expect(reportEvents(10)).toHaveLength(1);
    expect(effectRows()).toBe(5);
  });

  it('runs the stages after normalize again, as a new pass, after an answer', async () => {
    const id = await submit();
    await runtime.pipeline.drain();
    const report = runtime.store.reports.get(id)!;
    await runtime.cases.answer({ id: 'user:test', roles: ['analyst'] } as never, report, {
      observedAt: '2026-11-20T13:30:00Z',
    });
    expect(runtime.store.jobs.forReport(id)).toMatchObject({ stage: 'verify', pass: 2 });
    await runtime.pipeline.drain();
    const passes = runtime.store.db
      .prepare('SELECT stage, pass FROM stage_effects WHERE report_id = ? ORDER BY pass, stage')
      .all(id);
    expect(passes).toEqual([
      { stage: 'correlate', pass: 1 },
      { stage: 'normalize', pass: 1 },
      { stage: 'notify', pass: 1 },
      { stage: 'screen', pass: 1 },
      { stage: 'verify', pass: 1 },
      { stage: 'correlate', pass: 2 },
      { stage: 'notify', pass: 2 },
      { stage: 'verify', pass: 2 },
    ]);
    expect(reportEvents(10)).toHaveLength(2);
    expect(runtime.store.reports.get(id)!.time?.from).toBe(Date.parse('2026-11-20T13:30:00Z'));
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
    expect(reportEvents(100)).toHaveLength(2);

    await runtime.pipeline.drain();
    const incidents = new Set(ids.map((id) => runtime.store.reports.get(id)!.incidentId));
    expect(incidents.size).toBe(1);
    expect(runtime.store.incidents.count()).toBe(1);
    expect(runtime.store.incidents.get([...incidents][0]!)!.reportCount).toBe(4);
    const events = reportEvents(100);
    expect(events.map((e) => (e.payload as { report: { id: string } }).report.id)).toEqual(ids);
    expect(runtime.store.jobs.counts()).toEqual({ ready: 0, failed: 0 });
  });
});
