/**
 * Z-order (Morton) keys of points in the unit square at KEY_LEVEL (26 bits a side),
 * and the order that sorts points by them: in that order every grid cell of every
 * level is one contiguous run of points, which is what lets the map index keep a
 * cell as a range of its item arrays. Pure; typed arrays in and out.
 */
import { cellOf, KEY_LEVEL } from './viewport.js';

const HALF = 13; // KEY_LEVEL / 2: each half of a key interleaves 13 bits of x and of y
const HALF_MASK = (1 << HALF) - 1;

/** Spreads the 13 low bits of v to the even bit positions (0, 2, … 24). */
function spread13(v: number): number {
  let x = v & HALF_MASK;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x;
}

/** The 26-bit column and row at KEY_LEVEL of each point. */
export function keyCells(x: Float64Array, y: Float64Array): { cx: Uint32Array; cy: Uint32Array } {
  const n = x.length;
  const cx = new Uint32Array(n);
  const cy = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    cx[i] = cellOf(x[i]!, KEY_LEVEL);
    cy[i] = cellOf(y[i]!, KEY_LEVEL);
  }
  return { cx, cy };
}

/**
 * The Morton key of a cell at KEY_LEVEL as two 26-bit halves (`hi` from the top 13
 * bits of column and row, `lo` from the bottom 13): key = hi · 2^26 + lo, with each
 * row bit just above its column bit, so a level's quadrant digit is 2·row + column.
 */
export function mortonHalves(cx: number, cy: number): { hi: number; lo: number } {
  return {
    hi: spread13(cx >>> HALF) | (spread13(cy >>> HALF) << 1),
    lo: spread13(cx) | (spread13(cy) << 1),
  };
}

export const mortonKey = (cx: number, cy: number): number => {
  const { hi, lo } = mortonHalves(cx, cy);
  return hi * 2 ** KEY_LEVEL + lo;
};

/**
 * The permutation that sorts the cells by Morton key (stable: equal keys keep their
 * input order): an LSD radix sort over four 13-bit digits, O(n).
 */
export function mortonOrder(cx: Uint32Array, cy: Uint32Array): Uint32Array {
  const n = cx.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = mortonHalves(cx[i]!, cy[i]!);
    hi[i] = h.hi;
    lo[i] = h.lo;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(1 << HALF);
  const digits: [Uint32Array, number][] = [
    [lo, 0],
    [lo, HALF],
    [hi, 0],
    [hi, HALF],
  ];
  for (const [source, shift] of digits) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(source[order[i]!]! >>> shift) & HALF_MASK]!++;
    let sum = 0;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const item = order[i]!;
      next[counts[(source[item]! >>> shift) & HALF_MASK]!++] = item;
    }
    [order, next] = [next, order];
  }
  return order;
}
