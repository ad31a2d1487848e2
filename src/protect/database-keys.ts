/**
 * Which keys belong to which database, checked before a database is used:
 * - a database that already holds sealed data must find its master key (never a new
 *   one quietly made), and the key must be the one whose fingerprint it recorded;
 * - the keys folder (pseudonym keys, the audit anchor) belongs to one database only:
 *   the first to use it binds it (keyring.ts `bindKeysFolder`); any other is refused.
 * - while a master-key rotation is unfinished (key-rotation.ts), nothing else may use
 *   the database: some data keys are wrapped under the old key and some under the new;
 * - once a rotation has kept the subkey root in the keys folder, that root must be the
 *   one the database recorded (a lost or foreign `subkey-root` would silently change
 *   the blind-index, audit, receipt and text-sketch keys).
 * Errors say what to set. Only fingerprints and ids are kept in the database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  bindKeysFolder,
  MASTER_KEY_FILE,
  masterKeyId,
  SUBKEY_ROOT_FILE,
  type Keyring,
} from './keyring.js';

/** Facts about the database itself (the `meta` table). */
export interface DatabaseMeta {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Whether the database holds anything sealed or audited yet. */
  holdsData(): boolean;
}

export class MasterKeyError extends Error {
  readonly code = 'keys.master_mismatch';
}

const DATABASE_ID = 'database_id';
/** The fingerprint (id) of the master key the database's data keys are wrapped under. */
export const MASTER_KEY_ID = 'master_key_id';
/** The fingerprint of the subkey root, recorded by the first rotation. */
export const SUBKEY_ROOT_ID = 'subkey_root_id';
/** The unfinished master-key rotation, as JSON (a RotationRecord); absent when none. */
export const KEY_ROTATION = 'key_rotation';

/** A master-key rotation in progress, kept in the database so a killed run resumes. */
export interface RotationRecord {
  from: string;
  to: string;
  /** `rewrap`: data keys are being re-wrapped; `retire`: the database uses `to`, the key files follow. */
  phase: 'rewrap' | 'retire';
  /** The report (seq) up to which data keys are re-wrapped. */
  afterSeq: number;
  /** How many data keys this rotation re-wrapped so far. */
  rewrapped: number;
  startedAt: number;
}

export function readRotation(meta: Pick<DatabaseMeta, 'get'>): RotationRecord | null {
  const text = meta.get(KEY_ROTATION);
  return text === null ? null : (JSON.parse(text) as RotationRecord);
}

/** The subkey root's public fingerprint (it says nothing of the root). */
export const subkeyRootId = (root: Buffer) => masterKeyId(root).replace(/^mk_/, 'sk_');

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
  const rotation = readRotation(meta);
  if (rotation) {
    throw new MasterKeyError(
      `a master key rotation of ${dbPath} (${rotation.from} → ${rotation.to}) is unfinished: ` +
        'run `tipwire keys rotate` again to finish it (it continues where it stopped)',
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
  requireSubkeyRoot(meta, keyring, keysDir);
}

/** Throws unless the keyring's subkey root is the one the database recorded (if it recorded one). */
export function requireSubkeyRoot(meta: DatabaseMeta, keyring: Keyring, keysDir: string): void {
  const recorded = meta.get(SUBKEY_ROOT_ID);
  if (recorded === null) return;
  const actual = subkeyRootId(keyring.subkeyRoot());
  if (actual !== recorded) {
    throw new MasterKeyError(
      `the subkey root (${actual}) is not the one this database recorded (${recorded}): ` +
        `${path.join(keysDir, SUBKEY_ROOT_FILE)} is missing or belongs to another database; ` +
        'restore the keys folder from the backup made with this database',
    );
  }
}
