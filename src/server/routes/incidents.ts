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
import { EVENT_KIND_CODES } from '../../domain/event-kinds.js';
import type { Incident } from '../../domain/incident.js';
import type { Store } from '../../store/store.js';
import type { AuditAppend } from '../../audit/audit-log.js';
import { splitListEntry } from '../../audit/audit-log.js';
import { pageQuery } from '../pagination.js';
import type { IncidentCursor, IncidentFilter } from '../../store/store.js';
import { MAX_HAND_ITEMS, type Incidents } from '../../incidents/incidents.service.js';
import { validate, type RouteSchemas } from '../route-schemas.js';
import { bboxQuery, isoTime, officeQuery, requireKnownOffice, UNROUTED } from '../query-params.js';
import { officeAssignment } from './reports.js';

const READERS = ['analyst', 'supervisor', 'office'] as const;

/** A cursor of an incident list: the sort key (a time or a probability) and the seq. */
const encodeIncidentCursor = (c: IncidentCursor) =>
  Buffer.from(`${c.key}~${c.seq}`, 'utf8').toString('base64url');

function decodeIncidentCursor(text: string): IncidentCursor | null {
  const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)~(\d+)$/.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  return m ? { key: Number(m[1]), seq: Number(m[2]) } : null;
}

/**
 * The answer of GET /api/v1/incidents/:id: the incident as the principal sees it, with
 * its confidence breakdown and changes. Exported for its type (the workbench reads it).
 */
export function oneIncidentAnswer(store: Store, principal: Principal, incident: Incident) {
  const scope = memberScope(principal);
  const breakdown = store.incidents.confidenceTerms(incident.id);
  return {
    ...incidentViewFor(store, principal, incident),
    confidenceBreakdown: breakdown && {
      probability: incident.confidence,
      logOdds: breakdown.logOdds,
      // A viewer who may not see the abuse queue is not told how many reports sit there.
      terms: breakdown.terms.filter(
        (t) => scope.all || (t.code !== 'abuse' && t.detail !== 'abuse_burst'),
      ),
    },
    changes: store.incidents.changes(incident.id).map((c) => ({
      kind: c.kind,
      actor: c.actor,
      at: new Date(c.at).toISOString(),
      detail: c.detail,
    })),
  };
}

