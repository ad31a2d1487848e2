/**
 * Which keys belong to which database, checked before a database is used:
 * - a database that already holds sealed data must find its master key (never a new
 *   one quietly made), and the key must be the one whose fingerprint it recorded;
 * - the keys folder (pseudonym keys, the audit anchor) belongs to one database only:
 *   the first to use it binds it (keyring.ts `bindKeysFolder`); any other is refused.
 * Errors say what to set. Only fingerprints and ids are kept in the database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bindKeysFolder, MASTER_KEY_FILE, type Keyring } from './keyring.js';

/** Facts about the database itself (the `meta` table). */
export interface DatabaseMeta {
  get(key: string): string | null;
  set(key: string, value: string): void;
  /** Whether the database holds anything sealed or audited yet. */
  holdsData(): boolean;
}

export class MasterKeyError extends Error {
  readonly code = 'keys.master_mismatch';
}

const DATABASE_ID = 'database_id';
const MASTER_KEY_ID = 'master_key_id';

/** The database's own id, made on first use: `db_` and 16 random bytes in hex. */
export function databaseIdOf(meta: DatabaseMeta): string {
  let id = meta.get(DATABASE_ID);
  if (id === null) {
    id = `db_${randomBytes(16).toString('hex')}`;
    meta.set(DATABASE_ID, id);
  }
  return id;
}

export interface KeysForDatabase {
  meta: DatabaseMeta;
  keyring: Keyring;
  dbPath: string;
  keysDir: string;
  /** Whether TIPWIRE_MASTER_KEY is set. */
  masterKeyFromEnv: boolean;
}

export function claimKeysForDatabase(deps: KeysForDatabase): void {
  const { meta, keyring, dbPath, keysDir } = deps;
  const recorded = meta.get(MASTER_KEY_ID);
  const inUse = recorded !== null || meta.holdsData();
  const available = deps.masterKeyFromEnv || existsSync(path.join(keysDir, MASTER_KEY_FILE));
  // Checked before anything is written, so a wrong keys folder is not created or bound.
  if (inUse && !available) {
    const legacy = path.join(path.dirname(dbPath), 'keys');
    const hint =
      legacy !== keysDir && existsSync(path.join(legacy, MASTER_KEY_FILE))
        ? `; tipwire 0.1 kept the keys of every database in ${legacy}: move that folder to ` +
          `${keysDir}, or set TIPWIRE_KEYS_DIR=${legacy}`
        : '';
    throw new MasterKeyError(
      `the database ${dbPath} holds sealed data, but its master key is not here: ` +
        `set TIPWIRE_MASTER_KEY, or TIPWIRE_KEYS_DIR to the folder holding ${MASTER_KEY_FILE}${hint}`,
    );
  }
  bindKeysFolder(keysDir, databaseIdOf(meta), dbPath);
  const id = keyring.master().id;
  if (recorded === null) {
    meta.set(MASTER_KEY_ID, id);
  } else if (recorded !== id) {
    throw new MasterKeyError(
      `the master key in use (${id}) is not the one that sealed ${dbPath} (${recorded}): ` +
        'set TIPWIRE_MASTER_KEY or TIPWIRE_KEYS_DIR to the right one',
    );
  }
}
