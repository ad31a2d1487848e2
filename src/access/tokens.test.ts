import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from './roles.js';
import {
  issueToken,
  lastUsedDue,
  tokenRulesFrom,
  tokenState,
  verifyToken,
  type TokenOptions,
  type TokenRules,
} from './tokens.js';

// Fixtures are made inside each test, never while the file is collected: a function that
// throws there would fail the file as a whole, which mutation testing does not count.

const MINUTE = 60_000;
const rules: TokenRules = { sessionIdleMs: 0, lastUsedIntervalMs: MINUTE };
/** A moment well after the epoch, so a sign slip in `now - lastUsedAt` shows. */
const T0 = Date.UTC(2026, 10, 20, 13, 0);

/** An issued token and a lookup that knows only it. */
function issued(roles: Role[] = ['analyst'], options: TokenOptions = {}) {
  const token = issueToken(roles, 'desk 1', options);
  const lookup = (id: string) => (id === token.record.id ? token.record : null);
  return { ...token, lookup };
}

/** The secret part of `tw_<id>_<secret>` (the secret may itself contain `_`). */
const secretOf = (token: string) => token.slice('tw_'.length + 12 + 1);

describe('issueToken', () => {
  it('writes tw_, a 12-character lower-case base32 id, _, and a 43-character base64url secret', () => {
    const { token, record } = issued();
    expect(token).toMatch(/^tw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(token.slice(3, 15)).toBe(record.id);
    expect(Buffer.from(secretOf(token), 'base64url')).toHaveLength(32);
  });

  it('stores SHA-256 of the secret, never the secret', () => {
    const { token, record } = issued();
    const secret = secretOf(token);
    expect(record.secretHash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    expect(record.secretHash.toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('records roles, label and null for every option not given', () => {
    const { record } = issued(['intake']);
    expect(record).toStrictEqual({
      id: record.id,
      secretHash: record.secretHash,
      roles: ['intake'],
      label: 'desk 1',
      revokedAt: null,
      userId: null,
      officeId: null,
      expiresAt: null,
      lastUsedAt: null,
    });
  });

  it('records the user, office, expiry and first use it is given', () => {
    const options = { userId: 'u_1', officeId: 'o_north', expiresAt: T0 + MINUTE, lastUsedAt: T0 };
    expect(issued(['office'], options).record).toMatchObject(options);
  });
});

describe('verifyToken', () => {
  it('returns the record of the token it issued', () => {
    const { token, record, lookup } = issued();
    expect(verifyToken(token, lookup, T0, rules)).toBe(record);
  });

  it('refuses a changed secret, an unknown id and garbage', () => {
    const { token, lookup } = issued();
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(token.slice(0, -1) + last, lookup, T0, rules)).toBeNull();
    expect(verifyToken(issueToken(['analyst'], null).token, lookup, T0, rules)).toBeNull();
    expect(verifyToken('Bearer nonsense', lookup, T0, rules)).toBeNull();
    expect(verifyToken('', lookup, T0, rules)).toBeNull();
  });

  it('refuses a token with anything before or after it', () => {
    const { token, lookup } = issued();
    for (const presented of [`Bearer ${token}`, `x${token}`, `${token}x`, `${token} `]) {
      expect(verifyToken(presented, lookup, T0, rules)).toBeNull();
    }
  });

  it('refuses a revoked token', () => {
    const { token, record } = issued();
    expect(verifyToken(token, () => ({ ...record, revokedAt: T0 }), T0, rules)).toBeNull();
  });

  it('refuses a token from its expiry on, and accepts it a millisecond before', () => {
    const { token, lookup } = issued(['intake'], { expiresAt: T0 });
    expect(verifyToken(token, lookup, T0 - 1, rules)?.roles).toEqual(['intake']);
    expect(verifyToken(token, lookup, T0, rules)).toBeNull();
  });

  it('refuses an idle session', () => {
    const idleRules = { sessionIdleMs: 30 * MINUTE, lastUsedIntervalMs: MINUTE };
    const { token, lookup } = issued(['analyst'], { userId: 'u_1', lastUsedAt: T0 });
    expect(verifyToken(token, lookup, T0 + 31 * MINUTE - 1, idleRules)).not.toBeNull();
    expect(verifyToken(token, lookup, T0 + 31 * MINUTE, idleRules)).toBeNull();
  });

  it('refuses a stored hash of the wrong length instead of throwing', () => {
    const { token, record } = issued();
    const short = { ...record, secretHash: record.secretHash.subarray(0, 16) };
    expect(verifyToken(token, () => short, T0, rules)).toBeNull();
  });
});

describe('tokenRulesFrom', () => {
  it('turns the settings’ minutes and seconds into milliseconds', () => {
    expect(tokenRulesFrom({ sessionIdleMinutes: 30, tokenLastUsedIntervalSeconds: 90 })).toEqual({
      sessionIdleMs: 30 * MINUTE,
      lastUsedIntervalMs: 90_000,
    });
  });
});

describe('tokenState', () => {
  const idleRules: TokenRules = { sessionIdleMs: 30 * MINUTE, lastUsedIntervalMs: MINUTE };
  const session = { revokedAt: null, expiresAt: null, userId: 'u_1', lastUsedAt: T0 };

  it('ends a session unused for the idle time plus one last-used interval, not a ms earlier', () => {
    expect(tokenState(session, T0 + 31 * MINUTE - 1, idleRules)).toBe('active');
    expect(tokenState(session, T0 + 31 * MINUTE, idleRules)).toBe('idle');
  });

  it('never idles an API token, nor anything when the idle timeout is off', () => {
    expect(tokenState({ ...session, userId: null }, T0 + 1e12, idleRules)).toBe('active');
    expect(tokenState(session, T0 + 1e12, { ...idleRules, sessionIdleMs: 0 })).toBe('active');
  });

  it('does not idle a session with no recorded use', () => {
    expect(tokenState({ ...session, lastUsedAt: null }, T0 + 1e12, idleRules)).toBe('active');
  });

  it('expires at expiresAt exactly, not a millisecond before', () => {
    const expiring = { ...session, expiresAt: T0 + MINUTE };
    expect(tokenState(expiring, T0 + MINUTE - 1, idleRules)).toBe('active');
    expect(tokenState(expiring, T0 + MINUTE, idleRules)).toBe('expired');
  });

  it('says revoked before expired before idle', () => {
    expect(tokenState({ ...session, revokedAt: 1, expiresAt: 1 }, T0 + 1e12, idleRules)).toBe(
      'revoked',
    );
    expect(tokenState({ ...session, expiresAt: 1 }, T0 + 1e12, idleRules)).toBe('expired');
  });
});

describe('lastUsedDue', () => {
  it('writes a first use, then again only once a whole interval has passed', () => {
    expect(lastUsedDue({ lastUsedAt: null }, T0, MINUTE)).toBe(true);
    expect(lastUsedDue({ lastUsedAt: null }, 0, MINUTE)).toBe(true); // whatever the clock says
    expect(lastUsedDue({ lastUsedAt: T0 }, T0 + MINUTE - 1, MINUTE)).toBe(false);
    expect(lastUsedDue({ lastUsedAt: T0 }, T0 + MINUTE, MINUTE)).toBe(true);
    expect(lastUsedDue({ lastUsedAt: T0 }, T0 + MINUTE + 1, MINUTE)).toBe(true);
  });
});
