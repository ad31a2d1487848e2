/** Administration over HTTP: users, field offices, API tokens, the effective settings. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseRoles, type Admin } from '../../access/admin.js';
import { describeSettings, SETTINGS, type Config } from '../../config.js';
import { validationError } from '../../domain/errors.js';
import { fieldIssues } from '../../intake/report-schema.js';
import type { Store } from '../../store/store.js';

export interface AdminRoutesDeps {
  admin: Admin;
  store: Store;
  config: Config;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, value));
  return parsed.data;
}

const roles = z.union([z.string(), z.array(z.string())]);

export function adminRoutes(app: FastifyInstance, deps: AdminRoutesDeps) {
  const { admin, store } = deps;

  app.get('/api/v1/users', { config: { access: ['admin'] } }, async () => ({
    items: store.users
      .list()
      .map((u) => ({ id: u.id, name: u.name, roles: u.roles, officeId: u.officeId })),
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
    return reply
      .code(201)
      .send({ id: user.id, name: user.name, roles: user.roles, officeId: user.officeId });
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
    const office = admin.createOffice(request.principal.id, name);
    return reply.code(201).send({ id: office.id, name: office.name });
  });

  const tokenBody = z.strictObject({
    roles,
    label: z.string().trim().min(1).max(200).optional(),
    officeId: z.string().min(1).max(100).nullable().optional(),
  });
  app.post('/api/v1/tokens', { config: { access: ['admin'] } }, async (request, reply) => {
    const body = parse(tokenBody, request.body);
    const issued = admin.createToken(request.principal.id, {
      ...body,
      roles: parseRoles(body.roles),
    });
    return reply
      .code(201)
      .send({ id: issued.record.id, token: issued.token, roles: issued.record.roles });
  });

  /** Every setting's effective value; secrets only as "set" or not. */
  app.get('/api/v1/settings', { config: { access: ['admin'] } }, async () => ({
    items: describeSettings().map((s) => {
      const key = (Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]).find(
        (k) => SETTINGS[k].env === s.env,
      )!;
      const spec = SETTINGS[key] as { secret?: boolean };
      const value = deps.config[key];
      return {
        env: s.env,
        value: spec.secret ? (value === undefined ? null : '(set)') : (value ?? null),
      };
    }),
  }));
}
