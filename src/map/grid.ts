/**
 * The map index's core, pure: an adaptive quadtree over points already in Morton
 * order (morton.ts), as flat typed arrays (built in a worker thread, transferred to
 * the HTTP thread without a copy).
 *
 * A node is a grid cell (level, column, row) holding a contiguous run of items. It is
 * split into its (non-empty) quarters while it holds more than `leafItems` items and
 * is above `maxLevel`; so the tree has at most about items / leafItems inner nodes
 * per level however the points crowd, and a query reads a leaf's few items one by one.
 * Nodes are stored level by level, each level in Morton order, children of a node
 * consecutive. Each node keeps its count, the sums of its items' coordinates (its
 * cluster point is their mean), and the extremes of its items' time intervals in
 * whole minutes; a node with more than `timeScanItems` items also keeps its items'
 * start and end minutes sorted, so a time window counts its items by two binary
 * searches (a merge-sort tree), while a smaller one is counted item by item.
 *
 * Items analysts may not see (the abuse queue's) sit in the same tree, flagged: each
 * node also counts them, sums their coordinates and finds them in `hiddenPos` (their
 * positions, sorted), with their minutes sorted too when they are many, so an
 * analyst's answer is the node's less its hidden items, from one walk of one tree.
 */
import { KEY_LEVEL } from './viewport.js';

export const MINUTE_MS = 60_000;
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS);

/** The points of one index, in Morton order (see morton.ts). */
export interface GridPoints {
  /** Unit-square coordinates (viewport.ts). */
  x: Float64Array;
  y: Float64Array;
  /** The observed interval (reports) or span (incidents), epoch ms. */
  from: Float64Array;
  to: Float64Array;
  /** Column and row at KEY_LEVEL (morton.ts keyCells), in the same order. */
  cx: Uint32Array;
  cy: Uint32Array;
  /** 1 for an item analysts may not see. */
  hidden: Uint8Array;
}

export interface GridShape {
  leafItems: number;
  timeScanItems: number;
  /** Nodes at this level are not split further. */
  maxLevel: number;
}

/** The tree as flat arrays: node i's fields are entry i of each node array. */
export interface GridTree {
  items: number;
  nodes: number;
  level: Uint8Array;
  cx: Uint32Array;
  cy: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** First child's node index, −1 for a leaf; its children follow it consecutively. */
  firstChild: Int32Array;
  childCount: Uint8Array;
  sumX: Float64Array;
  sumY: Float64Array;
  /** Extremes of the items' start and end minutes. */
  minFrom: Int32Array;
  maxFrom: Int32Array;
  minTo: Int32Array;
  maxTo: Int32Array;
  /** Offset of the node's sorted minutes in timeFrom / timeTo, −1 when it has none. */
  timeAt: Int32Array;
  timeFrom: Int32Array;
  timeTo: Int32Array;
  /** Positions of the hidden items, ascending. */
  hiddenPos: Uint32Array;
  /** The node's hidden items: how many, where they start in hiddenPos, their sums. */
  hiddenCount: Uint32Array;
  hiddenFirst: Uint32Array;
  hiddenSumX: Float64Array;
  hiddenSumY: Float64Array;
  /** Offset of the node's hidden items' sorted minutes, −1 when it has none. */
  hiddenTimeAt: Int32Array;
  hiddenTimeFrom: Int32Array;
  hiddenTimeTo: Int32Array;
}

/** Minutes as `[from, to]`, inclusive: an item is in it when its minutes meet it. */
export interface MinuteWindow {
  from: number;
  to: number;
}

/** The child quadrant (0–3: 2·row bit + column bit) of a KEY_LEVEL cell at `level + 1`. */
const quadrant = (cx: number, cy: number, level: number): number => {
  const shift = KEY_LEVEL - 1 - level;
  return (((cy >>> shift) & 1) << 1) | ((cx >>> shift) & 1);
};

