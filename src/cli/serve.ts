/** `tipwire serve`: the HTTP server, the pipeline and the live stream, until a signal. */
import type { Command } from 'commander';
import { createHttpApp, createRuntime } from '../runtime.js';
import { configFrom, DB_OPTION } from './shared.js';

const HOUSEKEEPING_MS = 60 * 60 * 1000;
/** How often cases past their retention period are deleted. */
const PURGE_MS = 24 * 60 * 60 * 1000;

export function serveCommand(program: Command) {
  program
    .command('serve', { isDefault: true })
    .description('run the tip line: HTTP API, workbench page and pipeline')
    .option('--port <port>', 'TCP port (overrides TIPWIRE_PORT)')
    .option(...DB_OPTION)
    .action(async (opts: { port?: string; db?: string }) => {
      const config = configFrom({ port: opts.port, dbPath: opts.db });
      const runtime = createRuntime(config);
      // The gazetteer takes a second or two to load: before listening, not on a report.
      runtime.normalize.deps.preload();
      const app = await createHttpApp(runtime);
      const purge = () => {
        const r = runtime.purge();
        if (r.reports + r.tokens > 0) runtime.logger.info({ ...r }, 'retention purge');
      };
      runtime.housekeeping();
      purge();
      const timers = [
        setInterval(() => runtime.housekeeping(), HOUSEKEEPING_MS),
        setInterval(purge, PURGE_MS),
        // Events written by other processes (an import) reach the live stream.
        setInterval(() => runtime.live.poke(), config.pipelinePollMs),
      ];
      runtime.pipeline.start();
      runtime.geocode?.start(config.pipelinePollMs);
      await app.listen({ port: config.port, host: config.host });
      runtime.logger.info({ db: config.dbPath }, 'tipwire is serving');

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        runtime.logger.info({ signal }, 'stopping');
        timers.forEach(clearInterval);
        await app.close();
        runtime.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
