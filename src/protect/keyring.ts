/**
 * Every secret key tipwire uses, kept outside the database: in the keys folder
 * (mode 0700, files 0600) or, for the master key, in the environment. This is the
 * one module of protect/ that touches the file system.
 *
 * - Master key: `masterKeyHex` (from TIPWIRE_MASTER_KEY) if given, else `<dir>/master.key`,
 *   created on first use. Its id is a fingerprint, `mk_` + 16 hex characters of
 *   HKDF-SHA256(master, info "tipwire/v1/master-key-id"), so it changes with the key.
 * - Subkeys: HKDF-SHA256(root, empty salt, info "tipwire/v1/subkey/<purpose>", 32 bytes)
 *   for the purposes `blind-index`, `audit`, `receipt` and `text-sketch` (the keyed
 *   MinHash of narratives, correlate/text-sketch.ts). The root is the database's first
 *   master key: until a rotation it is the master key itself; a rotation
 *   (key-rotation.ts) keeps it in `<dir>/subkey-root`, wrapped under the master key in
 *   use (one hex line per master key, envelope.ts's wrapped format), so the blind index,
 *   receipts, the audit chain and the text sketches keep their keys when the master key
 *   changes.
 * - Rotation's files: the next master key in `<dir>/master.key.next` until it replaces
 *   `master.key`; the old one is moved aside to `<dir>/retired/master-<id>.key`.
 * - Pseudonym keys, one random key per epoch in `<dir>/pseudonym/<epoch>.key`, where
 *   epoch = floor(now / epoch length) counted from 1970-01-01T00:00Z. They are NOT
 *   derived from the master key, so destroying the file really makes it unrecoverable.
 *   The current and previous epoch keys link a caller across one boundary; keys older
 *   than the previous epoch are overwritten with zeros, fsynced and unlinked. (On
 *   copy-on-write or wear-levelled storage the overwrite is best effort; the unlink is
 *   what counts, and backups of the keys folder must not keep old pseudonym keys.)
 * - Pseudonyms are epoch-tagged: `ps<epoch>_<64 hex>`, the hex being
 *   `pseudonymOf(e164, key of that epoch)` (HMAC-SHA256), so a stored pseudonym says
 *   which key made it, and one whose key is destroyed can be recognised as unlinkable.
 *
 * New key files are written to a temporary name, fsynced, then hard-linked into place:
 * a crash never leaves an empty key, and two processes racing to create the same key
 * end up using the same one.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  chmodSync,
  existsSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../platform/make-dirs.js';
import { AppError } from '../domain/errors.js';
import { pseudonymOf } from './pseudonym.js';
import { unwrapDataKey, wrappingKeyId } from './envelope.js';

/** The master key's file in the keys folder, when it does not come from the environment. */
export const MASTER_KEY_FILE = 'master.key';
/** The master key a rotation is moving to, until it replaces `master.key`. */
export const NEXT_MASTER_KEY_FILE = 'master.key.next';
/** Where a rotation moves the old master key file (kept to open older backups). */
export const RETIRED_DIR = 'retired';
/** The subkey root, wrapped under the master key(s); absent until the first rotation. */
export const SUBKEY_ROOT_FILE = 'subkey-root';

export type SubkeyPurpose = 'blind-index' | 'audit' | 'receipt' | 'text-sketch' | 'observables';

export interface KeyringOptions {
  /** The keys folder. */
  dir: string;
  /** The master key as 64 hex characters (TIPWIRE_MASTER_KEY); else a file in `dir`. */
  masterKeyHex?: string;
  /** Length of a pseudonym key's epoch in days (may be fractional). */
  pseudonymEpochDays: number;
  clock: () => number;
}

export interface EpochKey {
  epoch: number;
  key: Buffer;
}

