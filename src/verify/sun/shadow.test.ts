import fc from 'fast-check';
import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import { sunPosition } from './position.js';
import {
  altitudeWindow,
  bearingDifference,
  chronolocate,
  chronolocateYear,
  closestShadow,
  expectedShadow,
  shadowFits,
  solarDay,
  SHADOW_STEP_MS,
  type ShadowMeasurement,
} from './shadow.js';

const HOUR = 3_600_000;
const PARIS = { lat: 48.85, lon: 2.35 };
/** 21 June 2026, 15:00 UTC (17:00 in Paris): the sun in the west-south-west. */
const AFTERNOON = Date.parse('2026-06-21T15:00:00Z');

const sunAt = (t: number, place = PARIS) => sunPosition(t, place.lat, place.lon);
/** The shadow cast at `t`, as an analyst would measure it, with the given errors. */
function measured(t: number, bearingError: number, lengthRatioError?: number): ShadowMeasurement {
  const shadow = expectedShadow(sunAt(t))!;
  return lengthRatioError === undefined
    ? { bearing: shadow.bearing, bearingError }
    : { bearing: shadow.bearing, bearingError, lengthRatio: shadow.lengthRatio, lengthRatioError };
}
const contains = (intervals: { from: number; to: number }[], t: number) =>
  intervals.some((i) => i.from <= t && t <= i.to);

describe('the expected shadow', () => {
  it('points away from the sun, as long as the object is tall at 45°', () => {
    const shadow = expectedShadow({ azimuth: 135, altitude: 45 })!;
    expect(shadow.bearing).toBe(315);
    expect(shadow.lengthRatio).toBeCloseTo(1, 12);
    expect(expectedShadow({ azimuth: 200, altitude: 30 })!.bearing).toBe(20);
    expect(expectedShadow({ azimuth: 200, altitude: 30 })!.lengthRatio).toBeCloseTo(
      Math.sqrt(3),
      12,
    );
  });

  it('does not exist while the sun’s centre is at or below the horizon (apparent altitude)', () => {
    expect(expectedShadow({ azimuth: 250, altitude: 0 })).toBeNull();
    expect(expectedShadow({ azimuth: 250, altitude: -3 })).toBeNull();
    expect(expectedShadow({ azimuth: 250, altitude: 0.01 })).not.toBeNull();
  });
});

describe('bearingDifference', () => {
  it('is the smaller angle between two bearings, across north', () => {
    expect(bearingDifference(350, 10)).toBe(20);
    expect(bearingDifference(10, 350)).toBe(20);
    expect(bearingDifference(0, 180)).toBe(180);
    expect(bearingDifference(90, 90)).toBe(0);
    expect(bearingDifference(725, 0)).toBe(5);
    expect(bearingDifference(100, 281)).toBe(179);
  });
});

describe('altitudeWindow', () => {
  it('turns a length ratio and its error into the sun altitudes that cast it', () => {
    const w = altitudeWindow(1, 0.1);
    expect(w.low).toBeCloseTo((Math.atan(1 / 1.1) * 180) / Math.PI, 12);
    expect(w.high).toBeCloseTo((Math.atan(1 / 0.9) * 180) / Math.PI, 12);
    expect(altitudeWindow(1, 0)).toEqual({ low: 45, high: 45 });
  });

  it('reaches the zenith when the error is the whole ratio', () => {
    expect(altitudeWindow(2, 1.5).high).toBe(90);
    expect(altitudeWindow(2, 1).high).toBe(90);
    expect(altitudeWindow(2, 1).low).toBeCloseTo((Math.atan(1 / 4) * 180) / Math.PI, 12);
  });
});

describe('shadowFits', () => {
  const sun = { azimuth: 200, altitude: 45 }; // shadow to 20°, ratio 1

  it('fits a bearing at the error exactly, not beyond it', () => {
    expect(shadowFits({ bearing: 25, bearingError: 5 }, sun)).toBe(true);
    expect(shadowFits({ bearing: 15, bearingError: 5 }, sun)).toBe(true);
    expect(shadowFits({ bearing: 25.001, bearingError: 5 }, sun)).toBe(false);
    expect(shadowFits({ bearing: 14.999, bearingError: 5 }, sun)).toBe(false);
  });

  it('fits a length ratio within its error, not beyond it; no ratio fits any length', () => {
    const fits = (lengthRatio: number | null, lengthRatioError?: number) =>
      shadowFits({ bearing: 20, bearingError: 5, lengthRatio, lengthRatioError }, sun);
    expect(fits(null)).toBe(true);
    expect(fits(1.05, 0.1)).toBe(true);
    expect(fits(0.95, 0.1)).toBe(true);
    expect(fits(1.2, 0.1)).toBe(false);
    expect(fits(0.8, 0.1)).toBe(false);
    // Without an error, only the exact ratio fits.
    expect(fits(1)).toBe(true);
    expect(fits(1.01)).toBe(false);
  });

  it('fits nothing with the sun down', () => {
    expect(shadowFits({ bearing: 20, bearingError: 180 }, { ...sun, altitude: -1 })).toBe(false);
  });
});

