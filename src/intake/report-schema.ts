/**
 * The Report JSON of DESIGN.md as a zod schema: the body of POST /api/v1/reports
 * and one line of a JSONL import. Unknown fields are refused, never ignored.
 */
import { z } from 'zod';
import { CHANNELS, HOW_KNOWN } from '../domain/report.js';
import type { FieldIssue } from '../domain/errors.js';
import { isIanaZone } from '../normalize/zones.js';

export interface ReportSchemaOptions {
  narrativeMaxChars: number;
  /** Largest file (decoded bytes); absent: only the body limit bounds a base64 file. */
  attachmentMaxBytes?: number;
  /** Most bytes the files of one report may carry together (decoded). */
  attachmentsTotalMaxBytes?: number;
}

/** Bytes a standard base64 text decodes to. */
export const base64Bytes = (text: string) =>
  Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/**
 * Standard base64, checked without a repeated group: `(?:[…]{4})*` recurses once per
 * four characters in V8 and overflows the stack on a file of a few megabytes (a 500).
 */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
export const isBase64 = (text: string) =>
  text.length % 4 === 0 && BASE64_CHARS.test(text) && !/=[^=]/.test(text.slice(-2));
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;
/** ISO 8601 date-time with a UTC offset or Z, e.g. 2026-11-20T13:40:00Z. */
const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Characters of a coordinate written as text: digits, degree/minute/second marks,
 * hemisphere letters (N S E W, 北纬 东经…). Normalize reads the value; intake only
 * refuses what cannot be one (`"north"`).
 */
const COORDINATE_TEXT = /^(?=.*\d)[\d\s.,+\-−°º˚'′’‘"″”“NSEWnsew度分秒北南东西纬经緯經]+$/u;
/**
 * A phone number as people write it: digits with spaces, + ( ) - . /, at least three
 * digits. Letters are refused (`+8613900124005abc` is not a number with a typo in it:
 * the parser would drop the tail and pseudonymize a number nobody gave).
 */
const PHONE_TEXT = /^(?=(?:\D*\d){3})[\d\s+().\-/]+$/;
/** Most files one report may carry. */
/** A report's category as stored: the reporter's or an operator's words (lists filter by it exactly). */
export const categoryText = z.string().trim().min(1).max(100);

export const ATTACHMENTS_MAX = 20;
const COORDINATE_MESSAGE = 'must be degrees as a number, or text such as 34°15\'39.6"N';

/** Degrees as a number, or as text in degrees-minutes-seconds (`34°15'39.6"N`). */
const coordinate = z.union(
  [z.number().finite(), z.string().trim().max(64).regex(COORDINATE_TEXT, COORDINATE_MESSAGE)],
  { error: COORDINATE_MESSAGE },
);

const locationObject = z
  .strictObject(
    {
      lat: coordinate.optional(),
      lon: coordinate.optional(),
      accuracyMeters: z.number().finite().min(0).max(20_037_509).optional(),
      text: z.string().trim().min(1).max(500).optional(),
    },
    { error: 'must be an object {lat, lon} or {text}, or a string' },
  )
  .superRefine((loc, ctx) => {
    if ((loc.lat === undefined) !== (loc.lon === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [loc.lat === undefined ? 'lat' : 'lon'],
        message: 'lat and lon must be given together',
      });
    } else if (loc.lat === undefined && loc.text === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give lat and lon, or text' });
    }
  });

/**
 * `{lat, lon, accuracyMeters?, text?}`, `{text}`, or a plain string (a place name or
 * coordinates), which is read as `{text}` so that errors name the field inside.
 */
const location = z.preprocess(
  (value) => (typeof value === 'string' ? { text: value } : value),
  locationObject,
);

/**
 * Text of at most `max` UTF-16 code units, trimmed and not empty. Counted in code
 * units, not characters: the work and memory a text costs follow its code units
 * (zod's own `max` counts code points, so 100,000 emoji passed as 100,000).
 */
