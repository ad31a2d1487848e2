/**
 * The whole-body deadline. A request body can carry a caller's phone number, which
 * may live in memory only TIPWIRE_CALLER_TTL_SECONDS: a body still arriving that
 * long after its headers (a slow sender, or all but the last byte held back) is cut —
 * 408 and the connection closed — and whatever part of it arrived is dropped unread.
 * Node's own `requestTimeout` is checked only once per `connectionsCheckingInterval`,
 * which let a held-back body through 45 s late; this timer fires on time. The
 * headers before the body are bounded by Node's timeouts (app.ts). A multipart body
 * is read by its route's handler, after validation starts: its deadline holds until
 * the handler says the body is in (`bodyArrived`) or the answer is sent.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

const RESPONSE_BODY = JSON.stringify({
  error: { code: 'request_timeout', message: 'the request did not arrive in time' },
});
const RESPONSE =
  'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${Buffer.byteLength(RESPONSE_BODY)}\r\n\r\n${RESPONSE_BODY}`;

const isMultipart = (request: FastifyRequest) =>
  /^multipart\//i.test(request.headers['content-type'] ?? '');

/** The whole body has been read: its deadline no longer applies. */
export function bodyArrived(request: FastifyRequest) {
  const timer = timers.get(request);
  if (timer) {
    clearTimeout(timer);
    timers.delete(request);
  }
}

/** Whether the request announces a body (only a body can carry a caller's number). */
function hasBody(request: FastifyRequest): boolean {
  const { headers } = request.raw;
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function installRequestDeadline(app: FastifyInstance, limitMs: number) {
  const clear = bodyArrived;

  app.addHook('onRequest', (request, _reply, done) => {
    if (hasBody(request)) {
      const socket = request.raw.socket;
      timers.set(
        request,
        setTimeout(() => {
          timers.delete(request);
          request.log.info({ route: request.routeOptions.url ?? 'unmatched' }, 'body too slow');
          if (socket.writable) socket.write(RESPONSE);
          socket.destroy();
          // The partial body buffered so far goes with the request.
          request.raw.destroy();
        }, limitMs),
      );
    }
    done();
  });
  // The body has been read (or refused) once validation starts or an answer is sent;
  // a multipart body only once its handler has read it.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!isMultipart(request)) clear(request);
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    clear(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    clear(request);
    done();
  });
}
