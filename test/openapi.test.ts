/**
 * The OpenAPI document (GET /api/v1/openapi.json) through the real app over a real
 * SQLite file: a valid OpenAPI 3.1 document, with every route Fastify registered
 * and no other (read from Fastify's own route tree, not from our collector), each
 * with its declared schemas and access; real answers fit the schemas it states;
 * and the README's route table is the one it prints.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/access/tokens.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { routesTable, type OpenApiDocument } from '../src/server/openapi.js';
import { APP_ROOT, PUBLIC_PAGES } from '../src/server/routes/web.js';
import { makeReport, remember, ROOT, tempDir, testConfig, testLogger } from './helpers.js';

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let doc: OpenApiDocument;
let analyst: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir), { logger: testLogger() });
  app = await createHttpApp(runtime);
  const issued = issueToken(['analyst'], null);
  runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
  analyst = issued.token;
  remember('token', analyst);
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as OpenApiDocument;
});

afterAll(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

/**
 * Every `METHOD /path` in Fastify's own route tree (printRoutes), paths in OpenAPI's
 * `{param}` form. Read from Fastify, not from our onRoute collector, so a route the
 * collector missed would show.
 */
function fastifyRoutes(instance: FastifyInstance): string[] {
  const found: string[] = [];
  const prefixes: string[] = [];
  for (const line of instance.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    prefixes.length = depth;
    const full = prefixes.join('') + match[2]!;
    prefixes.push(match[2]!);
    for (const method of match[3]?.split(', ') ?? []) {
      found.push(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return found;
}

/** The workbench's files, served by @fastify/static and left out of the document on purpose. */
const filesUnder = (root: string, prefix: string): string[] =>
  readdirSync(root, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(path.join(root, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`],
  );
const webFiles = new Set([
  '/',
  ...PUBLIC_PAGES.map(([route]) => route),
  ...filesUnder(APP_ROOT, '/'),
]);

const documented = () =>
  Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
  );

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      doc as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has every route Fastify registered, and no other (HEAD goes with its GET)', () => {
    const registered = fastifyRoutes(app).filter((r) => !webFiles.has(r.slice(r.indexOf(' ') + 1)));
    const gets = new Set(registered.filter((r) => r.startsWith('GET ')).map((r) => r.slice(4)));
    const expected = registered.filter((r) => !(r.startsWith('HEAD ') && gets.has(r.slice(5))));
    // Sanity: the walk found the routes (a broken parser would find none).
    expect(expected).toContain('POST /api/v1/reports');
    expect(expected).toContain('GET /health/ready');
    expect(documented().sort()).toEqual([...new Set(expected)].sort());
  });

  it('has every API route the access check knows of', () => {
    const paths = new Set(documented());
    for (const route of app.apiRoutes) {
      if (route.method === 'HEAD') continue;
      expect(paths, `${route.method} ${route.url}`).toContain(
        `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`,
      );
    }
  });

  it('takes every operation from a route that declares its schemas', () => {
    const undeclared = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op['x-undeclared'])
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('states the access each route declares: roles behind a bearer token, or none', () => {
    for (const route of app.apiRoutes) {
      if (route.method === 'HEAD') continue;
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]![route.method.toLowerCase()]!;
      if (route.access === 'public') {
        expect(op.security, route.url).toEqual([{}, { bearerToken: [] }]);
        expect(op['x-roles']).toBeUndefined();
      } else {
        expect(op.security, route.url).toEqual([{ bearerToken: [] }]);
        expect(op['x-roles']).toEqual(route.access);
        expect(op.description).toContain(`Roles: ${route.access.join(', ')}.`);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    expect(doc.paths['/metrics']!.get!.security).toEqual([{ metricsToken: [] }]);
    expect(doc.paths['/health/live']!.get!.security).toEqual([]);
  });

  it('shows the report body from the schema intake validates with', () => {
    const body = doc.paths['/api/v1/reports']!.post!.requestBody as any;
    const schema = body.content['application/json'].schema;
    expect(schema.required).toEqual(['channel', 'narrative']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.channel.enum).toEqual(['phone', 'web', 'app', 'api', 'feed']);
    expect(Object.keys(doc.paths['/api/v1/reports']!.post!.responses)).toEqual(
      expect.arrayContaining(['201', '400', '408', '409', '413', '415', '422', '429', '503']),
    );
  });

  it('names path and query parameters as the routes read them', () => {
    const list = doc.paths['/api/v1/reports']!.get!.parameters as any[];
    expect(list.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:limit',
      'query:cursor',
      'query:q',
      'query:queue',
      'query:status',
      'query:category',
      'query:flag',
      'query:office',
      'query:since',
      'query:until',
    ]);
    // A filter's words are the parameter's own, and its codes are the catalogue's.
    const byName = Object.fromEntries(list.map((p) => [p.name, p]));
    expect(byName.office.description).toMatch(/`none`/);
    expect(byName.since.description).toMatch(/received at or after/);
    expect(byName.status.schema.enum).toEqual(['new', 'in_review', 'closed', 'unfounded']);
    expect(byName.flag.schema.enum).toContain('time.zone_unknown');
    const incidents = doc.paths['/api/v1/incidents']!.get!.parameters as any[];
    expect(incidents.map((p) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'office', 'from', 'to', 'minConfidence', 'sort']),
    );
    expect(incidents.find((p) => p.name === 'kind').schema.enum).toContain('drone');
    const attachment = doc.paths['/api/v1/reports/{id}/attachments/{attachmentId}']!.get!
      .parameters as any[];
    expect(attachment.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:id:true',
      'path:attachmentId:true',
      'query:copy:false',
    ]);
  });

  describe('real answers fit the schemas it states', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const check = (method: string, p: string, status: number, body: unknown) => {
      const response = doc.paths[p]![method]!.responses[String(status)] as any;
      expect(response, `${method} ${p} ${status} is documented`).toBeDefined();
      const schema = response.content['application/json'].schema;
      const validate = ajv.compile(
        JSON.parse(
          JSON.stringify(schema).replaceAll('"#/components/schemas/Error"', '"error"'),
        ) as object,
      );
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };
    beforeAll(() => ajv.addSchema({ ...doc.components.schemas.Error, $id: 'error' }));

    it('an accepted report and a refused one', async () => {
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: makeReport(),
      });
      expect(ok.statusCode).toBe(201);
      check('post', '/api/v1/reports', 201, ok.json());
      const { id, receipt } = ok.json() as { id: string; receipt: string };
      remember('receipt', receipt);
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/reports/${id}`,
        headers: { authorization: `Bearer ${analyst}` },
        payload: { category: 'drone' },
      });
      expect(patched.statusCode).toBe(200);
      check('patch', '/api/v1/reports/{id}', 200, patched.json());
      const view = await app.inject({ method: 'GET', url: `/api/v1/receipts/${receipt}` });
      expect(view.statusCode).toBe(200);
      check('get', '/api/v1/receipts/{receipt}', 200, view.json());
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: { narrative: 'no channel' },
      });
      expect(bad.statusCode).toBe(400);
      check('post', '/api/v1/reports', 400, bad.json());
    });

    it('health, readiness, liveness and who-am-I', async () => {
      const auth = { authorization: `Bearer ${analyst}` };
      for (const [url, p, headers] of [
        ['/api/v1/health', '/api/v1/health', {}],
        ['/health/live', '/health/live', {}],
        ['/health/ready', '/health/ready', {}],
        ['/api/v1/session', '/api/v1/session', auth],
        ['/api/v1/stats/completeness', '/api/v1/stats/completeness', auth],
        ['/api/v1/incidents', '/api/v1/incidents', auth],
      ] as const) {
        const res = await app.inject({ method: 'GET', url, headers });
        check('get', p, res.statusCode, res.json());
      }
    });

    it('a refusal for want of a token', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/reports' });
      expect(res.statusCode).toBe(401);
      check('get', '/api/v1/reports', 401, res.json());
    });
  });

  it('is listed on the /docs page, with nothing fetched from elsewhere', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/<script|https?:\/\//);
    for (const route of documented()) {
      const [method, p] = route.split(' ');
      expect(res.body).toContain(`<code>${method} ${p}</code>`);
    }
  });

  it('is the README’s route table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- routes:begin -->'),
      readme.indexOf('<!-- routes:end -->'),
    );
    // Cell by cell: prettier pads the columns.
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
        .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()));
    expect(cells(section)).toEqual(cells(routesTable(doc)));
  });
});
