import { describe, expect, it } from 'vitest';
import { pseudonymOf, toE164 } from './pseudonym.js';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);

describe('toE164', () => {
  it('reads national and international forms of the same number alike', () => {
    expect(toE164('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(toE164('+86 138-0013-8000')).toBe('+8613800138000');
    expect(toE164('(202) 555-0143', 'US')).toBe('+12025550143');
  });
  it('refuses what cannot be a number', () => {
    expect(toE164('call me maybe')).toBeNull();
    expect(toE164('12', 'CN')).toBeNull();
    expect(toE164('138 0013 8000')).toBeNull();
  });
});

describe('pseudonymOf', () => {
  it('is stable for a number and key, and differs across keys and numbers', () => {
    const a = pseudonymOf('+8613800138000', key);
    expect(a).toBe(pseudonymOf('+8613800138000', key));
    expect(a).toMatch(/^ps_[0-9a-f]{64}$/);
    expect(a).not.toBe(pseudonymOf('+8613800138000', otherKey));
    expect(a).not.toBe(pseudonymOf('+8613800138001', key));
  });
  it('is `ps_` and the hex of HMAC-SHA256 (RFC 4231, test case 2)', () => {
    // Key "Jefe", data "what do ya want for nothing?": the RFC's HMAC-SHA-256 output.
    expect(pseudonymOf('what do ya want for nothing?', Buffer.from('Jefe'))).toBe(
      'ps_5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
  it('does not contain the number', () => {
    expect(pseudonymOf('+8613800138000', key)).not.toContain('13800138000');
  });
});
