/**
 * The pipeline's thread (TIPWIRE_PIPELINE_THREAD=on): its own SQLite connection, its
 * own normalize deps (gazetteer), and the runner over them. It tells the main thread
 * after each commit (`committed`, to wake the live stream), forwards its log lines
 * (codes and ids only), and stops when told, after its batch in progress commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newId } from '../domain/ids.js';
import { createNormalizeDeps } from '../normalize/normalize-deps.js';
import { createAsyncStore } from '../store/sqlite/async-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createPipeline } from './runner.js';
import { stageSettingsOf } from './stages.js';
import type { ToMain, ToWorker, WorkerSetup } from './thread.js';

if (!parentPort) throw new Error('pipeline.worker runs inside a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const post = (message: ToMain) => port.postMessage(message);

const sqlite = openSqliteStore(setup.dbPath);
const normalizeDeps = createNormalizeDeps(
  setup.gazetteerFile ? { gazetteerFile: setup.gazetteerFile } : {},
);
normalizeDeps.preload();
const pipeline = createPipeline({
  store: createAsyncStore(sqlite),
  clock: Date.now,
  newId,
  settings: setup.config.run,
  stageSettings: stageSettingsOf(setup.config, normalizeDeps),
  log: {
    warn: (fields, message) => post({ type: 'log', level: 'warn', fields, message }),
    error: (fields, message) => post({ type: 'log', level: 'error', fields, message }),
  },
  onCommitted: (processed) => post({ type: 'committed', processed }),
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      pipeline.start();
      break;
    case 'poke':
      pipeline.poke();
      break;
    case 'intake':
      pipeline.noteIntake();
      break;
    case 'drain':
      void pipeline.drain().then(
        (result) => post({ type: 'drained', id: message.id, result }),
        (err: { code?: string; name?: string }) =>
          post({ type: 'drained', id: message.id, error: err.code ?? err.name ?? 'error' }),
      );
      break;
    case 'stop':
      void pipeline.stop().finally(() => {
        sqlite.close();
        post({ type: 'stopped' });
        port.close();
      });
      break;
  }
});
post({ type: 'ready' });
