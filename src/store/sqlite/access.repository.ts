/** Who may use tipwire: API and session tokens, users and field offices, in SQLite. */
import type {
  Office,
  OfficeRepository,
  StoredToken,
  TokenRepository,
  User,
  UserRepository,
} from '../store.js';
import type { Db } from './database.js';

/** Roles are stored comma-separated; the role names contain no commas. */
const joinRoles = (roles: string[]) => roles.join(',');
const splitRoles = (text: string) => text.split(',').filter(Boolean);

export function createTokenRepository(db: Db): TokenRepository {
  const insert = db.prepare(`INSERT INTO tokens
    (id, secret_hash, role, label, user_id, office_id, expires_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const get =
    db.prepare(`SELECT id, secret_hash AS secretHash, role, label, revoked_at AS revokedAt,
    user_id AS userId, office_id AS officeId, expires_at AS expiresAt FROM tokens WHERE id = ?`);
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const purge = db.prepare('DELETE FROM tokens WHERE expires_at < @now OR revoked_at < @now');
  return {
    insert(t) {
      insert.run(
        t.id,
        t.secretHash,
        joinRoles(t.roles),
        t.label,
        t.userId,
        t.officeId,
        t.expiresAt,
        t.createdAt,
      );
    },
    get(id) {
      const row = get.get(id) as (Omit<StoredToken, 'roles'> & { role: string }) | undefined;
      if (!row) return null;
      const { role, ...rest } = row;
      return { ...rest, roles: splitRoles(role) };
    },
    revoke(id, at) {
      revoke.run(at, id);
    },
    purgeExpired: (now) => purge.run({ now }).changes,
  };
}

export function createUserRepository(db: Db): UserRepository {
  const insert =
    db.prepare(`INSERT INTO users (id, name, password_hash, roles, office_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const columns = `id, name, password_hash AS passwordHash, roles, office_id AS officeId,
    disabled_at AS disabledAt`;
  const byName = db.prepare(`SELECT ${columns} FROM users WHERE name = ?`);
  const byId = db.prepare(`SELECT ${columns} FROM users WHERE id = ?`);
  const all = db.prepare(`SELECT ${columns} FROM users ORDER BY name`);
  const toUser = (row: (Omit<User, 'roles'> & { roles: string }) | undefined): User | null =>
    row ? { ...row, roles: splitRoles(row.roles) } : null;
  return {
    insert(u) {
      insert.run(u.id, u.name, u.passwordHash, joinRoles(u.roles), u.officeId, u.createdAt);
    },
    byName: (name) => toUser(byName.get(name) as never),
    get: (id) => toUser(byId.get(id) as never),
    list: () => (all.all() as never[]).map((r) => toUser(r)!),
  };
}

export function createOfficeRepository(db: Db): OfficeRepository {
  const insert = db.prepare('INSERT INTO offices (id, name, created_at) VALUES (?, ?, ?)');
  const columns = 'id, name, created_at AS createdAt';
  const byId = db.prepare(`SELECT ${columns} FROM offices WHERE id = ?`);
  const byName = db.prepare(`SELECT ${columns} FROM offices WHERE name = ?`);
  const all = db.prepare(`SELECT ${columns} FROM offices ORDER BY name`);
  return {
    insert(o) {
      insert.run(o.id, o.name, o.createdAt);
    },
    get: (id) => (byId.get(id) as Office | undefined) ?? null,
    byName: (name) => (byName.get(name) as Office | undefined) ?? null,
    list: () => all.all() as Office[],
  };
}
