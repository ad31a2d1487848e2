/**
 * The cells of one viewport answer, pure: counts and coordinate sums gathered per
 * grid cell from several sources (index nodes, single items, changes with a sign),
 * then merged into coarser cells until at most the allowed number remain. Each cell
 * keeps the references (numbers the caller encodes) it was gathered from, so a cell
 * left with one item can name it. Flat arrays and a key → slot map: an answer adds
 * thousands of contributions and allocates no object for any.
 */

export interface CellSet {
  level: number;
  /** 2^level: cells across the world. */
  side: number;
  /** Cell key (cellKey) → slot. */
  slots: Map<number, number>;
  cx: number[];
  cy: number[];
  /** Items in the cell (changes may subtract). */
  count: number[];
  /** Sums of the items' unit-square coordinates (the cluster's point is their mean). */
  sx: number[];
  sy: number[];
  /** References as linked lists: the slot's first, each one's next (−1 ends). */
  refHead: number[];
  refValue: number[];
  refNext: number[];
}

export const cellKey = (cx: number, cy: number, level: number): number => cy * 2 ** level + cx;

export const emptyCells = (level: number): CellSet => ({
  level,
  side: 2 ** level,
  slots: new Map(),
  cx: [],
  cy: [],
  count: [],
  sx: [],
  sy: [],
  refHead: [],
  refValue: [],
  refNext: [],
});

/** The slot of a cell, made when new; `side` is 2^level. */
function slotOf(set: CellSet, cx: number, cy: number, side: number): number {
  const key = cy * side + cx;
  let slot = set.slots.get(key);
  if (slot === undefined) {
    slot = set.cx.length;
    set.slots.set(key, slot);
    set.cx.push(cx);
    set.cy.push(cy);
    set.count.push(0);
    set.sx.push(0);
    set.sy.push(0);
    set.refHead.push(-1);
  }
  return slot;
}

function addRef(set: CellSet, slot: number, ref: number) {
  set.refValue.push(ref);
  set.refNext.push(set.refHead[slot]!);
  set.refHead[slot] = set.refValue.length - 1;
}

/** Adds `count` items (coordinate sums `sx`, `sy`) to the cell; `ref` names where they came from. */
export function addToCell(
  set: CellSet,
  cx: number,
  cy: number,
  count: number,
  sx: number,
  sy: number,
  ref?: number,
): void {
  const slot = slotOf(set, cx, cy, set.side);
  set.count[slot]! += count;
  set.sx[slot]! += sx;
  set.sy[slot]! += sy;
  if (ref !== undefined) addRef(set, slot, ref);
}

/** The slot's references, oldest first. */
export function refsOf(set: CellSet, slot: number): number[] {
  const out: number[] = [];
  for (let r = set.refHead[slot]!; r >= 0; r = set.refNext[r]!) out.push(set.refValue[r]!);
  return out.reverse();
}

/** Slots of the cells holding at least one item. */
export function liveSlots(set: CellSet): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < set.count.length; slot++) if (set.count[slot]! > 0) out.push(slot);
  return out;
}

/** The cells one level up (empty ones left out): each the sum of its quarters. */
export function coarser(set: CellSet): CellSet {
  const up = emptyCells(set.level - 1);
  const side = up.side;
  for (const slot of liveSlots(set)) {
    const into = slotOf(up, Math.floor(set.cx[slot]! / 2), Math.floor(set.cy[slot]! / 2), side);
    up.count[into]! += set.count[slot]!;
    up.sx[into]! += set.sx[slot]!;
    up.sy[into]! += set.sy[slot]!;
    for (const ref of refsOf(set, slot)) addRef(up, into, ref);
  }
  return up;
}

/** Cells holding at least one item. */
export const liveCount = (set: CellSet): number => liveSlots(set).length;

/**
 * Merged up a level at a time until at most `max` cells hold items (level 0 is one
 * cell: always within any max ≥ 1).
 */
export function fitCells(set: CellSet, max: number): CellSet {
  let out = set;
  while (out.level > 0 && liveCount(out) > max) out = coarser(out);
  return out;
}

/** Items in the cells. */
export function totalOf(set: CellSet): number {
  let total = 0;
  for (const slot of liveSlots(set)) total += set.count[slot]!;
  return total;
}
