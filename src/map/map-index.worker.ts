/**
 * The map index's worker thread: reads the database at one moment on its own
 * read-only connection and builds both layers (build-layers.ts), handing their
 * arrays back by transfer, so a build over a million reports never holds the HTTP
 * thread.
 */
import { serveTasks } from '../platform/worker-pool.js';
import { openMapReader } from '../store/sqlite/map.repository.js';
import { buildLayers, type BuiltLayers } from './build-layers.js';
import type { GridShape } from './grid.js';
import { transferables } from './layer-part.js';

export interface BuildTask {
  dbPath: string;
  shape: GridShape;
}

serveTasks<BuildTask, BuiltLayers>(({ dbPath, shape }) => {
  const reader = openMapReader(dbPath);
  try {
    const built = buildLayers(reader, shape);
    const transfer = [built.reports, built.incidents].flatMap((layer) => transferables(layer.part));
    return { output: built, transfer };
  } finally {
    reader.close();
  }
});
