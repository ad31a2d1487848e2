#!/usr/bin/env node
/** The `tipwire` command: serve, import, export, token, sun, benford, inspect… `--help` on each. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { serveCommand } from './serve.js';
import { ExitError } from './shared.js';
import { tokenCommand } from './token.js';
import { auditCommand } from './audit.js';
import { keysCommand } from './keys.js';
import { benfordCommand } from './benford.js';
import { inspectCommand } from './inspect.js';
import { sunCommand } from './sun.js';
import { purgeCommand, userCommand } from './user.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command()
    .name('tipwire')
    .description('tipwire: a self-hostable tip line, from report intake to routed incident')
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  serveCommand(program);
  importCommand(program);
  exportCommand(program);
  tokenCommand(program);
  userCommand(program);
  purgeCommand(program);
  auditCommand(program);
  keysCommand(program);
  sunCommand(program);
  benfordCommand(program);
  inspectCommand(program);
  return program;
}

async function main() {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof ExitError) {
      console.error(`tipwire: ${err.message}`);
      process.exit(err.exitCode);
    }
    console.error(`tipwire: ${(err as Error).message}`);
    process.exit(1);
  }
}

await main();
