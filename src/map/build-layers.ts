/**
 * Builds both layers of the map from the store at one moment: every located report
 * and open incident read in seq order inside one read transaction, split into the
 * part analysts see and the part they do not, each indexed (layer-part.ts). Runs in
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

function split<R extends { seq: number }>(
  read: (afterSeq: number, limit: number) => R[],
  toItem: (row: R) => MapItem | null,
) {
  const visible = createPartBuilder();
  const hidden = createPartBuilder();
  let after = 0;
  for (;;) {
    const rows = read(after, CHUNK);
    for (const row of rows) {
      const item = toItem(row);
      if (item) (item.analystVisible ? visible : hidden).add(item);
    }
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { visible, hidden };
}

export function buildLayers(
  source: MapSnapshotSource,
  shape: GridShape,
  now: () => number = () => performance.now(),
): BuiltLayers {
  const t0 = now();
  const read = source.snapshot((lastEventId) => ({
    lastEventId,
    reports: split((a, l) => source.map.reportsAfter(a, l), reportItem),
    incidents: split((a, l) => source.map.incidentsAfter(a, l), incidentItem),
  }));
  const t1 = now();
  const base = (parts: ReturnType<typeof split>): LayerBase => ({
    lastEventId: read.lastEventId,
    parts: { visible: parts.visible.finish(shape), hidden: parts.hidden.finish(shape) },
  });
  const reports = base(read.reports);
  const incidents = base(read.incidents);
  return {
    reports,
    incidents,
    facts: {
      reports: read.reports.visible.size + read.reports.hidden.size,
      incidents: read.incidents.visible.size + read.incidents.hidden.size,
      readMs: Math.round(t1 - t0),
      indexMs: Math.round(now() - t1),
    },
  };
}
