/**
 * The viewport as the map API wants it: `west,south,east,north` in degrees, longitudes
 * in [−180, 180], west > east when the view crosses the antimeridian, the whole world
 * when the view is wider than it. MapLibre's bounds are unwrapped (east may be 190°,
 * west −200° after panning round the world); this folds them back. Pure.
 */

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A longitude in [−180, 180): the west edge of a box. */
export function wrapWest(lon: number): number {
  const w = ((((lon + 180) % 360) + 360) % 360) - 180;
  return w === 180 ? -180 : w;
}

/** A longitude in (−180, 180]: the east edge of a box (180°, not −180°, ends a world). */
export function wrapEast(lon: number): number {
  const w = wrapWest(lon);
  return w === -180 && lon !== -180 ? 180 : w;
}

const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));
/** Outward to 1e-6° (~0.1 m), so rounding never cuts off the viewport's edge. */
const down = (v: number) => Math.floor(v * 1e6) / 1e6;
const up = (v: number) => Math.ceil(v * 1e6) / 1e6;

/** The viewport's box from MapLibre's (possibly unwrapped) bounds. */
export function viewportBBox(bounds: BBox): BBox {
  const south = clampLat(down(Math.min(bounds.south, bounds.north)));
  const north = clampLat(up(Math.max(bounds.south, bounds.north)));
  if (!(bounds.east - bounds.west < 360)) return { west: -180, south, east: 180, north };
  const west = Math.max(-180, down(wrapWest(bounds.west)));
  const east = Math.min(180, up(wrapEast(bounds.east)));
  return { west, south, east, north };
}

/** Whether the box crosses the antimeridian (two rectangles on the server). */
export const crossesAntimeridian = (b: BBox): boolean => b.west > b.east;

/** The `bbox` query parameter. */
export const bboxParam = (b: BBox): string => `${b.west},${b.south},${b.east},${b.north}`;
