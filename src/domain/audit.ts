/**
 * An audit record's shape: what the caller says happened, and what the chain
 * (src/audit/chain.ts) hashes and the store keeps. The rules are in audit/.
 */
/** What the caller says happened. */
export interface AuditEntry {
  /** Who: `user:alice`, `token:<id>`, `anonymous`, `system`. */
  actor: string;
  /** What, as a stable dotted code: `report.read`, `session.login_failed`, `access.refused`. */
  action: string;
  /** On what: `report:r_…`, `user:alice`, a route such as `GET /api/v1/reports/:id`; null if none. */
  target: string | null;
  /** Why, in a few words: `opened from the queue`, `role analyst may not do this`. */
  reason: string;
}

/** Everything the hash covers. */
export interface AuditRecordContent extends AuditEntry {
  /** Position in the chain: 1, 2, 3… never reused. */
  seq: number;
  /** When, epoch milliseconds. */
  at: number;
  /** The details object as canonical JSON text: the exact bytes stored and hashed. */
  detailsJson: string;
}

export interface StoredAuditRecord extends AuditRecordContent {
  /** HMAC-SHA256 of the previous hash and this record, 64 hex characters. */
  hash: string;
}

/** An entry as services give it: the target may be left out, details are identifiers and codes. */
export interface AuditEntryInput extends Omit<AuditEntry, 'target'> {
  target?: string | null;
  /** Identifiers and codes only: `{ from: 'new', to: 'closed' }`, never content. */
  details?: Record<string, unknown>;
}
