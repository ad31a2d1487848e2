/**
 * Administration shared by the CLI and the API: users, field offices, tokens,
 * logins, and taking access away again (revoking a token, disabling a user, a new
 * password, signing out everywhere). Each change is written together with its
 * audit record, in one transaction.
 */
import { AppError, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { AuditAppend } from '../audit/audit-log.js';
import type { Cursor, Office, Page, TokenFilter, TokenListing, User } from '../store/store.js';
import type { AsyncStore } from '../store/port.js';
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
  DUMMY_PASSWORD_HASH,
} from '../access/passwords.js';
import { isRole, type Role } from '../access/roles.js';
import { issueToken, tokenState, type TokenRules, type TokenState } from '../access/tokens.js';

/** The slice of the store administration works on. */
export type AdminStore = Pick<AsyncStore, 'users' | 'tokens' | 'offices' | 'transaction'>;

export interface AdminDeps {
  store: AdminStore;
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

  async function userById(userId: string): Promise<User> {
    const user = await store.users.get(userId);
    if (!user) throw new AppError('user_not_found', 'not_found', 'no user with this id');
    return user;
  }

  async function officeFor(
    roles: Role[],
    officeId: string | null | undefined,
    field: string,
  ): Promise<string | null> {
    if (officeId === null || officeId === undefined) {
      if (roles.includes('office')) {
        throw validationError([
          { path: field, message: 'an office role needs the office it works for' },
        ]);
      }
      return null;
    }
    if (!(await store.offices.get(officeId)))
      throw validationError([{ path: field, message: 'no office with this id' }]);
    return officeId;
  }

  /** Ends every session of a user (an admin's doing, or the user's own). */
  async function signOutEverywhere(
    actor: string,
    userId: string,
  ): Promise<{ sessionsRevoked: number }> {
    const user = await userById(userId);
    return store.transaction(async (tx) => {
      const sessionsRevoked = await tx.tokens.revokeForUser(user.id, deps.clock());
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
    async createOffice(actor: string, name: string): Promise<Office> {
      if (!NAME.test(name))
        throw validationError([
          { path: 'name', message: 'must be 1–64 letters, digits, spaces, . _ or -' },
        ]);
      if (await store.offices.byName(name)) {
        throw new AppError('office_exists', 'conflict', 'an office with this name exists');
      }
      const now = deps.clock();
      const office = { id: deps.newId('office', now), name, createdAt: now };
      await store.transaction(async (tx) => {
        await tx.offices.insert(office);
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
      const officeId = await officeFor(input.roles, input.officeId, 'officeId');
      if (await store.users.byName(input.name))
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
      await store.transaction(async (tx) => {
        await tx.users.insert({ ...user, createdAt: now });
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
    async createToken(
      actor: string,
      input: {
        roles: Role[];
        label?: string | null;
        officeId?: string | null;
        expiresInDays?: number;
      },
    ) {
      const officeId = await officeFor(input.roles, input.officeId, 'officeId');
      const days = input.expiresInDays ?? deps.tokenDefaultDays;
      const now = deps.clock();
      const expiresAt = days > 0 ? now + days * DAY_MS : null;
      const issued = issueToken(input.roles, input.label ?? null, { officeId, expiresAt });
      await store.transaction(async (tx) => {
        await tx.tokens.insert({ ...issued.record, createdAt: now });
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
    async listTokens(
      limit: number,
      after?: Cursor,
      filter?: TokenFilter,
    ): Promise<Page<TokenView>> {
      const now = deps.clock();
      const page = await store.tokens.list(limit, after, filter);
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
    async revokeToken(actor: string, tokenId: string): Promise<boolean> {
      if (!(await store.tokens.get(tokenId))) {
        throw new AppError('token_not_found', 'not_found', 'no token with this id');
      }
      return store.transaction(async (tx) => {
        const revoked = await tx.tokens.revoke(tokenId, deps.clock());
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
    async setUserDisabled(
      actor: string,
      userId: string,
      disabled: boolean,
    ): Promise<{ user: User; changed: boolean; sessionsRevoked: number }> {
      const user = await userById(userId);
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
      return store.transaction(async (tx) => {
        await tx.users.setDisabled(user.id, disabled ? now : null);
        const sessionsRevoked = disabled ? await tx.tokens.revokeForUser(user.id, now) : 0;
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
      const user = await userById(userId);
      const passwordHash = await hashPassword(password);
      return store.transaction(async (tx) => {
        const now = deps.clock();
        await tx.users.setPasswordHash(user.id, passwordHash);
        const sessionsRevoked = await tx.tokens.revokeForUser(user.id, now);
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
    async logoutEverywhere(actor: string, tokenId: string) {
      const userId = (await store.tokens.get(tokenId))?.userId;
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
      const user = await store.users.byName(name);
      // Hash even for an unknown user, so timing does not tell which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      const failed = async () => {
        await store.transaction(async () =>
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
      if (!user || !ok || user.disabledAt !== null) throw await failed();
      const now = deps.clock();
      const issued = issueToken(user.roles as Role[], 'session', {
        userId: user.id,
        officeId: user.officeId,
        expiresAt: now + deps.sessionMs,
        lastUsedAt: now,
      });
      const opened = await store.transaction(async (tx) => {
        // The user may have been disabled or given a new password (by another
        // process too) while the hash ran: then this password no longer opens a session.
        const current = await tx.users.get(user.id);
        if (!current || current.disabledAt !== null || current.passwordHash !== user.passwordHash) {
          return false;
        }
        await tx.tokens.insert({ ...issued.record, createdAt: now });
        audit({
          actor: `user:${user.name}`,
          action: 'session.login',
          target: `token:${issued.record.id}`,
          reason: 'logged in',
          details: { source },
        });
        return true;
      });
      if (!opened) throw await failed();
      return {
        token: issued.token,
        expiresAt: now + deps.sessionMs,
        roles: user.roles,
        officeId: user.officeId,
      };
    },

    async logout(actor: string, tokenId: string) {
      await store.transaction(async (tx) => {
        await tx.tokens.revoke(tokenId, deps.clock());
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
