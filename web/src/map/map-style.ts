/**
 * The map's style, built in code (no style file, no sprite, no glyphs: nothing is
 * fetched from elsewhere): the sea, Natural Earth land and borders from the offline
 * base layer, the operator's street tiles when configured, and for each of the two
 * layers (reports, incidents) a heat layer, the uncertainty circles, the clusters and
 * the single items. Text (place names, cluster counts) is HTML over the map
 * (labels.ts): a symbol layer would need a glyph server.
 */
import type { MapOptions } from 'maplibre-gl';
import { BASE_URL, MAP_LAYERS, type MapLayerName } from './map-api.js';

export type Style = Extract<NonNullable<MapOptions['style']>, { layers: unknown }>;
export type Layer = Style['layers'][number];
type Sources = Style['sources'];

export const COLORS: Record<MapLayerName, string> = { reports: '#2563eb', incidents: '#dc2626' };

/** Source and layer ids of one data layer. */
export const ids = (layer: MapLayerName) => ({
  points: `${layer}-points`,
  radii: `${layer}-radii`,
  heat: `${layer}-heat`,
  radiusFill: `${layer}-radius-fill`,
  radiusLine: `${layer}-radius-line`,
  clusters: `${layer}-clusters`,
  items: `${layer}-items`,
  selected: `${layer}-selected`,
});

/** The layers a click picks from, topmost first. */
export const CLICKABLE = MAP_LAYERS.flatMap((l) => [ids(l).items, ids(l).clusters]).reverse();

/** A cluster's circle: radius in pixels by count (linear between these stops). */
export const CLUSTER_RADII: readonly (readonly [number, number])[] = [
  [1, 10],
  [10, 14],
  [100, 20],
  [1000, 27],
  [10000, 34],
];

/** The radius CLUSTER_RADII gives a count (as MapLibre interpolates it). */
export function clusterRadiusPx(count: number): number {
  const stops = CLUSTER_RADII;
  if (!(count > stops[0]![0])) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [c1, r1] = stops[i]!;
    if (count <= c1) {
      const [c0, r0] = stops[i - 1]!;
      return r0 + ((count - c0) / (c1 - c0)) * (r1 - r0);
    }
  }
  return stops[stops.length - 1]![1];
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

const isCluster = ['==', ['get', 'cluster'], true];
const isItem = ['==', ['get', 'cluster'], false];

/**
 * The operator's street tiles as MapLibre reads them: a URL template (for a PMTiles
 * archive, the `pmtiles://` protocol of pmtiles.ts), raster or vector.
 */
export interface StreetTiles {
  type: 'raster' | 'vector';
  tiles: string[];
  attribution: string | null;
  minzoom?: number;
  maxzoom?: number;
}

/** Street detail: raster tiles as they are; vector tiles in the two common schemas. */
function tileLayers(street: StreetTiles): { sources: Sources; layers: Layer[] } {
  const source = {
    tiles: street.tiles,
    attribution: street.attribution ?? undefined,
    ...(street.minzoom === undefined ? {} : { minzoom: street.minzoom }),
    ...(street.maxzoom === undefined ? {} : { maxzoom: street.maxzoom }),
  };
  if (street.type === 'raster') {
    return {
      sources: { street: { type: 'raster', tileSize: 256, ...source } },
      layers: [{ id: 'street', type: 'raster', source: 'street' }],
    };
  }
  // A vector tileset's layer names are not known in advance: draw water, roads and
  // buildings under the names of OpenMapTiles and of Protomaps' basemap; a name the
  // tileset lacks draws nothing.
  const vector = (id: string, sourceLayer: string, layer: Partial<Layer>) =>
    ({ id, source: 'street', 'source-layer': sourceLayer, ...layer }) as Layer;
  return {
    sources: { street: { type: 'vector', ...source } },
    layers: [
      vector('street-water-omt', 'water', { type: 'fill', paint: { 'fill-color': '#b9d3ea' } }),
      vector('street-water-pm', 'water', { type: 'fill', paint: { 'fill-color': '#b9d3ea' } }),
      vector('street-buildings-omt', 'building', {
        type: 'fill',
        paint: { 'fill-color': '#ddd6cc' },
      }),
      vector('street-buildings-pm', 'buildings', {
        type: 'fill',
        paint: { 'fill-color': '#ddd6cc' },
      }),
      vector('street-roads-omt', 'transportation', {
        type: 'line',
        paint: { 'line-color': '#ffffff', 'line-width': 1.2 },
      }),
      vector('street-roads-pm', 'roads', {
        type: 'line',
        paint: { 'line-color': '#ffffff', 'line-width': 1.2 },
      }),
    ],
  };
}

