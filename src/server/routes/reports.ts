/**
 * Reports: intake (POST, public) with its limits (public) and a call-taker's draft
 * scored before it is sent, the case list and search, one case with its text, and
 * working a case (status, assignment to an office, questions to the reporter). Scope
 * and audit are in ../cases.ts.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listScope } from '../../access/scope.js';
import { AppError, rateLimited, validationError } from '../../domain/errors.js';
import { FLAG_CODES } from '../../domain/flags.js';
import { CASE_STATUSES, QUEUES } from '../../domain/report.js';
import type { IntakeService } from '../../intake/intake.service.js';
import type { StagedFile } from '../../intake/file-stager.js';
import { ATTACHMENTS_MAX, boundedText, categoryText } from '../../intake/report-schema.js';
import type { RateLimiter } from '../../protect/rate-limit.js';
import type { Vault } from '../../protect/vault.js';
import type { ReportFilter, Store } from '../../store/store.js';
import { hasRole, type Principal } from '../auth.js';
import type { AuditAppend } from '../../audit/audit-log.js';
import type { Cases } from '../../cases/cases.service.js';
import { encodeCursor, pageQuery, parsePageQuery } from '../pagination.js';
import {
  instant,
  officeQuery,
  requireKnownOffice,
  sinceBeforeUntil,
  UNROUTED,
} from '../query-params.js';
import { validate, type RouteSchemas } from '../route-schemas.js';
import { bodyArrived } from '../deadline.js';
import { multipartIssues, readMultipartReport, type MultipartLimits } from '../multipart-report.js';
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
  /** What a report may hold, told to the pages before they send (GET /api/v1/reports/limits). */
  narrativeMaxChars: number;
  bodyLimitBytes: number;
  /** A report sent as multipart/form-data: its limits and the JSON parser of its report part. */
  multipart: { limits: MultipartLimits; parseJson: (text: string) => unknown };
  /** Told of each report stored by POST (not of a replayed answer). */
  onAccepted?: () => void;
}

/** Printable ASCII, 1–255 characters (as in the IETF Idempotency-Key draft's examples). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const READERS = ['analyst', 'supervisor', 'office'] as const;

/** Path parameters of one case: any text (an unknown id is a 404, not a 400). */
const caseParams = z.object({ id: z.string() });
const created = z.object({ id: z.string() });
/** The completeness score of normalize/completeness.ts, and what to ask next. */
const completeness = z.object({
  score: z.number(),
  presence: z.number(),
  components: z.record(z.string(), z.number()),
});
const nextQuestions = z.array(z.looseObject({ field: z.string(), gain: z.number() }));

/** Routing a case or an incident to a field office (null: to none): body and answer. */
export const officeAssignment = {
  body: z.strictObject({
    officeId: z.string().min(1).max(100).nullable(),
    reason: z.string().trim().min(1).max(500),
  }),
  answers: {
    200: {
      description: 'the new office',
      schema: z.object({ id: z.string(), officeId: z.string().nullable() }),
    },
  },
};

