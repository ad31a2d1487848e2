/** Logging in with a name and password (a session token), who am I, and logging out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Admin } from '../../admin/admin.service.js';
import { ROLES } from '../../access/roles.js';
import { AppError, rateLimited, validationError } from '../../domain/errors.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { RateLimiter } from '../../protect/rate-limit.js';

export interface SessionRoutesDeps {
  admin: Admin;
  /** Login attempts per hashed network prefix. */
  limiter: RateLimiter;
  sourceOf: (request: FastifyRequest) => string;
}

const loginBody = z.strictObject({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const logoutQuery = z.strictObject({
  /** `true`: end every session of the user, not only this one. */
  everywhere: z.enum(['true', 'false']).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, value));
  return parsed.data;
}

export function sessionRoutes(app: FastifyInstance, deps: SessionRoutesDeps) {
  app.post('/api/v1/session', { config: { access: 'public' } }, async (request, reply) => {
    const { name, password } = parse(loginBody, request.body);
    const source = deps.sourceOf(request);
    // Every attempt reserves one of the network's failed-login allowance before the
    // (slow) password check, so parallel guesses cannot all pass a check made first;
    // a right password gives it back: a busy office signing in is not a flood.
    const reserved = deps.limiter.take(source);
    if (!reserved.ok) throw rateLimited('failed login attempts', reserved.retryAfterSeconds);
    const session = await deps.admin.login(name, password, source);
    deps.limiter.refund(source);
    return reply
      .code(201)
      .send({ ...session, expiresAt: new Date(session.expiresAt).toISOString() });
  });

  app.get('/api/v1/session', { config: { access: [...ROLES] } }, async (request) => ({
    id: request.principal.id,
    roles: request.principal.roles,
    officeId: request.principal.officeId,
  }));

  app.delete('/api/v1/session', { config: { access: [...ROLES] } }, async (request, reply) => {
    const { everywhere } = parse(logoutQuery, request.query);
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
    return reply.code(204).send();
  });
}
