import { describe, expect, it } from 'vitest';
import { circlePolygon, EARTH_RADIUS_METERS, type Position } from './circle.js';

const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
function distance([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const dPhi = (lat2 - lat1) * RAD;
  const dLambda = (lon2 - lon1) * RAD;
  const a =
    Math.sin(dPhi / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Twice the signed area in degrees² (shoelace): positive when counter-clockwise. */
const signedArea = (ring: Position[]) =>
  ring.slice(1).reduce((s, [x, y], i) => s + ring[i]![0] * y - x * ring[i]![1], 0);

const ring = (lon: number, lat: number, r: number, steps?: number) =>
  circlePolygon(lon, lat, r, steps)!.coordinates[0]!;

describe('circlePolygon', () => {
  it('puts every vertex at the radius from the centre, in a closed counter-clockwise ring', () => {
    const r = ring(108.94, 34.34, 250, 32);
    expect(r).toHaveLength(33);
    expect(r[32]).toEqual(r[0]);
    for (const p of r) expect(distance([108.94, 34.34], p)).toBeCloseTo(250, 6);
    expect(signedArea(r)).toBeGreaterThan(0);
  });

  it('starts due north of the centre', () => {
    const [lon, lat] = ring(2.35, 48.85, 1000)[0]!;
    expect(lon).toBeCloseTo(2.35, 9);
    expect(lat).toBeGreaterThan(48.85);
  });

  it('keeps a ring across the antimeridian continuous (past 180° rather than jumping to −180°)', () => {
    const r = ring(179.999, -16.5, 5000, 64);
    const lons = r.map((p) => p[0]);
    expect(Math.max(...lons)).toBeGreaterThan(180);
    expect(Math.min(...lons)).toBeLessThan(180);
    for (let i = 1; i < r.length; i++) expect(Math.abs(r[i]![0] - r[i - 1]![0])).toBeLessThan(1);
    for (const p of r) expect(distance([179.999, -16.5], p)).toBeCloseTo(5000, 5);
  });

  it('does the same from the west side (−180°)', () => {
    const lons = ring(-179.999, 65, 5000).map((p) => p[0]);
    expect(Math.min(...lons)).toBeLessThan(-180);
    expect(Math.max(...lons)).toBeGreaterThan(-180);
  });

  it('folds a centre given as 540° back into the world', () => {
    const a = ring(540, 10, 100);
    const b = ring(180, 10, 100);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]![0]).toBeCloseTo(b[i]![0], 9);
      expect(a[i]![1]).toBeCloseTo(b[i]![1], 9);
    }
  });

  it('turns a circle containing the north pole into the band from its boundary to the pole', () => {
    const centre: Position = [30, 89.5];
    const r = ring(centre[0], centre[1], 100_000, 90);
    const lons = r.map((p) => p[0]);
    expect(Math.min(...lons)).toBe(-180);
    expect(Math.max(...lons)).toBe(180);
    expect(r).toContainEqual([180, 90]);
    expect(r).toContainEqual([-180, 90]);
    expect(r[r.length - 1]).toEqual(r[0]);
    expect(signedArea(r)).toBeGreaterThan(0);
    // Every vertex not on the pole or the seam is on the circle.
    for (const p of r)
      if (p[1] !== 90 && Math.abs(p[0]) !== 180)
        expect(distance(centre, p)).toBeCloseTo(100_000, 3);
    // The seam's vertices continue the boundary (near its latitude there).
    const seam = r.filter((p) => Math.abs(p[0]) === 180 && p[1] !== 90);
    for (const p of seam) expect(Math.abs(distance(centre, p) - 100_000)).toBeLessThan(2_000);
  });

  it('does the same around the south pole, still counter-clockwise', () => {
    const r = ring(-60, -89.9, 50_000);
    expect(r).toContainEqual([-180, -90]);
    expect(r).toContainEqual([180, -90]);
    expect(signedArea(r)).toBeGreaterThan(0);
  });

  it('draws a circle centred on a pole as the cap down to its latitude', () => {
    const r = ring(0, 90, 111_195, 36);
    const boundary = r.filter((p) => p[1] !== 90);
    for (const p of boundary) expect(p[1]).toBeCloseTo(89, 3);
    expect(r).toContainEqual([180, 90]);
    // No vertex twice in a row.
    for (let i = 1; i < r.length; i++) expect(r[i]).not.toEqual(r[i - 1]);
  });

  it('keeps a circle that only reaches towards a pole an ordinary ring', () => {
    const r = ring(0, 89, 100_000);
    expect(r.every((p) => p[1] < 90)).toBe(true);
    expect(r).toHaveLength(65);
  });

  it('draws a circle containing both poles, or half the Earth and more, as the whole world', () => {
    const world = [
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, 90],
      [-180, -90],
    ];
    expect(ring(0, 0, Math.PI * EARTH_RADIUS_METERS)).toEqual(world);
    expect(ring(10, 0, 10_050_000)).toEqual(world);
    expect(ring(10, 0, 9_950_000).every((p) => Math.abs(p[1]) < 90)).toBe(true);
  });

  it('holds at least 3 and at most 1024 vertices, whole', () => {
    expect(ring(0, 0, 10, 1)).toHaveLength(4);
    expect(ring(0, 0, 10, 2.6)).toHaveLength(4);
    expect(ring(0, 0, 10, 10_000)).toHaveLength(1025);
    expect(ring(0, 0, 10, Number.NaN)).toHaveLength(65);
  });

  it('draws a centimetre-wide circle without losing its shape', () => {
    for (const p of ring(121.47, 31.23, 0.01, 16))
      expect(distance([121.47, 31.23], p)).toBeCloseTo(0.01, 6);
  });

  it('has no circle for no radius, a bad radius or a bad centre', () => {
    expect(circlePolygon(0, 0, 0)).toBeNull();
    expect(circlePolygon(0, 0, -5)).toBeNull();
    expect(circlePolygon(0, 0, Number.NaN)).toBeNull();
    expect(circlePolygon(0, 0, Number.POSITIVE_INFINITY)).toBeNull();
    expect(circlePolygon(0, 90.0001, 10)).toBeNull();
    expect(circlePolygon(Number.NaN, 0, 10)).toBeNull();
  });
});
