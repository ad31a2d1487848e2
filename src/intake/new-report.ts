/**
 * Turns validated Report JSON into the report that is stored: server-side id and
 * arrival time, attachments decoded, and the caller's number replaced by its
 * pseudonym before anything is written (protect runs here, in memory, because a
 * queued raw number would be a stored raw number).
 */
import { createHash } from 'node:crypto';
import { validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { Claims, NewAttachment, NewReport } from '../domain/report.js';
import { pseudonymOf, toE164 } from '../protect/pseudonym.js';
import type { ReportInput } from './report-schema.js';

export interface NewReportDeps {
  now: number;
  newId: (kind: IdKind, nowMs: number) => string;
  pseudonymKey: Buffer;
  defaultPhoneRegion?: string;
  /** Whether the sender may state its own receivedAt (imports, authenticated partners). */
  mayStateReceivedAt: boolean;
}

export function toNewReport(input: ReportInput, deps: NewReportDeps): NewReport {
  if (input.receivedAt !== undefined && !deps.mayStateReceivedAt) {
    throw validationError([
      {
        path: 'receivedAt',
        message: 'only imports and authenticated partners may set it; leave it out',
      },
    ]);
  }
  let callerPseudonym: string | null = null;
  if (input.caller) {
    const e164 = toE164(input.caller.phone, deps.defaultPhoneRegion);
    if (!e164) {
      throw validationError([
        {
          path: 'caller.phone',
          message: deps.defaultPhoneRegion
            ? 'is not a possible phone number'
            : 'is not a possible phone number (numbers without +country code need TIPWIRE_DEFAULT_PHONE_REGION)',
        },
      ]);
    }
    callerPseudonym = pseudonymOf(e164, deps.pseudonymKey);
  }
  const receivedAt = input.receivedAt !== undefined ? Date.parse(input.receivedAt) : deps.now;
  const claims: Claims = {};
  if (input.observedAt !== undefined) claims.observedAt = input.observedAt;
  if (input.timezone !== undefined) claims.timezone = input.timezone;
  if (input.precisionSeconds !== undefined) claims.precisionSeconds = input.precisionSeconds;
  if (input.location !== undefined) claims.location = input.location as Claims['location'];
  return {
    id: deps.newId('report', deps.now),
    externalId: input.externalId ?? null,
    channel: input.channel,
    narrative: input.narrative,
    category: input.category ?? null,
    receivedAt,
    claims,
    callerPseudonym,
    attachments: (input.attachments ?? []).map((a): NewAttachment => {
      const data = Buffer.from(a.dataBase64, 'base64');
      return {
        id: deps.newId('attachment', deps.now),
        filename: a.filename,
        contentType: a.contentType.toLowerCase(),
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
      };
    }),
  };
}
