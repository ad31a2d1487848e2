import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import { highestAltitude, judgeNight, METRES_PER_DEGREE, placeAngle } from './night.js';
import { sunPosition } from './position.js';

/** The interval between two ISO 8601 times. */
const between = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });

const HOUR = 3_600_000;
const XIAN = { lat: 34.261, lon: 108.942 };
/** Longyearbyen, Svalbard: the polar night lasts from November to January. */
const LONGYEARBYEN = { lat: 78.223, lon: 15.647 };
const CIVIL = -6;

/** suncalc's civil dusk (sun's centre at −6°) in Xi'an on 20 Nov 2026. */
const dusk = getTimes(new Date('2026-11-20T04:00:00Z'), XIAN.lat, XIAN.lon).dusk!.getTime();

describe('judgeNight', () => {
  it('finds a claim at night for the whole of it: 21:00–22:00 in Xi’an', () => {
    const claim = [between('2026-11-20T21:00:00+08:00', '2026-11-20T22:00:00+08:00')];
    const judged = judgeNight(claim, XIAN, CIVIL);
    expect(judged.night).toBe('whole');
    expect(judged.lit).toEqual([]);
    // The sun sinks all evening: its highest is at the claim's start, far below −6°.
    expect(judged.highestAt).toBe(claim[0]!.from);
    expect(judged.highestAltitude).toBeCloseTo(
      sunPosition(claim[0]!.from, XIAN.lat, XIAN.lon).trueAltitude,
      9,
    );
    expect(judged.highestAltitude).toBeLessThan(-30);
  });

  it('finds no night at noon, and the whole claim lit', () => {
    const claim = [between('2026-11-20T11:00:00+08:00', '2026-11-20T13:00:00+08:00')];
    const judged = judgeNight(claim, XIAN, CIVIL);
    expect(judged.night).toBe('none');
    expect(judged.lit).toEqual(claim);
  });

  it('finds night for part of a claim across dusk, and the lit part ends at dusk', () => {
    const claim = [{ from: dusk - 2 * HOUR, to: dusk + 2 * HOUR }];
    const judged = judgeNight(claim, XIAN, CIVIL);
    expect(judged.night).toBe('part');
    expect(judged.lit).toHaveLength(1);
    expect(judged.lit[0]!.from).toBe(claim[0]!.from);
    expect(Math.abs(judged.lit[0]!.to - dusk)).toBeLessThan(3000);
  });

  it('finds night for part of a claim across dawn, and the lit part starts at dawn', () => {
    const dawn = getTimes(new Date('2026-11-21T04:00:00Z'), XIAN.lat, XIAN.lon).dawn!.getTime();
    const claim = [{ from: dawn - HOUR, to: dawn + HOUR }];
    const judged = judgeNight(claim, XIAN, CIVIL);
    expect(judged.night).toBe('part');
    expect(judged.lit).toHaveLength(1);
    expect(Math.abs(judged.lit[0]!.from - dawn)).toBeLessThan(3000);
    expect(judged.lit[0]!.to).toBe(claim[0]!.to);
  });

  it('finds the whole claim at night one minute after dusk, and part of it one minute before', () => {
    expect(judgeNight([{ from: dusk + 60_000, to: dusk + HOUR }], XIAN, CIVIL).night).toBe('whole');
    expect(judgeNight([{ from: dusk - 60_000, to: dusk + HOUR }], XIAN, CIVIL).night).toBe('part');
  });

  it('counts the sun exactly at the threshold as lit (night is below it)', () => {
    const at = dusk + 5 * 60_000;
    const altitude = sunPosition(at, XIAN.lat, XIAN.lon).trueAltitude;
    expect(judgeNight([{ from: at, to: at }], XIAN, altitude).night).toBe('none');
    expect(judgeNight([{ from: at, to: at }], XIAN, altitude + 1e-9).night).toBe('whole');
  });

  it('judges the threshold it is given: nautical twilight is night by −6°, not by −12°', () => {
    const claim = [{ from: dusk + 20 * 60_000, to: dusk + 25 * 60_000 }];
    expect(judgeNight(claim, XIAN, -6).night).toBe('whole');
    expect(judgeNight(claim, XIAN, -12).night).toBe('none');
  });

  it('lets the place’s accuracy lift the sun: a sun 0.5° below the threshold is not night for a place known to 100 km', () => {
    const at = dusk + 2 * 60_000; // the sun sinks about 0.2° a minute here
    const depth = CIVIL - sunPosition(at, XIAN.lat, XIAN.lon).trueAltitude;
    expect(depth).toBeGreaterThan(0.3);
    expect(depth).toBeLessThan(0.8);
    const claim = [{ from: at, to: at }];
    expect(judgeNight(claim, { ...XIAN, accuracyMeters: 50 }, CIVIL).night).toBe('whole');
    const wide = judgeNight(claim, { ...XIAN, accuracyMeters: 100_000 }, CIVIL);
    expect(wide.night).toBe('none');
    expect(wide.placeAngle).toBeCloseTo(100_000 / METRES_PER_DEGREE, 12);
  });

  it('finds the polar night: a whole day in Longyearbyen at the December solstice, the sun at most −11.7°', () => {
    const day = [between('2026-12-21T00:00:00Z', '2026-12-22T00:00:00Z')];
    const judged = judgeNight(day, LONGYEARBYEN, CIVIL);
    expect(judged.night).toBe('whole');
    // Noon altitude 90 − 78.22 − 23.44 (the sun's declination), less nothing: no refraction.
    expect(judged.highestAltitude).toBeCloseTo(90 - 78.223 - 23.437, 1);
    const noon = getTimes(
      new Date('2026-12-21T12:00:00Z'),
      LONGYEARBYEN.lat,
      LONGYEARBYEN.lon,
    ).solarNoon;
    expect(Math.abs(judged.highestAt - noon.getTime())).toBeLessThan(60_000);
  });

  it('takes every alternative of a claim: night in one and day in the other is night for part', () => {
    const night = between('2026-11-20T22:00:00+08:00', '2026-11-20T23:00:00+08:00');
    const day = between('2026-11-21T10:00:00+08:00', '2026-11-21T11:00:00+08:00');
    const judged = judgeNight([night, day], XIAN, CIVIL);
    expect(judged.night).toBe('part');
    expect(judged.lit).toEqual([day]);
    expect(judgeNight([day, day], XIAN, CIVIL).night).toBe('none');
    // Every alternative lit, but one only in part: night for part.
    const acrossDusk = { from: dusk - HOUR, to: dusk + HOUR };
    expect(judgeNight([day, acrossDusk], XIAN, CIVIL).night).toBe('part');
    expect(judgeNight([night, night], XIAN, CIVIL).night).toBe('whole');
  });
});

