/**
 * Adapter: the offline base layer, land and country borders from Natural Earth as
 * packaged by world-atlas (TopoJSON; public domain data, ISC package), turned into one
 * GeoJSON FeatureCollection once per process: the land polygons (`layer: land`) and
 * the borders between countries (`layer: border`, a mesh, each shared edge once).
 * Coordinates are rounded to hundredths of a degree, repeated points dropped, and
 * shapes that cross 180° made continuous (`antimeridian.ts`), so no edge spans the map.
 * Kept as JSON text, gzipped, with a strong ETag, so the route only sends bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { unwrapLine, unwrapRing, type Position } from './antimeridian.js';

export type BaseResolution = '110m' | '50m';

export interface BaseLayer {
  resolution: BaseResolution;
  json: string;
  gzip: Buffer;
  etag: string;
}

/** Hundredths of a degree (~1 km): the 1:50 million scale draws nothing finer. */
const round = (v: number) => Math.round(v * 100) / 100;

/** A line or ring rounded, repeated points dropped (a ring keeps at least four). */
function roundLine(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of line) {
    const p: Position = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 4 && line.length >= 4) return line.map(([x, y]) => [round(x), round(y)]);
  return out;
}

const ring = (r: Position[]) => unwrapRing(roundLine(r));
const line = (l: Position[]) => unwrapLine(roundLine(l));

/**
 * Rounds every line of a Polygon, MultiPolygon, LineString or MultiLineString and
 * makes it continuous across 180°.
 */
export function roundGeometry<G extends { type: string; coordinates?: unknown }>(g: G): G {
  const c = g.coordinates;
  switch (g.type) {
    case 'LineString':
      return { ...g, coordinates: line(c as Position[]) };
    case 'MultiLineString':
      return { ...g, coordinates: (c as Position[][]).map(line) };
    case 'Polygon':
      return { ...g, coordinates: (c as Position[][]).map(ring) };
    case 'MultiPolygon':
      return { ...g, coordinates: (c as Position[][][]).map((p) => p.map(ring)) };
    default:
      return g;
  }
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
        geometry: roundGeometry(f.geometry),
      })),
      {
        type: 'Feature',
        properties: { layer: 'border' },
        geometry: roundGeometry(borders),
      },
    ],
  };
  const json = JSON.stringify(collection);
  return {
    resolution,
    json,
    gzip: gzipSync(json),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
  };
}
