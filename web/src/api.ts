/**
 * Calls to tipwire's API from the pages. Same origin only; the session travels in
 * tipwire's HttpOnly cookie (the page never sees a token), so every call sends
 * credentials `same-origin` and a header the server requires on cookie-authenticated
 * writes (`x-tipwire-client`): a cross-site form cannot set it, and a cross-site
 * script cannot send it without a CORS preflight that tipwire does not answer.
 * Error answers have one shape (src/server/http-errors.ts): `ApiError` keeps their
 * code, message, field issues and Retry-After.
 */
import type { ErrorBody } from '../../src/server/http-errors.js';
// The header's name is the server's own constant (a module without dependencies).
import { CLIENT_HEADER } from '../../src/server/session-cookie.js';

export { CLIENT_HEADER };
export const API = '/api/v1/';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Told of every 401 an API call gets (the session expired, was signed out elsewhere or
 * revoked): the sign-in gate listens and shows the form again. Calls made outside
 * `call()` (the live stream's fetch) report theirs with `reportUnauthorized`.
 */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function reportUnauthorized() {
  for (const listener of [...unauthorizedListeners]) listener();
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON; a FormData as multipart/form-data. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * `omit` for the public reporter pages: a report or a reply must never go out under
   * a workbench session that happens to be open in the same browser.
   */
  credentials?: 'same-origin' | 'omit';
}

/** One API call → its JSON answer (undefined for 204); throws ApiError on any non-2xx. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [CLIENT_HEADER]: 'web',
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // multipart/form-data: the browser writes the Content-Type with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(path.startsWith('/') ? path : API + path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    credentials: options.credentials ?? 'same-origin',
    signal: options.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status alone says what happened.
  }
  if (!res.ok) {
    if (res.status === 401) reportUnauthorized();
    const err = (parsed as ErrorBody | undefined)?.error;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : 'http_' + res.status,
      typeof err?.message === 'string' ? err.message : res.statusText,
      Array.isArray(err?.issues) ? err.issues : [],
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }
  return parsed as T;
}
