/**
 * The background jobs of `serve`, declared in one place as data and run by the one
 * scheduler (src/platform/scheduler.ts), which guards, times and reports them.
 * Housekeeping and the retention purge are exclusive: over one database, one
 * process at a time runs them (a lease in the database, `worker_leases`). The
 * polls are per process: each has its own pipeline loop and live-stream clients.
 */
import { randomUUID } from 'node:crypto';
import { intIn, setting } from './platform/settings.js';
import { createScheduler, type Job, type Scheduler } from './platform/scheduler.js';
import type { Runtime } from './runtime.js';
import { createSqliteLock } from './store/sqlite/lease.repository.js';

export const WORKER_SETTINGS = {
  housekeepingIntervalMs: setting(
    'TIPWIRE_HOUSEKEEPING_INTERVAL_MS',
    'How often `serve` prunes old idempotency records and live events, destroys expired pseudonym keys and writes the audit anchor (once at start, then at this interval; one process at a time per database).',
    intIn(1000, 7 * 86_400_000),
    3_600_000,
  ),
};

/** The runtime the jobs work on (the runtime holds the scheduler made from them). */
type WorkerRuntime = Omit<Runtime, 'workers'>;

/** What `serve` runs in the background besides answering requests. */
export function backgroundJobs(runtime: WorkerRuntime): Job[] {
  const { config, logger, geocode } = runtime;
  const jobs: Job[] = [
    {
      name: 'housekeeping',
      intervalMs: config.workers.housekeepingIntervalMs,
      runAtStart: true,
      exclusive: true,
      run: () => runtime.housekeeping(),
    },
    {
      name: 'retention-purge',
      intervalMs: config.retention.purgeIntervalMs,
      runAtStart: true,
      exclusive: true,
      run: () => {
        const r = runtime.purge();
        if (r.reports + r.tokens > 0) logger.info({ ...r }, 'retention purge');
      },
    },
    // Work queued by other processes (an import) or due for retry.
    {
      name: 'pipeline-poll',
      intervalMs: config.pipeline.pollMs,
      run: () => runtime.pipeline.poke(),
    },
    // Events written by other processes (an import) reach this process's live stream.
    { name: 'live-poll', intervalMs: config.notify.pollMs, run: () => runtime.live.poke() },
  ];
  if (geocode) {
    jobs.push({
      name: 'geocoder',
      intervalMs: config.geocoder.pollMs,
      run: async () => {
        await geocode.drain();
      },
      stop: () => geocode.stop(),
    });
  }
  return jobs;
}

/** The scheduler of `serve`'s jobs, with leases in the runtime's database. */
export function createWorkers(runtime: WorkerRuntime): Scheduler {
  return createScheduler(backgroundJobs(runtime), {
    clock: runtime.clock,
    log: runtime.logger.child({ component: 'scheduler' }),
    lock: createSqliteLock(runtime.store.db, { owner: randomUUID(), clock: runtime.clock }),
  });
}
