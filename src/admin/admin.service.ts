/**
 * Administration shared by the CLI and the API: users, field offices, tokens,
 * logins, and taking access away again (revoking a token, disabling a user, a new
 * password, signing out everywhere). Each change is written together with its
 * audit record, in one transaction.
 */
import { AppError, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { AuditAppend } from '../audit/audit-log.js';
import type {
  Cursor,
  Office,
  Page,
  Store,
  TokenFilter,
  TokenListing,
  User,
} from '../store/store.js';
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
  DUMMY_PASSWORD_HASH,
} from '../access/passwords.js';
import { isRole, type Role } from '../access/roles.js';
import { issueToken, tokenState, type TokenRules, type TokenState } from '../access/tokens.js';

export interface AdminDeps {
  store: Store;
  audit: AuditAppend;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  /** How long a login session lasts. */
  sessionMs: number;
  /** Idle sessions and the last-used interval. */
  tokenRules: TokenRules;
  /** Lifetime of an API token created without one of its own; 0: never expires. */
  tokenDefaultDays: number;
}

const DAY_MS = 86_400_000;

/** A token in a listing, with whether it still works. */
export interface TokenView extends TokenListing {
  kind: 'session' | 'api';
  state: TokenState;
}

/** The user a session belongs to, as an audit target. */
const userTarget = (user: User) => `user:${user.name}`;

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

/** Parses `analyst,office` into roles, naming the field on error. */
export function parseRoles(text: string | string[], field = 'roles'): Role[] {
  const parts = (Array.isArray(text) ? text : text.split(',')).map((r) => r.trim()).filter(Boolean);
  const bad = parts.filter((r) => !isRole(r));
  if (parts.length === 0 || bad.length > 0) {
    throw validationError([
      {
        path: field,
        message: `${bad.length ? `unknown role ${bad.map((b) => JSON.stringify(b)).join(', ')}; ` : ''}roles are intake, analyst, supervisor, office, admin, auditor`,
      },
    ]);
  }
  return [...new Set(parts)] as Role[];
}

