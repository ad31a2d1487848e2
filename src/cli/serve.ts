/**
 * `tipwire serve`: the HTTP server, the pipeline and the live stream, until a signal;
 * with TIPWIRE_METRICS_LISTEN, a second listener for the metrics.
 */
import type { Server } from 'node:http';
import type { Command } from 'commander';
import { listenAddress, startMetricsListener } from '../server/metrics.js';
import { configFrom, DB_OPTION, loadRuntime } from './shared.js';
import { warmUpLongTexts } from '../intake/warm-up.js';
import { loadImageDecoder } from '../intake/media-reader.js';

export function serveCommand(program: Command) {
  program
    .command('serve', { isDefault: true })
    .description('run the tip line: HTTP API, workbench page and pipeline')
    .option('--port <port>', 'TCP port (overrides TIPWIRE_PORT)')
    .option(...DB_OPTION)
    .action(async (opts: { port?: string; db?: string }) => {
      const config = configFrom({ port: opts.port, dbPath: opts.db });
      const { createHttpApp, createRuntime } = await loadRuntime();
      const runtime = createRuntime(config);
      // The gazetteer takes a second or two to load: before listening, not on a report.
      runtime.normalize.deps.preload();
      // The map's base layer and place labels (from that gazetteer), likewise.
      runtime.map.warm();
      // So is the first long narrative's compilation and the search worker's start.
      await warmUpLongTexts(runtime.protection, runtime.config.intake.narrativeMaxChars);
      // And sharp's native library, loaded on the first image otherwise.
      await loadImageDecoder();
      const app = await createHttpApp(runtime, { workers: () => runtime.workers.status() });
      let metricsServer: Server | null = null;
      // Housekeeping, the retention purge and the polls (src/workers.ts); the first two
      // run once now. A failing job is logged by name and code and runs again later.
      runtime.pipeline.start();
      runtime.workers.start();
      // Signals are handled before the port opens: a SIGTERM that comes as soon as the
      // server says it listens still shuts it down cleanly.
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        runtime.logger.info({ signal }, 'stopping');
        let code = 0;
        for (const [step, fn] of [
          [
            'metrics',
            () => new Promise<void>((done) => metricsServer?.close(() => done()) ?? done()),
          ],
          ['http', () => app.close()],
          ['workers', () => runtime.workers.stop()],
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

      if (config.server.metricsListen !== undefined) {
        const { host, port } = listenAddress(config.server.metricsListen);
        metricsServer = await startMetricsListener({
          metrics: app.metrics,
          token: config.server.metricsToken,
          host,
          port,
        });
        const bound = metricsServer.address();
        runtime.logger.info(
          { metrics: typeof bound === 'object' && bound ? `${bound.address}:${bound.port}` : '' },
          'metrics listening',
        );
      }
      await app.listen({ port: config.server.port, host: config.server.host });
      runtime.logger.info({ db: config.store.dbPath }, 'tipwire is serving');
    });
}
