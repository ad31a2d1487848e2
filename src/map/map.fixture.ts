/** Test data of the map's unit tests: items, seeded random ones, and a layer over them. */
import { buildPart } from './layer-part.js';
import type { GridShape } from './grid.js';
import type { MapItem, MapLayerName } from './map-items.js';
import { createLayer, type MapLayer } from './map-layer.js';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-01T00:00:00Z');

let next = 0;
export function makeItem(overrides: Partial<MapItem> = {}): MapItem {
  next++;
  return {
    id: `r_${String(next).padStart(26, '0')}`,
    lat: 34.261,
    lon: 108.942,
    from: T0,
    to: T0 + 600_000,
    radiusMeters: 50,
    category: 'drone',
    status: 'new',
    confidence: null,
    reportCount: null,
    analystVisible: true,
    partial: false,
    officeIds: [],
    ...overrides,
  };
}

export function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `n` items around a few centres (some crowded), over 30 days, 10 % hidden from analysts. */
export function randomItems(n: number, seed = 1): MapItem[] {
  const rand = seeded(seed);
  const centres = Array.from({ length: 12 }, () => ({
    lat: rand() * 140 - 70,
    lon: rand() * 360 - 180,
    spread: rand() < 0.3 ? 0.001 : rand() * 3,
  }));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(rand() ** 2 * centres.length)]!;
    const from = T0 + rand() * 30 * DAY;
    return makeItem({
      lat: Math.max(-85, Math.min(85, c.lat + (rand() - 0.5) * c.spread)),
      lon: Math.max(-180, Math.min(180, c.lon + (rand() - 0.5) * c.spread)),
      from,
      to: from + rand() * (rand() < 0.1 ? 5 * DAY : 3_600_000),
      analystVisible: rand() >= 0.1,
      officeIds: rand() < 0.05 ? ['o_east'] : [],
    });
  });
}

export const SHAPE: GridShape = { leafItems: 4, timeScanItems: 8, maxLevel: 20 };

export function layerOf(items: MapItem[], shape = SHAPE, name: MapLayerName = 'reports'): MapLayer {
  return createLayer(name, { lastEventId: 0, part: buildPart(items, shape) });
}
