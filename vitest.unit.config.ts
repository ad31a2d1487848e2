/**
 * The unit tests alone (beside their code in src/): what mutation testing runs
 * against the pure cores. No server, no CLI, no log scan; and not the tests over the
 * real GeoNames gazetteer (`*.geonames.test.ts`, in `npm test`): they load 200,000
 * places, which instrumented code takes over ten seconds to do, again for every mutant.
 * Nor media-reader's test: it starts the table worker from dist/, which Stryker's
 * sandbox copy holds older than its sources (workerScript refuses it); intake is not a
 * core, and `npm test` runs it.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.geonames.test.ts', 'src/intake/media-reader.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
