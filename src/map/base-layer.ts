/**
 * Adapter: the offline base layer, land and country borders from Natural Earth as
 * packaged by world-atlas (TopoJSON; public domain data, ISC package), turned into one
 * GeoJSON FeatureCollection once per process: the land polygons (`layer: land`) and
 * the borders between countries (`layer: border`, a mesh, each shared edge once).
 * Coordinates are rounded to 3 decimals (~100 m; the 50m scale is coarser than that).
 * Kept as JSON text, gzipped, with a strong ETag, so the route only sends bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type BaseResolution = '110m' | '50m';

export interface BaseLayer {
  resolution: BaseResolution;
  json: string;
  gzip: Buffer;
  etag: string;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Rounds every coordinate of a GeoJSON geometry, in place. */
function roundCoordinates(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (typeof value[0] === 'number') return value.map((v: number) => round(v));
    return value.map(roundCoordinates);
  }
  return value;
}

function topology(file: string): Topology {
  const path = createRequire(import.meta.url).resolve(`world-atlas/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Topology;
}

export function loadBaseLayer(resolution: BaseResolution): BaseLayer {
  const land = topology(`land-${resolution}.json`);
  const countries = topology(`countries-${resolution}.json`);
  const landFeatures = feature(land, land.objects.land as GeometryCollection);
  const borders = mesh(
    countries,
    countries.objects.countries as GeometryCollection,
    (a, b) => a !== b,
  );
  const collection = {
    type: 'FeatureCollection',
    attribution: 'Natural Earth (public domain), via world-atlas',
    features: [
      ...landFeatures.features.map((f) => ({
        type: 'Feature',
        properties: { layer: 'land' },
        geometry: {
          ...f.geometry,
          coordinates: roundCoordinates((f.geometry as { coordinates: unknown }).coordinates),
        },
      })),
      {
        type: 'Feature',
        properties: { layer: 'border' },
        geometry: { ...borders, coordinates: roundCoordinates(borders.coordinates) },
      },
    ],
  };
  const json = JSON.stringify(collection);
  return {
    resolution,
    json,
    gzip: gzipSync(json, { level: 9 }),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
  };
}
