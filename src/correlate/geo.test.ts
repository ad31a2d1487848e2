import { describe, expect, it } from 'vitest';
import { boundingBox, haversineMeters } from './geo.js';

describe('haversineMeters', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
  });
  it('goes the short way across the antimeridian', () => {
    expect(haversineMeters({ lat: 0, lon: 179.999 }, { lat: 0, lon: -179.999 })).toBeLessThan(300);
  });
});

/** The point `meters` from `p` in direction `bearing` (degrees), on the same sphere. */
function destination(p: { lat: number; lon: number }, bearing: number, meters: number) {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const d = meters / R;
  const lat1 = p.lat * rad;
  const b = bearing * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    p.lon * rad +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: lat2 / rad, lon: lon2 / rad };
}

describe('boundingBox', () => {
  it.each([0, 34.261, 60, -75])('contains every point at the radius (lat %d)', (lat) => {
    const center = { lat, lon: 10 };
    const box = boundingBox(center, 500);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const q = destination(center, bearing, 499.999);
      expect(haversineMeters(center, q)).toBeCloseTo(499.999, 2);
      expect(q.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(q.lat).toBeLessThanOrEqual(box.maxLat);
      expect(q.lon).toBeGreaterThanOrEqual(box.minLon);
      expect(q.lon).toBeLessThanOrEqual(box.maxLon);
    }
  });
  it('opens to all longitudes across the antimeridian', () => {
    expect(boundingBox({ lat: 0, lon: 179.999 }, 500)).toMatchObject({ minLon: -180, maxLon: 180 });
    expect(boundingBox({ lat: 0, lon: -179.999 }, 500)).toMatchObject({
      minLon: -180,
      maxLon: 180,
    });
  });

  it('reaches no further than the radius: each edge is the point at the radius (equator)', () => {
    const center = { lat: 0, lon: 10 };
    const box = boundingBox(center, 500);
    expect(box.maxLat).toBeCloseTo(destination(center, 0, 500).lat, 9);
    expect(box.minLat).toBeCloseTo(destination(center, 180, 500).lat, 9);
    expect(box.maxLon).toBeCloseTo(destination(center, 90, 500).lon, 9);
    expect(box.minLon).toBeCloseTo(destination(center, 270, 500).lon, 9);
  });

  it('spans every longitude at a pole, where they all meet, even for a zero radius', () => {
    expect(boundingBox({ lat: 90, lon: 0 }, 0)).toEqual({
      minLat: 90,
      maxLat: 90,
      minLon: -180,
      maxLon: 180,
    });
    expect(boundingBox({ lat: 89.999, lon: 10 }, 500)).toMatchObject({
      maxLat: 90,
      minLon: -180,
      maxLon: 180,
    });
  });

  it('keeps a box that ends exactly on the antimeridian, and opens one a unit past it', () => {
    const halfWidth = boundingBox({ lat: 0, lon: 0 }, 500).maxLon;
    const west = -180 + halfWidth;
    const east = 180 - halfWidth;
    // The edges land on ±180 exactly (checked, not assumed).
    expect(west - halfWidth).toBe(-180);
    expect(east + halfWidth).toBe(180);
    expect(boundingBox({ lat: 0, lon: west }, 500)).toMatchObject({
      minLon: -180,
      maxLon: west + halfWidth,
    });
    expect(boundingBox({ lat: 0, lon: east }, 500)).toMatchObject({
      minLon: east - halfWidth,
      maxLon: 180,
    });
    expect(boundingBox({ lat: 0, lon: west - 1e-9 }, 500)).toMatchObject({
      minLon: -180,
      maxLon: 180,
    });
    expect(boundingBox({ lat: 0, lon: east + 1e-9 }, 500)).toMatchObject({
      minLon: -180,
      maxLon: 180,
    });
  });
});
