/** The workbench page and its assets, from the repository's web/ folder. */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** web/ sits at the package root, two levels above both src/server/ and dist/server/. */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/** The page's content policy; `tileOrigins`: where an operator's map tiles load from (TIPWIRE_MAP_TILES). */
const csp = (tileOrigins: readonly string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...tileOrigins].join(' '),
    ["connect-src 'self'", ...tileOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');

export async function webRoutes(app: FastifyInstance, tileOrigins: readonly string[] = []) {
  const CSP = csp(tileOrigins);
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    setHeaders(reply) {
      void reply.header('content-security-policy', CSP);
      void reply.header('cache-control', 'no-cache');
    },
  });
}
