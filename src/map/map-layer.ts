/**
 * One layer of the map (reports or incidents) as the HTTP thread holds it, and its
 * viewport answer. Pure over its data: no I/O, no clock.
 *
 * A layer is a base built at one moment (layer-part.ts; its items hidden from
 * analysts flagged in the same tree) plus the changes since: each changed item's old base entry is
 * marked dead and cancelled by a −1 entry, its new state (if it is still on the map)
 * held beside the base. An answer gathers cell counts from the base's quadtree down to
 * the grid level of the zoom (never spanning more than `viewCellsMax` cells of the
 * viewport), adds the changes, keeps only what the viewer's scope sees and what meets
 * the time window, then merges cells into coarser ones until at most `maxFeatures`
 * remain. A cell left with one item is that item; above `clusterMaxZoom` every item is
 * shown alone while they fit.
 */
import {
  addToCell,
  emptyCells,
  fitCells,
  liveSlots,
  refsOf,
  totalOf,
  type CellSet,
} from './cells.js';
import { itemInWindow, nodeCount, type MinuteWindow } from './grid.js';
import {
  idAt,
  NO_CODE,
  NO_STATUS,
  positionOf,
  SEVERAL_OFFICES,
  type LayerPart,
} from './layer-part.js';
import { isoTime } from './iso-time.js';
import { seesItem, type ItemScope, type MapItem, type MapLayerName } from './map-items.js';
import {
  cellRange,
  inRects,
  latToY,
  levelForZoom,
  lonToX,
  searchLevel,
  xToLon,
  yToLat,
  zoomForLevel,
  type Rect,
} from './viewport.js';

export interface LayerBase {
  part: LayerPart;
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
  /** 1 for a base item a change replaced. */
  dead: Uint8Array;
  /** Dead base items' positions, in the order they died. */
  cancelled: number[];
  /** The changed items' current state, by id. */
  changed: Map<string, Changed>;
  /** Base items of each office, by office code (made on first use). */
  officeItems: Map<number, Uint32Array> | null;
}

export function createLayer(name: MapLayerName, base: LayerBase): MapLayer {
  return {
    name,
    base,
    dead: new Uint8Array(base.part.points.x.length),
    cancelled: [],
    changed: new Map(),
    officeItems: null,
  };
}

/** Changes held beside the base (a rebuild folds them in). */
export const changeCount = (layer: MapLayer): number => layer.cancelled.length + layer.changed.size;

