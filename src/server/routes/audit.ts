/**
 * The audit trail for auditors: GET /api/v1/audit (newest first, filtered by
 * actor, action, target and time, paged by cursor) and GET /api/v1/audit/verify
 * (the whole chain checked now; it reads every record, so it takes a while on a
 * large log). Also `recordRefusal`, which turns the access check's refusals
 * into audit records.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ACTION_PATTERN,
  auditRecordView,
  type AuditLog,
  type AuditRepository,
} from '../../audit/audit-log.js';
import type { Refusal } from '../auth.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';
import { instant, sinceBeforeUntil } from '../query-params.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

export interface AuditRoutesDeps {
  audit: Pick<AuditLog, 'verify'>;
  repo: Pick<AuditRepository, 'list'>;
  pageSizeMax: number;
}

const filterSchema = z
  .object({
    // Read by parsePageQuery; listed so that they are not unknown.
    limit: z.unknown().optional(),
    cursor: z.unknown().optional(),
    actor: z.string().min(1).max(200).optional(),
    action: z
      .string()
      .max(100)
      .regex(ACTION_PATTERN, 'must be a dotted action code such as report.read')
      .optional(),
    target: z.string().min(1).max(500).optional(),
    since: instant.optional(),
    until: instant.optional(),
  })
  .strict()
  .refine(sinceBeforeUntil.check, sinceBeforeUntil.params);

export function auditRoutes(app: FastifyInstance, deps: AuditRoutesDeps) {
  const { audit, repo } = deps;

  const listRoute = {
    summary: 'Read the audit trail',
    description:
      'The audit trail, newest first, filtered by `actor`, `action`, `target`, `since` and `until`.',
    query: filterSchema,
    answers: {
      200: {
        description: 'a page of audit records',
        schema: z.object({ items: z.array(z.looseObject({})), nextCursor: z.string().nullable() }),
      },
    },
  } satisfies RouteSchemas;
  const verifyRoute = {
    summary: 'Check the audit chain',
    description: 'A check of the whole chain and its anchor, now (reads every record).',
    answers: { 200: { description: 'the result', schema: z.looseObject({ ok: z.boolean() }) } },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/audit',
    { config: { access: ['auditor'], schemas: listRoute } },
    async (request) => {
      const { actor, action, target, since, until } = validate(listRoute.query, request.query);
      const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
      const page = repo.list({ limit, after: after?.seq, actor, action, target, since, until });
      const lastItem = page.items[page.items.length - 1];
      return {
        items: page.items.map(auditRecordView),
        nextCursor:
          page.next !== null && lastItem ? encodeCursor({ at: lastItem.at, seq: page.next }) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { config: { access: ['auditor'], schemas: verifyRoute } },
    async () => audit.verify(),
  );
}

/**
 * For createAuth's `onRefused`: one `access.refused` record per 401 or 403. The
 * target is the route pattern, never the URL (a URL can carry a receipt).
 */
export function recordRefusal(audit: Pick<AuditLog, 'append'>) {
  return (refusal: Refusal): void => {
    const { principal, method, route, status } = refusal;
    audit.append({
      actor: principal.id,
      action: 'access.refused',
      target: `${method} ${route || '(unmatched)'}`,
      reason:
        status === 401
          ? 'no valid token'
          : `roles ${principal.roles.join(', ') || '(none)'} may not call this route`,
      details: { status },
    });
  };
}
