/** API tokens in SQLite: id, role and a hash of the secret, never the secret. */
import type { StoredToken, TokenRepository } from '../store.js';
import type { Db } from './database.js';

export function createTokenRepository(db: Db): TokenRepository {
  const insert = db.prepare(`INSERT INTO tokens (id, secret_hash, role, label, created_at)
    VALUES (?, ?, ?, ?, ?)`);
  const get = db.prepare(`SELECT id, secret_hash AS secretHash, role, label, revoked_at AS revokedAt
    FROM tokens WHERE id = ?`);
  return {
    insert(t) {
      insert.run(t.id, t.secretHash, t.role, t.label, t.createdAt);
    },
    get: (id) => (get.get(id) as StoredToken | undefined) ?? null,
  };
}