describe('solarDay', () => {
  it('is the UTC day at Greenwich, and starts 4 minutes earlier per degree east', () => {
    expect(solarDay(Date.parse('2026-06-21T15:00:00Z'), 0)).toEqual({
      from: Date.parse('2026-06-21T00:00:00Z'),
      to: Date.parse('2026-06-21T23:59:59.999Z'),
    });
    expect(solarDay(Date.parse('2026-06-21T15:00:00Z'), 90).from).toBe(
      Date.parse('2026-06-20T18:00:00Z'),
    );
    expect(solarDay(Date.parse('2026-06-21T15:00:00Z'), -90).from).toBe(
      Date.parse('2026-06-21T06:00:00Z'),
    );
    expect(solarDay(Date.parse('2026-06-21T05:00:00Z'), -90).from).toBe(
      Date.parse('2026-06-20T06:00:00Z'),
    );
  });

  it('holds its own midnight, not the next', () => {
    const midnight = Date.parse('2026-06-21T00:00:00Z');
    expect(solarDay(midnight, 0).from).toBe(midnight);
    expect(solarDay(midnight - 1, 0).from).toBe(midnight - 86_400_000);
  });
});

describe('chronolocate: when in a day the shadow is possible', () => {
  it('finds the afternoon window that holds the time the shadow was cast, and only it', () => {
    const m = measured(AFTERNOON, 5);
    const found = chronolocate(m, PARIS, solarDay(AFTERNOON, PARIS.lon));
    expect(found).toHaveLength(1);
    const [window] = found;
    expect(window!.from).toBeLessThan(AFTERNOON);
    expect(window!.to).toBeGreaterThan(AFTERNOON);
    // At its ends the shadow fits; a second beyond them it does not.
    expect(shadowFits(m, sunAt(window!.from))).toBe(true);
    expect(shadowFits(m, sunAt(window!.to))).toBe(true);
    expect(shadowFits(m, sunAt(window!.from - 1001))).toBe(false);
    expect(shadowFits(m, sunAt(window!.to + 1001))).toBe(false);
    // ±5° of azimuth take the afternoon sun a little under an hour.
    expect(window!.to - window!.from).toBeGreaterThan(0.5 * HOUR);
    expect(window!.to - window!.from).toBeLessThan(1.5 * HOUR);
  });

  it('with a length and any bearing: two windows, morning and afternoon, at the same height of the sun', () => {
    const m = { ...measured(AFTERNOON, 180, 0.02) };
    const found = chronolocate(m, PARIS, solarDay(AFTERNOON, PARIS.lon));
    expect(found).toHaveLength(2);
    const noon = getTimes(new Date(AFTERNOON), PARIS.lat, PARIS.lon).solarNoon.getTime();
    expect(found[0]!.to).toBeLessThan(noon);
    expect(contains(found, AFTERNOON)).toBe(true);
    // Morning and afternoon mirror each other about solar noon, to a few minutes.
    expect(Math.abs(noon - found[0]!.to - (found[1]!.from - noon))).toBeLessThan(10 * 60_000);
  });

  it('finds nothing for a shadow pointing south in the northern summer', () => {
    expect(
      chronolocate({ bearing: 180, bearingError: 5 }, PARIS, solarDay(AFTERNOON, PARIS.lon)),
    ).toEqual([]);
  });
});

