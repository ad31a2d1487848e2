import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: vitest's default on a 2-CPU machine is one (CPUs − 1), and most
    // files wait on a server, the CLI or a browser in another process (CI: 20 min → see
    // TESTING.md).
    maxWorkers: 2,
    globalSetup: ['test/log-scan.global.ts'],
    // Each file's duration is kept (git-ignored) to see where the suite's time goes.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
  },
});
