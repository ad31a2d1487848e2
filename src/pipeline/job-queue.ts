/**
 * The job-queue port, in the pipeline's terms: a report's next stage waits as a job;
 * the runner claims due jobs, and after each stage advances the job, retries it
 * later or parks it. Writes take the transaction of the stage's effects (`tx`): the
 * SQLite outbox (sqlite-job-queue.ts) moves the job in that same transaction; a
 * broker (NATS JetStream, to come as a file beside it) would publish and ack once it
 * commits, and rely on the stage idempotency keys for a job delivered twice.
 */
import type { StoreTx } from '../store/port.js';
import type { Job } from '../store/store.js';

/**
 * A job as the queue hands it out: the report, its next stage, the failed attempts
 * of that stage so far, its pass (part of the stage idempotency key) and when it
 * became due. The SQLite outbox's row shape (store.ts `Job`) is exactly this.
 */
export type QueuedJob = Job;

export interface QueueStats {
  ready: number;
  failed: number;
  /** How long the longest-waiting due job has waited (ms); null when none is due. */
  oldestDueAgeMs: number | null;
}

/** The slice of a transaction a queue writes through. */
export type QueueTx = Pick<StoreTx, 'jobs'>;

export interface JobQueue {
  enqueue(
    tx: QueueTx,
    job: { reportId: string; stage: string; pass: number },
    availableAt: number,
  ): Promise<void>;
  /**
   * Sends the report through the stages again from `stage` as a new pass (its content
   * changed: a new version), replacing whatever job it had; resolves to the pass.
   */
  restart(tx: QueueTx, reportId: string, stage: string, availableAt: number): Promise<number>;
  /** Due jobs, oldest first, up to `limit`, for this runner. */
  claim(tx: QueueTx, now: number, limit: number): Promise<QueuedJob[]>;
  /** The job's stage is done: it now waits for `nextStage`, or is finished (null). */
  advance(tx: QueueTx, job: QueuedJob, nextStage: string | null, now: number): Promise<void>;
  retry(
    tx: QueueTx,
    job: QueuedJob,
    attempts: number,
    availableAt: number,
    error: string,
  ): Promise<void>;
  /** Gives up on the job (kept, with its error code, for an operator). */
  park(tx: QueueTx, job: QueuedJob, attempts: number, error: string, now: number): Promise<void>;
  /** The report's waiting or parked job, if any. */
  pending(tx: QueueTx, reportId: string): Promise<QueuedJob | null>;
  /** For health and metrics. */
  stats(now: number): Promise<QueueStats>;
}
