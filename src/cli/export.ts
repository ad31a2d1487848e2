/** `tipwire export reports|incidents --format jsonl|csv|geojson`: to stdout or --out. */
import { Argument, Option, type Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  exportChunks,
  type ExportFormat,
  type ExportKind,
} from '../export/exports.js';
import type { Report } from '../domain/report.js';
import { configFrom, DB_OPTION, ExitError, loadRuntime } from './shared.js';

async function writeAll(out: Writable, chunks: Iterable<string>) {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

export function exportCommand(program: Command) {
  program
    .command('export')
    .description('write every report or incident as JSONL, CSV or GeoJSON (never a caller number)')
    .addArgument(new Argument('<what>', 'what to export').choices(EXPORT_KINDS))
    .addOption(
      new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--include-narrative', "include each report's narrative text", false)
    .option(...DB_OPTION)
    .action(
      async (
        what: ExportKind,
        opts: { format: ExportFormat; out?: string; includeNarrative: boolean; db?: string },
      ) => {
        const config = configFrom({ dbPath: opts.db });
        const { createLogger, createRuntime } = await loadRuntime();
        const runtime = createRuntime(config, {
          logger: createLogger({ logLevel: 'warn' }, process.stderr),
          migrationLogger: createLogger({ logLevel: 'info' }, process.stderr),
        });
        const { store } = runtime;
        try {
          const out = opts.out ? createWriteStream(opts.out) : process.stdout;
          let opened = 0;
          const openNarrative = opts.includeNarrative
            ? (report: Report) => {
                opened += 1;
                return runtime.vault.openNarrative(report);
              }
            : undefined;
          await writeAll(out, exportChunks(store, what, opts.format, { openNarrative }));
          if (opened > 0) {
            store.transaction(() =>
              runtime.audit({
                actor: 'cli',
                action: 'report.exported',
                target: 'reports',
                reason: 'exported reports with their narratives',
                details: { count: opened, format: opts.format },
              }),
            );
          }
          if (opts.out) {
            out.end();
            await once(out, 'finish');
          }
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw new ExitError(`export failed: ${(err as Error).message}`, 1);
        } finally {
          runtime.close();
        }
      },
    );
}