export interface Keyring {
  master(): { id: string; key: Buffer };
  /** The master key with this id, or null (only the current one is known for now). */
  masterById(id: string): Buffer | null;
  subkey(purpose: SubkeyPurpose): Buffer;
  /** What subkeys are derived from: the master key, or the root a rotation kept. */
  subkeyRoot(): Buffer;
  /**
   * The current epoch's key (created if missing) and the previous one if its file
   * exists. Both are read once per epoch (and again after `destroyExpiredPseudonymKeys`);
   * entering an epoch first destroys the keys that expired.
   */
  pseudonymKeys(): { current: EpochKey; previous: EpochKey | null };
  /**
   * Destroys every pseudonym key older than the previous epoch; returns their epochs.
   * Run it from housekeeping too: it also makes the next `pseudonymKeys` look at the
   * files again.
   */
  destroyExpiredPseudonymKeys(): number[];
  /** The caller's pseudonyms under the current and the previous epoch key. */
  pseudonymsOf(e164: string): { current: string; previous: string | null };
}

const MASTER_ENV = 'TIPWIRE_MASTER_KEY';
const DAY_MS = 86_400_000;
const PSEUDONYM_DIR = 'pseudonym';
/** `<epoch>.key`, or a temporary file left by a crash while creating one. */
const PSEUDONYM_FILE = /^(\d+)\.key(?:\.[0-9a-f]+\.tmp)?$/;

/** The label HKDF uses for a subkey; part of the stored data's format, never change one. */
export const subkeyLabel = (purpose: SubkeyPurpose) => `tipwire/v1/subkey/${purpose}`;

export function createKeyring(options: KeyringOptions): Keyring {
  const { dir, clock } = options;
  const epochMs = options.pseudonymEpochDays * DAY_MS;
  if (!Number.isFinite(epochMs) || epochMs <= 0) {
    throw new AppError(
      'config.invalid',
      'technical',
      'pseudonymEpochDays (TIPWIRE_PSEUDONYM_EPOCH_DAYS) must be a positive number of days',
    );
  }
  // Checked now, not on first use, so a bad setting stops start-up.
  const envMaster =
    options.masterKeyHex === undefined ? null : parseHexKey(options.masterKeyHex, MASTER_ENV);
  const pseudonymDir = path.join(dir, PSEUDONYM_DIR);

  let masterKey: { id: string; key: Buffer } | null = null;
  let rootKey: Buffer | null = null;
  // The keys of one epoch, looked up when that epoch is first seen: the hot path
  // (a pseudonym per call) then touches no file.
  let epochKeys: { current: EpochKey; previous: EpochKey | null } | null = null;

  const master = () => {
    if (!masterKey) {
      const key = envMaster ?? loadOrCreateKeyFile(dir, MASTER_KEY_FILE);
      masterKey = { id: masterKeyId(key), key };
    }
    return masterKey;
  };

  const subkeyRoot = () => {
    rootKey ??= readSubkeyRoot(dir, master()) ?? master().key;
    return rootKey;
  };

  const currentEpoch = () => Math.floor(clock() / epochMs);

  const sweep = (epoch: number): number[] => {
    let names: string[];
    try {
      names = readdirSync(pseudonymDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const destroyed = new Set<number>();
    for (const name of names) {
      const match = PSEUDONYM_FILE.exec(name);
      if (!match || Number(match[1]) >= epoch - 1) continue;
      shred(path.join(pseudonymDir, name));
      destroyed.add(Number(match[1]));
    }
    if (destroyed.size > 0) fsyncDir(pseudonymDir);
    return [...destroyed].sort((a, b) => a - b);
  };

  const destroyExpiredPseudonymKeys = (): number[] => {
    const destroyed = sweep(currentEpoch());
    epochKeys = null; // look again: an operator may also have deleted the previous key by hand
    return destroyed;
  };

  const pseudonymKeys = () => {
    const epoch = currentEpoch();
    if (epochKeys?.current.epoch !== epoch) {
      sweep(epoch);
      ensurePrivateDir(dir);
      const current = loadOrCreateKeyFile(pseudonymDir, `${epoch}.key`);
      const previous = readKeyFile(path.join(pseudonymDir, `${epoch - 1}.key`));
      epochKeys = {
        current: { epoch, key: current },
        previous: previous ? { epoch: epoch - 1, key: previous } : null,
      };
    }
    return epochKeys;
  };

  return {
    master,
    masterById: (id) => (id === master().id ? master().key : null),
    // Derived on each call: HKDF takes microseconds, not worth a cache.
    subkey: (purpose) => hkdf(subkeyRoot(), subkeyLabel(purpose), KEY_BYTES),
    subkeyRoot,
    pseudonymKeys,
    destroyExpiredPseudonymKeys,
    pseudonymsOf(e164) {
      const { current, previous } = pseudonymKeys();
      return {
        current: epochPseudonym(e164, current),
        previous: previous ? epochPseudonym(e164, previous) : null,
      };
    },
  };
}

/**
 * The subkey root kept in `<dir>/subkey-root`, unwrapped with the master key in use;
 * null when there is no such file (the master key is then the root). A file without a
 * line for this master key is refused, naming the keys it has.
 */
function readSubkeyRoot(dir: string, master: { id: string; key: Buffer }): Buffer | null {
  const blobs = readSubkeyRootFile(dir);
  if (blobs === null) return null;
  const mine = blobs.find((blob) => wrappingKeyId(blob) === master.id);
  if (!mine) {
    const ids = blobs.map((blob) => wrappingKeyId(blob) ?? '(unreadable)').join(', ');
    throw new AppError(
      'key_unavailable',
      'technical',
      `${path.join(dir, SUBKEY_ROOT_FILE)} is wrapped under ${ids || 'no key'}, not under the ` +
        `master key in use (${master.id}): set TIPWIRE_MASTER_KEY or TIPWIRE_KEYS_DIR to the right one`,
    );
  }
  return unwrapDataKey(mine, (id) => (id === master.id ? master.key : null));
}

function readSubkeyRootFile(dir: string): Buffer[] | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, SUBKEY_ROOT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => Buffer.from(line, 'hex'));
}

