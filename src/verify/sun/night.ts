/**
 * Was it night at the claimed time and place? Night here is the sun's centre below a
 * geometric altitude (TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES, −6°: the end of civil
 * twilight, after which a scene outdoors is no longer lit by the sky).
 *
 * A claimed time is an interval (or several, `alternatives`), never an instant. The
 * rule asks whether it was night for **the whole** of it: only then can no time the
 * claim allows show daylight. Night for part of it contradicts nothing (a photo "in the
 * evening" may have been taken before dusk); the lit part is returned, as what the
 * claim narrows to if the photo does show daylight.
 *
 * The place is a circle of `accuracyMeters`: anywhere in it the sun stands at most that
 * arc (metres ÷ 111,195 m per degree of a great circle) higher than at its centre, since
 * the zenith turns by the angle between two places. So it is night in the whole circle
 * when it is night at the centre by more than that angle.
 */
import type { Interval } from '../../domain/report.js';
import { getTimes } from 'suncalc';
import { sunPosition } from './position.js';
import { altitudeStep, intervalsWhere } from './scan.js';
import { solarDay } from './shadow.js';

/** Metres of the Earth's surface per degree of a great circle (mean radius 6,371,008.8 m). */
export const METRES_PER_DEGREE = 111_195;

const DAY_MS = 86_400_000;

export interface Place {
  lat: number;
  lon: number;
  accuracyMeters?: number | null;
}

export interface NightJudgement {
  /** `whole`: night for all the claimed time; `part`: for some of it; `none`: never. */
  night: 'whole' | 'part' | 'none';
  /** The claimed times with the sun at or above the threshold somewhere in the place's circle. */
  lit: Interval[];
  /** The sun's highest geometric altitude over the claimed time at the place's centre, degrees. */
  highestAltitude: number;
  highestAt: number;
  /** The arc (degrees) the place's accuracy adds to the sun's altitude. */
  placeAngle: number;
}

/** The arc of a place's accuracy circle, degrees (0 without an accuracy). */
export function placeAngle(accuracyMeters: number | null | undefined): number {
  return (accuracyMeters ?? 0) / METRES_PER_DEGREE;
}

/**
 * The highest geometric altitude of the sun over the intervals, at the place's centre: it
 * is at an end of an interval or at a transit (solar noon, suncalc's, once a solar day)
 * inside one. Each day's transit is clamped into the interval, where one outside it
 * becomes an end, already a candidate.
 */
export function highestAltitude(
  intervals: readonly Interval[],
  place: Place,
): { altitude: number; at: number } {
  const times: number[] = [];
  for (const { from, to } of intervals) {
    times.push(from, to);
    // Stryker disable next-line EqualityOperator: one day more clamps its transit to `to`, there already
    for (let day = solarDay(from, place.lon).from; day <= to; day += DAY_MS) {
      const noon = getTimes(new Date(day + DAY_MS / 2), place.lat, place.lon).solarNoon.getTime();
      times.push(Math.min(Math.max(noon, from), to));
    }
  }
  const altitudes = times.map((t) => sunPosition(t, place.lat, place.lon).trueAltitude);
  const altitude = Math.max(...altitudes);
  return { altitude, at: times[altitudes.indexOf(altitude)]! };
}

/** Night over the claimed intervals at a place, against `thresholdDegrees` (geometric). */
export function judgeNight(
  claim: readonly Interval[],
  place: Place,
  thresholdDegrees: number,
): NightJudgement {
  const angle = placeAngle(place.accuracyMeters);
  const lit = claim.flatMap(({ from, to }) =>
    intervalsWhere(from, to, (t) => {
      const margin = sunPosition(t, place.lat, place.lon).trueAltitude + angle - thresholdDegrees;
      return { holds: margin >= 0, nextStepMs: altitudeStep(margin) };
    }),
  );
  const allLit =
    lit.length === claim.length &&
    claim.every((c, i) => lit[i]!.from === c.from && lit[i]!.to === c.to);
  const highest = highestAltitude(claim, place);
  return {
    night: lit.length === 0 ? 'whole' : allLit ? 'none' : 'part',
    lit,
    highestAltitude: highest.altitude,
    highestAt: highest.at,
    placeAngle: angle,
  };
}
