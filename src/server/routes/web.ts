/** The workbench page and its assets, from the repository's web/ folder. */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The classic page (web/classic/), until the app built from web/src/ into dist/web/
 * replaces it (F7). web/ sits at the package root, above both src/server/ and dist/server/.
 */
export const WEB_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/classic',
);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export async function webRoutes(app: FastifyInstance) {
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
