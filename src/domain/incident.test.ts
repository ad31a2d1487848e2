import { describe, expect, it } from 'vitest';
import { sphericalMean, summarizeIncident } from './incident.js';

describe('summarizeIncident', () => {
  it('spans all member windows and averages their points', () => {
    const s = summarizeIncident([
      { window: { from: 10, to: 20 }, point: { lat: 10, lon: 20 } },
      { window: { from: 5, to: 15 }, point: { lat: 10.002, lon: 20.002 } },
      { window: { from: 30, to: 30 }, point: null },
    ]);
    expect(s.start).toBe(5);
    expect(s.end).toBe(30);
    expect(s.reportCount).toBe(3);
    expect(s.centroid!.lat).toBeCloseTo(10.001, 6);
    expect(s.centroid!.lon).toBeCloseTo(20.001, 6);
  });

  it('has no centroid when no member has a point', () => {
    expect(summarizeIncident([{ window: { from: 1, to: 2 }, point: null }]).centroid).toBeNull();
  });
});

describe('sphericalMean', () => {
  it('averages across the antimeridian to a place on it, not to longitude 0', () => {
    const m = sphericalMean([
      { lat: 0, lon: 179.9 },
      { lat: 0, lon: -179.9 },
    ])!;
    expect(Math.abs(m.lon)).toBeCloseTo(180, 6);
  });
});
