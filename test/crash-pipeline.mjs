// Test helper process: runs tipwire's pipeline (from dist/) one report per batch,
// and SIGKILLs itself inside the Nth report's correlate stage, after the stage
// wrote its effects but before they could commit. Used by test/pipeline.test.ts.
import { createPipeline } from '../dist/pipeline/runner.js';
import { registeredStages, stageSettingsOf } from '../dist/pipeline/stages.js';
import { newId } from '../dist/domain/ids.js';
import { createAsyncStore } from '../dist/store/sqlite/async-store.js';
import { openSqliteStore } from '../dist/store/sqlite/sqlite-store.js';
import { NORMALIZE_DEFAULTS } from '../dist/normalize/settings.js';
import { loadConfig } from '../dist/config.js';
import { incidentConfigFrom } from '../dist/runtime.js';

const [dbPath, killAt] = process.argv.slice(2);
const store = createAsyncStore(openSqliteStore(dbPath));
const run = {
  batchSize: 1,
  sliceMs: 1000,
  busySliceMs: 1000,
  maxAttempts: 3,
  retryBaseMs: 1000,
  pollMs: 1000,
};
// No gazetteer or zone data: the test's reports carry coordinates and offsets.
const stageSettings = stageSettingsOf(
  {
    run,
    incidents: incidentConfigFrom(loadConfig({})),
    repeatRule: { maxCallsInRow: 3, windowMs: 600_000 },
    normalize: NORMALIZE_DEFAULTS,
    geocoding: false,
    verify: {
      deferHeavyLagMs: 5000,
      check: { contradictionSeconds: 900, staleToleranceSeconds: 900 },
    },
  },
  {},
);
let correlations = 0;
const stages = registeredStages(stageSettings).map((stage) =>
  stage.name !== 'correlate'
    ? stage
    : {
        ...stage,
        async apply(tx, effects) {
          await stage.apply(tx, effects);
          correlations += 1;
          if (correlations === Number(killAt)) process.kill(process.pid, 'SIGKILL');
        },
      },
);
const pipeline = createPipeline({
  store,
  clock: Date.now,
  newId,
  stages,
  stageSettings,
  log: { warn() {}, error() {} },
  settings: run,
});
await pipeline.drain();
console.error('the pipeline finished without reaching the crash point');
process.exit(3);
