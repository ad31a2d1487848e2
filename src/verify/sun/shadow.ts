/**
 * Shadows and the sun: the shadow a vertical object casts on level ground points away
 * from the sun (bearing = sun azimuth + 180°) and is 1 / tan(altitude) times the
 * object's height, with the *apparent* altitude (the light that casts it is refracted).
 * There is no shadow while the sun's centre is below the horizon.
 *
 * A shadow an analyst measured fits the sun at an instant when the expected bearing is
 * within the measurement's bearing error and, if a length ratio was measured, the
 * expected ratio is within its relative error. **Chronolocation** answers when that is:
 * the intervals of a day (the local mean solar day, which no zone is needed to find)
 * or, when the date is unknown, of every day of a year.
 *
 * Limits, said once here: the ground is taken as level and the object as vertical (a
 * slope turns and stretches the shadow); the place is a point (a place error of a few
 * kilometres moves the sun by hundredths of a degree, far below a measured bearing's
 * error, except with the sun near the zenith, where shadows are too short to measure); a
 * fit lasting less than SHADOW_STEP_MS between two probes that miss can be missed.
 */
import type { Interval } from '../../domain/report.js';
import { apparentSun, type ApparentSun } from './position.js';
import { altitudeStep, intervalsWhere, type Probe } from './scan.js';

/** Probe spacing while the sun is up: the shortest fit the scan is sure to find. */
export const SHADOW_STEP_MS = 60_000;

const DAY_MS = 86_400_000;
/** Mean solar time runs 4 minutes ahead of UTC per degree of east longitude. */
const MS_PER_DEGREE_OF_LONGITUDE = DAY_MS / 360;
const RAD = Math.PI / 180;

export interface Point {
  lat: number;
  lon: number;
}

export interface ShadowMeasurement {
  /** Where the shadow points from the object's foot, degrees clockwise from north. */
  bearing: number;
  /** ± degrees the bearing may be off. */
  bearingError: number;
  /** The shadow's length ÷ the object's height, when both were measured. */
  lengthRatio?: number | null;
  /** ± the fraction the ratio may be off (0.1: 10 %). */
  lengthRatioError?: number;
}

export interface ExpectedShadow {
  /** Degrees clockwise from north. */
  bearing: number;
  /** Shadow length ÷ object height. */
  lengthRatio: number;
}

/** The shadow the sun casts at this position, or null while it is down. */
export function expectedShadow(sun: ApparentSun): ExpectedShadow | null {
  if (sun.altitude <= 0) return null;
  return {
    bearing: (sun.azimuth + 180) % 360,
    lengthRatio: 1 / Math.tan(sun.altitude * RAD),
  };
}

