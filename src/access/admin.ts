/**
 * Administration shared by the CLI and the API: users, field offices, tokens,
 * logins. Each change is written together with its audit record.
 */
import { AppError, validationError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { AuditAppend } from '../server/cases.js';
import type { Office, Store, User } from '../store/store.js';
import { hashPassword, passwordProblem, verifyPassword, DUMMY_PASSWORD_HASH } from './passwords.js';
import { isRole, type Role } from './roles.js';
import { issueToken } from './tokens.js';

export interface AdminDeps {
  store: Store;
  audit: AuditAppend;
  clock: () => number;
  newId: (kind: IdKind, nowMs: number) => string;
  /** How long a login session lasts. */
  sessionMs: number;
}

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

    createToken(
      actor: string,
      input: { roles: Role[]; label?: string | null; officeId?: string | null },
    ) {
      const officeId = officeFor(input.roles, input.officeId, 'officeId');
      const issued = issueToken(input.roles, input.label ?? null, { officeId });
      store.transaction(() => {
        store.tokens.insert({ ...issued.record, createdAt: deps.clock() });
        audit({
          actor,
          action: 'token.created',
          target: `token:${issued.record.id}`,
          reason: 'created an API token',
          details: { roles: input.roles, officeId, label: input.label ?? null },
        });
      });
      return issued;
    },

    /** A session token for a user's name and password; every attempt is on record. */
    async login(name: string, password: string, source: string) {
      const user = store.users.byName(name);
      // Hash even for an unknown user, so timing does not tell which names exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !ok || user.disabledAt !== null) {
        store.transaction(() =>
          audit({
            actor: 'anonymous',
            action: 'session.login_failed',
            target: `user:${name.slice(0, 64)}`,
            reason: 'wrong name or password',
            details: { source },
          }),
        );
        throw new AppError('login_failed', 'auth', 'wrong name or password');
      }
      const now = deps.clock();
      const issued = issueToken(user.roles as Role[], 'session', {
        userId: user.id,
        officeId: user.officeId,
        expiresAt: now + deps.sessionMs,
      });
      store.transaction(() => {
        store.tokens.insert({ ...issued.record, createdAt: now });
        audit({
          actor: `user:${user.name}`,
          action: 'session.login',
          target: `token:${issued.record.id}`,
          reason: 'logged in',
          details: { source },
        });
      });
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
