import { describe, expect, it } from 'vitest';
import { bboxParam, crossesAntimeridian, viewportBBox, wrapEast, wrapWest } from './bbox.js';

const box = (west: number, south: number, east: number, north: number) => ({
  west,
  south,
  east,
  north,
});

describe('viewportBBox', () => {
  it('passes an ordinary view through', () => {
    expect(viewportBBox(box(108.5, 34, 109.5, 34.7))).toEqual(box(108.5, 34, 109.5, 34.7));
  });

  it('folds a view past 180° into west > east (crossing the antimeridian)', () => {
    const b = viewportBBox(box(170, -20, 190, -10));
    expect(b).toEqual(box(170, -20, -170, -10));
    expect(crossesAntimeridian(b)).toBe(true);
  });

  it('folds a view past −180° the same way', () => {
    expect(viewportBBox(box(-200, 60, -170, 70))).toEqual(box(160, 60, -170, 70));
  });

  it('keeps a view ending exactly on 180° an ordinary box to 180°, not to −180°', () => {
    const b = viewportBBox(box(170, 0, 180, 10));
    expect(b).toEqual(box(170, 0, 180, 10));
    expect(crossesAntimeridian(b)).toBe(false);
  });

  it('keeps a view starting exactly on −180° from −180°', () => {
    expect(viewportBBox(box(-180, 0, -170, 10))).toEqual(box(-180, 0, -170, 10));
  });

  it('brings a view panned a whole world round back into [−180, 180]', () => {
    expect(viewportBBox(box(370, 1, 380, 2))).toEqual(box(10, 1, 20, 2));
    expect(viewportBBox(box(-710, 1, -700, 2))).toEqual(box(10, 1, 20, 2));
    expect(viewportBBox(box(540, 1, 550, 2))).toEqual(box(-180, 1, -170, 2));
  });

  it('asks for the whole world when the view is 360° wide or wider', () => {
    expect(viewportBBox(box(-180, -80, 180, 80))).toEqual(box(-180, -80, 180, 80));
    expect(viewportBBox(box(-300, -80, 400, 80))).toEqual(box(-180, -80, 180, 80));
  });

  it('asks for a box one hair short of the world as that box, crossing', () => {
    const b = viewportBBox(box(-179.5, 0, 180.4, 1));
    expect(b.west).toBe(-179.5);
    expect(b.east).toBeCloseTo(-179.6, 6);
  });

  it('clamps latitudes to the poles and orders south below north', () => {
    expect(viewportBBox(box(0, -95, 10, 100))).toEqual(box(0, -90, 10, 90));
    expect(viewportBBox(box(0, 20, 10, 10))).toEqual(box(0, 10, 10, 20));
  });

  it('rounds outward to a millionth of a degree, so the edge is never cut off', () => {
    expect(viewportBBox(box(1.23456789, 2.00000001, 3.00000001, 4.99999999))).toEqual(
      box(1.234567, 2, 3.000001, 5),
    );
  });

  it('does not round across 180°', () => {
    expect(viewportBBox(box(179.9999999, 0, 179.99999999, 1)).east).toBe(180);
  });

  it('asks for the world when the bounds are not numbers', () => {
    expect(viewportBBox(box(Number.NaN, 0, 10, 1))).toMatchObject({ west: -180, east: 180 });
  });
});

describe('wrapWest and wrapEast', () => {
  it('put 180° at the west edge as −180°, at the east edge as 180°', () => {
    expect(wrapWest(180)).toBe(-180);
    expect(wrapEast(180)).toBe(180);
    expect(wrapWest(-180)).toBe(-180);
    expect(wrapEast(-180)).toBe(-180);
    expect(wrapEast(-540)).toBe(180);
  });

  it('leave the inside alone', () => {
    expect(wrapWest(-179.5)).toBe(-179.5);
    expect(wrapEast(179.5)).toBe(179.5);
  });
});

describe('bboxParam', () => {
  it('writes west,south,east,north', () => {
    expect(bboxParam(box(170, -20, -170, -10))).toBe('170,-20,-170,-10');
  });
});
