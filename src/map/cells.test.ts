import { describe, expect, it } from 'vitest';
import {
  addToCell,
  cellKey,
  coarser,
  emptyCells,
  fitCells,
  liveCount,
  liveSlots,
  refsOf,
  totalOf,
} from './cells.js';

/** `n` cells in a row at `level`, one item each (reference i). */
function row(n: number, level: number) {
  const set = emptyCells(level);
  for (let i = 0; i < n; i++) addToCell(set, i, 0, 1, (i + 0.5) / 2 ** level, 0.1, i);
  return set;
}

describe('cells', () => {
  it('adds into one cell per column and row, keeping where each count came from', () => {
    const set = emptyCells(4);
    addToCell(set, 3, 5, 2, 0.4, 0.6, 7);
    addToCell(set, 3, 5, 1, 0.2, 0.3, 9);
    addToCell(set, 5, 3, 1, 0.2, 0.3);
    expect(liveCount(set)).toBe(2);
    const slot = set.slots.get(cellKey(3, 5, 4))!;
    expect(set.count[slot]).toBe(3);
    expect(set.sx[slot]).toBeCloseTo(0.6, 12);
    expect(refsOf(set, slot)).toEqual([7, 9]);
    expect(refsOf(set, set.slots.get(cellKey(5, 3, 4))!)).toEqual([]);
  });

  it('leaves out cells a change emptied', () => {
    const set = row(3, 4);
    addToCell(set, 1, 0, -1, -0.1, -0.1);
    expect(liveSlots(set).map((slot) => set.cx[slot])).toEqual([0, 2]);
    expect(totalOf(set)).toBe(2);
  });

  it('merges quarters into their parent, summing counts, coordinates and references', () => {
    const up = coarser(row(4, 4));
    expect(up.level).toBe(3);
    expect(liveSlots(up).map((s) => [up.cx[s], up.count[s], refsOf(up, s)])).toEqual([
      [0, 2, [0, 1]],
      [1, 2, [2, 3]],
    ]);
    expect(totalOf(up)).toBe(4);
  });

  it('keeps max cells as they are, and merges max + 1', () => {
    expect(fitCells(row(8, 6), 8).level).toBe(6);
    expect(fitCells(row(8, 6), 9).level).toBe(6);
    const fitted = fitCells(row(8, 6), 7);
    expect(fitted.level).toBe(5);
    expect(liveCount(fitted)).toBe(4);
    expect(totalOf(fitted)).toBe(8);
  });

  it('does not count an emptied cell against the max', () => {
    const set = row(9, 6);
    addToCell(set, 8, 0, -1, 0, 0);
    expect(fitCells(set, 8).level).toBe(6);
  });

  it('goes up as many levels as it takes, and stops at level 0', () => {
    // 64 cells of one row: 4 at level 2, 2 at level 1, 1 at level 0.
    expect(fitCells(row(64, 6), 4).level).toBe(2);
    expect(fitCells(row(64, 6), 3).level).toBe(1);
    expect(fitCells(row(64, 6), 2).level).toBe(1);
    expect(fitCells(row(64, 6), 1).level).toBe(0);
    expect(liveCount(fitCells(row(64, 6), 1))).toBe(1);
  });
});