describe('chronolocateYear: the dates of a year the shadow is possible', () => {
  it('finds the solstice’s shadow in a run of days around it, the sun’s path mirrored about it', () => {
    const year = chronolocateYear(measured(AFTERNOON, 1, 0.01), PARIS, 2026);
    expect(year.dateRanges.length).toBeGreaterThan(0);
    const june21 = year.days.find((d) => d.date === '2026-06-21');
    expect(june21).toBeDefined();
    expect(contains(june21!.intervals, AFTERNOON)).toBe(true);
    const run = year.dateRanges.find((r) => r.from <= '2026-06-21' && r.to >= '2026-06-21')!;
    expect(run.from > '2026-05-01').toBe(true);
    expect(run.to < '2026-08-15').toBe(true);
    // Nothing in winter, when the sun never stands that high.
    expect(year.days.some((d) => d.date < '2026-03-01' || d.date > '2026-10-01')).toBe(false);
    // The days listed are exactly the days of the ranges.
    const inRanges = (date: string) => year.dateRanges.some((r) => r.from <= date && date <= r.to);
    expect(year.days.every((d) => inRanges(d.date))).toBe(true);
    const days = year.dateRanges.reduce(
      (n, r) => n + (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1,
      0,
    );
    expect(year.days).toHaveLength(days);
  });

  it('lists every day of the year, in one range, for a shadow any sun casts: each day’s times inside its own solar day, far east too', () => {
    const sydney = { lat: -33.87, lon: 151.21 };
    const year = chronolocateYear({ bearing: 0, bearingError: 180 }, sydney, 2026);
    expect(year.dateRanges).toEqual([{ from: '2026-01-01', to: '2026-12-31' }]);
    expect(year.days).toHaveLength(365);
    for (const { date, intervals } of year.days) {
      // Sunrise to sunset, inside the local mean solar day of that date (10 h ahead of UTC).
      expect(intervals, date).toHaveLength(1);
      const day = solarDay(intervals[0]!.from, sydney.lon);
      expect(day.from, date).toBe(Date.parse(date) - sydney.lon * 240_000);
      expect(intervals[0]!.to, date).toBeLessThanOrEqual(day.to);
    }
  });

  it('starts a new range after a day without a fit', () => {
    // A shadow that fits only in spring and in late summer (the sun's path passes it twice).
    const april = Date.parse('2026-04-20T15:00:00Z');
    const year = chronolocateYear({ ...measured(april, 0.5, 0.01) }, PARIS, 2026);
    expect(year.dateRanges.length).toBe(2);
    expect(year.dateRanges[0]!.to < year.dateRanges[1]!.from).toBe(true);
    expect(year.days.find((d) => d.date === '2026-04-20')).toBeDefined();
  });
});

describe('closestShadow', () => {
  it('finds the instant whose shadow points closest to the measured bearing', () => {
    const m = measured(AFTERNOON, 1);
    const closest = closestShadow(m, PARIS, [
      { from: AFTERNOON - 2 * HOUR, to: AFTERNOON + 2 * HOUR },
    ])!;
    expect(Math.abs(closest.at - AFTERNOON)).toBeLessThanOrEqual(SHADOW_STEP_MS);
    expect(closest.bearingDifference).toBeLessThan(0.3);
    expect(closest.expected.bearing).toBeCloseTo(m.bearing, 0);
  });

  it('looks at the end of an interval too', () => {
    const m = measured(AFTERNOON, 1);
    const before = { from: AFTERNOON - HOUR - 30_000, to: AFTERNOON - 1 };
    const closest = closestShadow(m, PARIS, [before])!;
    expect(closest.at).toBe(before.to);
  });

  it('has nothing to say while the sun is down', () => {
    const night = {
      from: Date.parse('2026-06-21T22:00:00Z'),
      to: Date.parse('2026-06-22T01:00:00Z'),
    };
    expect(closestShadow({ bearing: 10, bearingError: 5 }, PARIS, [night])).toBeNull();
  });
});

describe('properties, at random times (2000–2050) and places', () => {
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) });
  const place = fc.record({
    lat: fc.double({ min: -66, max: 66, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
  });

  it('a shadow cast at t is found possible at t, within its day', () => {
    fc.assert(
      fc.property(instant, place, (t, p) => {
        const sun = sunAt(t, p);
        // Too near the horizon or the zenith, a shadow is not measured to a few degrees.
        if (sun.altitude < 2 || sun.altitude > 70) return;
        const m = { bearing: expectedShadow(sun)!.bearing, bearingError: 2 };
        expect(contains(chronolocate(m, p, solarDay(t, p.lon)), t)).toBe(true);
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });

  it('a shadow turned by more than its error does not fit at t', () => {
    fc.assert(
      fc.property(instant, place, fc.double({ min: 2.01, max: 178, noNaN: true }), (t, p, turn) => {
        const sun = sunAt(t, p);
        if (sun.altitude <= 0) return;
        const m = { bearing: (expectedShadow(sun)!.bearing + turn) % 360, bearingError: 2 };
        expect(shadowFits(m, sun)).toBe(false);
        expect(shadowFits({ ...m, bearingError: turn + 0.001 }, sun)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('every time found fits, and so do the ends of each window', () => {
    fc.assert(
      fc.property(instant, place, fc.double({ min: 0, max: 360, noNaN: true }), (t, p, bearing) => {
        const m = { bearing, bearingError: 10 };
        for (const w of chronolocate(m, p, solarDay(t, p.lon))) {
          expect(shadowFits(m, sunAt(w.from, p))).toBe(true);
          expect(shadowFits(m, sunAt(w.to, p))).toBe(true);
          expect(shadowFits(m, sunAt((w.from + w.to) / 2, p))).toBe(true);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
