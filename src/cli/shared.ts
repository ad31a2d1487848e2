/** What every command shares: loading the configuration and reporting failures. */
import { ConfigError, loadConfig, type Config, type ConfigOverrides } from '../config.js';

export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function configFrom(overrides: ConfigOverrides): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (err) {
    if (err instanceof ConfigError) throw new ExitError(err.message, 2);
    throw err;
  }
}

export const DB_OPTION = ['--db <file>', 'SQLite database file (overrides TIPWIRE_DB)'] as const;

/**
 * The runtime, loaded when a command that needs it runs: `tipwire sun`, `benford`,
 * `inspect`, `audit` and `keys` (and every `--help`) start without loading it.
 */
export const loadRuntime = () => import('../runtime.js');
