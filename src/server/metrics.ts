/**
 * Metrics in the Prometheus text format, on a registry of our own (prom-client's
 * global one is never used). What is counted: HTTP requests by route pattern and
 * status (never the URL: it can hold a receipt or a search term) with latency,
 * 429 answers, accepted reports; read at each scrape: the pipeline's backlog and
 * its oldest due job, stage durations, the audit anchor's age, the pseudonym key
 * epoch and each background worker's last run. No label ever holds request
 * content. Served at GET /metrics behind TIPWIRE_METRICS_TOKEN and/or on the
 * separate TIPWIRE_METRICS_LISTEN address; neither set: no metrics endpoint.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { notFound } from './http-errors.js';
import type { RouteSchemas } from './route-schemas.js';

/** A background worker's last run, as the scheduler's `status()` gives it. */
export interface WorkerStatus {
  name: string;
  /** Epoch ms; null before its first run. */
  lastRunAt: number | null;
  lastDurationMs: number | null;
  /** The failure's code (never content); null when the last run went well. */
  lastError: string | null;
  runs: number;
}

export interface MetricsSources {
  clock: () => number;
  /** Ready and parked jobs, and when the longest-waiting due job became due. */
  backlog: () => { ready: number; failed: number; oldestDueAt: number | null };
  /** When the audit anchor was last written (epoch ms); null without one. */
  auditAnchorAt: () => number | null;
  /** The current pseudonym key epoch. */
  keyEpoch: () => number;
  workers?: () => readonly WorkerStatus[];
}

/** Request latency buckets, in seconds: intake answers in ms, a search page may take a second. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Stage buckets, in seconds: a stage takes well under a millisecond to tens of ms. */
const STAGE_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];

/** A source that fails (a closed database) leaves its metric out of this scrape. */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'tipwire_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'tipwire_http_request_duration_seconds',
    help: 'Time from a request’s arrival to its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'tipwire_http_rate_limited_total',
    help: 'Requests answered 429 (flood control), by route pattern.',
    labelNames: ['route'] as const,
    registers,
  });
  const accepted = new Counter({
    name: 'tipwire_reports_accepted_total',
    help: 'Reports stored by POST /api/v1/reports (a replayed answer is not counted again).',
    registers,
  });
  const stages = new Histogram({
    name: 'tipwire_pipeline_stage_duration_seconds',
    help: 'Time of each pipeline stage run that succeeded, by stage.',
    labelNames: ['stage'] as const,
    buckets: STAGE_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'tipwire_pipeline_jobs',
    help: 'Pipeline jobs by state: ready (waiting or due for retry) and parked (failed for good).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const backlog = safely(sources.backlog);
      if (!backlog) return;
      this.set({ state: 'ready' }, backlog.ready);
      this.set({ state: 'parked' }, backlog.failed);
    },
  });
  new Gauge({
    name: 'tipwire_pipeline_oldest_due_job_age_seconds',
    help: 'How long the longest-waiting due pipeline job has been due (0: none is due).',
    registers,
    collect() {
      const backlog = safely(sources.backlog);
      if (!backlog) return;
      const due = backlog.oldestDueAt;
      this.set(due === null ? 0 : Math.max(0, sources.clock() - due) / 1000);
    },
  });
  new Gauge({
    name: 'tipwire_audit_anchor_age_seconds',
    help: 'Time since the audit anchor was last written (NaN while there is none).',
    registers,
    collect() {
      const at = safely(sources.auditAnchorAt);
      this.set(at === undefined || at === null ? NaN : Math.max(0, sources.clock() - at) / 1000);
    },
  });
  new Gauge({
    name: 'tipwire_pseudonym_key_epoch',
    help: 'The current caller-pseudonym key epoch (days since 1970 / TIPWIRE_PSEUDONYM_EPOCH_DAYS).',
    registers,
    collect() {
      const epoch = safely(sources.keyEpoch);
      if (epoch !== undefined) this.set(epoch);
    },
  });
  const workers = () => safely(() => sources.workers?.() ?? []) ?? [];
  /** A gauge per worker; `valueOf` null leaves that worker out. */
  const workerGauge = (name: string, help: string, valueOf: (w: WorkerStatus) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['worker'] as const,
      registers,
      collect() {
        this.reset();
        for (const w of workers()) {
          const value = valueOf(w);
          if (value !== null) this.set({ worker: w.name }, value);
        }
      },
    });
  workerGauge(
    'tipwire_worker_last_run_timestamp_seconds',
    'When each background worker last ran (Unix time; absent before its first run).',
    (w) => (w.lastRunAt === null ? null : w.lastRunAt / 1000),
  );
  workerGauge(
    'tipwire_worker_last_run_duration_seconds',
    'How long each background worker’s last run took.',
    (w) => (w.lastDurationMs === null ? null : w.lastDurationMs / 1000),
  );
  workerGauge(
    'tipwire_worker_last_run_failed',
    '1 when a background worker’s last run failed, else 0.',
    (w) => (w.lastError === null ? 0 : 1),
  );
  new Counter({
    name: 'tipwire_worker_runs_total',
    help: 'Runs of each background worker since the process started.',
    labelNames: ['worker'] as const,
    registers,
    collect() {
      this.reset();
      for (const w of workers()) this.inc({ worker: w.name }, w.runs);
    },
  });

  return {
    contentType: registry.contentType,
    /** One answered request; `route` is the pattern (`unmatched` when none matched). */
    observeRequest(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
      if (status === 429) rateLimited.inc({ route });
    },
    reportAccepted() {
      accepted.inc();
    },
    observeStage(stage: string, ms: number) {
      stages.observe({ stage }, ms / 1000);
    },
    text: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an Authorization header carries the metrics token, compared in constant
 * time (both sides hashed first, so the length does not show either).
 */
export function carriesToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

const metricsRoute: RouteSchemas = {
  summary: 'Metrics',
  description:
    'Prometheus text format: HTTP requests, 429 answers, accepted reports, the pipeline’s backlog and stage times, the audit anchor’s age, the key epoch, the background workers. Only when `TIPWIRE_METRICS_TOKEN` is set, and then only with it.',
  guard: 'metrics',
  answers: {
    404: { description: 'TIPWIRE_METRICS_TOKEN is not set: no metrics on this port' },
    200: {
      description: 'the metrics',
      contentType: 'text/plain; version=0.0.4',
      schema: z.string(),
    },
  },
};

/**
 * GET /metrics on the main listener, for the holder of the token only; without a
 * token set it is a 404, as if it were not there.
 */
export function metricsRoutes(app: FastifyInstance, deps: { metrics: Metrics; token?: string }) {
  app.get('/metrics', { config: { schemas: metricsRoute } }, async (request, reply) => {
    if (deps.token === undefined) throw notFound();
    if (!carriesToken(request.headers.authorization, deps.token)) {
      throw new AppError(
        'unauthorized',
        'auth',
        'send the metrics token as Authorization: Bearer <token>',
      );
    }
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.text());
  });
}

/**
 * The second listener of TIPWIRE_METRICS_LISTEN: GET /metrics and nothing else,
 * asking for the token too when one is set. Resolves once it listens.
 */
export function startMetricsListener(options: {
  metrics: Metrics;
  token?: string;
  host: string;
  port: number;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (options.token !== undefined && !carriesToken(req.headers.authorization, options.token)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized\n');
      return;
    }
    options.metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** `host:port` (IPv6 in brackets: `[::1]:9464`) → its parts. */
export function listenAddress(text: string): { host: string; port: number } {
  const at = text.lastIndexOf(':');
  return { host: text.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(at + 1)) };
}