/** First index in [lo, hi) whose quadrant at `level + 1` is ≥ q (quadrants ascend there). */
function firstQuadrant(p: GridPoints, lo: number, hi: number, level: number, q: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (quadrant(p.cx[mid]!, p.cy[mid]!, level) < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildGrid(p: GridPoints, shape: GridShape): GridTree {
  const n = p.x.length;
  const level: number[] = [];
  const cx: number[] = [];
  const cy: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const firstChild: number[] = [];
  const childCount: number[] = [];
  if (n > 0) {
    level.push(0);
    cx.push(0);
    cy.push(0);
    start.push(0);
    end.push(n);
    firstChild.push(-1);
    childCount.push(0);
  }
  for (let node = 0; node < level.length; node++) {
    const l = level[node]!;
    const s = start[node]!;
    const e = end[node]!;
    if (e - s <= shape.leafItems || l >= shape.maxLevel) continue;
    firstChild[node] = level.length;
    let from = s;
    for (let q = 0; q < 4; q++) {
      const to = q === 3 ? e : firstQuadrant(p, from, e, l, q + 1);
      if (to > from) {
        level.push(l + 1);
        cx.push(cx[node]! * 2 + (q & 1));
        cy.push(cy[node]! * 2 + (q >> 1));
        start.push(from);
        end.push(to);
        firstChild.push(-1);
        childCount.push(0);
        childCount[node]!++;
      }
      from = to;
    }
  }
  const nodes = level.length;
  const tree: GridTree = {
    items: n,
    nodes,
    level: Uint8Array.from(level),
    cx: Uint32Array.from(cx),
    cy: Uint32Array.from(cy),
    start: Uint32Array.from(start),
    end: Uint32Array.from(end),
    firstChild: Int32Array.from(firstChild),
    childCount: Uint8Array.from(childCount),
    sumX: new Float64Array(nodes),
    sumY: new Float64Array(nodes),
    minFrom: new Int32Array(nodes),
    maxFrom: new Int32Array(nodes),
    minTo: new Int32Array(nodes),
    maxTo: new Int32Array(nodes),
    timeAt: new Int32Array(nodes).fill(-1),
    timeFrom: new Int32Array(0),
    timeTo: new Int32Array(0),
    hiddenPos: new Uint32Array(0),
    hiddenCount: new Uint32Array(nodes),
    hiddenFirst: new Uint32Array(nodes),
    hiddenSumX: new Float64Array(nodes),
    hiddenSumY: new Float64Array(nodes),
    hiddenTimeAt: new Int32Array(nodes).fill(-1),
    hiddenTimeFrom: new Int32Array(0),
    hiddenTimeTo: new Int32Array(0),
  };

  // Sums by prefix: O(1) a node.
  const px = new Float64Array(n + 1);
  const py = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    px[i + 1] = px[i]! + p.x[i]!;
    py[i + 1] = py[i]! + p.y[i]!;
  }
  const fromMin = new Int32Array(n);
  const toMin = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    fromMin[i] = minuteOf(p.from[i]!);
    toMin[i] = minuteOf(p.to[i]!);
  }

  // Sorted minutes for the large nodes: offsets first, then filled children first.
  let pool = 0;
  for (let node = 0; node < nodes; node++) {
    const count = tree.end[node]! - tree.start[node]!;
    if (count > shape.timeScanItems) {
      tree.timeAt[node] = pool;
      pool += count;
    }
  }
  tree.timeFrom = new Int32Array(pool);
  tree.timeTo = new Int32Array(pool);

  for (let node = nodes - 1; node >= 0; node--) {
    const s = tree.start[node]!;
    const e = tree.end[node]!;
    tree.sumX[node] = px[e]! - px[s]!;
    tree.sumY[node] = py[e]! - py[s]!;
    const first = tree.firstChild[node]!;
    if (first < 0) {
      let a = Infinity;
      let b = -Infinity;
      let c = Infinity;
      let d = -Infinity;
      for (let i = s; i < e; i++) {
        a = Math.min(a, fromMin[i]!);
        b = Math.max(b, fromMin[i]!);
        c = Math.min(c, toMin[i]!);
        d = Math.max(d, toMin[i]!);
      }
      tree.minFrom[node] = a;
      tree.maxFrom[node] = b;
      tree.minTo[node] = c;
      tree.maxTo[node] = d;
    } else {
      const last = first + tree.childCount[node]!;
      let a = Infinity;
      let b = -Infinity;
      let c = Infinity;
      let d = -Infinity;
      for (let ch = first; ch < last; ch++) {
        a = Math.min(a, tree.minFrom[ch]!);
        b = Math.max(b, tree.maxFrom[ch]!);
        c = Math.min(c, tree.minTo[ch]!);
        d = Math.max(d, tree.maxTo[ch]!);
      }
      tree.minFrom[node] = a;
      tree.maxFrom[node] = b;
      tree.minTo[node] = c;
      tree.maxTo[node] = d;
    }
    const at = tree.timeAt[node]!;
    if (at < 0) continue;
    const slotFrom = tree.timeFrom.subarray(at, at + (e - s));
    const slotTo = tree.timeTo.subarray(at, at + (e - s));
    if (first < 0) {
      slotFrom.set(fromMin.subarray(s, e));
      slotFrom.sort();
      slotTo.set(toMin.subarray(s, e));
      slotTo.sort();
      continue;
    }
    // A merge of the children's sorted runs (a small child's are sorted here first).
    const runsFrom: Int32Array[] = [];
    const runsTo: Int32Array[] = [];
    for (let ch = first; ch < first + tree.childCount[node]!; ch++) {
      const cs = tree.start[ch]!;
      const ce = tree.end[ch]!;
      const cat = tree.timeAt[ch]!;
      if (cat >= 0) {
        runsFrom.push(tree.timeFrom.subarray(cat, cat + (ce - cs)));
        runsTo.push(tree.timeTo.subarray(cat, cat + (ce - cs)));
      } else {
        runsFrom.push(fromMin.slice(cs, ce).sort());
        runsTo.push(toMin.slice(cs, ce).sort());
      }
    }
    mergeRuns(runsFrom, slotFrom);
    mergeRuns(runsTo, slotTo);
  }
  addHidden(tree, p, fromMin, toMin, shape);
  return tree;
}

