import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, isWrite, readCookie, sessionCookie } from './session-cookie.js';

describe('readCookie', () => {
  it('finds the named cookie among others, the first when repeated', () => {
    expect(readCookie('a=1; tipwire_session=tw_x; b=2', 'tipwire_session')).toBe('tw_x');
    expect(readCookie('tipwire_session=one; tipwire_session=two', 'tipwire_session')).toBe('one');
    expect(readCookie('tipwire_session="quoted"', 'tipwire_session')).toBe('quoted');
  });
  it('does not match a name that only starts or ends like it', () => {
    expect(readCookie('xtipwire_session=1; tipwire_session2=2', 'tipwire_session')).toBeNull();
  });
  it('gives null for none, an empty value or a part without =', () => {
    expect(readCookie(undefined, 'a')).toBeNull();
    expect(readCookie('', 'a')).toBeNull();
    expect(readCookie('a=', 'a')).toBeNull();
    expect(readCookie('a; b=1', 'a')).toBeNull();
  });
});

describe('sessionCookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, with its age in whole seconds', () => {
    expect(sessionCookie('tw_t', 3599.9, false)).toBe(
      'tipwire_session=tw_t; Path=/; Max-Age=3599; HttpOnly; SameSite=Strict',
    );
  });
  it('is Secure only over TLS, and never has a negative age', () => {
    expect(sessionCookie('tw_t', -5, true)).toBe(
      'tipwire_session=tw_t; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
    expect(clearedSessionCookie(false)).toBe(
      'tipwire_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict',
    );
  });
});

describe('isWrite', () => {
  it('is every method but GET, HEAD and OPTIONS', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(isWrite(m)).toBe(false);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isWrite(m)).toBe(true);
  });
});
