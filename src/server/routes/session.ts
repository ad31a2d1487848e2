/** Logging in with a name and password (a session token), who am I, and logging out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Admin } from '../../admin/admin.service.js';
import { ROLES } from '../../access/roles.js';
import { AppError, rateLimited } from '../../domain/errors.js';
import type { RateLimiter } from '../../protect/rate-limit.js';
import { validate, type RouteSchemas } from '../route-schemas.js';
import { clearedSessionCookie, sessionCookie } from '../session-cookie.js';

export interface SessionRoutesDeps {
  admin: Admin;
  /** Login attempts per hashed network prefix. */
  limiter: RateLimiter;
  sourceOf: (request: FastifyRequest) => string;
  clock: () => number;
}

const whoAmI = z.object({
  id: z
    .string()
    .meta({ description: '`user:<name>` for a session, `token:<id>` for an API token' }),
  roles: z.array(z.enum(ROLES)),
  officeId: z.string().nullable(),
});

const loginRoute = {
  summary: 'Log in',
  description: 'Log in with a name and password: a session token.',
  body: z.strictObject({
    name: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
  }),
  answers: {
    201: {
      description:
        'the session (its token is shown only this once), also set as the HttpOnly, SameSite=Strict cookie `tipwire_session` (Secure over TLS); a write authorised by that cookie alone must send the `x-tipwire-client` header',
      schema: z.looseObject({ token: z.string(), expiresAt: z.string() }),
    },
    429: { description: 'too many failed logins from your network (Retry-After)' },
  },
} satisfies RouteSchemas;

const whoAmIRoute = {
  summary: 'Who am I',
  description: 'The principal the token proves: its id, roles and office.',
  answers: { 200: { description: 'the principal', schema: whoAmI } },
} satisfies RouteSchemas;

const logoutRoute = {
  summary: 'Log out',
  description: 'Ends this session; `?everywhere=true` ends every session of the user.',
  query: z.strictObject({
    /** `true`: end every session of the user, not only this one. */
    everywhere: z.enum(['true', 'false']).optional(),
  }),
  answers: {
    204: { description: 'the session (or every session of the user) has ended' },
    400: { description: 'an API token, not a login session, or a bad parameter' },
  },
} satisfies RouteSchemas;

export function sessionRoutes(app: FastifyInstance, deps: SessionRoutesDeps) {
  app.post(
    '/api/v1/session',
    { config: { access: 'public', schemas: loginRoute } },
    async (request, reply) => {
      const { name, password } = validate(loginRoute.body, request.body);
      const source = deps.sourceOf(request);
      // Every attempt reserves one of the network's failed-login allowance before the
      // (slow) password check, so parallel guesses cannot all pass a check made first;
      // a right password gives it back: a busy office signing in is not a flood.
      const reserved = deps.limiter.take(source);
      if (!reserved.ok) throw rateLimited('failed login attempts', reserved.retryAfterSeconds);
      const session = await deps.admin.login(name, password, source);
      deps.limiter.refund(source);
      const secure = request.protocol === 'https';
      const maxAge = (session.expiresAt - deps.clock()) / 1000;
      return reply
        .code(201)
        .header('set-cookie', sessionCookie(session.token, maxAge, secure))
        .send({ ...session, expiresAt: new Date(session.expiresAt).toISOString() });
    },
  );

  app.get(
    '/api/v1/session',
    { config: { access: [...ROLES], schemas: whoAmIRoute } },
    async (request) => ({
      id: request.principal.id,
      roles: request.principal.roles,
      officeId: request.principal.officeId,
    }),
  );

  app.delete(
    '/api/v1/session',
    { config: { access: [...ROLES], schemas: logoutRoute } },
    async (request, reply) => {
      const { everywhere } = validate(logoutRoute.query, request.query);
      const { tokenId, id } = request.principal;
      if (!id.startsWith('user:') || !tokenId) {
        throw new AppError(
          'not_a_session',
          'input',
          'this token is an API token, not a login session',
        );
      }
      if (everywhere === 'true') await deps.admin.logoutEverywhere(id, tokenId);
      else await deps.admin.logout(id, tokenId);
      return reply
        .code(204)
        .header('set-cookie', clearedSessionCookie(request.protocol === 'https'))
        .send();
    },
  );
}
