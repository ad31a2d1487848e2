/** The embedded store: every repository over one better-sqlite3 connection. */
import { existsSync } from 'node:fs';
import type { Lock } from '../../platform/scheduler.js';
import type { Store } from '../store.js';
import { createSqliteLock } from './lease.repository.js';
import { openDatabase, type Db, type OpenOptions } from './database.js';
import { createIncidentRepository } from './incident.repository.js';
import { createMetaRepository } from './meta.repository.js';
import {
  createEventRepository,
  createIdempotencyRepository,
  createJobRepository,
} from './queue.repository.js';
import { createReportRepository } from './report.repository.js';
import {
  createOfficeRepository,
  createTokenRepository,
  createUserRepository,
} from './access.repository.js';
import { createAuditRepository } from './audit.repository.js';
import { createMessageRepository, createReceiptRepository } from './conversation.repository.js';
import { createFindingRepository, createStageEffectRepository } from './stages.repository.js';
import { createMapRepository } from './map.repository.js';
import { createFileRepository } from './file.repository.js';

export interface SqliteStore extends Store {
  db: Db;
  /**
   * Holds the database for this connection alone until it closes (locking_mode
   * EXCLUSIVE): no other process can read or write it meanwhile. Throws
   * DatabaseBusyError when another connection has it open.
   */
  lockExclusive(): void;
  /** Leases in this database for background jobs that one process at a time may run. */
  lock(deps: { owner: string; clock: () => number }): Lock;
}

export class DatabaseBusyError extends Error {
  readonly code = 'store.busy';
}

/**
 * Runs `fn` in a transaction (BEGIN IMMEDIATE: take the write lock up front), or in
 * a savepoint when one is already open; rolls back what `fn` did if it throws.
 * Prepared statements instead of better-sqlite3's db.transaction(), which builds a
 * wrapper on every call: the pipeline opens several savepoints per report.
 */
function createTransactor(db: Db) {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT nested');
  const release = db.prepare('RELEASE nested');
  const rollbackTo = db.prepare('ROLLBACK TO nested');
  return function transaction<T>(fn: () => T): T {
    const nested = db.inTransaction;
    (nested ? savepoint : begin).run();
    let result: T;
    try {
      result = fn();
    } catch (err) {
      if (nested) {
        rollbackTo.run();
        release.run();
      } else if (db.inTransaction) {
        rollback.run();
      }
      throw err;
    }
    if (nested) {
      release.run();
      return result;
    }
    try {
      commit.run();
    } catch (err) {
      // e.g. SQLITE_BUSY or a full disk: nothing of fn's work may stay half-applied.
      if (db.inTransaction) rollback.run();
      throw err;
    }
    return result;
  };
}

export function openSqliteStore(
  file: string,
  options: Pick<OpenOptions, 'onMigration'> = {},
): SqliteStore {
  const db = openDatabase(file, options);
  return {
    db,
    meta: createMetaRepository(db),
    reports: createReportRepository(db),
    incidents: createIncidentRepository(db),
    jobs: createJobRepository(db),
    events: createEventRepository(db),
    tokens: createTokenRepository(db),
    idempotency: createIdempotencyRepository(db),
    users: createUserRepository(db),
    offices: createOfficeRepository(db),
    receipts: createReceiptRepository(db),
    messages: createMessageRepository(db),
    audit: createAuditRepository(db),
    stageEffects: createStageEffectRepository(db),
    findings: createFindingRepository(db),
    map: createMapRepository(db),
    files: createFileRepository(db),
    transaction: createTransactor(db),
    flushDeleted: () => {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    lock: (deps) => createSqliteLock(db, deps),
    lockExclusive() {
      db.pragma('locking_mode = EXCLUSIVE');
      try {
        db.exec('BEGIN EXCLUSIVE');
        db.exec('COMMIT');
      } catch (err) {
        if (!String((err as { code?: string }).code).startsWith('SQLITE_BUSY')) throw err;
        throw new DatabaseBusyError('the database is open in another process');
      }
    },
    close: () => db.close(),
  };
}

/** The repositories a read-only look at a database file offers (an import's dry run). */
export interface ReadOnlyStore extends Pick<Store, 'reports' | 'idempotency'> {
  close(): void;
}

/**
 * A database file's reports and idempotency records, opened read-only: nothing is
 * migrated or written. Null when there is no file; throws when its schema is older
 * than this version of tipwire (a real run would migrate it first).
 */
export function openReadOnlyStore(file: string): ReadOnlyStore | null {
  if (!existsSync(file)) return null;
  const db = openDatabase(file, { readonly: true });
  try {
    return {
      reports: createReportRepository(db),
      idempotency: createIdempotencyRepository(db),
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
