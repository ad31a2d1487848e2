/**
 * GET /api/v1/events: the live stream (server-sent events) of processed reports.
 * Sends `Last-Event-ID` replay, then new events, with keep-alive comments.
 */
import type { FastifyInstance } from 'fastify';
import { canSeeCase } from '../../access/scope.js';
import type { LiveEvents } from '../../notify/live-events.js';
import type { StoredEvent } from '../../store/store.js';
import type { Principal } from '../auth.js';

/** Each subscriber sees only events about cases in its scope (and stream notices). */
function inScope(principal: Principal, event: StoredEvent): boolean {
  const report = (event.payload as { report?: { queue?: string; officeId?: string | null } })
    .report;
  if (!report) return true;
  return canSeeCase(principal, {
    queue: report.queue === 'abuse' ? 'abuse' : 'analyst',
    officeId: report.officeId ?? null,
  });
}

/** A subscriber whose socket buffers more than this is too slow and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function eventRoutes(app: FastifyInstance, deps: { live: LiveEvents; heartbeatMs: number }) {
  const openStreams = new Set<() => void>();
  // End the streams before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });

  app.get(
    '/api/v1/events',
    { config: { access: ['analyst', 'supervisor', 'office'] } },
    async (request, reply) => {
      const lastHeader = request.headers['last-event-id'];
      const lastSeen =
        typeof lastHeader === 'string' && /^\d+$/.test(lastHeader) ? Number(lastHeader) : undefined;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 2000\n\n');
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.heartbeatMs);
      const close = () => {
        openStreams.delete(close);
        clearInterval(heartbeat);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const principal = request.principal;
      unsubscribe = deps.live.subscribe((event) => {
        if (res.writableLength > MAX_BUFFERED_BYTES) return close();
        if (!inScope(principal, event)) return;
        res.write(
          `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`,
        );
      }, lastSeen);
      openStreams.add(close);
      request.raw.on('close', close);
    },
  );
}
