import { describe, expect, it } from 'vitest';
import { keyCells, mortonKey, mortonOrder } from './morton.js';
import { KEY_LEVEL } from './viewport.js';

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('Morton order', () => {
  it('interleaves row above column: quadrant digit 2·row + column', () => {
    const top = KEY_LEVEL - 1;
    expect(mortonKey(0, 0)).toBe(0);
    expect(mortonKey(1, 0)).toBe(1);
    expect(mortonKey(0, 1)).toBe(2);
    expect(mortonKey(1, 1)).toBe(3);
    expect(mortonKey(2 ** top, 0)).toBe(2 ** (2 * top));
    expect(mortonKey(0, 2 ** top)).toBe(2 ** (2 * top + 1));
    expect(mortonKey(2 ** KEY_LEVEL - 1, 2 ** KEY_LEVEL - 1)).toBe(2 ** (2 * KEY_LEVEL) - 1);
  });

  it('sorts points by key, stably', () => {
    const rand = random(7);
    const n = 5000;
    const x = Float64Array.from({ length: n }, () => rand());
    const y = Float64Array.from({ length: n }, () => rand());
    x[10] = x[11]!;
    y[10] = y[11]!;
    const { cx, cy } = keyCells(x, y);
    const order = mortonOrder(cx, cy);
    const keys = Array.from(order, (i) => mortonKey(cx[i]!, cy[i]!));
    for (let k = 1; k < n; k++) expect(keys[k]!).toBeGreaterThanOrEqual(keys[k - 1]!);
    expect(order.indexOf(10)).toBeLessThan(order.indexOf(11));
  });

  it('makes every cell of every level one run of points', () => {
    const rand = random(11);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => rand() ** 3);
    const y = Float64Array.from({ length: n }, () => rand());
    const { cx, cy } = keyCells(x, y);
    const order = mortonOrder(cx, cy);
    for (const level of [1, 3, 8, 15]) {
      const shift = KEY_LEVEL - level;
      const seen = new Set<string>();
      let last = '';
      for (const i of order) {
        const cell = `${cx[i]! >>> shift},${cy[i]! >>> shift}`;
        if (cell !== last) {
          expect(seen.has(cell), `level ${level} cell ${cell} comes back`).toBe(false);
          seen.add(cell);
          last = cell;
        }
      }
    }
  });
});