/** The hidden items' positions, and each node's count, sums and (when many) sorted minutes of them. */
function addHidden(
  tree: GridTree,
  p: GridPoints,
  fromMin: Int32Array,
  toMin: Int32Array,
  shape: GridShape,
): void {
  const n = p.x.length;
  const before = new Uint32Array(n + 1);
  const hx = new Float64Array(n + 1);
  const hy = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const h = p.hidden[i]!;
    before[i + 1] = before[i]! + h;
    hx[i + 1] = hx[i]! + (h ? p.x[i]! : 0);
    hy[i + 1] = hy[i]! + (h ? p.y[i]! : 0);
  }
  const hiddenPos = new Uint32Array(before[n]!);
  for (let i = 0, k = 0; i < n; i++) if (p.hidden[i]) hiddenPos[k++] = i;
  tree.hiddenPos = hiddenPos;
  let pool = 0;
  for (let node = 0; node < tree.nodes; node++) {
    const s = tree.start[node]!;
    const e = tree.end[node]!;
    const count = before[e]! - before[s]!;
    tree.hiddenCount[node] = count;
    tree.hiddenFirst[node] = before[s]!;
    tree.hiddenSumX[node] = hx[e]! - hx[s]!;
    tree.hiddenSumY[node] = hy[e]! - hy[s]!;
    // Hidden items are few: their minutes are kept sorted from a leaf's worth up.
    if (count > Math.min(shape.leafItems, shape.timeScanItems)) {
      tree.hiddenTimeAt[node] = pool;
      pool += count;
    }
  }
  tree.hiddenTimeFrom = new Int32Array(pool);
  tree.hiddenTimeTo = new Int32Array(pool);
  for (let node = 0; node < tree.nodes; node++) {
    const at = tree.hiddenTimeAt[node]!;
    if (at < 0) continue;
    const first = tree.hiddenFirst[node]!;
    const count = tree.hiddenCount[node]!;
    for (let k = 0; k < count; k++) {
      const i = hiddenPos[first + k]!;
      tree.hiddenTimeFrom[at + k] = fromMin[i]!;
      tree.hiddenTimeTo[at + k] = toMin[i]!;
    }
    tree.hiddenTimeFrom.subarray(at, at + count).sort();
    tree.hiddenTimeTo.subarray(at, at + count).sort();
  }
}

