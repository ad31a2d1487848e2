/**
 * Reports: intake (POST, public), the case list and search, one case with its
 * text, and working a case (status, assignment to an office, questions to the
 * reporter). Scope and audit are in ../cases.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listScope } from '../../access/scope.js';
import { AppError, rateLimited, validationError } from '../../domain/errors.js';
import { CASE_STATUSES, QUEUES } from '../../domain/report.js';
import type { IntakeService } from '../../intake/intake.service.js';
import { boundedText, fieldIssues } from '../../intake/report-schema.js';
import type { RateLimiter } from '../../protect/rate-limit.js';
import type { Vault } from '../../protect/vault.js';
import type { Store } from '../../store/store.js';
import { hasRole, type Principal } from '../auth.js';
import type { AuditAppend, Cases } from '../cases.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';
import { timeView } from '../../export/views.js';

/** Flags about how the reporter's own time and place claims were read. */
const isClaimFlag = (flag: string) => /^(time|place)\./.test(flag);

export interface ReportRoutesDeps {
  store: Store;
  intake: IntakeService;
  cases: Cases;
  vault: Vault;
  audit: AuditAppend;
  /** Flood control per hashed network prefix, for senders without an intake token. */
  prefixLimiter: RateLimiter;
  sourceOf: (request: FastifyRequest) => string;
  pageSizeMax: number;
  /** Most characters of report text one page of the list carries (at least one report). */
  pageTextBudget: number;
  messageMaxChars: number;
}