/** Records the item's new state (null: it left the map). */
export function applyChange(layer: MapLayer, id: string, item: MapItem | null): void {
  const pos = positionOf(layer.base.part, id);
  if (pos >= 0 && layer.dead[pos] === 0) {
    layer.dead[pos] = 1;
    layer.cancelled.push(pos);
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

/**
 * Where a cell's items came from, as one number: a base node (node · 2) or base item
 * (pos · 2 + 1); a change is −(its index + 1) in the answer's list of changes.
 */
const nodeRef = (node: number) => node * 2;
const itemRef = (pos: number) => pos * 2 + 1;

/** A level's cell ranges as one flat array: cx0, cx1, cy0, cy1 per rectangle. */
type Ranges = Int32Array;

const rangesAt = (rects: readonly Rect[], level: number): Ranges => {
  const out = new Int32Array(rects.length * 4);
  rects.forEach((r, k) => {
    const c = cellRange(r, level);
    out.set([c.cx0, c.cx1, c.cy0, c.cy1], k * 4);
  });
  return out;
};

/** The viewport's ranges at each level, made when a walk first reaches the level. */
function levelRanges(rects: readonly Rect[]): (level: number) => Ranges {
  const made: Ranges[] = [];
  return (level) => (made[level] ??= rangesAt(rects, level));
}

const hit = (ranges: Ranges, cx: number, cy: number): boolean => {
  for (let k = 0; k < ranges.length; k += 4) {
    if (cx >= ranges[k]! && cx <= ranges[k + 1]! && cy >= ranges[k + 2]! && cy <= ranges[k + 3]!)
      return true;
  }
  return false;
};

/** The cell column (or row) of a unit-square coordinate on a grid `side` cells across. */
const cellAt = (v: number, side: number): number => {
  const c = Math.floor(v * side);
  return c < 0 ? 0 : c >= side ? side - 1 : c;
};

/**
 * The quadtree's nodes at the set's level (and its shallower leaves' items) meeting
 * the viewport: all items, or only those analysts see.
 */
function collectTree(
  part: LayerPart,
  ranges: (level: number) => Ranges,
  set: CellSet,
  w: MinuteWindow | null,
  analystsOnly: boolean,
): void {
  const t = part.tree;
  const p = part.points;
  const level = set.level;
  const side = 2 ** level;
  if (t.nodes === 0) return;
  const want = ranges(level);
  let frontier = [0];
  let counts = [nodeCount(t, p, 0, w, analystsOnly)];
  if (counts[0] === 0) return;
  while (frontier.length > 0) {
    const next: number[] = [];
    const nextCounts: number[] = [];
    for (let k = 0; k < frontier.length; k++) {
      const node = frontier[k]!;
      const count = counts[k]!;
      const l = t.level[node]!;
      if (l === level) {
        // The cluster's point: the mean of the items counted, over all time.
        const hidden = analystsOnly ? t.hiddenCount[node]! : 0;
        const share = count / (t.end[node]! - t.start[node]! - hidden);
        const sx = t.sumX[node]! - (hidden > 0 ? t.hiddenSumX[node]! : 0);
        const sy = t.sumY[node]! - (hidden > 0 ? t.hiddenSumY[node]! : 0);
        addToCell(set, t.cx[node]!, t.cy[node]!, count, sx * share, sy * share, nodeRef(node));
        continue;
      }
      const first = t.firstChild[node]!;
      if (first < 0) {
        for (let i = t.start[node]!; i < t.end[node]!; i++) {
          if (analystsOnly && p.hidden[i] === 1) continue;
          if (w !== null && !itemInWindow(p.from[i]!, p.to[i]!, w)) continue;
          const cx = cellAt(p.x[i]!, side);
          const cy = cellAt(p.y[i]!, side);
          if (hit(want, cx, cy)) addToCell(set, cx, cy, 1, p.x[i]!, p.y[i]!, itemRef(i));
        }
        continue;
      }
      const below = ranges(l + 1);
      for (let ch = first; ch < first + t.childCount[node]!; ch++) {
        if (!hit(below, t.cx[ch]!, t.cy[ch]!)) continue;
        const c =
          w === null && !analystsOnly
            ? t.end[ch]! - t.start[ch]!
            : nodeCount(t, p, ch, w, analystsOnly);
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

/** Office code of `officeId` in the part's table, or null when no item names that office. */
function officeCode(part: LayerPart, officeId: string): number | null {
  const code = part.offices.indexOf(officeId);
  return code < 0 ? null : code;
}

function officeItems(layer: MapLayer, code: number): Uint32Array {
  if (!layer.officeItems) {
    const part = layer.base.part;
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
    layer.officeItems = new Map(
      [...lists].map(([c, list]) => [c, Uint32Array.from(list.sort((a, b) => a - b))]),
    );
  }
  return layer.officeItems.get(code) ?? new Uint32Array(0);
}

/** Whether the viewer sees the base item at `pos` (its part, its offices). */
function seesBase(layer: MapLayer, pos: number, scope: ItemScope, office: number | null): boolean {
  const part = layer.base.part;
  if (scope.all || (scope.analystQueue && part.points.hidden[pos] === 0)) return true;
  if (office === null) return false;
  const code = part.office[pos]!;
  if (code === office) return true;
  return (
    code === SEVERAL_OFFICES &&
    part.severalOffices.some(([p, codes]) => p === pos && codes.includes(office))
  );
}

/** The cells of the viewport at the search level, over what the viewer sees. */
function gather(layer: MapLayer, q: FeatureQuery, level: number, changes: Changed[]): CellSet {
  const ranges = levelRanges(q.rects);
  const want = ranges(level);
  const side = 2 ** level;
  const set = emptyCells(level);
  const { scope } = q;
  const part = layer.base.part;
  const p = part.points;
  const office = scope.officeId === null ? null : officeCode(part, scope.officeId);
  if (scope.all || scope.analystQueue) collectTree(part, ranges, set, q.window, !scope.all);
  if (!scope.all && office !== null) {
    // An office's items the walk above left out: all of them, or those hidden from analysts.
    for (const pos of officeItems(layer, office)) {
      if (scope.analystQueue && p.hidden[pos] === 0) continue;
      if (!itemInWindow(p.from[pos]!, p.to[pos]!, q.window)) continue;
      const cx = cellAt(p.x[pos]!, side);
      const cy = cellAt(p.y[pos]!, side);
      if (hit(want, cx, cy)) addToCell(set, cx, cy, 1, p.x[pos]!, p.y[pos]!, itemRef(pos));
    }
  }
  for (const pos of layer.cancelled) {
    if (!itemInWindow(p.from[pos]!, p.to[pos]!, q.window)) continue;
    if (!seesBase(layer, pos, scope, office)) continue;
    const cx = cellAt(p.x[pos]!, side);
    const cy = cellAt(p.y[pos]!, side);
    if (hit(want, cx, cy)) addToCell(set, cx, cy, -1, -p.x[pos]!, -p.y[pos]!);
  }
  for (const changed of layer.changed.values()) {
    const { item, x, y } = changed;
    if (!seesItem(scope, item) || !itemInWindow(item.from, item.to, q.window)) continue;
    const cx = cellAt(x, side);
    const cy = cellAt(y, side);
    if (hit(want, cx, cy)) {
      changes.push(changed);
      addToCell(set, cx, cy, 1, x, y, -changes.length);
    }
  }
  return set;
}

const rounded = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The items a cell stands for (alive, seen by the viewer, in the window; inside the
 * viewport if `exact`), at most `limit` in all in `out`.
 */
function itemsOf(
  layer: MapLayer,
  refs: readonly number[],
  changes: readonly Changed[],
  q: FeatureQuery,
  exact: boolean,
  limit: number,
  out: MapFeature<ItemProperties>[],
  partial: string[],
): void {
  const kind = layer.name === 'reports' ? 'report' : 'incident';
  const part = layer.base.part;
  const p = part.points;
  const office = q.scope.officeId === null ? null : officeCode(part, q.scope.officeId);
  const fromBase = (pos: number) => {
    if (layer.dead[pos] === 1 || !itemInWindow(p.from[pos]!, p.to[pos]!, q.window)) return;
    if (!seesBase(layer, pos, q.scope, office)) return;
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
        start: isoTime(p.from[pos]!),
        end: isoTime(p.to[pos]!),
        weight: 1,
      },
    });
    if (part.partial[pos] === 1) partial.push(id);
  };
  for (const ref of refs) {
    if (out.length >= limit) return;
    if (ref < 0) {
      const { item, x, y } = changes[-ref - 1]!;
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
          start: isoTime(item.from),
          end: isoTime(item.to),
          weight: 1,
        },
      });
      if (item.partial) partial.push(item.id);
    } else if (ref % 2 === 1) {
      fromBase((ref - 1) / 2);
    } else {
      const node = ref / 2;
      for (
        let pos = part.tree.start[node]!;
        pos < part.tree.end[node]! && out.length < limit;
        pos++
      ) {
        fromBase(pos);
      }
    }
  }
}