export function boundedText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .refine((text) => text.length <= max, `must be at most ${max} characters (UTF-16 code units)`);
}

/** A file's name and declared type: a JSON body's attachment, or a multipart `file` part's headers. */
export const fileHeader = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  contentType: z.string().regex(MEDIA_TYPE, 'must be a media type such as image/jpeg'),
});

export function createReportSchema(options: ReportSchemaOptions) {
  return z.strictObject({
    channel: z.enum(CHANNELS),
    narrative: boundedText(options.narrativeMaxChars),
    /** ISO 8601 (with or without offset), natural language, or epoch seconds (a number). */
    observedAt: z
      .union([z.string().trim().min(1).max(200), z.number().finite().min(0).max(1e13)], {
        error: 'must be a date-time string or epoch seconds',
      })
      .optional(),
    timezone: z
      .string()
      .max(64)
      .refine(isIanaZone, 'must be an IANA time zone such as Asia/Shanghai')
      .optional(),
    precisionSeconds: z
      .number()
      .finite()
      .min(0)
      .max(10 * 365 * 86400)
      .optional(),
    location: location.optional(),
    caller: z
      .strictObject({
        phone: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(PHONE_TEXT, 'must be a phone number: digits, spaces and + ( ) - . / only'),
      })
      .optional(),
    category: categoryText.optional(),
    /** Who or what the report is about, in the reporter's words (people, vehicles, objects). */
    subjects: z.string().trim().min(1).max(1000).optional(),
    /** How the reporter knows: saw, heard, was_told, document, sensor, other. */
    howKnown: z.enum(HOW_KNOWN).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    receivedAt: z
      .string()
      .regex(
        ISO_WITH_OFFSET,
        'must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-20T13:40:00Z',
      )
      .refine((s) => Number.isFinite(Date.parse(s)), 'is not a real date')
      .optional(),
    attachments: z
      .array(
        fileHeader.extend({
          dataBase64: z
            .string()
            .refine(isBase64, 'must be standard base64')
            .refine(
              (data) =>
                options.attachmentMaxBytes === undefined ||
                base64Bytes(data) <= options.attachmentMaxBytes,
              `is larger than ${options.attachmentMaxBytes} bytes (TIPWIRE_ATTACHMENT_MAX_BYTES)`,
            ),
        }),
      )
      .max(ATTACHMENTS_MAX)
      .refine(
        (files) =>
          options.attachmentsTotalMaxBytes === undefined ||
          files.reduce((sum, f) => sum + base64Bytes(f.dataBase64), 0) <=
            options.attachmentsTotalMaxBytes,
        `together are larger than ${options.attachmentsTotalMaxBytes} bytes (TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES)`,
      )
      .optional(),
  });
}

export type ReportInput = z.infer<ReturnType<typeof createReportSchema>>;

/**
 * A report still being taken down (the call-taker's screen), to score before it is
 * sent: every field optional, read as the report's own. The caller's number and the
 * files are not part of it (nothing about the caller is sent before the report is),
 * only how many files there will be; nor are the sender's own fields (externalId,
 * receivedAt).
 */
export function createDraftSchema(options: ReportSchemaOptions) {
  return createReportSchema(options)
    .omit({ caller: true, attachments: true, externalId: true, receivedAt: true })
    .partial()
    .extend({ attachmentCount: z.number().int().min(0).max(ATTACHMENTS_MAX).optional() });
}

export type ReportDraft = z.infer<ReturnType<typeof createDraftSchema>>;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * zod issues as field paths an operator can act on (`location.lat: …`). `input`
 * is what was validated, to tell a missing field from a wrong one.
 */
export function fieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    const path = base.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: [...base, key].join('.'), message: 'unknown field' });
      }
    } else if (base.length === 0 && issue.code === 'invalid_type') {
      issues.push({ path, message: 'the body must be a JSON object' });
    } else if (valueAt(input, issue.path) === undefined && issue.code !== 'custom') {
      issues.push({ path, message: 'is required' });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}
