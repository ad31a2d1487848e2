import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from './tokens.js';

describe('tokens', () => {
  const issued = issueToken(['analyst'], 'desk 1');
  const lookup = (id: string) => (id === issued.record.id ? issued.record : null);

  it('verifies the token it issued', () => {
    expect(verifyToken(issued.token, lookup, 0)?.roles).toEqual(['analyst']);
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
    expect(verifyToken(session.token, find, 999)?.roles).toEqual(['analyst']);
    expect(verifyToken(session.token, find, 1000)).toBeNull();
  });

  it('refuses a changed secret, an unknown id, a revoked token and garbage', () => {
    const last = issued.token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(issued.token.slice(0, -1) + last, lookup, 0)).toBeNull();
    expect(verifyToken(issueToken(['analyst'], null).token, lookup, 0)).toBeNull();
    expect(verifyToken(issued.token, () => ({ ...issued.record, revokedAt: 1 }), 0)).toBeNull();
    expect(verifyToken('Bearer nonsense', lookup, 0)).toBeNull();
  });
});
