import { describe, expect, it } from 'vitest';
import { issueToken, lastUsedDue, tokenState, verifyToken, type TokenRules } from './tokens.js';

const rules: TokenRules = { sessionIdleMs: 0, lastUsedIntervalMs: 60_000 };

describe('tokens', () => {
  const issued = issueToken(['analyst'], 'desk 1');
  const lookup = (id: string) => (id === issued.record.id ? issued.record : null);

  it('verifies the token it issued', () => {
    expect(verifyToken(issued.token, lookup, 0, rules)?.roles).toEqual(['analyst']);
  });

  it('stores a hash, not the secret', () => {
    const secret = issued.token.split('_').slice(2).join('_');
    expect(issued.record.secretHash.toString('hex')).not.toContain(
      Buffer.from(secret).toString('hex'),
    );
    expect(issued.record.secretHash).toHaveLength(32);
  });

  it('refuses an expired session token', () => {
    const session = issueToken(['analyst'], 'session', { expiresAt: 1000 });
    const find = () => session.record;
    expect(verifyToken(session.token, find, 999, rules)?.roles).toEqual(['analyst']);
    expect(verifyToken(session.token, find, 1000, rules)).toBeNull();
  });

  it('refuses a changed secret, an unknown id, a revoked token and garbage', () => {
    const last = issued.token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(issued.token.slice(0, -1) + last, lookup, 0, rules)).toBeNull();
    expect(verifyToken(issueToken(['analyst'], null).token, lookup, 0, rules)).toBeNull();
    expect(
      verifyToken(issued.token, () => ({ ...issued.record, revokedAt: 1 }), 0, rules),
    ).toBeNull();
    expect(verifyToken('Bearer nonsense', lookup, 0, rules)).toBeNull();
  });

  it('refuses an API token from its expiry on', () => {
    const api = issueToken(['intake'], 'phone system', { expiresAt: 5000 });
    expect(verifyToken(api.token, () => api.record, 4999, rules)?.roles).toEqual(['intake']);
    expect(verifyToken(api.token, () => api.record, 5000, rules)).toBeNull();
  });
});

describe('tokenState', () => {
  const MINUTE = 60_000;
  const idleRules: TokenRules = { sessionIdleMs: 30 * MINUTE, lastUsedIntervalMs: MINUTE };
  const session = { revokedAt: null, expiresAt: null, userId: 'u_1', lastUsedAt: 0 };

  it('ends a session unused for the idle time plus one last-used interval, not a ms earlier', () => {
    expect(tokenState(session, 31 * MINUTE - 1, idleRules)).toBe('active');
    expect(tokenState(session, 31 * MINUTE, idleRules)).toBe('idle');
  });

  it('never idles an API token, nor anything when the idle timeout is off', () => {
    expect(tokenState({ ...session, userId: null }, 1e12, idleRules)).toBe('active');
    expect(tokenState(session, 1e12, { ...idleRules, sessionIdleMs: 0 })).toBe('active');
  });

  it('says revoked before expired before idle', () => {
    expect(tokenState({ ...session, revokedAt: 1, expiresAt: 1 }, 1e12, idleRules)).toBe('revoked');
    expect(tokenState({ ...session, expiresAt: 1 }, 1e12, idleRules)).toBe('expired');
  });
});

describe('lastUsedDue', () => {
  it('writes a first use, then again only once a whole interval has passed', () => {
    expect(lastUsedDue({ lastUsedAt: null }, 0, 60_000)).toBe(true);
    expect(lastUsedDue({ lastUsedAt: 0 }, 59_999, 60_000)).toBe(false);
    expect(lastUsedDue({ lastUsedAt: 0 }, 60_000, 60_000)).toBe(true);
    expect(lastUsedDue({ lastUsedAt: 0 }, 60_001, 60_000)).toBe(true);
  });
});
