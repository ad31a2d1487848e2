import { describe, expect, it } from 'vitest';
import { buildGrid, mergeRuns, minuteOf, nodeCount, type MinuteWindow } from './grid.js';
import { buildPart } from './layer-part.js';
import { DAY, makeItem, randomItems, T0 } from './map.fixture.js';
import { keyCells } from './morton.js';

const windowOf = (from: number, to: number): MinuteWindow => ({
  from: minuteOf(from),
  to: minuteOf(to),
});

describe('the quadtree', () => {
  it('keeps a node of leafItems items whole, and splits one of leafItems + 1', () => {
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => makeItem({ lat: 10 + i, lon: 10 + i }));
    const shape = (leafItems: number) => ({ leafItems, timeScanItems: 100, maxLevel: 20 });
    expect(buildPart(items(5), shape(5)).tree.nodes).toBe(1);
    expect(buildPart(items(5), shape(4)).tree.nodes).toBeGreaterThan(1);
    expect(buildPart(items(0), shape(4)).tree.nodes).toBe(0);
  });

  it('does not split below maxLevel, however many items share a place', () => {
    const same = Array.from({ length: 50 }, () => makeItem());
    const tree = buildPart(same, { leafItems: 2, timeScanItems: 100, maxLevel: 7 }).tree;
    expect(Math.max(...tree.level)).toBe(7);
    expect(tree.end[tree.nodes - 1]! - tree.start[tree.nodes - 1]!).toBe(50);
  });

  it('gives each node its items’ run, count and coordinate sums', () => {
    const part = buildPart(randomItems(3000, 3), { leafItems: 8, timeScanItems: 16, maxLevel: 18 });
    const { tree, points } = part;
    for (let node = 0; node < tree.nodes; node++) {
      const level = tree.level[node]!;
      let sx = 0;
      for (let i = tree.start[node]!; i < tree.end[node]!; i++) {
        expect(Math.floor(points.x[i]! * 2 ** level)).toBe(tree.cx[node]);
        expect(Math.min(2 ** level - 1, Math.floor(points.y[i]! * 2 ** level))).toBe(tree.cy[node]);
        sx += points.x[i]!;
      }
      expect(tree.sumX[node]).toBeCloseTo(sx, 9);
      if (tree.firstChild[node]! >= 0) {
        const first = tree.firstChild[node]!;
        const last = first + tree.childCount[node]! - 1;
        expect(tree.start[first]).toBe(tree.start[node]);
        expect(tree.end[last]).toBe(tree.end[node]);
      }
    }
  });

  it('counts a time window exactly, all items or analysts’ only, sorted or item by item, either side of timeScanItems', () => {
    const items = randomItems(4000, 5);
    const windows = [
      windowOf(T0 + 3 * DAY, T0 + 4 * DAY),
      windowOf(T0, T0 + 30 * DAY),
      windowOf(T0 + 10 * DAY + 3_600_000, T0 + 10 * DAY + 3_660_000),
      windowOf(T0 - DAY, T0 - 1),
      null,
    ];
    for (const timeScanItems of [1, 63, 64, 65, 100_000]) {
      const part = buildPart(items, { leafItems: 16, timeScanItems, maxLevel: 20 });
      const { tree, points } = part;
      for (const w of windows) {
        for (let node = 0; node < tree.nodes; node += 7) {
          let expected = 0;
          let seen = 0;
          for (let i = tree.start[node]!; i < tree.end[node]!; i++) {
            if (
              w === null ||
              (minuteOf(points.from[i]!) <= w.to && minuteOf(points.to[i]!) >= w.from)
            ) {
              expected++;
              if (points.hidden[i] === 0) seen++;
            }
          }
          expect(nodeCount(tree, points, node, w)).toBe(expected);
          expect(nodeCount(tree, points, node, w, true)).toBe(seen);
        }
      }
    }
  });

  it('meets a window by whole minutes: one minute either side', () => {
    const at = T0 + 5 * DAY;
    const part = buildPart([makeItem({ from: at, to: at + 30_000 })], {
      leafItems: 4,
      timeScanItems: 0,
      maxLevel: 20,
    });
    const count = (from: number, to: number) =>
      nodeCount(part.tree, part.points, 0, windowOf(from, to));
    expect(count(at + 59_999, at + 120_000)).toBe(1); // same minute
    expect(count(at + 60_000, at + 120_000)).toBe(0);
    expect(count(at - 120_000, at)).toBe(1);
    expect(count(at - 120_000, at - 1)).toBe(0); // the minute before
  });

  it('merges sorted runs', () => {
    const out = new Int32Array(7);
    mergeRuns(
      [Int32Array.of(1, 5, 9), Int32Array.of(2), Int32Array.of(), Int32Array.of(0, 5, 10)],
      out,
    );
    expect([...out]).toEqual([0, 1, 2, 5, 5, 9, 10]);
  });

  it('builds from points in Morton order only', () => {
    const x = Float64Array.of(0.1, 0.9);
    const y = Float64Array.of(0.1, 0.9);
    const tree = buildGrid(
      {
        x,
        y,
        from: new Float64Array(2),
        to: new Float64Array(2),
        hidden: new Uint8Array(2),
        ...keyCells(x, y),
      },
      { leafItems: 1, timeScanItems: 10, maxLevel: 5 },
    );
    expect(tree.nodes).toBe(3);
    expect([...tree.level]).toEqual([0, 1, 1]);
  });
});
