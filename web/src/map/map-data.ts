/**
 * A viewport answer as the map's two GeoJSON sources: its points (clusters and
 * items, as the server sent them) and, for each item with an uncertainty, that
 * radius as a polygon to scale. Pure.
 */
import { circlePolygon, type PolygonGeometry } from './circle.js';
import { isCluster, isItem, type FeatureAnswer, type MapFeature } from './map-api.js';

/** Vertices of an uncertainty circle: smooth at any zoom, ≤ 1000 × 65 in all. */
export const CIRCLE_STEPS = 64;

export interface RadiusFeature {
  type: 'Feature';
  properties: { id: string };
  geometry: PolygonGeometry;
}

export interface LayerData {
  points: { type: 'FeatureCollection'; features: MapFeature[] };
  radii: { type: 'FeatureCollection'; features: RadiusFeature[] };
}

export function layerData(answer: FeatureAnswer | null): LayerData {
  const features = answer?.features ?? [];
  const radii: RadiusFeature[] = [];
  for (const f of features) {
    if (!isItem(f) || f.properties.radiusMeters === null) continue;
    const [lon, lat] = f.geometry.coordinates;
    const geometry = circlePolygon(lon, lat, f.properties.radiusMeters, CIRCLE_STEPS);
    if (geometry) radii.push({ type: 'Feature', properties: { id: f.id }, geometry });
  }
  return {
    points: { type: 'FeatureCollection', features },
    radii: { type: 'FeatureCollection', features: radii },
  };
}

/** The clusters of an answer, for their count labels. */
export const clustersOf = (answer: FeatureAnswer | null) =>
  (answer?.features ?? []).filter(isCluster);
