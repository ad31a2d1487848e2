import { describe, expect, it } from 'vitest';
import {
  altitudeStep,
  BOUNDARY_TOLERANCE_MS,
  intervalsWhere,
  MAX_ALTITUDE_RATE,
  MIN_STEP_MS,
  type Probe,
} from './scan.js';

/** A probe that holds inside the windows, stepping `step` ms, and remembers where it looked. */
function windows(list: [number, number][], step = 60_000) {
  const looked: number[] = [];
  const probe = (t: number): Probe => {
    looked.push(t);
    return { holds: list.some(([a, b]) => t >= a && t <= b), nextStepMs: step };
  };
  return { probe, looked };
}

describe('intervalsWhere', () => {
  it('answers the whole interval when the condition always holds, nothing when it never does', () => {
    expect(intervalsWhere(0, 3_600_000, windows([[-1, 4e6]]).probe)).toEqual([
      { from: 0, to: 3_600_000 },
    ]);
    expect(intervalsWhere(0, 3_600_000, windows([]).probe)).toEqual([]);
  });

  it('looks once at an instant', () => {
    const inside = windows([[0, 10]]);
    expect(intervalsWhere(5, 5, inside.probe)).toEqual([{ from: 5, to: 5 }]);
    expect(inside.looked).toEqual([5]);
    expect(intervalsWhere(50, 50, windows([[0, 10]]).probe)).toEqual([]);
  });

  it('finds each boundary to within the tolerance, on the side where the condition holds', () => {
    const [found, ...rest] = intervalsWhere(0, 3_600_000, windows([[1_000_500, 2_000_250]]).probe);
    expect(rest).toEqual([]);
    expect(found!.from).toBeGreaterThanOrEqual(1_000_500);
    expect(found!.from - 1_000_500).toBeLessThanOrEqual(BOUNDARY_TOLERANCE_MS);
    expect(found!.to).toBeLessThanOrEqual(2_000_250);
    expect(2_000_250 - found!.to).toBeLessThanOrEqual(BOUNDARY_TOLERANCE_MS);
  });

  it('finds a boundary to a tolerance the caller names', () => {
    const [found] = intervalsWhere(0, 3_600_000, windows([[1_000_500, 4e6]]).probe, 10);
    expect(found!.from).toBeGreaterThanOrEqual(1_000_500);
    expect(found!.from - 1_000_500).toBeLessThanOrEqual(10);
    expect(found!.to).toBe(3_600_000);
  });

  it('finds several windows, and one that runs to the end', () => {
    const found = intervalsWhere(
      0,
      10_000_000,
      windows([
        [0, 1_000_000],
        [3_000_000, 4_000_000],
        [9_000_000, 20_000_000],
      ]).probe,
    );
    expect(found).toHaveLength(3);
    expect(found[0]!.from).toBe(0);
    expect(found[1]!.from).toBeGreaterThanOrEqual(3_000_000);
    expect(found[2]!.to).toBe(10_000_000);
    for (const { from, to } of found) expect(to).toBeGreaterThan(from);
  });

  it('steps as far as each probe says, and no further than the end', () => {
    const far = windows([], 1_000_000);
    intervalsWhere(0, 2_500_000, far.probe);
    expect(far.looked).toEqual([0, 1_000_000, 2_000_000, 2_500_000]);
  });

  it('misses a window shorter than a step between two probes outside it (the callers’ steps bound that)', () => {
    expect(intervalsWhere(0, 120_000, windows([[10_000, 50_000]]).probe)).toEqual([]);
  });
});

describe('altitudeStep', () => {
  it('goes as far as the sun needs, at its fastest, to cover the margin either way', () => {
    expect(MAX_ALTITUDE_RATE * 3_600_000).toBeCloseTo(15.1, 12);
    expect(altitudeStep(15.1)).toBeCloseTo(3_600_000, 6);
    expect(altitudeStep(-15.1)).toBeCloseTo(3_600_000, 6);
  });

  it('never steps less than the minimum, even at the threshold', () => {
    expect(altitudeStep(0)).toBe(MIN_STEP_MS);
    expect(altitudeStep(MAX_ALTITUDE_RATE * MIN_STEP_MS * 0.5)).toBe(MIN_STEP_MS);
    expect(altitudeStep(MAX_ALTITUDE_RATE * MIN_STEP_MS * 2)).toBeCloseTo(2 * MIN_STEP_MS, 6);
  });
});
