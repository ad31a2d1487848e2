/**
 * A JSONL import: one Report JSON per line → validated, protected reports stored in
 * batches, one transaction each (a SIGKILL leaves whole batches only). Lines are read
 * as a stream, so memory follows the batch, not the file. The store, the keys and the
 * protection are passed in (`lookup`, `sink`, `prepare`); `parseImportLine` is pure.
 *
 * An import is a sender (`import`) that names its reports by externalId. A line whose
 * externalId the import stored before is a new version of that report when its content
 * differs (counted as updated; a later line of the same file updates an earlier one),
 * and a duplicate when it is the same. Re-running an import is safe: a line is also
 * remembered by a keyed hash of its canonical JSON, and a line equal to one imported
 * before is a duplicate, even if a later version replaced it since (an old file read
 * again does not undo a correction). Lines without an externalId cannot be recognised
 * and are imported again.
 */
import { createHmac } from 'node:crypto';
import { AppError, type FieldIssue } from '../domain/errors.js';
import type { NewReport, Report } from '../domain/report.js';
import type { Store } from '../store/store.js';
import type { AuditAppend } from '../audit/audit-log.js';
import { canonicalJson } from './canonical-json.js';
import { contentHashOf, type Protection } from './new-report.js';
import { fieldIssues, type createReportSchema, type ReportInput } from './report-schema.js';

export type ImportLine =
  { kind: 'blank' } | { kind: 'ok'; input: ReportInput } | { kind: 'error'; issues: FieldIssue[] };

export function parseImportLine(
  text: string,
  schema: ReturnType<typeof createReportSchema>,
): ImportLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the line; the line may be a narrative.
    return { kind: 'error', issues: [{ path: '', message: 'not valid JSON' }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      kind: 'error',
      issues: [{ path: '', message: 'must be a JSON object (one report per line)' }],
    };
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { kind: 'ok', input: parsed.data }
    : { kind: 'error', issues: fieldIssues(parsed.error, value) };
}

/** A report ready to store, with the key that recognises its line on a re-run. */
export interface ImportedReport {
  report: NewReport;
  lineKey: string | null;
  /** For a new version of a stored report, the version it replaces; null for a new report. */
  replaces: number | null;
}

/** What an import reads: its line keys, and the reports it stored under an externalId. */
export interface ImportLookup {
  /** The keyed hash that recognises a line with an externalId again; null without one. */
  lineKey(input: ReportInput): string | null;
  /** Whether a line with this key was imported before (committed). */
  imported(lineKey: string): boolean;
  /** The report the import stored under this externalId (committed), if any. */
  stored(externalId: string): Report | null;
  /** The keyed hash of a line's content, compared with a stored report's (contentHashOf). */
  contentHash(input: ReportInput): string;
}

/** Where an import stores its reports; absent in a dry run. */
export interface ImportSink {
  /** Stores the batch (new reports and new versions), its pipeline jobs and line keys in one transaction. */
  commit(batch: ImportedReport[]): void;
}

export interface ImportTotals {
  /** Lines read, blank ones included. */
  lines: number;
  /** New reports stored (in a dry run: lines that would be). */
  imported: number;
  /** New versions of reports stored before (in a dry run: lines that would be). */
  updated: number;
  failed: number;
  /** Lines equal to one imported before, or to the stored version of their report. */
  duplicates: number;
}

export interface ImportDeps {
  schema: ReturnType<typeof createReportSchema>;
  /**
   * Protects a valid line into the report to store (toNewReport): a new report, or the
   * next version of `stored`. Throws validation_failed.
   */
  prepare(input: ReportInput, stored: Report | null): Promise<NewReport>;
  /** Only checks what `prepare` would refuse, for a dry run (checkReportInput). */
  check(input: ReportInput): void;
  lookup: ImportLookup;
  /** null: a dry run, which validates every line and stores nothing. */
  sink: ImportSink | null;
  batchSize: number;
  /** A bad line, with its number (from 1) and what is wrong, field by field. */
  onLineFailed(lineNo: number, issues: FieldIssue[]): void;
  /** After each batch is committed (in a dry run: after each batchSize lines). */
  onBatch?(totals: Readonly<ImportTotals>): void;
}

const issuesOf = (err: unknown): FieldIssue[] => {
  if (err instanceof AppError && err.kind === 'input') return err.issues;
  throw err;
};

/** What becomes of a valid line. */
type Verdict = { kind: 'duplicate' } | { kind: 'new' } | { kind: 'update'; stored: Report | null };

