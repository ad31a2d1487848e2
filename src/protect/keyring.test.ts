import { hkdfSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../domain/errors.js';
import {
  bindKeysFolder,
  createKeyring,
  createMasterKeyFiles,
  epochPseudonym,
  KeysBindingError,
  masterKeyId,
  readBinding,
  type KeyringOptions,
} from './keyring.js';
import { pseudonymOf } from './pseudonym.js';
import { wrapDataKey } from './envelope.js';

// The file system, watched: the real functions, recorded, so a test can see what was
// fsynced or written, and make one call fail or lose a race the way it can in production.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    fsyncSync: vi.fn(actual.fsyncSync),
    linkSync: vi.fn(actual.linkSync),
    openSync: vi.fn(actual.openSync),
    readdirSync: vi.fn(actual.readdirSync),
    writeSync: vi.fn(actual.writeSync),
  };
});
const realFs = await vi.importActual<typeof import('node:fs')>('node:fs');

const DAY = 86_400_000;
const EPOCH_DAYS = 30;
const EPOCH_MS = EPOCH_DAYS * DAY;
/** The epoch holding 2026-11-20, and a time 5 days into it. */
const E = Math.floor(Date.parse('2026-11-20T00:00:00Z') / EPOCH_MS);
const inEpoch = (epoch: number) => epoch * EPOCH_MS + 5 * DAY;

const caller = '+8613800138000';
const envMasterHex = '0123456789abcdef'.repeat(4);

let root: string;
let dir: string;
let now: number;

beforeEach(() => {
  vi.clearAllMocks();
  root = mkdtempSync(path.join(os.tmpdir(), 'tipwire-keyring-'));
  dir = path.join(root, 'keys');
  now = inEpoch(E);
});
afterEach(() => {
  if (existsSync(dir)) chmodSync(dir, 0o700);
  rmSync(root, { recursive: true, force: true });
});

const keyring = (overrides: Partial<KeyringOptions> = {}) =>
  createKeyring({ dir, pseudonymEpochDays: EPOCH_DAYS, clock: () => now, ...overrides });

const modeOf = (file: string) => statSync(file).mode & 0o777;
const pseudonymFile = (epoch: number) => path.join(dir, 'pseudonym', `${epoch}.key`);
const writeKey = (file: string, byte: number) => {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, Buffer.alloc(32, byte).toString('hex') + '\n', { mode: 0o600 });
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

/** An error carrying a file-system code, as node:fs throws them. */
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** How many files this process has open (Linux). */
const openFiles = () => realFs.readdirSync('/proc/self/fd').length;

/** The paths whose file descriptors were fsynced, in order (fds are matched to their open). */
function fsyncedPaths(): string[] {
  const opens = vi.mocked(openSync).mock;
  const fsyncs = vi.mocked(fsyncSync).mock;
  return fsyncs.calls.map(([fd], i) => {
    let opened = '?';
    opens.results.forEach((result, j) => {
      const before = opens.invocationCallOrder[j]! < fsyncs.invocationCallOrder[i]!;
      if (before && result.type === 'return' && result.value === fd) {
        opened = String(opens.calls[j]![0]);
      }
    });
    return opened;
  });
}

