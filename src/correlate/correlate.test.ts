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
