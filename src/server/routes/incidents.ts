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
import type { Store } from '../../store/store.js';
import type { AuditAppend } from '../../audit/audit-log.js';
import { splitListEntry } from '../../audit/audit-log.js';
import { encodeCursor, pageQuery, parsePageQuery } from '../pagination.js';
import { validate, type RouteSchemas } from '../route-schemas.js';
import { officeAssignment } from './reports.js';

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

  const incidentParams = z.object({ id: z.string() });
  const incident = z.looseObject({
    id: z.string(),
    reportIds: z.array(z.string()),
    reportCount: z.number(),
    officeId: z.string().nullable(),
  });
  const INCIDENT_FIELDS =
    '`reportIds`, `externalIds`, `start`, `end`, `centroid`, `reportCount`, `independentSources`, `officeId`; each viewer sees an incident only through the reports it may see (an analyst not the abuse queue’s, an office only its own), with span, centroid and counts over those alone.';

  const listRoute = {
    summary: 'List incidents',
    description: `Newest first: ${INCIDENT_FIELDS}`,
    query: pageQuery(deps.pageSizeMax),
    answers: {
      200: {
        description: 'a page of incidents',
        schema: z.object({ items: z.array(incident), nextCursor: z.string().nullable() }),
      },
    },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/incidents',
    { config: { access: [...READERS], schemas: listRoute } },
    async (request) => {
      const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
      const page = store.incidents.listNewest(limit, after, memberScope(request.principal));
      return {
        items: page.items.map((i) => incidentViewFor(store, request.principal, i)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  const oneRoute = {
    summary: 'Read one incident',
    description: `One incident: ${INCIDENT_FIELDS}`,
    params: incidentParams,
    answers: { 200: { description: 'the incident', schema: incident } },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/incidents/:id',
    { config: { access: [...READERS], schemas: oneRoute } },
    async (request) => {
      const { id } = validate(oneRoute.params, request.params);
      return incidentViewFor(store, request.principal, visible(request.principal, id));
    },
  );

  const assignmentRoute = {
    summary: 'Route an incident to a field office',
    description:
      'Route an incident and all its reports to an office: `{"officeId":"o_…"|null,"reason":"…"}`.',
    params: incidentParams,
    ...officeAssignment,
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/incidents/:id/assignment',
    { config: { access: ['supervisor'], schemas: assignmentRoute } },
    async (request) => {
      const { id } = validate(assignmentRoute.params, request.params);
      const { officeId, reason } = validate(assignmentRoute.body, request.body);
      const incident = visible(request.principal, id);
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