/** Every key file under the keys folder, as the 32-byte keys they hold. */
function everyKeyOnDisk(folder: string): Buffer[] {
  return (readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.key'))
    .map((name) => Buffer.from(readFileSync(path.join(folder, name), 'utf8').trim(), 'hex'));
}

describe('files and permissions', () => {
  it('keeps keys in a 0700 folder, one 0600 file each', () => {
    const ring = keyring();
    ring.master();
    ring.pseudonymKeys();
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'master.key'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'pseudonym'))).toBe(0o700);
    expect(modeOf(pseudonymFile(E))).toBe(0o600);
    expect(readdirSync(path.join(dir, 'pseudonym'))).toEqual([`${E}.key`]);
  });

  it('narrows an existing keys folder that others could read', () => {
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    keyring().master();
    expect(modeOf(dir)).toBe(0o700);
  });

  it('leaves a folder that only its owner can use as it is', () => {
    mkdirSync(dir);
    chmodSync(dir, 0o300); // write and search for the owner, nothing for others
    keyring().master();
    expect(modeOf(dir)).toBe(0o300);
  });

  it('leaves folder modes alone on Windows, where they mean nothing', () => {
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    try {
      keyring().master();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(modeOf(dir)).toBe(0o755);
  });

  it('writes a key as 64 hex characters and a newline', () => {
    const { key } = keyring().master();
    expect(readFileSync(path.join(dir, 'master.key'), 'utf8')).toBe(`${key.toString('hex')}\n`);
  });

  it('reads an existing key without writing anything', () => {
    const first = keyring().master();
    vi.clearAllMocks();
    expect(keyring().master().key.equals(first.key)).toBe(true);
    expect(writeSync).not.toHaveBeenCalled();
    expect(linkSync).not.toHaveBeenCalled();
  });

  it('fsyncs a new key file and then its folder, so the name survives a crash', () => {
    keyring().master();
    const fsynced = fsyncedPaths();
    const file = path.join(dir, 'master.key');
    expect(fsynced).toHaveLength(2);
    expect(fsynced[0]!.startsWith(`${file}.`)).toBe(true); // the temporary name, before the link
    expect(fsynced[1]).toBe(dir);
  });

  it('leaves no file open, whatever it did', () => {
    writeKey(pseudonymFile(E - 2), 9);
    const before = openFiles();
    const ring = keyring();
    ring.master();
    ring.pseudonymKeys();
    now = inEpoch(E + 3);
    ring.pseudonymKeys(); // enters a new epoch: shreds E - 2, E
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    expect(existsSync(pseudonymFile(E - 2))).toBe(false);
    expect(openFiles()).toBe(before);
  });

  it('still makes keys where a folder cannot be opened to fsync it (Windows)', () => {
    const actualOpen = realFs.openSync;
    vi.mocked(openSync).mockImplementation((file, flags, mode) => {
      if (flags === 'r' && realFs.statSync(file).isDirectory()) throw fsError('EISDIR');
      return actualOpen(file, flags, mode);
    });
    try {
      const ring = keyring();
      expect(ring.master().key).toHaveLength(32);
      expect(ring.pseudonymKeys().current.key).toHaveLength(32);
    } finally {
      vi.mocked(openSync).mockImplementation(actualOpen);
    }
  });
});