function clusterFeature(set: CellSet, slot: number): MapFeature<ClusterProperties> {
  const id = `${set.level}/${set.cx[slot]!}/${set.cy[slot]!}`;
  const count = set.count[slot]!;
  return {
    type: 'Feature',
    id,
    geometry: {
      type: 'Point',
      coordinates: [rounded(xToLon(set.sx[slot]! / count)), rounded(yToLat(set.sy[slot]! / count))],
    },
    properties: { cluster: true, id, count, weight: count },
  };
}

export function layerFeatures(
  layer: MapLayer,
  q: FeatureQuery,
  settings: FeatureSettings,
): FeatureAnswer {
  const wanted = levelForZoom(q.zoom, settings.cellPixels);
  const level = searchLevel(q.rects, wanted, settings.viewCellsMax);
  const changes: Changed[] = [];
  const set = gather(layer, q, level, changes);
  const max = settings.maxFeatures;
  const partial: string[] = [];
  const zoomOf = (l: number) =>
    l >= wanted ? Math.floor(q.zoom) : Math.max(0, zoomForLevel(l, settings.cellPixels));

  // Above the cluster zoom: each item alone, inside the viewport, while they fit.
  if (Math.floor(q.zoom) > settings.clusterMaxZoom && totalOf(set) <= max) {
    const items: MapFeature<ItemProperties>[] = [];
    for (const slot of liveSlots(set)) {
      itemsOf(layer, refsOf(set, slot), changes, q, true, max, items, partial);
    }
    return {
      type: 'FeatureCollection',
      zoom: zoomOf(level),
      truncated: level < wanted,
      total: items.length,
      features: items,
      partial,
    };
  }
  const fitted = fitCells(set, max);
  const features: MapFeature[] = [];
  for (const slot of liveSlots(fitted)) {
    if (fitted.count[slot] === 1) {
      const single: MapFeature<ItemProperties>[] = [];
      itemsOf(layer, refsOf(fitted, slot), changes, q, false, 1, single, partial);
      if (single.length === 1) {
        features.push(single[0]!);
        continue;
      }
    }
    features.push(clusterFeature(fitted, slot));
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
