/**
 * Accepting a report: idempotency, validation, protection of the caller's number,
 * and a durable write shared with concurrent requests (group commit). The answer
 * is given only once the report and its first pipeline job are on disk.
 *
 * A sender who is not the public (a token, a login) names its reports by externalId:
 * sending one again is a new version of that report (200, same id, `version`), an
 * identical resend changes nothing, and the public's externalIds are never trusted
 * (anyone could claim another's: their resend is a new report).
 */
import { createHash, createHmac } from 'node:crypto';
import { AppError, rateLimited, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { MediaFacts } from '../domain/media.js';
import type { NewReport, Normalization, Report } from '../domain/report.js';
import type { AuditAppend } from '../audit/audit-log.js';
import { createGroupCommitter } from '../store/group-commit.js';
import type { AsyncStore, StoreTx } from '../store/port.js';
import type { RateLimiter } from '../protect/rate-limit.js';
import { issueReceipt, type IssuedReceipt } from '../protect/receipt.js';
import { canonicalJson } from './canonical-json.js';
import type { FileStager, StagedFile } from './file-stager.js';
import {
  checkReportInput,
  claimsOf,
  contentHashOf,
  textFactsOf,
  type FileDigest,
  toNewReport,
  versionTargetOf,
  type Protection,
  type VersionTarget,
} from './new-report.js';
import {
  createDraftSchema,
  createReportSchema,
  fieldIssues,
  type ReportInput,
} from './report-schema.js';

/** The slice of the store intake works on. */
export type IntakeStore = Pick<AsyncStore, 'reports' | 'receipts' | 'idempotency' | 'transaction'>;

export interface IntakeDeps {
  store: IntakeStore;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  protection: Protection;
  /** Keys the request hashes of idempotency records and the receipts of replays. */
  idempotencyKey: Buffer;
  /** Queues the report's first pipeline job, in the transaction that stores it. */
  enqueue: (tx: StoreTx, reportId: string, now: number) => Promise<void>;
  /** Sends a report with a new version through the pipeline again, in the same transaction. */
  requeue: (tx: StoreTx, reportId: string, now: number) => Promise<void>;
  /** Appends to the audit trail inside the open transaction (each new version is recorded). */
  audit: AuditAppend;
  /** Called after reports were committed (wakes the pipeline). */
  onStored: () => void;
  /**
   * How normalize reads a report, stored or a draft: completeness and the next
   * questions to ask go into the answer (the pipeline stores its own); a preview
   * shows the time and place as read too.
   */
  assess: (report: Assessable) => Assessment;
  /** Seals and stores a multipart upload's files as they arrive (file-stager.ts). */
  stager: FileStager;
  /** Flood control per caller pseudonym; refuses with 429 when the caller's bucket is empty. */
  callerLimiter?: RateLimiter;
  settings: {
    narrativeMaxChars: number;
    attachmentMaxBytes?: number;
    attachmentsTotalMaxBytes?: number;
    defaultPhoneRegion?: string;
    groupCommit: boolean;
    groupCommitMaxBatch: number;
    idempotencyTtlHours: number;
  };
}

/** What normalizing reads of a report: its claims and counts, never its text. */
export type Assessable = Pick<NewReport, 'claims' | 'receivedAt' | 'textFacts' | 'category'> & {
  /** Its files (a draft's are not sent yet: only how many, with nothing read from them). */
  attachments: readonly { media?: MediaFacts | null }[];
};

export interface Assessment {
  completeness: NonNullable<Normalization['completeness']>;
  nextQuestions: NonNullable<Normalization['nextQuestions']>;
  time: Normalization['time'];
  place: Normalization['place'];
  flags: Normalization['flags'];
}

/** The `principal` of a submission without a token. */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

export interface SubmitOptions {
  /** Who is submitting: `anonymous`, `token:<id>` or `user:<name>`. Idempotency keys are per principal. */
  principal: string;
  idempotencyKey?: string;
  mayStateReceivedAt: boolean;
}

export interface IntakeResult {
  status: number;
  body: Record<string, unknown>;
  /** True when this answer was replayed from an earlier request with the same key. */
  replayed: boolean;
}

/** Who sent a request with which Idempotency-Key, and the keyed hash of its body. */
interface Idempotency {
  principal: string;
  key: string;
  requestHash: string;
}

interface PendingWrite {
  report: NewReport;
  receipt: IssuedReceipt;
  now: number;
  idempotency: (Idempotency & { response: string }) | null;
}

/** Tries of a receipt whose lookup id is already taken (40 random bits: rare). */
const RECEIPT_TRIES = 8;

export function createIntakeService(deps: IntakeDeps) {
  const { store, settings } = deps;
  const schema = createReportSchema(settings);
  const draftSchema = createDraftSchema(settings);
  const inFlight = new Set<string>();
  /** Per sender and externalId, the last accept in progress: a resend waits for the one before. */
  const senderTails = new Map<string, Promise<unknown>>();
  const ttlMs = settings.idempotencyTtlHours * 3_600_000;
  const keyed = (...parts: string[]) =>
    createHmac('sha256', deps.idempotencyKey).update(parts.join('\u0000')).digest();

  /**
   * The receipt of a request with an Idempotency-Key, derived (HMAC) from the key
   * and the body, so a replay can give the same receipt again without storing it.
   * `attempt` steps past a lookup id another report already holds.
   */
  function derivedReceipt(idempotency: Idempotency, attempt: number) {
    const { principal, key, requestHash } = idempotency;
    const seed = keyed('receipt', principal, key, requestHash, String(attempt));
    return issueReceipt((size) => seed.subarray(0, size));
  }

  async function freshReceipt(idempotency: Idempotency | null) {
    // A random lookup id (40 bits) is as good as unique; the table's key catches the rest.
    if (!idempotency) return issueReceipt();
    for (let attempt = 0; attempt < RECEIPT_TRIES; attempt++) {
      const receipt = derivedReceipt(idempotency, attempt);
      if (!(await store.receipts.get(receipt.lookup))) return receipt;
    }
    throw new AppError('receipt_exhausted', 'technical', 'could not find a free receipt code');
  }

  /** The receipt an earlier request with this key was given, found again. */
  async function replayedReceipt(idempotency: Idempotency, reportId: string) {
    for (let attempt = 0; attempt < RECEIPT_TRIES; attempt++) {
      const receipt = derivedReceipt(idempotency, attempt);
      if ((await store.receipts.get(receipt.lookup))?.reportId === reportId) {
        return receipt.receipt;
      }
    }
    return null;
  }

  const write = async (tx: StoreTx, w: PendingWrite) => {
    await tx.reports.insert(w.report);
    await tx.receipts.insert(w.receipt.lookup, w.receipt.secretHash, w.report.id, w.now);
    await deps.enqueue(tx, w.report.id, w.now);
    if (w.idempotency) {
      const { principal, key, requestHash, response } = w.idempotency;
      await tx.idempotency.put(principal, key, {
        requestHash,
        status: 201,
        response,
        createdAt: w.now,
      });
    }
  };
  const committer = createGroupCommitter<PendingWrite, void>({
    commitBatch: (items) =>
      store.transaction(async (tx) => {
        for (const item of items) await write(tx, item);
        return items.map(() => undefined);
      }),
    commitOne: (item) => store.transaction((tx) => write(tx, item)),
    maxBatch: settings.groupCommitMaxBatch,
    enabled: settings.groupCommit,
    onCommitted: deps.onStored,
  });

  /**
   * Accepts a report: `body` is the Report JSON; `uploaded`, the files a multipart
   * upload staged while it arrived (file-stager.ts). Whatever the answer, a staged file
   * the stored report did not take (refused, replayed, a copy it holds) is discarded.
   */
  async function submit(
    body: unknown,
    options: SubmitOptions,
    uploaded: readonly StagedFile[] = [],
  ): Promise<IntakeResult> {
    const claimed = new Set<string>();
    try {
      return await submitOnce(body, options, { uploaded, claimed });
    } finally {
      await deps.stager.discard(uploaded.filter((f) => !claimed.has(f.id)));
    }
  }

  async function submitOnce(
    body: unknown,
    options: SubmitOptions,
    files: UploadedFiles,
  ): Promise<IntakeResult> {
    const { idempotencyKey: key, principal } = options;
    if (key === undefined) return accept(body, options, null, files);
    const flightKey = `${principal}\u0000${key}`;
    if (inFlight.has(flightKey)) {
      throw new AppError(
        'idempotency_in_progress',
        'conflict',
        'a request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    // Held from the first look at the key to the commit: accepting may wait (a worker).
    inFlight.add(flightKey);
    try {
      return await accept(body, options, key, files);
    } finally {
      inFlight.delete(flightKey);
    }
  }

  async function accept(
    body: unknown,
    options: SubmitOptions,
    key: string | null,
    files: UploadedFiles,
  ): Promise<IntakeResult> {
    const now = deps.clock();
    const { principal } = options;
    let idempotency: Idempotency | null = null;
    if (key !== null) {
      // Keyed: the body may hold a caller's number, and a plain hash could be tested against guesses.
      const requestHash = keyed('request', requestText(body, files.uploaded)).toString('hex');
      idempotency = { principal, key, requestHash };
      const earlier = await store.idempotency.get(principal, key);
      if (earlier && earlier.createdAt > now - ttlMs) {
        if (earlier.requestHash !== requestHash) {
          throw new AppError(
            'idempotency_key_reused',
            'input',
            'this Idempotency-Key was already used with a different body',
          );
        }
        const { id, ...rest } = JSON.parse(earlier.response) as { id: string };
        return {
          status: earlier.status,
          // The first answer's fields, in its order: id, receipt (of a new report), the rest.
          body:
            earlier.status === 201
              ? { id, receipt: await replayedReceipt(idempotency, id), ...rest }
              : { id, ...rest },
          replayed: true,
        };
      }
    }

    const parsed = schema.safeParse(body);
    if (!parsed.success) throw validationError(fieldIssues(parsed.error, body));
    // From here on the raw number is only in parsed.data, which toNewReport clears at once.
    if (body && typeof body === 'object') delete (body as { caller?: unknown }).caller;
    const sender = principal === ANONYMOUS_PRINCIPAL ? null : principal;
    const externalId = parsed.data.externalId;
    const request: Accepting = { input: parsed.data, options, idempotency, now, sender, files };
    if (sender === null || externalId === undefined) return acceptNew(request);
    // One at a time per sender and externalId: a resend must find the report the one
    // before it stores (and two first sends must not both store one).
    return oneAfterAnother(`${sender}\u0000${externalId}`, async () => {
      const current = await store.reports.findBySender(sender, externalId);
      return current ? acceptVersion(request, current, sender) : acceptNew(request);
    });
  }

  function oneAfterAnother<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (senderTails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    senderTails.set(key, tail);
    void tail.then(() => {
      if (senderTails.get(key) === tail) senderTails.delete(key);
    });
    return run;
  }

  function toReport(request: Accepting, versionOf?: VersionTarget) {
    return toNewReport(
      request.input,
      {
        now: request.now,
        newId: deps.newId,
        protection: deps.protection,
        defaultPhoneRegion: settings.defaultPhoneRegion,
        mayStateReceivedAt: request.options.mayStateReceivedAt,
        submittedBy: request.sender,
        sender: request.sender,
        versionOf,
      },
      request.files.uploaded,
    );
  }

  /** The staged files a committed report took: not to be discarded. */
  function claim(request: Accepting, report: NewReport) {
    for (const a of report.attachments) if (a.sealed === 'staged') request.files.claimed.add(a.id);
  }

  function limitCaller(report: NewReport) {
    if (report.callerPseudonym && deps.callerLimiter) {
      const take = deps.callerLimiter.take(report.callerPseudonym);
      if (!take.ok) throw rateLimited('reports from this caller', take.retryAfterSeconds);
    }
  }

  /**
   * A sender's resend of a stored report: nothing when its content is the same (a
   * replay), else its next version, committed with the pipeline's new pass and an
   * audit record (ids and the version, never the text).
   */
  async function acceptVersion(
    request: Accepting,
    current: Report,
    sender: string,
  ): Promise<IntakeResult> {
    const { input, idempotency, now } = request;
    if (contentHashOf(input, deps.protection, request.files.uploaded) === current.contentHash) {
      // Refused like any other send (a caller's number that is not one, receivedAt).
      checkReportInput(input, {
        mayStateReceivedAt: request.options.mayStateReceivedAt,
        defaultPhoneRegion: settings.defaultPhoneRegion,
      });
      delete (input as { caller?: unknown }).caller;
      return { status: 200, body: { id: current.id, version: current.version }, replayed: true };
    }
    const next = await toReport(request, versionTargetOf(current, deps.protection.vault));
    limitCaller(next);
    const assessment = scoreOf(next);
    const version = await store.transaction(async (tx) => {
      const stored = await tx.reports.replaceContent(next, {
        from: current.version,
        at: now,
        by: sender,
      });
      await deps.requeue(tx, current.id, now);
      if (idempotency) {
        const { principal, key, requestHash } = idempotency;
        await tx.idempotency.put(principal, key, {
          requestHash,
          status: 200,
          response: JSON.stringify({ id: current.id, version: stored, ...assessment }),
          createdAt: now,
        });
      }
      deps.audit({
        actor: sender,
        action: 'report.updated',
        target: `report:${current.id}`,
        reason: 'the sender sent a new version of the report',
        details: { version: stored, sender },
      });
      return stored;
    });
    claim(request, next);
    deps.onStored();
    return { status: 200, body: { id: current.id, version, ...assessment }, replayed: false };
  }

  async function acceptNew(request: Accepting): Promise<IntakeResult> {
    const { idempotency, now } = request;
    const report = await toReport(request);
    limitCaller(report);
    const receipt = await freshReceipt(idempotency);
    const assessment = scoreOf(report);
    // The stored answer leaves the receipt out: only its hash may be stored.
    const response = JSON.stringify({ id: report.id, ...assessment });

    await committer.submit({
      report,
      receipt,
      now,
      idempotency: idempotency && { ...idempotency, response },
    });
    claim(request, report);
    return {
      status: 201,
      body: { id: report.id, receipt: receipt.receipt, ...assessment },
      replayed: false,
    };
  }

  /** Completeness and the next questions, for an answer. */
  function scoreOf(report: Assessable) {
    const { completeness, nextQuestions } = deps.assess(report);
    return { completeness, nextQuestions };
  }

  /**
   * How a draft would be read if it were sent now: its completeness, the next
   * questions, and its time and place as normalize reads them. Validated like a
   * report (a bad field is a 400 naming it); nothing is stored, sealed or counted,
   * and no id or receipt is made.
   */
  function preview(body: unknown): Assessment {
    const parsed = draftSchema.safeParse(body);
    if (!parsed.success) throw validationError(fieldIssues(parsed.error, body));
    const draft = parsed.data;
    return deps.assess({
      claims: claimsOf(draft),
      receivedAt: deps.clock(),
      textFacts: textFactsOf(draft.narrative ?? '', draft.subjects ?? null),
      category: draft.category ?? null,
      attachments: Array.from({ length: draft.attachmentCount ?? 0 }, () => ({})),
    });
  }

  return { submit, preview, schema, draftSchema, stager: deps.stager };
}

/**
 * What an Idempotency-Key's request hash covers: the body, its files by their digests
 * (a JSON body's base64 files, or a multipart upload's staged ones), so the same report
 * with the same files is the same request however it was sent. A body whose attachments
 * are not well formed is hashed as it is (it will be refused anyway).
 */
function requestText(body: unknown, uploaded: readonly FileDigest[]): string {
  const sent = (body as { attachments?: unknown } | null)?.attachments;
  const inBody = Array.isArray(sent) && sent.every(isBase64File) ? sent : null;
  if (uploaded.length === 0 && !inBody?.length) return canonicalJson(body);
  const { attachments: _files, ...report } = body as Record<string, unknown>;
  const digest = (f: FileDigest) => ({
    filename: f.filename,
    contentType: f.contentType.toLowerCase(),
    sha256: f.sha256,
  });
  const files = [
    ...(inBody ?? []).map((f) =>
      digest({
        ...f,
        sha256: createHash('sha256').update(Buffer.from(f.dataBase64, 'base64')).digest('hex'),
      }),
    ),
    ...uploaded.map(digest),
  ];
  return canonicalJson({ report, files });
}

const isBase64File = (
  f: unknown,
): f is { filename: string; contentType: string; dataBase64: string } =>
  typeof f === 'object' &&
  f !== null &&
  typeof (f as Record<string, unknown>).filename === 'string' &&
  typeof (f as Record<string, unknown>).contentType === 'string' &&
  typeof (f as Record<string, unknown>).dataBase64 === 'string';

/** A valid request on its way to the store. */
interface Accepting {
  input: ReportInput;
  options: SubmitOptions;
  idempotency: Idempotency | null;
  now: number;
  /** The principal, unless it is the public. */
  sender: string | null;
  files: UploadedFiles;
}

/** A multipart upload's staged files, and those a stored report took. */
interface UploadedFiles {
  uploaded: readonly StagedFile[];
  claimed: Set<string>;
}

export type IntakeService = ReturnType<typeof createIntakeService>;
