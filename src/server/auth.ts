/**
 * Bearer-token authentication and role checks. A route declares the roles it
 * allows; a missing, malformed, unknown or revoked token gets 401, a valid token
 * of another role 403.
 */
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Role } from '../access/roles.js';
import { verifyToken } from '../access/tokens.js';
import { AppError } from '../domain/errors.js';
import type { TokenRepository } from '../store/store.js';

export interface Principal {
  /** `anonymous`, or `token:<id>`. */
  id: string;
  role: Role | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export const ANONYMOUS: Principal = { id: 'anonymous', role: null };

const unauthorized = () =>
  new AppError('unauthorized', 'auth', 'send a valid token as Authorization: Bearer <token>');

export function createAuth(tokens: TokenRepository) {
  /** The principal a request proves; throws 401 for a bad token; anonymous when none is sent. */
  function identify(request: FastifyRequest): Principal {
    const header = request.headers.authorization;
    if (header === undefined) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match ? verifyToken(match[1]!, tokens.get) : null;
    if (!token) throw unauthorized();
    return { id: `token:${token.id}`, role: token.role as Role };
  }

  function requireRole(...roles: Role[]): preHandlerHookHandler {
    return async (request: FastifyRequest, _reply: FastifyReply) => {
      const principal = identify(request);
      if (principal.role === null) throw unauthorized();
      if (!roles.includes(principal.role)) {
        throw new AppError('forbidden', 'forbidden', 'your role may not do this');
      }
      request.principal = principal;
    };
  }

  /** Anyone may call; a token, if sent, must be valid. */
  const optional: preHandlerHookHandler = async (request) => {
    request.principal = identify(request);
  };

  return { requireRole, optional };
}

export type Auth = ReturnType<typeof createAuth>;
