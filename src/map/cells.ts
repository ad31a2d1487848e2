/**
 * The cells of one viewport answer, pure: counts and coordinate sums gathered per
 * grid cell from several sources (index nodes, single items, changes with a sign),
 * then merged into coarser cells until at most the allowed number remain. Each cell
 * keeps the opaque references it was gathered from, so a cell left with one item can
 * name it.
 */

export interface Cell {
  cx: number;
  cy: number;
  /** Items in it (changes may subtract). */
  count: number;
  /** Sums of the items' unit-square coordinates (the cluster's point is their mean). */
  sx: number;
  sy: number;
  refs: unknown[];
}

export interface CellSet {
  level: number;
  cells: Map<number, Cell>;
}

export const cellKey = (cx: number, cy: number, level: number): number => cy * 2 ** level + cx;

export const emptyCells = (level: number): CellSet => ({ level, cells: new Map() });

/** Adds `count` items (sums `sx`, `sy`) to the cell; `ref` names where they came from. */
export function addToCell(
  set: CellSet,
  cx: number,
  cy: number,
  count: number,
  sx: number,
  sy: number,
  ref?: unknown,
): void {
  const key = cellKey(cx, cy, set.level);
  let cell = set.cells.get(key);
  if (!cell) {
    cell = { cx, cy, count: 0, sx: 0, sy: 0, refs: [] };
    set.cells.set(key, cell);
  }
  cell.count += count;
  cell.sx += sx;
  cell.sy += sy;
  if (ref !== undefined) cell.refs.push(ref);
}

/** Drops cells left with no item (a change cancelled what the index held). */
export function dropEmpty(set: CellSet): void {
  for (const [key, cell] of set.cells) if (cell.count <= 0) set.cells.delete(key);
}

/** The cells one level up: each the sum of its (up to four) quarters. */
export function coarser(set: CellSet): CellSet {
  const up = emptyCells(set.level - 1);
  for (const cell of set.cells.values()) {
    const cx = Math.floor(cell.cx / 2);
    const cy = Math.floor(cell.cy / 2);
    const key = cellKey(cx, cy, up.level);
    const into = up.cells.get(key);
    if (into) {
      into.count += cell.count;
      into.sx += cell.sx;
      into.sy += cell.sy;
      for (const ref of cell.refs) into.refs.push(ref);
    } else {
      up.cells.set(key, { ...cell, cx, cy, refs: cell.refs.slice() });
    }
  }
  return up;
}

/**
 * Empty cells dropped, then merged up a level at a time until at most `max` remain
 * (level 0 is one cell: always within any max ≥ 1).
 */
export function fitCells(set: CellSet, max: number): CellSet {
  dropEmpty(set);
  let out = set;
  while (out.cells.size > max && out.level > 0) out = coarser(out);
  return out;
}

/** Items in the cells. */
export const totalOf = (set: CellSet): number => {
  let total = 0;
  for (const cell of set.cells.values()) total += cell.count;
  return total;
};
