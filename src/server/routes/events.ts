/**
 * GET /api/v1/events: the live stream (server-sent events) of processed reports.
 * Sends `Last-Event-ID` replay, then new events, with keep-alive comments (each
 * heartbeat checks the token again, ending the stream of a revoked session). Each
 * subscriber gets only events about cases in its scope, and an event's incident
 * summary taken over the members it may see (incident-scope.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canSeeCase, memberScope, scopeKey, type MemberScope } from '../../access/scope.js';
import type { LiveEvents } from '../../notify/live-events.js';
import type { Store, StoredEvent } from '../../store/store.js';
import type { Principal } from '../auth.js';
import { scopedIncident, seesIncident } from '../incident-scope.js';
import type { RouteSchemas } from '../route-schemas.js';

/** Each subscriber sees only events about cases in its scope (and stream notices). */
function inScope(store: Store, principal: Principal, event: StoredEvent): boolean {
  const payload = event.payload as {
    report?: { queue?: string; officeId?: string | null };
    incident?: { id?: string; mergedInto?: string | null };
  };
  const report = payload.report;
  if (!report && event.type === 'incident.updated') {
    const id = payload.incident?.mergedInto ?? payload.incident?.id;
    return typeof id === 'string' && seesIncident(store, principal, id);
  }
  if (!report) return true;
  return canSeeCase(principal, {
    queue: report.queue === 'abuse' ? 'abuse' : 'analyst',
    officeId: report.officeId ?? null,
  });
}

const streamRoute: RouteSchemas = {
  summary: 'The live stream',
  description:
    'Server-sent events in the caller’s scope: `report.processed` when a report has been through the pipeline, `report.updated` when a case changes (status, office, a message), `incident.updated` when an incident changes (a report joined, a merge, split or move: its summary, kinds and confidence); metadata only, never text, and the incident summary over the members the caller may see; honours `Last-Event-ID`, sends `stream.reset` when missed events are gone; `HEAD` answers with the headers at once.',
  headers: { 'Last-Event-ID': 'the id of the last event seen: the stream replays what came after' },
  answers: { 200: { description: 'the event stream', contentType: 'text/event-stream' } },
};

/** A subscriber whose socket buffers more than this is too slow and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Event texts kept per scope, so subscribers sharing a scope share the work. */
const SCOPED_TEXTS_KEPT = 256;

interface IncidentSummary {
  id: string;
  reportCount: number;
  start: string;
  end: string;
  centroid: { lat: number; lon: number } | null;
}

export function eventRoutes(
  app: FastifyInstance,
  deps: {
    live: LiveEvents;
    heartbeatMs: number;
    store: Store;
    /** Whether the request's token still holds (not revoked, expired or idle). */
    stillValid: (request: FastifyRequest) => boolean;
  },
) {
  const openStreams = new Set<() => void>();
  const texts = new Map<string, string>();

  /** The event's payload with its incident summary over the members `scope` sees. */
  function payloadFor(event: StoredEvent, scope: MemberScope): unknown {
    const payload = event.payload as { incident?: IncidentSummary | null };
    if (scope.all || !payload.incident) return event.payload;
    const incident = deps.store.incidents.get(payload.incident.id);
    if (!incident) return { ...payload, incident: null };
    const shown = scopedIncident(deps.store, incident, scope).incident;
    // A viewer who sees every member sees the event as written (confidence and all).
    if (shown.reportCount === incident.reportCount) return event.payload;
    return {
      ...payload,
      incident: {
        id: shown.id,
        reportCount: shown.reportCount,
        start: new Date(shown.start).toISOString(),
        end: new Date(shown.end).toISOString(),
        centroid: shown.centroid,
      },
    };
  }

  /** The event as written on the stream for a scope, computed once per scope. */
  function textFor(event: StoredEvent, scope: MemberScope): string {
    const key = `${event.id}|${event.type}|${scopeKey(scope)}`;
    let text = texts.get(key);
    if (text === undefined) {
      const data = JSON.stringify(payloadFor(event, scope));
      text = `id: ${event.id}\nevent: ${event.type}\ndata: ${data}\n\n`;
      if (texts.size >= SCOPED_TEXTS_KEPT) texts.delete(texts.keys().next().value!);
      texts.set(key, text);
    }
    return text;
  }
  // End the streams before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });

  app.get(
    '/api/v1/events',
    { config: { access: ['analyst', 'supervisor', 'office'], schemas: streamRoute } },
    async (request, reply) => {
      // HEAD: the stream's headers, without waiting for events that never end.
      if (request.method === 'HEAD') {
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .send();
      }
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
      // Each heartbeat checks the token again: a revoked session's stream ends within one.
      const heartbeat = setInterval(() => {
        if (!deps.stillValid(request)) return close();
        res.write(': keep-alive\n\n');
      }, deps.heartbeatMs);
      const close = () => {
        openStreams.delete(close);
        clearInterval(heartbeat);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const principal = request.principal;
      const scope = memberScope(principal);
      unsubscribe = deps.live.subscribe((event) => {
        if (res.writableLength > MAX_BUFFERED_BYTES) return close();
        if (!inScope(deps.store, principal, event)) return;
        res.write(textFor(event, scope));
      }, lastSeen);
      openStreams.add(close);
      request.raw.on('close', close);
    },
  );
}
