/**
 * The Fastify application: parsers, security headers, logging without request
 * content, the error mapping and every route. Built from deps; starts nothing.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IntakeService } from '../intake/intake.service.js';
import type { LiveEvents } from '../notify/live-events.js';
import type { Store } from '../store/store.js';
import { ANONYMOUS, createAuth, type Principal } from './auth.js';
import { errorHandler, notFound } from './http-errors.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { reportRoutes } from './routes/reports.js';
import { webRoutes } from './routes/web.js';

export interface AppDeps {
  store: Store;
  intake: IntakeService;
  live: LiveEvents;
  logger: Logger;
  settings: { bodyLimitBytes: number; pageSizeMax: number; sseHeartbeatSeconds: number };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // We log one line per request ourselves, with the route pattern instead of the URL
    // (a URL can carry a receipt or a search term).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.settings.bodyLimitBytes,
    // Never trust a client-chosen request id.
    requestIdHeader: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }) as unknown as FastifyInstance;

  // JSON only: text/plain and everything else get 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
  });

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(() => {
    throw notFound();
  });

  const auth = createAuth(deps.store.tokens);
  const { store, intake, live, settings } = deps;
  healthRoutes(app, { store });
  reportRoutes(app, { store, intake, auth, pageSizeMax: settings.pageSizeMax });
  incidentRoutes(app, { store, auth, pageSizeMax: settings.pageSizeMax });
  eventRoutes(app, { live, auth, heartbeatMs: settings.sseHeartbeatSeconds * 1000 });
  await webRoutes(app);
  return app;
}
