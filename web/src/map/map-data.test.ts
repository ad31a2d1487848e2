import { describe, expect, it } from 'vitest';
import type { FeatureAnswer, MapFeature } from './map-api.js';
import { clustersOf, layerData } from './map-data.js';

const cluster = (id: string, count: number): MapFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [10, 20] },
  properties: { cluster: true, id, count, weight: count },
});

const item = (id: string, radiusMeters: number | null, lon = 108.9): MapFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, 34.3] },
  properties: {
    cluster: false,
    id,
    kind: 'incident',
    radiusMeters,
    category: 'surveillance',
    status: null,
    confidence: 0.8,
    reportCount: 3,
    start: '2026-11-30T01:00:00.000Z',
    end: '2026-11-30T01:10:00.000Z',
    weight: 1,
  },
});

const answer = (features: MapFeature[]): FeatureAnswer => ({
  type: 'FeatureCollection',
  zoom: 9,
  truncated: false,
  total: features.length,
  features,
});

describe('layerData', () => {
  it('keeps every point as the server sent it', () => {
    const features = [cluster('9/1/2', 40), item('inc_1', 120)];
    expect(layerData(answer(features)).points.features).toEqual(features);
  });

  it('draws an uncertainty circle for each item with a radius, and none for clusters', () => {
    const radii = layerData(answer([cluster('9/1/2', 40), item('inc_1', 120), item('inc_2', null)]))
      .radii.features;
    expect(radii.map((r) => r.properties.id)).toEqual(['inc_1']);
    expect(radii[0]!.geometry.coordinates[0]).toHaveLength(65);
  });

  it('draws no circle for a radius of zero', () => {
    expect(layerData(answer([item('r_1', 0)])).radii.features).toEqual([]);
  });

  it('is empty without an answer', () => {
    const d = layerData(null);
    expect(d.points.features).toEqual([]);
    expect(d.radii.features).toEqual([]);
  });
});

describe('clustersOf', () => {
  it('picks the clusters for their count labels', () => {
    expect(clustersOf(answer([cluster('a', 2), item('b', 5)])).map((c) => c.id)).toEqual(['a']);
  });
});
