import { defineConfig } from 'vitest/config';

/**
 * Files that measure wall-clock time (an answer within 100 ms, a stream closed within
 * its TTL, a report on the page within 2 s) or kill a process at a chosen moment: they
 * run after the rest, one at a time, so a neighbour's load cannot fail them.
 */
const SERIAL = [
  'test/e2e/**/*.test.ts',
  'test/hardening-server.test.ts',
  'test/hardening-api.test.ts',
  'test/normalize-api.test.ts',
  'test/durability.test.ts',
  'test/import.test.ts',
  'test/keys-rotate.test.ts',
  'test/metrics.test.ts',
];

/**
 * Everything else runs two files at a time (TIPWIRE_TEST_WORKERS): most of those files
 * wait on child processes, sockets and timers, so two share the machine's two cores.
 */
const workers = Number(process.env.TIPWIRE_TEST_WORKERS ?? 2);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/log-scan.global.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
          exclude: SERIAL,
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: SERIAL,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
