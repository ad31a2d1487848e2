/**
 * The Report JSON a page sends, built from what its form holds (texts as typed), and
 * the server's field errors sorted back to the form's fields. Shared by the public
 * report form and the call-taker's screen; pure, no DOM.
 */
import type { z } from 'zod';
import type { createDraftSchema, createReportSchema } from '../../../src/intake/report-schema.js';
import { issueMessage, type FieldIssue, type IssueWords } from './errors.js';

/** The body of POST /api/v1/reports, as the server's own schema takes it. */
export type ReportBody = z.input<ReturnType<typeof createReportSchema>>;
/** The body of POST /api/v1/reports/preview (a call-taker's draft). */
export type ReportDraft = z.input<ReturnType<typeof createDraftSchema>>;
export type HowKnown = NonNullable<ReportBody['howKnown']>;

/** What a form holds about the place, as typed. */
export interface PlaceFields {
  place: string;
  lat?: string;
  lon?: string;
  accuracy?: string;
}

/** A trimmed text, or undefined when nothing was typed (an absent field, not an empty one). */
export function textOf(value: string | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

/** A plain decimal number stays a number; anything else (34°15'N) goes as text for the server to read. */
export function coordinateOf(value: string): number | string {
  const t = value.trim();
  return /^[+-]?\d+(?:\.\d+)?$/.test(t) ? Number(t) : t;
}

/** Metres as typed → a number, or the text itself (the server then names the field). */
function metresOf(value: string): number | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * The `location` of a report: coordinates (with the place's name and the accuracy, if
 * given), else the place as text, else nothing. One coordinate alone is sent as it
 * is, so that the server's error names the missing one.
 */
export function locationOf(fields: PlaceFields): ReportBody['location'] {
  const lat = fields.lat?.trim() ?? '';
  const lon = fields.lon?.trim() ?? '';
  const text = textOf(fields.place);
  const accuracyMeters = metresOf(fields.accuracy ?? '');
  if (lat !== '' || lon !== '') {
    return {
      ...(lat !== '' ? { lat: coordinateOf(lat) } : {}),
      ...(lon !== '' ? { lon: coordinateOf(lon) } : {}),
      ...(accuracyMeters !== undefined ? { accuracyMeters } : {}),
      ...(text ? { text } : {}),
    };
  }
  if (!text) return undefined;
  return accuracyMeters !== undefined ? { text, accuracyMeters } : text;
}

/** The category select's choice for "something else": the text typed beside it is sent. */
export const OTHER_CATEGORY = '__other__';

export function categoryOf(choice: string, other: string): string | undefined {
  return choice === OTHER_CATEGORY ? textOf(other) : textOf(choice);
}

/** A random key for Idempotency-Key (getRandomValues: also where randomUUID is not offered, plain HTTP). */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Drops the fields left undefined, so the body holds only what was given. */
export function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A datetime-local input's value (`2026-11-20T21:10`) as the caller's wall-clock time:
 * sent without an offset, so the server places it in the zone of the place.
 */
export function wallClockOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
}

/** The field of the form an issue belongs to: the first part of its path (`location.lat` → `location`). */
export function fieldOfIssue(path: string): string {
  const head = path.split('.')[0] ?? '';
  return head === '' ? 'form' : head;
}

export type Issue = FieldIssue;

/** The server's issues by form field, in the order given. */
export function issuesByField(issues: readonly Issue[]): Record<string, Issue[]> {
  const out: Record<string, Issue[]> = {};
  for (const issue of issues) (out[fieldOfIssue(issue.path)] ??= []).push(issue);
  return out;
}

/**
 * What a page says of an issue beside its field, in its language where the server's
 * message is one it knows (errors.ts `issueMessage`), else the server's own words. A
 * nested field keeps its name in front (`lon: is required`).
 */
export function issueText(issue: Issue, words: IssueWords): string {
  const inner = issue.path
    .split('.')
    .slice(1)
    .filter((p) => !/^\d+$/.test(p));
  const prefix = inner.length > 0 ? `${inner.join('.')}: ` : '';
  return prefix + issueMessage(issue.message, words);
}
