/**
 * One layer of the map (reports or incidents) as the HTTP thread holds it, and its
 * viewport answer. Pure over its data: no I/O, no clock.
 *
 * A layer is a base built at one moment (two parts, layer-part.ts: what analysts see
 * and what they do not) plus the changes since: each changed item's old base entry is
 * marked dead and cancelled by a −1 entry, its new state (if it is still on the map)
 * held beside the base. An answer gathers cell counts from the base's quadtree down to
 * the grid level of the zoom (never spanning more than `viewCellsMax` cells of the
 * viewport), adds the changes, keeps only what the viewer's scope sees and what meets
 * the time window, then merges cells into coarser ones until at most `maxFeatures`
 * remain. A cell left with one item is that item; above `clusterMaxZoom` every item is
 * shown alone while they fit.
 */
import { addToCell, emptyCells, fitCells, totalOf, type Cell, type CellSet } from './cells.js';
import { itemInWindow, nodeCount, type MinuteWindow } from './grid.js';
import {
  idAt,
  NO_CODE,
  NO_STATUS,
  positionOf,
  SEVERAL_OFFICES,
  type LayerPart,
} from './layer-part.js';
import { seesItem, type ItemScope, type MapItem, type MapLayerName } from './map-items.js';
import {
  cellOf,
  cellRange,
  inRects,
  latToY,
  levelForZoom,
  lonToX,
  searchLevel,
  xToLon,
  yToLat,
  zoomForLevel,
  type CellRange,
  type Rect,
} from './viewport.js';

export type PartName = 'visible' | 'hidden';

export interface LayerBase {
  parts: Record<PartName, LayerPart>;
  /** When the build's snapshot was read: the newest live event it includes. */
  lastEventId: number;
}

interface Changed {
  item: MapItem;
  x: number;
  y: number;
}

export interface MapLayer {
  name: MapLayerName;
  base: LayerBase;
  dead: Record<PartName, Uint8Array>;
  /** Dead base items, in the order they died. */
  cancelled: { part: PartName; pos: number }[];
  /** The changed items' current state, by id. */
  changed: Map<string, Changed>;
  /** Items of each office, by part and office code (made on first use). */
  officeItems: Partial<Record<PartName, Map<number, Uint32Array>>>;
}

export function createLayer(name: MapLayerName, base: LayerBase): MapLayer {
  return {
    name,
    base,
    dead: {
      visible: new Uint8Array(base.parts.visible.points.x.length),
      hidden: new Uint8Array(base.parts.hidden.points.x.length),
    },
    cancelled: [],
    changed: new Map(),
    officeItems: {},
  };
}

/** Changes held beside the base (a rebuild folds them in). */
export const changeCount = (layer: MapLayer): number => layer.cancelled.length + layer.changed.size;

/** Records the item's new state (null: it left the map). */
export function applyChange(layer: MapLayer, id: string, item: MapItem | null): void {
  for (const part of ['visible', 'hidden'] as const) {
    const pos = positionOf(layer.base.parts[part], id);
    if (pos >= 0 && layer.dead[part][pos] === 0) {
      layer.dead[part][pos] = 1;
      layer.cancelled.push({ part, pos });
    }
  }
  layer.changed.delete(id);
  if (item) layer.changed.set(id, { item, x: lonToX(item.lon), y: latToY(item.lat) });
}

export interface FeatureQuery {
  rects: readonly Rect[];
  zoom: number;
  window: MinuteWindow | null;
  scope: ItemScope;
}

export interface FeatureSettings {
  maxFeatures: number;
  cellPixels: number;
  clusterMaxZoom: number;
  viewCellsMax: number;
}

export interface ClusterProperties {
  cluster: true;
  id: string;
  count: number;
  /** For a heat layer: the items it stands for. */
  weight: number;
}

export interface ItemProperties {
  cluster: false;
  id: string;
  kind: 'report' | 'incident';
  /** The uncertainty of its place: a report's accuracy, an incident's spread. */
  radiusMeters: number | null;
  category: string | null;
  status: string | null;
  confidence: number | null;
  reportCount: number | null;
  start: string;
  end: string;
  weight: 1;
}

