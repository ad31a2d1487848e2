/**
 * The pages: the workbench app and the public reporter pages built from web/ into
 * dist/web/ (`npm run build`), at `/` (the reporter's also at `/report` and
 * `/follow`). Every page runs under a strict Content-Security-Policy: no inline
 * script or style, no eval, nothing from another origin, never framed.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, above both src/server/routes/ and dist/server/routes/. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The app as Vite built it. */
export const APP_ROOT = path.join(PACKAGE_ROOT, 'dist/web');

/**
 * The pages' content policy; `tileOrigins`: where an operator's map tiles load from
 * (TIPWIRE_MAP_TILES), allowed for images and fetches (PMTiles range requests).
 */
export const csp = (tileOrigins: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data: blob:", ...tileOrigins].join(' '),
    "font-src 'self'",
    ["connect-src 'self'", ...tileOrigins].join(' '),
    // MapLibre's tile workers: loaded from our own origin.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');

/** The public reporter pages (no sign-in): a short address and the file it serves. */
export const PUBLIC_PAGES = [
  ['/report', 'report.html'],
  ['/follow', 'follow.html'],
] as const;

export const CSP = csp();

export async function webRoutes(app: FastifyInstance, tileOrigins: readonly string[] = []) {
  const policy = csp(tileOrigins);
  const setHeaders = (reply: FastifyReply) => {
    void reply.header('content-security-policy', policy);
    void reply.header('cache-control', 'no-cache');
  };
  if (existsSync(APP_ROOT)) {
    await app.register(fastifyStatic, {
      root: APP_ROOT,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      setHeaders,
    });
    // The reporter's pages also at addresses easy to read out on a call.
    for (const [route, file] of PUBLIC_PAGES) {
      if (!existsSync(path.join(APP_ROOT, file))) continue;
      // Hidden as @fastify/static hides its file routes: a page, not part of the API's document.
      const schema = { hide: true } as FastifySchema;
      app.get(route, { schema }, (_request, reply) => {
        setHeaders(reply);
        return reply.sendFile(file, APP_ROOT);
      });
    }
  }
}
