/**
 * One live stream (GET /api/v1/events) for the whole workbench, shared by the views
 * that listen: the queue and the incident view subscribe to the hub instead of each
 * opening a connection. The hub opens the stream with its first listener and runs it
 * with stream.ts (reconnect with backoff, Last-Event-ID replay, stall watchdog); each
 * event, opening and status goes to every listener. A listener that comes while the
 * stream is live is told so at once (`onOpen(false)`: it reads what it shows now, as on
 * a fresh connection). With nobody listening the stream stays open `idleMs` longer, so
 * that a view giving way to another (queue → incident, the next view's code still
 * loading) does not drop it and open a new one.
 */
import type { SseEvent } from './sse.js';
import type { LiveHandlers, LiveStatus } from './stream.js';

export interface LiveListener {
  onEvent?: (event: SseEvent) => void;
  /** The stream is open; `resumed` when it replayed what was missed after an event id. */
  onOpen?: (resumed: boolean) => void;
  /** What the stream is doing, told at once on subscribing and on every change. */
  onStatus?: (status: LiveStatus) => void;
}

export interface LiveHub {
  /** Listens (opening the stream if it is not open); returns the way to stop listening. */
  subscribe(listener: LiveListener): () => void;
  /** The stream's status now. */
  readonly status: LiveStatus;
  /** Ends the stream now and forgets the listeners (the workbench is leaving). */
  close(): void;
}

export interface LiveHubDeps {
  /** Runs the stream until `signal` aborts or the server refuses (stream.ts `runLiveStream`). */
  run: (signal: AbortSignal, handlers: LiveHandlers) => Promise<void>;
  /** Told of a 401 on the stream: the session is gone. */
  onUnauthorized: () => void;
  /** How long the stream stays open with no listener. */
  idleMs: number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

/** A view's code can take a while to load on a slow line: the stream waits that long. */
export const IDLE_MS = 30_000;

export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const listeners = new Set<LiveListener>();
  let status: LiveStatus = { state: 'connecting', reconnect: false };
  /** The running stream's abort, or null when none runs. */
  let running: AbortController | null = null;
  let idle: unknown = null;

  const each = (fn: (listener: LiveListener) => void) => {
    for (const listener of [...listeners]) fn(listener);
  };
  const setStatus = (next: LiveStatus) => {
    status = next;
    each((l) => l.onStatus?.(next));
  };

  function start() {
    const controller = new AbortController();
    running = controller;
    setStatus({ state: 'connecting', reconnect: false });
    const ended = () => {
      if (running === controller) running = null;
    };
    deps
      .run(controller.signal, {
        onEvent: (event) => each((l) => l.onEvent?.(event)),
        onOpen: (resumed) => each((l) => l.onOpen?.(resumed)),
        onStatus: (next) => {
          if (!controller.signal.aborted) setStatus(next);
        },
        onUnauthorized: deps.onUnauthorized,
      })
      .then(ended, ended);
  }

  function stop() {
    running?.abort();
    running = null;
  }

  function cancelIdle() {
    if (idle !== null) deps.clearTimer(idle);
    idle = null;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      cancelIdle();
      if (running === null) start();
      else {
        listener.onStatus?.(status);
        if (status.state === 'live') listener.onOpen?.(false);
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0 || running === null) return;
        cancelIdle();
        idle = deps.setTimer(() => {
          idle = null;
          if (listeners.size === 0) stop();
        }, deps.idleMs);
      };
    },
    get status() {
      return status;
    },
    close() {
      cancelIdle();
      listeners.clear();
      stop();
    },
  };
}
