import { hkdfSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { createKeyring, epochPseudonym, type KeyringOptions } from './keyring.js';
import { pseudonymOf } from './pseudonym.js';

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
  root = mkdtempSync(path.join(os.tmpdir(), 'tipwire-keyring-'));
  dir = path.join(root, 'keys');
  now = inEpoch(E);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

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
    expect(blind).toHaveLength(32);
    expect(new Set([blind, audit, receipt].map((k) => k.toString('hex'))).size).toBe(3);
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

  it('also destroy temporary files a crash left while creating an old key', () => {
    const stray = path.join(dir, 'pseudonym', `${E - 3}.key.0a1b2c.tmp`);
    writeKey(stray, 0x01);
    expect(keyring().destroyExpiredPseudonymKeys()).toEqual([E - 3]);
    expect(existsSync(stray)).toBe(false);
  });

  it('refuse an epoch length that is not a positive number of days', () => {
    for (const days of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const err = thrown(() => keyring({ pseudonymEpochDays: days })) as AppError;
      expect(err.code).toBe('config.invalid');
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
