/**
 * Every call the map makes and the shape of every answer, in one place, so a change
 * of shape on the server is fixed here only: the viewport's features (clusters and
 * single reports or incidents), place labels, the map's configuration, and the
 * incident or report a click selects.
 *
 * The shapes are the server's own types (src/map/: the features, places and tiles
 * the route answers with); the places and configuration envelopes are written out
 * from the route's schemas (src/server/routes/map.ts declares them inline, with no
 * exported type). The incident and report answers are the server's own types.
 */
import type {
  ClusterProperties as ServerClusterProperties,
  FeatureAnswer as ServerFeatureAnswer,
  ItemProperties as ServerItemProperties,
  MapFeature as ServerMapFeature,
} from '../../../src/map/map-layer.js';
import type { PlaceFeature as ServerPlaceFeature } from '../../../src/map/places.js';
import type { TilesSource } from '../../../src/map/tiles.js';
import { call } from '../api.js';
import type { IncidentBody, ReportBody } from '../incident/types.js';
import { bboxParam, type BBox } from './bbox.js';

export type MapLayerName = 'reports' | 'incidents';
export const MAP_LAYERS: readonly MapLayerName[] = ['reports', 'incidents'];

/** The offline base layer (land and borders), fetched by MapLibre's worker itself. */
export const BASE_URL = '/api/v1/map/base';

/** A cluster: a grid cell's count at its items' mean point (`weight` = count, for heat). */
export type ClusterProperties = ServerClusterProperties;
/** One report or incident: `radiusMeters` is the uncertainty of its place, or null. */
export type ItemProperties = ServerItemProperties;
export type MapFeature<P = ClusterProperties | ItemProperties> = ServerMapFeature<P>;
/**
 * GET /api/v1/map/features: the service's answer less `partial`, which the route
 * folds in (single incidents rescoped to the viewer's members) and drops.
 */
export type FeatureAnswer = Omit<ServerFeatureAnswer, 'partial'>;
export type PlaceFeature = ServerPlaceFeature;

export interface PlacesAnswer {
  type: 'FeatureCollection';
  zoom: number;
  features: PlaceFeature[];
}

/** The operator's street tiles as the configuration names them (no local file path). */
export type TilesConfig = Omit<TilesSource, 'file'>;

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
