/**
 * `tipwire keys rotate`: the master-key rotation of protect/key-rotation.ts, wired to
 * the database, the keys folder and the audit trail. It needs the database to itself:
 * it refuses to start while another process (`serve`, an import) has it open, and
 * holds SQLite's exclusive lock until it ends, so nothing else can open it meanwhile.
 * Prints progress and a summary: key ids (fingerprints) and counts, never a key.
 */
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAuditLog, defaultAnchorPath } from '../audit/audit-log.js';
import type { Config } from '../config.js';
import {
  createKeyring,
  createMasterKeyFiles,
  DATABASE_ID_FILE,
  MASTER_KEY_FILE,
  parseHexKey,
  readBinding,
  readKeyFile,
} from '../protect/keyring.js';
import {
  KeyRotationError,
  rotateMasterKey,
  type RotationProgress,
  type RotationSummary,
} from '../protect/key-rotation.js';
import { databaseIdOf } from '../protect/database-keys.js';
import {
  DatabaseBusyError,
  openSqliteStore,
  type SqliteStore,
} from '../store/sqlite/sqlite-store.js';
import { configFrom, DB_OPTION, ExitError } from './shared.js';

export interface RotateOptions {
  /** A file holding the new master key (64 hex characters). */
  newKeyFile?: string;
  onProgress?: (progress: RotationProgress) => void;
}

/** Runs or resumes the rotation; ExitError (nothing changed) when it is refused. */
export function rotateKeys(config: Config, options: RotateOptions = {}): RotationSummary {
  if (!existsSync(config.store.dbPath))
    throw new ExitError(`there is no database at ${config.store.dbPath}`, 2);
  const newKey = givenNewKey(config, options.newKeyFile);
  const masterFromEnv = config.keys.masterKey !== undefined;
  const files = createMasterKeyFiles(config.keys.dir);
  if (!masterFromEnv && !files.hasMasterFile()) {
    throw new ExitError(
      `there is no master key to rotate from: neither TIPWIRE_MASTER_KEY nor ` +
        `${path.join(config.keys.dir, MASTER_KEY_FILE)} is set`,
      2,
    );
  }
  const store = openSqliteStore(config.store.dbPath);
  try {
    lockDatabase(store, config.store.dbPath);
    const boundTo = readBinding(path.join(config.keys.dir, DATABASE_ID_FILE));
    const ownId = databaseIdOf(store.meta);
    if (boundTo !== null && boundTo !== ownId) {
      throw new ExitError(
        `the keys folder ${config.keys.dir} belongs to another database (${boundTo}), not to ` +
          `${config.store.dbPath} (${ownId}): give TIPWIRE_KEYS_DIR of this database`,
        2,
      );
    }
    const keyring = createKeyring({
      dir: config.keys.dir,
      masterKeyHex: config.keys.masterKey,
      pseudonymEpochDays: config.keys.pseudonymEpochDays,
      clock: Date.now,
    });
    const auditLog = createAuditLog({
      repo: store.audit,
      key: keyring.subkey('audit'),
      clock: Date.now,
      anchorPath: defaultAnchorPath(config.keys.dir),
    });
    const summary = rotateMasterKey({
      meta: store.meta,
      reports: store.reports,
      transaction: store.transaction,
      keyring,
      files,
      newKey,
      masterFromEnv,
      makeKey: () => randomBytes(32),
      audit: (entry) => void auditLog.append(entry),
      clock: Date.now,
      batchSize: config.keys.rotateBatchSize,
      onProgress: options.onProgress ?? (() => {}),
    });
    auditLog.anchor();
    return summary;
  } catch (err) {
    if (err instanceof KeyRotationError) throw new ExitError(err.message, 1);
    throw err;
  } finally {
    store.close();
  }
}

/** The new key from --new-key-file or TIPWIRE_NEW_MASTER_KEY; errors name the file, never the key. */
function givenNewKey(config: Config, file: string | undefined): Buffer | null {
  if (file !== undefined && config.keys.newMasterKey !== undefined) {
    throw new ExitError(
      'give the new master key once: --new-key-file or TIPWIRE_NEW_MASTER_KEY',
      2,
    );
  }
  if (config.keys.newMasterKey !== undefined) {
    return parseHexKey(config.keys.newMasterKey, 'TIPWIRE_NEW_MASTER_KEY');
  }
  if (file === undefined) return null;
  let key: Buffer | null;
  try {
    key = readKeyFile(file);
  } catch (err) {
    throw new ExitError(`--new-key-file: ${(err as Error).message}`, 2);
  }
  if (key === null) throw new ExitError(`--new-key-file: there is no file ${file}`, 2);
  return key;
}

/**
 * SQLite's exclusive locking mode: the lock is taken only if no other connection has
 * the database open, and kept until this one closes.
 */
function lockDatabase(store: SqliteStore, dbPath: string): void {
  try {
    store.lockExclusive();
  } catch (err) {
    if (!(err instanceof DatabaseBusyError)) throw err;
    throw new ExitError(
      `${dbPath} is open in another process (tipwire serve, an import?): stop it first, ` +
        'keys rotate needs the database to itself',
      1,
    );
  }
}

function describe(p: RotationProgress): string {
  switch (p.step) {
    case 'started':
      return `rotating the master key ${p.from} → ${p.to}`;
    case 'resumed':
      return `resuming the rotation ${p.from} → ${p.to} (${p.rewrapped} data keys re-wrapped before)`;
    case 'rewrapped':
      return `re-wrapped ${p.rewrapped} of ${p.total} data keys`;
    case 'verified':
      return `verified: all ${p.dataKeys} data keys open under the new key alone`;
    case 'switched':
      return `the database now uses ${p.to} (audit record keys.master_rotated)`;
    case 'retired':
      return p.retiredFile
        ? `the old master key file is now ${p.retiredFile}`
        : 'the old master key was in TIPWIRE_MASTER_KEY: nothing to move';
  }
}

export function keysCommand(program: Command) {
  const keys = program.command('keys').description('the master key');
  keys
    .command('rotate')
    .description(
      're-wrap every data key under a new master key, verify, then retire the old key ' +
        '(stop the server first; run again to resume after a crash)',
    )
    .option(
      '--new-key-file <file>',
      'the new master key, 64 hex characters (default: a new key made in the keys folder; ' +
        'required, or TIPWIRE_NEW_MASTER_KEY, when TIPWIRE_MASTER_KEY is set)',
    )
    .option(...DB_OPTION)
    .action((opts: { newKeyFile?: string; db?: string }) => {
      const config = configFrom({ dbPath: opts.db });
      const s = rotateKeys(config, {
        newKeyFile: opts.newKeyFile,
        onProgress: (p) => console.log(describe(p)),
      });
      const checked = s.verified > 0 ? `${s.verified} verified` : 'verified in an earlier run';
      console.log(
        `master key rotated: ${s.from} → ${s.to}; ${s.rewrapped} data keys re-wrapped, ${checked}`,
      );
      console.log(
        s.retiredFile === null
          ? `now set TIPWIRE_MASTER_KEY to the new key (${s.to}) before starting tipwire again, ` +
              'and back up the keys folder (its subkey-root changed)'
          : `back up the keys folder now (master.key and subkey-root changed); keep ${s.retiredFile} ` +
              'while backups made before this rotation exist, then delete it',
      );
    });
}
