import { describe, expect, it } from 'vitest';
import { addToCell, emptyCells, fitCells, liveSlots } from './cells.js';
import { minuteOf, type MinuteWindow } from './grid.js';
import { DAY, layerOf, makeItem, randomItems, SHAPE, T0 } from './map.fixture.js';
import { seesItem, type ItemScope, type MapItem } from './map-items.js';
import {
  applyChange,
  changeCount,
  layerFeatures,
  type FeatureSettings,
  type ItemProperties,
  type MapLayer,
} from './map-layer.js';
import {
  cellOf,
  cellRange,
  latToY,
  levelForZoom,
  lonToX,
  searchLevel,
  viewportRects,
  type BBox,
} from './viewport.js';

const SETTINGS: FeatureSettings = {
  maxFeatures: 1000,
  cellPixels: 64,
  clusterMaxZoom: 16,
  viewCellsMax: 16_384,
};
const SUPERVISOR: ItemScope = { all: true, analystQueue: false, officeId: null };
const ANALYST: ItemScope = { all: false, analystQueue: true, officeId: null };
const OFFICE: ItemScope = { all: false, analystQueue: false, officeId: 'o_east' };
const ANALYST_AND_OFFICE: ItemScope = { all: false, analystQueue: true, officeId: 'o_east' };
const WORLD: BBox = { west: -180, south: -85, east: 180, north: 85 };

const windowOf = (from: number, to: number): MinuteWindow => ({
  from: minuteOf(from),
  to: minuteOf(to),
});

function query(
  layer: MapLayer,
  bbox: BBox,
  zoom: number,
  options: {
    scope?: ItemScope;
    window?: MinuteWindow | null;
    settings?: Partial<FeatureSettings>;
  } = {},
) {
  return layerFeatures(
    layer,
    {
      rects: viewportRects(bbox),
      zoom,
      window: options.window ?? null,
      scope: options.scope ?? SUPERVISOR,
    },
    { ...SETTINGS, ...options.settings },
  );
}

/** The answer worked out item by item: counts per cell of the level the answer uses. */
function oracle(
  items: MapItem[],
  bbox: BBox,
  zoom: number,
  scope: ItemScope,
  w: MinuteWindow | null,
  settings = SETTINGS,
) {
  const rects = viewportRects(bbox);
  const level = searchLevel(rects, levelForZoom(zoom, settings.cellPixels), settings.viewCellsMax);
  const ranges = rects.map((r) => cellRange(r, level));
  const set = emptyCells(level);
  for (const item of items) {
    if (!seesItem(scope, item)) continue;
    if (w && !(minuteOf(item.from) <= w.to && minuteOf(item.to) >= w.from)) continue;
    const cx = cellOf(lonToX(item.lon), level);
    const cy = cellOf(latToY(item.lat), level);
    if (ranges.some((r) => cx >= r.cx0 && cx <= r.cx1 && cy >= r.cy0 && cy <= r.cy1)) {
      addToCell(set, cx, cy, 1, 0, 0);
    }
  }
  const fitted = fitCells(set, settings.maxFeatures);
  return new Map(
    liveSlots(fitted).map((s) => [
      `${fitted.level}/${fitted.cx[s]}/${fitted.cy[s]}`,
      fitted.count[s]!,
    ]),
  );
}

