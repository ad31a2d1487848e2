// Test helper process: runs tipwire's pipeline (from dist/) one report per batch,
// and SIGKILLs itself inside the Nth report's correlate stage, after the stage
// wrote its effects but before they could commit. Used by test/pipeline.test.ts.
import { createPipeline } from '../dist/pipeline/runner.js';
import { STAGES } from '../dist/pipeline/stages.js';
import { newId } from '../dist/domain/ids.js';
import { openSqliteStore } from '../dist/store/sqlite/sqlite-store.js';
import { NORMALIZE_DEFAULTS } from '../dist/normalize/settings.js';

const [dbPath, killAt] = process.argv.slice(2);
const store = openSqliteStore(dbPath);
let correlations = 0;
const stages = STAGES.map((stage) =>
  stage.name !== 'correlate'
    ? stage
    : {
        ...stage,
        run(ctx, report) {
          stage.run(ctx, report);
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
  log: { warn() {}, error() {} },
  // No gazetteer or zone data: the test's reports carry coordinates and offsets.
  normalize: { deps: {}, settings: NORMALIZE_DEFAULTS, geocoding: false },
  settings: {
    batchSize: 1,
    sliceMs: 1000,
    busySliceMs: 1000,
    maxAttempts: 3,
    retryBaseMs: 1000,
    intakeBusyMs: 50,
    joinRule: { radiusMeters: 500, windowMs: 7_200_000 },
    repeatRule: { maxCallsInRow: 3, windowMs: 600_000 },
  },
});
pipeline.drain();
console.error('the pipeline finished without reaching the crash point');
process.exit(3);
