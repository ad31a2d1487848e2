/**
 * The audit trail of a database file, opened read-only for `tipwire audit`:
 * evidence is not touched, not even migrated. Says plainly when there is no
 * trail to read (no database, never upgraded) or when its table is gone.
 */
import { existsSync } from 'node:fs';
import type { AuditRepository } from '../store.js';
import { createAuditRepository } from './audit.repository.js';
import { openDatabase } from './database.js';

export class AuditTrailUnavailableError extends Error {
  readonly code = 'store.audit_unavailable';
  constructor(
    message: string,
    /** `missing`: nothing to read yet; `dropped`: the table existed and is gone. */
    readonly reason: 'missing' | 'dropped',
  ) {
    super(message);
  }
}

export interface AuditReader {
  repo: AuditRepository;
  /** The database's own id (meta `database_id`), if it has one. */
  databaseId: string | null;
  close(): void;
}

export function openAuditReader(file: string): AuditReader {
  if (!existsSync(file)) {
    throw new AuditTrailUnavailableError(`there is no database at ${file}`, 'missing');
  }
  const db = openDatabase(file, { readonly: true });
  const has = (sql: string) => db.prepare(sql).get() !== undefined;
  if (!has(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`)) {
    const hadIt =
      has(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`) &&
      has(`SELECT 1 FROM schema_migrations WHERE name = '002_audit.sql'`);
    db.close();
    throw hadIt
      ? new AuditTrailUnavailableError(
          `${file} had an audit log and its table is gone (dropped?)`,
          'dropped',
        )
      : new AuditTrailUnavailableError(
          `${file} has no audit log yet: start tipwire once to upgrade it`,
          'missing',
        );
  }
  const databaseId = has(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`)
    ? ((db.prepare(`SELECT value FROM meta WHERE key = 'database_id'`).pluck().get() as
        string | undefined) ?? null)
    : null;
  return { repo: createAuditRepository(db), databaseId, close: () => db.close() };
}
