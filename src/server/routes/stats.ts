/**
 * Dashboard figures: the mean completeness of the reports received in a period
 * (supervisors: every report; analysts: the analysts' queue only).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';
import { hasRole } from '../auth.js';
import { instant } from '../query-params.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

const DAY = 86_400_000;
/** Without `since`, the period is this many days back from `until`. */
const DEFAULT_PERIOD_DAYS = 30;

export function statsRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  const completenessRoute = {
    summary: 'Completeness of the reports of a period',
    description:
      'Mean, least and greatest completeness of the reports received in the period (default: the last 30 days); analysts’ figures leave the abuse queue out.',
    query: z.strictObject({ since: instant.optional(), until: instant.optional() }),
    answers: {
      200: {
        description: 'the figures',
        schema: z.object({
          since: z.string(),
          until: z.string(),
          reports: z.number(),
          meanCompleteness: z.number().nullable(),
          minCompleteness: z.number().nullable(),
          maxCompleteness: z.number().nullable(),
        }),
      },
    },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/stats/completeness',
    { config: { access: ['analyst', 'supervisor'], schemas: completenessRoute } },
    async (request) => {
      const query = validate(completenessRoute.query, request.query);
      const until = query.until ?? deps.clock();
      const since = query.since ?? until - DEFAULT_PERIOD_DAYS * DAY;
      if (since >= until)
        throw validationError([{ path: 'since', message: 'must be before until' }]);
      // Analysts' figures leave the abuse queue out: they may not learn of it.
      const queue = hasRole(request.principal, 'supervisor') ? undefined : 'analyst';
      const figures = deps.store.reports.completeness(since, until, { queue });
      return {
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        reports: figures.reports,
        meanCompleteness: figures.mean,
        minCompleteness: figures.min,
        maxCompleteness: figures.max,
      };
    },
  );
}
