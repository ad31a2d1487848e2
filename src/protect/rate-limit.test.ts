import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, networkPrefix, sourceHasher } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perMinute: 6 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take('b').ok).toBe(true);
    now += 10_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  describe('refund', () => {
    it('gives back a taken request, so exactly one more is allowed', () => {
      const limiter = createRateLimiter({ burst: 3, perMinute: 1 }, () => 0);
      expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
      limiter.refund('a');
      expect(limiter.take('a').ok).toBe(true);
      expect(limiter.take('a').ok).toBe(false);
    });

    it('never raises a source above its burst', () => {
      const limiter = createRateLimiter({ burst: 2, perMinute: 1 }, () => 0);
      limiter.take('a');
      limiter.refund('a');
      limiter.refund('a');
      expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, false]);
    });

    it('counts the refill up to the refund, capped at the burst', () => {
      let now = 0;
      const limiter = createRateLimiter({ burst: 2, perMinute: 6 }, () => now);
      limiter.take('a');
      limiter.take('a');
      now = 9_999; // 0.9999 of a token refilled: one refund makes it 1.9999
      limiter.refund('a');
      expect(limiter.take('a').ok).toBe(true);
      expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
      now = 60_000; // long enough to be full again: a refund adds nothing
      limiter.refund('a');
      expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, false]);
    });

    it('ignores a source it does not track (it has its whole burst anyway)', () => {
      const limiter = createRateLimiter({ burst: 1, perMinute: 1 }, () => 0);
      limiter.refund('a');
      expect(limiter.size()).toBe(0);
      expect(limiter.take('a').ok).toBe(true);
      expect(limiter.take('a').ok).toBe(false);
    });
  });

  it('forgets the least recently seen sources beyond its bound', () => {
    const limiter = createRateLimiter({ burst: 1, perMinute: 1 }, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.size()).toBe(2);
    expect(limiter.take('a').ok).toBe(true);
  });
});

describe('networkPrefix', () => {
  const settings = { ipv4PrefixBits: 24, ipv6PrefixBits: 48 };
  it('groups IPv4 addresses by /24, also when IPv6-mapped', () => {
    expect(networkPrefix('203.0.113.77', settings)).toBe('203.0.113.0/24');
    expect(networkPrefix('::ffff:203.0.113.9', settings)).toBe('203.0.113.0/24');
    expect(networkPrefix('10.1.2.3', { ...settings, ipv4PrefixBits: 16 })).toBe('10.1.0.0/16');
  });
  it('groups IPv6 addresses by /48', () => {
    expect(networkPrefix('2001:db8:abcd:12::1', settings)).toBe('2001:db8:abcd::/48');
    expect(networkPrefix('2001:db8::1', settings)).toBe('2001:db8:0::/48');
  });
  it('reads an IPv6-mapped IPv4 address with octets of any length', () => {
    expect(networkPrefix('::ffff:203.10.113.77', settings)).toBe('203.10.113.0/24');
    expect(networkPrefix('::FFFF:9.8.7.6', settings)).toBe('9.8.7.0/24');
  });
  it('expands "::" into the zero groups it stands for, wherever it is', () => {
    const all = { ...settings, ipv6PrefixBits: 128 };
    expect(networkPrefix('2001:db8::1:2:3:4:5', { ...settings, ipv6PrefixBits: 64 })).toBe(
      '2001:db8:0:1::/64',
    );
    expect(networkPrefix('::1', all)).toBe('0:0:0:0:0:0:0:1::/128');
    expect(networkPrefix('fe80::', all)).toBe('fe80:0:0:0:0:0:0:0::/128');
    expect(networkPrefix('2001:DB8:0:0:0:0:0:AB', all)).toBe('2001:db8:0:0:0:0:0:ab::/128');
  });
  it('adds no zero group to an address written without "::"', () => {
    // A dotted IPv4 tail written out in full: seven parts, and no "::" to expand.
    expect(networkPrefix('64:ff9b:0:0:0:0:1.2.3.4', { ...settings, ipv6PrefixBits: 128 })).toBe(
      '64:ff9b:0:0:0:0:1.2.3.4::/128',
    );
  });
  it('returns what is not an IP address as it is', () => {
    for (const notAnAddress of ['unknown', 'x::ffff:203.0.113.9', '::ffff:203.0.113.9x', '']) {
      expect(networkPrefix(notAnAddress, settings)).toBe(notAnAddress);
    }
  });
});

describe('sourceHasher', () => {
  it('hashes alike within a process and never returns the source', () => {
    const hash = sourceHasher();
    expect(hash('203.0.113.0/24')).toBe(hash('203.0.113.0/24'));
    expect(hash('203.0.113.0/24')).not.toContain('203.0.113');
  });
  it('is the first 22 base64url characters (132 bits) of HMAC-SHA256 under its key', () => {
    const key = Buffer.alloc(32, 5);
    const full = createHmac('sha256', key).update('203.0.113.0/24').digest('base64url');
    expect(sourceHasher(key)('203.0.113.0/24')).toBe(full.slice(0, 22));
    expect(sourceHasher(key)('203.0.113.0/24')).toHaveLength(22);
  });
});
