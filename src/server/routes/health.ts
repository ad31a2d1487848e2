/**
 * Health for people and for load balancers. GET /api/v1/health: up, and the
 * pipeline's backlog (as it always was). GET /health/live: the process answers
 * (no database, nothing that can hang). GET /health/ready: it can do its work now:
 * 503 with the reasons while the gazetteer is not loaded, more pipeline jobs are
 * parked than allowed, or the database cannot be read.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import type { RouteSchemas } from '../route-schemas.js';

export interface ReadinessFacts {
  gazetteerLoaded: boolean;
  /** Parked (failed for good) pipeline jobs; null when the database could not be read. */
  parkedJobs: number | null;
}

export interface NotReady {
  code: 'gazetteer_loading' | 'pipeline_parked' | 'store_unreadable';
  message: string;
}

/** Why the server is not ready (empty: ready). Pure: the facts are read by the route. */
export function notReadyReasons(facts: ReadinessFacts, maxParkedJobs: number): NotReady[] {
  const reasons: NotReady[] = [];
  if (!facts.gazetteerLoaded) {
    reasons.push({ code: 'gazetteer_loading', message: 'the gazetteer is still loading' });
  }
  if (facts.parkedJobs === null) {
    reasons.push({ code: 'store_unreadable', message: 'the database cannot be read' });
  } else if (facts.parkedJobs > maxParkedJobs) {
    reasons.push({
      code: 'pipeline_parked',
      message: `${facts.parkedJobs} pipeline jobs are parked (more than TIPWIRE_READY_MAX_PARKED_JOBS, ${maxParkedJobs})`,
    });
  }
  return reasons;
}

export interface HealthDeps {
  store: Store;
  /** Whether the gazetteer is in memory (serve loads it before it listens). */
  gazetteerLoaded: () => boolean;
  /** TIPWIRE_READY_MAX_PARKED_JOBS. */
  maxParkedJobs: number;
}

const healthRoute: RouteSchemas = {
  summary: 'Up, with the pipeline’s backlog',
  description: '`{"status":"ok","pipeline":{"waiting":n,"failed":n}}`.',
  answers: {
    200: {
      description: 'up',
      schema: z.object({
        status: z.literal('ok'),
        pipeline: z.object({ waiting: z.number(), failed: z.number() }),
      }),
    },
  },
};

const liveRoute: RouteSchemas = {
  summary: 'Liveness',
  description:
    'The process answers (reads nothing): for a liveness probe, which restarts the process when it fails.',
  answers: { 200: { description: 'alive', schema: z.object({ status: z.literal('live') }) } },
};

const reasonSchema = z.object({
  code: z.enum(['gazetteer_loading', 'pipeline_parked', 'store_unreadable']),
  message: z.string(),
});

const readyRoute: RouteSchemas = {
  summary: 'Readiness',
  description:
    'Whether it can do its work now: `503` with the reasons while the gazetteer is loading, more pipeline jobs are parked than `TIPWIRE_READY_MAX_PARKED_JOBS`, or the database cannot be read. For a readiness probe or a load balancer, which stops sending traffic while it fails.',
  answers: {
    200: { description: 'ready', schema: z.object({ status: z.literal('ready') }) },
    503: {
      description: 'not ready',
      schema: z.object({ status: z.literal('not_ready'), reasons: z.array(reasonSchema) }),
    },
  },
};

export function healthRoutes(app: FastifyInstance, deps: HealthDeps) {
  app.get('/api/v1/health', { config: { access: 'public', schemas: healthRoute } }, async () => {
    const queue = deps.store.jobs.counts();
    return { status: 'ok', pipeline: { waiting: queue.ready, failed: queue.failed } };
  });

  app.get('/health/live', { config: { schemas: liveRoute } }, async () => ({ status: 'live' }));

  app.get('/health/ready', { config: { schemas: readyRoute } }, async (_request, reply) => {
    let parkedJobs: number | null;
    try {
      parkedJobs = deps.store.jobs.counts().failed;
    } catch {
      parkedJobs = null;
    }
    const reasons = notReadyReasons(
      { gazetteerLoaded: deps.gazetteerLoaded(), parkedJobs },
      deps.maxParkedJobs,
    );
    if (reasons.length === 0) return { status: 'ready' };
    return reply.code(503).send({ status: 'not_ready', reasons });
  });
}
