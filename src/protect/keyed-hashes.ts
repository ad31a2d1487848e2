/**
 * Keyed hashes the runtime and the CLI both make, in a module of their own so that a
 * command that only needs a hash does not load the runtime (and the HTTP server with it).
 */
import { createHmac } from 'node:crypto';

/**
 * The keyed hash of a report's content by which a resend is recognised
 * (intake/new-report.ts `contentHashOf`): under the receipt subkey, like the request
 * hashes of idempotency records, kept apart from them by its label.
 */
export function contentHash(key: Buffer, content: string): string {
  return createHmac('sha256', key).update('content\u0000').update(content).digest('hex');
}

/** An observable's keyed token (HMAC under the observables subkey, 128 bits, hex). */
export function observableToken(key: Buffer, type: string, value: string): string {
  return createHmac('sha256', key)
    .update(`observable\u0000${type}\u0000${value}`)
    .digest('hex')
    .slice(0, 32);
}
