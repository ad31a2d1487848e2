/**
 * API tokens: `tw_<id>_<secret>`. The id finds the record; only SHA-256 of the
 * secret is stored, and the comparison is constant-time, so neither a database
 * dump nor response timing gives a usable token away.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredToken } from '../store/store.js';
import type { Role } from './roles.js';

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 12;
const TOKEN_PATTERN = /^tw_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** Shown once to whoever created it, never stored. */
  token: string;
  record: StoredToken;
}

const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export interface TokenOptions {
  userId?: string | null;
  officeId?: string | null;
  /** When the token stops working (sessions); null or absent: never. */
  expiresAt?: number | null;
}

export function issueToken(
  roles: Role[],
  label: string | null,
  options: TokenOptions = {},
): IssuedToken {
  const idBytes = randomBytes(ID_LENGTH);
  let id = '';
  for (const b of idBytes) id += ID_CHARS[b & 31];
  const secret = randomBytes(32).toString('base64url');
  return {
    token: `tw_${id}_${secret}`,
    record: {
      id,
      secretHash: hashSecret(secret),
      roles,
      label,
      revokedAt: null,
      userId: options.userId ?? null,
      officeId: options.officeId ?? null,
      expiresAt: options.expiresAt ?? null,
    },
  };
}

/** The stored token a presented string proves, or null (unknown, wrong secret, revoked, expired). */
export function verifyToken(
  presented: string,
  lookup: (id: string) => StoredToken | null,
  now: number,
): StoredToken | null {
  const match = TOKEN_PATTERN.exec(presented);
  if (!match) return null;
  const record = lookup(match[1]!);
  // Hash even when the id is unknown, so both paths cost the same.
  const actual = hashSecret(match[2]!);
  const expected = record?.secretHash ?? Buffer.alloc(actual.length);
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  const live = record && record.revokedAt === null && (record.expiresAt ?? Infinity) > now;
  return same && live ? record : null;
}