/** The answer's counts by cell id (a single item counts 1 in its own cell). */
function counts(answer: ReturnType<typeof query>, level: number) {
  const out = new Map<string, number>();
  for (const f of answer.features) {
    if (f.properties.cluster) out.set(f.properties.id, f.properties.count);
    else {
      const [lon, lat] = f.geometry.coordinates;
      const key = `${level}/${cellOf(lonToX(lon), level)}/${cellOf(latToY(lat), level)}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

const levelOf = (answer: ReturnType<typeof query>) =>
  answer.zoom + Math.log2(512 / SETTINGS.cellPixels);

describe('a viewport answer', () => {
  const items = randomItems(6000, 42);
  const layer = layerOf(items);

  it('counts what the item-by-item oracle counts, at every zoom, scope and window', () => {
    const boxes: BBox[] = [
      WORLD,
      { west: -30, south: -40, east: 60, north: 50 },
      { west: 150, south: -60, east: -120, north: 10 },
    ];
    const windows = [
      null,
      windowOf(T0 + 2 * DAY, T0 + 9 * DAY),
      windowOf(T0 + 29 * DAY, T0 + 40 * DAY),
    ];
    for (const bbox of boxes) {
      for (const zoom of [0, 2, 5, 9]) {
        for (const scope of [SUPERVISOR, ANALYST, OFFICE, ANALYST_AND_OFFICE]) {
          for (const w of windows) {
            const answer = query(layer, bbox, zoom, { scope, window: w });
            const expected = oracle(items, bbox, zoom, scope, w);
            expect(
              counts(answer, levelOf(answer)),
              JSON.stringify({ bbox, zoom, scope, w }),
            ).toEqual(expected);
            expect(answer.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
          }
        }
      }
    }
  });

  it('shows a cell of one item as that item, with what a single feature carries', () => {
    const lone = makeItem({ lat: -33.86, lon: 151.21, radiusMeters: 25, status: 'in_review' });
    const answer = query(layerOf([lone]), WORLD, 3);
    expect(answer.features).toHaveLength(1);
    const f = answer.features[0]!;
    expect(f.id).toBe(lone.id);
    expect(f.geometry.coordinates[0]).toBeCloseTo(151.21, 5);
    expect(f.geometry.coordinates[1]).toBeCloseTo(-33.86, 5);
    expect(f.properties).toEqual({
      cluster: false,
      id: lone.id,
      kind: 'report',
      radiusMeters: 25,
      category: 'drone',
      status: 'in_review',
      confidence: null,
      reportCount: null,
      start: new Date(lone.from).toISOString(),
      end: new Date(lone.to).toISOString(),
      weight: 1,
    });
  });

  it('gives a cluster its count, weight and mean point', () => {
    const two = [makeItem({ lat: 10, lon: 20 }), makeItem({ lat: 10.002, lon: 20.002 })];
    const answer = query(layerOf(two), WORLD, 2);
    expect(answer.features).toHaveLength(1);
    const f = answer.features[0]!;
    expect(f.properties).toMatchObject({ cluster: true, count: 2, weight: 2 });
    expect(f.geometry.coordinates[0]).toBeCloseTo(20.001, 5);
  });
});

describe('the feature cap', () => {
  /** One item in each of `n` cells of level 8 (zoom 5), along the equator. */
  const spread = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      makeItem({ lat: 0.5, lon: -180 + (i + 0.5) * (360 / 256) }),
    );

  for (const [n, truncated] of [
    [99, false],
    [100, false],
    [101, true],
  ] as const) {
    it(`${n} items in ${n} cells with a cap of 100: ${truncated ? 'a coarser grid' : 'each alone'}`, () => {
      const band = { west: -180, south: -1, east: 180, north: 1 };
      const answer = query(layerOf(spread(n)), band, 5, { settings: { maxFeatures: 100 } });
      expect(answer.features.length).toBeLessThanOrEqual(100);
      expect(answer.truncated).toBe(truncated);
      expect(answer.total).toBe(n);
      expect(answer.zoom).toBe(truncated ? 4 : 5);
      if (!truncated) expect(answer.features.every((f) => !f.properties.cluster)).toBe(true);
    });
  }

  it('stays within the cap however many items are stored', () => {
    const many = randomItems(20_000, 9);
    const answer = query(layerOf(many), WORLD, 12, { settings: { maxFeatures: 1000 } });
    expect(answer.features.length).toBeLessThanOrEqual(1000);
    expect(answer.total).toBe(20_000);
  });

  it('answers a huge box at a high zoom from a coarser grid', () => {
    const answer = query(layerOf(randomItems(3000, 4)), WORLD, 20, {
      settings: { viewCellsMax: 4096 },
    });
    expect(answer.truncated).toBe(true);
    expect(answer.zoom).toBeLessThanOrEqual(3);
  });
});

describe('above the cluster zoom', () => {
  const crowd = (n: number) =>
    Array.from({ length: n }, (_, i) => makeItem({ lat: 48.85 + i * 1e-6, lon: 2.35 }));
  const paris: BBox = { west: 2.34, south: 48.84, east: 2.36, north: 48.86 };

  it('shows items one by one at clusterMaxZoom + 1, and clusters them at clusterMaxZoom', () => {
    const layer = layerOf(crowd(5));
    expect(query(layer, paris, 17).features.map((f) => f.properties.cluster)).toEqual(
      Array(5).fill(false),
    );
    expect(query(layer, paris, 16).features.map((f) => f.properties.cluster)).toEqual([true]);
  });

  it('clusters them again when more than the cap would show', () => {
    const layer = layerOf(crowd(11));
    const capped = query(layer, paris, 18, { settings: { maxFeatures: 10 } });
    expect(capped.features).toHaveLength(1);
    expect(capped.features[0]!.properties).toMatchObject({ cluster: true, count: 11 });
    expect(query(layer, paris, 18, { settings: { maxFeatures: 11 } }).features).toHaveLength(11);
  });

  it('leaves out items outside the box', () => {
    const inside = makeItem({ lat: 48.85, lon: 2.35 });
    const outside = makeItem({ lat: 48.85, lon: 2.3601 });
    const answer = query(layerOf([inside, outside]), paris, 19);
    expect(answer.features.map((f) => f.id)).toEqual([inside.id]);
  });
});

describe('across the antimeridian', () => {
  const east = makeItem({ lat: -17.8, lon: 178.4 }); // Fiji
  const west = makeItem({ lat: -14.3, lon: -170.7 }); // American Samoa
  const greenwich = makeItem({ lat: 51.48, lon: 0 });
  const layer = layerOf([east, west, greenwich]);

  it('finds both sides of a box with west > east, and nothing between', () => {
    const answer = query(layer, { west: 170, south: -30, east: -165, north: 0 }, 4);
    expect(answer.features.map((f) => f.id).sort()).toEqual([east.id, west.id].sort());
  });

  it('finds neither side in the box with west < east over the same numbers', () => {
    const answer = query(layer, { west: -165, south: -30, east: 170, north: 0 }, 4);
    expect(answer.features.map((f) => f.id)).toEqual([]);
  });
});

describe('the time window', () => {
  const early = makeItem({ lat: 1, lon: 1, from: T0, to: T0 + 3_600_000 });
  const long = makeItem({ lat: 2, lon: 2, from: T0, to: T0 + 20 * DAY });
  const late = makeItem({ lat: 3, lon: 3, from: T0 + 10 * DAY, to: T0 + 10 * DAY });
  const layer = layerOf([early, long, late]);
  const ids = (w: MinuteWindow) =>
    query(layer, { west: 0, south: 0, east: 4, north: 4 }, 6, { window: w })
      .features.map((f) => f.id)
      .sort();

  it('keeps what overlaps it, long intervals included', () => {
    expect(ids(windowOf(T0 + 5 * DAY, T0 + 6 * DAY))).toEqual([long.id]);
    expect(ids(windowOf(T0 + 10 * DAY, T0 + 11 * DAY))).toEqual([long.id, late.id].sort());
    expect(ids(windowOf(T0 - DAY, T0))).toEqual([early.id, long.id].sort());
    expect(ids(windowOf(T0 + 21 * DAY, T0 + 22 * DAY))).toEqual([]);
  });
});

describe('who sees what', () => {
  const open = makeItem({ lat: 5, lon: 5 });
  const abuse = makeItem({ lat: 6, lon: 6, analystVisible: false });
  const officeAbuse = makeItem({ lat: 7, lon: 7, analystVisible: false, officeIds: ['o_east'] });
  const officeOpen = makeItem({ lat: 8, lon: 8, officeIds: ['o_east', 'o_west'] });
  const layer = layerOf([open, abuse, officeAbuse, officeOpen]);
  const ids = (scope: ItemScope) =>
    query(layer, { west: 0, south: 0, east: 10, north: 10 }, 6, { scope })
      .features.map((f) => f.id)
      .sort();

  it('shows a supervisor everything, an analyst their queue, an office its own', () => {
    expect(ids(SUPERVISOR)).toEqual([open.id, abuse.id, officeAbuse.id, officeOpen.id].sort());
    expect(ids(ANALYST)).toEqual([open.id, officeOpen.id].sort());
    expect(ids(OFFICE)).toEqual([officeAbuse.id, officeOpen.id].sort());
    expect(ids(ANALYST_AND_OFFICE)).toEqual([open.id, officeAbuse.id, officeOpen.id].sort());
    expect(ids({ all: false, analystQueue: false, officeId: 'o_north' })).toEqual([]);
  });
});

describe('changes after the build', () => {
  it('moves, adds, hides and removes items without a rebuild', () => {
    const items = randomItems(500, 77);
    const layer = layerOf(items);
    const current = new Map(items.map((i) => [i.id, i]));
    const moved = { ...items[0]!, lat: -45, lon: 170 };
    const hidden = { ...items[1]!, analystVisible: false };
    const added = makeItem({ lat: 60, lon: 30 });
    for (const change of [moved, hidden, added]) {
      applyChange(layer, change.id, change);
      current.set(change.id, change);
    }
    applyChange(layer, items[2]!.id, null);
    current.delete(items[2]!.id);
    // The same item changed twice dies once.
    applyChange(layer, moved.id, moved);
    expect(changeCount(layer)).toBe(3 + 3);
    const now = [...current.values()];
    for (const scope of [SUPERVISOR, ANALYST]) {
      for (const zoom of [1, 4, 8]) {
        const answer = query(layer, WORLD, zoom, { scope });
        expect(counts(answer, levelOf(answer))).toEqual(oracle(now, WORLD, zoom, scope, null));
      }
    }
    const near = query(layer, { west: 169, south: -46, east: 171, north: -44 }, 10);
    expect(near.features.map((f) => f.id)).toEqual([moved.id]);
  });
});

describe('incidents', () => {
  it('names the single incidents shown over only some of their members', () => {
    const whole = makeItem({ lat: 1, lon: 1, confidence: 0.8123456, reportCount: 3 });
    const mixed = makeItem({ lat: 20, lon: 20, partial: true, reportCount: 2 });
    const layer = layerOf([whole, mixed], SHAPE, 'incidents');
    const answer = query(layer, WORLD, 5, { scope: ANALYST });
    expect(answer.partial).toEqual([mixed.id]);
    const props = answer.features.find((f) => f.id === whole.id)!.properties as ItemProperties;
    expect(props).toMatchObject({ kind: 'incident', confidence: 0.8123, reportCount: 3 });
  });
});
