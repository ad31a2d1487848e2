/** Token-protected reads of incidents. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store.js';
import type { Auth } from '../auth.js';
import { notFound } from '../http-errors.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';
import { incidentView } from '../../export/views.js';

export function incidentRoutes(
  app: FastifyInstance,
  deps: { store: Store; auth: Auth; pageSizeMax: number },
) {
  const { store, auth } = deps;

  app.get(
    '/api/v1/incidents',
    { preHandler: auth.requireRole('analyst', 'admin') },
    async (request) => {
      const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
      const page = store.incidents.listNewest(limit, after);
      return {
        items: page.items.map((i) => incidentView(i, store.incidents.memberIds(i.id))),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/incidents/:id',
    { preHandler: auth.requireRole('analyst', 'admin') },
    async (request) => {
      const incident = store.incidents.get(request.params.id);
      if (!incident) throw notFound('no incident with this id');
      return incidentView(incident, store.incidents.memberIds(incident.id));
    },
  );
}
