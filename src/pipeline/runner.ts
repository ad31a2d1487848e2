/**
 * Runs the stages over the durable job queue in the database.
 *
 * A report has at most one job row, naming the next stage it needs. The runner
 * takes due jobs in batches; for each it runs the remaining stages one by one,
 * each inside a savepoint together with moving the job on, so a stage's effects
 * and "this stage is done" commit together or not at all. The whole batch is one
 * transaction (one fsync). A crash at any point leaves each job at the first stage
 * whose effects did not commit; that stage runs again, none runs twice.
 *
 * In the server the pipeline shares the event loop with intake, and intake comes
 * first: a batch stops after a time slice, a short one while reports are arriving,
 * so acknowledgements never wait long behind pipeline work; the backlog is durable
 * and drains when intake is quiet.
 */
import type { IdKind } from '../domain/ids.js';
import type { Store } from '../store/store.js';
import type { JoinRule } from '../correlate/join-incident.js';
import type { RepeatRule } from '../protect/abuse.js';
import { STAGES, type NormalizeWiring, type Stage, type StageContext } from './stages.js';

export interface PipelineSettings {
  batchSize: number;
  /** Longest a background batch runs while intake is quiet, in ms. */
  sliceMs: number;
  /** Longest a background batch runs while reports are arriving, in ms. */
  busySliceMs: number;
  /** Intake counts as busy (short slices) this long after reports were last stored, in ms. */
  intakeBusyMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  joinRule: JoinRule;
  repeatRule: RepeatRule;
}

export interface PipelineLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface PipelineDeps {
  store: Store;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  settings: PipelineSettings;
  normalize: NormalizeWiring;
  log: PipelineLog;
  /** Called after each batch that changed something has committed. */
  onCommitted?: (processed: number) => void;
  /** Told how long each stage run that succeeded took, in ms (metrics); must not throw. */
  onStage?: (stage: string, ms: number) => void;
  /** Test seam: the stages to run (default: all of STAGES). */
  stages?: readonly Stage[];
}

export interface BatchResult {
  /** Jobs taken from the queue in this batch. */
  taken: number;
  /** Reports that went through their last stage. */
  completed: number;
  /** Stage runs that threw (retried later or parked). */
  failed: number;
}

export interface Pipeline {
  /** Queue a newly stored report; call inside the transaction that stores it. */
  enqueue(reportId: string, now: number): void;
  /**
   * Normalizes a report again now (its claims changed), inside the caller's
   * transaction, and queues the stages after normalize if nothing is queued.
   */
  renormalize(reportId: string): void;
  /** Runs due jobs in one transaction: up to batchSize, and stops after `sliceMs` if given. */
  runBatch(sliceMs?: number): BatchResult;
  /** Run batches until nothing is due now. */
  drain(): BatchResult;
  /**
   * Run in the background, on poke(). Work queued by other processes or due for retry
   * is found by the scheduler's `pipeline-poll` job poking it (src/workers.ts).
   */
  start(): void;
  poke(): void;
  /** Reports were just stored: wake up, and keep batches short for a while. */
  noteIntake(): void;
  stop(): void;
}

