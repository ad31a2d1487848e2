/** POST /api/v1/reports (intake) and the token-protected reads of reports. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { IntakeService } from '../../intake/intake.service.js';
import type { Store } from '../../store/store.js';
import type { Auth } from '../auth.js';
import { notFound } from '../http-errors.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';
import { reportView } from '../../export/views.js';

export interface ReportRoutesDeps {
  store: Store;
  intake: IntakeService;
  auth: Auth;
  pageSizeMax: number;
}

/** Printable ASCII, 1–255 characters (as in the IETF Idempotency-Key draft's examples). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function reportRoutes(app: FastifyInstance, deps: ReportRoutesDeps) {
  const { store, intake, auth } = deps;

  app.post('/api/v1/reports', { preHandler: auth.optional }, async (request, reply) => {
    const header = request.headers['idempotency-key'];
    let idempotencyKey: string | undefined;
    if (header !== undefined) {
      if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
        throw new AppError(
          'validation_failed',
          'input',
          'Idempotency-Key: must be 1–255 printable ASCII characters',
          [{ path: 'header:Idempotency-Key', message: 'must be 1–255 printable ASCII characters' }],
        );
      }
      idempotencyKey = header;
    }
    const result = await intake.submit(request.body, {
      principal: request.principal.id,
      idempotencyKey,
      mayStateReceivedAt: request.principal.role !== null,
    });
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    if (result.status === 201 && typeof result.body.id === 'string') {
      void reply.header('Location', `/api/v1/reports/${result.body.id}`);
    }
    return reply.code(result.status).send(result.body);
  });

  app.get(
    '/api/v1/reports',
    { preHandler: auth.requireRole('analyst', 'admin') },
    async (request) => {
      const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
      const page = store.reports.listNewest(limit, after);
      return {
        items: page.items.map(reportView),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/reports/:id',
    { preHandler: auth.requireRole('analyst', 'admin') },
    async (request) => {
      const report = store.reports.get(request.params.id);
      if (!report) throw notFound('no report with this id');
      return reportView(report);
    },
  );
}
