/**
 * The analysts' map index, kept in the HTTP process: both layers (reports,
 * incidents), built from the store in a worker thread and kept fresh from the live
 * events (`report.processed`, `report.updated`, `incident.updated`).
 *
 * A live event names what changed; the service reads that row again (at most
 * `updateBatch` a turn, yielding between) and records it beside the built index
 * (map-layer.ts). Past `deltaMax` changes, or every `rebuildMinutes` (which also
 * catches what makes no live event: retention, an incident's routing), the index is
 * built again in the worker; the rows changed since the build's snapshot (events
 * after its last event id) are applied to the new one. Until the first build is in,
 * an answer is a 503 (the client retries).
 */
import { AppError } from '../domain/errors.js';
import type { MapIncidentRow, MapReportRow } from '../store/store.js';
import type { BuiltLayers } from './build-layers.js';
import type { GridShape } from './grid.js';
import { partBytes } from './layer-part.js';
import { incidentItem, reportItem, type MapLayerName } from './map-items.js';
import {
  applyChange,
  changeCount,
  createLayer,
  layerFeatures,
  type FeatureAnswer,
  type FeatureQuery,
  type FeatureSettings,
  type MapLayer,
} from './map-layer.js';
import { KEY_LEVEL, levelForZoom } from './viewport.js';

export interface MapIndexSettings extends FeatureSettings {
  leafItems: number;
  timeScanItems: number;
  deltaMax: number;
  updateBatch: number;
}

/** A live event as the map reads it (the events table's rows). */
export interface MapEvent {
  id: number;
  type: string;
  payload: unknown;
}