/** The smaller angle between two bearings, in [0, 180]. */
export function bearingDifference(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

/**
 * The apparent altitudes between which the sun casts the measured length ratio: a ratio
 * r ± e·r is cast by altitudes from atan(1 / (r(1 + e))) up to atan(1 / (r(1 − e)))
 * (up to the zenith when the error reaches the whole ratio).
 */
export function altitudeWindow(lengthRatio: number, error: number): { low: number; high: number } {
  const longest = lengthRatio * (1 + error);
  const shortest = lengthRatio * (1 - error);
  return {
    low: Math.atan(1 / longest) / RAD,
    // 1 / 0 is Infinity, whose arctangent is the zenith.
    high: Math.atan(1 / Math.max(shortest, 0)) / RAD,
  };
}

/** Whether the measured shadow fits the sun at this position. */
export function shadowFits(measurement: ShadowMeasurement, sun: ApparentSun): boolean {
  const expected = expectedShadow(sun);
  if (expected === null) return false;
  if (bearingDifference(expected.bearing, measurement.bearing) > measurement.bearingError)
    return false;
  if (measurement.lengthRatio == null) return true;
  const window = altitudeWindow(measurement.lengthRatio, measurement.lengthRatioError ?? 0);
  return sun.altitude >= window.low && sun.altitude <= window.high;
}

function shadowProbe(measurement: ShadowMeasurement, place: Point): (t: number) => Probe {
  return (t) => {
    const sun = apparentSun(t, place.lat, place.lon);
    // With the sun down nothing fits until it rises, which its speed bounds.
    const untilSunrise = altitudeStep(Math.min(sun.altitude, 0));
    return {
      holds: shadowFits(measurement, sun),
      // Stryker disable next-line MethodExpression: stepping a minute at night finds the same, slower
      nextStepMs: Math.max(SHADOW_STEP_MS, untilSunrise),
    };
  };
}

/** The times in `window` at which the measured shadow is possible. */
export function chronolocate(
  measurement: ShadowMeasurement,
  place: Point,
  window: Interval,
): Interval[] {
  return intervalsWhere(window.from, window.to, shadowProbe(measurement, place));
}

/**
 * The local mean solar day (midnight to midnight of the sun's mean time at `lon`) that
 * holds `at`: within an hour or so of the civil day there, and needs no zone.
 */
export function solarDay(at: number, lon: number): Interval {
  const offset = lon * MS_PER_DEGREE_OF_LONGITUDE;
  const from = Math.floor((at + offset) / DAY_MS) * DAY_MS - offset;
  return { from, to: from + DAY_MS - 1 };
}

export interface YearChronolocation {
  /** Every solar day with a time the shadow fits: its date (local mean solar) and times. */
  days: { date: string; intervals: Interval[] }[];
  /** Runs of consecutive such days, first and last date. */
  dateRanges: { from: string; to: string }[];
}

/** When the date is unknown: the days of `year` (and their times) the shadow fits. */
export function chronolocateYear(
  measurement: ShadowMeasurement,
  place: Point,
  year: number,
): YearChronolocation {
  const days: YearChronolocation['days'] = [];
  const dateRanges: YearChronolocation['dateRanges'] = [];
  let yesterdayFits = false;
  for (let midnight = Date.UTC(year, 0, 1); midnight < Date.UTC(year + 1, 0, 1);) {
    // The solar day whose local mean noon falls on that date; any instant of that local day
    // would find it, so the offset's exact size cannot change an answer.
    // Stryker disable next-line ArithmeticOperator: lon ÷ the factor is an instant of the same day
    const offset = place.lon * MS_PER_DEGREE_OF_LONGITUDE;
    const noon = midnight + DAY_MS / 2 - offset;
    const intervals = chronolocate(measurement, place, solarDay(noon, place.lon));
    const fits = intervals.length > 0;
    if (fits) {
      const date = new Date(midnight).toISOString().slice(0, 10);
      if (yesterdayFits) dateRanges.at(-1)!.to = date;
      else dateRanges.push({ from: date, to: date });
      days.push({ date, intervals });
    }
    yesterdayFits = fits;
    midnight += DAY_MS;
  }
  return { days, dateRanges };
}

export interface ClosestShadow {
  at: number;
  expected: ExpectedShadow;
  bearingDifference: number;
}

/**
 * Of the instants in `intervals` (probed every SHADOW_STEP_MS, and their ends) with the
 * sun up, the one whose shadow points closest to the measured bearing; null when the
 * sun is down throughout.
 */
export function closestShadow(
  measurement: ShadowMeasurement,
  place: Point,
  intervals: readonly Interval[],
): ClosestShadow | null {
  let best: ClosestShadow | null = null;
  const consider = (at: number) => {
    const expected = expectedShadow(apparentSun(at, place.lat, place.lon));
    if (expected === null) return;
    const difference = bearingDifference(expected.bearing, measurement.bearing);
    // Stryker disable next-line EqualityOperator: two instants exactly as close are a tie either way
    if (best === null || difference < best.bearingDifference)
      best = { at, expected, bearingDifference: difference };
  };
  for (const { from, to } of intervals) {
    for (let at = from; ; at = Math.min(at + SHADOW_STEP_MS, to)) {
      consider(at);
      if (at === to) break;
    }
  }
  return best;
}
