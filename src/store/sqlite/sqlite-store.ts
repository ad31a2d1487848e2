/** The embedded store: every repository over one better-sqlite3 connection. */
import type { Store } from '../store.js';
import { openDatabase, type Db } from './database.js';
import { createIncidentRepository } from './incident.repository.js';
import {
  createEventRepository,
  createIdempotencyRepository,
  createJobRepository,
} from './queue.repository.js';
import { createReportRepository } from './report.repository.js';
import { createTokenRepository } from './token.repository.js';

export interface SqliteStore extends Store {
  db: Db;
}

export function openSqliteStore(file: string): SqliteStore {
  const db = openDatabase(file);
  return {
    db,
    reports: createReportRepository(db),
    incidents: createIncidentRepository(db),
    jobs: createJobRepository(db),
    events: createEventRepository(db),
    tokens: createTokenRepository(db),
    idempotency: createIdempotencyRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => db.close(),
  };
}
