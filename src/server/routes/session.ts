/** Logging in with a name and password (a session token), who am I, and logging out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Admin } from '../../access/admin.js';
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

export function sessionRoutes(app: FastifyInstance, deps: SessionRoutesDeps) {
  app.post('/api/v1/session', { config: { access: 'public' } }, async (request, reply) => {
    const source = deps.sourceOf(request);
    // Only failed attempts use up the allowance: a busy office signing in is not a flood.
    const allowed = deps.limiter.check(source);
    if (!allowed.ok) throw rateLimited('failed login attempts', allowed.retryAfterSeconds);
    const parsed = loginBody.safeParse(request.body ?? {});
    if (!parsed.success) throw validationError(fieldIssues(parsed.error, request.body));
    let session;
    try {
      session = await deps.admin.login(parsed.data.name, parsed.data.password, source);
    } catch (err) {
      deps.limiter.take(source);
      throw err;
    }
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
    const { tokenId, id } = request.principal;
    if (!id.startsWith('user:') || !tokenId) {
      throw new AppError(
        'not_a_session',
        'input',
        'this token is an API token, not a login session',
      );
    }
    deps.admin.logout(id, tokenId);
    return reply.code(204).send();
  });
}