export interface MapServiceDeps {
  /** The rows a live event names, read again (the store port's `map`). */
  rows: {
    report(id: string): Promise<MapReportRow | null>;
    incident(id: string): Promise<MapIncidentRow | null>;
  };
  /** Builds both layers from the store at one moment, off the HTTP thread. */
  build(shape: GridShape): Promise<BuiltLayers>;
  /**
   * Starts the live events coming (each stored event after now, in order); called
   * once, at the first build: a process that never shows the map never reads them.
   */
  subscribe(onEvent: (event: MapEvent) => void): void;
  settings: MapIndexSettings;
  log: {
    info(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
  /** Yields the event loop between batches of changes. */
  yieldTurn?: () => Promise<void>;
}

export interface MapStatus {
  ready: boolean;
  building: boolean;
  /** When the index in use was built (epoch ms), and what its build took. */
  builtAt: number | null;
  facts: BuiltLayers['facts'] | null;
  /** Changes held beside the built index. */
  changes: number;
  /** Bytes of the index's arrays. */
  bytes: number;
}

const ids = (payload: unknown): { reports: string[]; incidents: string[] } => {
  const p = payload as {
    report?: { id?: unknown; incidentId?: unknown };
    incident?: { id?: unknown; mergedInto?: unknown } | null;
  };
  const text = (v: unknown) => (typeof v === 'string' ? [v] : []);
  return {
    reports: text(p?.report?.id),
    incidents: [
      ...text(p?.report?.incidentId),
      ...text(p?.incident?.id),
      ...text(p?.incident?.mergedInto),
    ],
  };
};

const setImmediateTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createMapService(deps: MapServiceDeps) {
  const { settings } = deps;
  const shape: GridShape = {
    leafItems: settings.leafItems,
    timeScanItems: settings.timeScanItems,
    maxLevel: Math.min(KEY_LEVEL, levelForZoom(settings.clusterMaxZoom, settings.cellPixels)),
  };
  const yieldTurn = deps.yieldTurn ?? setImmediateTurn;
  let layers: Record<MapLayerName, MapLayer> | null = null;
  let builtAt: number | null = null;
  let facts: BuiltLayers['facts'] | null = null;
  let building: Promise<void> | null = null;
  /** Ids named by events since the running build started, with the event's id. */
  let sinceBuild: { eventId: number; layer: MapLayerName; id: string }[] | null = null;
  const dirty: Record<MapLayerName, Set<string>> = { reports: new Set(), incidents: new Set() };
  let flushing: Promise<void> | null = null;
  let closed = false;

  let subscribed = false;

  function note(layer: MapLayerName, id: string, eventId: number) {
    // Before the first build is in, that build (or the one after it) reads everything.
    if (layers) dirty[layer].add(id);
    sinceBuild?.push({ eventId, layer, id });
  }

  function noteEvent(event: MapEvent) {
    if (!event.type.startsWith('report.') && event.type !== 'incident.updated') return;
    const named = ids(event.payload);
    for (const id of named.reports) note('reports', id, event.id);
    for (const id of named.incidents) note('incidents', id, event.id);
    if (layers) void flush();
  }

  async function applyDirty(): Promise<void> {
    for (;;) {
      if (!layers) return;
      let budget = settings.updateBatch;
      for (const layerName of ['reports', 'incidents'] as const) {
        const set = dirty[layerName];
        for (const id of set) {
          if (budget-- <= 0) break;
          set.delete(id);
          const item =
            layerName === 'reports'
              ? await deps.rows.report(id).then((row) => (row ? reportItem(row) : null))
              : await deps.rows.incident(id).then((row) => (row ? incidentItem(row) : null));
          if (layers) applyChange(layers[layerName], id, item);
        }
      }
      if (
        layers &&
        changeCount(layers.reports) + changeCount(layers.incidents) > settings.deltaMax
      ) {
        void rebuild();
      }
      if (dirty.reports.size === 0 && dirty.incidents.size === 0) return;
      await yieldTurn();
    }
  }

  /** Applies the changes live events named so far (one run at a time). */
  function flush(): Promise<void> {
    if (dirty.reports.size === 0 && dirty.incidents.size === 0)
      return flushing ?? Promise.resolve();
    flushing ??= applyDirty().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  async function runBuild(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      deps.subscribe(noteEvent);
    }
    sinceBuild = [];
    const started = Date.now();
    try {
      const built = await deps.build(shape);
      if (closed) return;
      layers = {
        reports: createLayer('reports', built.reports),
        incidents: createLayer('incidents', built.incidents),
      };
      builtAt = started;
      facts = built.facts;
      // What changed after the snapshot is read again into the new index.
      for (const e of sinceBuild) {
        const last = layers[e.layer].base.lastEventId;
        if (e.eventId > last) dirty[e.layer].add(e.id);
      }
      deps.log.info({ ...built.facts, ms: Date.now() - started }, 'map index built');
    } finally {
      sinceBuild = null;
    }
    await flush();
  }

  /** Builds the index again (the running build, if one is running). */
  function rebuild(): Promise<void> {
    if (closed) return Promise.resolve();
    building ??= runBuild()
      .catch((err: unknown) => {
        deps.log.error(
          { code: (err as { code?: string }).code ?? 'map_build_failed' },
          'map index build failed',
        );
        throw err;
      })
      .finally(() => {
        building = null;
      });
    return building;
  }

  return {
    /** Notes what a live event says changed. */
    noteEvent,
    rebuild,
    /** The viewport answer; 503 until the first build is in. */
    async features(layer: MapLayerName, query: FeatureQuery): Promise<FeatureAnswer> {
      if (!layers) {
        void rebuild().catch(() => undefined);
        throw new AppError(
          'map_index_loading',
          'unavailable',
          'the map index is being built; try again shortly',
          [],
          2,
        );
      }
      await flush();
      return layerFeatures(layers[layer], query, settings);
    },
    status(): MapStatus {
      const all = layers ? [layers.reports, layers.incidents] : [];
      return {
        ready: layers !== null,
        building: building !== null,
        builtAt,
        facts,
        changes: all.reduce((n, l) => n + changeCount(l), 0),
        bytes: all.reduce((n, l) => n + partBytes(l.base.part), 0),
      };
    },
    close() {
      closed = true;
      layers = null;
    },
  };
}

export type MapService = ReturnType<typeof createMapService>;
