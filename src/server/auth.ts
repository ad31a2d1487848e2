/**
 * Who is calling, and may they call this route. Every API route declares its
 * access in its options, `config: { access: 'public' }` or
 * `config: { access: ['analyst', 'supervisor'] }`; a route without a declaration
 * refuses to start (fail closed). A missing, malformed, unknown, revoked or
 * expired token, an idle session and a session of a disabled user get 401; a valid
 * token without an allowed role gets 403. Every refusal is reported to `onRefused`
 * (the audit trail). An accepted token's last-used time is written at most once per
 * interval, so a request costs no database write.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../access/roles.js';
import { ANONYMOUS, hasRole, type Principal } from '../access/principal.js';

export { ANONYMOUS, hasRole, type Principal } from '../access/principal.js';
import { lastUsedDue, verifyToken, type TokenRules } from '../access/tokens.js';
import { AppError } from '../domain/errors.js';
import type { TokenRepository } from '../store/store.js';
import { CLIENT_HEADER, isWrite, readCookie, SESSION_COOKIE } from './session-cookie.js';

export type Access = 'public' | Role[];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

export interface Refusal {
  principal: Principal;
  route: string;
  method: string;
  status: 401 | 403;
}

export interface AuthDeps {
  tokens: TokenRepository;
  clock: () => number;
  /** Idle sessions and how often the last-used time is written. */
  rules: TokenRules;
  /** Name shown for a session's user, by user id; null when the user is gone or disabled. */
  userName: (userId: string) => string | null;
  onRefused: (refusal: Refusal) => void;
}

const unauthorized = () =>
  new AppError('unauthorized', 'auth', 'send a valid token as Authorization: Bearer <token>');

export function createAuth(deps: AuthDeps) {
  /**
   * The token a request sends: `Authorization: Bearer`, else the session cookie (the
   * workbench's); null when neither is sent. A malformed header gives '' (refused).
   */
  function presented(request: FastifyRequest): { token: string; cookie: boolean } | null {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return { token: match ? match[1]! : '', cookie: false };
    }
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    return cookie === null ? null : { token: cookie, cookie: true };
  }

  /** The principal a request proves; 401 for a bad token; anonymous when none is sent. */
  function identify(request: FastifyRequest): Principal {
    const sent = presented(request);
    if (sent === null) return ANONYMOUS;
    const now = deps.clock();
    const token = sent.token ? verifyToken(sent.token, deps.tokens.get, now, deps.rules) : null;
    // Stryker disable next-line ConditionalExpression: without it a null token fails on the next line, and the caller answers any throw with the same 401
    if (!token) throw unauthorized();
    const name = token.userId ? deps.userName(token.userId) : null;
    // Disabling a user revokes their sessions; this also holds if one slipped through.
    if (token.userId && name === null) throw unauthorized();
    if (lastUsedDue(token, now, deps.rules.lastUsedIntervalMs)) {
      try {
        deps.tokens.touch(token.id, now);
      } catch {
        // Last-used is advisory: a busy database must not refuse a valid token.
      }
    }
    return {
      id: name ? `user:${name}` : `token:${token.id}`,
      roles: token.roles as Role[],
      officeId: token.officeId,
      tokenId: token.id,
    };
  }

  /**
   * Installs the check on every API route; call before the routes are added.
   * Returns the API routes with their declared access, as they are added.
   */
  function install(app: FastifyInstance): DeclaredRoute[] {
    const declared: DeclaredRoute[] = [];
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/')) return;
      const access = route.config?.access;
      if (access === undefined) {
        throw new Error(`route ${route.method} ${route.url} declares no access`);
      }
      for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
    });
    app.addHook('preHandler', async (request) => {
      // Stryker disable next-line OptionalChaining: Fastify gives every route a config object; `?.` only guards the type
      const access = request.routeOptions.config?.access;
      if (access === undefined) return; // static files
      const refuse = (status: 401 | 403, principal: Principal) => {
        deps.onRefused({
          principal,
          // Stryker disable next-line StringLiteral: a route that declares access always has its URL; `??` only guards the type
          route: request.routeOptions.url ?? '',
          method: request.method,
          status,
        });
        return status === 401
          ? unauthorized()
          : new AppError('forbidden', 'forbidden', 'your role may not do this');
      };
      let principal: Principal;
      try {
        principal = identify(request);
      } catch {
        throw refuse(401, ANONYMOUS);
      }
      request.principal = principal;
      // A write proved by the cookie alone could be a cross-site request (CSRF).
      if (
        principal.tokenId !== null &&
        request.headers.authorization === undefined &&
        isWrite(request.method) &&
        request.headers[CLIENT_HEADER] === undefined
      ) {
        throw new AppError(
          'client_header_required',
          'forbidden',
          `a write signed in by the session cookie must send the ${CLIENT_HEADER} header`,
        );
      }
      if (access === 'public') return;
      if (principal.roles.length === 0) throw refuse(401, principal);
      if (!hasRole(principal, ...access)) throw refuse(403, principal);
    });
    return declared;
  }

  return { identify, install };
}

export type Auth = ReturnType<typeof createAuth>;