describe('key files', () => {
  it('refuses a key file that is not 64 hex characters, naming the file, not the content', () => {
    const file = path.join(dir, 'master.key');
    const hex = 'ab'.repeat(32);
    for (const content of ['not a key', `zz${hex}`, `${hex}zz`, hex.slice(2), '']) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, content);
      const err = thrown(() => keyring().master()) as Error;
      expect(err.message).toBe(`${file}: a key must be 64 hexadecimal characters (32 bytes)`);
    }
  });

  it('reads a key file with spaces or a newline around the hex, in either case', () => {
    const file = path.join(dir, 'master.key');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `  ${'AB'.repeat(32)}\n\n`);
    expect(keyring().master().key.equals(Buffer.alloc(32, 0xab))).toBe(true);
  });

  it('refuses a corrupt previous-epoch key rather than ignoring it', () => {
    const file = pseudonymFile(E - 1);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'garbage');
    expect(() => keyring().pseudonymKeys()).toThrow(`${file}: a key must be 64 hexadecimal`);
  });

  it('uses the key of a process that created the same file first, and shreds its own', () => {
    const file = path.join(dir, 'master.key');
    const witness = path.join(root, 'witness');
    vi.mocked(linkSync).mockImplementationOnce((temp, target) => {
      realFs.linkSync(temp, witness); // keep an eye on our own temporary key
      writeKey(String(target), 0x44); // the other process wins the race
      realFs.linkSync(temp, target); // and so this fails with EEXIST
    });
    expect(keyring().master().key.equals(Buffer.alloc(32, 0x44))).toBe(true);
    expect(readdirSync(dir)).toEqual(['master.key']);
    expect(readFileSync(witness).every((b) => b === 0)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe('44'.repeat(32));
  });

  it('says so when the file it lost the race to is gone again', () => {
    vi.mocked(linkSync).mockImplementationOnce(() => {
      throw fsError('EEXIST');
    });
    const err = thrown(() => keyring().master()) as AppError;
    expect(err).toBeInstanceOf(AppError);
    const file = path.join(dir, 'master.key');
    expect({ code: err.code, kind: err.kind, message: err.message }).toEqual({
      code: 'key_unavailable',
      kind: 'technical',
      message: `${file}: key file vanished while reading it`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('passes on any other failure to link the key into place, leaving no temporary file', () => {
    vi.mocked(linkSync).mockImplementationOnce(() => {
      throw fsError('EPERM');
    });
    expect(() => keyring().master()).toThrow('EPERM: simulated');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('master key', () => {
  it('is created in the keys folder on first use, then read back', () => {
    const ring = keyring();
    expect(existsSync(path.join(dir, 'master.key'))).toBe(false);
    const first = ring.master();
    expect(first.key).toHaveLength(32);
    expect(first.id).toMatch(/^mk_[0-9a-f]{16}$/);
    expect(existsSync(path.join(dir, 'master.key'))).toBe(true);
    const again = keyring().master();
    expect(again.key.equals(first.key)).toBe(true);
    expect(again.id).toBe(first.id);
  });

  it('comes from the environment when given, and then no master.key is written', () => {
    const ring = keyring({ masterKeyHex: envMasterHex });
    expect(ring.master().key.equals(Buffer.from(envMasterHex, 'hex'))).toBe(true);
    ring.subkey('blind-index');
    ring.pseudonymsOf(caller);
    expect(existsSync(path.join(dir, 'master.key'))).toBe(false);
  });

  it('has the id mk_ + 16 hex characters of HKDF-SHA256(master, "tipwire/v1/master-key-id")', () => {
    const expected = hkdfSync(
      'sha256',
      Buffer.from(envMasterHex, 'hex'),
      Buffer.alloc(0),
      'tipwire/v1/master-key-id',
      8,
    );
    expect(keyring({ masterKeyHex: envMasterHex }).master().id).toBe(
      `mk_${Buffer.from(expected).toString('hex')}`,
    );
  });

  it('takes an environment key with spaces or a newline around it', () => {
    const ring = keyring({ masterKeyHex: `  ${envMasterHex}\n` });
    expect(ring.master().key.equals(Buffer.from(envMasterHex, 'hex'))).toBe(true);
  });

  it('keeps the key it read: a master.key replaced on disk counts from the next start', () => {
    const ring = keyring();
    const first = ring.master();
    writeKey(path.join(dir, 'master.key'), 0x09);
    expect(ring.master().key.equals(first.key)).toBe(true);
    expect(keyring().master().key.equals(Buffer.alloc(32, 0x09))).toBe(true);
  });

  it('has an id that fingerprints the key, wherever the key came from', () => {
    writeKey(path.join(dir, 'master.key'), 0x01);
    const fromFile = keyring().master();
    const fromEnv = keyring({ masterKeyHex: '01'.repeat(32) }).master();
    expect(fromEnv.id).toBe(fromFile.id);
    expect(keyring({ masterKeyHex: '02'.repeat(32) }).master().id).not.toBe(fromFile.id);
  });

  it('refuses an environment key of the wrong length, naming the variable, not the value', () => {
    for (const bad of [envMasterHex.slice(0, 62), envMasterHex + 'ab', 'zz'.repeat(32)]) {
      const err = thrown(() => keyring({ masterKeyHex: bad })) as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('config.invalid');
      expect(err.kind).toBe('technical');
      expect(err.message).toContain('TIPWIRE_MASTER_KEY');
      expect(err.message).not.toContain(bad);
      expect(err.message).not.toContain(bad.slice(0, 16));
    }
  });

  it('is found by its id, and only by it', () => {
    const ring = keyring();
    const { id, key } = ring.master();
    expect(ring.masterById(id)?.equals(key)).toBe(true);
    expect(ring.masterById('mk_0000000000000000')).toBeNull();
  });
});

describe('subkey', () => {
  it('derives a distinct 32-byte key per purpose with HKDF-SHA256 and a label', () => {
    const ring = keyring({ masterKeyHex: envMasterHex });
    const blind = ring.subkey('blind-index');
    const audit = ring.subkey('audit');
    const receipt = ring.subkey('receipt');
    const sketch = ring.subkey('text-sketch');
    expect(blind).toHaveLength(32);
    expect(new Set([blind, audit, receipt, sketch].map((k) => k.toString('hex'))).size).toBe(4);
    expect(blind.equals(ring.master().key)).toBe(false);
    const expected = hkdfSync(
      'sha256',
      Buffer.from(envMasterHex, 'hex'),
      Buffer.alloc(0),
      'tipwire/v1/subkey/blind-index',
      32,
    );
    expect(blind.equals(Buffer.from(expected))).toBe(true);
  });

  it('is the same from the same master key (one backup restores them all), not from another', () => {
    const a = keyring({ masterKeyHex: envMasterHex }).subkey('audit');
    const b = keyring({ masterKeyHex: envMasterHex, dir: path.join(root, 'elsewhere') }).subkey(
      'audit',
    );
    const c = keyring({ masterKeyHex: '02'.repeat(32) }).subkey('audit');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});

describe('subkey root (kept by a master-key rotation)', () => {
  const newHex = '02'.repeat(32);
  const newMaster = {
    id: masterKeyId(Buffer.from(newHex, 'hex')),
    key: Buffer.from(newHex, 'hex'),
  };

  it('derives the subkeys from the root in subkey-root, so a new master key keeps them', () => {
    const before = keyring({ masterKeyHex: envMasterHex });
    const kept = before.subkeyRoot();
    expect(kept.equals(before.master().key)).toBe(true); // no file: the master key is the root
    createMasterKeyFiles(dir).writeSubkeyRoot([wrapDataKey(kept, newMaster)]);
    const after = keyring({ masterKeyHex: newHex });
    for (const purpose of ['blind-index', 'audit', 'receipt', 'text-sketch'] as const) {
      expect(after.subkey(purpose).equals(before.subkey(purpose))).toBe(true);
    }
    // Without the file the same master key would give other subkeys.
    expect(
      keyring({ masterKeyHex: newHex, dir: path.join(root, 'elsewhere') })
        .subkey('audit')
        .equals(before.subkey('audit')),
    ).toBe(false);
  });

  it('refuses a subkey-root not wrapped under the master key in use, naming the ids', () => {
    createMasterKeyFiles(dir).writeSubkeyRoot([wrapDataKey(Buffer.alloc(32, 9), newMaster)]);
    const ring = keyring({ masterKeyHex: envMasterHex });
    expect(() => ring.subkey('audit')).toThrow(
      new RegExp(
        `wrapped under ${newMaster.id}, not under the master key in use \\(${ring.master().id}\\)`,
      ),
    );
  });

  it('moves master.key aside and puts master.key.next in its place, once', () => {
    const old = keyring();
    const oldId = old.master().id;
    const files = createMasterKeyFiles(dir);
    files.writeNext(newMaster.key);
    expect(files.readNext()!.equals(newMaster.key)).toBe(true);
    const retired = files.promoteNext(oldId);
    expect(retired).toBe(path.join(dir, 'retired', `master-${oldId}.key`));
    expect(readFileSync(retired, 'utf8').trim()).toBe(old.master().key.toString('hex'));
    expect(keyring().master().id).toBe(newMaster.id);
    expect(files.readNext()).toBeNull();
    // Run again (a resumed rotation): nothing changes.
    expect(files.promoteNext(oldId)).toBe(retired);
    expect(keyring().master().id).toBe(newMaster.id);
    expect(modeOf(path.join(dir, 'retired'))).toBe(0o700);
  });
});

describe('pseudonym keys', () => {
  it('numbers epochs as floor(now / epoch length) and creates the current key', () => {
    const { current, previous } = keyring().pseudonymKeys();
    expect(current.epoch).toBe(Math.floor(now / EPOCH_MS));
    expect(current.key).toHaveLength(32);
    expect(existsSync(pseudonymFile(E))).toBe(true);
    expect(previous).toBeNull();
  });

  it('are random, not derived from the master key', () => {
    const a = keyring({ masterKeyHex: envMasterHex }).pseudonymKeys().current.key;
    rmSync(dir, { recursive: true });
    const b = keyring({ masterKeyHex: envMasterHex }).pseudonymKeys().current.key;
    expect(a.equals(b)).toBe(false);
  });

  it('are read once per epoch: keys deleted by hand mid-epoch are still used until housekeeping', () => {
    writeKey(pseudonymFile(E - 1), 0x07);
    const ring = keyring();
    const first = ring.pseudonymKeys();
    unlinkSync(pseudonymFile(E - 1));
    unlinkSync(pseudonymFile(E));
    expect(ring.pseudonymKeys()).toEqual(first);
    expect(existsSync(pseudonymFile(E))).toBe(false); // not written again either
  });

  it('return the previous epoch key only while its file exists', () => {
    writeKey(pseudonymFile(E - 1), 0x07);
    expect(keyring().pseudonymKeys().previous).toEqual({
      epoch: E - 1,
      key: Buffer.alloc(32, 0x07),
    });
    unlinkSync(pseudonymFile(E - 1));
    expect(keyring().pseudonymKeys().previous).toBeNull();
  });

  it('notice a previous key deleted by hand at the next housekeeping', () => {
    writeKey(pseudonymFile(E - 1), 0x07);
    const ring = keyring();
    expect(ring.pseudonymKeys().previous).not.toBeNull();
    unlinkSync(pseudonymFile(E - 1));
    ring.destroyExpiredPseudonymKeys();
    expect(ring.pseudonymKeys().previous).toBeNull();
  });

  it('destroy every key older than the previous epoch, and only those', () => {
    for (const epoch of [E - 5, E - 4, E - 3, E - 2, E - 1, E]) writeKey(pseudonymFile(epoch), 9);
    const ring = keyring();
    expect(ring.destroyExpiredPseudonymKeys()).toEqual([E - 5, E - 4, E - 3, E - 2]);
    expect(readdirSync(path.join(dir, 'pseudonym')).sort()).toEqual([`${E - 1}.key`, `${E}.key`]);
    expect(ring.destroyExpiredPseudonymKeys()).toEqual([]);
  });

  it('are swept when an epoch is entered', () => {
    writeKey(pseudonymFile(E - 2), 9);
    keyring().pseudonymKeys();
    expect(existsSync(pseudonymFile(E - 2))).toBe(false);
  });

  it('overwrite a key with zeros before unlinking it', () => {
    writeKey(pseudonymFile(E - 2), 0x5a);
    // A second name for the same inode lets the test see what became of the bytes.
    const witness = path.join(root, 'witness');
    linkSync(pseudonymFile(E - 2), witness);
    keyring().destroyExpiredPseudonymKeys();
    expect(existsSync(pseudonymFile(E - 2))).toBe(false);
    const left = readFileSync(witness);
    expect(left.length).toBe(65);
    expect(left.every((b) => b === 0)).toBe(true);
  });

  it('return the destroyed epochs in ascending order, whatever order the folder lists them in', () => {
    // Epochs 8, 9 and 10 are old at epoch 12; listed backwards, and "10" sorts before "8" as text.
    now = inEpoch(12);
    for (const epoch of [8, 9, 10, 11]) writeKey(pseudonymFile(epoch), 9);
    vi.mocked(readdirSync).mockImplementationOnce(
      (folder) => (realFs.readdirSync(folder) as string[]).sort().reverse() as never,
    );
    expect(keyring().destroyExpiredPseudonymKeys()).toEqual([8, 9, 10]);
  });

  it('fsync the folder after destroying keys, and leave it alone when there was nothing to destroy', () => {
    writeKey(pseudonymFile(E - 1), 9);
    const ring = keyring();
    ring.destroyExpiredPseudonymKeys();
    expect(fsyncedPaths()).toEqual([]);
    writeKey(pseudonymFile(E - 2), 9);
    ring.destroyExpiredPseudonymKeys();
    expect(fsyncedPaths().at(-1)).toBe(path.join(dir, 'pseudonym'));
  });

  it('find nothing to destroy before any pseudonym key exists', () => {
    expect(keyring().destroyExpiredPseudonymKeys()).toEqual([]);
  });

  it('pass on a pseudonym folder that cannot be read', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'pseudonym'), 'not a folder');
    expect(() => keyring().destroyExpiredPseudonymKeys()).toThrow(/ENOTDIR/);
  });

  it('leave files in the pseudonym folder that are not its keys alone', () => {
    const strangers = [
      `${E - 3}.key.bak`,
      `${E - 3}.keyring`,
      `old-${E - 3}.key`,
      `${E - 3}.key.XY.tmp`,
    ];
    for (const name of strangers) writeKey(path.join(dir, 'pseudonym', name), 1);
    expect(keyring().destroyExpiredPseudonymKeys()).toEqual([]);
    expect(readdirSync(path.join(dir, 'pseudonym')).sort()).toEqual([...strangers].sort());
  });

  it('also destroy temporary files a crash left while creating an old key', () => {
    const stray = path.join(dir, 'pseudonym', `${E - 3}.key.0a1b2c.tmp`);
    writeKey(stray, 0x01);
    expect(keyring().destroyExpiredPseudonymKeys()).toEqual([E - 3]);
    expect(existsSync(stray)).toBe(false);
  });

  it('refuse an epoch length that is not a positive number of days', () => {
    for (const days of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const err = thrown(() => keyring({ pseudonymEpochDays: days })) as AppError;
      expect({ code: err.code, kind: err.kind, message: err.message }).toEqual({
        code: 'config.invalid',
        kind: 'technical',
        message:
          'pseudonymEpochDays (TIPWIRE_PSEUDONYM_EPOCH_DAYS) must be a positive number of days',
      });
    }
  });
});

describe('pseudonymsOf', () => {
  it('tags the HMAC pseudonym with its epoch and never contains the number', () => {
    const ring = keyring();
    const { current } = ring.pseudonymsOf(caller);
    expect(current).toMatch(new RegExp(`^ps${E}_[0-9a-f]{64}$`));
    const key = ring.pseudonymKeys().current.key;
    expect(current).toBe(`ps${E}_` + pseudonymOf(caller, key).slice(3));
    expect(current).toBe(epochPseudonym(caller, { epoch: E, key }));
    expect(current).not.toContain('13800138000');
  });

  it('links a caller across one epoch boundary, and no longer after the old key is destroyed', () => {
    const ring = keyring();

    // Epoch E: a first call.
    const first = ring.pseudonymsOf(caller);
    expect(first.previous).toBeNull();
    expect(ring.pseudonymsOf(caller)).toEqual(first); // stable within the epoch

    // Epoch E+1: a new pseudonym, but the previous-epoch one links back to the first call.
    now = inEpoch(E + 1);
    const second = ring.pseudonymsOf(caller);
    expect(second.current).not.toBe(first.current);
    expect(second.previous).toBe(first.current);
    expect(existsSync(pseudonymFile(E))).toBe(true);

    // Epoch E+2: the key of E is destroyed on the way in.
    now = inEpoch(E + 2);
    const third = ring.pseudonymsOf(caller);
    expect(third.previous).toBe(second.current); // E+1 still links to E+2
    expect(existsSync(pseudonymFile(E))).toBe(false);
    expect([third.current, third.previous]).not.toContain(first.current);

    // Nothing left on disk recreates the first pseudonym: not any key file, and not a
    // keyring opened afresh on the same folder.
    const firstHex = first.current.slice(first.current.indexOf('_') + 1);
    const keysLeft = everyKeyOnDisk(dir);
    expect(keysLeft.length).toBeGreaterThan(0);
    for (const key of keysLeft) expect(pseudonymOf(caller, key)).not.toBe(`ps_${firstHex}`);
    const reopened = keyring().pseudonymsOf(caller);
    expect([reopened.current, reopened.previous]).not.toContain(first.current);
  });

  it('gives different callers different pseudonyms', () => {
    const ring = keyring();
    expect(ring.pseudonymsOf(caller).current).not.toBe(ring.pseudonymsOf('+8613800138001').current);
  });
});

describe('bindKeysFolder', () => {
  const idFile = () => path.join(dir, 'database-id');

  it('binds an unbound folder to the database, in a 0600 file naming it', () => {
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    expect(readFileSync(idFile(), 'utf8')).toBe('db_1\n');
    expect(modeOf(idFile())).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['database-id']);
    expect(readBinding(idFile())).toBe('db_1');
  });

  it('fsyncs the id file and then the folder', () => {
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    const fsynced = fsyncedPaths();
    expect(fsynced).toHaveLength(2);
    expect(fsynced[0]!.startsWith(`${idFile()}.`)).toBe(true);
    expect(fsynced[1]).toBe(dir);
  });

  it('accepts the database it is bound to, again and again', () => {
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    vi.clearAllMocks();
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    expect(writeSync).not.toHaveBeenCalled();
  });

  it('refuses another database, naming the folder, both databases and the setting', () => {
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    const err = thrown(() => bindKeysFolder(dir, 'db_2', '/data/other.db')) as KeysBindingError;
    expect(err).toBeInstanceOf(KeysBindingError);
    expect(err.code).toBe('keys.other_database');
    expect(err.message).toBe(
      `the keys folder ${dir} belongs to another database (db_1), not to /data/other.db (db_2): ` +
        'each database needs its own keys folder (TIPWIRE_KEYS_DIR)',
    );
  });

  it('loses a race to another database with the same refusal, leaving no temporary file', () => {
    vi.mocked(linkSync).mockImplementationOnce((temp, target) => {
      writeFileSync(target, 'db_other\n'); // the other process links first
      realFs.linkSync(temp, target);
    });
    expect(() => bindKeysFolder(dir, 'db_1', '/data/tipwire.db')).toThrow(KeysBindingError);
    expect(readdirSync(dir)).toEqual(['database-id']);
    expect(readBinding(idFile())).toBe('db_other');
  });

  it('accepts a race lost to another process binding the same database', () => {
    vi.mocked(linkSync).mockImplementationOnce((temp, target) => {
      writeFileSync(target, 'db_1\n');
      realFs.linkSync(temp, target);
    });
    bindKeysFolder(dir, 'db_1', '/data/tipwire.db');
    expect(readdirSync(dir)).toEqual(['database-id']);
  });

  it('passes on any other failure to link, leaving no temporary file', () => {
    vi.mocked(linkSync).mockImplementationOnce(() => {
      throw fsError('EPERM');
    });
    expect(() => bindKeysFolder(dir, 'db_1', '/data/tipwire.db')).toThrow('EPERM: simulated');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('readBinding', () => {
  it('is null for a folder not bound yet', () => {
    expect(readBinding(path.join(root, 'database-id'))).toBeNull();
  });

  it('reads the id without the whitespace around it', () => {
    const file = path.join(root, 'database-id');
    writeFileSync(file, '  db_1 \n');
    expect(readBinding(file)).toBe('db_1');
  });

  it('passes on a file it cannot read', () => {
    const file = path.join(root, 'database-id');
    mkdirSync(file);
    expect(() => readBinding(file)).toThrow(/EISDIR/);
  });
});
