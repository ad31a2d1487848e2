/**
 * Dashboard figures: the mean completeness of the reports received in a period
 * (supervisors: every report; analysts: the analysts' queue only).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../domain/errors.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { Store } from '../../store/store.js';
import { hasRole } from '../auth.js';

const DAY = 86_400_000;
/** Without `since`, the period is this many days back from `until`. */
const DEFAULT_PERIOD_DAYS = 30;

const instant = z
  .string()
  .max(64)
  .pipe(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with Z or an offset' }))
  .transform((text) => Date.parse(text));

export function statsRoutes(app: FastifyInstance, deps: { store: Store; clock: () => number }) {
  const query = z.strictObject({ since: instant.optional(), until: instant.optional() });

  app.get(
    '/api/v1/stats/completeness',
    { config: { access: ['analyst', 'supervisor'] } },
    async (request) => {
      const parsed = query.safeParse(request.query ?? {});
      if (!parsed.success) throw validationError(fieldIssues(parsed.error, request.query));
      const until = parsed.data.until ?? deps.clock();
      const since = parsed.data.since ?? until - DEFAULT_PERIOD_DAYS * DAY;
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
