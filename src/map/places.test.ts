import { describe, expect, it } from 'vitest';
import type { GazetteerPlace } from '../normalize/gazetteer.js';
import { createPlaceIndex } from './places.js';
import { viewportRects } from './viewport.js';

const place = (name: string, lat: number, lon: number, population: number, featureCode = 'PPL') =>
  ({
    id: `geonames:${name}`,
    name,
    country: 'CN',
    lat,
    lon,
    population,
    featureCode,
  }) as GazetteerPlace;

const xian = place('Xi’an', 34.26, 108.93, 9_600_000, 'PPLA');
const xianyang = place('Xianyang', 34.33, 108.71, 1_000_000);
const baoji = place('Baoji', 34.36, 107.24, 800_000);
const village = place('Small Village', 34.1, 108.5, 0);
const seat = place('Seat', 34.0, 108.0, 0, 'PPLA2');
const index = createPlaceIndex([village, baoji, xian, seat, xianyang], (p) =>
  p === xian ? '西安' : null,
);
const shaanxi = viewportRects({ west: 106, south: 33, east: 110, north: 35 });

describe('place labels', () => {
  it('puts the most populous first, a seat before an unknown village', () => {
    const names = index.query(shaanxi, 12, 10, 64).map((f) => f.properties.name);
    expect(names).toEqual(['Xi’an', 'Xianyang', 'Baoji', 'Seat', 'Small Village']);
  });

  it('stops at the limit: one under, at and over it', () => {
    expect(index.query(shaanxi, 12, 2, 64)).toHaveLength(2);
    expect(index.query(shaanxi, 12, 5, 64)).toHaveLength(5);
    expect(index.query(shaanxi, 12, 6, 64)).toHaveLength(5);
  });

  it('keeps one place per cell of the zoom, the most populous', () => {
    // At zoom 3 (64-pixel cells of 5.6°) all five share a cell; at zoom 4 a row edge
    // (34.3° N) parts Xianyang and Baoji from Xi’an and the other two.
    expect(index.query(shaanxi, 3, 10, 64).map((f) => f.properties.name)).toEqual(['Xi’an']);
    expect(index.query(shaanxi, 4, 10, 64).map((f) => f.properties.name)).toEqual([
      'Xi’an',
      'Xianyang',
    ]);
  });

  it('gives the Chinese name when the gazetteer has one', () => {
    const [first] = index.query(shaanxi, 12, 1, 64);
    expect(first).toMatchObject({
      id: 'geonames:Xi’an',
      geometry: { type: 'Point', coordinates: [108.93, 34.26] },
      properties: { name: 'Xi’an', nameZh: '西安', population: 9_600_000, featureCode: 'PPLA' },
    });
    expect(index.query(shaanxi, 12, 2, 64)[1]!.properties.nameZh).toBeNull();
  });

  it('leaves out what is outside the box', () => {
    const east = viewportRects({ west: 108.8, south: 34, east: 109, north: 34.5 });
    expect(index.query(east, 12, 10, 64).map((f) => f.properties.name)).toEqual(['Xi’an']);
  });
});
