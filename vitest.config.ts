import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that measure how fast the server answers while they load it (/health within a
 * budget while the fuzzer or the largest narrative runs, live streams, SIGKILL timings):
 * they run last, one at a time, with nothing else on the machine's two cores.
 */
const TIMED = [
  'test/fuzz/http.test.ts',
  'test/hardening-server.test.ts',
  'test/live.test.ts',
  'test/durability.test.ts',
  // WebGL through SwiftShader: its frames miss their waits beside another browser test.
  'test/e2e/app-map.test.ts',
  // Its map test too (three WebGL pages took over 30 s beside another browser test in CI).
  'test/e2e/app-xss.test.ts',
  // Times the jump to the 10,000th row (1 s) and a live answer (30 s): both missed in a CI
  // run beside another file (1,411 ms, a timeout), and passed alone (19 of 19).
  'test/e2e/app-queue.test.ts',
];

/**
 * Unit files that mock modules, timers or globals: they keep a module graph of their own
 * (the `parallel` project) so that nothing they replace leaks into another file.
 */
const MOCKING = [
  'src/platform/scheduler.test.ts',
  'src/protect/random.test.ts',
  'src/protect/blind-index.test.ts',
  'src/protect/keyring.test.ts',
];

/** Files run at once in the first group (`unit` and `parallel`); see `parallel` below. */
const FIRST_GROUP_WORKERS = 3;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/log-scan.global.ts'],
    // Each file's duration is kept (git-ignored) to see where the suite's time goes.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...TIMED, ...MOCKING],
          // Pure rules over plain data: one module graph per worker for all of them, not a
          // fresh one per file (the 161 files took 71 s isolated, 27 s not, on the 2-vCPU VM).
          isolate: false,
          maxWorkers: FIRST_GROUP_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['test/**/*.test.ts', ...MOCKING],
          exclude: [...configDefaults.exclude, ...TIMED],
          // Three files at a time on two CPUs (vitest's default there is one, CPUs − 1): most
          // files wait on a server, the CLI or a browser in another process. With two, a
          // worker sat idle a third of the time; the suite took 836 s, and 605 and 650 s with three.
          // The `unit` project runs in the same group, so it must have the same number.
          maxWorkers: FIRST_GROUP_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timed',
          include: TIMED,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
