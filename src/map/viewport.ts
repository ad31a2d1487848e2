/**
 * The map's geometry, pure: web-mercator coordinates in the unit square (x east
 * from the antimeridian, y south from the top edge at 85.05° N), a viewport as
 * rectangles of that square (two when it crosses the antimeridian), grid cells at a
 * level (2^level × 2^level over the world), and which level a zoom asks for.
 */

/** Web mercator's square ends here: tan⁻¹(sinh π) in degrees. */
export const MERCATOR_MAX_LAT = 85.05112877980659;
/** Deepest grid level the index keys (26 bits a side: 52 bits fit a double exactly). */
export const KEY_LEVEL = 26;
/** MapLibre's tiles are 512 pixels across. */
export const TILE_PIXELS = 512;

export const clampLat = (lat: number): number =>
  Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat));

export const lonToX = (lon: number): number => (lon + 180) / 360;

export function latToY(lat: number): number {
  const phi = (clampLat(lat) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
}

export const xToLon = (x: number): number => x * 360 - 180;

export const yToLat = (y: number): number =>
  (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** A viewport as the client sends it (degrees); west > east crosses the antimeridian. */
export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A rectangle of the unit square: x0 ≤ x ≤ x1, y0 ≤ y ≤ y1 (y grows southwards). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The viewport as one rectangle, or two when it crosses the antimeridian (west >
 * east: from west to 180° and from −180° to east). Latitudes are clamped to web
 * mercator's ±85.05°. west = east is a sliver of one meridian, not the whole world.
 */
export function viewportRects(b: BBox): Rect[] {
  const y0 = latToY(b.north);
  const y1 = latToY(b.south);
  if (b.west <= b.east) return [{ x0: lonToX(b.west), y0, x1: lonToX(b.east), y1 }];
  return [
    { x0: lonToX(b.west), y0, x1: 1, y1 },
    { x0: 0, y0, x1: lonToX(b.east), y1 },
  ];
}

/** Whether a point of the unit square lies in any of the rectangles (edges included). */
export const inRects = (rects: readonly Rect[], x: number, y: number): boolean =>
  rects.some((r) => x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1);

/** The cell column or row of a unit-square coordinate at `level` (the far edge stays in the last cell). */
export function cellOf(v: number, level: number): number {
  const n = 2 ** level;
  return Math.max(0, Math.min(n - 1, Math.floor(v * n)));
}

/** The columns and rows of cells at `level` a rectangle meets, inclusive. */
export interface CellRange {
  cx0: number;
  cx1: number;
  cy0: number;
  cy1: number;
}

export const cellRange = (r: Rect, level: number): CellRange => ({
  cx0: cellOf(r.x0, level),
  cx1: cellOf(r.x1, level),
  cy0: cellOf(r.y0, level),
  cy1: cellOf(r.y1, level),
});

/** Cells at `level` the rectangles span together (a cell met by both halves counts twice). */
export const cellsSpanned = (rects: readonly Rect[], level: number): number =>
  rects.reduce((n, r) => {
    const c = cellRange(r, level);
    return n + (c.cx1 - c.cx0 + 1) * (c.cy1 - c.cy0 + 1);
  }, 0);

/** log2 of cells per 512-pixel tile side, for a cell of `cellPixels` (a power of two ≤ 512). */
export const cellLevelOffset = (cellPixels: number): number =>
  Math.round(Math.log2(TILE_PIXELS / cellPixels));

/** The grid level zoom `zoom` asks for (fractional zooms round down). */
export const levelForZoom = (zoom: number, cellPixels: number): number =>
  Math.min(KEY_LEVEL, Math.floor(zoom) + cellLevelOffset(cellPixels));

/** The zoom whose grid is `level` (the inverse of levelForZoom; may be negative for coarse levels). */
export const zoomForLevel = (level: number, cellPixels: number): number =>
  level - cellLevelOffset(cellPixels);

/**
 * The level to search: the one the zoom asks for, or the finest coarser one at which
 * the viewport spans at most `maxCells` cells (so one answer's work stays bounded
 * however large a box a client sends with a high zoom).
 */
export function searchLevel(rects: readonly Rect[], wanted: number, maxCells: number): number {
  let level = Math.max(0, wanted);
  while (level > 0 && cellsSpanned(rects, level) > maxCells) level--;
  return level;
}
