import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import {
  apparentSun,
  refraction,
  STANDARD_ATMOSPHERE,
  sunPosition,
  trueAltitudeOf,
  type SunPosition,
} from './position.js';

/** NREL SPA's reference case (Reda & Andreas 2004; ../shared/fixtures/README.md). */
const SPA = {
  at: Date.parse('2003-10-17T12:30:30-07:00'),
  lat: 39.742476,
  lon: -105.1786,
  atmosphere: { pressureMbar: 820, temperatureC: 11 },
  zenith: 50.11162,
  azimuth: 194.340241,
};

const zenith = (p: SunPosition) => 90 - p.altitude;

describe('the sun at the NREL SPA reference case', () => {
  it('agrees within 0.01° in zenith and azimuth, in standard air', () => {
    const p = sunPosition(SPA.at, SPA.lat, SPA.lon);
    expect(Math.abs(zenith(p) - SPA.zenith)).toBeLessThan(0.01);
    expect(Math.abs(p.azimuth - SPA.azimuth)).toBeLessThan(0.01);
    // What it measures today (suncalc 2.0.2): 0.0041° and 0.0012°.
    expect(Math.abs(zenith(p) - SPA.zenith)).toBeLessThan(0.005);
    expect(Math.abs(p.azimuth - SPA.azimuth)).toBeLessThan(0.002);
  });

  it('agrees within 0.001° in zenith in the case’s own air (820 mbar, 11 °C)', () => {
    const p = sunPosition(SPA.at, SPA.lat, SPA.lon, SPA.atmosphere);
    expect(Math.abs(zenith(p) - SPA.zenith)).toBeLessThan(0.001);
    expect(Math.abs(p.azimuth - SPA.azimuth)).toBeLessThan(0.002);
    // Thinner air refracts less: the sun is lower than in standard air, by the same geometry.
    const standard = sunPosition(SPA.at, SPA.lat, SPA.lon);
    expect(p.trueAltitude).toBe(standard.trueAltitude);
    expect(standard.altitude - p.altitude).toBeCloseTo(0.0039, 4);
  });
});

describe('the conventions, read from suncalc 2 and pinned', () => {
  it('gives azimuth in degrees clockwise from north: east in the morning, south at noon, west in the evening (north of the tropics)', () => {
    const day = Date.parse('2026-06-21T00:00:00Z');
    const times = getTimes(new Date(day + 12 * 3_600_000), 48.85, 2.35); // Paris
    const noon = times.solarNoon.getTime();
    const morning = sunPosition(noon - 4 * 3_600_000, 48.85, 2.35);
    const midday = sunPosition(noon, 48.85, 2.35);
    const evening = sunPosition(noon + 4 * 3_600_000, 48.85, 2.35);
    expect(morning.azimuth).toBeGreaterThan(90);
    expect(morning.azimuth).toBeLessThan(135);
    expect(midday.azimuth).toBeCloseTo(180, 1);
    expect(evening.azimuth).toBeGreaterThan(225);
    expect(evening.azimuth).toBeLessThan(270);
    // Degrees, not radians: at the June solstice the noon sun over Paris is 90 − 48.85 + 23.44 high.
    expect(midday.altitude).toBeCloseTo(90 - 48.85 + 23.44, 0);
  });

  it('puts the noon sun in the north south of the tropics', () => {
    const times = getTimes(new Date('2026-06-21T12:00:00Z'), -33.87, 151.21); // Sydney
    const noon = sunPosition(times.solarNoon.getTime(), -33.87, 151.21);
    expect(Math.min(noon.azimuth, 360 - noon.azimuth)).toBeLessThan(0.1);
    expect(noon.azimuth).toBeGreaterThanOrEqual(0);
    expect(noon.azimuth).toBeLessThan(360);
  });

  it('reads twilight on the geometric altitude: at suncalc’s own dusk the true altitude is −6°, the apparent one −5.52°', () => {
    const times = getTimes(new Date('2026-03-01T12:00:00Z'), 34.261, 108.942); // Xi'an
    const dusk = sunPosition(times.dusk!.getTime(), 34.261, 108.942);
    expect(dusk.trueAltitude).toBeCloseTo(-6, 2);
    // suncalc adds the refraction at the horizon to any sun below it.
    expect(dusk.altitude).toBeCloseTo(-6 + refraction(0), 2);
  });
});

describe('refraction', () => {
  it('is Sæmundsson’s formula in standard air: about 0.484° at the horizon, 0.0169° at 45°, kept constant below', () => {
    expect(refraction(0)).toBeCloseTo(0.484, 3);
    expect(refraction(45)).toBeCloseTo(0.01688, 5); // 1.02′ / tan(45.2048°)
    expect(refraction(90)).toBeCloseTo(0, 4); // the formula gives −0.00003° there, as suncalc’s
    expect(refraction(-3)).toBe(refraction(0));
    expect(refraction(-10)).toBe(refraction(0));
  });

  it('scales with pressure and inversely with absolute temperature', () => {
    expect(refraction(10, STANDARD_ATMOSPHERE)).toBe(refraction(10));
    expect(refraction(10, { pressureMbar: 505, temperatureC: 10 })).toBeCloseTo(
      refraction(10) / 2,
      12,
    );
    expect(refraction(10, { pressureMbar: 1010, temperatureC: 293 })).toBeCloseTo(
      refraction(10) / 2,
      12,
    );
  });

  it('is taken back out exactly: the true altitude of an apparent one, above and below the horizon', () => {
    for (const h of [-20, -6, -0.5, -1e-9, 0, 0.2, 1, 5, 15, 45, 89.9]) {
      expect(trueAltitudeOf(h + refraction(h))).toBeCloseTo(h, 9);
    }
    expect(trueAltitudeOf(-6)).toBeCloseTo(-6 - refraction(0), 12);
  });
});

describe('apparentSun, the fast path for shadows', () => {
  it('is the position’s azimuth and apparent altitude, above and below the horizon', () => {
    for (const hours of [0, 5, 9, 12, 17, 21]) {
      const at = Date.parse('2026-03-20T00:00:00Z') + hours * 3_600_000;
      const full = sunPosition(at, 34.261, 108.942);
      const fast = apparentSun(at, 34.261, 108.942);
      expect(fast.azimuth).toBe(full.azimuth);
      expect(fast.altitude).toBeCloseTo(full.altitude, 9);
    }
  });
});