/** What a master-key rotation does to the keys folder; each step is safe to repeat. */
export interface MasterKeyFiles {
  /** The keys folder. */
  dir: string;
  /** Whether `master.key` exists (the master key does not come from the environment). */
  hasMasterFile(): boolean;
  /** The key in `master.key.next`, or null. */
  readNext(): Buffer | null;
  /** Writes `master.key.next` (replacing one left by a start that never reached the database). */
  writeNext(key: Buffer): void;
  /**
   * `master.key` is hard-linked to `retired/master-<oldId>.key`, then replaced by
   * `master.key.next` (one rename). Returns the retired file's path; does nothing once
   * `master.key.next` is gone (an earlier run got this far).
   */
  promoteNext(oldId: string): string;
  /** Replaces `subkey-root` with these wrapped roots (temporary file, fsync, rename). */
  writeSubkeyRoot(wrapped: Buffer[]): void;
  /** The subkey root as `master` opens it, or null when there is no `subkey-root`. */
  subkeyRootUnder(master: { id: string; key: Buffer }): Buffer | null;
}

export function createMasterKeyFiles(dir: string): MasterKeyFiles {
  const file = (name: string) => path.join(dir, name);
  /** Temporary file, fsync, rename, fsync of the folder: the file is the old or the new one. */
  const replaceFile = (name: string, content: string) => {
    ensurePrivateDir(dir);
    const target = file(name);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    fsyncDir(dir);
  };
  return {
    dir,
    hasMasterFile: () => existsSync(file(MASTER_KEY_FILE)),
    readNext: () => readKeyFile(file(NEXT_MASTER_KEY_FILE)),
    writeNext: (key) => replaceFile(NEXT_MASTER_KEY_FILE, key.toString('hex') + '\n'),
    promoteNext(oldId) {
      const retiredDir = file(RETIRED_DIR);
      const retired = path.join(retiredDir, `master-${oldId}.key`);
      if (!existsSync(file(NEXT_MASTER_KEY_FILE))) return retired;
      const current = readKeyFile(file(MASTER_KEY_FILE));
      if (current !== null && masterKeyId(current) === oldId) {
        ensurePrivateDir(retiredDir);
        try {
          linkSync(file(MASTER_KEY_FILE), retired);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        fsyncDir(retiredDir);
      }
      renameSync(file(NEXT_MASTER_KEY_FILE), file(MASTER_KEY_FILE));
      fsyncDir(dir);
      return retired;
    },
    writeSubkeyRoot: (wrapped) =>
      replaceFile(SUBKEY_ROOT_FILE, wrapped.map((blob) => blob.toString('hex') + '\n').join('')),
    subkeyRootUnder: (master) => readSubkeyRoot(dir, master),
  };
}

/** The file in a keys folder naming the one database whose keys these are. */
export const DATABASE_ID_FILE = 'database-id';

export class KeysBindingError extends Error {
  readonly code = 'keys.other_database';
}

/**
 * Binds a keys folder to one database. Keys and the audit anchor belong to one
 * database: two databases sharing a folder would share pseudonym keys (a caller
 * linkable across them) and one anchor, which then fits neither log. The first
 * database to use a folder writes its id there (created atomically, so two racing
 * processes cannot both claim it); any other database is refused, naming both.
 */
export function bindKeysFolder(dir: string, databaseId: string, dbPath: string): void {
  const file = path.join(dir, DATABASE_ID_FILE);
  let owner = readBinding(file);
  if (owner === null) {
    ensurePrivateDir(dir);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${databaseId}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
      owner = databaseId;
      fsyncDir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      owner = readBinding(file);
    } finally {
      unlinkSync(temp);
    }
  }
  if (owner !== databaseId) {
    throw new KeysBindingError(
      `the keys folder ${dir} belongs to another database (${owner}), not to ${dbPath} ` +
        `(${databaseId}): each database needs its own keys folder (TIPWIRE_KEYS_DIR)`,
    );
  }
}

