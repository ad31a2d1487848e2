/**
 * Leases of background jobs in the `worker_leases` table: the scheduler's Lock for
 * processes sharing one database file. One statement takes a free or expired lease,
 * or renews the caller's own, atomically (SQLite takes the write lock for it).
 */
import type { Lock } from '../../platform/scheduler.js';
import type { Db } from './database.js';

export function createSqliteLock(db: Db, deps: { owner: string; clock: () => number }): Lock {
  const acquire = db.prepare(`INSERT INTO worker_leases (name, owner, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
    WHERE worker_leases.owner = excluded.owner OR worker_leases.expires_at <= ?`);
  const release = db.prepare('DELETE FROM worker_leases WHERE name = ? AND owner = ?');
  return {
    tryAcquire(name, ttlMs) {
      const now = deps.clock();
      return Promise.resolve(acquire.run(name, deps.owner, now + ttlMs, now).changes === 1);
    },
    release(name) {
      release.run(name, deps.owner);
      return Promise.resolve();
    },
  };
}
