/**
 * Incidents: lists and one incident (summaries, no report text), and routing an
 * incident with all its reports to a field office. A principal sees an incident
 * when it sees at least one of its reports, and then only those reports (their
 * ids, sources, span and centroid); any other incident is a 404.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../auth.js';
import { memberScope } from '../../access/scope.js';
import { incidentViewFor, seesIncident } from '../incident-scope.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Incident } from '../../domain/incident.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { Store } from '../../store/store.js';
import type { AuditAppend } from '../../audit/audit-log.js';
import { splitListEntry } from '../../audit/audit-log.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';

const READERS = ['analyst', 'supervisor', 'office'] as const;

export function incidentRoutes(
  app: FastifyInstance,
  deps: { store: Store; audit: AuditAppend; pageSizeMax: number },
) {
  const { store } = deps;

  /** The incident if the principal sees at least one of its members; else 404. */
  function visible(principal: Principal, id: string): Incident {
    const incident = store.incidents.get(id);
    if (!incident || !seesIncident(store, principal, id)) {
      throw new AppError('not_found', 'not_found', 'no incident with this id');
    }
    return incident;
  }

  app.get('/api/v1/incidents', { config: { access: [...READERS] } }, async (request) => {
    const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
    const page = store.incidents.listNewest(limit, after, memberScope(request.principal));
    return {
      items: page.items.map((i) => incidentViewFor(store, request.principal, i)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/incidents/:id',
    { config: { access: [...READERS] } },
    async (request) =>
      incidentViewFor(store, request.principal, visible(request.principal, request.params.id)),
  );

  const assignment = z.strictObject({
    officeId: z.string().min(1).max(100).nullable(),
    reason: z.string().trim().min(1).max(500),
  });
  app.post<{ Params: { id: string } }>(
    '/api/v1/incidents/:id/assignment',
    { config: { access: ['supervisor'] } },
    async (request) => {
      const parsed = assignment.safeParse(request.body ?? {});
      if (!parsed.success) throw validationError(fieldIssues(parsed.error, request.body));
      const { officeId, reason } = parsed.data;
      const incident = visible(request.principal, request.params.id);
      if (officeId !== null && !store.offices.get(officeId)) {
        throw validationError([{ path: 'officeId', message: 'no office with this id' }]);
      }
      const { reportIds } = store.incidents.memberIds(incident.id);
      store.transaction(() => {
        store.incidents.assignOffice(incident.id, officeId);
        for (const id of reportIds) store.reports.assignOffice(id, officeId);
        const entry = {
          actor: request.principal.id,
          action: 'incident.assigned',
          target: `incident:${incident.id}`,
          reason,
          details: { from: incident.officeId, to: officeId },
        };
        splitListEntry(entry, 'reportIds', reportIds).forEach(deps.audit);
      });
      return { id: incident.id, officeId };
    },
  );
}