describe('placeAngle', () => {
  it('is the arc of the accuracy: 111,195 m a degree, none without one', () => {
    expect(placeAngle(METRES_PER_DEGREE)).toBe(1);
    expect(placeAngle(null)).toBe(0);
    expect(placeAngle(undefined)).toBe(0);
    expect(METRES_PER_DEGREE).toBe(Math.round((2 * Math.PI * 6_371_008.8) / 360));
  });
});

describe('highestAltitude', () => {
  it('finds the sun’s noon height between the samples, to a thousandth of a degree', () => {
    const noon = getTimes(new Date('2026-06-21T12:00:00Z'), 48.85, 2.35).solarNoon.getTime();
    // Samples every 10 min from 09:07 UTC miss noon; the refinement finds it.
    const found = highestAltitude([{ from: noon - 3 * HOUR - 7 * 60_000, to: noon + 3 * HOUR }], {
      lat: 48.85,
      lon: 2.35,
    });
    expect(found.altitude).toBeCloseTo(sunPosition(noon, 48.85, 2.35).trueAltitude, 3);
    expect(Math.abs(found.at - noon)).toBeLessThan(60_000);
  });

  it('takes an end of the interval when the sun is highest there, and the best of several intervals', () => {
    const morning = between('2026-06-21T06:00:00Z', '2026-06-21T08:00:00Z');
    const evening = between('2026-06-21T17:00:00Z', '2026-06-21T18:00:00Z');
    const paris = { lat: 48.85, lon: 2.35 };
    const found = highestAltitude([evening, morning], paris);
    expect(found.at).toBe(morning.to);
    expect(found.altitude).toBe(sunPosition(morning.to, paris.lat, paris.lon).trueAltitude);
  });
});
