/**
 * The unit tests alone (beside their code in src/): what mutation testing runs
 * against the pure cores. No server, no CLI, no log scan.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
