/**
 * Administration over HTTP: users (and disabling them, new passwords, signing them
 * out everywhere), field offices, API tokens and sessions (listing, revoking), the
 * effective settings.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRoles, type Admin } from '../../admin/admin.service.js';
import type { Store, User } from '../../store/store.js';
import { encodeCursor, pageQuery, parsePageQuery } from '../pagination.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

export interface AdminRoutesDeps {
  admin: Admin;
  store: Store;
  /** Every setting's effective value (secrets shown as set or not). */
  effectiveSettings: () => { env: string; value: unknown }[];
  pageSizeMax: number;
}

const roles = z.union([z.string(), z.array(z.string())]).meta({
  description: 'a role, roles separated by commas, or a list of roles',
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const userView = (u: User) => ({
  id: u.id,
  name: u.name,
  roles: u.roles,
  officeId: u.officeId,
  disabledAt: iso(u.disabledAt),
});
const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  officeId: z.string().nullable(),
  disabledAt: z.string().nullable(),
});

const userParams = z.strictObject({ id: z.string().min(1).max(100) });
const tokenParams = z.strictObject({
  id: z.string().regex(/^[a-z2-7]{12}$/, 'is not a token id (12 letters a–z and digits 2–7)'),
});
const office = z.object({ id: z.string(), name: z.string() });

const usersRoute = {
  summary: 'List users',
  description: 'Every user; a user shows `disabledAt`.',
  answers: { 200: { description: 'the users', schema: z.object({ items: z.array(userSchema) }) } },
} satisfies RouteSchemas;

const createUserRoute = {
  summary: 'Create a user',
  description: 'A user who logs in with a name and password.',
  body: z.strictObject({
    name: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    roles,
    officeId: z.string().min(1).max(100).nullable().optional(),
  }),
  answers: { 201: { description: 'the user', schema: userSchema } },
} satisfies RouteSchemas;

const disableRoute = (action: 'disable' | 'enable') =>
  ({
    summary: action === 'disable' ? 'Disable a user' : 'Enable a user',
    description:
      action === 'disable'
        ? 'Every session of the user ends and they cannot log in; `changed`, `sessionsRevoked`.'
        : 'The user may log in again; `changed`, `sessionsRevoked`.',
    params: userParams,
    body: z.strictObject({}),
    answers: {
      200: {
        description: 'the user',
        schema: userSchema.extend({ changed: z.boolean(), sessionsRevoked: z.number() }),
      },
    },
  }) satisfies RouteSchemas;

const passwordRoute = {
  summary: 'Set a user’s password',
  description: '`{"password":"…"}`: a new password; every session of the user ends.',
  params: userParams,
  body: z.strictObject({ password: z.string().min(1).max(1024) }),
  answers: { 200: { description: 'done; the sessions revoked', schema: z.looseObject({}) } },
} satisfies RouteSchemas;

const signOutRoute = {
  summary: 'Sign a user out everywhere',
  description: 'Ends every session of the user: `{"sessionsRevoked":n}`.',
  params: userParams,
  answers: {
    200: {
      description: 'the sessions revoked',
      schema: z.looseObject({ sessionsRevoked: z.number() }),
    },
  },
} satisfies RouteSchemas;

/** Exported for its answer type (the workbench routes incidents to these offices). */
export const officesRoute = {
  summary: 'List field offices',
  description: 'The field offices (supervisors read them to route cases).',
  answers: {
    200: {
      description: 'the offices',
      schema: z.object({ items: z.array(office.extend({ createdAt: z.string() })) }),
    },
  },
} satisfies RouteSchemas;

const createOfficeRoute = {
  summary: 'Create a field office',
  description: '`{"name":"…"}`: a new field office.',
  body: z.strictObject({ name: z.string().trim().min(1).max(64) }),
  answers: { 201: { description: 'the office', schema: office } },
} satisfies RouteSchemas;

const createTokenRoute = {
  summary: 'Create an API token',
  description:
    '`{"roles":"intake","label":"…","officeId":…,"expiresInDays":365}` → the token (shown once) and `expiresAt`; `expiresInDays` `0`: never expires, absent: `TIPWIRE_TOKEN_DEFAULT_DAYS`.',
  body: z.strictObject({
    roles,
    label: z.string().trim().min(1).max(200).optional(),
    officeId: z.string().min(1).max(100).nullable().optional(),
    /** 0: never expires; absent: TIPWIRE_TOKEN_DEFAULT_DAYS. */
    expiresInDays: z.number().int().min(0).max(36_500).optional(),
  }),
  answers: {
    201: {
      description: 'the token, shown only this once',
      schema: z.object({
        id: z.string(),
        token: z.string(),
        roles: z.array(z.string()),
        expiresAt: z.string().nullable(),
      }),
    },
  },
} satisfies RouteSchemas;

const tokenFilter = z.strictObject({
  limit: z.string().optional(),
  cursor: z.string().optional(),
  userId: z.string().min(1).max(100).optional(),
  kind: z.enum(['session', 'api']).optional(),
});

