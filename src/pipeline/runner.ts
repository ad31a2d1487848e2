/**
 * Runs the registered stages (stages.ts) over the job queue (job-queue.ts).
 *
 * A report has at most one job, naming the next stage it needs. The runner claims
 * due jobs in batches; for each it runs the remaining stages one by one, each in a
 * savepoint holding the stage's idempotency key (report, stage, version, pass), its
 * load → decide → apply, and the job's step to the next stage: a stage's effects and
 * "this stage is done" commit together or not at all, and a job delivered again
 * (a broker's at-least-once delivery) finds its keys and skips the applies. The
 * whole batch is one transaction (one fsync). A crash leaves each job at the first
 * stage whose effects did not commit; that stage runs again, none runs twice.
 *
 * The runner runs on the main thread's event loop or in a thread of its own
 * (thread.ts). On the main thread intake comes first: a batch stops after a time
 * slice, a short one while reports are arriving. In its thread the same slices keep
 * the database's write lock short, since intake writes through another connection.
 */
import type { IdKind } from '../domain/ids.js';
import type { AsyncStore, StoreTx } from '../store/port.js';
import { rerunChangedChecks, runDeferredChecks } from './stages/verify.stage.js';
import type { JobQueue, QueuedJob } from './job-queue.js';
import { createSqliteJobQueue } from './sqlite-job-queue.js';
import type { LoadContext, Stage, StageSettings } from './stage.js';
import { incidentRulesOf, registeredStages } from './stages.js';
import { refreshForFindings } from '../incidents/refresh.js';

export interface PipelineSettings {
  batchSize: number;
  /** Longest a background batch runs while intake is quiet, in ms. */
  sliceMs: number;
  /** Longest a background batch runs while reports are arriving, in ms. */
  busySliceMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Intake counts as busy this long after reports were last stored (short slices meanwhile). */
  intakeBusyMs: number;
}

export interface PipelineLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface PipelineDeps {
  store: AsyncStore;
  /** Default: the SQLite outbox over `store`. */
  queue?: JobQueue;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  settings: PipelineSettings;
  stageSettings: StageSettings;
  log: PipelineLog;
  /** Called after each batch that changed something has committed. */
  onCommitted?: (processed: number) => void;
  /** Told how long each stage run that succeeded took, in ms (metrics); must not throw. */
  onStage?: (stage: string, ms: number) => void;
  /** Test seam: the stages to run (default: the registered ones). */
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

/** What the rest of tipwire drives, whether the runner is in this thread or its own. */
export interface PipelineControl {
  /**
   * Normalizes a report again now (its claims changed), inside the caller's
   * transaction, and queues the stages after normalize if nothing is queued.
   */
  renormalize(reportId: string, tx: StoreTx): Promise<void>;
  /**
   * Runs batches (and deferred checks) until nothing is due now; `onBatch` hears the
   * running totals after each batch (in a pipeline thread: once, at the end).
   */
  drain(onBatch?: (total: Readonly<BatchResult>) => void): Promise<BatchResult>;
  /**
   * Run in the background, on poke(). Work queued by other processes or due for retry
   * is found by the scheduler's `pipeline-poll` job poking it (src/workers.ts).
   */
  start(): void;
  poke(): void;
  /** Reports were just stored: wake up, and keep batches short for a while. */
  noteIntake(): void;
  /** Stops the background runs; resolves once the one in progress has committed. */
  stop(): Promise<void>;
}

export interface Pipeline extends PipelineControl {
  /** Runs due jobs in one transaction: up to batchSize, and stops after `sliceMs` if given. */
  runBatch(sliceMs?: number): Promise<BatchResult>;
}

/** A short, text-free description of a failure: never a report's content. */
function failureCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return err instanceof Error ? err.name : 'unknown_error';
}

/** What renormalizing needs: the stages, their settings, the queue and the clock. */
export interface RenormalizeDeps {
  stages: readonly Stage[];
  stageSettings: StageSettings;
  queue: JobQueue;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
}

/**
 * Normalize's load → decide → apply in the caller's transaction; then, unless a job
 * is still waiting (it keeps its place), the stages after normalize are queued as
 * the report's next pass.
 */
export async function renormalizeIn(
  tx: StoreTx,
  reportId: string,
  deps: RenormalizeDeps,
): Promise<void> {
  const index = deps.stages.findIndex((s) => s.name === 'normalize');
  const stage = deps.stages[index];
  if (!stage || !(await tx.reports.get(reportId))) return;
  const now = deps.clock();
  const at: LoadContext = { now, newId: deps.newId, backlogLagMs: 0 };
  await stage.apply(tx, stage.decide(await stage.load(tx, reportId, at), deps.stageSettings));
  const next = deps.stages[index + 1];
  if (next) await queueNextPass(tx, deps.queue, reportId, next.name, now);
}

/**
 * Queues the report's next pass from `stage` on, in the caller's transaction, unless a
 * job of the report is still waiting (it keeps its place and will see what changed).
 * New evidence read after the pipeline ran (the text worker's score) goes through here.
 */
