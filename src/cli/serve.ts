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
      // Background work never takes the server down: a failure is logged (its code,
      // never content) and the task runs again at its next turn.
      const guarded = (task: string, fn: () => void) => () => {
        try {
          fn();
        } catch (err) {
          const e = err as { code?: string; name?: string };
          runtime.logger.error({ task, code: e.code, name: e.name }, 'background task failed');
        }
      };
      const housekeeping = guarded('housekeeping', () => runtime.housekeeping());
      const purge = guarded('retention purge', () => {
        const r = runtime.purge();
        if (r.reports + r.tokens > 0) runtime.logger.info({ ...r }, 'retention purge');
      });
      housekeeping();
      purge();
      const timers = [
        setInterval(housekeeping, HOUSEKEEPING_MS),
        setInterval(purge, PURGE_MS),
        // Events written by other processes (an import) reach the live stream.
        setInterval(() => runtime.live.poke(), config.pipelinePollMs),
      ];
      runtime.pipeline.start();
      runtime.geocode?.start(config.pipelinePollMs);
      // Signals are handled before the port opens: a SIGTERM that comes as soon as the
      // server says it listens still shuts it down cleanly.
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        runtime.logger.info({ signal }, 'stopping');
        timers.forEach(clearInterval);
        let code = 0;
        for (const [step, fn] of [
          ['http', () => app.close()],
          // Its batch in progress commits (in its thread, if it has one) before the store closes.
          ['pipeline', () => runtime.pipeline.stop()],
          ['runtime', () => runtime.close()],
        ] as const) {
          try {
            await fn();
          } catch (err) {
            const e = err as { code?: string; name?: string };
            runtime.logger.error({ step, code: e.code, name: e.name }, 'shutdown step failed');
            code = 1;
          }
        }
        process.exit(code);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));

      await app.listen({ port: config.port, host: config.host });
      runtime.logger.info({ db: config.dbPath }, 'tipwire is serving');
    });
}
