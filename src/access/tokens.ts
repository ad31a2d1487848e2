/**
 * API tokens: `tw_<id>_<secret>`. The id finds the record; only SHA-256 of the
 * secret is stored, and the comparison is constant-time, so neither a database
 * dump nor response timing gives a usable token away. Also the pure rules of when a
 * token stops working (revoked, expired, an idle session) and when its last use is
 * written again.
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
  /** When the token stops working; null or absent: never. */
  expiresAt?: number | null;
  /** A session starts as used at its login, so the idle timeout runs from there. */
  lastUsedAt?: number | null;
}

/** How long tokens live beyond their expiry, from the settings. */
export interface TokenRules {
  /** A session not used for this long ends (0: never). */
  sessionIdleMs: number;
  /** The last-used time is written at most once per this interval. */
  lastUsedIntervalMs: number;
}

export const tokenRulesFrom = (settings: {
  sessionIdleMinutes: number;
  tokenLastUsedIntervalSeconds: number;
}): TokenRules => ({
  sessionIdleMs: settings.sessionIdleMinutes * 60_000,
  lastUsedIntervalMs: settings.tokenLastUsedIntervalSeconds * 1000,
});

export type TokenState = 'active' | 'revoked' | 'expired' | 'idle';

type TokenTimes = Pick<StoredToken, 'revokedAt' | 'expiresAt' | 'userId' | 'lastUsedAt'>;

/**
 * Whether a token still works at `now`. A session is idle once its stored last use
 * is `sessionIdleMs + lastUsedIntervalMs` old: the stored time may lag the real last
 * use by up to one interval, so a session ends after at least `sessionIdleMs` (and at
 * most one interval more) without a request, never earlier.
 */
export function tokenState(token: TokenTimes, now: number, rules: TokenRules): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  const idle =
    rules.sessionIdleMs > 0 &&
    token.userId !== null &&
    token.lastUsedAt !== null &&
    now - token.lastUsedAt >= rules.sessionIdleMs + rules.lastUsedIntervalMs;
  return idle ? 'idle' : 'active';
}

/** Whether an accepted token's last-used time is old enough to be written again. */
export const lastUsedDue = (
  token: Pick<StoredToken, 'lastUsedAt'>,
  now: number,
  intervalMs: number,
) => token.lastUsedAt === null || now - token.lastUsedAt >= intervalMs;

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
      lastUsedAt: options.lastUsedAt ?? null,
    },
  };
}

/** The stored token a presented string proves, or null (unknown, wrong secret, revoked, expired, idle). */
export function verifyToken(
  presented: string,
  lookup: (id: string) => StoredToken | null,
  now: number,
  rules: TokenRules,
): StoredToken | null {
  const match = TOKEN_PATTERN.exec(presented);
  if (!match) return null;
  const record = lookup(match[1]!);
  // Hash even when the id is unknown, so both paths cost the same.
  const actual = hashSecret(match[2]!);
  const expected = record?.secretHash ?? Buffer.alloc(actual.length);
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  const live = record !== null && tokenState(record, now, rules) === 'active';
  return same && live ? record : null;
}
