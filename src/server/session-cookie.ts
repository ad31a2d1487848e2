/**
 * The workbench's session travels in a cookie the page's script cannot read
 * (HttpOnly), sent only to tipwire's own pages (SameSite=Strict), over TLS only when
 * the request came over TLS (Secure; behind a proxy, with TIPWIRE_TRUST_PROXY so
 * X-Forwarded-Proto is believed). A write authenticated by the cookie must also carry
 * CLIENT_HEADER: a form on another site cannot set a header, and a script on another
 * site cannot send one without a CORS preflight tipwire never answers.
 */
export const SESSION_COOKIE = 'tipwire_session';
export const CLIENT_HEADER = 'x-tipwire-client';

/** The value of one cookie in a Cookie header, or null (first one wins, like browsers). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return value === '' ? null : value;
  }
  return null;
}

/** Set-Cookie for a session token valid `maxAgeSeconds` more. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const age = Math.max(0, Math.floor(maxAgeSeconds));
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    `Max-Age=${age}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie that makes the browser forget the session. */
export const clearedSessionCookie = (secure: boolean) => sessionCookie('', 0, secure);

/** Methods that change something: a cookie alone does not authorise them. */
export const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
