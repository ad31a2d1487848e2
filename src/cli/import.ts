/**
 * `tipwire import FILE.jsonl`: one Report JSON per line, read as a stream. Bad lines
 * are reported with their number and field and skipped; good lines are stored in
 * batches (one transaction each), then the pipeline runs over them before the command
 * exits (`--no-wait`: leave them queued for `tipwire serve`). Progress goes to stderr,
 * the summary to stdout. A line whose externalId an import stored before is a new
 * version of that report (see intake/jsonl-import.ts). `--dry-run` checks every line,
 * writes nothing and opens the database, if there is one, read-only (to count what
 * would be new, updated or already imported). Re-running an interrupted import is safe.
 */
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync, type ReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from '../config.js';
import type { FieldIssue } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import {
  createImportLookup,
  createImportSink,
  IMPORT_PRINCIPAL,
  importLines,
  type ImportDeps,
  type ImportLookup,
  type ImportTotals,
} from '../intake/jsonl-import.js';
import {
  checkReportInput,
  contentHashOf,
  toNewReport,
  versionTargetOf,
} from '../intake/new-report.js';
import { createReportSchema } from '../intake/report-schema.js';
import { createKeyring, MASTER_KEY_FILE } from '../protect/keyring.js';
import { openReadOnlyStore, type ReadOnlyStore } from '../store/sqlite/sqlite-store.js';
import { contentHash } from '../protect/keyed-hashes.js';
import type { Runtime } from '../runtime.js';
import { createProgress, type ProgressOptions } from './progress.js';
import { configFrom, DB_OPTION, ExitError, loadRuntime } from './shared.js';

interface ImportOptions {
  db?: string;
  dryRun?: boolean;
  wait: boolean;
}

export function importCommand(program: Command) {
  program
    .command('import')
    .description('import reports from a JSONL file (one Report JSON per line) and process them')
    .argument('<file>', 'JSONL file, or - for standard input')
    .option(...DB_OPTION)
    .option(
      '--dry-run',
      'check every line, report the bad ones and count what would be new or updated; store nothing',
    )
    .option('--no-wait', 'store the reports and return; `tipwire serve` runs the pipeline later')
    .action(async (file: string, opts: ImportOptions) => {
      const config = configFrom({ dbPath: opts.db });
      const where = file === '-' ? 'stdin' : file;
      let input: NodeJS.ReadableStream & { bytesRead?: number };
      let size: number | null = null;
      if (file === '-') input = process.stdin;
      else {
        try {
          size = statSync(file).size;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
            throw new ExitError(`cannot read ${file}: no such file`, 1);
          }
          throw err;
        }
        input = createReadStream(file, { encoding: 'utf8' }) as ReadStream;
      }
      const progressOptions: ProgressOptions = {
        out: process.stderr,
        now: () => performance.now(),
        redrawMs: config.bulkImport.progressRedrawMs,
        lineIntervalMs: config.bulkImport.progressIntervalMs,
      };
      const onLineFailed = (lineNo: number, issues: FieldIssue[]) => {
        for (const issue of issues) {
          console.error(`${where}:${lineNo}: ${issue.path || '(line)'}: ${issue.message}`);
        }
      };
      const read = () => {
        const progress = createProgress('import', 'lines', progressOptions);
        // Of a file: the bytes read so far (ahead of the lines parsed by one chunk).
        const fraction = () => (size ? (input.bytesRead ?? 0) / size : null);
        const lines = readline.createInterface({ input, crlfDelay: Infinity });
        return {
          lines,
          onBatch: (t: Readonly<ImportTotals>) =>
            progress.update(t.lines, fraction(), updatedNote(t)),
          finish: (t: ImportTotals) => progress.done(t.lines, size ? 1 : null, updatedNote(t)),
        };
      };
      const schema = createReportSchema(config.intake);

      if (opts.dryRun) {
        const stored = dryRunLookup(config);
        try {
          const { lines, onBatch, finish } = read();
          const totals = await importLines(lines, {
            ...lineChecks(config, schema),
            prepare: () => Promise.reject(new Error('a dry run prepares nothing')),
            lookup: stored.lookup,
            sink: null,
            batchSize: config.bulkImport.batchSize,
            onLineFailed,
            onBatch,
          });
          finish(totals);
          const valid = totals.imported + totals.updated + totals.duplicates;
          console.log(
            `dry run of ${where}: ${valid} line(s) valid, ${totals.failed} failed; nothing was stored; ` +
              `${totals.imported} would be new, ${totals.updated} updated, ${totals.duplicates} already imported` +
              (stored.against ? ` (compared with ${stored.against})` : ''),
          );
          if (totals.failed > 0) throw new ExitError(`${totals.failed} line(s) are not valid`, 1);
          return;
        } finally {
          stored.close();
        }
      }

      // Pipeline warnings go to stderr; stdout carries the summary only.
      const { createLogger, createRuntime } = await loadRuntime();
      const logger = createLogger(
        { logLevel: config.server.logLevel === 'info' ? 'warn' : config.server.logLevel },
        process.stderr,
      );
      // Catching up on an import runs larger batches than the server's (no requests wait).
      const runtime = createRuntime(
        {
          ...config,
          pipeline: { ...config.pipeline, batchSize: config.bulkImport.pipelineBatchSize },
        },
        {
          logger,
          searchTokenCacheTerms: config.bulkImport.tokenCacheTerms,
          migrationLogger: createLogger({ logLevel: 'info' }, process.stderr),
        },
      );
      const { store } = runtime;
      try {
        const incidentsBefore = store.incidents.count();
        const importStarted = performance.now();
        const { lines, onBatch, finish } = read();
        const totals = await importLines(lines, {
          ...lineChecks(config, schema),
          prepare: (line, earlier) =>
            toNewReport(line, {
              now: runtime.clock(),
              newId,
              protection: runtime.protection,
              defaultPhoneRegion: config.intake.defaultPhoneRegion,
              mayStateReceivedAt: true,
              sender: IMPORT_PRINCIPAL,
              versionOf: earlier ? versionTargetOf(earlier, runtime.vault) : undefined,
            }),
          lookup: createImportLookup({
            store,
            lineKeyKey: runtime.keyring.subkey('receipt'),
            protection: runtime.protection,
          }),
          sink: createImportSink({
            store,
            enqueue: runtime.pipeline.enqueue,
            requeue: runtime.pipeline.requeue,
            audit: runtime.audit,
            clock: runtime.clock,
          }),
          batchSize: config.bulkImport.batchSize,
          onLineFailed,
          onBatch,
        });
        finish(totals);
        console.log(
          `imported ${totals.imported} report(s) from ${where}: ${totals.failed} line(s) failed, ${totals.duplicates} already imported, ${totals.updated} updated (new version); took ${secondsSince(importStarted)} s`,
        );
        if (opts.wait) {
          const pipelineStarted = performance.now();
          const run = await catchUp(runtime, progressOptions);
          const queue = store.jobs.counts();
          console.log(
            `pipeline: ${run.completed} report(s) processed, ${run.failed} stage failure(s), ${queue.ready} waiting, ${queue.failed} parked; took ${secondsSince(pipelineStarted)} s`,
          );
        } else {
          const queue = store.jobs.counts();
          console.log(
            `pipeline: not waited for; ${queue.ready} report(s) queued for \`tipwire serve\``,
          );
        }
        const incidentsAfter = store.incidents.count();
        console.log(`incidents: ${incidentsAfter} in all, ${incidentsAfter - incidentsBefore} new`);
        if (totals.failed > 0)
          throw new ExitError(`${totals.failed} line(s) could not be imported`, 1);
      } finally {
        runtime.close();
      }
    });
}

