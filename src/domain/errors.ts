/**
 * Errors with a stable `code` and a kind. Business code throws these; only the
 * HTTP edge (server/http-errors.ts) and the CLI turn them into statuses or exit codes.
 */

/** `input`: the caller sent something wrong; `conflict`: state forbids it now;
 * `not_found`; `auth`: who you are / what you may do; `unavailable`: busy, try again
 * shortly; `timeout`: the request took too long to arrive; `technical`: our fault. */
export type ErrorKind =
  | 'input'
  | 'conflict'
  | 'not_found'
  | 'auth'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'technical';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `location.lat` or `attachments.0.dataBase64`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** For `rate_limited`: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const rateLimited = (what: string, retryAfterSeconds: number): AppError =>
  new AppError(
    'rate_limited',
    'rate_limited',
    `too many ${what}; try again later`,
    [],
    retryAfterSeconds,
  );

export const validationError = (issues: FieldIssue[]): AppError =>
  new AppError(
    'validation_failed',
    'input',
    issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    issues,
  );
