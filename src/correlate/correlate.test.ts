import { describe, expect, it } from 'vitest';
import { boundingBox, haversineMeters } from './geo.js';
import { chooseIncident, intervalGap, type Candidate } from './join-incident.js';

const HOUR = 3_600_000;
const rule = { radiusMeters: 500, windowMs: 2 * HOUR };
const T0 = Date.parse('2026-11-20T13:00:00Z');
/** About 111 m per 0.001° of latitude. */
const north = (meters: number) => 34.261 + meters / 111_195;

function candidate(overrides: Partial<Candidate>): Candidate {
  return {
    id: 'r_other',
    incidentId: 'i_1',
    lat: 34.261,
    lon: 108.942,
    from: T0,
    to: T0,
    ...overrides,
  };
}
const subject = { id: 'r_new', point: { lat: 34.261, lon: 108.942 }, window: { from: T0, to: T0 } };

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

describe('chooseIncident', () => {
  it('joins a report 400 m away within the hour', () => {
    const c = candidate({ lat: north(400), from: T0 + HOUR, to: T0 + HOUR });
    expect(chooseIncident(subject, [c], rule)?.incidentId).toBe('i_1');
  });

  it('does not join a report 600 m away', () => {
    expect(chooseIncident(subject, [candidate({ lat: north(600) })], rule)).toBeNull();
  });

  it('does not join a report more than 2 h apart', () => {
    const later = T0 + 2 * HOUR + 1;
    expect(chooseIncident(subject, [candidate({ from: later, to: later })], rule)).toBeNull();
  });

  it('counts the gap between intervals, not between their starts', () => {
    const long = candidate({ from: T0 - 5 * HOUR, to: T0 - HOUR });
    expect(chooseIncident(subject, [long], rule)?.incidentId).toBe('i_1');
  });

  it('picks the nearest of several incidents', () => {
    const far = candidate({ id: 'a', incidentId: 'i_far', lat: north(450) });
    const near = candidate({ id: 'b', incidentId: 'i_near', lat: north(100) });
    expect(chooseIncident(subject, [far, near], rule)?.incidentId).toBe('i_near');
  });

  it('joins a report exactly 2 h apart (the window is inclusive)', () => {
    const later = T0 + 2 * HOUR;
    expect(chooseIncident(subject, [candidate({ from: later, to: later })], rule)?.incidentId).toBe(
      'i_1',
    );
  });

  it('joins a report exactly at the radius, and not one a micrometre beyond it', () => {
    const c = candidate({ lat: north(500) });
    // The rule's radius is set to the computed distance, so "exactly" owes nothing to rounding.
    const distance = haversineMeters(subject.point, c);
    expect(chooseIncident(subject, [c], { ...rule, radiusMeters: distance })).toEqual({
      incidentId: 'i_1',
      distanceMeters: distance,
    });
    expect(chooseIncident(subject, [c], { ...rule, radiusMeters: distance - 1e-6 })).toBeNull();
  });

  it('keeps the nearest incident when a farther one comes after it', () => {
    const near = candidate({ id: 'a', incidentId: 'i_near', lat: north(100) });
    const far = candidate({ id: 'b', incidentId: 'i_far', lat: north(450) });
    expect(chooseIncident(subject, [near, far], rule)?.incidentId).toBe('i_near');
  });

  it('prefers the nearer report even when a farther one is closer in time', () => {
    const near = candidate({ id: 'a', incidentId: 'i_near', lat: north(100), from: T0 + HOUR });
    const far = candidate({ id: 'b', incidentId: 'i_far', lat: north(450) });
    expect(chooseIncident(subject, [near, far], rule)?.incidentId).toBe('i_near');
    expect(chooseIncident(subject, [far, near], rule)?.incidentId).toBe('i_near');
  });

  it('breaks a tie in distance by the smaller time gap, in either order', () => {
    // Same place, so the distances are equal to the last bit.
    const lateAt = (minutes: number) => T0 + minutes * 60_000;
    const gap30 = candidate({ id: 'a', incidentId: 'i_30', from: lateAt(30), to: lateAt(30) });
    const gap10 = candidate({ id: 'b', incidentId: 'i_10', from: lateAt(10), to: lateAt(10) });
    expect(chooseIncident(subject, [gap30, gap10], rule)?.incidentId).toBe('i_10');
    expect(chooseIncident(subject, [gap10, gap30], rule)?.incidentId).toBe('i_10');
  });

  it('keeps the first of candidates equal in distance and gap (stable)', () => {
    const first = candidate({ id: 'a', incidentId: 'i_first', lat: north(200) });
    const second = candidate({ id: 'b', incidentId: 'i_second', lat: north(200) });
    expect(chooseIncident(subject, [first, second], rule)?.incidentId).toBe('i_first');
    expect(chooseIncident(subject, [second, first], rule)?.incidentId).toBe('i_second');
  });

  it('ignores itself and reports not yet in an incident', () => {
    expect(
      chooseIncident(subject, [candidate({ id: 'r_new' }), candidate({ incidentId: null })], rule),
    ).toBeNull();
  });
});

describe('intervalGap', () => {
  it('is zero for overlapping intervals', () => {
    expect(intervalGap({ from: 0, to: 10 }, { from: 5, to: 20 })).toBe(0);
    expect(intervalGap({ from: 0, to: 10 }, { from: 15, to: 20 })).toBe(5);
  });
});
