/**
 * `tipwire token create --role R[,R…]`: a new API token, printed once as the last
 * line; `tipwire token list`: every token and session (never a secret);
 * `tipwire token revoke ID`: it stops working at once.
 */
import { Option, type Command } from 'commander';
import { parseRoles, type TokenView } from '../admin/admin.service.js';
import { AppError } from '../domain/errors.js';
import type { Cursor } from '../store/store.js';
import type { Runtime } from '../runtime.js';
import { configFrom, DB_OPTION, ExitError, loadRuntime } from './shared.js';

/** The runtime for an administrative command: quiet logs, closed afterwards. */
export async function withRuntime<T>(
  db: string | undefined,
  fn: (runtime: Runtime) => T | Promise<T>,
) {
  const config = configFrom({ dbPath: db });
  const { createLogger, createRuntime } = await loadRuntime();
  const runtime = createRuntime(config, {
    logger: createLogger({ logLevel: 'warn' }, process.stderr),
    migrationLogger: createLogger({ logLevel: 'info' }, process.stderr),
  });
  try {
    return await fn(runtime);
  } catch (err) {
    if (err instanceof AppError && err.kind !== 'technical') throw new ExitError(err.message, 1);
    throw err;
  } finally {
    runtime.close();
  }
}

/** `--office NAME` to the office's id, or a clear error. */
export function officeIdByName(runtime: Runtime, name: string | undefined) {
  if (name === undefined) return null;
  const office = runtime.store.offices.byName(name);
  if (!office)
    throw new ExitError(`no office named "${name}" (create it with: tipwire office add NAME)`, 1);
  return office.id;
}

const ACTOR = 'cli';

export function tokenCommand(program: Command) {
  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token; only a hash of it is stored, so copy it now')
    .requiredOption(
      '--role <roles>',
      'what the token may do: intake, analyst, supervisor, office, admin, auditor (comma-separated)',
    )
    .option('--office <name>', 'for the office role: the field office whose cases it sees')
    .option('--label <text>', 'a note on who or what holds the token')
    .option(
      '--expires-in-days <days>',
      'days until it stops working; 0: never (default: TIPWIRE_TOKEN_DEFAULT_DAYS)',
    )
    .option(...DB_OPTION)
    .action(
      (opts: {
        role: string;
        office?: string;
        label?: string;
        expiresInDays?: string;
        db?: string;
      }) =>
        withRuntime(opts.db, async (runtime) => {
          const roles = parseRolesOrExit(opts.role);
          const issued = await runtime.admin.createToken(ACTOR, {
            roles,
            label: opts.label ?? null,
            officeId: officeIdByName(runtime, opts.office),
            expiresInDays: parseDays(opts.expiresInDays),
          });
          const expiry = issued.record.expiresAt;
          console.error(
            `created ${roles.join(',')} token ${issued.record.id} ` +
              `(${expiry === null ? 'never expires' : `expires ${new Date(expiry).toISOString()}`}); ` +
              'it is shown once:',
          );
          console.log(issued.token);
        }),
    );

  token
    .command('list')
    .description(
      'list API tokens and login sessions, newest first (never a secret): ' +
        'id, kind, state, roles, office, user, label, created, last used, expires, revoked',
    )
    .option('--user <name>', 'only the sessions of this user')
    .addOption(
      new Option('--kind <kind>', 'only API tokens or only login sessions').choices([
        'api',
        'session',
      ]),
    )
    .option(...DB_OPTION)
    .action((opts: { user?: string; kind?: 'api' | 'session'; db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const userId = opts.user === undefined ? undefined : userByName(runtime, opts.user).id;
        const offices = new Map(runtime.store.offices.list().map((o) => [o.id, o.name]));
        console.log(LIST_COLUMNS.join('\t'));
        let after: Cursor | undefined;
        do {
          const page = await runtime.admin.listTokens(500, after, { userId, kind: opts.kind });
          for (const t of page.items) console.log(listRow(t, offices).join('\t'));
          after = page.next ?? undefined;
        } while (after);
      }),
    );

  token
    .command('revoke')
    .description('revoke an API token or a login session: its next request gets 401')
    .argument('<id>', 'the token’s id (the part after tw_, as tipwire token list shows it)')
    .option(...DB_OPTION)
    .action((id: string, opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        if (!TOKEN_ID.test(id)) {
          throw new ExitError(
            `<id>: ${JSON.stringify(id)} is not a token id (12 letters a–z and digits 2–7)`,
            1,
          );
        }
        let revoked: boolean;
        try {
          revoked = await runtime.admin.revokeToken(ACTOR, id);
        } catch (err) {
          if (err instanceof AppError && err.code === 'token_not_found') {
            throw new ExitError(`<id>: no token with id ${id} (see tipwire token list)`, 1);
          }
          throw err;
        }
        console.log(revoked ? `revoked token ${id}` : `token ${id} was already revoked`);
      }),
    );
}

const TOKEN_ID = /^[a-z2-7]{12}$/;

const LIST_COLUMNS = [
  'id',
  'kind',
  'state',
  'roles',
  'office',
  'user',
  'label',
  'created',
  'last_used',
  'expires',
  'revoked',
];

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** One line of `token list`; tabs and newlines in a label would break the columns. */
function listRow(t: TokenView, offices: Map<string, string>): string[] {
  const text = (value: string | null) => (value === null ? '-' : value.replace(/\s/g, ' '));
  return [
    t.id,
    t.kind,
    t.state,
    t.roles.join(','),
    text(t.officeId === null ? null : (offices.get(t.officeId) ?? t.officeId)),
    text(t.userName),
    text(t.label),
    when(t.createdAt),
    when(t.lastUsedAt),
    when(t.expiresAt),
    when(t.revokedAt),
  ];
}

/** `--expires-in-days`: a whole number of days, 0 for never; absent: the default. */
function parseDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = /^\d{1,5}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(days >= 0 && days <= 36_500)) {
    throw new ExitError(
      `--expires-in-days: must be a whole number from 0 (never) to 36500 (got ${JSON.stringify(text)})`,
      1,
    );
  }
  return days;
}

/** A user by the name they sign in with, or a clear error. */
export function userByName(runtime: Runtime, name: string) {
  const user = runtime.store.users.byName(name);
  if (!user)
    throw new ExitError(`no user named ${JSON.stringify(name)} (see tipwire user list)`, 1);
  return user;
}

export function parseRolesOrExit(text: string) {
  try {
    return parseRoles(text, '--role');
  } catch (err) {
    throw new ExitError((err as Error).message, 1);
  }
}