export function incidentRoutes(
  app: FastifyInstance,
  deps: { store: Store; audit: AuditAppend; incidents: Incidents; pageSizeMax: number },
) {
  const { store } = deps;

  /**
   * The incident if the principal sees at least one of its members; else 404. A merged
   * incident is seen through the one that absorbed it.
   */
  function visible(principal: Principal, id: string): Incident {
    const incident = store.incidents.get(id);
    let open = incident;
    for (let hops = 0; open?.mergedInto && hops < 100; hops++) {
      open = store.incidents.get(open.mergedInto);
    }
    if (!incident || !open || !seesIncident(store, principal, open.id)) {
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
    '`reportIds`, `externalIds` (each once), `start`, `end`, `centroid`, `radiusMeters`, `reportCount`, `independentSources`, `confidence` (0–1), `kinds`, `category` (its first kind), `lastActivity`, `mergedInto`, `officeId`; each viewer sees an incident only through the reports it may see (an analyst not the abuse queue’s, an office only its own), with span, centroid and counts over those alone.';

  const listQuery = pageQuery(deps.pageSizeMax)
    .extend({
      bbox: bboxQuery.optional(),
      from: isoTime.optional(),
      to: isoTime.optional(),
      minConfidence: z.coerce.number().min(0).max(1).optional(),
      kind: z
        .enum(EVENT_KIND_CODES, {
          message: 'is not an event kind of the catalogue (GET /api/v1/meta)',
        })
        .optional(),
      office: officeQuery
        .optional()
        .meta({ description: `an office id, or \`${UNROUTED}\` for the incidents routed to none` }),
      sort: z.enum(['lastActivity', 'confidence']).default('lastActivity'),
    })
    .strict();

  const listRoute = {
    summary: 'List incidents',
    description: `Open incidents (merged ones are left out), by last activity (default) or confidence, highest first; filters, all of which must hold: \`bbox=minLon,minLat,maxLon,maxLat\` (on the centroid), \`from\`/\`to\` (ISO times the incident's span must meet), \`minConfidence\` (0–1), \`kind\` (an event kind of GET /api/v1/meta among its \`kinds\`), \`office\` (an office id, or \`${UNROUTED}\` for those routed to none). An unknown code, office or parameter is a 400 naming it. Each: ${INCIDENT_FIELDS}`,
    query: listQuery,
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
      const q = validate(listQuery, request.query ?? {});
      let after: IncidentCursor | null = null;
      if (q.cursor !== undefined) {
        after = decodeIncidentCursor(q.cursor);
        if (!after) {
          throw validationError([
            { path: 'cursor', message: 'is not a cursor this server gave out' },
          ]);
        }
      }
      requireKnownOffice(q.office, (id) => store.offices.get(id) !== null);
      if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
        throw validationError([{ path: 'from', message: 'must not be after `to`' }]);
      }
      const filter: IncidentFilter = {
        sort: q.sort,
        ...(q.bbox
          ? {
              bbox: {
                minLon: q.bbox.west,
                minLat: q.bbox.south,
                maxLon: q.bbox.east,
                maxLat: q.bbox.north,
              },
            }
          : {}),
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(q.minConfidence !== undefined ? { minConfidence: q.minConfidence } : {}),
        kind: q.kind,
        routedTo: q.office,
      };
      const page = store.incidents.list(filter, q.limit, after, memberScope(request.principal));
      return {
        items: page.items.map((i) => incidentViewFor(store, request.principal, i)),
        nextCursor: page.next ? encodeIncidentCursor(page.next) : null,
      };
    },
  );

  const oneRoute = {
    summary: 'Read one incident',
    description: `One incident: ${INCIDENT_FIELDS}; and \`confidenceBreakdown\` ({probability, logOdds, terms: [{code, weight, count, detail, text {en, zh}}]}: each term of the fused log-odds, its weight and why) and \`changes\` (merges, splits, moves, attachments: who, when, which ids). A merged incident answers with its \`mergedInto\`.`,
    params: incidentParams,
    answers: { 200: { description: 'the incident', schema: incident } },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/incidents/:id',
    { config: { access: [...READERS], schemas: oneRoute } },
    async (request) => {
      const { id } = validate(oneRoute.params, request.params);
      return oneIncidentAnswer(store, request.principal, visible(request.principal, id));
    },
  );

  const reason = z.string().trim().min(1).max(500);

  const mergeRoute = {
    summary: 'Merge incidents by hand',
    description:
      'Merge the incidents `incidentIds` into this one (it keeps its id; the others answer with `mergedInto`): `{"incidentIds":["i_…"],"reason":"…"}`. Every member is pinned: the automatic rule never moves them. Audited.',
    params: incidentParams,
    body: z.strictObject({
      incidentIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_HAND_ITEMS),
      reason,
    }),
    answers: {
      200: {
        description: 'the merge',
        schema: z.object({ id: z.string(), merged: z.array(z.string()) }),
      },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/incidents/:id/merge',
    { config: { access: ['analyst', 'supervisor'], schemas: mergeRoute } },
    async (request) => {
      const { id } = validate(mergeRoute.params, request.params);
      const body = validate(mergeRoute.body, request.body);
      return deps.incidents.merge(request.principal, id, body.incidentIds, body.reason);
    },
  );

  const splitRoute = {
    summary: 'Split reports out of an incident by hand',
    description:
      'Move `reportIds` out of this incident into a new one: `{"reportIds":["r_…"],"reason":"…"}`. The two are never merged automatically afterwards, and their reports are pinned. Audited.',
    params: incidentParams,
    body: z.strictObject({
      reportIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_HAND_ITEMS),
      reason,
    }),
    answers: {
      201: {
        description: 'the split',
        schema: z.object({ id: z.string(), newIncidentId: z.string() }),
      },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/incidents/:id/split',
    { config: { access: ['analyst', 'supervisor'], schemas: splitRoute } },
    async (request, reply) => {
      const { id } = validate(splitRoute.params, request.params);
      const body = validate(splitRoute.body, request.body);
      const result = await deps.incidents.split(request.principal, id, body.reportIds, body.reason);
      return reply.code(201).send(result);
    },
  );

  const moveRoute = {
    summary: 'Move a report to another incident by hand',
    description:
      'Place the report in `incidentId` and pin it there: `{"incidentId":"i_…","reason":"…"}`. Audited.',
    params: z.object({ id: z.string() }),
    body: z.strictObject({ incidentId: z.string().min(1).max(100), reason }),
    answers: {
      200: {
        description: 'the report and its incident',
        schema: z.object({ id: z.string(), incidentId: z.string() }),
      },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports/:id/incident',
    { config: { access: ['analyst', 'supervisor'], schemas: moveRoute } },
    async (request) => {
      const { id } = validate(moveRoute.params, request.params);
      const body = validate(moveRoute.body, request.body);
      return deps.incidents.move(request.principal, id, body.incidentId, body.reason);
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
