/**
 * A JSONL import: one Report JSON per line → validated, protected reports stored in
 * batches, one transaction each (a SIGKILL leaves whole batches only). Lines are read
 * as a stream, so memory follows the batch, not the file. The store, the keys and the
 * protection are passed in (`sink`, `prepare`); `parseImportLine` is pure.
 *
 * Re-running an import is safe: a line with an externalId is remembered by a keyed
 * hash of its canonical JSON, and a line equal to one imported before (or earlier in
 * the same batch) is counted as a duplicate and skipped. Lines without an externalId
 * cannot be recognised and are imported again.
 */
import { createHmac } from 'node:crypto';
import { AppError, type FieldIssue } from '../domain/errors.js';
import type { NewReport } from '../domain/report.js';
import type { Store } from '../store/store.js';
import { canonicalJson } from './intake.service.js';
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
}

/** Where an import stores its reports; absent in a dry run. */
export interface ImportSink {
  /** The keyed hash that recognises a line with an externalId again; null without one. */
  lineKey(input: ReportInput): string | null;
  /** Whether a line with this key was imported before (committed). */
  imported(lineKey: string): boolean;
  /** Stores the batch, its pipeline jobs and its line keys in one transaction. */
  commit(batch: ImportedReport[]): void;
}

export interface ImportTotals {
  /** Lines read, blank ones included. */
  lines: number;
  /** Reports stored (in a dry run: lines that would be). */
  imported: number;
  failed: number;
  duplicates: number;
}

export interface ImportDeps {
  schema: ReturnType<typeof createReportSchema>;
  /** Protects a valid line into the report to store (toNewReport); throws validation_failed. */
  prepare(input: ReportInput): Promise<NewReport>;
  /** Only checks what `prepare` would refuse, for a dry run (checkReportInput). */
  check(input: ReportInput): void;
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

export async function importLines(
  lines: AsyncIterable<string>,
  deps: ImportDeps,
): Promise<ImportTotals> {
  const { sink } = deps;
  const totals: ImportTotals = { lines: 0, imported: 0, failed: 0, duplicates: 0 };
  let batch: ImportedReport[] = [];
  // Keys of the batch not yet committed; committed ones are found by sink.imported.
  const inBatch = new Set<string>();
  let sinceReport = 0;

  const flush = () => {
    if (sink && batch.length > 0) sink.commit(batch);
    totals.imported += sink ? batch.length : 0;
    batch = [];
    inBatch.clear();
    sinceReport = 0;
    deps.onBatch?.(totals);
  };

  for await (const text of lines) {
    const lineNo = (totals.lines += 1);
    const line = parseImportLine(text, deps.schema);
    if (line.kind === 'blank') continue;
    if (line.kind === 'error') {
      totals.failed += 1;
      deps.onLineFailed(lineNo, line.issues);
      continue;
    }
    if (!sink) {
      try {
        deps.check(line.input);
        totals.imported += 1;
      } catch (err) {
        totals.failed += 1;
        deps.onLineFailed(lineNo, issuesOf(err));
      }
      if ((sinceReport += 1) >= deps.batchSize) flush();
      continue;
    }
    const lineKey = sink.lineKey(line.input);
    if (lineKey !== null) {
      if (inBatch.has(lineKey) || sink.imported(lineKey)) {
        totals.duplicates += 1;
        continue;
      }
      inBatch.add(lineKey);
    }
    try {
      batch.push({ report: await deps.prepare(line.input), lineKey });
    } catch (err) {
      if (lineKey !== null) inBatch.delete(lineKey);
      totals.failed += 1;
      deps.onLineFailed(lineNo, issuesOf(err));
      continue;
    }
    if (batch.length >= deps.batchSize) flush();
  }
  if (batch.length > 0 || sinceReport > 0) flush();
  return totals;
}

/** The principal of import lines in the idempotency table. */
export const IMPORT_PRINCIPAL = 'import';

/**
 * The sink of a real import: reports, their first pipeline job and their line keys
 * in one transaction per batch. `lineKeyKey` keys the line hashes (a line may hold a
 * caller's number, and a plain hash could be tested against guesses).
 */
export function createImportSink(deps: {
  store: Pick<Store, 'transaction' | 'reports' | 'idempotency'>;
  enqueue: (reportId: string, now: number) => void;
  clock: () => number;
  lineKeyKey: Buffer;
}): ImportSink {
  const { store } = deps;
  return {
    lineKey: (input) =>
      input.externalId === undefined
        ? null
        : 'line:' +
          createHmac('sha256', deps.lineKeyKey).update(canonicalJson(input)).digest('hex'),
    imported: (lineKey) => store.idempotency.get(IMPORT_PRINCIPAL, lineKey) !== null,
    commit(batch) {
      const now = deps.clock();
      store.transaction(() => {
        for (const { report, lineKey } of batch) {
          store.reports.insert(report);
          deps.enqueue(report.id, now);
          if (lineKey === null) continue;
          store.idempotency.put(IMPORT_PRINCIPAL, lineKey, {
            requestHash: lineKey,
            status: 201,
            response: JSON.stringify({ id: report.id }),
            createdAt: now,
          });
        }
      });
    },
  };
}
