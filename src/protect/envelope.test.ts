import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { newDataKey, open, seal, unwrapDataKey, wrapDataKey } from './envelope.js';

const narrative = 'A drone fell behind the north gate. 昨晚一架无人机坠落在北门后面';
const aad = 'report:01JC0000000000000000000000:narrative';
const master = { id: 'mk_2026', key: Buffer.alloc(32, 0x11) };
const onlyMaster = (id: string) => (id === master.id ? master.key : null);

/** Runs `fn`, expecting it to throw; returns the error. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

function expectIntegrityFailure(fn: () => unknown): AppError {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('integrity_failure');
  expect((err as AppError).kind).toBe('technical');
  return err as AppError;
}

/** Copies of `blob`, each with exactly one byte changed. */
function everySingleByteChange(blob: Buffer): Buffer[] {
  return Array.from(blob, (_, i) => {
    const copy = Buffer.from(blob);
    copy[i] = copy[i]! ^ 0x01;
    return copy;
  });
}

describe('newDataKey', () => {
  it('is 32 random bytes', () => {
    const a = newDataKey();
    expect(a).toHaveLength(32);
    expect(a.equals(newDataKey())).toBe(false);
  });
});

describe('seal and open', () => {
  it('round-trips text and bytes', () => {
    const dek = newDataKey();
    expect(open(dek, seal(dek, narrative, aad), aad).toString('utf8')).toBe(narrative);
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(open(dek, seal(dek, bytes, aad), aad).equals(bytes)).toBe(true);
    expect(open(dek, seal(dek, '', aad), aad)).toHaveLength(0);
  });

  it('lays out version ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag, with a fresh nonce each time', () => {
    const dek = newDataKey();
    const plaintext = Buffer.from(narrative, 'utf8');
    const a = seal(dek, plaintext, aad);
    const b = seal(dek, plaintext, aad);
    expect(a).toHaveLength(1 + 12 + plaintext.length + 16);
    expect(a[0]).toBe(1);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.includes(plaintext)).toBe(false);
  });

  it('fails loudly when any single byte is changed (version, nonce, ciphertext or tag)', () => {
    const dek = newDataKey();
    const sealed = seal(dek, narrative, aad);
    const altered = everySingleByteChange(sealed);
    expect(altered).toHaveLength(sealed.length);
    for (const copy of altered) expectIntegrityFailure(() => open(dek, copy, aad));
  });

  it('fails when bytes are cut off or appended', () => {
    const dek = newDataKey();
    const sealed = seal(dek, narrative, aad);
    expectIntegrityFailure(() => open(dek, sealed.subarray(0, sealed.length - 1), aad));
    expectIntegrityFailure(() => open(dek, Buffer.concat([sealed, Buffer.from([0])]), aad));
    expectIntegrityFailure(() => open(dek, sealed.subarray(0, 20), aad));
    expectIntegrityFailure(() => open(dek, Buffer.alloc(0), aad));
  });

  it('binds a ciphertext to its row and field: swapped between rows, it does not open', () => {
    const dek = newDataKey();
    const rowA = seal(dek, 'report A text', 'report:A:narrative');
    const rowB = seal(dek, 'report B text', 'report:B:narrative');
    expectIntegrityFailure(() => open(dek, rowB, 'report:A:narrative'));
    expectIntegrityFailure(() => open(dek, rowA, 'report:B:narrative'));
    expectIntegrityFailure(() => open(dek, rowA, 'report:A:attachment:0'));
  });

  it('fails under another data key', () => {
    const sealed = seal(newDataKey(), narrative, aad);
    expectIntegrityFailure(() => open(newDataKey(), sealed, aad));
  });

  it('never puts plaintext or key bytes in the error', () => {
    const dek = newDataKey();
    const tampered = everySingleByteChange(seal(dek, narrative, aad)).at(-1)!;
    const err = expectIntegrityFailure(() => open(dek, tampered, aad));
    const text = `${err.message} ${String(err.stack)} ${JSON.stringify(err)}`;
    expect(text).not.toContain('drone');
    expect(text).not.toContain('无人机');
    expect(text).not.toContain(dek.toString('hex'));
    expect(text).not.toContain(dek.toString('base64'));
  });

  it('refuses a key of the wrong length and an empty context', () => {
    const err = thrown(() => seal(Buffer.alloc(16), narrative, aad)) as AppError;
    expect(err.code).toBe('invalid_key');
    expect((thrown(() => seal(newDataKey(), narrative, '')) as AppError).code).toBe(
      'invalid_argument',
    );
  });
});

describe('wrapDataKey and unwrapDataKey', () => {
  it('round-trips a data key, asking for the master key by the id recorded in the blob', () => {
    const dek = newDataKey();
    const wrapped = wrapDataKey(dek, master);
    const asked: string[] = [];
    const unwrapped = unwrapDataKey(wrapped, (id) => {
      asked.push(id);
      return onlyMaster(id);
    });
    expect(unwrapped.equals(dek)).toBe(true);
    expect(asked).toEqual(['mk_2026']);
    expect(wrapped.includes(dek)).toBe(false);
  });

  it('still opens data keys wrapped by a retired master key after rotation', () => {
    const dek = newDataKey();
    const wrappedByOld = wrapDataKey(dek, master);
    const next = { id: 'mk_2027', key: Buffer.alloc(32, 0x22) };
    const keys = new Map([
      [master.id, master.key],
      [next.id, next.key],
    ]);
    const lookup = (id: string) => keys.get(id) ?? null;
    expect(unwrapDataKey(wrappedByOld, lookup).equals(dek)).toBe(true);
    const rewrapped = wrapDataKey(unwrapDataKey(wrappedByOld, lookup), next);
    expect(unwrapDataKey(rewrapped, (id) => (id === next.id ? next.key : null)).equals(dek)).toBe(
      true,
    );
  });

  it('fails loudly when any single byte of the wrapped key is changed (including the key id)', () => {
    const wrapped = wrapDataKey(newDataKey(), master);
    for (const copy of everySingleByteChange(wrapped)) {
      expectIntegrityFailure(() => unwrapDataKey(copy, onlyMaster));
    }
    expectIntegrityFailure(() =>
      unwrapDataKey(wrapped.subarray(0, wrapped.length - 1), onlyMaster),
    );
    expectIntegrityFailure(() => unwrapDataKey(Buffer.alloc(0), onlyMaster));
  });

  it('fails when the named master key is unknown or is the wrong key', () => {
    const wrapped = wrapDataKey(newDataKey(), master);
    const err = expectIntegrityFailure(() => unwrapDataKey(wrapped, () => null));
    expect(err.message).toContain('mk_2026');
    expect(err.message).not.toContain(master.key.toString('hex'));
    expectIntegrityFailure(() => unwrapDataKey(wrapped, () => Buffer.alloc(32, 0x33)));
  });

  it('refuses master key ids that could not be shown safely', () => {
    const err = thrown(() => wrapDataKey(newDataKey(), { id: 'key with spaces', key: master.key }));
    expect((err as AppError).code).toBe('invalid_key');
  });
});