export function reportRoutes(app: FastifyInstance, deps: ReportRoutesDeps) {
  const { store, intake, cases } = deps;
  /** A multipart body's report part: the Report JSON, its files in `file` parts instead. */
  const reportWithoutFiles = intake.schema.omit({ attachments: true });

  const intakeRoute = {
    summary: 'Send a report',
    description:
      'Intake: the Report JSON, or the same as `multipart/form-data` (a `report` part, then `file` parts, files not in base64). Anyone may send; an intake token may state receivedAt and skips the per-network limit. A token’s or login’s report with an `externalId` it sent before is a new version of that report (`200`, same id, `version`); the same content again changes nothing (`200`, `Idempotent-Replayed`). Without a token an `externalId` is never trusted: each send is a new report.',
    body: intake.schema,
    multipart:
      'The same report as `multipart/form-data`, files not inflated by base64: one part `report` holding the Report JSON without `attachments`, then up to 20 parts `file` (filename and Content-Type from the part’s headers), each at most TIPWIRE_ATTACHMENT_MAX_BYTES and together at most TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES. Each file is sealed and written to the database as it arrives, a segment at a time; the report is stored as the JSON post with the same files as base64 would be.',
    headers: {
      'Idempotency-Key':
        '1–255 printable characters: the same key and body get the first answer again',
    },
    answers: {
      201: {
        description: 'stored (fsync’d); Location names the report',
        schema: z.object({
          id: z.string(),
          receipt: z
            .string()
            .meta({ description: 'the reporter’s way back; shown only this once' }),
          completeness: completeness.optional(),
          nextQuestions: nextQuestions.optional(),
        }),
      },
      200: {
        description:
          'a new version of the report this sender stored under this externalId (or, with Idempotent-Replayed, the same content again: nothing changed)',
        schema: z.object({
          id: z.string(),
          version: z.number().int().min(1),
          completeness: completeness.optional(),
          nextQuestions: nextQuestions.optional(),
        }),
      },
      408: { description: 'the body did not arrive whole within TIPWIRE_CALLER_TTL_SECONDS' },
      409: {
        description:
          'the same Idempotency-Key is still being processed, or another version of the report came first',
      },
      422: { description: 'the same Idempotency-Key with a different body' },
      429: { description: 'too many reports from one caller or network (Retry-After)' },
      503: { description: 'too many long narratives wait for a search worker (Retry-After)' },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports',
    { config: { access: 'public', schemas: intakeRoute } },
    async (request, reply) => {
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
      const multipart = request.isMultipart();
      let body: unknown = request.body;
      let files: StagedFile[] = [];
      if (multipart) {
        ({ report: body, files } = await readMultipartReport(request, {
          ...deps.multipart,
          checkReport: (report) => validate(reportWithoutFiles, report),
          stager: intake.stager,
        }).catch((err: unknown) => {
          // The rest of a refused body is never read: the connection goes with it.
          void reply.header('connection', 'close');
          throw err;
        }));
        bodyArrived(request);
      }
      // intake validates the body with intakeRoute.body (its own schema).
      const result = await intake
        .submit(
          body,
          {
            principal: principal.id,
            idempotencyKey,
            mayStateReceivedAt: principal.roles.length > 0,
          },
          files,
        )
        .catch((err: unknown) => {
          if (multipart && err instanceof AppError && err.issues.length > 0) {
            const issues = multipartIssues(err.issues);
            throw new AppError(
              err.code,
              err.kind,
              issues.map((i) => `${i.path}: ${i.message}`).join('; '),
              issues,
              err.retryAfterSeconds,
            );
          }
          throw err;
        });
      if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
      if (typeof result.body.id === 'string') {
        void reply.header('Location', `/api/v1/reports/${result.body.id}`);
        if (result.status === 201 && !result.replayed) deps.onAccepted?.();
      }
      return reply.code(result.status).send(result.body);
    },
  );

  const limitsRoute = {
    summary: 'What a report may hold',
    description:
      'The limits intake applies, for a form to show before it sends: the longest narrative and follow-up message (UTF-16 code units), the largest request body in bytes (a JSON body’s attachments travel in it as base64, a third larger than the files; of a multipart body, the report part), the most files one report may carry, and the largest file and all files together in bytes as a multipart body sends them.',
    answers: {
      200: {
        description: 'the limits',
        schema: z.object({
          narrativeMaxChars: z.number().int(),
          messageMaxChars: z.number().int(),
          bodyLimitBytes: z.number().int(),
          attachmentsMax: z.number().int(),
          attachmentMaxBytes: z.number().int(),
          attachmentsTotalMaxBytes: z.number().int(),
        }),
      },
    },
  } satisfies RouteSchemas;
  const limits = {
    narrativeMaxChars: deps.narrativeMaxChars,
    messageMaxChars: deps.messageMaxChars,
    bodyLimitBytes: deps.bodyLimitBytes,
    attachmentsMax: ATTACHMENTS_MAX,
    attachmentMaxBytes: deps.multipart.limits.fileMaxBytes,
    attachmentsTotalMaxBytes: deps.multipart.limits.filesTotalMaxBytes,
  };

  app.get(
    '/api/v1/reports/limits',
    { config: { access: 'public', schemas: limitsRoute } },
    async () => limits,
  );

  const previewRoute = {
    summary: 'Score a draft report',
    description:
      'A call-taker’s draft while the call goes on: the Report JSON with every field optional, without `caller`, `attachments`, `externalId` and `receivedAt` (`attachmentCount` says how many files there will be). Answers its completeness, the next questions and its time and place as normalize reads them now. Nothing is stored, sealed, queued or audited, and no id or receipt is made; the caller’s number is refused here (it travels only with the report).',
    body: intake.draftSchema,
    answers: {
      200: {
        description: 'the draft as it would be read if it were sent now',
        schema: z.object({
          completeness,
          nextQuestions,
          time: z.unknown(),
          place: z.unknown(),
          flags: z.array(z.string()),
        }),
      },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports/preview',
    { config: { access: ['intake', 'analyst', 'supervisor'], schemas: previewRoute } },
    async (request) => {
      const read = intake.preview(request.body);
      return {
        completeness: read.completeness,
        nextQuestions: read.nextQuestions,
        time: timeView(read),
        place: read.place,
        flags: read.flags,
      };
    },
  );

  const listQuery = pageQuery(deps.pageSizeMax)
    .extend({
      q: z.string().trim().min(1).max(200).optional(),
      queue: z.enum(QUEUES).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      category: categoryText
        .optional()
        .meta({ description: 'the category exactly as the report has it' }),
      flag: z
        .enum(FLAG_CODES, { message: 'is not a flag code of the catalogue (GET /api/v1/meta)' })
        .optional(),
      office: officeQuery
        .optional()
        .meta({ description: `an office id, or \`${UNROUTED}\` for the cases routed to none` }),
      since: instant
        .optional()
        .meta({ description: 'received at or after (ISO 8601, Z or offset)' }),
      until: instant.optional().meta({ description: 'received before (ISO 8601, Z or offset)' }),
    })
    .strict()
    .refine(sinceBeforeUntil.check, sinceBeforeUntil.params);
  const listRoute = {
    summary: 'List and search cases',
    description: `Newest first (by arrival), paged by \`cursor\`; \`q\` searches narratives and messages; \`queue=abuse\` for supervisors. Filters, all of which must hold: \`status\` and \`flag\` (codes of GET /api/v1/meta), \`category\` (exactly), \`office\` (an office id, or \`${UNROUTED}\` for the cases routed to none), \`since\`/\`until\` (when it was received: since included, until not; ISO 8601 with Z or an offset). Each viewer’s scope applies first: an office sees only its own cases whatever it asks. An unknown code, office or parameter is a 400 naming it.`,
    query: listQuery,
    answers: {
      200: {
        description: 'a page of cases, and the cursor of the next one',
        schema: z.object({ items: z.array(z.looseObject({})), nextCursor: z.string().nullable() }),
      },
    },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/reports',
    { config: { access: [...READERS], schemas: listRoute } },
    async (request) => {
      const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
      const { q, queue, status, category, flag, office, since, until } = validate(
        listQuery,
        request.query,
      );
      requireKnownOffice(office, (id) => store.offices.get(id) !== null);
      const scope = listScope(request.principal, queue);
      if (scope === 'forbidden') {
        throw new AppError('forbidden', 'forbidden', 'your role may not see this queue');
      }
      const filter: ReportFilter = {
        ...scope,
        status,
        category,
        flag,
        routedTo: office,
        receivedSince: since,
        receivedUntil: until,
      };
      const page = q
        ? store.reports.search(deps.vault.queryTokens(q), limit, after, filter)
        : store.reports.listNewest(limit, after, filter);
      const items = await cases.readMany(
        request.principal,
        page.items,
        q ? 'searched the reports' : 'listed the reports',
        deps.pageTextBudget,
      );
      // Cut short by the text budget: the next page starts after the last report shown.
      const last = page.items[items.length - 1];
      const next =
        items.length < page.items.length && last
          ? { at: last.receivedAt, seq: last.seq }
          : page.next;
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },
  );

  const caseRoute = {
    summary: 'Read one case',
    description:
      'One case: narrative, messages, attachments, normalized time and place, flags, its incident (`incidentId`, `incidentReason` when kept apart) and what correlation read in its words (`saysRepeat`: its sender reported this before; `seenFromAfar`: its point is where the witness stood); an attachment’s `filename` shows control and invisible characters as `<U+202E>` (`hiddenCharactersInName: true`).',
    params: caseParams,
    answers: { 200: { description: 'the case', schema: z.looseObject({ id: z.string() }) } },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/reports/:id',
    { config: { access: [...READERS], schemas: caseRoute } },
    async (request) => {
      const { id } = validate(caseRoute.params, request.params);
      return cases.read(request.principal, await cases.visible(request.principal, id));
    },
  );

  const versionsRoute = {
    summary: 'Read the earlier versions of a case',
    description:
      'The versions later resends replaced, oldest first, each with its text, claims and category, who replaced it and when (the current one is the case itself, `version`). Read like the case: the look is on record.',
    params: caseParams,
    answers: {
      200: {
        description: 'the current version number and the earlier versions',
        schema: z.object({
          id: z.string(),
          version: z.number().int(),
          versions: z.array(
            z.looseObject({
              version: z.number().int(),
              replacedAt: z.string(),
              replacedBy: z.string(),
            }),
          ),
        }),
      },
    },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/reports/:id/versions',
    { config: { access: [...READERS], schemas: versionsRoute } },
    async (request) => {
      const { id } = validate(versionsRoute.params, request.params);
      const report = await cases.visible(request.principal, id);
      return {
        id: report.id,
        version: report.version,
        versions: await cases.versions(request.principal, report),
      };
    },
  );

  const attachmentRoute = {
    summary: 'Download an attachment',
    description:
      'The file, always as a download. By default a copy without identifying metadata (EXIF, XMP, IPTC, comments; JPEG, PNG and WebP; for MP4, MOV and M4A the `udta`, `meta` and XMP boxes, GPS included, blanked in place), which the case shows as evidence instead; `?copy=original` gives the file as received (audited as such); the original is sent a segment at a time as it is opened. Headers: `X-Tipwire-Copy` (`stripped` or `original`: other types, refused files and files larger than TIPWIRE_MEDIA_MAX_BYTES have no stripped copy), `Digest: sha-256=…` of the bytes sent and `X-Tipwire-Original-Digest` of the file as received (chain of custody).',
    params: z.object({ id: z.string(), attachmentId: z.string() }),
    query: z.strictObject({ copy: z.enum(['stripped', 'original']).optional() }),
    answers: { 200: { description: 'the file', contentType: 'application/octet-stream' } },
  } satisfies RouteSchemas;

  app.get(
    '/api/v1/reports/:id/attachments/:attachmentId',
    { config: { access: [...READERS], schemas: attachmentRoute } },
    async (request, reply) => {
      const params = validate(attachmentRoute.params, request.params);
      const { copy } = validate(attachmentRoute.query, request.query);
      const report = await cases.visible(request.principal, params.id);
      const file = await cases.attachment(
        request.principal,
        report,
        params.attachmentId,
        copy ?? 'stripped',
      );
      const name = file.filename.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'attachment';
      const original = Buffer.from(file.sha256, 'hex').toString('base64');
      const whole = Buffer.isBuffer(file.data) ? file.data : null;
      const sent =
        file.copy === 'original' || !whole
          ? original
          : createHash('sha256').update(whole).digest('base64');
      // The original goes out a segment at a time, as it is opened.
      if (!whole) void reply.header('content-length', file.sizeBytes);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-original-content-type', file.contentType)
        .header('x-tipwire-copy', file.copy)
        .header('digest', `sha-256=${sent}`)
        .header('x-tipwire-original-digest', `sha-256=${original}`)
        .send(whole ?? Readable.from(file.data));
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
  const answerRoute = {
    summary: 'Answer the next questions',
    description:
      'Answers to the next questions (`observedAt`, `timezone`, `precisionSeconds`, `location`, `howKnown`, `subjects`, `category`): the report is normalized again at once. A call-taker (`intake`) may answer only reports it sent itself (another is `404`), while their status is `new` and no office has them (else `409`), and sees only the `time.*` and `place.*` flags.',
    params: caseParams,
    body: answers,
    answers: {
      200: {
        description: 'the report as read again',
        schema: z.object({
          id: z.string(),
          completeness: completeness.nullable(),
          nextQuestions,
          time: z.unknown(),
          place: z.unknown(),
          flags: z.array(z.string()),
        }),
      },
      409: { description: 'a call-taker’s report that is already being worked' },
    },
  } satisfies RouteSchemas;

  app.patch(
    '/api/v1/reports/:id',
    { config: { access: ['intake', 'analyst', 'supervisor'], schemas: answerRoute } },
    async (request) => {
      const { id } = validate(answerRoute.params, request.params);
      const body = validate(answerRoute.body, request.body);
      const principal = request.principal;
      const caseWorker = hasRole(principal, 'analyst', 'supervisor');
      const report = caseWorker ? await cases.visible(principal, id) : ownNewReport(principal, id);
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

  const statusRoute = {
    summary: 'Change a case’s status',
    description: '`{"status":"in_review"|"closed"|"unfounded"|"new","reason":"…"}`.',
    params: caseParams,
    body: z.strictObject({
      status: z.enum(CASE_STATUSES),
      reason: z.string().trim().min(1).max(500),
    }),
    answers: {
      200: {
        description: 'the new status',
        schema: z.object({ id: z.string(), status: z.enum(CASE_STATUSES) }),
      },
    },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports/:id/status',
    { config: { access: [...READERS], schemas: statusRoute } },
    async (request) => {
      const { id } = validate(statusRoute.params, request.params);
      const body = validate(statusRoute.body, request.body);
      const report = await cases.visible(request.principal, id);
      await cases.setStatus(request.principal, report, body.status, body.reason);
      return { id: report.id, status: body.status };
    },
  );

  const assignmentRoute = {
    summary: 'Route a case to a field office',
    description: '`{"officeId":"o_…"|null,"reason":"…"}`.',
    params: caseParams,
    ...officeAssignment,
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports/:id/assignment',
    { config: { access: ['supervisor'], schemas: assignmentRoute } },
    async (request) => {
      const { id } = validate(assignmentRoute.params, request.params);
      const body = validate(assignmentRoute.body, request.body);
      const report = await cases.visible(request.principal, id);
      if (body.officeId !== null && !store.offices.get(body.officeId)) {
        throw validationError([{ path: 'officeId', message: 'no office with this id' }]);
      }
      await cases.assign(request.principal, report, body.officeId, body.reason);
      return { id: report.id, officeId: body.officeId };
    },
  );

  const messageRoute = {
    summary: 'Ask the reporter a question',
    description: '`{"text":"…"}`: a question the reporter sees with the receipt.',
    params: caseParams,
    body: z.strictObject({ text: boundedText(deps.messageMaxChars) }),
    answers: { 201: { description: 'the message is stored', schema: created } },
  } satisfies RouteSchemas;

  app.post(
    '/api/v1/reports/:id/messages',
    { config: { access: [...READERS], schemas: messageRoute } },
    async (request, reply) => {
      const { id: reportId } = validate(messageRoute.params, request.params);
      const { text } = validate(messageRoute.body, request.body);
      const report = await cases.visible(request.principal, reportId);
      const id = await cases.addMessage(
        report,
        { author: 'operator', actor: request.principal.id },
        text,
      );
      return reply.code(201).send({ id });
    },
  );
}
