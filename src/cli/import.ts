/**
 * `tipwire import FILE.jsonl`: one Report JSON per line. Bad lines are reported
 * with their number and field and skipped; good lines are stored (in batches, one
 * transaction each) and the whole pipeline runs before the command exits.
 * A line with an externalId that was imported before, byte-for-byte equal after
 * canonical JSON, is skipped, so re-running an interrupted import is safe.
 */
import type { Command } from 'commander';
import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { AppError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { NewReport } from '../domain/report.js';
import { canonicalJson } from '../intake/intake.service.js';
import { parseImportLine } from '../intake/jsonl-import.js';
import { toNewReport } from '../intake/new-report.js';
import { createReportSchema } from '../intake/report-schema.js';
import { createLogger, createRuntime } from '../runtime.js';
import { configFrom, DB_OPTION, ExitError } from './shared.js';

const BATCH_LINES = 500;
const IMPORT_PRINCIPAL = 'import';

export function importCommand(program: Command) {
  program
    .command('import')
    .description('import reports from a JSONL file (one Report JSON per line) and process them')
    .argument('<file>', 'JSONL file, or - for standard input')
    .option(...DB_OPTION)
    .action(async (file: string, opts: { db?: string }) => {
      const config = configFrom({ dbPath: opts.db });
      // Pipeline warnings go to stderr; stdout carries the summary only.
      const logger = createLogger(
        { logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel },
        process.stderr,
      );
      const runtime = createRuntime(config, { logger });
      const { store, pipeline } = runtime;
      try {
        const schema = createReportSchema(config);
        const incidentsBefore = store.incidents.count();
        let imported = 0;
        let failed = 0;
        let duplicates = 0;
        let batch: { report: NewReport; lineKey: string | null }[] = [];

        const flush = () => {
          const now = runtime.clock();
          store.transaction(() => {
            for (const { report, lineKey } of batch) {
              store.reports.insert(report);
              pipeline.enqueue(report.id, now);
              if (lineKey) {
                store.idempotency.put(IMPORT_PRINCIPAL, lineKey, {
                  requestHash: lineKey,
                  status: 201,
                  response: JSON.stringify({ id: report.id }),
                  createdAt: now,
                });
              }
            }
          });
          imported += batch.length;
          batch = [];
        };

        const seenInFile = new Set<string>();
        const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
        const lines = readline.createInterface({ input, crlfDelay: Infinity });
        let lineNo = 0;
        const where = file === '-' ? 'stdin' : file;
        for await (const text of lines) {
          lineNo += 1;
          const line = parseImportLine(text, schema);
          if (line.kind === 'blank') continue;
          if (line.kind === 'error') {
            failed += 1;
            for (const issue of line.issues) {
              console.error(`${where}:${lineNo}: ${issue.path || '(line)'}: ${issue.message}`);
            }
            continue;
          }
          let lineKey: string | null = null;
          if (line.input.externalId !== undefined) {
            lineKey =
              // Keyed: the line may hold a caller's number.
              'line:' +
              createHmac('sha256', runtime.keyring.subkey('receipt'))
                .update(canonicalJson(line.input))
                .digest('hex');
            if (seenInFile.has(lineKey) || store.idempotency.get(IMPORT_PRINCIPAL, lineKey)) {
              duplicates += 1;
              continue;
            }
            seenInFile.add(lineKey);
          }
          try {
            const report = await toNewReport(line.input, {
              now: runtime.clock(),
              newId,
              protection: runtime.protection,
              defaultPhoneRegion: config.defaultPhoneRegion,
              mayStateReceivedAt: true,
            });
            batch.push({ report, lineKey });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            failed += 1;
            for (const issue of err.issues)
              console.error(`${where}:${lineNo}: ${issue.path}: ${issue.message}`);
            continue;
          }
          if (batch.length >= BATCH_LINES) flush();
        }
        if (batch.length > 0) flush();

        const run = await pipeline.drain();
        const queue = store.jobs.counts();
        const incidentsAfter = store.incidents.count();
        console.log(
          `imported ${imported} report(s) from ${where}: ${failed} line(s) failed, ${duplicates} already imported`,
        );
        console.log(
          `pipeline: ${run.completed} report(s) processed, ${run.failed} stage failure(s), ${queue.ready} waiting, ${queue.failed} parked`,
        );
        console.log(`incidents: ${incidentsAfter} in all, ${incidentsAfter - incidentsBefore} new`);
        if (failed > 0) throw new ExitError(`${failed} line(s) could not be imported`, 1);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ExitError(`cannot read ${file}: no such file`, 1);
        }
        throw err;
      } finally {
        runtime.close();
      }
    });
}
