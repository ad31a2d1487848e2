import { describe, expect, it } from 'vitest';
import {
  cellOf,
  cellsSpanned,
  clampLat,
  latToY,
  levelForZoom,
  lonToX,
  MERCATOR_MAX_LAT,
  searchLevel,
  viewportRects,
  xToLon,
  yToLat,
  zoomForLevel,
} from './viewport.js';

describe('web mercator', () => {
  it('clamps latitudes at ±85.0511° and not a unit inside', () => {
    expect(clampLat(MERCATOR_MAX_LAT)).toBe(MERCATOR_MAX_LAT);
    expect(clampLat(85.06)).toBe(MERCATOR_MAX_LAT);
    expect(clampLat(85.05)).toBe(85.05);
    expect(clampLat(-90)).toBe(-MERCATOR_MAX_LAT);
    expect(clampLat(-85.05)).toBe(-85.05);
  });

  it('maps the square: top edge 0, bottom 1, equator ½, and back', () => {
    expect(latToY(MERCATOR_MAX_LAT)).toBeCloseTo(0, 12);
    expect(latToY(90)).toBeCloseTo(0, 12);
    expect(latToY(-MERCATOR_MAX_LAT)).toBeCloseTo(1, 12);
    expect(latToY(0)).toBe(0.5);
    expect(lonToX(-180)).toBe(0);
    expect(lonToX(180)).toBe(1);
    for (const lat of [-60, -1.5, 34.261, 85]) expect(yToLat(latToY(lat))).toBeCloseTo(lat, 9);
    for (const lon of [-179.9, 0, 108.942]) expect(xToLon(lonToX(lon))).toBeCloseTo(lon, 9);
  });
});

describe('viewport rectangles', () => {
  it('is one rectangle when west < east', () => {
    const rects = viewportRects({ west: 100, south: 20, east: 120, north: 40 });
    expect(rects).toHaveLength(1);
    expect(rects[0]!.x0).toBeCloseTo(lonToX(100), 12);
    expect(rects[0]!.y0).toBeLessThan(rects[0]!.y1);
  });

  it('splits at the antimeridian when west > east, and not when west = east', () => {
    const rects = viewportRects({ west: 170, south: -50, east: -170, north: -10 });
    expect(rects.map((r) => [r.x0, r.x1])).toEqual([
      [lonToX(170), 1],
      [0, lonToX(-170)],
    ]);
    expect(viewportRects({ west: 10, south: 0, east: 10, north: 1 })).toHaveLength(1);
    expect(viewportRects({ west: 10.000001, south: 0, east: 10, north: 1 })).toHaveLength(2);
  });

  it('clamps the poles of a box into the square', () => {
    const [r] = viewportRects({ west: -180, south: -90, east: 180, north: 90 });
    expect(r!.y0).toBeCloseTo(0, 12);
    expect(r!.y1).toBeCloseTo(1, 12);
  });
});

describe('grid cells and levels', () => {
  it('keeps the far edge in the last cell', () => {
    expect(cellOf(1, 3)).toBe(7);
    expect(cellOf(0.999999, 3)).toBe(7);
    expect(cellOf(0.875, 3)).toBe(7);
    expect(cellOf(0.8749999, 3)).toBe(6);
    expect(cellOf(0, 3)).toBe(0);
  });

  it('asks for level zoom + log2(512 / cell pixels), fractional zooms down', () => {
    expect(levelForZoom(0, 64)).toBe(3);
    expect(levelForZoom(2.99, 64)).toBe(5);
    expect(levelForZoom(3, 64)).toBe(6);
    expect(levelForZoom(3, 512)).toBe(3);
    expect(levelForZoom(3, 8)).toBe(9);
    expect(levelForZoom(30, 64)).toBe(26);
    expect(zoomForLevel(6, 64)).toBe(3);
  });

  it('searches a coarser level only when the viewport spans more cells than allowed', () => {
    const world = viewportRects({ west: -180, south: -85, east: 180, north: 85 });
    // The world at level 3: 8 × 8 cells.
    expect(cellsSpanned(world, 3)).toBe(64);
    expect(searchLevel(world, 3, 64)).toBe(3);
    expect(searchLevel(world, 3, 63)).toBe(2);
    expect(searchLevel(world, 3, 65)).toBe(3);
    expect(searchLevel(world, 3, 1)).toBe(0);
  });

  it('counts the cells of both halves of an antimeridian box', () => {
    const rects = viewportRects({ west: 136, south: -1, east: -136, north: 1 });
    // Level 3: columns 7 (136..180) and 0 (−180..−136), rows 3 and 4 (either side of the equator).
    expect(cellsSpanned(rects, 3)).toBe(4);
    // A box edge on a cell edge meets the next cell too (edges are inclusive).
    expect(cellsSpanned(viewportRects({ west: 135, south: -1, east: -135, north: 1 }), 3)).toBe(6);
  });
});
