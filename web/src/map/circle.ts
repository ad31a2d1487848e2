/**
 * An uncertainty radius drawn to scale: the circle of `radiusMeters` around a point
 * on the sphere as a GeoJSON polygon of `steps` vertices (the great-circle
 * destination at evenly spaced bearings). Pure.
 *
 * The antimeridian: the ring's longitudes stay continuous around the centre, so a
 * circle at 179.99° E runs past 180° (to 180.01°) instead of jumping to −179.99°;
 * MapLibre's GeoJSON tiler wraps what lies beyond ±180° onto the other side of the
 * world. The poles: a circle containing a pole has no inside in longitude and
 * latitude as a ring; it becomes the band from its boundary to that pole across all
 * longitudes (−180° to 180°). A circle containing both poles (a radius over a
 * quarter of the Earth's circumference from the equator) is drawn as the whole world.
 */

/** The mean Earth radius (IUGG), the one the server's distances use. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const MIN_STEPS = 3;
const MAX_STEPS = 1024;

/** The world as one polygon (counter-clockwise). */
const WORLD: Position[] = [
  [-180, -90],
  [180, -90],
  [180, 90],
  [-180, 90],
  [-180, -90],
];

/** [lon, lat] of the point `distance` (radians of arc) from the centre at `bearing`. */
function destination(lon: number, lat: number, bearing: number, distance: number): Position {
  const phi1 = lat * RAD;
  const sinPhi2 =
    Math.sin(phi1) * Math.cos(distance) + Math.cos(phi1) * Math.sin(distance) * Math.cos(bearing);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const dLambda = Math.atan2(
    Math.sin(bearing) * Math.sin(distance) * Math.cos(phi1),
    Math.cos(distance) - Math.sin(phi1) * sinPhi2,
  );
  return [lon + dLambda * DEG, phi2 * DEG];
}

const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

/** A circle around the pole it contains: its boundary west to east, then the pole. */
function poleCap(boundary: Position[], pole: 1 | -1): Position[] {
  const sorted = boundary
    .map(([lon, lat]): Position => [wrap(lon), lat])
    .sort((a, b) => a[0] - b[0]);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  // The boundary's latitude where it crosses the antimeridian, between its two ends.
  const gap = first[0] + 360 - last[0];
  const seamLat = gap > 0 ? last[1] + ((180 - last[0]) / gap) * (first[1] - last[1]) : first[1];
  const edge: Position[] = [[-180, seamLat], ...sorted, [180, seamLat]].filter(
    // A vertex on the seam itself would be there twice.
    (p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1],
  ) as Position[];
  // Counter-clockwise: east along the boundary then back west along the pole (north),
  // or east along the pole then back west along the boundary (south).
  return pole === 1
    ? [...edge, [180, 90], [-180, 90], [-180, seamLat]]
    : [[-180, -90], [180, -90], ...edge.reverse(), [-180, -90]];
}

/**
 * The circle as a closed, counter-clockwise ring; null when the radius is not a
 * positive finite number or the centre is not a place on Earth.
 */
export function circlePolygon(
  lon: number,
  lat: number,
  radiusMeters: number,
  steps = 64,
): PolygonGeometry | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return null;
  if (!Number.isFinite(radiusMeters) || radiusMeters <= 0) return null;
  const n = Math.min(
    MAX_STEPS,
    Math.max(MIN_STEPS, Math.round(Number.isFinite(steps) ? steps : 64)),
  );
  const distance = radiusMeters / EARTH_RADIUS_METERS;
  const toNorthPole = (90 - lat) * RAD;
  const toSouthPole = (90 + lat) * RAD;
  const northInside = toNorthPole < distance;
  const southInside = toSouthPole < distance;
  if (distance >= Math.PI || (northInside && southInside)) {
    return { type: 'Polygon', coordinates: [WORLD.map((p): Position => [p[0], p[1]])] };
  }
  const centre = wrap(lon);
  const atPole = Math.abs(lat) === 90;
  const boundary: Position[] = [];
  for (let i = 0; i < n; i++) {
    // Counter-clockwise: bearings from north turning west.
    const bearing = (-2 * Math.PI * i) / n;
    boundary.push(
      atPole
        ? // From a pole every direction is south (or north): spread the ring over all longitudes.
          [-180 + (360 * i) / n, lat - Math.sign(lat) * distance * DEG]
        : destination(centre, lat, bearing, distance),
    );
  }
  if (northInside || southInside) {
    return { type: 'Polygon', coordinates: [poleCap(boundary, northInside ? 1 : -1)] };
  }
  return { type: 'Polygon', coordinates: [[...boundary, [boundary[0]![0], boundary[0]![1]]]] };
}
