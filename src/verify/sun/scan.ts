/**
 * The parts of a time interval where a condition on the sun holds, as intervals: the
 * times of a day a shadow is possible, the lit part of a claimed time. The condition is
 * probed at steps the caller chooses, and each change between two probes is found by
 * bisection to `toleranceMs`. A probe says how far the next one may go without stepping
 * over a change: a bound from how fast the sun moves where one is known (its altitude
 * changes at most MAX_ALTITUDE_RATE), a fixed step otherwise. A condition that holds for
 * less than a fixed step, between two probes where it does not, can be missed: the
 * callers' steps say how short that is.
 */
import type { Interval } from '../../domain/report.js';

export type { Interval } from '../../domain/report.js';

/**
 * The fastest the sun's altitude changes, in degrees per millisecond: the hour angle
 * turns 15°/h and the declination moves at most 0.4° a day; refraction only slows the
 * apparent altitude (it shrinks as the sun rises). 15.1°/h keeps a margin.
 */
export const MAX_ALTITUDE_RATE = 15.1 / 3_600_000;

/** The shortest step a rate bound may ask for: near a change it is bisection's job. */
export const MIN_STEP_MS = 10_000;

/** Where the boundaries of the answer are found to. */
export const BOUNDARY_TOLERANCE_MS = 1000;

export interface Probe {
  holds: boolean;
  /** How far the next probe may be without stepping over a change (ms, > 0). */
  nextStepMs: number;
}

/**
 * The step after a probe whose distance from its threshold is `marginDegrees` of
 * altitude: it cannot be crossed sooner than the sun's fastest motion allows.
 */
export function altitudeStep(marginDegrees: number): number {
  return Math.max(Math.abs(marginDegrees) / MAX_ALTITUDE_RATE, MIN_STEP_MS);
}

/**
 * The closed intervals of [from, to] where `probe(t).holds`, each boundary found to
 * within `toleranceMs` on the side where it holds (an answer never includes a time
 * found not to hold). An instant (from = to) is one probe.
 */
export function intervalsWhere(
  from: number,
  to: number,
  probe: (t: number) => Probe,
  toleranceMs = BOUNDARY_TOLERANCE_MS,
): Interval[] {
  const found: Interval[] = [];
  let t = from;
  let here = probe(t);
  let start: number | null = here.holds ? t : null;
  while (t < to) {
    const next = Math.min(t + here.nextStepMs, to);
    const there = probe(next);
    if (there.holds !== here.holds) {
      // Between t and next the condition changes: find where to within the tolerance.
      let lo = t;
      let hi = next;
      // Stryker disable next-line EqualityOperator: one halving more at exactly the tolerance is as right
      while (hi - lo > toleranceMs) {
        const mid = lo + (hi - lo) / 2;
        if (probe(mid).holds === here.holds) lo = mid;
        else hi = mid;
      }
      if (there.holds) start = hi;
      else {
        found.push({ from: start!, to: lo });
        start = null;
      }
    }
    t = next;
    here = there;
  }
  if (start !== null) found.push({ from: start, to });
  return found;
}
