/**
 * The job-queue port over the SQLite outbox (the `jobs` table, one row per report
 * naming its next stage): claiming is reading the due rows inside the runner's write
 * transaction (one writer: nobody else can claim them meanwhile), and advancing a job
 * commits with the stage's effects.
 */
import type { AsyncStore } from '../store/port.js';
import type { JobQueue } from './job-queue.js';

export function createSqliteJobQueue(store: Pick<AsyncStore, 'jobs'>): JobQueue {
  return {
    enqueue: (tx, job, availableAt) =>
      tx.jobs.enqueue(job.reportId, job.stage, availableAt, job.pass),
    restart: (tx, reportId, stage, availableAt) => tx.jobs.restart(reportId, stage, availableAt),
    claim: (tx, now, limit) => tx.jobs.due(now, limit),
    advance: (tx, job, nextStage, now) =>
      nextStage === null ? tx.jobs.complete(job.id) : tx.jobs.advance(job.id, nextStage, now),
    retry: (tx, job, attempts, availableAt, error) =>
      tx.jobs.retryLater(job.id, attempts, availableAt, error),
    park: (tx, job, attempts, error, now) => tx.jobs.park(job.id, attempts, error, now),
    pending: (tx, reportId) => tx.jobs.forReport(reportId),
    async stats(now) {
      const { ready, failed } = await store.jobs.counts();
      const oldest = await store.jobs.oldestDueAt(now);
      return { ready, failed, oldestDueAgeMs: oldest === null ? null : now - oldest };
    },
  };
}
