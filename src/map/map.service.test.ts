import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import type { MapIncidentRow, MapReportRow } from '../store/store.js';
import { buildLayers } from './build-layers.js';
import type { GridShape } from './grid.js';
import { createMapService, type MapEvent } from './map.service.js';
import { viewportRects } from './viewport.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const SETTINGS = {
  maxFeatures: 1000,
  cellPixels: 64,
  clusterMaxZoom: 16,
  viewCellsMax: 16_384,
  leafItems: 4,
  timeScanItems: 8,
  deltaMax: 5,
  updateBatch: 2,
};
const WORLD = {
  rects: viewportRects({ west: -180, south: -85, east: 180, north: 85 }),
  zoom: 20,
  window: null,
  scope: { all: true, analystQueue: false, officeId: null },
};

let seq = 0;
const report = (id: string, lat: number, lon: number): MapReportRow => ({
  seq: ++seq,
  id,
  lat,
  lon,
  from: T0,
  to: T0 + 60_000,
  accuracyMeters: 10,
  category: null,
  kinds: 'fire,theft',
  status: 'new',
  queue: 'analyst',
  officeId: null,
  incidentId: null,
});

/** A store of rows, a build over it that waits until released, and the events handed to the map. */
function harness(lastEventId = 0) {
  const reports = new Map<string, MapReportRow>();
  const incidents = new Map<string, MapIncidentRow>();
  const reads: string[] = [];
  let listener: ((e: MapEvent) => void) | null = null;
  let subscriptions = 0;
  let builds = 0;
  let release: (() => void) | null = null;
  let holdBuilds = false;
  const service = createMapService({
    rows: {
      report: async (id) => {
        reads.push(id);
        return reports.get(id) ?? null;
      },
      incident: async (id) => {
        reads.push(id);
        return incidents.get(id) ?? null;
      },
    },
    build: async (shape: GridShape) => {
      builds++;
      // The snapshot is what the rows are when the build starts.
      const snapshot = {
        reports: [...reports.values()].filter((r) => r.lat !== null),
        incidents: [...incidents.values()],
      };
      if (holdBuilds) await new Promise<void>((resolve) => (release = resolve));
      return buildLayers(
        {
          map: {
            reportsAfter: (after, limit) =>
              snapshot.reports.filter((r) => r.seq > after).slice(0, limit),
            incidentsAfter: (after, limit) =>
              snapshot.incidents.filter((r) => r.seq > after).slice(0, limit),
          },
          snapshot: (fn) => fn(lastEventId),
        },
        shape,
      );
    },
    subscribe: (onEvent) => {
      subscriptions++;
      listener = onEvent;
    },
    settings: SETTINGS,
    log: { info: () => undefined, error: () => undefined },
    yieldTurn: () => Promise.resolve(),
  });
  return {
    service,
    reports,
    reads,
    emit: (e: MapEvent) => listener?.(e),
    get subscriptions() {
      return subscriptions;
    },
    get builds() {
      return builds;
    },
    hold: () => (holdBuilds = true),
    release: () => release?.(),
  };
}

const processed = (id: number, reportId: string, incidentId: string | null = null): MapEvent => ({
  id,
  type: 'report.processed',
  payload: { report: { id: reportId, incidentId }, incident: null },
});

const shown = async (h: ReturnType<typeof harness>) =>
  (await h.service.features('reports', WORLD)).features.map((f) => f.id).sort();

describe('the map index service', () => {
  it('answers 503 until its first build is in, and subscribes to live events once', async () => {
    const h = harness();
    h.reports.set('r_a', report('r_a', 10, 10));
    const refused = await h.service.features('reports', WORLD).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'map_index_loading',
      kind: 'unavailable',
      retryAfterSeconds: 2,
    });
    await h.service.rebuild();
    expect(await shown(h)).toEqual(['r_a']);
    await h.service.rebuild();
    expect(h.subscriptions).toBe(1);
    expect(h.builds).toBe(2);
  });

  it('reads again what a live event names, and shows it as it is now', async () => {
    const h = harness();
    h.reports.set('r_a', report('r_a', 10, 10));
    await h.service.rebuild();
    h.reports.set('r_b', report('r_b', 20, 20));
    h.reports.set('r_a', { ...report('r_a', -10, -10), seq: 1 });
    h.emit(processed(1, 'r_b'));
    h.emit(processed(2, 'r_a', 'i_x'));
    h.emit({ id: 3, type: 'stream.reset', payload: {} });
    expect(await shown(h)).toEqual(['r_a', 'r_b']);
    const moved = (await h.service.features('reports', WORLD)).features.find(
      (f) => f.id === 'r_a',
    )!;
    expect(moved.geometry.coordinates).toEqual([-10, -10]);
    // The report's incident is read again too (its members' queues decide who sees it).
    expect(h.reads.sort()).toEqual(['i_x', 'r_a', 'r_b']);
    expect(h.service.status()).toMatchObject({ ready: true, changes: 3 });
  });

  it('drops what left the map', async () => {
    const h = harness();
    h.reports.set('r_a', report('r_a', 10, 10));
    h.reports.set('r_b', report('r_b', 11, 11));
    await h.service.rebuild();
    h.reports.set('r_a', { ...report('r_a', 0, 0), lat: null, lon: null });
    h.reports.delete('r_b');
    h.emit(processed(1, 'r_a'));
    h.emit(processed(2, 'r_b'));
    expect(await shown(h)).toEqual([]);
  });

  it('applies to a new build only the changes after its snapshot', async () => {
    const h = harness(5);
    await h.service.rebuild();
    h.hold();
    const building = h.service.rebuild();
    h.reports.set('r_old', report('r_old', 1, 1));
    h.reports.set('r_new', report('r_new', 2, 2));
    h.reads.length = 0;
    h.emit(processed(4, 'r_old'));
    h.emit(processed(7, 'r_new'));
    await Promise.resolve();
    h.release();
    await building;
    await shown(h);
    // Event 4 was in the snapshot (last event 5): r_old is not read again, r_new is.
    expect(h.reads.filter((id) => id === 'r_new')).toHaveLength(2);
    expect(h.reads.filter((id) => id === 'r_old')).toHaveLength(1); // the old index's own read
  });

  it('builds again past deltaMax changes: five held, the sixth starts a build', async () => {
    const h = harness();
    await h.service.rebuild();
    for (let i = 0; i < 5; i++) {
      h.reports.set(`r_${i}`, report(`r_${i}`, i, i));
      h.emit(processed(i + 1, `r_${i}`));
    }
    await shown(h);
    expect(h.builds).toBe(1);
    h.reports.set('r_5', report('r_5', 5, 5));
    h.emit(processed(6, 'r_5'));
    await shown(h);
    expect(h.builds).toBe(2);
  });

  it('ignores events before its first build: that build reads everything', async () => {
    const h = harness();
    h.service.noteEvent(processed(1, 'r_a'));
    h.reports.set('r_a', report('r_a', 3, 3));
    await h.service.rebuild();
    expect(await shown(h)).toEqual(['r_a']);
    expect(h.reads).toEqual([]);
  });
});