/** Merges up to four sorted runs into `out` (their total length). */
export function mergeRuns(runs: readonly Int32Array[], out: Int32Array): void {
  const heads = runs.map(() => 0);
  for (let k = 0; k < out.length; k++) {
    let best = -1;
    let value = 0;
    for (let r = 0; r < runs.length; r++) {
      const h = heads[r]!;
      const run = runs[r]!;
      if (h < run.length && (best < 0 || run[h]! < value)) {
        best = r;
        value = run[h]!;
      }
    }
    out[k] = value;
    heads[best]!++;
  }
}

/** Elements of the sorted array below `v`. */
function countBelow(a: Int32Array, lo: number, hi: number, v: number): number {
  const base = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo - base;
}

/** Whether an item's minutes meet the window (null: no window, every item). */
export const itemInWindow = (from: number, to: number, w: MinuteWindow | null): boolean =>
  w === null || (minuteOf(from) <= w.to && minuteOf(to) >= w.from);

/** Items of the node whose time meets the window (all of them, or those analysts see). */
export function nodeCount(
  tree: GridTree,
  points: Pick<GridPoints, 'from' | 'to'>,
  node: number,
  w: MinuteWindow | null,
  analystsOnly = false,
): number {
  const all = countAll(tree, points, node, w);
  if (!analystsOnly || all === 0 || tree.hiddenCount[node] === 0) return all;
  return all - countHidden(tree, points, node, w);
}

function countAll(
  tree: GridTree,
  points: Pick<GridPoints, 'from' | 'to'>,
  node: number,
  w: MinuteWindow | null,
): number {
  const s = tree.start[node]!;
  const e = tree.end[node]!;
  if (w === null) return e - s;
  if (tree.minFrom[node]! > w.to || tree.maxTo[node]! < w.from) return 0;
  if (tree.maxFrom[node]! <= w.to && tree.minTo[node]! >= w.from) return e - s;
  const at = tree.timeAt[node]!;
  if (at >= 0) {
    // Started by the window's end, less those ended before its start (all of which started by then).
    const n = e - s;
    return (
      countBelow(tree.timeFrom, at, at + n, w.to + 1) - countBelow(tree.timeTo, at, at + n, w.from)
    );
  }
  let count = 0;
  for (let i = s; i < e; i++) if (itemInWindow(points.from[i]!, points.to[i]!, w)) count++;
  return count;
}

/** The node's hidden items whose time meets the window. */
export function countHidden(
  tree: GridTree,
  points: Pick<GridPoints, 'from' | 'to'>,
  node: number,
  w: MinuteWindow | null,
): number {
  const n = tree.hiddenCount[node]!;
  if (w === null || n === 0) return n;
  if (tree.minFrom[node]! > w.to || tree.maxTo[node]! < w.from) return 0;
  if (tree.maxFrom[node]! <= w.to && tree.minTo[node]! >= w.from) return n;
  const at = tree.hiddenTimeAt[node]!;
  if (at >= 0) {
    return (
      countBelow(tree.hiddenTimeFrom, at, at + n, w.to + 1) -
      countBelow(tree.hiddenTimeTo, at, at + n, w.from)
    );
  }
  const first = tree.hiddenFirst[node]!;
  let count = 0;
  for (let k = first; k < first + n; k++) {
    const i = tree.hiddenPos[k]!;
    if (itemInWindow(points.from[i]!, points.to[i]!, w)) count++;
  }
  return count;
}
