/**
 * Every call the map makes and the shape of every answer, in one place, so a change
 * of shape on the server is fixed here only: the viewport's features (clusters and
 * single reports or incidents), place labels, the map's configuration, and the
 * incident or report a click selects.
 *
 * The map routes (src/server/routes/map.ts, branch f7-map) declare their answers as
 * inline zod schemas, not exported types, so the shapes below are written out from
 * those schemas; the incident and report answers are the server's own types.
 */
import { call } from '../api.js';
import type { IncidentBody, ReportBody } from '../incident/types.js';
import { bboxParam, type BBox } from './bbox.js';

export type MapLayerName = 'reports' | 'incidents';
export const MAP_LAYERS: readonly MapLayerName[] = ['reports', 'incidents'];

/** The offline base layer (land and borders), fetched by MapLibre's worker itself. */
export const BASE_URL = '/api/v1/map/base';

type Point = { type: 'Point'; coordinates: [number, number] };

export interface ClusterProperties {
  cluster: true;
  id: string;
  count: number;
  /** The items it stands for: the heat layer's weight. */
  weight: number;
}

export interface ItemProperties {
  cluster: false;
  id: string;
  kind: 'report' | 'incident';
  /** The uncertainty of its place (a report's accuracy, an incident's spread), or null. */
  radiusMeters: number | null;
  category: string | null;
  status: string | null;
  confidence: number | null;
  reportCount: number | null;
  start: string;
  end: string;
  weight: 1;
}

export interface MapFeature<P = ClusterProperties | ItemProperties> {
  type: 'Feature';
  id: string;
  geometry: Point;
  properties: P;
}

export interface FeatureAnswer {
  type: 'FeatureCollection';
  /** The zoom of the grid the answer used (lower than asked when the cap merged cells). */
  zoom: number;
  /** Whether the cap or the viewport's size made the answer coarser than asked. */
  truncated: boolean;
  /** Items the features stand for. */
  total: number;
  features: MapFeature[];
}

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: Point;
  properties: {
    name: string;
    /** The name in Chinese script, when the gazetteer has one. */
    nameZh: string | null;
    population: number;
    country: string;
    featureCode: string;
  };
}

export interface PlacesAnswer {
  type: 'FeatureCollection';
  zoom: number;
  features: PlaceFeature[];
}

export type TilesConfig = {
  kind: 'raster' | 'vector' | 'pmtiles';
  url: string;
  attribution: string | null;
};

export interface MapConfig {
  base: { url: string; resolution: string; attribution: string };
  places: { url: string; max: number; source: string };
  features: {
    url: string;
    layers: MapLayerName[];
    maxFeatures: number;
    cellPixels: number;
    clusterMaxZoom: number;
  };
  /** The operator's street tiles, or null. */
  tiles: TilesConfig | null;
}

export interface ViewportQuery {
  bbox: BBox;
  zoom: number;
  /** ISO times; null: all time. */
  window: { from: string; to: string } | null;
}

function viewportParams(q: ViewportQuery): URLSearchParams {
  const params = new URLSearchParams({
    bbox: bboxParam(q.bbox),
    // The server reads whole zooms; two decimals keep the URL short.
    zoom: String(Math.round(Math.max(0, Math.min(24, q.zoom)) * 100) / 100),
  });
  return params;
}

export function featuresPath(layer: MapLayerName, q: ViewportQuery): string {
  const params = viewportParams(q);
  params.set('layer', layer);
  if (q.window) {
    params.set('from', q.window.from);
    params.set('to', q.window.to);
  }
  return `map/features?${params}`;
}

export const fetchFeatures = (layer: MapLayerName, q: ViewportQuery, signal?: AbortSignal) =>
  call<FeatureAnswer>(featuresPath(layer, q), { signal });

export const fetchPlaces = (q: Omit<ViewportQuery, 'window'>, signal?: AbortSignal) =>
  call<PlacesAnswer>(`map/places?${viewportParams({ ...q, window: null })}`, { signal });

export const fetchConfig = (signal?: AbortSignal) => call<MapConfig>('map/config', { signal });

export const fetchIncident = (id: string, signal?: AbortSignal) =>
  call<IncidentBody>(`incidents/${encodeURIComponent(id)}`, { signal });

export const fetchReport = (id: string, signal?: AbortSignal) =>
  call<ReportBody>(`reports/${encodeURIComponent(id)}`, { signal });

export const isCluster = (f: MapFeature): f is MapFeature<ClusterProperties> =>
  f.properties.cluster === true;

export const isItem = (f: MapFeature): f is MapFeature<ItemProperties> =>
  f.properties.cluster === false;
