/**
 * The one runner of a process's background jobs. A job is data — a name, an
 * interval, a `run` and an optional `stop` — and the scheduler owns everything
 * else: the timers, never letting a run overlap itself, guarding (a failure is
 * logged by job name and error code, never content, and the job runs again at its
 * next turn), stopping (waits for a running turn; idempotent), and a status per job
 * for metrics. Clock and timers are passed in, so tests drive it with fake timers.
 *
 * An `exclusive` job runs in one process at a time among those sharing the lock
 * (two `serve` processes on one database do not both purge): each turn takes or
 * renews a lease of one interval, and a process whose turn comes while another
 * holds it skips that turn. A lease ends by itself, so a crashed holder's job is
 * taken over within two intervals; a stopping scheduler releases its leases.
 */

export interface Job {
  name: string;
  /** From the start of one turn to the start of the next (later if a run takes longer). */
  intervalMs: number;
  run(): void | Promise<void>;
  /** Asked once when the scheduler stops, before it waits for a running turn: end it soon. */
  stop?(): void | Promise<void>;
  /** First turn at start (else after one interval). */
  runAtStart?: boolean;
  /** One process at a time among those sharing the scheduler's lock. */
  exclusive?: boolean;
}

/** Leases by name, shared by the processes that may run the same exclusive jobs. */
export interface Lock {
  /** Takes the lease, or renews it if this holder has it; false while another holder's lasts. */
  tryAcquire(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if this holder has it. */
  release(name: string): Promise<void>;
}

export interface JobStatus {
  name: string;
  intervalMs: number;
  /** When the last run started (ms since the epoch), null before the first. */
  lastRunAt: number | null;
  lastDurationMs: number | null;
  /** The last run's error code, null if it succeeded. */
  lastError: string | null;
  /** Runs finished, failed ones included (turns skipped for another holder's lease are not). */
  runs: number;
  failures: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerDeps {
  clock: () => number;
  log: { error(fields: Record<string, unknown>, message: string): void };
  /** Default: an in-process lock (exclusive jobs then only exclude this scheduler's own). */
  lock?: Lock;
  /** Default: Node's, unref'd (the jobs never keep a process alive on their own). */
  timers?: Timers;
}

export interface Scheduler {
  start(): void;
  /** Resolves when no job runs any more and the leases are released; the same promise each call. */
  stop(): Promise<void>;
  status(): JobStatus[];
}

/** A short, text-free name of a failure: its `code`, else its class name. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return err instanceof Error ? err.name : 'unknown_error';
}

const nodeTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface JobState {
  job: Job;
  status: JobStatus;
  timer: unknown;
  running: Promise<void> | null;
  holdsLease: boolean;
}

export function createScheduler(jobs: readonly Job[], deps: SchedulerDeps): Scheduler {
  const { clock, log } = deps;
  const timers = deps.timers ?? nodeTimers;
  const lock = deps.lock ?? createInProcessLock(clock);
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two background jobs are named ${job.name}`);
    if (!(job.intervalMs > 0)) throw new Error(`background job ${job.name} needs an interval`);
    names.add(job.name);
  }
  const states: JobState[] = jobs.map((job) => ({
    job,
    status: {
      name: job.name,
      intervalMs: job.intervalMs,
      lastRunAt: null,
      lastDurationMs: null,
      lastError: null,
      runs: 0,
      failures: 0,
    },
    timer: null,
    running: null,
    holdsLease: false,
  }));
  let started = false;
  let stopping: Promise<void> | null = null;

  function scheduleNext(state: JobState, inMs: number) {
    if (stopping) return;
    state.timer = timers.setTimeout(
      () => {
        state.timer = null;
        turn(state);
      },
      Math.max(0, inMs),
    );
  }

  async function runOnce(state: JobState): Promise<number> {
    const { job, status } = state;
    const turnStart = clock();
    if (job.exclusive) {
      state.holdsLease = await lock.tryAcquire(job.name, job.intervalMs);
      if (!state.holdsLease || stopping) return turnStart;
    }
    status.lastRunAt = clock();
    try {
      await job.run();
      status.lastError = null;
    } catch (err) {
      status.failures += 1;
      status.lastError = errorCode(err);
      log.error({ job: job.name, code: status.lastError }, 'background job failed');
    }
    status.runs += 1;
    status.lastDurationMs = clock() - status.lastRunAt;
    return turnStart;
  }

  function turn(state: JobState) {
    if (stopping || state.running) return;
    state.running = runOnce(state)
      .catch((err: unknown) => {
        // Only the lock can fail here (the run itself is guarded): try again next turn.
        log.error({ job: state.job.name, code: errorCode(err) }, 'background job lock failed');
        return clock();
      })
      .then((turnStart) => {
        state.running = null;
        scheduleNext(state, turnStart + state.job.intervalMs - clock());
      });
  }

  return {
    start() {
      if (started || stopping) return;
      started = true;
      for (const state of states) {
        if (state.job.runAtStart) turn(state);
        else scheduleNext(state, state.job.intervalMs);
      }
    },
    stop() {
      stopping ??= (async () => {
        for (const state of states) {
          if (state.timer !== null) timers.clearTimeout(state.timer);
          state.timer = null;
        }
        for (const state of states) {
          try {
            await state.job.stop?.();
          } catch (err) {
            log.error({ job: state.job.name, code: errorCode(err) }, 'background job stop failed');
          }
        }
        await Promise.all(states.map((s) => s.running));
        for (const state of states) {
          if (!state.holdsLease) continue;
          state.holdsLease = false;
          try {
            await lock.release(state.job.name);
          } catch (err) {
            log.error({ job: state.job.name, code: errorCode(err) }, 'background job lock failed');
          }
        }
      })();
      return stopping;
    },
    status: () => states.map((s) => ({ ...s.status })),
  };
}

/**
 * Leases in this process's memory. Locks made over one `leases` map exclude each
 * other, like processes over one database; each lock is its own holder.
 */
export function createInProcessLock(
  clock: () => number,
  leases: Map<string, { holder: object; expiresAt: number }> = new Map(),
): Lock {
  const holder = {};
  return {
    tryAcquire(name, ttlMs) {
      const lease = leases.get(name);
      const free = !lease || lease.holder === holder || lease.expiresAt <= clock();
      if (free) leases.set(name, { holder, expiresAt: clock() + ttlMs });
      return Promise.resolve(free);
    },
    release(name) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
      return Promise.resolve();
    },
  };
}
