/**
 * The Fastify application: parsers, security headers, logging without request
 * content, access control declared per route, the error mapping, metrics, every
 * route and the OpenAPI document of them. Built from deps; starts nothing.
 */
import fastifyMultipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Admin } from '../admin/admin.service.js';
import { tokenRulesFrom } from '../access/tokens.js';
import {
  defaultAnchorPath,
  readAnchor,
  type AuditAppend,
  type AuditLog,
} from '../audit/audit-log.js';
import type { SettingsOf } from '../domain/settings.js';
import type { ACCESS_SETTINGS } from '../access/settings.js';
import type { INTAKE_SETTINGS } from '../intake/settings.js';
import type { SERVER_SETTINGS } from './settings.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { LiveEvents } from '../notify/live-events.js';
import type { Keyring } from '../protect/keyring.js';
import type { RateLimiter } from '../protect/rate-limit.js';
import type { Vault } from '../protect/vault.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { ANONYMOUS, createAuth, type DeclaredRoute, type Principal } from './auth.js';
import type { Cases } from '../cases/cases.service.js';
import { installRequestDeadline } from './deadline.js';
import { answerClientError, errorHandler, notFound } from './http-errors.js';
import { checkedJsonText } from './json-body.js';
import { multipartPluginOptions, type MultipartLimits } from './multipart-report.js';
import { AppError } from '../domain/errors.js';
import { ATTACHMENTS_MAX } from '../intake/report-schema.js';
import { createMetrics, metricsRoutes, type Metrics, type WorkerStatus } from './metrics.js';
import { collectRoutes, openApiRoutes } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes, recordRefusal } from './routes/audit.js';
import { evidenceRoutes } from './routes/evidence.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import type { Incidents } from '../incidents/incidents.service.js';
import { mapRoutes } from './routes/map.js';
import { metaRoutes } from './routes/meta.js';
import type { MapRuntime } from '../map/map.js';
import type { MAP_SETTINGS } from '../map/settings.js';
import { tilesOrigin } from '../map/tiles.js';
import { receiptRoutes } from './routes/receipts.js';
import { reportRoutes } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { statsRoutes } from './routes/stats.js';
import { webRoutes } from './routes/web.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the access it declares (the role matrix test walks them). */
    apiRoutes: DeclaredRoute[];
    /** This app's metrics (serve also shows them on TIPWIRE_METRICS_LISTEN). */
    metrics: Metrics;
  }
}

export interface AppConfig {
  server: SettingsOf<typeof SERVER_SETTINGS>;
  intake: SettingsOf<typeof INTAKE_SETTINGS>;
  access: SettingsOf<typeof ACCESS_SETTINGS>;
  map: SettingsOf<typeof MAP_SETTINGS>;
  /** Where the keys (and the audit anchor) are. */
  keys: { dir: string };
}

export interface AppDeps {
  store: SqliteStore;
  intake: IntakeService;
  live: LiveEvents;
  logger: Logger;
  vault: Vault;
  audit: AuditAppend;
  auditLog: AuditLog;
  admin: Admin;
  cases: Cases;
  incidents: Incidents;
  /** The analysts' map (index, base layer, places, tiles). */
  map: MapRuntime;
  clock: () => number;
  /** The sections of the configuration the HTTP app reads. */
  config: AppConfig;
  /** Every setting's effective value (secrets shown as set or not), for admins. */
  effectiveSettings: () => { env: string; value: unknown }[];
  sourceOf: (request: FastifyRequest) => string;
  limiters: { prefix: RateLimiter; receipts: RateLimiter; logins: RateLimiter };
  keyring: Pick<Keyring, 'pseudonymKeys' | 'subkey'>;
  /** Whether the gazetteer is loaded (readiness). */
  normalize: { deps: { loaded(): boolean } };
  /** Subscribes to the pipeline's stage timings; returns the unsubscribe. */
  observeStages?: (observer: (stage: string, ms: number) => void) => () => void;
  /** The background workers' last runs (serve's housekeeping and purge). */
  workers?: () => readonly WorkerStatus[];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { store } = deps;
  const { server, intake, access } = deps.config;
  const app = Fastify({
    loggerInstance: deps.logger,
    // We log one line per request ourselves, with the route pattern instead of the URL
    // (a URL can carry a receipt or a search term).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: intake.bodyLimitBytes,
    // A request (which may carry a caller's number) must arrive whole within the caller
    // TTL. Node checks this only every `connectionsCheckingInterval`, so it is the
    // backstop (headers included); the exact deadline on the body is ours (deadline.ts).
    requestTimeout: intake.callerTtlSeconds * 1000,
    http: { connectionsCheckingInterval: 1000 },
    clientErrorHandler: answerClientError,
    trustProxy: server.trustProxy,
    // Never trust a client-chosen request id.
    requestIdHeader: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }) as unknown as FastifyInstance;

