import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import type { Timers } from './debounce.js';
import { createFeatureLoader } from './feature-loader.js';
import type { FeatureAnswer, MapLayerName, ViewportQuery } from './map-api.js';

const query = (west: number): ViewportQuery => ({
  bbox: { west, south: 0, east: west + 1, north: 1 },
  zoom: 5,
  window: null,
});

const answer = (total: number): FeatureAnswer => ({
  type: 'FeatureCollection',
  zoom: 5,
  truncated: false,
  total,
  features: [],
});

/** A fetch whose answers the test hands out, one pending request per call. */
function harness() {
  const pending: {
    layer: MapLayerName;
    q: ViewportQuery;
    signal: AbortSignal;
    resolve: (a: FeatureAnswer) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const answers: [MapLayerName, number][] = [];
  const errors: unknown[] = [];
  const loading: [MapLayerName, boolean][] = [];
  const timeouts: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => timeouts.push({ fn, ms, cleared: false }) - 1,
    clearTimeout: (h) => {
      timeouts[h as number]!.cleared = true;
    },
  };
  const loader = createFeatureLoader({
    fetch: (layer, q, signal) =>
      new Promise((resolve, reject) => {
        pending.push({ layer, q, signal, resolve, reject });
        signal.addEventListener('abort', () =>
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
        );
      }),
    onAnswer: (layer, a) => answers.push([layer, a.total]),
    onError: (_, e) => errors.push(e),
    onLoading: (layer, on) => loading.push([layer, on]),
    timers,
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { loader, pending, answers, errors, loading, timeouts, tick };
}

describe('the feature loader', () => {
  it('hands on an answer to the layer that asked', async () => {
    const h = harness();
    h.loader.load('incidents', query(1));
    h.pending[0]!.resolve(answer(3));
    await h.tick();
    expect(h.answers).toEqual([['incidents', 3]]);
    expect(h.loading).toEqual([
      ['incidents', true],
      ['incidents', false],
    ]);
  });

  it('aborts the running request of a layer when the view moves on, and drops its late answer', async () => {
    const h = harness();
    h.loader.load('reports', query(1));
    h.loader.load('reports', query(2));
    expect(h.pending[0]!.signal.aborted).toBe(true);
    expect(h.pending[1]!.signal.aborted).toBe(false);
    h.pending[0]!.resolve(answer(1));
    h.pending[1]!.resolve(answer(2));
    await h.tick();
    expect(h.answers).toEqual([['reports', 2]]);
    expect(h.errors).toEqual([]);
  });

  it('keeps the two layers apart', async () => {
    const h = harness();
    h.loader.load('reports', query(1));
    h.loader.load('incidents', query(1));
    expect(h.pending.map((p) => p.signal.aborted)).toEqual([false, false]);
  });

  it('retries a 503 after the seconds the server asks, with the same viewport', async () => {
    const h = harness();
    h.loader.load('reports', query(7));
    h.pending[0]!.reject(new ApiError(503, 'map_index_loading', 'building', [], 2));
    await h.tick();
    expect(h.timeouts).toHaveLength(1);
    expect(h.timeouts[0]!.ms).toBe(2000);
    expect(h.errors).toEqual([]);
    h.timeouts[0]!.fn();
    expect(h.pending).toHaveLength(2);
    expect(h.pending[1]!.q).toEqual(query(7));
  });

  it('does not retry a 503 once a newer request replaced it', async () => {
    const h = harness();
    h.loader.load('reports', query(1));
    h.pending[0]!.reject(new ApiError(503, 'map_index_loading', 'building'));
    await h.tick();
    expect(h.timeouts[0]!.ms).toBe(2000);
    h.loader.load('reports', query(2));
    expect(h.timeouts[0]!.cleared).toBe(true);
  });

  it('reports another failure once, and no aborted request as one', async () => {
    const h = harness();
    h.loader.load('reports', query(1));
    const refused = new ApiError(400, 'validation_failed', 'bad bbox');
    h.pending[0]!.reject(refused);
    await h.tick();
    expect(h.errors).toEqual([refused]);
    h.loader.load('reports', query(2));
    h.loader.stop('reports');
    await h.tick();
    expect(h.errors).toEqual([refused]);
  });

  it('stops everything on close', async () => {
    const h = harness();
    h.loader.load('reports', query(1));
    h.loader.load('incidents', query(1));
    h.loader.close();
    expect(h.pending.every((p) => p.signal.aborted)).toBe(true);
    h.pending[0]!.resolve(answer(1));
    await h.tick();
    expect(h.answers).toEqual([]);
  });
});