/** A short, text-free description of a failure: never a report's content. */
function failureCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return err instanceof Error ? err.name : 'unknown_error';
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { store, clock, settings, log } = deps;
  const stages = deps.stages ?? STAGES;
  const indexOf = new Map(stages.map((s, i) => [s.name as string, i]));
  const first = stages[0]!.name;

  function contextAt(now: number): StageContext {
    return {
      store,
      now,
      newId: deps.newId,
      joinRule: settings.joinRule,
      repeatRule: settings.repeatRule,
      normalize: deps.normalize,
    };
  }

  function runStage(ctx: StageContext, reportId: string, stage: Stage) {
    const report = store.reports.get(reportId);
    if (!report) throw Object.assign(new Error('report missing'), { code: 'report_missing' });
    const started = performance.now();
    stage.run(ctx, report);
    deps.onStage?.(stage.name, performance.now() - started);
  }

  function runJob(ctx: StageContext, job: { id: number; reportId: string; stage: string }) {
    const from = indexOf.get(job.stage);
    if (from === undefined) throw new Error(`unknown stage ${job.stage}`);
    // Fast path: the remaining stages in one savepoint and the job completed once,
    // instead of a savepoint and a job update per stage. If a stage throws, all of
    // them roll back; the stages before it then run again, one savepoint each, and the
    // error goes on with the job at the failing stage: the same outcome as a
    // savepoint per stage from the start, and the failing stage ran once.
    let failedAt = from;
    try {
      store.transaction(() => {
        for (; failedAt < stages.length; failedAt++) {
          runStage(ctx, job.reportId, stages[failedAt]!);
        }
        store.jobs.complete(job.id);
      });
      return;
    } catch (err) {
      for (let index = from; index < Math.min(failedAt, stages.length - 1); index++) {
        store.transaction(() => {
          runStage(ctx, job.reportId, stages[index]!);
          store.jobs.advance(job.id, stages[index + 1]!.name, ctx.now);
        });
      }
      throw err;
    }
  }

  function runBatch(sliceMs = Infinity): BatchResult {
    const now = clock();
    const started = performance.now();
    const ctx = contextAt(now);
    const result: BatchResult = { taken: 0, completed: 0, failed: 0 };
    store.transaction(() => {
      const jobs = store.jobs.due(now, settings.batchSize);
      for (const job of jobs) {
        if (performance.now() - started > sliceMs) break;
        result.taken += 1;
        try {
          runJob(ctx, job);
          result.completed += 1;
        } catch (err) {
          result.failed += 1;
          // The failing stage's savepoint rolled back; the job now names that stage.
          const current = store.jobs.get(job.id);
          const attempts = (current?.attempts ?? job.attempts) + 1;
          const code = failureCode(err);
          const fields = {
            job: job.id,
            report: job.reportId,
            stage: current?.stage,
            attempts,
            code,
          };
          if (attempts >= settings.maxAttempts) {
            store.jobs.park(job.id, attempts, code, now);
            log.error(fields, 'pipeline stage failed for good; job parked');
          } else {
            const delay = settings.retryBaseMs * 2 ** (attempts - 1);
            store.jobs.retryLater(job.id, attempts, now + delay, code);
            log.warn(fields, 'pipeline stage failed; will retry');
          }
        }
      }
    });
    if (result.taken > 0) deps.onCommitted?.(result.taken);
    return result;
  }

  let scheduled = false;
  let running = false;
  let lastIntakeAt = -Infinity;

  function loop() {
    scheduled = false;
    if (!running) return;
    try {
      const busy = performance.now() - lastIntakeAt < settings.intakeBusyMs;
      const { taken } = runBatch(busy ? settings.busySliceMs : settings.sliceMs);
      // More may be due; setImmediate lets waiting requests in first.
      if (taken > 0) poke();
    } catch (err) {
      log.error({ code: failureCode(err) }, 'pipeline batch failed');
    }
  }

  function poke() {
    if (!running || scheduled) return;
    scheduled = true;
    setImmediate(loop);
  }

  return {
    enqueue(reportId, now) {
      store.jobs.enqueue(reportId, first, now);
    },
    renormalize(reportId) {
      const now = clock();
      const normalizeStage = stages.find((st) => st.name === 'normalize');
      const next = stages[stages.findIndex((st) => st.name === 'normalize') + 1];
      store.transaction(() => {
        const report = store.reports.get(reportId);
        if (!report || !normalizeStage) return;
        normalizeStage.run(contextAt(now), report);
        // A job still waiting keeps its place; a finished report goes through the rest again.
        if (!store.jobs.forReport(reportId) && next) store.jobs.enqueue(reportId, next.name, now);
      });
      poke();
    },
    runBatch,
    drain() {
      const total: BatchResult = { taken: 0, completed: 0, failed: 0 };
      for (;;) {
        const r = runBatch();
        total.taken += r.taken;
        total.completed += r.completed;
        total.failed += r.failed;
        if (r.taken === 0) return total;
      }
    },
    start() {
      running = true;
      poke();
    },
    poke,
    noteIntake() {
      lastIntakeAt = performance.now();
      poke();
    },
    stop() {
      running = false;
    },
  };
}
