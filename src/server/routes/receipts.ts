/**
 * The reporter's way back, without an account: with the receipt code from the
 * first answer, see the case's status and the operators' questions, and add
 * information to the same report. Guessing is rate-limited per network prefix,
 * and a wrong or malformed code looks exactly like an unknown one (404).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, rateLimited } from '../../domain/errors.js';
import type { CaseStatus, Report } from '../../domain/report.js';
import { boundedText } from '../../intake/report-schema.js';
import type { RateLimiter } from '../../protect/rate-limit.js';
import { parseReceipt, receiptMatches } from '../../protect/receipt.js';
import type { Vault } from '../../protect/vault.js';
import type { Store } from '../../store/store.js';
import type { AuditAppend } from '../../audit/audit-log.js';
import type { Cases } from '../../cases/cases.service.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

export interface ReceiptRoutesDeps {
  store: Store;
  vault: Vault;
  audit: AuditAppend;
  cases: Cases;
  /** Receipt look-ups per hashed network prefix. */
  limiter: RateLimiter;
  sourceOf: (request: FastifyRequest) => string;
  messageMaxChars: number;
}

/** What a reporter is told of the case: not the analysts' verdict. */
const REPORTER_STATUS: Record<CaseStatus, string> = {
  new: 'received',
  in_review: 'in_review',
  closed: 'closed',
  unfounded: 'closed',
};

const unknownReceipt = () => new AppError('not_found', 'not_found', 'no report with this receipt');

export function receiptRoutes(app: FastifyInstance, deps: ReceiptRoutesDeps) {
  const { store, vault } = deps;

  function reportFor(request: FastifyRequest, receipt: string): Report {
    const take = deps.limiter.take(deps.sourceOf(request));
    if (!take.ok) throw rateLimited('receipt look-ups', take.retryAfterSeconds);
    const parsed = parseReceipt(receipt);
    const stored = parsed && store.receipts.get(parsed.lookup);
    const report =
      stored && receiptMatches(parsed, stored) ? store.reports.get(stored.reportId) : null;
    if (!report) throw unknownReceipt();
    return report;
  }

  const thread = (report: Report) =>
    store.messages.forReport(report.id).map((m) => ({
      author: m.author,
      text: vault.openMessage(report.id, report.sealed.dataKey, m.id, m.bodySealed),
      at: new Date(m.createdAt).toISOString(),
    }));

  const receiptParams = z.object({
    receipt: z.string().meta({ description: 'the receipt code; case and dashes do not matter' }),
  });
  const message = z.object({
    author: z.enum(['reporter', 'operator']),
    text: z.string(),
    at: z.string(),
  });
  const guesses = { description: 'too many wrong receipt codes from your network (Retry-After)' };

  const viewRoute = {
    summary: 'The reporter’s view of a case',
    description:
      'With the receipt: the case’s status as the reporter is told it, the operators’ questions and the whole thread.',
    params: receiptParams,
    answers: {
      200: {
        description: 'the case as the reporter sees it',
        schema: z.object({
          status: z.enum(['received', 'in_review', 'closed']),
          receivedAt: z.string(),
          questions: z.array(message),
          messages: z.array(message),
        }),
      },
      429: guesses,
    },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/receipts/:receipt',
    { config: { access: 'public', schemas: viewRoute } },
    async (request) => {
      const report = reportFor(request, validate(viewRoute.params, request.params).receipt);
      const messages = thread(report);
      store.transaction(() =>
        deps.audit({
          actor: 'reporter',
          action: 'receipt.opened',
          target: `report:${report.id}`,
          reason: 'the reporter checked the case with the receipt',
        }),
      );
      return {
        status: REPORTER_STATUS[report.status],
        receivedAt: new Date(report.receivedAt).toISOString(),
        questions: messages.filter((m) => m.author === 'operator'),
        messages,
      };
    },
  );

  const addRoute = {
    summary: 'The reporter adds information',
    description: 'With the receipt: `{"text":"…"}`, added to the same report’s thread.',
    params: receiptParams,
    body: z.strictObject({ text: boundedText(deps.messageMaxChars) }),
    answers: { 201: { description: 'stored', schema: z.object({ id: z.string() }) }, 429: guesses },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/receipts/:receipt/messages',
    { config: { access: 'public', schemas: addRoute } },
    async (request, reply) => {
      // The receipt first: a wrong one is a 404 whatever the body holds.
      const report = reportFor(request, validate(addRoute.params, request.params).receipt);
      const { text } = validate(addRoute.body, request.body);
      const id = await deps.cases.addMessage(
        report,
        { author: 'reporter', actor: 'reporter' },
        text,
      );
      return reply.code(201).send({ id });
    },
  );
}
