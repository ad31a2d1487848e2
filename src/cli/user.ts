/**
 * `tipwire user add|list|disable|enable|password|sign-out` (the people who sign in),
 * `tipwire office add|list` and `tipwire purge`.
 */
import type { Command } from 'commander';
import { DB_OPTION, ExitError } from './shared.js';
import { officeIdByName, parseRolesOrExit, userByName, withRuntime } from './token.js';

const ACTOR = 'cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the password, without its newline.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function userCommand(program: Command) {
  const user = program.command('user').description('manage the people who sign in');
  user
    .command('add')
    .description('add a user who signs in with a name and password')
    .argument('<name>', 'the name they sign in with')
    .requiredOption(
      '--role <roles>',
      'intake, analyst, supervisor, office, admin, auditor (comma-separated)',
    )
    .option('--office <name>', 'for the office role: the field office they work for')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option(...DB_OPTION)
    .action(
      (
        name: string,
        opts: { role: string; office?: string; passwordStdin?: boolean; db?: string },
      ) =>
        withRuntime(opts.db, async (runtime) => {
          if (!opts.passwordStdin) {
            throw new ExitError('give the password on standard input with --password-stdin', 1);
          }
          const password = await readStdin();
          const created = await runtime.admin.createUser(ACTOR, {
            name,
            password,
            roles: parseRolesOrExit(opts.role),
            officeId: officeIdByName(runtime, opts.office),
          });
          console.log(`added user ${created.name} (${created.roles.join(',')})`);
        }),
    );

  user
    .command('list')
    .description('list the users: id, name, roles, office, state (active or disabled)')
    .option(...DB_OPTION)
    .action((opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const offices = new Map(runtime.store.offices.list().map((o) => [o.id, o.name]));
        for (const u of runtime.store.users.list()) {
          const office = u.officeId === null ? '-' : (offices.get(u.officeId) ?? u.officeId);
          const state = u.disabledAt === null ? 'active' : 'disabled';
          console.log([u.id, u.name, u.roles.join(','), office, state].join('\t'));
        }
      }),
    );

  user
    .command('disable')
    .description('disable a user: every session of theirs ends at once and they cannot log in')
    .argument('<name>', 'the name they sign in with')
    .option(...DB_OPTION)
    .action((name: string, opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const r = await runtime.admin.setUserDisabled(ACTOR, userByName(runtime, name).id, true);
        console.log(
          r.changed
            ? `disabled user ${r.user.name}; ${r.sessionsRevoked} session(s) revoked`
            : `user ${r.user.name} was already disabled`,
        );
      }),
    );

  user
    .command('enable')
    .description('let a disabled user log in again (their old sessions stay revoked)')
    .argument('<name>', 'the name they sign in with')
    .option(...DB_OPTION)
    .action((name: string, opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const r = await runtime.admin.setUserDisabled(ACTOR, userByName(runtime, name).id, false);
        console.log(
          r.changed ? `enabled user ${r.user.name}` : `user ${r.user.name} was not disabled`,
        );
      }),
    );

  user
    .command('password')
    .description('give a user a new password; every session of theirs ends')
    .argument('<name>', 'the name they sign in with')
    .option(
      '--password-stdin',
      'read the new password from standard input (at least 12 characters)',
    )
    .option(...DB_OPTION)
    .action((name: string, opts: { passwordStdin?: boolean; db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        if (!opts.passwordStdin) {
          throw new ExitError('give the password on standard input with --password-stdin', 1);
        }
        const target = userByName(runtime, name);
        const r = await runtime.admin.resetPassword(ACTOR, target.id, await readStdin());
        console.log(`new password for ${target.name}; ${r.sessionsRevoked} session(s) revoked`);
      }),
    );

  user
    .command('sign-out')
    .description('end every session of a user, everywhere (they may log in again)')
    .argument('<name>', 'the name they sign in with')
    .option(...DB_OPTION)
    .action((name: string, opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const target = userByName(runtime, name);
        const r = await runtime.admin.signOutEverywhere(ACTOR, target.id);
        console.log(
          `signed ${target.name} out everywhere; ${r.sessionsRevoked} session(s) revoked`,
        );
      }),
    );

  const office = program.command('office').description('manage field offices');
  office
    .command('add')
    .description('add a field office that cases can be routed to')
    .argument('<name>', 'the office’s name')
    .option(...DB_OPTION)
    .action((name: string, opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const created = await runtime.admin.createOffice(ACTOR, name);
        console.log(`added office ${created.name} (${created.id})`);
      }),
    );
  office
    .command('list')
    .description('list the field offices')
    .option(...DB_OPTION)
    .action((opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        for (const o of runtime.store.offices.list()) console.log(`${o.id}\t${o.name}`);
      }),
    );
}

export function purgeCommand(program: Command) {
  program
    .command('purge')
    .description('delete for good the cases past their retention period (and expired sessions)')
    .option(...DB_OPTION)
    .action((opts: { db?: string }) =>
      withRuntime(opts.db, async (runtime) => {
        const r = runtime.purge('cli');
        console.log(
          `purged ${r.reports} report(s), ${r.incidentsRemoved} emptied incident(s), ${r.tokens} expired token(s)`,
        );
      }),
    );
}
