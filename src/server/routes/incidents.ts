/**
 * Incidents: lists and one incident (summaries, no report text), and routing an
 * incident with all its reports to a field office. An office sees only the
 * incidents assigned to it; another office's incident is a 404.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole, type Principal } from '../auth.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Incident } from '../../domain/incident.js';
import type { Queue } from '../../domain/report.js';
import { incidentView } from '../../export/views.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { Store } from '../../store/store.js';
import type { AuditAppend } from '../cases.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';

const READERS = ['analyst', 'supervisor', 'office'] as const;

/**
 * Which incidents a principal sees, as a list filter: supervisors all; analysts
 * those with a report in the analysts' queue (and only those reports, so an
 * abuse-queue report is not revealed through its incident); office staff their
 * office's.
 */
function incidentScope(p: Principal): { officeId?: string; queue?: Queue } {
  if (hasRole(p, 'supervisor')) return {};
  if (hasRole(p, 'analyst')) return { queue: 'analyst' };
  return { officeId: p.officeId ?? '(none)' };
}

export function incidentRoutes(
  app: FastifyInstance,
  deps: { store: Store; audit: AuditAppend; pageSizeMax: number },
) {
  const { store } = deps;
  /** The incident as a principal may see it: only the members in its scope. */
  function view(principal: Principal, incident: Incident) {
    const { queue } = incidentScope(principal);
    const members = store.incidents.memberIds(incident.id, { queue });
    const shown = incidentView(incident, members);
    return queue ? { ...shown, reportCount: members.reportIds.length } : shown;
  }

  function visible(principal: Principal, id: string): Incident {
    const incident = store.incidents.get(id);
    const scope = incidentScope(principal);
    const hidden =
      !incident ||
      (scope.officeId !== undefined && incident.officeId !== scope.officeId) ||
      (scope.queue !== undefined &&
        store.incidents.memberIds(id, { queue: scope.queue }).reportIds.length === 0);
    if (hidden) throw new AppError('not_found', 'not_found', 'no incident with this id');
    return incident;
  }

  app.get('/api/v1/incidents', { config: { access: [...READERS] } }, async (request) => {
    const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
    const page = store.incidents.listNewest(limit, after, incidentScope(request.principal));
    return {
      items: page.items.map((i) => view(request.principal, i)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/incidents/:id',
    { config: { access: [...READERS] } },
    async (request) => view(request.principal, visible(request.principal, request.params.id)),
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
        deps.audit({
          actor: request.principal.id,
          action: 'incident.assigned',
          target: `incident:${incident.id}`,
          reason,
          details: { from: incident.officeId, to: officeId, reportIds },
        });
      });
      return { id: incident.id, officeId };
    },
  );
}
