import { describe, expect, it } from 'vitest';
import { addToCell, cellKey, coarser, dropEmpty, emptyCells, fitCells, totalOf } from './cells.js';

/** `n` cells in a row at `level`, one item each. */
function row(n: number, level: number) {
  const set = emptyCells(level);
  for (let i = 0; i < n; i++) addToCell(set, i, 0, 1, (i + 0.5) / 2 ** level, 0.1, `item${i}`);
  return set;
}

describe('cells', () => {
  it('adds into one cell per column and row, keeping where each count came from', () => {
    const set = emptyCells(4);
    addToCell(set, 3, 5, 2, 0.4, 0.6, 'a');
    addToCell(set, 3, 5, 1, 0.2, 0.3, 'b');
    addToCell(set, 5, 3, 1, 0.2, 0.3);
    expect(set.cells.size).toBe(2);
    const cell = set.cells.get(cellKey(3, 5, 4))!;
    expect(cell).toMatchObject({ count: 3, refs: ['a', 'b'] });
    expect(cell.sx).toBeCloseTo(0.6, 12);
  });

  it('drops cells a change emptied', () => {
    const set = row(3, 4);
    addToCell(set, 1, 0, -1, -0.1, -0.1);
    dropEmpty(set);
    expect([...set.cells.values()].map((c) => c.cx)).toEqual([0, 2]);
  });

  it('merges quarters into their parent, summing counts and coordinates', () => {
    const up = coarser(row(4, 4));
    expect(up.level).toBe(3);
    expect([...up.cells.values()].map((c) => [c.cx, c.count, c.refs.length])).toEqual([
      [0, 2, 2],
      [1, 2, 2],
    ]);
    expect(totalOf(up)).toBe(4);
  });

  it('keeps max cells as they are, and merges max + 1', () => {
    expect(fitCells(row(8, 6), 8).level).toBe(6);
    expect(fitCells(row(8, 6), 9).level).toBe(6);
    const fitted = fitCells(row(8, 6), 7);
    expect(fitted.level).toBe(5);
    expect(fitted.cells.size).toBe(4);
    expect(totalOf(fitted)).toBe(8);
  });

  it('goes up as many levels as it takes, and stops at level 0', () => {
    // 64 cells of one row: 4 at level 2, 2 at level 1, 1 at level 0.
    expect(fitCells(row(64, 6), 4).level).toBe(2);
    expect(fitCells(row(64, 6), 3).level).toBe(1);
    expect(fitCells(row(64, 6), 2).level).toBe(1);
    expect(fitCells(row(64, 6), 1).level).toBe(0);
    expect(fitCells(row(64, 6), 1).cells.size).toBe(1);
  });
});