export function createAdmin(deps: AdminDeps) {
  const { store, audit } = deps;

  function userById(userId: string): User {
    const user = store.users.get(userId);
    if (!user) throw new AppError('user_not_found', 'not_found', 'no user with this id');
    return user;
  }

  function officeFor(
    roles: Role[],
    officeId: string | null | undefined,
    field: string,
  ): string | null {
    if (officeId === null || officeId === undefined) {
      if (roles.includes('office')) {
        throw validationError([
          { path: field, message: 'an office role needs the office it works for' },
        ]);
      }
      return null;
    }
    if (!store.offices.get(officeId))
      throw validationError([{ path: field, message: 'no office with this id' }]);
    return officeId;
  }

  /** Ends every session of a user (an admin's doing, or the user's own). */
  function signOutEverywhere(actor: string, userId: string): { sessionsRevoked: number } {
    const user = userById(userId);
    return store.transaction(() => {
      const sessionsRevoked = store.tokens.revokeForUser(user.id, deps.clock());
      audit({
        actor,
        action: 'session.logout_everywhere',
        target: userTarget(user),
        reason:
          actor === userTarget(user) ? 'signed out everywhere' : 'signed a user out everywhere',
        details: { sessionsRevoked },
      });
      return { sessionsRevoked };
    });
  }

  return {
    createOffice(actor: string, name: string): Office {
      if (!NAME.test(name))
        throw validationError([
          { path: 'name', message: 'must be 1–64 letters, digits, spaces, . _ or -' },
        ]);
      if (store.offices.byName(name)) {
        throw new AppError('office_exists', 'conflict', 'an office with this name exists');
      }
      const now = deps.clock();
      const office = { id: deps.newId('office', now), name, createdAt: now };
      store.transaction(() => {
        store.offices.insert(office);
        audit({
          actor,
          action: 'office.created',
          target: `office:${office.id}`,
          reason: 'created an office',
          details: { name },
        });
      });
      return office;
    },

    async createUser(
      actor: string,
      input: { name: string; password: string; roles: Role[]; officeId?: string | null },
    ): Promise<User> {
      if (!NAME.test(input.name))
        throw validationError([
          { path: 'name', message: 'must be 1–64 letters, digits, spaces, . _ or -' },
        ]);
      const problem = passwordProblem(input.password);
      if (problem) throw validationError([{ path: 'password', message: problem }]);
      const officeId = officeFor(input.roles, input.officeId, 'officeId');
      if (store.users.byName(input.name))
        throw new AppError('user_exists', 'conflict', 'a user with this name exists');
      const passwordHash = await hashPassword(input.password);
      const now = deps.clock();
      const user = {
        id: deps.newId('user', now),
        name: input.name,
        passwordHash,
        roles: input.roles,
        officeId,
        disabledAt: null,
      };
      store.transaction(() => {
        store.users.insert({ ...user, createdAt: now });
        audit({
          actor,
          action: 'user.created',
          target: `user:${input.name}`,
          reason: 'created a user',
          details: { roles: input.roles, officeId },
        });
      });
      return user;
    },

    /**
     * A new API token. `expiresInDays`: its lifetime (0: never expires); absent, the
     * default lifetime setting.
     */
    createToken(
      actor: string,
      input: {
        roles: Role[];
        label?: string | null;
        officeId?: string | null;
        expiresInDays?: number;
      },
    ) {
      const officeId = officeFor(input.roles, input.officeId, 'officeId');
      const days = input.expiresInDays ?? deps.tokenDefaultDays;
      const now = deps.clock();
      const expiresAt = days > 0 ? now + days * DAY_MS : null;
      const issued = issueToken(input.roles, input.label ?? null, { officeId, expiresAt });
      store.transaction(() => {
        store.tokens.insert({ ...issued.record, createdAt: now });
        audit({
          actor,
          action: 'token.created',
          target: `token:${issued.record.id}`,
          reason: 'created an API token',
          details: { roles: input.roles, officeId, label: input.label ?? null, expiresAt },
        });
      });
      return issued;
    },

    /** Tokens and sessions, newest first, with their state; never a secret or its hash. */
    listTokens(limit: number, after?: Cursor, filter?: TokenFilter): Page<TokenView> {
      const now = deps.clock();
      const page = store.tokens.list(limit, after, filter);
      return {
        items: page.items.map((t) => ({
          ...t,
          kind: t.userId === null ? 'api' : 'session',
          state: tokenState(t, now, deps.tokenRules),
        })),
        next: page.next,
      };
    },

    /** Revokes a token or session at once; false when it was revoked already. */
    revokeToken(actor: string, tokenId: string): boolean {
      if (!store.tokens.get(tokenId)) {
        throw new AppError('token_not_found', 'not_found', 'no token with this id');
      }
      return store.transaction(() => {
        const revoked = store.tokens.revoke(tokenId, deps.clock());
        if (revoked) {
          audit({
            actor,
            action: 'token.revoked',
            target: `token:${tokenId}`,
            reason: 'revoked a token',
          });
        }
        return revoked;
      });
    },

    /**
     * Disables a user (every session of theirs is revoked with it, and they cannot
     * log in) or enables them again. `changed` is false when it already was so.
     */
    setUserDisabled(
      actor: string,
      userId: string,
      disabled: boolean,
    ): { user: User; changed: boolean; sessionsRevoked: number } {
      const user = userById(userId);
      if (disabled && actor === userTarget(user)) {
        throw new AppError(
          'cannot_disable_self',
          'conflict',
          'you cannot disable your own user; ask another admin',
        );
      }
      if ((user.disabledAt !== null) === disabled) {
        return { user, changed: false, sessionsRevoked: 0 };
      }
      const now = deps.clock();
      return store.transaction(() => {
        store.users.setDisabled(user.id, disabled ? now : null);
        const sessionsRevoked = disabled ? store.tokens.revokeForUser(user.id, now) : 0;
        audit({
          actor,
          action: disabled ? 'user.disabled' : 'user.enabled',
          target: userTarget(user),
          reason: disabled ? 'disabled a user' : 'enabled a user again',
          details: disabled ? { sessionsRevoked } : {},
        });
        return {
          user: { ...user, disabledAt: disabled ? now : null },
          changed: true,
          sessionsRevoked,
        };
      });
    },

    /** Gives a user a new password and revokes their sessions: the old one stops working. */
    async resetPassword(
      actor: string,
      userId: string,
      password: string,
    ): Promise<{ sessionsRevoked: number }> {
      const problem = passwordProblem(password);
      if (problem) throw validationError([{ path: 'password', message: problem }]);
      const user = userById(userId);
      const passwordHash = await hashPassword(password);
      return store.transaction(() => {
        const now = deps.clock();
        store.users.setPasswordHash(user.id, passwordHash);
        const sessionsRevoked = store.tokens.revokeForUser(user.id, now);
        audit({
          actor,
          action: 'user.password_reset',
          target: userTarget(user),
          reason: 'set a new password',
          details: { sessionsRevoked },
        });
        return { sessionsRevoked };
      });
    },

    signOutEverywhere,

    /** A signed-in user ends every session of theirs, the one in use included. */
    logoutEverywhere(actor: string, tokenId: string) {
      const userId = store.tokens.get(tokenId)?.userId;
      if (!userId) {
        throw new AppError(
          'not_a_session',
          'input',
          'this token is an API token, not a login session',
        );
      }
      return signOutEverywhere(actor, userId);
    },

    /** A session token for a user's name and password; every attempt is on record. */
    async login(name: string, password: string, source: string) {
      const user = store.users.byName(name);
      // Hash even for an unknown user, so timing does not tell which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      const failed = () => {
        store.transaction(() =>
          audit({
            actor: 'anonymous',
            action: 'session.login_failed',
            target: `user:${name.slice(0, 64)}`,
            reason: 'wrong name or password',
            details: { source },
          }),
        );
        return new AppError('login_failed', 'auth', 'wrong name or password');
      };
      if (!user || !ok || user.disabledAt !== null) throw failed();
      const now = deps.clock();
      const issued = issueToken(user.roles as Role[], 'session', {
        userId: user.id,
        officeId: user.officeId,
        expiresAt: now + deps.sessionMs,
        lastUsedAt: now,
      });
      const opened = store.transaction(() => {
        // The user may have been disabled or given a new password (by another
        // process too) while the hash ran: then this password no longer opens a session.
        const current = store.users.get(user.id);
        if (!current || current.disabledAt !== null || current.passwordHash !== user.passwordHash) {
          return false;
        }
        store.tokens.insert({ ...issued.record, createdAt: now });
        audit({
          actor: `user:${user.name}`,
          action: 'session.login',
          target: `token:${issued.record.id}`,
          reason: 'logged in',
          details: { source },
        });
        return true;
      });
      if (!opened) throw failed();
      return {
        token: issued.token,
        expiresAt: now + deps.sessionMs,
        roles: user.roles,
        officeId: user.officeId,
      };
    },

    logout(actor: string, tokenId: string) {
      store.transaction(() => {
        store.tokens.revoke(tokenId, deps.clock());
        audit({
          actor,
          action: 'session.logout',
          target: `token:${tokenId}`,
          reason: 'logged out',
        });
      });
    },
  };
}

export type Admin = ReturnType<typeof createAdmin>;
