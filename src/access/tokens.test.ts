import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from './tokens.js';

describe('tokens', () => {
  const issued = issueToken('analyst', 'desk 1');
  const lookup = (id: string) => (id === issued.record.id ? issued.record : null);

  it('verifies the token it issued', () => {
    expect(verifyToken(issued.token, lookup)?.role).toBe('analyst');
  });

  it('stores a hash, not the secret', () => {
    const secret = issued.token.split('_').slice(2).join('_');
    expect(issued.record.secretHash.toString('hex')).not.toContain(
      Buffer.from(secret).toString('hex'),
    );
    expect(issued.record.secretHash).toHaveLength(32);
  });

  it('refuses a changed secret, an unknown id, a revoked token and garbage', () => {
    const last = issued.token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(issued.token.slice(0, -1) + last, lookup)).toBeNull();
    expect(verifyToken(issueToken('analyst', null).token, lookup)).toBeNull();
    expect(verifyToken(issued.token, () => ({ ...issued.record, revokedAt: 1 }))).toBeNull();
    expect(verifyToken('Bearer nonsense', lookup)).toBeNull();
  });
});
