/**
 * The sun against a reference nobody here wrote, at 1,000 random instants (1900–2100)
 * and places over the whole sphere: PyEphem's positions, made by
 * test/sun-reference/make-positions.py (its header says how, and how close PyEphem is to
 * the NREL SPA reference case). suncalc documents ~0.08°; it does much better, and these
 * bounds hold it to what it does, so a change of suncalc or of the refraction taken out
 * around it shows here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sunPosition } from './position.js';

const FILE = fileURLToPath(new URL('../../../test/sun-reference/positions.json', import.meta.url));
const RAD = Math.PI / 180;

type Row = [
  at: string,
  lat: number,
  lon: number,
  altitude: number,
  azimuth: number,
  apparent: number,
];
const reference = JSON.parse(readFileSync(FILE, 'utf8')) as { columns: string[]; rows: Row[] };

/** The angle between two directions on the sky, each (altitude, azimuth), degrees. */
function separation(alt1: number, az1: number, alt2: number, az2: number): number {
  const cos =
    Math.sin(alt1 * RAD) * Math.sin(alt2 * RAD) +
    Math.cos(alt1 * RAD) * Math.cos(alt2 * RAD) * Math.cos((az1 - az2) * RAD);
  return Math.acos(Math.min(1, cos)) / RAD;
}

describe('the sun against PyEphem at 1,000 random times and places', () => {
  it('reads the reference file as its generator wrote it', () => {
    expect(reference.columns).toEqual([
      'at',
      'lat',
      'lon',
      'altitude',
      'azimuth',
      'apparentAltitude',
    ]);
    expect(reference.rows).toHaveLength(1000);
    // Day and night, both hemispheres, every season of two centuries.
    expect(reference.rows.filter((r) => r[3] > 0).length).toBeGreaterThan(400);
    expect(reference.rows.filter((r) => r[3] < 0).length).toBeGreaterThan(400);
    expect(reference.rows.filter((r) => r[1] < 0).length).toBeGreaterThan(400);
  });

  it('puts the geometric sun within 0.02° of it everywhere (0.014° at worst today)', () => {
    const worst = Math.max(
      ...reference.rows.map(([at, lat, lon, altitude, azimuth]) => {
        const p = sunPosition(Date.parse(at), lat, lon);
        return separation(p.trueAltitude, p.azimuth, altitude, azimuth);
      }),
    );
    expect(worst).toBeLessThan(0.02);
  });

  it('gives the apparent altitude within 0.02° of it above 5° (near the horizon the two refraction formulas part)', () => {
    const high = reference.rows.filter((r) => r[5] > 5);
    expect(high.length).toBeGreaterThan(300);
    for (const [at, lat, lon, , , apparent] of high) {
      expect(Math.abs(sunPosition(Date.parse(at), lat, lon).altitude - apparent)).toBeLessThan(
        0.02,
      );
    }
  });

  it('gives azimuths on the same scale: within 0.06° wherever the sun is not near the zenith', () => {
    for (const [at, lat, lon, , azimuth] of reference.rows.filter((r) => r[3] < 85)) {
      const p = sunPosition(Date.parse(at), lat, lon);
      const difference = Math.abs(((p.azimuth - azimuth + 540) % 360) - 180);
      expect(difference).toBeLessThan(0.06);
    }
  });
});