/** Printable ASCII, 1–255 characters (as in the IETF Idempotency-Key draft's examples). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const READERS = ['analyst', 'supervisor', 'office'] as const;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, value));
  return parsed.data;
}

export function reportRoutes(app: FastifyInstance, deps: ReportRoutesDeps) {
  const { store, intake, cases } = deps;

  app.post('/api/v1/reports', { config: { access: 'public' } }, async (request, reply) => {
    const principal = request.principal;
    // Partners' gateways send for many callers from one address: their tokens skip this.
    if (!hasRole(principal, 'intake', 'admin')) {
      const take = deps.prefixLimiter.take(deps.sourceOf(request));
      if (!take.ok) throw rateLimited('reports from your network', take.retryAfterSeconds);
    }
    const header = request.headers['idempotency-key'];
    let idempotencyKey: string | undefined;
    if (header !== undefined) {
      if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
        throw validationError([
          { path: 'header:Idempotency-Key', message: 'must be 1–255 printable ASCII characters' },
        ]);
      }
      idempotencyKey = header;
    }
    const result = await intake.submit(request.body, {
      principal: principal.id,
      idempotencyKey,
      mayStateReceivedAt: principal.roles.length > 0,
    });
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    if (result.status === 201 && typeof result.body.id === 'string') {
      void reply.header('Location', `/api/v1/reports/${result.body.id}`);
    }
    return reply.code(result.status).send(result.body);
  });

  const listQuery = z.object({
    q: z.string().trim().min(1).max(200).optional(),
    queue: z.enum(QUEUES).optional(),
  });

  app.get('/api/v1/reports', { config: { access: [...READERS] } }, async (request) => {
    const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
    const { q, queue } = parse(listQuery, request.query);
    const scope = listScope(request.principal, queue);
    if (scope === 'forbidden') {
      throw new AppError('forbidden', 'forbidden', 'your role may not see this queue');
    }
    const page = q
      ? store.reports.search(deps.vault.queryTokens(q), limit, after, scope)
      : store.reports.listNewest(limit, after, scope);
    const items = cases.readMany(
      request.principal,
      page.items,
      q ? 'searched the reports' : 'listed the reports',
      deps.pageTextBudget,
    );
    // Cut short by the text budget: the next page starts after the last report shown.
    const last = page.items[items.length - 1];
    const next =
      items.length < page.items.length && last ? { at: last.receivedAt, seq: last.seq } : page.next;
    return { items, nextCursor: next ? encodeCursor(next) : null };
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/reports/:id',
    { config: { access: [...READERS] } },
    async (request) =>
      cases.read(request.principal, cases.visible(request.principal, request.params.id)),
  );

  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/v1/reports/:id/attachments/:attachmentId',
    { config: { access: [...READERS] } },
    async (request, reply) => {
      const report = cases.visible(request.principal, request.params.id);
      const file = cases.attachment(request.principal, report, request.params.attachmentId);
      const name = file.filename.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'attachment';
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-original-content-type', file.contentType)
        .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        .send(file.data);
    },
  );

  /** The fields an operator may add or correct after the call: time, place, who, how known. */
  const answers = intake.schema
    .pick({
      observedAt: true,
      timezone: true,
      precisionSeconds: true,
      location: true,
      howKnown: true,
      subjects: true,
      category: true,
    })
    .partial()
    .refine((a) => Object.keys(a).length > 0, 'give at least one field to change');

  app.patch<{ Params: { id: string } }>(
    '/api/v1/reports/:id',
    { config: { access: ['intake', 'analyst', 'supervisor'] } },
    async (request) => {
      const body = parse(answers, request.body);
      const principal = request.principal;
      const caseWorker = hasRole(principal, 'analyst', 'supervisor');
      const report = caseWorker
        ? cases.visible(principal, request.params.id)
        : ownNewReport(principal, request.params.id);
      await cases.answer(principal, report, body);
      const updated = store.reports.get(report.id)!;
      return {
        id: updated.id,
        completeness: updated.assessment?.completeness ?? null,
        nextQuestions: updated.assessment?.nextQuestions ?? [],
        time: timeView(updated),
        place: updated.place,
        // A call-taker sees what its own answers gave (time and place readings), not
        // how the case is judged (abuse, verification), which it may not read.
        flags: caseWorker ? updated.flags : updated.flags.filter(isClaimFlag),
      };
    },
  );

  /**
   * The report a call-taker (intake) may still add answers to: one it submitted itself,
   * that nobody works yet (status new, no office). Any other report does not exist for
   * it (404); its own report, once being worked, is a 409.
   */
  function ownNewReport(principal: Principal, id: string) {
    const report = store.reports.get(id);
    if (!report || report.submittedBy !== principal.id) {
      throw new AppError('not_found', 'not_found', 'no report with this id');
    }
    if (report.status !== 'new' || report.officeId !== null) {
      throw new AppError(
        'case_in_progress',
        'conflict',
        'this case is already being worked; send further information as a message',
      );
    }
    return report;
  }

  const statusBody = z.strictObject({
    status: z.enum(CASE_STATUSES),
    reason: z.string().trim().min(1).max(500),
  });

  app.post<{ Params: { id: string } }>(
    '/api/v1/reports/:id/status',
    { config: { access: [...READERS] } },
    async (request) => {
      const body = parse(statusBody, request.body);
      const report = cases.visible(request.principal, request.params.id);
      cases.setStatus(request.principal, report, body.status, body.reason);
      return { id: report.id, status: body.status };
    },
  );

  const assignmentBody = z.strictObject({
    officeId: z.string().min(1).max(100).nullable(),
    reason: z.string().trim().min(1).max(500),
  });

  app.post<{ Params: { id: string } }>(
    '/api/v1/reports/:id/assignment',
    { config: { access: ['supervisor'] } },
    async (request) => {
      const body = parse(assignmentBody, request.body);
      const report = cases.visible(request.principal, request.params.id);
      if (body.officeId !== null && !store.offices.get(body.officeId)) {
        throw validationError([{ path: 'officeId', message: 'no office with this id' }]);
      }
      cases.assign(request.principal, report, body.officeId, body.reason);
      return { id: report.id, officeId: body.officeId };
    },
  );

  const messageBody = z.strictObject({ text: boundedText(deps.messageMaxChars) });

  app.post<{ Params: { id: string } }>(
    '/api/v1/reports/:id/messages',
    { config: { access: [...READERS] } },
    async (request, reply) => {
      const { text } = parse(messageBody, request.body);
      const report = cases.visible(request.principal, request.params.id);
      const id = await cases.addMessage(
        report,
        { author: 'operator', actor: request.principal.id },
        text,
      );
      return reply.code(201).send({ id });
    },
  );
}
