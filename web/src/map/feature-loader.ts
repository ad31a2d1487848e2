/**
 * Loads each layer's viewport answer: a new request aborts the one still running for
 * that layer (so a slow answer for where the map was never overwrites where it is),
 * an answer is handed on only if it is still the latest, and a 503 while the server
 * first builds its map index is retried after the seconds it asks (the same request,
 * unless a newer one came). The fetch and the timers are passed in.
 */
import { ApiError } from '../api.js';
import type { Timers } from './debounce.js';
import type { FeatureAnswer, MapLayerName, ViewportQuery } from './map-api.js';

export interface FeatureLoaderDeps {
  fetch(layer: MapLayerName, q: ViewportQuery, signal: AbortSignal): Promise<FeatureAnswer>;
  onAnswer(layer: MapLayerName, answer: FeatureAnswer, q: ViewportQuery): void;
  onError(layer: MapLayerName, error: unknown): void;
  onLoading?(layer: MapLayerName, loading: boolean): void;
  timers: Timers;
  /** Wait before retrying a 503 that names no Retry-After. */
  defaultRetryMs?: number;
}

export interface FeatureLoader {
  load(layer: MapLayerName, q: ViewportQuery): void;
  /** Stops the layer's request and retry (the layer was switched off). */
  stop(layer: MapLayerName): void;
  /** Stops everything (the view unmounts). */
  close(): void;
}

const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === 'AbortError';

export function createFeatureLoader(deps: FeatureLoaderDeps): FeatureLoader {
  const running = new Map<MapLayerName, { controller: AbortController; retry: unknown }>();

  function stop(layer: MapLayerName) {
    const r = running.get(layer);
    if (!r) return;
    r.controller.abort();
    if (r.retry !== null) deps.timers.clearTimeout(r.retry);
    running.delete(layer);
    deps.onLoading?.(layer, false);
  }

  function load(layer: MapLayerName, q: ViewportQuery) {
    stop(layer);
    const mine = { controller: new AbortController(), retry: null as unknown };
    running.set(layer, mine);
    deps.onLoading?.(layer, true);
    const current = () => running.get(layer) === mine && !mine.controller.signal.aborted;
    deps.fetch(layer, q, mine.controller.signal).then(
      (answer) => {
        if (!current()) return;
        running.delete(layer);
        deps.onLoading?.(layer, false);
        deps.onAnswer(layer, answer, q);
      },
      (err: unknown) => {
        if (!current() || isAbort(err)) return;
        if (err instanceof ApiError && err.status === 503) {
          const wait =
            err.retryAfterSeconds !== null
              ? err.retryAfterSeconds * 1000
              : (deps.defaultRetryMs ?? 2000);
          mine.retry = deps.timers.setTimeout(() => {
            if (running.get(layer) === mine) load(layer, q);
          }, wait);
          return;
        }
        running.delete(layer);
        deps.onLoading?.(layer, false);
        deps.onError(layer, err);
      },
    );
  }

  return {
    load,
    stop,
    close() {
      for (const layer of [...running.keys()]) stop(layer);
    },
  };
}