/** The database id a keys folder is bound to, or null when it is not bound yet. */
export function readBinding(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** `ps<epoch>_<hex>`: the HMAC pseudonym of pseudonym.ts, tagged with its key's epoch. */
export function epochPseudonym(e164: string, { epoch, key }: EpochKey): string {
  return `ps${epoch}_${pseudonymOf(e164, key).slice('ps_'.length)}`;
}

/** A key given as 64 hex characters in the environment variable `source`. */
export function parseHexKey(hex: string, source: string): Buffer {
  const trimmed = hex.trim();
  // Never echo the value: it is the key, or close to it.
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    throw new AppError(
      'config.invalid',
      'technical',
      `${source} must be 64 hexadecimal characters (32 bytes); the value given is not shown`,
    );
  }
  return Buffer.from(trimmed, 'hex');
}

/** A master key's public id: a fingerprint that changes with the key and reveals nothing of it. */
export function masterKeyId(key: Buffer): string {
  return 'mk_' + hkdf(key, 'tipwire/v1/master-key-id', 8).toString('hex');
}

function hkdf(key: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, length));
}

/** The folder, created 0700 if missing and narrowed to 0700 if others could read it. */
function ensurePrivateDir(dir: string): void {
  makeDirs(dir, 0o700);
  if (process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** The key in `file`, or null if there is no such file; a malformed one throws, naming the file. */
export function readKeyFile(file: string): Buffer | null {
  try {
    return parseKey(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function loadOrCreateKeyFile(dir: string, name: string): Buffer {
  ensurePrivateDir(dir);
  const file = path.join(dir, name);
  const existing = readKeyFile(file);
  if (existing) return existing;

  const key = randomBytes(KEY_BYTES);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // whatever the umask
    writeSync(fd, key.toString('hex') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file); // fails if another process got there first
  } catch (err) {
    shred(temp);
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file) ?? missingAfterCreate(file);
  }
  unlinkSync(temp);
  fsyncDir(dir);
  return key;
}

function missingAfterCreate(file: string): never {
  throw new AppError('key_unavailable', 'technical', `${file}: key file vanished while reading it`);
}

/** Overwrites the file with zeros, fsyncs it, then unlinks it. */
function shred(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    writeSync(fd, Buffer.alloc(size), 0, size, 0); // nothing to write for an empty file
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(file);
}

/** Makes a created or removed name durable; not possible on every platform. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the file's own fsync is what we can do there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const KEY_BYTES = 32;

/** A key file's content: 64 hex characters (32 bytes); errors name the file, never the content. */
function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(`${where}: a key must be 64 hexadecimal characters (32 bytes)`);
  }
  return Buffer.from(hex, 'hex');
}
