/**
 * Accepting a report: idempotency, validation, protection of the caller's number,
 * and a durable write shared with concurrent requests (group commit). The answer
 * is given only once the report and its first pipeline job are on disk.
 */
import { createHash } from 'node:crypto';
import { AppError, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { NewReport } from '../domain/report.js';
import { createGroupCommitter } from '../store/group-commit.js';
import type { Store } from '../store/store.js';
import { toNewReport } from './new-report.js';
import { createReportSchema, fieldIssues } from './report-schema.js';

export interface IntakeDeps {
  store: Store;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  pseudonymKey: Buffer;
  enqueue: (reportId: string, now: number) => void;
  /** Called after reports were committed (wakes the pipeline). */
  onStored: () => void;
  settings: {
    narrativeMaxChars: number;
    defaultPhoneRegion?: string;
    groupCommit: boolean;
    groupCommitMaxBatch: number;
    idempotencyTtlHours: number;
  };
}

export interface SubmitOptions {
  /** Who is submitting: `anonymous` or a token id. Idempotency keys are per principal. */
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

interface PendingWrite {
  report: NewReport;
  now: number;
  idempotency: { principal: string; key: string; requestHash: string; response: string } | null;
}

/** JSON with object keys sorted, so that equal bodies hash equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createIntakeService(deps: IntakeDeps) {
  const { store, settings } = deps;
  const schema = createReportSchema(settings);
  const inFlight = new Set<string>();
  const ttlMs = settings.idempotencyTtlHours * 3_600_000;

  const write = (w: PendingWrite) => {
    store.reports.insert(w.report);
    deps.enqueue(w.report.id, w.now);
    if (w.idempotency) {
      const { principal, key, requestHash, response } = w.idempotency;
      store.idempotency.put(principal, key, {
        requestHash,
        status: 201,
        response,
        createdAt: w.now,
      });
    }
  };
  const committer = createGroupCommitter<PendingWrite, void>({
    commitBatch: (items) => store.transaction(() => items.map(write)),
    commitOne: (item) => store.transaction(() => write(item)),
    maxBatch: settings.groupCommitMaxBatch,
    enabled: settings.groupCommit,
    onCommitted: deps.onStored,
  });

  async function submit(body: unknown, options: SubmitOptions): Promise<IntakeResult> {
    const now = deps.clock();
    const { idempotencyKey: key, principal } = options;
    const flightKey = key === undefined ? null : `${principal}\u0000${key}`;
    let requestHash = '';
    if (flightKey !== null && key !== undefined) {
      if (inFlight.has(flightKey)) {
        throw new AppError(
          'idempotency_in_progress',
          'conflict',
          'a request with this Idempotency-Key is still being processed; retry shortly',
        );
      }
      requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
      const earlier = store.idempotency.get(principal, key);
      if (earlier && earlier.createdAt > now - ttlMs) {
        if (earlier.requestHash !== requestHash) {
          throw new AppError(
            'idempotency_key_reused',
            'input',
            'this Idempotency-Key was already used with a different body',
          );
        }
        return {
          status: earlier.status,
          body: JSON.parse(earlier.response) as Record<string, unknown>,
          replayed: true,
        };
      }
    }

    const parsed = schema.safeParse(body);
    if (!parsed.success) throw validationError(fieldIssues(parsed.error, body));
    const report = toNewReport(parsed.data, {
      now,
      newId: deps.newId,
      pseudonymKey: deps.pseudonymKey,
      defaultPhoneRegion: settings.defaultPhoneRegion,
      mayStateReceivedAt: options.mayStateReceivedAt,
    });
    const responseBody = { id: report.id };
    const response = JSON.stringify(responseBody);

    if (flightKey !== null) inFlight.add(flightKey);
    try {
      await committer.submit({
        report,
        now,
        idempotency: key !== undefined ? { principal, key, requestHash, response } : null,
      });
    } finally {
      if (flightKey !== null) inFlight.delete(flightKey);
    }
    return { status: 201, body: responseBody, replayed: false };
  }

  return { submit, schema };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
