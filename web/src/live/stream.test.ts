import { describe, expect, it } from 'vitest';
import { reconnectDelay, runLiveStream, type LiveDeps, type LiveStatus } from './stream.js';
import type { SseEvent } from './sse.js';

/** The answer's body errors when the request is aborted, as a real fetch's does. */
function abortable(res: Response, signal: AbortSignal | null | undefined): Response {
  if (!res.body || !signal) return res;
  const reader = res.body.getReader();
  let ctrl: ReadableStreamDefaultController<Uint8Array> | undefined;
  signal.addEventListener('abort', () => {
    ctrl?.error(new DOMException('aborted', 'AbortError'));
    void reader.cancel();
  });
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
    async pull(c) {
      const { done, value } = await reader.read();
      if (done) c.close();
      else c.enqueue(value);
    },
  });
  return new Response(body, { status: res.status, headers: res.headers });
}

/** A fake server: each call answers with the next of `answers` and records its headers. */
function fakeFetch(answers: (() => Response)[]) {
  const requests: Record<string, string>[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    requests.push({ ...(init?.headers as Record<string, string>) });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return abortable(next(), init?.signal);
  };
  return { fetch, requests };
}

const stream = (text: string) =>
  new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });

function run(answers: (() => Response)[], deps: Partial<LiveDeps> = {}) {
  const { fetch, requests } = fakeFetch(answers);
  const events: SseEvent[] = [];
  const statuses: LiveStatus[] = [];
  const opens: boolean[] = [];
  const sleeps: number[] = [];
  let unauthorized = 0;
  const controller = new AbortController();
  const done = runLiveStream(
    controller.signal,
    {
      onEvent: (e) => events.push(e),
      onOpen: (resumed) => opens.push(resumed),
      onStatus: (s) => statuses.push(s),
      onUnauthorized: () => unauthorized++,
    },
    {
      fetch,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      stallMs: 60_000,
      ...deps,
    },
  );
  return {
    done,
    requests,
    events,
    statuses,
    opens,
    sleeps,
    controller,
    unauthorized: () => unauthorized,
  };
}

describe('the live stream', () => {
  it('reconnects after a drop with Last-Event-ID and the server’s retry delay, stops at 401', async () => {
    const r = run([
      () => stream('retry: 100\n\nid: 424242\nevent: report.processed\ndata: {}\n\n'),
      () => new Response('', { status: 503 }),
      () => stream('id: 424243\nevent: report.updated\ndata: {}\n\n'),
      () => new Response('', { status: 401 }),
    ]);
    await r.done;
    expect(r.requests.map((h) => h['last-event-id'])).toEqual([
      undefined,
      '424242',
      '424242',
      '424243',
    ]);
    expect(r.events.map((e) => e.type)).toEqual(['report.processed', 'report.updated']);
    // Dropped (1st failure: retry), 503 (2nd: doubled), dropped again after a good open.
    expect(r.sleeps).toEqual([100, 200, 100]);
    expect(r.opens).toEqual([false, true]);
    expect(r.unauthorized()).toBe(1);
    expect(r.statuses.at(-1)).toEqual({ state: 'stopped', why: 'unauthorized' });
  });

  it('stops without signing out on 403', async () => {
    const r = run([() => new Response('', { status: 403 })]);
    await r.done;
    expect(r.unauthorized()).toBe(0);
    expect(r.statuses.at(-1)).toEqual({ state: 'stopped', why: 'forbidden' });
  });

  it('takes a silent stream as dropped', async () => {
    let cancelled = false;
    const silent = () =>
      new Response(
        new ReadableStream({
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200 },
      );
    const r = run([silent, () => new Response('', { status: 401 })], { stallMs: 20 });
    await r.done;
    expect(r.requests).toHaveLength(2);
    expect(r.sleeps).toEqual([2000]);
    expect(cancelled).toBe(true);
  });

  it('ends when the view goes', async () => {
    const r = run([
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
            },
          }),
          { status: 200 },
        ),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    r.controller.abort();
    await r.done;
    expect(r.requests).toHaveLength(1);
    expect(r.sleeps).toEqual([]);
  });
});

describe('reconnectDelay', () => {
  it('doubles up to the cap, with ±25 % jitter', () => {
    expect(reconnectDelay(2000, 1, () => 0.5)).toBe(2000);
    expect(reconnectDelay(2000, 3, () => 0.5)).toBe(8000);
    expect(reconnectDelay(2000, 10, () => 0.5)).toBe(30_000);
    expect(reconnectDelay(2000, 1, () => 0)).toBe(1500);
    expect(reconnectDelay(2000, 1, () => 1)).toBe(2500);
  });
});
