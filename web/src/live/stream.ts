/**
 * The live stream (GET /api/v1/events) kept open until the view goes: fetch streaming
 * (the session cookie goes same-origin; EventSource would too, but could not say why a
 * connection failed), parsed by sse.ts, reconnected with backoff after any drop. A
 * reconnect sends `Last-Event-ID` so that the server replays what was missed; its
 * `retry:` field sets the first delay; a stream silent for `stallMs` (no event, not even
 * the keep-alive comment) is taken as dropped. 401 (the session ended) and 403 stop it.
 */
import { API, CLIENT_HEADER } from '../api.js';
import { createSseByteParser, type SseEvent } from './sse.js';

/** First reconnect delay; the server's `retry:` field replaces it. */
export const DEFAULT_RETRY_MS = 2000;
export const MAX_RETRY_MS = 30_000;
/** No byte on the stream for this long (the server's keep-alive is more frequent): reconnect. */
export const STALL_MS = 60_000;

export type LiveStatus =
  | { state: 'connecting'; reconnect: boolean }
  | { state: 'live' }
  | { state: 'waiting'; retryInMs: number }
  | { state: 'stopped'; why: 'unauthorized' | 'forbidden' };

export interface LiveHandlers {
  onEvent: (event: SseEvent) => void;
  /** A stream is open; `resumed` when it was asked to replay after an event id. */
  onOpen: (resumed: boolean) => void;
  onStatus: (status: LiveStatus) => void;
  /** 401: the session is gone. */
  onUnauthorized: () => void;
}

export interface LiveDeps {
  fetch: typeof fetch;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  stallMs: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export const browserDeps = (): LiveDeps => ({
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep,
  random: Math.random,
  stallMs: STALL_MS,
});

/** The delay before reconnect attempt `failures` (1, 2…): doubling, capped, ±25 % jitter. */
export function reconnectDelay(retryMs: number, failures: number, random: () => number): number {
  const delay = Math.min(MAX_RETRY_MS, retryMs * 2 ** Math.max(0, failures - 1));
  return Math.round(delay * (0.75 + random() * 0.5));
}

/** Runs until `signal` aborts or the server refuses the session; resolves then. */
export async function runLiveStream(
  signal: AbortSignal,
  handlers: LiveHandlers,
  deps: LiveDeps = browserDeps(),
): Promise<void> {
  let lastEventId: string | null = null;
  let retryMs = DEFAULT_RETRY_MS;
  let failures = 0;
  while (!signal.aborted) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    signal.addEventListener('abort', stop);
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const kick = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, deps.stallMs);
    };
    try {
      handlers.onStatus({ state: 'connecting', reconnect: failures > 0 });
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        [CLIENT_HEADER]: 'web',
      };
      if (lastEventId !== null) headers['last-event-id'] = lastEventId;
      kick();
      const res = await deps.fetch(`${API}events`, {
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: attempt.signal,
      });
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        const why = res.status === 401 ? 'unauthorized' : 'forbidden';
        handlers.onStatus({ state: 'stopped', why });
        if (why === 'unauthorized') handlers.onUnauthorized();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      failures = 0;
      handlers.onStatus({ state: 'live' });
      handlers.onOpen(lastEventId !== null);
      const parser = createSseByteParser(
        (event) => {
          if (event.lastEventId) lastEventId = event.lastEventId;
          handlers.onEvent(event);
        },
        (ms) => {
          retryMs = ms;
        },
      );
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        kick();
        parser.push(value);
      }
    } catch {
      // A dropped connection, a stall or a server error: try again below.
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) return;
    failures++;
    const wait = reconnectDelay(retryMs, failures, deps.random);
    handlers.onStatus({ state: 'waiting', retryInMs: wait });
    await deps.sleep(wait, signal);
  }
}
