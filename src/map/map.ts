/**
 * The map as the runtime wires it: the index service over the store (built in its
 * worker thread, fed by the live events), the base layer and the place labels (made
 * once, on first use or by `warm` before the server listens), and the operator's
 * tiles as the setting names them.
 */
import type { Gazetteer } from '../normalize/gazetteer.js';
import { createWorkerPool, type WorkerPool } from '../platform/worker-pool.js';
import type { SettingsOf } from '../domain/settings.js';
import type { AsyncStore } from '../store/port.js';
import { loadBaseLayer, type BaseLayer } from './base-layer.js';
import type { BuiltLayers } from './build-layers.js';
import type { BuildTask } from './map-index.worker.js';
import { createMapService, type MapService, type MapServiceDeps } from './map.service.js';
import { createPlaceIndex, type PlaceIndex } from './places.js';
import type { MAP_SETTINGS } from './settings.js';
import { tilesSource, type TilesSource } from './tiles.js';

export interface MapDeps {
  settings: SettingsOf<typeof MAP_SETTINGS>;
  dbPath: string;
  store: Pick<AsyncStore, 'map'>;
  gazetteer: Pick<Gazetteer, 'places' | 'chineseName'>;
  /** Subscribes to the stored live events (notify/live-events.ts). */
  subscribe: MapServiceDeps['subscribe'];
  /** The compiled worker script (platform/worker-pool.ts workerScript), asked for on the first build. */
  workerScript: () => URL;
  log: MapServiceDeps['log'];
}

export interface MapRuntime {
  service: MapService;
  base(): BaseLayer;
  places(): PlaceIndex;
  tiles: TilesSource | null;
  /** Makes the base layer and the place labels now (a server does this before it listens). */
  warm(): void;
  close(): Promise<void>;
}

export function createMap(deps: MapDeps): MapRuntime {
  const { settings } = deps;
  let building: WorkerPool<BuildTask, BuiltLayers> | null = null;
  const service = createMapService({
    rows: {
      report: (id) => deps.store.map.report(id),
      incident: (id) => deps.store.map.incident(id),
    },
    // A worker thread per build, ended after it: a build's garbage (hundreds of MB at a
    // million reports) goes with its thread instead of staying in an idle one.
    build: async (shape) => {
      const pool = createWorkerPool<BuildTask, BuiltLayers>({
        script: deps.workerScript(),
        size: 1,
        maxQueued: 1,
      });
      building = pool;
      try {
        return await pool.run({ dbPath: deps.dbPath, shape });
      } finally {
        building = null;
        await pool.close();
      }
    },
    settings,
    log: deps.log,
    subscribe: deps.subscribe,
  });
  let base: BaseLayer | null = null;
  let places: PlaceIndex | null = null;
  const map: MapRuntime = {
    service,
    base: () => (base ??= loadBaseLayer(settings.baseResolution)),
    places: () =>
      (places ??= createPlaceIndex(deps.gazetteer.places(), (p) => deps.gazetteer.chineseName(p))),
    tiles: tilesSource(settings.tiles, settings.tilesAttribution),
    warm() {
      map.base();
      map.places();
    },
    async close() {
      service.close();
      await building?.close();
    },
  };
  return map;
}
