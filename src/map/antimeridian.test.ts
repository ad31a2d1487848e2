import { describe, expect, it } from 'vitest';
import { unwrapLine, unwrapRing, type Position } from './antimeridian.js';

const maxStep = (line: Position[]) =>
  Math.max(0, ...line.slice(1).map((p, i) => Math.abs(p[0] - line[i]![0])));

describe('unwrapLine', () => {
  it('keeps a line that does not cross 180° as it is', () => {
    const line: Position[] = [
      [-10, 0],
      [170, 1],
      [-10, 2],
    ];
    // 180° exactly is not a crossing: the step is kept.
    expect(unwrapLine(line)).toEqual(line);
  });

  it('shifts the points after an eastward crossing by +360°', () => {
    expect(
      unwrapLine([
        [179.4, -16.4],
        [-180, -16.1],
        [-179.5, -16],
      ]),
    ).toEqual([
      [179.4, -16.4],
      [180, -16.1],
      [180.5, -16],
    ]);
  });

  it('shifts the points after a westward crossing by −360°, and back on return', () => {
    const out = unwrapLine([
      [-179, 65],
      [179, 65],
      [-179, 66],
    ]);
    expect(out).toEqual([
      [-179, 65],
      [-181, 65],
      [-179, 66],
    ]);
  });

  it('treats a step just over 180° as a crossing and one just under as not', () => {
    expect(
      unwrapLine([
        [0, 0],
        [180.01, 0],
      ])[1]![0],
    ).toBeCloseTo(-179.99, 9);
    expect(
      unwrapLine([
        [0, 0],
        [179.99, 0],
      ])[1]![0],
    ).toBe(179.99);
    expect(
      unwrapLine([
        [0, 0],
        [-180.01, 0],
      ])[1]![0],
    ).toBeCloseTo(179.99, 9);
  });
});

describe('unwrapRing', () => {
  it('closes a ring that crosses 180° and comes back, without adding points', () => {
    const ring: Position[] = [
      [179, -16],
      [-179, -16],
      [-179, -17],
      [179, -17],
      [179, -16],
    ];
    const out = unwrapRing(ring);
    expect(out).toEqual([
      [179, -16],
      [181, -16],
      [181, -17],
      [179, -17],
      [179, -16],
    ]);
  });

  it('closes a ring around the south pole through the pole', () => {
    const ring: Position[] = [
      [-180, -84],
      [-60, -80],
      [60, -70],
      [178, -84],
      [-180, -84],
    ];
    const out = unwrapRing(ring);
    // Every edge but the one along the pole (off the Mercator map) is short.
    expect(maxStep(out.slice(0, -2))).toBeLessThanOrEqual(180);
    expect(out.slice(-3)).toEqual([
      [180, -90],
      [-180, -90],
      [-180, -84],
    ]);
  });

  it('closes a ring around the north pole through the north pole', () => {
    const out = unwrapRing([
      [0, 80],
      [120, 81],
      [-120, 82],
      [0, 80],
    ]);
    expect(out.slice(-3)).toEqual([
      [360, 90],
      [0, 90],
      [0, 80],
    ]);
  });
});
