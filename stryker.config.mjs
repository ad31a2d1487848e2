// Mutation testing of tipwire's pure cores (`npm run test:mutation`; not part of
// `npm test` or .ci/run): small plausible bugs are planted one at a time in the
// files below and the unit tests are run against each; a mutant no test notices
// "survives". Reports go to reports/mutation/ (git-ignored). See TESTING.md.
//
// The cores are the rules and checks over plain data. Adapters that only wire them
// to the file system, threads or the network are left out (listed below), as is the
// services (`src/admin/`, `src/cases/`, `src/retention/`), whose tests go through the store.

/** The files whose mutants count, grouped as TESTING.md reports them. */
export const CORES = [
  'src/protect/**/*.ts',
  'src/normalize/**/*.ts',
  'src/correlate/**/*.ts',
  'src/verify/**/*.ts',
  'src/audit/chain.ts',
  'src/access/**/*.ts',
];

/** Inside the core folders, but not a core: I/O wiring, threads, data tables. */
export const NOT_CORES = [
  '!src/**/*.test.ts',
  '!src/**/*.fixture.ts', // test data shared by tests
  '!src/protect/search-worker.ts', // worker-thread entry: two lines of wiring
  '!src/protect/search-tokenizer.ts', // hands long texts to a worker thread
  '!src/protect/database-keys.ts', // file checks at start-up (test/keys.test.ts, hardening-server)
  '!src/normalize/gazetteer-geonames.ts', // reads the GeoNames file
  '!src/normalize/normalize-deps.ts', // loads the gazetteer and zone data
  '!src/normalize/zone-finder.ts', // geo-tz and tz-lookup
  '!src/normalize/data/**', // word lists
  '!src/verify/**/data/**', // the language model's corpus, the TLD list
  '!src/**/settings.ts', // setting declarations (env var, default, text): src/config.test.ts, test/docs.test.ts
];

export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [...CORES, ...NOT_CORES],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
