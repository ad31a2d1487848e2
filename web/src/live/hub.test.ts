import { describe, expect, it } from 'vitest';
import { createLiveHub, type LiveHubDeps, type LiveListener } from './hub.js';
import type { SseEvent } from './sse.js';
import { runLiveStream, type LiveHandlers, type LiveStatus } from './stream.js';

/** A stream the test drives: each run is recorded with its handlers and its signal. */
function fakeStreams() {
  const runs: { signal: AbortSignal; handlers: LiveHandlers; end: () => void }[] = [];
  const run: LiveHubDeps['run'] = (signal, handlers) =>
    new Promise<void>((resolve) => {
      runs.push({ signal, handlers, end: resolve });
      signal.addEventListener('abort', () => resolve());
    });
  return { runs, run };
}

/** Timers the test fires by hand. */
function fakeTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++next, { fn, ms });
      return next;
    },
    clearTimer: (t: unknown) => void timers.delete(t as number),
    fireAll: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.fn();
    },
  };
}

function hubWith(run: LiveHubDeps['run'], timers = fakeTimers()) {
  let unauthorized = 0;
  const hub = createLiveHub({
    run,
    onUnauthorized: () => unauthorized++,
    idleMs: 30_000,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { hub, timers, unauthorized: () => unauthorized };
}

/** A listener that records what it is told. */
function recorder() {
  const events: string[] = [];
  const opens: boolean[] = [];
  const statuses: LiveStatus['state'][] = [];
  const listener: LiveListener = {
    onEvent: (e) => events.push(e.data),
    onOpen: (resumed) => opens.push(resumed),
    onStatus: (s) => statuses.push(s.state),
  };
  return { listener, events, opens, statuses };
}

const event = (data: string, id = ''): SseEvent => ({ type: 'message', data, lastEventId: id });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the live hub', () => {
  it('opens one stream for every listener and tells each of them every event', () => {
    const streams = fakeStreams();
    const { hub } = hubWith(streams.run);
    const queue = recorder();
    const incident = recorder();
    hub.subscribe(queue.listener);
    hub.subscribe(incident.listener);
    expect(streams.runs).toHaveLength(1);

    const { handlers } = streams.runs[0]!;
    handlers.onStatus({ state: 'live' });
    handlers.onOpen(false);
    handlers.onEvent(event('a'));
    expect(queue.events).toEqual(['a']);
    expect(incident.events).toEqual(['a']);
    expect(queue.opens).toEqual([false]);
    expect(incident.statuses).toEqual(['connecting', 'live']);
  });

  it('tells a listener that comes while the stream is live that it is open, at once', () => {
    const streams = fakeStreams();
    const { hub } = hubWith(streams.run);
    hub.subscribe(recorder().listener);
    streams.runs[0]!.handlers.onStatus({ state: 'live' });
    streams.runs[0]!.handlers.onOpen(false);

    const late = recorder();
    hub.subscribe(late.listener);
    expect(late.statuses).toEqual(['live']);
    expect(late.opens).toEqual([false]);
    expect(hub.status).toEqual({ state: 'live' });
    expect(streams.runs).toHaveLength(1);
  });

  it('passes a resumed opening on as resumed, and a listener that left hears nothing more', () => {
    const streams = fakeStreams();
    const { hub } = hubWith(streams.run);
    const staying = recorder();
    const leaving = recorder();
    hub.subscribe(staying.listener);
    const leave = hub.subscribe(leaving.listener);
    leave();
    const { handlers } = streams.runs[0]!;
    handlers.onStatus({ state: 'waiting', retryInMs: 2000 });
    handlers.onOpen(true);
    handlers.onEvent(event('b'));
    expect(staying.opens).toEqual([true]);
    expect(staying.statuses).toEqual(['connecting', 'waiting']);
    expect(leaving.events).toEqual([]);
  });

  it('keeps the stream open a while after the last listener leaves, for the next view', () => {
    const streams = fakeStreams();
    const { hub, timers } = hubWith(streams.run);
    const leaveQueue = hub.subscribe(recorder().listener);
    streams.runs[0]!.handlers.onStatus({ state: 'live' });
    leaveQueue();
    expect(streams.runs[0]!.signal.aborted).toBe(false);
    expect([...timers.timers.values()].map((t) => t.ms)).toEqual([30_000]);

    // The incident view comes before the time is up: the same stream, the timer dropped.
    const incident = recorder();
    const leaveIncident = hub.subscribe(incident.listener);
    expect(streams.runs).toHaveLength(1);
    expect(timers.timers.size).toBe(0);
    expect(incident.opens).toEqual([false]);

    // Nobody comes after it: the stream ends when the time is up.
    leaveIncident();
    timers.fireAll();
    expect(streams.runs[0]!.signal.aborted).toBe(true);
  });

  it('opens a new stream for a listener after an idle one was ended', async () => {
    const streams = fakeStreams();
    const { hub, timers } = hubWith(streams.run);
    hub.subscribe(recorder().listener)();
    timers.fireAll();
    await flush();
    const next = recorder();
    hub.subscribe(next.listener);
    expect(streams.runs).toHaveLength(2);
    expect(next.statuses).toEqual(['connecting']);
  });

  it('tries again for a new listener after the server refused the stream, and passes a 401 on', async () => {
    const streams = fakeStreams();
    const { hub, unauthorized } = hubWith(streams.run);
    const first = recorder();
    hub.subscribe(first.listener);
    const refused = streams.runs[0]!;
    refused.handlers.onStatus({ state: 'stopped', why: 'unauthorized' });
    refused.handlers.onUnauthorized();
    refused.end();
    await flush();
    expect(unauthorized()).toBe(1);
    expect(first.statuses).toEqual(['connecting', 'stopped']);

    hub.subscribe(recorder().listener);
    expect(streams.runs).toHaveLength(2);
  });

  it('ends the stream and forgets its listeners when closed', () => {
    const streams = fakeStreams();
    const { hub } = hubWith(streams.run);
    const listener = recorder();
    hub.subscribe(listener.listener);
    hub.close();
    expect(streams.runs[0]!.signal.aborted).toBe(true);
    streams.runs[0]!.handlers.onEvent(event('late'));
    expect(listener.events).toEqual([]);
  });

  it('keeps reconnecting with Last-Event-ID under the hub, one request per connection', async () => {
    const requests: Record<string, string>[] = [];
    const answers = [
      // One event with id 41, then the connection drops.
      () => new Response('id: 41\ndata: first\n\n', { status: 200 }),
      () => new Response('id: 42\ndata: second\n\n', { status: 200 }),
    ];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      requests.push({ ...(init?.headers as Record<string, string>) });
      const next = answers.shift();
      if (next) return next();
      // The third connection stays pending until the hub ends it.
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    };
    const { hub } = hubWith((signal, handlers) =>
      runLiveStream(signal, handlers, {
        fetch,
        sleep: async () => {},
        random: () => 0.5,
        stallMs: 60_000,
      }),
    );
    const queue = recorder();
    const incident = recorder();
    hub.subscribe(queue.listener);
    hub.subscribe(incident.listener);
    await expect.poll(() => requests.length).toBe(3);
    hub.close();
    expect(requests.map((h) => h['last-event-id'])).toEqual([undefined, '41', '42']);
    expect(queue.events).toEqual(['first', 'second']);
    expect(incident.events).toEqual(['first', 'second']);
    expect(queue.opens).toEqual([false, true]);
  });
});
