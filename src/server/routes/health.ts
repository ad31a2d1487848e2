/** GET /api/v1/health: up, and the database answers. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store.js';

export function healthRoutes(app: FastifyInstance, deps: { store: Store }) {
  app.get('/api/v1/health', { config: { access: 'public' } }, async () => {
    const queue = deps.store.jobs.counts();
    return { status: 'ok', pipeline: { waiting: queue.ready, failed: queue.failed } };
  });
}
