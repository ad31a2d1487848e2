/**
 * The only place errors become HTTP answers. Every error body has the same shape:
 * `{"error": {"code", "message", "issues"?: [{"path", "message"}]}}`. Messages
 * never echo request content (a JSON syntax error would otherwise quote the body).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind } from '../domain/errors.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  timeout: 408,
  unavailable: 503,
  technical: 500,
};

const STATUS_BY_CODE: Record<string, number> = {
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  // A part of a multipart body over its limit (the JSON body's own is Fastify's, below).
  body_too_large: 413,
  unsupported_media_type: 415,
};

/** Fastify's own errors, with our code and a fixed message. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    message: 'request body is larger than the limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'send the body as application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'body is empty; send a JSON object',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_content_length',
    message: 'Content-Length does not match the body',
  },
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export function toHttpError(err: unknown): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (err instanceof AppError) {
    const status = STATUS_BY_CODE[err.code] ?? STATUS_BY_KIND[err.kind];
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.issues.length > 0) body.error.issues = err.issues;
    const retryAfter = err.retryAfterSeconds ?? (err.kind === 'unavailable' ? 1 : undefined);
    const headers = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : undefined;
    return { status, body, headers };
  }
  const fe = err as FastifyError;
  const known = fe?.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known)
    return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: 'bad_request', message: 'the request could not be read' } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body, headers } = toHttpError(err);
  if (status >= 500) {
    // Our own failure: code and stack are ours; the request content is not logged.
    const e = err as Error & { code?: string };
    request.log.error({ err: { name: e?.name, code: e?.code, stack: e?.stack } }, 'request failed');
  }
  if (headers) void reply.headers(headers);
  void reply.code(status).send(body);
}

export const notFound = (message = 'not found') => new AppError('not_found', 'not_found', message);

const CLIENT_ERRORS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
};

/**
 * A request Node could not parse (bad framing, headers too large, too slow). Fastify's
 * own handler logs the error with its `rawPacket` at trace level: the raw bytes, which
 * can hold a caller's number, a token or a narrative. Only the error code is logged.
 */
export function answerClientError(
  this: { log: { debug: (o: object, m: string) => void } },
  err: Error & { code?: string },
  socket: import('node:net').Socket,
) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ code: err.code ?? 'unknown' }, 'client error');
  const [status, text] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request'];
  const body = JSON.stringify({
    error: { code: 'bad_request', message: 'the request could not be read' },
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n` +
        `Content-Type: application/json\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
