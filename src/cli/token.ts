/** `tipwire token create --role R`: a new API token, printed once as the last line. */
import { Option, type Command } from 'commander';
import { ROLES, type Role } from '../access/roles.js';
import { issueToken } from '../access/tokens.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { configFrom, DB_OPTION } from './shared.js';

export function tokenCommand(program: Command) {
  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token; only a hash of it is stored, so copy it now')
    .addOption(
      new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory(),
    )
    .option('--label <text>', 'a note on who or what holds the token')
    .option(...DB_OPTION)
    .action((opts: { role: Role; label?: string; db?: string }) => {
      const config = configFrom({ dbPath: opts.db });
      const store = openSqliteStore(config.dbPath);
      try {
        const issued = issueToken(opts.role, opts.label ?? null);
        store.tokens.insert({ ...issued.record, createdAt: Date.now() });
        console.error(`created ${opts.role} token ${issued.record.id}; it is shown once:`);
        console.log(issued.token);
      } finally {
        store.close();
      }
    });
}
