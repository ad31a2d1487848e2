/**
 * The background jobs of `serve`, declared in one place as data and run by the one
 * scheduler (src/platform/scheduler.ts), which guards, times and reports them.
 * Housekeeping and the retention purge are exclusive: over one database, one
 * process at a time runs them (a lease in the database, `worker_leases`). The
 * polls are per process: each has its own pipeline loop and live-stream clients.
 */
import type { Logger } from 'pino';
import { intIn, setting } from './domain/settings.js';
import { createScheduler, type Job, type Lock, type Scheduler } from './platform/scheduler.js';
import type { PurgeResult } from './retention/retention.service.js';

export const WORKER_SETTINGS = {
  housekeepingIntervalMs: setting(
    'TIPWIRE_HOUSEKEEPING_INTERVAL_MS',
    'How often `serve` prunes old idempotency records and live events, destroys expired pseudonym keys and writes the audit anchor (once at start, then at this interval; one process at a time per database).',
    intIn(1000, 7 * 86_400_000),
    3_600_000,
  ),
};

/** What the jobs work on: the parts of the runtime they call (the runtime holds their scheduler). */
export interface WorkerRuntime {
  config: {
    workers: { housekeepingIntervalMs: number };
    retention: { purgeIntervalMs: number };
    pipeline: { pollMs: number };
    notify: { pollMs: number };
    geocoder: { pollMs: number };
    map: { rebuildMinutes: number };
    text: { lmRetrainHours: number; analysisPollMs: number };
    intake: { stagedFileTtlSeconds: number };
  };
  logger: Logger;
  clock: () => number;
  geocode: { drain(): Promise<unknown>; stop(): void } | null;
  housekeeping(): void;
  purge(): PurgeResult;
  pipeline: { poke(): void };
  live: { poke(): void };
  map: { service: { rebuild(): Promise<void> } };
  retrainTextModel(): Promise<{ reports: number; trainingTokens: number }>;
  textBacklog: { drain(): Promise<number> };
  /** Deletes uploads staged longer than TIPWIRE_STAGED_FILE_TTL_SECONDS; how many. */
  sweepStagedFiles(): Promise<number>;
}

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
    // Files of uploads cut off by a stop (their report was never stored): at start, and
    // then every TTL, so one lives at most twice the TTL. Per process, not leased: a
    // killed process's lease would hold the sweep back, and two sweeps delete alike.
    {
      name: 'staged-files',
      intervalMs: config.intake.stagedFileTtlSeconds * 1000,
      runAtStart: true,
      run: async () => {
        const files = await runtime.sweepStagedFiles();
        if (files > 0) logger.info({ files }, 'staged uploads swept');
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
    // The map's index, built in its worker thread at start and again at this interval (per
    // process: each holds its own); live events keep it current in between.
    {
      name: 'map-index',
      intervalMs: config.map.rebuildMinutes * 60_000,
      runAtStart: true,
      run: () => runtime.map.service.rebuild(),
    },
  ];
  // New reports' text read in the text worker (score, observables) once they are stored.
  // Per process over the shared database: a report is written once whichever reads it.
  jobs.push({
    name: 'text-analysis',
    intervalMs: config.text.analysisPollMs,
    run: async () => {
      // A report sent to verify again waits for no poll.
      if ((await runtime.textBacklog.drain()) > 0) runtime.pipeline.poke();
    },
  });
  // The language model of the text worker (per process: each holds its own), trained on
  // closed cases' narratives at start and at this interval.
  if (config.text.lmRetrainHours > 0) {
    jobs.push({
      name: 'text-model',
      intervalMs: config.text.lmRetrainHours * 3_600_000,
      runAtStart: true,
      run: async () => {
        const r = await runtime.retrainTextModel();
        logger.info(r, 'language model trained');
      },
    });
  }
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

/** The scheduler of `serve`'s jobs; `lock` (leases in the database) keeps exclusive jobs to one process. */
export function createWorkers(runtime: WorkerRuntime, lock: Lock): Scheduler {
  return createScheduler(backgroundJobs(runtime), {
    clock: runtime.clock,
    log: runtime.logger.child({ component: 'scheduler' }),
    lock,
  });
}
