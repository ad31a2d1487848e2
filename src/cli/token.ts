/** `tipwire token create --role R[,R…]`: a new API token, printed once as the last line. */
import type { Command } from 'commander';
import { parseRoles } from '../access/admin.js';
import { AppError } from '../domain/errors.js';
import { createLogger, createRuntime } from '../runtime.js';
import { configFrom, DB_OPTION, ExitError } from './shared.js';

/** The runtime for an administrative command: quiet logs, closed afterwards. */
export async function withRuntime<T>(
  db: string | undefined,
  fn: (runtime: ReturnType<typeof createRuntime>) => T | Promise<T>,
) {
  const config = configFrom({ dbPath: db });
  const runtime = createRuntime(config, {
    logger: createLogger({ logLevel: 'warn' }, process.stderr),
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
export function officeIdByName(
  runtime: ReturnType<typeof createRuntime>,
  name: string | undefined,
) {
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
    .option(...DB_OPTION)
    .action((opts: { role: string; office?: string; label?: string; db?: string }) =>
      withRuntime(opts.db, (runtime) => {
        const roles = parseRolesOrExit(opts.role);
        const issued = runtime.admin.createToken(ACTOR, {
          roles,
          label: opts.label ?? null,
          officeId: officeIdByName(runtime, opts.office),
        });
        console.error(`created ${roles.join(',')} token ${issued.record.id}; it is shown once:`);
        console.log(issued.token);
      }),
    );
}

export function parseRolesOrExit(text: string) {
  try {
    return parseRoles(text, '--role');
  } catch (err) {
    throw new ExitError((err as Error).message, 1);
  }
}