export function adminRoutes(app: FastifyInstance, deps: AdminRoutesDeps) {
  const { admin, store } = deps;

  app.get('/api/v1/users', { config: { access: ['admin'], schemas: usersRoute } }, async () => ({
    items: store.users.list().map(userView),
  }));

  app.post(
    '/api/v1/users',
    { config: { access: ['admin'], schemas: createUserRoute } },
    async (request, reply) => {
      const body = validate(createUserRoute.body, request.body);
      const user = await admin.createUser(request.principal.id, {
        ...body,
        roles: parseRoles(body.roles),
      });
      return reply.code(201).send(userView(user));
    },
  );

  // Disabling revokes every session of the user at once; a disabled user cannot log in.
  for (const action of ['disable', 'enable'] as const) {
    const route = disableRoute(action);
    app.post(
      `/api/v1/users/:id/${action}`,
      { config: { access: ['admin'], schemas: route } },
      async (request) => {
        const { id } = validate(route.params, request.params);
        validate(route.body, request.body);
        const result = await admin.setUserDisabled(request.principal.id, id, action === 'disable');
        return {
          ...userView(result.user),
          changed: result.changed,
          sessionsRevoked: result.sessionsRevoked,
        };
      },
    );
  }

  app.put(
    '/api/v1/users/:id/password',
    { config: { access: ['admin'], schemas: passwordRoute } },
    async (request) => {
      const { id } = validate(passwordRoute.params, request.params);
      const { password } = validate(passwordRoute.body, request.body);
      return admin.resetPassword(request.principal.id, id, password);
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions',
    { config: { access: ['admin'], schemas: signOutRoute } },
    async (request) => {
      const { id } = validate(signOutRoute.params, request.params);
      return await admin.signOutEverywhere(request.principal.id, id);
    },
  );

  app.get(
    '/api/v1/offices',
    { config: { access: ['admin', 'supervisor'], schemas: officesRoute } },
    async () => ({
      items: store.offices
        .list()
        .map((o) => ({ id: o.id, name: o.name, createdAt: new Date(o.createdAt).toISOString() })),
    }),
  );

  app.post(
    '/api/v1/offices',
    { config: { access: ['admin'], schemas: createOfficeRoute } },
    async (request, reply) => {
      const { name } = validate(createOfficeRoute.body, request.body);
      const office = await admin.createOffice(request.principal.id, name);
      return reply.code(201).send({ id: office.id, name: office.name });
    },
  );

  app.post(
    '/api/v1/tokens',
    { config: { access: ['admin'], schemas: createTokenRoute } },
    async (request, reply) => {
      const body = validate(createTokenRoute.body, request.body);
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
    },
  );

  const listTokensRoute = {
    summary: 'List API tokens and sessions',
    description:
      'API tokens and sessions (`kind=api`|`session`), newest first: `id`, `kind`, `label`, `roles`, `officeId`, `userId`, `userName`, `createdAt`, `lastUsedAt`, `expiresAt`, `revokedAt`, `state` (`active`, `revoked`, `expired`, `idle`); never the secret or its hash.',
    // The filter is checked first (strict: it names unknown parameters), then paging.
    query: tokenFilter.extend(pageQuery(deps.pageSizeMax).shape),
    answers: {
      200: {
        description: 'a page of tokens',
        schema: z.object({ items: z.array(z.looseObject({})), nextCursor: z.string().nullable() }),
      },
    },
  } satisfies RouteSchemas;
  /** API tokens and sessions, newest first: never the secret or its hash. */
  app.get(
    '/api/v1/tokens',
    { config: { access: ['admin'], schemas: listTokensRoute } },
    async (request) => {
      const { userId, kind } = validate(tokenFilter, request.query);
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
    },
  );

  const revokeRoute = {
    summary: 'Revoke a token or a session',
    description: 'Revoke a token or a session: its next request gets `401`.',
    params: tokenParams,
    answers: { 204: { description: 'revoked' } },
  } satisfies RouteSchemas;
  /** Revokes a token or a session at once (its next request gets 401). */
  app.delete(
    '/api/v1/tokens/:id',
    { config: { access: ['admin'], schemas: revokeRoute } },
    async (request, reply) => {
      const { id } = validate(revokeRoute.params, request.params);
      await admin.revokeToken(request.principal.id, id);
      return reply.code(204).send();
    },
  );

  const settingsRoute = {
    summary: 'The effective settings',
    description: 'Every setting’s effective value; secrets only as "(set)" or null.',
    answers: {
      200: {
        description: 'the settings',
        schema: z.object({ items: z.array(z.object({ env: z.string(), value: z.unknown() })) }),
      },
    },
  } satisfies RouteSchemas;
  /** Every setting's effective value; secrets only as "set" or not. */
  app.get(
    '/api/v1/settings',
    { config: { access: ['admin'], schemas: settingsRoute } },
    async () => ({ items: deps.effectiveSettings() }),
  );
}