const secondsSince = (startedMs: number) => ((performance.now() - startedMs) / 1000).toFixed(1);

/** What the progress line adds: the new versions so far, once there are any. */
const updatedNote = (t: Readonly<ImportTotals>) =>
  t.updated > 0 ? `${t.updated.toLocaleString('en-US')} updated` : null;

/**
 * What a dry run compares lines with: the database, opened read-only, when it and its
 * keys exist (the line keys and content hashes are keyed); otherwise the file alone
 * (its own repeated externalIds), hashed in memory only.
 */
function dryRunLookup(config: Config): {
  lookup: ImportLookup;
  against: string | null;
  close(): void;
} {
  const { keys } = config;
  const keysExist =
    keys.masterKey !== undefined || existsSync(path.join(keys.dir, MASTER_KEY_FILE));
  let store: ReadOnlyStore | null = null;
  try {
    store = keysExist ? openReadOnlyStore(config.store.dbPath) : null;
  } catch {
    console.error(
      `${config.store.dbPath}: cannot be read as this version's database (older schema?); the dry run compares the file's lines only`,
    );
  }
  if (!store) {
    const hash = (content: string) => createHash('sha256').update(content).digest('hex');
    return {
      lookup: {
        lineKey: () => null,
        imported: () => false,
        stored: () => null,
        contentHash: (input) => contentHashOf(input, { contentHash: hash }),
      },
      against: null,
      close() {},
    };
  }
  // Reads the keys only: they exist (checked above), so nothing is created.
  const keyring = createKeyring({
    dir: keys.dir,
    masterKeyHex: keys.masterKey,
    pseudonymEpochDays: config.keys.pseudonymEpochDays,
    clock: Date.now,
  });
  const key = keyring.subkey('receipt');
  const opened = store;
  return {
    lookup: createImportLookup({
      store: opened,
      lineKeyKey: key,
      protection: { contentHash: (content) => contentHash(key, content) },
    }),
    against: config.store.dbPath,
    close: () => opened.close(),
  };
}

/** The schema and the checks beyond it, shared by the dry run and the real one. */
function lineChecks(
  config: Config,
  schema: ReturnType<typeof createReportSchema>,
): Pick<ImportDeps, 'schema' | 'check'> {
  return {
    schema,
    check: (line) =>
      checkReportInput(line, {
        mayStateReceivedAt: true,
        defaultPhoneRegion: config.intake.defaultPhoneRegion,
      }),
  };
}

/** Runs the pipeline until nothing is due, with a second progress bar. */
async function catchUp(runtime: Runtime, options: ProgressOptions) {
  const total = runtime.store.jobs.counts().ready;
  const progress = createProgress('pipeline', 'reports', options);
  const run = await runtime.pipeline.drain((sofar) =>
    progress.update(sofar.taken, total > 0 ? sofar.taken / total : null),
  );
  progress.done(run.taken, total > 0 ? 1 : null);
  return run;
}