export async function importLines(
  lines: AsyncIterable<string>,
  deps: ImportDeps,
): Promise<ImportTotals> {
  const { sink, lookup } = deps;
  const totals: ImportTotals = { lines: 0, imported: 0, updated: 0, failed: 0, duplicates: 0 };
  let batch: ImportedReport[] = [];
  // Lines not yet committed (a dry run commits none): their line keys, and the content
  // hash of each externalId's latest line. Committed ones are found through `lookup`.
  const pendingKeys = new Set<string>();
  const pendingContent = new Map<string, string>();
  let sinceReport = 0;

  const flush = () => {
    if (sink) {
      if (batch.length > 0) sink.commit(batch);
      for (const item of batch) {
        if (item.replaces === null) totals.imported += 1;
        else totals.updated += 1;
      }
      pendingKeys.clear();
      pendingContent.clear();
    }
    batch = [];
    sinceReport = 0;
    deps.onBatch?.(totals);
  };

  function verdict(input: ReportInput, lineKey: string | null, hash: string | null): Verdict {
    if (lineKey !== null && (pendingKeys.has(lineKey) || lookup.imported(lineKey))) {
      return { kind: 'duplicate' };
    }
    const { externalId } = input;
    if (externalId === undefined || hash === null) return { kind: 'new' };
    // A line updating one of the batch: that one is committed first, and found stored.
    if (sink && pendingContent.has(externalId)) flush();
    const stored = lookup.stored(externalId);
    const current = pendingContent.get(externalId) ?? stored?.contentHash;
    if (current === hash) return { kind: 'duplicate' };
    return pendingContent.has(externalId) || stored ? { kind: 'update', stored } : { kind: 'new' };
  }

  for await (const text of lines) {
    const lineNo = (totals.lines += 1);
    const line = parseImportLine(text, deps.schema);
    if (line.kind === 'blank') continue;
    if (line.kind === 'error') {
      totals.failed += 1;
      deps.onLineFailed(lineNo, line.issues);
      continue;
    }
    const { input } = line;
    const lineKey = lookup.lineKey(input);
    const hash = input.externalId === undefined ? null : lookup.contentHash(input);
    const decided = verdict(input, lineKey, hash);
    if (decided.kind === 'duplicate') {
      totals.duplicates += 1;
      continue;
    }
    try {
      if (sink) {
        const stored = decided.kind === 'update' ? decided.stored : null;
        const report = await deps.prepare(input, stored);
        batch.push({ report, lineKey, replaces: stored?.version ?? null });
      } else {
        deps.check(input);
        if (decided.kind === 'new') totals.imported += 1;
        else totals.updated += 1;
      }
    } catch (err) {
      totals.failed += 1;
      deps.onLineFailed(lineNo, issuesOf(err));
      continue;
    }
    if (lineKey !== null) pendingKeys.add(lineKey);
    if (hash !== null) pendingContent.set(input.externalId!, hash);
    if (sink ? batch.length >= deps.batchSize : (sinceReport += 1) >= deps.batchSize) flush();
  }
  if (batch.length > 0 || sinceReport > 0) flush();
  return totals;
}

/** The principal of import lines in the idempotency table, and the sender of imported reports. */
export const IMPORT_PRINCIPAL = 'import';

/**
 * What an import reads of a store: line keys and the reports it stored. `lineKeyKey`
 * keys the line hashes (a line may hold a caller's number, and a plain hash could be
 * tested against guesses); `protection` hashes content the way intake does.
 */
export function createImportLookup(deps: {
  store: Pick<Store, 'reports' | 'idempotency'>;
  lineKeyKey: Buffer;
  protection: Pick<Protection, 'contentHash'>;
}): ImportLookup {
  const { store } = deps;
  return {
    lineKey: (input) =>
      input.externalId === undefined
        ? null
        : 'line:' +
          createHmac('sha256', deps.lineKeyKey).update(canonicalJson(input)).digest('hex'),
    imported: (lineKey) => store.idempotency.get(IMPORT_PRINCIPAL, lineKey) !== null,
    stored: (externalId) => store.reports.findBySender(IMPORT_PRINCIPAL, externalId),
    contentHash: (input) => contentHashOf(input, deps.protection),
  };
}

/**
 * The sink of a real import: new reports with their first pipeline job, new versions
 * with their pipeline pass again and an audit record (ids and the version, never the
 * text), and the line keys, in one transaction per batch.
 */
export function createImportSink(deps: {
  store: Pick<Store, 'transaction' | 'reports' | 'idempotency'>;
  enqueue: (reportId: string, now: number) => void;
  /** Sends a report with a new version through the pipeline again, as a new pass. */
  requeue: (reportId: string, now: number) => void;
  audit: AuditAppend;
  clock: () => number;
}): ImportSink {
  const { store } = deps;
  return {
    commit(batch) {
      const now = deps.clock();
      store.transaction(() => {
        for (const { report, lineKey, replaces } of batch) {
          if (replaces === null) {
            store.reports.insert(report);
            deps.enqueue(report.id, now);
          } else {
            const version = store.reports.replaceContent(report, {
              from: replaces,
              at: now,
              by: IMPORT_PRINCIPAL,
            });
            deps.requeue(report.id, now);
            deps.audit({
              actor: 'cli',
              action: 'report.updated',
              target: `report:${report.id}`,
              reason: 'an import sent a new version of the report',
              details: { version, sender: IMPORT_PRINCIPAL },
            });
          }
          if (lineKey === null) continue;
          store.idempotency.put(IMPORT_PRINCIPAL, lineKey, {
            requestHash: lineKey,
            status: replaces === null ? 201 : 200,
            response: JSON.stringify({ id: report.id }),
            createdAt: now,
          });
        }
      });
    },
  };
}
