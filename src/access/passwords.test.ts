import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

/**
 * RFC 7914 §12, second test vector: scrypt(P = "password", S = "NaCl", N = 1024, r = 8,
 * p = 16). The RFC gives 64 bytes; the first 32 are what a 32-byte derivation yields
 * (PBKDF2's first block does not depend on the length asked for).
 */
const RFC_7914 = {
  password: 'password',
  salt: Buffer.from('NaCl'),
  N: 1024,
  r: 8,
  p: 16,
  key: Buffer.from('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162', 'hex'),
};

/** `scrypt$N$r$p$<salt b64>$<hash b64>`, the stored form, from its fields. */
const stored = (fields: { N: number | string; r: number; p: number; salt: Buffer; key: Buffer }) =>
  [
    'scrypt',
    fields.N,
    fields.r,
    fields.p,
    fields.salt.toString('base64'),
    fields.key.toString('base64'),
  ].join('$');

/** Cheap parameters for tests that are not about the cost. */
const CHEAP = { N: 16, r: 1, p: 1 };

describe('verifyPassword', () => {
  it('accepts the RFC 7914 test vector written in the stored form', async () => {
    expect(await verifyPassword(RFC_7914.password, stored(RFC_7914))).toBe(true);
  });

  it('refuses another password against the same hash', async () => {
    expect(await verifyPassword('Password', stored(RFC_7914))).toBe(false);
    expect(await verifyPassword('', stored(RFC_7914))).toBe(false);
  });

  it('reads N, r and p from the stored hash: other parameters give another key', async () => {
    expect(await verifyPassword(RFC_7914.password, stored({ ...RFC_7914, p: 1 }))).toBe(false);
    expect(await verifyPassword(RFC_7914.password, stored({ ...RFC_7914, N: 2048 }))).toBe(false);
  });

  it('refuses a stored hash that is not six $-separated fields starting with scrypt', async () => {
    const good = stored(RFC_7914);
    for (const bad of [
      good.replace(/^scrypt/, 'bcrypt'),
      good.replace(/^scrypt/, 'SCRYPT'),
      `${good}$extra`,
      good.split('$').slice(0, 5).join('$'),
      '',
    ]) {
      expect(await verifyPassword(RFC_7914.password, bad)).toBe(false);
    }
  });

  it('refuses a stored hash of the wrong length instead of throwing', async () => {
    const truncated = stored({ ...RFC_7914, key: RFC_7914.key.subarray(0, 16) });
    expect(await verifyPassword(RFC_7914.password, truncated)).toBe(false);
  });
});

describe('hashPassword', () => {
  it('writes scrypt$N$r$p$salt$hash, the hash being scrypt of the password and that salt', async () => {
    const text = await hashPassword('correct horse battery staple', CHEAP);
    const [scheme, N, r, p, salt, hash, ...rest] = text.split('$');
    expect([scheme, N, r, p, rest]).toEqual(['scrypt', '16', '1', '1', []]);
    const saltBytes = Buffer.from(salt!, 'base64');
    expect(saltBytes).toHaveLength(16);
    const expected = scryptSync('correct horse battery staple', saltBytes, 32, CHEAP);
    expect(Buffer.from(hash!, 'base64').equals(expected)).toBe(true);
  });

  it('salts every hash afresh', async () => {
    const a = await hashPassword('correct horse battery staple', CHEAP);
    const b = await hashPassword('correct horse battery staple', CHEAP);
    expect(a).not.toBe(b);
  });

  it('round-trips through verifyPassword, and refuses a wrong password', async () => {
    const text = await hashPassword('correct horse battery staple', CHEAP);
    expect(await verifyPassword('correct horse battery staple', text)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', text)).toBe(false);
  });

  it('costs N = 2^15, r = 8, p = 1 by default, and verifies at that cost', async () => {
    const text = await hashPassword('correct horse battery staple');
    expect(text.startsWith(`scrypt$${2 ** 15}$8$1$`)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', text)).toBe(true);
  });
});

describe('DUMMY_PASSWORD_HASH', () => {
  it('costs what a real default hash costs: same parameters, a 16-byte salt, a 32-byte hash', async () => {
    const real = (await hashPassword('correct horse battery staple')).split('$');
    const dummy = DUMMY_PASSWORD_HASH.split('$');
    expect(dummy).toHaveLength(6);
    expect(dummy.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(Buffer.from(dummy[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(dummy[5]!, 'base64')).toHaveLength(32);
  });

  it('matches no password', async () => {
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', DUMMY_PASSWORD_HASH)).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('asks for at least 12 characters', () => {
    expect(passwordProblem('a'.repeat(11))).toBe('must be at least 12 characters');
    expect(passwordProblem('a'.repeat(12))).toBeNull();
  });

  it('allows at most 1024 characters', () => {
    expect(passwordProblem('a'.repeat(1024))).toBeNull();
    expect(passwordProblem('a'.repeat(1025))).toBe('must be at most 1024 characters');
  });
});