/** One data layer's map layers, by kind (the style interleaves the two data layers). */
function dataLayers(layer: MapLayerName): Record<'heat' | 'radii' | 'clusters' | 'items', Layer[]> {
  const id = ids(layer);
  const color = COLORS[layer];
  return {
    heat: [
      {
        id: id.heat,
        type: 'heatmap',
        source: id.points,
        layout: { visibility: 'none' },
        paint: {
          // By the logarithm of what a point stands for: an item shows, a thousand saturate.
          'heatmap-weight': [
            'interpolate',
            ['linear'],
            ['ln', ['+', 1, ['get', 'weight']]],
            0,
            0,
            Math.log(2),
            0.3,
            Math.log(1001),
            1,
          ],
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 0, 12, 10, 30, 16, 50],
          'heatmap-intensity': 1,
          'heatmap-opacity': 0.75,
        },
      },
    ],
    radii: [
      {
        id: id.radiusFill,
        type: 'fill',
        source: id.radii,
        paint: { 'fill-color': color, 'fill-opacity': 0.12 },
      },
      {
        id: id.radiusLine,
        type: 'line',
        source: id.radii,
        paint: { 'line-color': color, 'line-opacity': 0.6, 'line-width': 1 },
      },
    ],
    clusters: [
      {
        id: id.clusters,
        type: 'circle',
        source: id.points,
        filter: isCluster as never,
        paint: {
          'circle-color': color,
          'circle-opacity': 0.55,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
          'circle-radius': [
            'interpolate',
            ['linear'],
            ['get', 'count'],
            ...CLUSTER_RADII.flat(),
          ] as never,
        },
      },
    ],
    items: [
      {
        id: id.items,
        type: 'circle',
        source: id.points,
        filter: isItem as never,
        paint: {
          'circle-color': color,
          'circle-radius': layer === 'incidents' ? 7 : 5,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: id.selected,
        type: 'circle',
        source: id.points,
        filter: ['==', ['get', 'id'], ''],
        paint: {
          'circle-color': 'rgba(0,0,0,0)',
          'circle-radius': 11,
          'circle-stroke-color': '#111827',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}

export function buildStyle(tiles: StreetTiles | null): Style {
  const street = tiles ? tileLayers(tiles) : { sources: {}, layers: [] };
  const sources: Sources = {
    base: { type: 'geojson', data: BASE_URL, attribution: 'Natural Earth' },
    ...street.sources,
  };
  for (const layer of MAP_LAYERS) {
    sources[ids(layer).points] = { type: 'geojson', data: EMPTY };
    sources[ids(layer).radii] = { type: 'geojson', data: EMPTY };
  }
  return {
    version: 8,
    sources,
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#cfe0ef' } },
      {
        id: 'land',
        type: 'fill',
        source: 'base',
        filter: ['==', ['get', 'layer'], 'land'],
        paint: { 'fill-color': '#f4f1ea' },
      },
      ...street.layers,
      {
        id: 'borders',
        type: 'line',
        source: 'base',
        filter: ['==', ['get', 'layer'], 'border'],
        paint: { 'line-color': '#9a8f80', 'line-width': 0.8 },
      },
      // Heat, then circles, then clusters, then single items, each kind over both data
      // layers: a single incident is never hidden under a cluster of reports.
      ...(['heat', 'radii', 'clusters', 'items'] as const).flatMap((kind) =>
        MAP_LAYERS.flatMap((layer) => dataLayers(layer)[kind]),
      ),
    ],
  };
}
