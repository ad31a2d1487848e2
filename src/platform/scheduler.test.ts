import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { openDatabase, type Db } from '../store/sqlite/database.js';
import { createSqliteLock } from '../store/sqlite/lease.repository.js';
import { createInProcessLock, createScheduler, type Job, type Lock } from './scheduler.js';

interface LogLine {
  fields: Record<string, unknown>;
  message: string;
}

function recordingLog() {
  const lines: LogLine[] = [];
  return {
    lines,
    error: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
  };
}

/** A job that counts its runs; `run` may be replaced per test. */
function countingJob(overrides: Partial<Job> = {}): Job & { count: () => number } {
  let runs = 0;
  return {
    name: 'tick',
    intervalMs: 1000,
    run: () => {
      runs += 1;
    },
    count: () => runs,
    ...overrides,
  };
}

/** A promise resolved from outside: a run that lasts until the test says so. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('runs a job at its interval, not before', async () => {
    const job = countingJob();
    const scheduler = createScheduler([job], { clock: Date.now, log: recordingLog() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(job.count()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(job.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(job.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(job.count()).toBe(2);
    await scheduler.stop();
  });

  it('runs a job at start when asked to, then at its interval', async () => {
    const job = countingJob({ runAtStart: true });
    const scheduler = createScheduler([job], { clock: Date.now, log: recordingLog() });
    scheduler.start();
    scheduler.start(); // a second start changes nothing
    expect(job.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.count()).toBe(2);
    await scheduler.stop();
  });

  it('never lets a run overlap itself: a long run delays the next turn', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const starts: number[] = [];
    const job = countingJob({
      run: async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        starts.push(Date.now());
        await new Promise((r) => setTimeout(r, 2500));
        running -= 1;
      },
    });
    const scheduler = createScheduler([job], { clock: Date.now, log: recordingLog() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(mostAtOnce).toBe(1);
    // Turns at 1000, then each as soon as the previous run ended (+2500), on the
    // shortest timer Node has (1 ms): a turn that is due never runs inside the last one.
    expect(starts.map((t) => t - 1_000_000)).toEqual([1000, 3501, 6002, 8503]);
    const stopped = scheduler.stop(); // the run from 8503 ends at 11003
    await vi.advanceTimersByTimeAsync(1003);
    await stopped;
    expect(running).toBe(0);
  });

  it('logs a failure by job name and code only, and runs the job again at its next turn', async () => {
    const log = recordingLog();
    let fail = true;
    const failing = countingJob({
      name: 'purge',
      run: () => {
        if (fail) {
          throw Object.assign(new Error('narrative: a secret the log must not carry'), {
            code: 'store.busy',
          });
        }
      },
    });
    const other = countingJob({ name: 'other' });
    const scheduler = createScheduler([failing, other], { clock: Date.now, log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.lines).toEqual([
      { fields: { job: 'purge', code: 'store.busy' }, message: 'background job failed' },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('secret');
    expect(other.count()).toBe(1);
    expect(scheduler.status().find((s) => s.name === 'purge')).toMatchObject({
      runs: 1,
      failures: 1,
      lastError: 'store.busy',
    });
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(scheduler.status().find((s) => s.name === 'purge')).toMatchObject({
      runs: 2,
      failures: 1,
      lastError: null,
    });
    await scheduler.stop();
  });

  it('names an error without a code by its class, never its message', async () => {
    const log = recordingLog();
    const job = countingJob({
      run: () => {
        throw new TypeError('+8613800138000');
      },
    });
    const scheduler = createScheduler([job], { clock: Date.now, log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.lines[0]?.fields).toEqual({ job: 'tick', code: 'TypeError' });
    expect(JSON.stringify(log.lines)).not.toContain('8613800138000');
    await scheduler.stop();
  });

  it('reports when each job last ran, for how long, and how often', async () => {
    const job = countingJob({
      intervalMs: 5000,
      run: () => new Promise<void>((r) => setTimeout(r, 300)),
    });
    const scheduler = createScheduler([job], { clock: Date.now, log: recordingLog() });
    expect(scheduler.status()).toEqual([
      {
        name: 'tick',
        intervalMs: 5000,
        lastRunAt: null,
        lastDurationMs: null,
        lastError: null,
        runs: 0,
        failures: 0,
      },
    ]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(5300);
    expect(scheduler.status()[0]).toMatchObject({
      lastRunAt: 1_005_000,
      lastDurationMs: 300,
      runs: 1,
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(scheduler.status()[0]).toMatchObject({ lastRunAt: 1_010_000, runs: 2 });
    await scheduler.stop();
  });

  it('stops by waiting for a running turn, asks the job to stop once, and runs nothing after', async () => {
    const running = gate();
    let finished = false;
    const stopJob = vi.fn();
    const job = countingJob({
      runAtStart: true,
      run: async () => {
        await running.promise;
        finished = true;
      },
      stop: stopJob,
    });
    const scheduler = createScheduler([job], { clock: Date.now, log: recordingLog() });
    scheduler.start();
    let stopped = false;
    const first = scheduler.stop().then(() => (stopped = true));
    const second = scheduler.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    expect(stopJob).toHaveBeenCalledTimes(1);
    running.open();
    await first;
    await second;
    expect(finished).toBe(true);
    expect(stopped).toBe(true);
    const runs = scheduler.status()[0]!.runs;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(scheduler.status()[0]!.runs).toBe(runs);
    expect(stopJob).toHaveBeenCalledTimes(1);
  });

  it('refuses two jobs of one name', () => {
    expect(() =>
      createScheduler([countingJob(), countingJob()], { clock: Date.now, log: recordingLog() }),
    ).toThrow(/two background jobs are named tick/);
  });
});

/** The Lock contract, for each implementation: two holders over one shared place. */
const locks: [string, () => { a: Lock; b: Lock; close: () => void }][] = [
  [
    'in-process',
    () => {
      const leases = new Map();
      return {
        a: createInProcessLock(Date.now, leases),
        b: createInProcessLock(Date.now, leases),
        close: () => {},
      };
    },
  ],
  [
    'sqlite (two connections to one file)',
    () => {
      const tmp = tempDir();
      const file = path.join(tmp.dir, 'leases.db');
      const dbs: Db[] = [openDatabase(file), openDatabase(file)];
      return {
        a: createSqliteLock(dbs[0]!, { owner: 'process-a', clock: Date.now }),
        b: createSqliteLock(dbs[1]!, { owner: 'process-b', clock: Date.now }),
        close: () => {
          dbs.forEach((db) => db.close());
          tmp.cleanup();
        },
      };
    },
  ],
];

