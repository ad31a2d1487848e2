/**
 * The OpenAPI 3.1 document, generated from what each route declares (its access
 * and its zod schemas, route-schemas.ts) and from the error shape of
 * http-errors.ts; nothing is written twice. Served at GET /api/v1/openapi.json,
 * with a plain page listing the routes at GET /docs, and the README's route table
 * is printed from it (`routesTable`). The workbench's static files are left out.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Access } from './auth.js';
import type { ErrorBody } from './http-errors.js';
import type { RouteAnswer, RouteSchemas } from './route-schemas.js';

/** A route as Fastify registered it, with what it declares. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access?: Access;
  schemas?: RouteSchemas;
}

type JsonSchema = Record<string, unknown>;

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
  security: Record<string, string[]>[];
  'x-roles'?: string[];
  /** Set on a route that declares no schemas: the coverage test names it. */
  'x-undeclared'?: true;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** The error body of every refusal (http-errors.ts); the type check keeps the two equal. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'stable machine-readable code' }),
    message: z.string().meta({ description: 'for people; names the bad field, never echoes it' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorShapeMatches: Same<z.infer<typeof errorBodySchema>, ErrorBody> = true;
void errorShapeMatches;

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Records every route as it is added; call before the routes are added. */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    // @fastify/static marks its file routes hidden (schemaHide): the workbench's files.
    if ((route.schema as { hide?: boolean } | undefined)?.hide === true) return;
    for (const method of [route.method].flat()) {
      routes.push({
        method,
        url: route.url,
        access: route.config?.access,
        schemas: route.config?.schemas,
      });
    }
  });
  return routes;
}

/** `/api/v1/reports/:id` → `/api/v1/reports/{id}`. */
export const openApiPath = (url: string): string => url.replace(/:(\w+)/g, '{$1}');

const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    // Transforms, refinements and preprocessing are checked by the handler; the
    // document shows the input they start from.
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

/** Query, path or header parameters from an object schema. */
function parametersOf(where: 'path' | 'query', schema: z.ZodType): JsonSchema[] {
  const object = jsonSchema(schema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    // A parameter's own words (`.meta({ description })`) where OpenAPI readers show them.
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** The refusals every route of its kind can get, unless it declares its own. */
function derivedRefusals(route: RegisteredRoute, hasInput: boolean): Record<number, string> {
  const refusals: Record<number, string> = {};
  const s = route.schemas;
  if (hasInput) refusals[400] = 'a parameter or field is missing or malformed (named in `issues`)';
  if (route.url.startsWith('/api/') || s?.guard === 'metrics') {
    refusals[401] = 'a missing, wrong, revoked or expired token';
  }
  if (Array.isArray(route.access)) refusals[403] = 'the token has none of the roles named';
  if (route.url.includes(':')) refusals[404] = 'nothing with this id (or not in your scope)';
  if (s?.body && s.multipart) {
    refusals[413] =
      'the body (or the report part) is over TIPWIRE_BODY_LIMIT_BYTES, a file part over TIPWIRE_ATTACHMENT_MAX_BYTES or the files over TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES, or one file too many (the part is named in `issues`)';
    refusals[415] = 'the body is neither application/json nor multipart/form-data';
  } else if (s?.body) {
    refusals[413] = 'the body is over TIPWIRE_BODY_LIMIT_BYTES';
    refusals[415] = 'the body is not application/json';
  }
  return refusals;
}

/** A multipart body: a `report` part (the JSON body without its files) and `file` parts. */
function multipartContent(description: string): JsonSchema {
  return {
    schema: {
      type: 'object',
      description,
      required: ['report'],
      properties: {
        report: { type: 'string', description: 'the Report JSON without `attachments`' },
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
    encoding: { report: { contentType: 'application/json' } },
  };
}

function answerObject(status: number, answer: RouteAnswer): JsonSchema {
  if (status >= 400 && !answer.schema) {
    return { description: answer.description, content: ERROR_CONTENT };
  }
  if (status === 204 || (!answer.schema && !answer.contentType)) {
    return { description: answer.description };
  }
  return {
    description: answer.description,
    content: {
      [answer.contentType ?? 'application/json']: {
        schema: answer.schema ? jsonSchema(answer.schema) : {},
      },
    },
  };
}

function securityOf(route: RegisteredRoute): Record<string, string[]>[] {
  if (route.schemas?.guard === 'metrics') return [{ metricsToken: [] }];
  if (Array.isArray(route.access)) return [{ bearerToken: [] }];
  // Public API routes take an optional token (an intake token lifts the network limit).
  return route.url.startsWith('/api/') ? [{}, { bearerToken: [] }] : [];
}

export const whoMayCall = (route: Pick<RegisteredRoute, 'access' | 'schemas'>): string =>
  route.schemas?.guard === 'metrics'
    ? 'the metrics token'
    : Array.isArray(route.access)
      ? route.access.join(', ')
      : 'anyone';

function operationOf(route: RegisteredRoute): Operation {
  const path = openApiPath(route.url);
  const s = route.schemas;
  const pathNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const parameters = [
    ...(s?.params
      ? parametersOf('path', s.params)
      : pathNames.map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        }))),
    ...(s?.query ? parametersOf('query', s.query) : []),
    ...Object.entries(s?.headers ?? {}).map(([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  ];
  const hasInput = parameters.length > 0 || s?.body !== undefined;
  const answers: Record<number, RouteAnswer> = {};
  for (const [status, description] of Object.entries(derivedRefusals(route, hasInput))) {
    answers[Number(status)] = { description };
  }
  Object.assign(answers, s?.answers ?? { 200: { description: 'undocumented' } });
  const roles = Array.isArray(route.access) ? route.access : undefined;
  const description = s?.description ?? '';
  const operation: Operation = {
    operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: s?.summary ?? `${route.method} ${path}`,
    description: roles ? `${description}\n\nRoles: ${roles.join(', ')}.` : description,
    responses: Object.fromEntries(
      Object.entries(answers).map(([status, answer]) => [
        status,
        answerObject(Number(status), answer),
      ]),
    ),
    security: securityOf(route),
  };
  if (parameters.length > 0) operation.parameters = parameters;
  if (s?.body) {
    operation.requestBody = {
      required: true,
      content: {
        'application/json': { schema: jsonSchema(s.body) },
        ...(s.multipart ? { 'multipart/form-data': multipartContent(s.multipart) } : {}),
      },
    };
  }
  if (roles) operation['x-roles'] = [...roles];
  if (!s) operation['x-undeclared'] = true;
  return operation;
}

/**
 * The document for these routes. A HEAD route that Fastify added beside a GET is
 * the GET's (OpenAPI lists HEAD only where it differs); the order is the routes'.
 */
export function openApiDocument(routes: readonly RegisteredRoute[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  for (const route of routes) {
    if (route.method === 'HEAD' && gets.has(route.url)) continue;
    (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tipwire',
      version: PACKAGE_VERSION,
      description:
        'Public-safety tip lines: intake, the reporter’s receipt, the analysts’ workbench API, administration and the audit trail.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema) },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`tipwire token create`) or a login session token (POST /api/v1/session), as `Authorization: Bearer tw_…`.',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The secret of TIPWIRE_METRICS_TOKEN.',
        },
      },
    },
  };
}

/** Every operation of the document as `METHOD /path`, with who may call it and what it does. */
export function operationsOf(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      who:
        op.security[0]?.metricsToken !== undefined
          ? 'the metrics token'
          : (op['x-roles']?.join(', ') ?? 'anyone'),
      summary: op.summary,
      description: op.description.replace(/\n\nRoles: .*$/s, ''),
    })),
  );
}