export interface MapFeature<P = ClusterProperties | ItemProperties> {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export interface FeatureAnswer {
  type: 'FeatureCollection';
  /** The zoom whose grid the answer uses: lower than asked when the cap merged cells. */
  zoom: number;
  /** Whether the cap (or the viewport's size) made the answer coarser than the zoom asks. */
  truncated: boolean;
  /** Items the features stand for. */
  total: number;
  features: MapFeature[];
  /** Single incidents shown over only some of their members (the route rescopes them). */
  partial: string[];
}

type Ref =
  | { kind: 'node'; part: PartName; node: number }
  | { kind: 'item'; part: PartName; pos: number }
  | { kind: 'changed'; changed: Changed };

const hit = (ranges: readonly CellRange[], cx: number, cy: number): boolean => {
  for (const r of ranges) if (cx >= r.cx0 && cx <= r.cx1 && cy >= r.cy0 && cy <= r.cy1) return true;
  return false;
};

/** The quadtree's nodes at `level` (and its shallower leaves' items) meeting the viewport. */
function collectTree(
  part: LayerPart,
  partName: PartName,
  ranges: readonly CellRange[][],
  set: CellSet,
  w: MinuteWindow | null,
): void {
  const t = part.tree;
  const p = part.points;
  const level = set.level;
  if (t.nodes === 0) return;
  let frontier = [0];
  let counts = [nodeCount(t, p, 0, w)];
  if (counts[0] === 0) return;
  while (frontier.length > 0) {
    const next: number[] = [];
    const nextCounts: number[] = [];
    for (let k = 0; k < frontier.length; k++) {
      const node = frontier[k]!;
      const count = counts[k]!;
      const l = t.level[node]!;
      if (l === level) {
        const share = count / (t.end[node]! - t.start[node]!);
        addToCell(
          set,
          t.cx[node]!,
          t.cy[node]!,
          count,
          t.sumX[node]! * share,
          t.sumY[node]! * share,
          {
            kind: 'node',
            part: partName,
            node,
          } satisfies Ref,
        );
        continue;
      }
      const first = t.firstChild[node]!;
      if (first < 0) {
        const want = ranges[level]!;
        for (let i = t.start[node]!; i < t.end[node]!; i++) {
          if (!itemInWindow(p.from[i]!, p.to[i]!, w)) continue;
          const cx = cellOf(p.x[i]!, level);
          const cy = cellOf(p.y[i]!, level);
          if (hit(want, cx, cy)) {
            addToCell(set, cx, cy, 1, p.x[i]!, p.y[i]!, {
              kind: 'item',
              part: partName,
              pos: i,
            } satisfies Ref);
          }
        }
        continue;
      }
      const want = ranges[l + 1]!;
      for (let ch = first; ch < first + t.childCount[node]!; ch++) {
        if (!hit(want, t.cx[ch]!, t.cy[ch]!)) continue;
        const c = nodeCount(t, p, ch, w);
        if (c > 0) {
          next.push(ch);
          nextCounts.push(c);
        }
      }
    }
    frontier = next;
    counts = nextCounts;
  }
}

/** Office code of `officeId` in the part's table, or null when the part names no such office. */
function officeCode(part: LayerPart, officeId: string): number | null {
  const code = part.offices.indexOf(officeId);
  return code < 0 ? null : code;
}

function officeItems(layer: MapLayer, partName: PartName, code: number): Uint32Array {
  let byOffice = layer.officeItems[partName];
  if (!byOffice) {
    const part = layer.base.parts[partName];
    const lists = new Map<number, number[]>();
    const push = (c: number, pos: number) => {
      const list = lists.get(c);
      if (list) list.push(pos);
      else lists.set(c, [pos]);
    };
    for (let pos = 0; pos < part.office.length; pos++) {
      const c = part.office[pos]!;
      if (c >= 0) push(c, pos);
    }
    for (const [pos, codes] of part.severalOffices) for (const c of codes) push(c, pos);
    byOffice = new Map(
      [...lists].map(([c, list]) => [c, Uint32Array.from(list.sort((a, b) => a - b))]),
    );
    layer.officeItems[partName] = byOffice;
  }
  return byOffice.get(code) ?? new Uint32Array(0);
}

function basePositionSeen(layer: MapLayer, partName: PartName, pos: number, scope: ItemScope) {
  if (scope.all || (partName === 'visible' && scope.analystQueue)) return true;
  if (scope.officeId === null) return false;
  const part = layer.base.parts[partName];
  const code = officeCode(part, scope.officeId);
  if (code === null) return false;
  const office = part.office[pos]!;
  if (office === code) return true;
  return (
    office === SEVERAL_OFFICES &&
    part.severalOffices.some(([p, codes]) => p === pos && codes.includes(code))
  );
}

/** The cells of the viewport at the search level, over what the viewer sees. */
function gather(layer: MapLayer, q: FeatureQuery, level: number): CellSet {
  const ranges = Array.from({ length: level + 1 }, (_, l) => q.rects.map((r) => cellRange(r, l)));
  const want = ranges[level]!;
  const set = emptyCells(level);
  const { scope } = q;
  for (const partName of ['visible', 'hidden'] as const) {
    const part = layer.base.parts[partName];
    if (scope.all || (partName === 'visible' && scope.analystQueue)) {
      collectTree(part, partName, ranges, set, q.window);
    } else if (scope.officeId !== null) {
      const code = officeCode(part, scope.officeId);
      if (code === null) continue;
      const p = part.points;
      for (const pos of officeItems(layer, partName, code)) {
        if (!itemInWindow(p.from[pos]!, p.to[pos]!, q.window)) continue;
        const cx = cellOf(p.x[pos]!, level);
        const cy = cellOf(p.y[pos]!, level);
        if (hit(want, cx, cy)) {
          addToCell(set, cx, cy, 1, p.x[pos]!, p.y[pos]!, {
            kind: 'item',
            part: partName,
            pos,
          } satisfies Ref);
        }
      }
    }
  }
  for (const { part: partName, pos } of layer.cancelled) {
    const p = layer.base.parts[partName].points;
    if (!itemInWindow(p.from[pos]!, p.to[pos]!, q.window)) continue;
    if (!basePositionSeen(layer, partName, pos, scope)) continue;
    const cx = cellOf(p.x[pos]!, level);
    const cy = cellOf(p.y[pos]!, level);
    if (hit(want, cx, cy)) addToCell(set, cx, cy, -1, -p.x[pos]!, -p.y[pos]!);
  }
  for (const changed of layer.changed.values()) {
    const { item, x, y } = changed;
    if (!seesItem(scope, item) || !itemInWindow(item.from, item.to, q.window)) continue;
    const cx = cellOf(x, level);
    const cy = cellOf(y, level);
    if (hit(want, cx, cy)) {
      addToCell(set, cx, cy, 1, x, y, { kind: 'changed', changed } satisfies Ref);
    }
  }
  return set;
}

const rounded = (v: number) => Math.round(v * 1e6) / 1e6;
const iso = (ms: number) => new Date(ms).toISOString();

/** The items a cell stands for (alive, in the window; inside the viewport if `exact`), at most `limit`. */
function itemsOf(
  layer: MapLayer,
  cell: Cell,
  q: FeatureQuery,
  exact: boolean,
  limit: number,
  out: MapFeature<ItemProperties>[],
  partial: string[],
): void {
  const kind = layer.name === 'reports' ? 'report' : 'incident';
  const fromPart = (partName: PartName, pos: number) => {
    const part = layer.base.parts[partName];
    const p = part.points;
    if (layer.dead[partName][pos] === 1 || !itemInWindow(p.from[pos]!, p.to[pos]!, q.window))
      return;
    if (exact && !inRects(q.rects, p.x[pos]!, p.y[pos]!)) return;
    const id = idAt(part, pos);
    const radius = part.radius[pos]!;
    const confidence = part.confidence[pos]!;
    const count = part.reportCount[pos]!;
    out.push({
      type: 'Feature',
      id,
      geometry: {
        type: 'Point',
        coordinates: [rounded(xToLon(p.x[pos]!)), rounded(yToLat(p.y[pos]!))],
      },
      properties: {
        cluster: false,
        id,
        kind,
        radiusMeters: Number.isNaN(radius) ? null : radius,
        category: part.category[pos] === NO_CODE ? null : part.categories[part.category[pos]!]!,
        status: part.status[pos] === NO_STATUS ? null : part.statuses[part.status[pos]!]!,
        confidence: Number.isNaN(confidence) ? null : Math.round(confidence * 1e4) / 1e4,
        reportCount: count < 0 ? null : count,
        start: iso(p.from[pos]!),
        end: iso(p.to[pos]!),
        weight: 1,
      },
    });
    if (part.partial[pos] === 1) partial.push(id);
  };
  for (const ref of cell.refs as Ref[]) {
    if (out.length >= limit) return;
    if (ref.kind === 'item') fromPart(ref.part, ref.pos);
    else if (ref.kind === 'node') {
      const t = layer.base.parts[ref.part].tree;
      for (let pos = t.start[ref.node]!; pos < t.end[ref.node]! && out.length < limit; pos++) {
        fromPart(ref.part, pos);
      }
    } else {
      const { item, x, y } = ref.changed;
      if (exact && !inRects(q.rects, x, y)) continue;
      out.push({
        type: 'Feature',
        id: item.id,
        geometry: { type: 'Point', coordinates: [rounded(item.lon), rounded(item.lat)] },
        properties: {
          cluster: false,
          id: item.id,
          kind,
          radiusMeters: item.radiusMeters,
          category: item.category,
          status: item.status,
          confidence: item.confidence === null ? null : Math.round(item.confidence * 1e4) / 1e4,
          reportCount: item.reportCount,
          start: iso(item.from),
          end: iso(item.to),
          weight: 1,
        },
      });
      if (item.partial) partial.push(item.id);
    }
  }
}

function clusterFeature(set: CellSet, cell: Cell): MapFeature<ClusterProperties> {
  const id = `${set.level}/${cell.cx}/${cell.cy}`;
  return {
    type: 'Feature',
    id,
    geometry: {
      type: 'Point',
      coordinates: [rounded(xToLon(cell.sx / cell.count)), rounded(yToLat(cell.sy / cell.count))],
    },
    properties: { cluster: true, id, count: cell.count, weight: cell.count },
  };
}

export function layerFeatures(
  layer: MapLayer,
  q: FeatureQuery,
  settings: FeatureSettings,
): FeatureAnswer {
  const wanted = levelForZoom(q.zoom, settings.cellPixels);
  const level = searchLevel(q.rects, wanted, settings.viewCellsMax);
  const set = gather(layer, q, level);
  const max = settings.maxFeatures;
  const features: MapFeature[] = [];
  const partial: string[] = [];
  const zoomOf = (l: number) =>
    l >= wanted ? Math.floor(q.zoom) : Math.max(0, zoomForLevel(l, settings.cellPixels));

  // Above the cluster zoom: each item alone, inside the viewport, while they fit.
  if (Math.floor(q.zoom) > settings.clusterMaxZoom) {
    const fitted = fitCells(set, Number.MAX_SAFE_INTEGER);
    if (totalOf(fitted) <= max) {
      const items: MapFeature<ItemProperties>[] = [];
      for (const cell of fitted.cells.values()) itemsOf(layer, cell, q, true, max, items, partial);
      return {
        type: 'FeatureCollection',
        zoom: Math.floor(q.zoom),
        truncated: level < wanted,
        total: items.length,
        features: items,
        partial,
      };
    }
  }
  const fitted = fitCells(set, max);
  for (const cell of fitted.cells.values()) {
    if (cell.count === 1) {
      const single: MapFeature<ItemProperties>[] = [];
      itemsOf(layer, cell, q, false, 1, single, partial);
      if (single.length === 1) {
        features.push(single[0]!);
        continue;
      }
    }
    features.push(clusterFeature(fitted, cell));
  }
  return {
    type: 'FeatureCollection',
    zoom: zoomOf(fitted.level),
    truncated: fitted.level < wanted,
    total: totalOf(fitted),
    features,
    partial,
  };
}
