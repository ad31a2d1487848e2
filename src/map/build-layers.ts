/**
 * Builds both layers of the map from the store at one moment: every located report
 * and open incident read in seq order inside one read transaction, then indexed
 * (layer-part.ts). Runs in
 * the map's worker thread (map-index.worker.ts), never on the HTTP thread.
 */
import type { MapRepository } from '../store/store.js';
import type { GridShape } from './grid.js';
import { createPartBuilder } from './layer-part.js';
import { incidentItem, reportItem, type MapItem } from './map-items.js';
import type { LayerBase } from './map-layer.js';

/** What a build reads: the map's rows, inside one snapshot. */
export interface MapSnapshotSource {
  map: Pick<MapRepository, 'reportsAfter' | 'incidentsAfter'>;
  snapshot<T>(fn: (lastEventId: number) => T): T;
}

export interface BuiltLayers {
  reports: LayerBase;
  incidents: LayerBase;
  /** Rows read, and how long reading and indexing took (ms). */
  facts: { reports: number; incidents: number; readMs: number; indexMs: number };
}

const CHUNK = 10_000;

function collect<R extends { seq: number }>(
  read: (afterSeq: number, limit: number) => R[],
  toItem: (row: R) => MapItem | null,
) {
  const builder = createPartBuilder();
  let after = 0;
  for (;;) {
    const rows = read(after, CHUNK);
    for (const row of rows) {
      const item = toItem(row);
      if (item) builder.add(item);
    }
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1]!.seq;
  }
  return builder;
}

export function buildLayers(
  source: MapSnapshotSource,
  shape: GridShape,
  now: () => number = () => performance.now(),
): BuiltLayers {
  const t0 = now();
  const read = source.snapshot((lastEventId) => ({
    lastEventId,
    reports: collect((a, l) => source.map.reportsAfter(a, l), reportItem),
    incidents: collect((a, l) => source.map.incidentsAfter(a, l), incidentItem),
  }));
  const t1 = now();
  const base = (builder: ReturnType<typeof collect>): LayerBase => ({
    lastEventId: read.lastEventId,
    part: builder.finish(shape),
  });
  const reports = base(read.reports);
  const incidents = base(read.incidents);
  return {
    reports,
    incidents,
    facts: {
      reports: read.reports.size,
      incidents: read.incidents.size,
      readMs: Math.round(t1 - t0),
      indexMs: Math.round(now() - t1),
    },
  };
}
