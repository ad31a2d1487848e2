/**
 * `tipwire audit verify`: checks the audit trail's hash chain (and its anchor);
 * exit 0 when intact, 1 naming the first broken record. `tipwire audit list`: the
 * newest records as JSONL. Both open the database read-only: evidence is not touched.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_ID_FILE, readBinding } from '../protect/keyring.js';
import {
  AuditKeyMissingError,
  auditRecordView,
  createAuditLog,
  defaultAnchorPath,
  getAuditKey,
  type AuditRepository,
} from '../audit/audit-log.js';
import {
  AuditTrailUnavailableError,
  openAuditReader,
  type AuditReader,
} from '../store/sqlite/audit-reader.js';
import { configFrom, DB_OPTION, ExitError } from './shared.js';

const LIST_CHUNK = 1000;

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1');
  }
  return Number(value);
}

function withRepo<T>(
  dbPath: string,
  fn: (repo: AuditRepository, databaseId: string | null) => T,
): T {
  let reader: AuditReader;
  try {
    reader = openAuditReader(dbPath);
  } catch (err) {
    if (err instanceof AuditTrailUnavailableError) {
      throw new ExitError(err.message, err.reason === 'dropped' ? 1 : 2);
    }
    throw err;
  }
  try {
    return fn(reader.repo, reader.databaseId);
  } finally {
    reader.close();
  }
}

/**
 * The anchor and key in the keys folder are this database's only if the folder is
 * bound to it: checked against another database's anchor, verify would report
 * deletions that never happened.
 */
function requireOwnKeysFolder(ownId: string | null, keysDir: string, dbPath: string) {
  const boundTo = readBinding(path.join(keysDir, DATABASE_ID_FILE));
  if (ownId !== null && boundTo !== null && boundTo !== ownId) {
    throw new ExitError(
      `the keys folder ${keysDir} belongs to another database (${boundTo}), not to ${dbPath} ` +
        `(${ownId}): give TIPWIRE_KEYS_DIR of this database`,
      2,
    );
  }
}

export function auditCommand(program: Command) {
  const audit = program.command('audit').description('the tamper-evident audit trail');

  audit
    .command('verify')
    .description('check that no audit record was edited, deleted or reordered (exit 1 if so)')
    .option(
      '--anchor <file>',
      'anchor file to check against (default: audit-anchor.json in the keys folder)',
    )
    .option(...DB_OPTION)
    .action((opts: { anchor?: string; db?: string }) => {
      const config = configFrom({ dbPath: opts.db });
      const anchorPath = opts.anchor ?? defaultAnchorPath(config.keys.dir);
      withRepo(config.store.dbPath, (repo, databaseId) => {
        requireOwnKeysFolder(databaseId, config.keys.dir, config.store.dbPath);
        if (repo.last() === null && !existsSync(anchorPath)) {
          console.log('audit log intact: 0 records');
          return;
        }
        let key: Buffer;
        try {
          key = getAuditKey(config.keys, { create: false });
        } catch (err) {
          if (err instanceof AuditKeyMissingError) {
            throw new ExitError(`${err.message}: the audit log cannot be verified without it`, 2);
          }
          throw err;
        }
        const result = createAuditLog({ repo, key, clock: Date.now, anchorPath }).verify();
        if (!result.ok) throw new ExitError(result.message, 1);
        const head = result.head
          ? `, newest ${result.head.seq} (hash ${result.head.hash.slice(0, 16)}…)`
          : '';
        const anchored =
          result.anchoredSeq === null
            ? `; no anchor at ${anchorPath}, so deleted newest records would go unseen`
            : `, anchored at record ${result.anchoredSeq}`;
        console.log(`audit log intact: ${result.count} records${head}${anchored}`);
      });
    });

  audit
    .command('list')
    .description('print audit records as JSON lines, newest first')
    .addOption(new Option('--limit <n>', 'how many records').argParser(positiveInt).default(100))
    .option('--actor <actor>', 'only this actor, e.g. user:alice or token:<id>')
    .option('--action <code>', 'only this action, e.g. report.read')
    .option('--target <target>', 'only this target, e.g. report:r_…')
    .option(...DB_OPTION)
    .action(
      (opts: { limit: number; actor?: string; action?: string; target?: string; db?: string }) => {
        const config = configFrom({ dbPath: opts.db });
        withRepo(config.store.dbPath, (repo) => {
          const { actor, action, target } = opts;
          let remaining = opts.limit;
          let after: number | undefined;
          while (remaining > 0) {
            const page = repo.list({
              limit: Math.min(remaining, LIST_CHUNK),
              after,
              actor,
              action,
              target,
            });
            for (const r of page.items) console.log(JSON.stringify(auditRecordView(r)));
            remaining -= page.items.length;
            if (page.next === null) break;
            after = page.next;
          }
        });
      },
    );
}