  // JSON only: text/plain and everything else get 415. UTF-8 and nesting are checked
  // before JSON.parse (json-body.ts); Fastify's parser then refuses prototype keys.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = checkedJsonText(body as Buffer, intake.jsonMaxDepth);
    } catch (err) {
      done(err as Error, undefined);
      return;
    }
    parseJson(request, text, done);
  });
  // multipart/form-data only where a route declares it (`schemas.multipart`), read by
  // its handler as a stream (multipart-report.ts); every other route answers 415.
  const multipartLimits: MultipartLimits = {
    reportMaxBytes: intake.bodyLimitBytes,
    fileMaxBytes: intake.attachmentMaxBytes,
    filesTotalMaxBytes: intake.attachmentsTotalMaxBytes,
    filesMax: ATTACHMENTS_MAX,
    jsonMaxDepth: intake.jsonMaxDepth,
  };
  await app.register(fastifyMultipart, multipartPluginOptions(multipartLimits));
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !request.routeOptions.config.schemas?.multipart) {
      throw new AppError('unsupported_media_type', 'input', 'send the body as application/json');
    }
  });
  /** Fastify's JSON parser over checked text, for a multipart body's report part. */
  const parseJsonText = (text: string): unknown => {
    let parsed: { err: Error | null; value: unknown } = { err: null, value: undefined };
    parseJson({} as FastifyRequest, text, (err, value) => {
      parsed = { err, value };
    });
    if (parsed.err) throw parsed.err;
    return parsed.value;
  };
  installRequestDeadline(app, intake.callerTtlSeconds * 1000);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
  });

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    // Every answer may not be framed (clickjacking); pages set their own fuller policy.
    if (!reply.hasHeader('content-security-policy'))
      void reply.header('content-security-policy', "frame-ancestors 'none'");
    void reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  const metrics = createMetrics({
    clock: deps.clock,
    backlog: () => ({ ...store.jobs.counts(), oldestDueAt: store.jobs.oldestDueAt(deps.clock()) }),
    auditAnchorAt: () => {
      const read = readAnchor(
        defaultAnchorPath(deps.config.keys.dir),
        deps.keyring.subkey('audit'),
      );
      return read.state === 'ok' ? read.anchor.at : null;
    },
    keyEpoch: () => deps.keyring.pseudonymKeys().current.epoch,
    workers: deps.workers,
  });
  app.decorate('metrics', metrics);
  const stopObserving = deps.observeStages?.((stage, ms) => metrics.observeStage(stage, ms));
  app.addHook('onClose', async () => stopObserving?.());

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
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

  const refusals = recordRefusal(deps.auditLog);
  const auth = createAuth({
    tokens: store.tokens,
    clock: deps.clock,
    rules: tokenRulesFrom(access),
    userName: (id) => {
      const user = store.users.get(id);
      return user && user.disabledAt === null ? user.name : null;
    },
    onRefused: (refusal) => store.transaction(() => refusals(refusal)),
  });
  app.decorate('apiRoutes', auth.install(app));
  const registered = collectRoutes(app);

  healthRoutes(app, {
    store,
    gazetteerLoaded: () => deps.normalize.deps.loaded(),
    maxParkedJobs: server.readyMaxParkedJobs,
  });
  metaRoutes(app);
  reportRoutes(app, {
    store,
    intake: deps.intake,
    cases: deps.cases,
    vault: deps.vault,
    audit: deps.audit,
    prefixLimiter: deps.limiters.prefix,
    sourceOf: deps.sourceOf,
    pageSizeMax: server.pageSizeMax,
    pageTextBudget: server.pageTextBudgetChars,
    messageMaxChars: intake.messageMaxChars,
    narrativeMaxChars: intake.narrativeMaxChars,
    bodyLimitBytes: intake.bodyLimitBytes,
    multipart: { limits: multipartLimits, parseJson: parseJsonText },
    onAccepted: () => metrics.reportAccepted(),
  });
  evidenceRoutes(app, { cases: deps.cases });
  receiptRoutes(app, {
    store,
    vault: deps.vault,
    audit: deps.audit,
    cases: deps.cases,
    limiter: deps.limiters.receipts,
    sourceOf: deps.sourceOf,
    messageMaxChars: intake.messageMaxChars,
  });
  incidentRoutes(app, {
    store,
    audit: deps.audit,
    incidents: deps.incidents,
    pageSizeMax: server.pageSizeMax,
  });
  eventRoutes(app, {
    live: deps.live,
    store,
    heartbeatMs: server.sseHeartbeatSeconds * 1000,
    stillValid: (request) => {
      try {
        return auth.identify(request).roles.length > 0;
      } catch {
        return false;
      }
    },
  });
  sessionRoutes(app, {
    admin: deps.admin,
    limiter: deps.limiters.logins,
    sourceOf: deps.sourceOf,
    clock: deps.clock,
  });
  adminRoutes(app, {
    admin: deps.admin,
    store,
    effectiveSettings: deps.effectiveSettings,
    pageSizeMax: server.pageSizeMax,
  });
  statsRoutes(app, { store, clock: deps.clock });
  auditRoutes(app, {
    audit: deps.auditLog,
    repo: store.audit,
    pageSizeMax: server.pageSizeMax,
  });
  mapRoutes(app, {
    map: deps.map.service,
    store,
    settings: deps.config.map,
    base: () => deps.map.base(),
    places: () => deps.map.places(),
    tiles: deps.map.tiles,
  });
  metricsRoutes(app, { metrics, token: server.metricsToken });
  openApiRoutes(app, registered);
  const tiles = tilesOrigin(deps.map.tiles);
  await webRoutes(app, tiles ? [tiles] : []);
  return app;
}
