/**
 * The pages: the workbench app and the public reporter pages built from web/ into
 * dist/web/ (`npm run build`), at `/`; and the classic workbench page (web/classic/)
 * at `/classic/` until the app has taken over everything it does (F7). Every page
 * runs under a strict Content-Security-Policy: no inline script or style, no eval,
 * nothing from another origin, never framed.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, above both src/server/routes/ and dist/server/routes/. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The app as Vite built it. */
export const APP_ROOT = path.join(PACKAGE_ROOT, 'dist/web');
export const CLASSIC_ROOT = path.join(PACKAGE_ROOT, 'web/classic');

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
  }
  await app.register(fastifyStatic, {
    root: CLASSIC_ROOT,
    prefix: '/classic/',
    index: ['index.html'],
    wildcard: false,
    decorateReply: false,
    setHeaders,
  });
}