describe.each(locks)('lock: %s', (_name, make) => {
  let lock: ReturnType<typeof make>;
  beforeEach(() => {
    lock = make();
  });
  afterEach(() => lock.close());

  it('gives a lease to one holder until it expires, at the millisecond', async () => {
    expect(await lock.a.tryAcquire('purge', 1000)).toBe(true);
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(false);
    vi.advanceTimersByTime(999);
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(true);
    expect(await lock.a.tryAcquire('purge', 1000)).toBe(false);
  });

  it('lets its holder renew it, and another take it once released', async () => {
    expect(await lock.a.tryAcquire('purge', 1000)).toBe(true);
    vi.advanceTimersByTime(900);
    expect(await lock.a.tryAcquire('purge', 1000)).toBe(true);
    vi.advanceTimersByTime(900); // past the first lease, within the renewed one
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(false);
    await lock.b.release('purge'); // not b's to release
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(false);
    await lock.a.release('purge');
    expect(await lock.b.tryAcquire('purge', 1000)).toBe(true);
  });

  it('keeps leases of different names apart', async () => {
    expect(await lock.a.tryAcquire('purge', 1000)).toBe(true);
    expect(await lock.b.tryAcquire('housekeeping', 1000)).toBe(true);
  });

  it('lets one of two schedulers run an exclusive job, and the other take over when it stops', async () => {
    const ranBy: string[] = [];
    const schedulerOf = (who: string, holder: Lock) =>
      createScheduler(
        [
          {
            name: 'purge',
            intervalMs: 1000,
            runAtStart: true,
            exclusive: true,
            run: () => {
              ranBy.push(who);
            },
          },
          { name: 'poll', intervalMs: 1000, run: () => void ranBy.push(`${who}:poll`) },
        ],
        { clock: Date.now, log: recordingLog(), lock: holder },
      );
    const first = schedulerOf('a', lock.a);
    const second = schedulerOf('b', lock.b);
    first.start();
    await vi.advanceTimersByTimeAsync(0);
    second.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(ranBy.filter((r) => !r.endsWith(':poll'))).toEqual(['a', 'a', 'a', 'a']);
    // Jobs that are not exclusive run in both.
    expect(ranBy.filter((r) => r === 'a:poll')).toHaveLength(3);
    expect(ranBy.filter((r) => r === 'b:poll')).toHaveLength(3);
    expect(second.status()[0]!.runs).toBe(0);
    await first.stop();
    ranBy.length = 0;
    await vi.advanceTimersByTimeAsync(1000);
    expect(ranBy.sort()).toEqual(['b', 'b:poll']);
    await second.stop();
  });
});