export async function queueNextPass(
  tx: StoreTx,
  queue: Pick<JobQueue, 'pending' | 'enqueue'>,
  reportId: string,
  stage: string,
  now: number,
): Promise<void> {
  if (await queue.pending(tx, reportId)) return;
  const pass = (await tx.stageEffects.lastPass(reportId)) + 1;
  await queue.enqueue(tx, { reportId, stage, pass }, now);
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { store, clock, settings, log, stageSettings } = deps;
  const queue = deps.queue ?? createSqliteJobQueue(store);
  const stages = deps.stages ?? registeredStages(stageSettings);
  const incidentRules = incidentRulesOf(stageSettings.incidents);
  const indexOf = new Map(stages.map((s, i) => [s.name, i]));

  /** Runs the job's remaining stages; returns the stage that failed, if one did. */
  async function runJob(tx: StoreTx, job: QueuedJob, at: LoadContext) {
    const start = indexOf.get(job.stage);
    if (start === undefined) {
      throw Object.assign(new Error('unknown stage'), { code: 'unknown_stage', stage: job.stage });
    }
    for (let index = start; index < stages.length; index++) {
      const stage = stages[index]!;
      const next = stages[index + 1];
      try {
        await tx.transaction(async (sp) => {
          const fresh = await sp.stageEffects.record(
            job.reportId,
            stage.name,
            stage.version,
            job.pass,
            at.now,
          );
          if (fresh) {
            const started = performance.now();
            const input = await stage.load(sp, job.reportId, at);
            await stage.apply(sp, stage.decide(input, stageSettings));
            deps.onStage?.(stage.name, performance.now() - started);
          }
          await queue.advance(sp, job, next?.name ?? null, at.now);
        });
      } catch (err) {
        // The stage's savepoint rolled back; the job names this stage. Its attempts
        // count from 0 again once an earlier stage of this run moved the job on.
        throw Object.assign(new StageFailure(err), {
          stage: stage.name,
          attempts: (index === start ? job.attempts : 0) + 1,
        });
      }
    }
  }

  async function runBatch(sliceMs = Infinity): Promise<BatchResult> {
    const now = clock();
    const started = performance.now();
    const result: BatchResult = { taken: 0, completed: 0, failed: 0 };
    await store.transaction(async (tx) => {
      const jobs = await queue.claim(tx, now, settings.batchSize);
      const at: LoadContext = {
        now,
        newId: deps.newId,
        backlogLagMs: jobs.length > 0 ? now - jobs[0]!.availableAt : 0,
      };
      for (const job of jobs) {
        if (performance.now() - started > sliceMs) break;
        result.taken += 1;
        try {
          await runJob(tx, job, at);
          result.completed += 1;
        } catch (err) {
          result.failed += 1;
          const failure = err as StageFailure & { stage?: string; attempts?: number };
          const attempts = failure.attempts ?? job.attempts + 1;
          const code = failureCode(failure instanceof StageFailure ? failure.original : err);
          const fields = {
            job: job.id,
            report: job.reportId,
            stage: failure.stage,
            attempts,
            code,
          };
          if (attempts >= settings.maxAttempts) {
            await queue.park(tx, job, attempts, code, now);
            log.error(fields, 'pipeline stage failed for good; job parked');
          } else {
            const delay = settings.retryBaseMs * 2 ** (attempts - 1);
            await queue.retry(tx, job, attempts, now + delay, code);
            log.warn(fields, 'pipeline stage failed; will retry');
          }
        }
      }
    });
    if (result.taken > 0) deps.onCommitted?.(result.taken);
    return result;
  }

  /**
   * Deferred heavy checks, a batch of them, when no job is due; when none is deferred, a
   * turn of the walk that verifies stored reports again with checks that changed.
   */
  async function runDeferred(): Promise<number> {
    if (!indexOf.has('verify')) return 0;
    const now = clock();
    const ran = await store.transaction(async (tx) => {
      const touched = new Set<string>();
      const { verify } = stageSettings;
      const deferred = await runDeferredChecks(tx, verify, now, settings.batchSize, touched);
      const done =
        deferred > 0
          ? deferred
          : await rerunChangedChecks(tx, verify, now, settings.batchSize, touched);
      // Their incidents' confidence weighs the findings just written.
      await refreshForFindings(tx, touched, now, incidentRules);
      return done;
    });
    if (ran > 0) deps.onCommitted?.(0);
    return ran;
  }

  let scheduled = false;
  let running = false;
  let inFlight: Promise<void> | null = null;
  let lastIntakeAt = -Infinity;

  async function loop() {
    scheduled = false;
    if (!running) return;
    try {
      const busy = performance.now() - lastIntakeAt < settings.intakeBusyMs;
      const { taken } = await runBatch(busy ? settings.busySliceMs : settings.sliceMs);
      // More may be due; setImmediate lets waiting requests in first.
      if (taken > 0 || (await runDeferred()) > 0) poke();
    } catch (err) {
      log.error({ code: failureCode(err) }, 'pipeline batch failed');
    }
  }

  function poke() {
    if (!running || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      inFlight = loop().finally(() => (inFlight = null));
    });
  }

  const renormalizeDeps = { stages, stageSettings, queue, clock, newId: deps.newId };

  return {
    async renormalize(reportId, tx) {
      await renormalizeIn(tx, reportId, renormalizeDeps);
      // After the caller's transaction has committed (it ends within this turn).
      setImmediate(poke);
    },
    runBatch,
    async drain(onBatch) {
      const total: BatchResult = { taken: 0, completed: 0, failed: 0 };
      for (;;) {
        const r = await runBatch();
        total.taken += r.taken;
        total.completed += r.completed;
        total.failed += r.failed;
        if (r.taken > 0) onBatch?.(total);
        if (r.taken === 0 && (await runDeferred()) === 0) return total;
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
    async stop() {
      running = false;
      await inFlight;
    },
  };
}

/** A stage's failure, carrying the original error (whose code is logged, never its text). */
class StageFailure extends Error {
  constructor(readonly original: unknown) {
    super('a pipeline stage failed');
  }
}
