/**
 * One line of a JSONL import → validated Report JSON, or the reasons it is not,
 * each naming the field. Pure: no store, no clock.
 */
import type { FieldIssue } from '../domain/errors.js';
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
