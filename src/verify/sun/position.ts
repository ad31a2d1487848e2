/**
 * Where the sun is, seen from a place at an instant: suncalc 2.x underneath, with its
 * conventions read from its source (node_modules/suncalc/index.js) and pinned by tests.
 *
 * suncalc 2's `getPosition(date, lat, lon)` answers in **degrees**: `azimuth` clockwise
 * from north (0 = N, 90 = E), and `altitude` *apparent*: the geometric altitude of the
 * sun's centre plus refraction by Meeus 16.4 (Sæmundsson's formula, 1.02′ / tan(h +
 * 10.26 / (h + 5.10)), standard air: 1010 mbar, 10 °C). Two traps follow from its source:
 *
 * - Below the horizon it keeps adding the refraction *at* the horizon (0.484°): its
 *   altitude of a sun 6.4° down reads −5.92°. Twilight is defined on the geometric
 *   altitude (civil twilight ends at −6° of the centre, as suncalc's own `getTimes`
 *   solves it), so `trueAltitude` takes the refraction back out; night rules read that.
 * - It is geocentric: no parallax (at most 0.0024°, 8.8″) and no observer elevation.
 *
 * Accuracy, measured (test/sun-reference/): against PyEphem (XEphem's VSOP87 sun, Debian's
 * python3-ephem) at 5,000 random times (1900–2100) and places, the geometric position is
 * within 0.015° (median 0.004°); at the NREL SPA reference case (Reda & Andreas 2004)
 * suncalc is 0.0041° off in zenith and 0.0012° in azimuth, inside the issue's 0.01°. That
 * is why the NREL SPA was not written here: the evidence these rules judge (a shadow's
 * bearing measured to a few degrees, twilight at −6°) needs a hundredth of a degree at most.
 *
 * `atmosphere` scales the refraction by pressure and temperature (Meeus 16.5) for
 * callers who know them (the SPA reference case states 820 mbar and 11 °C).
 */
import { getPosition } from 'suncalc';

const RAD = Math.PI / 180;

/** Meeus' standard air, which suncalc's refraction assumes. */
export const STANDARD_ATMOSPHERE = { pressureMbar: 1010, temperatureC: 10 } as const;

export interface Atmosphere {
  pressureMbar: number;
  temperatureC: number;
}

export interface SunPosition {
  /** Degrees clockwise from north, in [0, 360). */
  azimuth: number;
  /** Apparent altitude of the sun's centre (refraction included), degrees. */
  altitude: number;
  /** Geometric altitude of the sun's centre (no refraction), degrees: twilight is judged on it. */
  trueAltitude: number;
}

/**
 * Refraction (degrees) of a body at geometric altitude `trueAltitude`, as suncalc
 * computes it: constant below the horizon, where its formula is not valid.
 */
export function refraction(trueAltitude: number, atmosphere: Atmosphere = STANDARD_ATMOSPHERE) {
  const h = Math.max(trueAltitude, 0);
  const standard = 1.02 / Math.tan((h + 10.26 / (h + 5.1)) * RAD) / 60;
  const scale =
    (atmosphere.pressureMbar / STANDARD_ATMOSPHERE.pressureMbar) *
    ((273 + STANDARD_ATMOSPHERE.temperatureC) / (273 + atmosphere.temperatureC));
  return standard * scale;
}

/**
 * The geometric altitude whose apparent altitude (with standard refraction) is
 * \`apparent\`: apparent = h + R(h) increases with h, so the fixed-point iteration
 * h ← apparent − R(h) converges, each step at least five times closer (|R′| < 0.2) and
 * far faster above a few degrees; below the horizon R is constant and it stops at once.
 */
export function trueAltitudeOf(apparent: number): number {
  let h = apparent;
  for (;;) {
    const next = apparent - refraction(h);
    // Stryker disable next-line EqualityOperator: a step of exactly 1e-10 is as good as done
    if (Math.abs(next - h) < 1e-10) return next;
    h = next;
  }
}

/** Where the sun appears: azimuth and apparent altitude, as a shadow is cast by it. */
export type ApparentSun = Pick<SunPosition, 'azimuth' | 'altitude'>;

/**
 * The sun's azimuth and apparent altitude in standard air, straight from suncalc: what
 * shadows need, without taking the refraction back out (which adds a third to suncalc's
 * 0.44 µs; BENCHMARKS.md, "F8: sun and Benford rules").
 */
export function apparentSun(at: number, lat: number, lon: number): ApparentSun {
  const p = getPosition(new Date(at), lat, lon);
  return { azimuth: p.azimuth, altitude: p.altitude };
}

/** The sun at `at` (epoch ms) seen from (lat, lon) in degrees. */
export function sunPosition(
  at: number,
  lat: number,
  lon: number,
  atmosphere: Atmosphere = STANDARD_ATMOSPHERE,
): SunPosition {
  const p = apparentSun(at, lat, lon);
  const trueAltitude = trueAltitudeOf(p.altitude);
  const altitude = trueAltitude + refraction(trueAltitude, atmosphere);
  return { azimuth: p.azimuth, altitude, trueAltitude };
}
