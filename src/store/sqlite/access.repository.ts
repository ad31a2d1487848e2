/** Who may use tipwire: API and session tokens, users and field offices, in SQLite. */
import type {
  Office,
  OfficeRepository,
  StoredToken,
  TokenListing,
  TokenRepository,
  User,
  UserRepository,
} from '../store.js';
import type { Db } from './database.js';

/** Roles are stored comma-separated; the role names contain no commas. */
const joinRoles = (roles: string[]) => roles.join(',');
const splitRoles = (text: string) => text.split(',').filter(Boolean);

export function createTokenRepository(db: Db): TokenRepository {
  const insert = db.prepare(`INSERT INTO tokens (id, secret_hash, role, label, revoked_at,
    user_id, office_id, expires_at, last_used_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const get =
    db.prepare(`SELECT id, secret_hash AS secretHash, role, label, revoked_at AS revokedAt,
    user_id AS userId, office_id AS officeId, expires_at AS expiresAt, last_used_at AS lastUsedAt
    FROM tokens WHERE id = ?`);
  // The secret's hash is not even selected: a listing cannot leak it.
  const list = db.prepare(`SELECT t.rowid AS seq, t.id, t.role, t.label, t.revoked_at AS revokedAt,
    t.user_id AS userId, u.name AS userName, t.office_id AS officeId, t.expires_at AS expiresAt,
    t.last_used_at AS lastUsedAt, t.created_at AS createdAt
    FROM tokens t LEFT JOIN users u ON u.id = t.user_id
    WHERE (@afterAt IS NULL OR t.created_at < @afterAt
           OR (t.created_at = @afterAt AND t.rowid < @afterSeq))
      AND (@userId IS NULL OR t.user_id = @userId)
      AND (@kind IS NULL OR (@kind = 'session') = (t.user_id IS NOT NULL))
    ORDER BY t.created_at DESC, t.rowid DESC LIMIT @limit`);
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeForUser = db.prepare(
    'UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
  );
  const touch = db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?');
  const purge = db.prepare('DELETE FROM tokens WHERE expires_at < @now OR revoked_at < @now');
  return {
    insert(t) {
      insert.run(
        t.id,
        t.secretHash,
        joinRoles(t.roles),
        t.label,
        t.revokedAt,
        t.userId,
        t.officeId,
        t.expiresAt,
        t.lastUsedAt,
        t.createdAt,
      );
    },
    get(id) {
      const row = get.get(id) as (Omit<StoredToken, 'roles'> & { role: string }) | undefined;
      if (!row) return null;
      const { role, ...rest } = row;
      return { ...rest, roles: splitRoles(role) };
    },
    list(limit, after, filter = {}) {
      const rows = list.all({
        afterAt: after?.at ?? null,
        afterSeq: after?.seq ?? null,
        userId: filter.userId ?? null,
        kind: filter.kind ?? null,
        limit: limit + 1,
      }) as (Omit<TokenListing, 'roles'> & { role: string; seq: number })[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(({ role, seq: _seq, ...rest }) => ({ ...rest, roles: splitRoles(role) })),
        next: rows.length > limit && last ? { at: last.createdAt, seq: last.seq } : null,
      };
    },
    revoke: (id, at) => revoke.run(at, id).changes > 0,
    revokeForUser: (userId, at) => revokeForUser.run(at, userId).changes,
    touch(id, at) {
      touch.run(at, id);
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
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?');
  const setPasswordHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  return {
    insert(u) {
      insert.run(u.id, u.name, u.passwordHash, joinRoles(u.roles), u.officeId, u.createdAt);
    },
    setDisabled(id, at) {
      setDisabled.run(at, id);
    },
    setPasswordHash(id, passwordHash) {
      setPasswordHash.run(passwordHash, id);
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