/** The README's route table (markdown), one row per operation. */
export function routesTable(doc: OpenApiDocument): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const rows = operationsOf(doc).map(
    (o) => `| \`${o.method} ${o.path}\` | ${cell(o.who)} | ${cell(o.description || o.summary)} |`,
  );
  return ['| route | who | what |', '| --- | --- | --- |', ...rows].join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page listing the routes (no script, nothing fetched from elsewhere). */
export function docsPage(doc: OpenApiDocument): string {
  const rows = operationsOf(doc)
    .map(
      (o) =>
        `<tr><td><code>${escapeHtml(`${o.method} ${o.path}`)}</code></td><td>${escapeHtml(o.who)}</td><td>${escapeHtml(o.description || o.summary)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tipwire API ${escapeHtml(doc.info.version)}</title></head>
<body><h1>tipwire API ${escapeHtml(doc.info.version)}</h1>
<p>The machine-readable description: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>route</th><th>who</th><th>what</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

const documentSchemas: RouteSchemas = {
  summary: 'This API, described',
  description:
    'The OpenAPI 3.1 document of every route, generated from the schemas the routes validate with.',
  answers: { 200: { description: 'the OpenAPI document', schema: z.looseObject({}) } },
};
const docsSchemas: RouteSchemas = {
  summary: 'The routes, as a page',
  description: 'A plain HTML page listing every route, who may call it and what it does.',
  answers: { 200: { description: 'the page', contentType: 'text/html' } },
};

/**
 * GET /api/v1/openapi.json and GET /docs, both public: they describe routes whose
 * code is published anyway and hold no data, and an integrator needs them before
 * having a token. Built once, on the first request (every route is added by then).
 */
export function openApiRoutes(app: FastifyInstance, routes: readonly RegisteredRoute[]) {
  let doc: OpenApiDocument | null = null;
  const current = () => (doc ??= openApiDocument(routes));
  app.get(
    '/api/v1/openapi.json',
    { config: { access: 'public', schemas: documentSchemas } },
    async () => current(),
  );
  app.get('/docs', { config: { schemas: docsSchemas } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .send(docsPage(current())),
  );
}
