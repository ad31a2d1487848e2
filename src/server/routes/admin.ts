/**
 * Administration over HTTP: users (and disabling them, new passwords, signing them
 * out everywhere), field offices, API tokens and sessions (listing, revoking), the
 * effective settings.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRoles, type Admin } from '../../admin/admin.service.js';
import { validationError } from '../../domain/errors.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { Store, User } from '../../store/store.js';
import { encodeCursor, parsePageQuery } from '../pagination.js';

export interface AdminRoutesDeps {
  admin: Admin;
  store: Store;
  /** Every setting's effective value (secrets shown as set or not). */
  effectiveSettings: () => { env: string; value: unknown }[];
  pageSizeMax: number;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, value));
  return parsed.data;
}

const roles = z.union([z.string(), z.array(z.string())]);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const userView = (u: User) => ({
  id: u.id,
  name: u.name,
  roles: u.roles,
  officeId: u.officeId,
  disabledAt: iso(u.disabledAt),
});

const userParams = z.strictObject({ id: z.string().min(1).max(100) });
const tokenParams = z.strictObject({
  id: z.string().regex(/^[a-z2-7]{12}$/, 'is not a token id (12 letters a–z and digits 2–7)'),
});

export function adminRoutes(app: FastifyInstance, deps: AdminRoutesDeps) {
  const { admin, store } = deps;

  app.get('/api/v1/users', { config: { access: ['admin'] } }, async () => ({
    items: store.users.list().map(userView),
  }));

  const userBody = z.strictObject({
    name: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    roles,
    officeId: z.string().min(1).max(100).nullable().optional(),
  });
  app.post('/api/v1/users', { config: { access: ['admin'] } }, async (request, reply) => {
    const body = parse(userBody, request.body);
    const user = await admin.createUser(request.principal.id, {
      ...body,
      roles: parseRoles(body.roles),
    });
    return reply.code(201).send(userView(user));
  });

  // Disabling revokes every session of the user at once; a disabled user cannot log in.
  for (const action of ['disable', 'enable'] as const) {
    app.post(`/api/v1/users/:id/${action}`, { config: { access: ['admin'] } }, async (request) => {
      const { id } = parse(userParams, request.params);
      parse(z.strictObject({}), request.body);
      const result = await admin.setUserDisabled(request.principal.id, id, action === 'disable');
      return {
        ...userView(result.user),
        changed: result.changed,
        sessionsRevoked: result.sessionsRevoked,
      };
    });
  }

  const passwordBody = z.strictObject({ password: z.string().min(1).max(1024) });
  app.put('/api/v1/users/:id/password', { config: { access: ['admin'] } }, async (request) => {
    const { id } = parse(userParams, request.params);
    const { password } = parse(passwordBody, request.body);
    return admin.resetPassword(request.principal.id, id, password);
  });

  app.delete('/api/v1/users/:id/sessions', { config: { access: ['admin'] } }, async (request) => {
    const { id } = parse(userParams, request.params);
    return await admin.signOutEverywhere(request.principal.id, id);
  });

  app.get('/api/v1/offices', { config: { access: ['admin', 'supervisor'] } }, async () => ({
    items: store.offices
      .list()
      .map((o) => ({ id: o.id, name: o.name, createdAt: new Date(o.createdAt).toISOString() })),
  }));

  app.post('/api/v1/offices', { config: { access: ['admin'] } }, async (request, reply) => {
    const { name } = parse(
      z.strictObject({ name: z.string().trim().min(1).max(64) }),
      request.body,
    );
    const office = await admin.createOffice(request.principal.id, name);
    return reply.code(201).send({ id: office.id, name: office.name });
  });

  const tokenBody = z.strictObject({
    roles,
    label: z.string().trim().min(1).max(200).optional(),
    officeId: z.string().min(1).max(100).nullable().optional(),
    /** 0: never expires; absent: TIPWIRE_TOKEN_DEFAULT_DAYS. */
    expiresInDays: z.number().int().min(0).max(36_500).optional(),
  });
  app.post('/api/v1/tokens', { config: { access: ['admin'] } }, async (request, reply) => {
    const body = parse(tokenBody, request.body);
    const issued = await admin.createToken(request.principal.id, {
      ...body,
      roles: parseRoles(body.roles),
    });
    return reply.code(201).send({
      id: issued.record.id,
      token: issued.token,
      roles: issued.record.roles,
      expiresAt: iso(issued.record.expiresAt),
    });
  });

  const tokenListQuery = z.strictObject({
    limit: z.string().optional(),
    cursor: z.string().optional(),
    userId: z.string().min(1).max(100).optional(),
    kind: z.enum(['session', 'api']).optional(),
  });
  /** API tokens and sessions, newest first: never the secret or its hash. */
  app.get('/api/v1/tokens', { config: { access: ['admin'] } }, async (request) => {
    const { userId, kind } = parse(tokenListQuery, request.query);
    const { limit, after } = parsePageQuery(request.query, deps.pageSizeMax);
    const page = await admin.listTokens(limit, after, { userId, kind });
    return {
      items: page.items.map((t) => ({
        id: t.id,
        kind: t.kind,
        label: t.label,
        roles: t.roles,
        officeId: t.officeId,
        userId: t.userId,
        userName: t.userName,
        createdAt: iso(t.createdAt),
        lastUsedAt: iso(t.lastUsedAt),
        expiresAt: iso(t.expiresAt),
        revokedAt: iso(t.revokedAt),
        state: t.state,
      })),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  });

  /** Revokes a token or a session at once (its next request gets 401). */
  app.delete('/api/v1/tokens/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const { id } = parse(tokenParams, request.params);
    await admin.revokeToken(request.principal.id, id);
    return reply.code(204).send();
  });

  /** Every setting's effective value; secrets only as "set" or not. */
  app.get('/api/v1/settings', { config: { access: ['admin'] } }, async () => ({
    items: deps.effectiveSettings(),
  }));
}
