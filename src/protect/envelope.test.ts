import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { newDataKey, open, seal, unwrapDataKey, wrapDataKey, wrappingKeyId } from './envelope.js';

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

/** The message an integrity failure of `what` carries. */
const integrityMessage = (what: string) =>
  `${what} failed its integrity check: altered, truncated, or opened with the wrong key or context`;

/** Expects `fn` to refuse a key: code invalid_key, kind technical, and this message. */
function expectInvalidKey(fn: () => unknown, message: string): void {
  const err = thrown(fn) as AppError;
  expect(err).toBeInstanceOf(AppError);
  expect({ code: err.code, kind: err.kind, message: err.message }).toEqual({
    code: 'invalid_key',
    kind: 'technical',
    message,
  });
}

/** A master-key lookup that records every id it is asked for. */
function recordingLookup() {
  const asked: string[] = [];
  const lookup = (id: string) => {
    asked.push(id);
    return onlyMaster(id);
  };
  return { asked, lookup };
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

  it('says which key is the wrong length, when sealing and when opening', () => {
    expectInvalidKey(() => seal(Buffer.alloc(31), narrative, aad), 'a data key must be 32 bytes');
    expectInvalidKey(
      () => open(Buffer.alloc(33), Buffer.alloc(40), aad),
      'a data key must be 32 bytes',
    );
  });

  it('refuses an empty context when opening too, as a technical error', () => {
    const dek = newDataKey();
    const sealed = seal(dek, narrative, aad);
    for (const err of [
      thrown(() => seal(dek, narrative, '')),
      thrown(() => open(dek, sealed, '')),
    ]) {
      expect(err).toBeInstanceOf(AppError);
      const { code, kind, message } = err as AppError;
      expect({ code, kind, message }).toEqual({
        code: 'invalid_argument',
        kind: 'technical',
        message: 'seal/open need a non-empty aad',
      });
    }
  });

  it('names the sealed value in its integrity failures', () => {
    const dek = newDataKey();
    const sealed = seal(dek, narrative, aad);
    const otherVersion = Buffer.from(sealed);
    otherVersion[0] = 2;
    expect(expectIntegrityFailure(() => open(dek, otherVersion, aad)).message).toBe(
      integrityMessage('sealed value'),
    );
    expect(expectIntegrityFailure(() => open(newDataKey(), sealed, aad)).message).toBe(
      integrityMessage('sealed value'),
    );
  });

  it('refuses a value with its tag cut to 4 bytes, even one that checks out at that length', () => {
    // Found by an offline search over nonces: under this key and context, the GCM tag of
    // the empty plaintext with this nonce begins with the nonce's last four bytes. So the
    // 12 bytes alone read as "nonce ‖ 4-byte tag", and GCM, which accepts 4- to 16-byte
    // tags unless told otherwise, takes them for a sealed empty value.
    const dek = Buffer.alloc(32, 0x5a);
    const context = 'report:r_forged:narrative';
    const nonce = Buffer.from('000005b6000a67c900000000', 'hex');
    const version = Buffer.from([1]);
    const lenient = createDecipheriv('aes-256-gcm', dek, nonce);
    lenient.setAAD(Buffer.concat([version, Buffer.from(context, 'utf8')]));
    lenient.setAuthTag(nonce.subarray(8));
    lenient.update(Buffer.alloc(0));
    expect(() => lenient.final()).not.toThrow(); // the forgery is real
    expectIntegrityFailure(() => open(dek, Buffer.concat([version, nonce]), context));
  });

  it('is AES-256-GCM as documented: nonce, ciphertext, tag; AAD = version ‖ UTF-8 of aad', () => {
    const dek = newDataKey();
    const context = 'report:r_ü:narrative';
    const sealed = seal(dek, narrative, context);
    const decipher = createDecipheriv('aes-256-gcm', dek, sealed.subarray(1, 13), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.concat([Buffer.from([1]), Buffer.from(context, 'utf8')]));
    decipher.setAuthTag(sealed.subarray(-16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(13, -16)), decipher.final()]);
    expect(plain.equals(Buffer.from(narrative, 'utf8'))).toBe(true);
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

  it('takes ids of 1 to 64 letters, digits, ".", "_" and "-", and no others', () => {
    const dek = newDataKey();
    for (const id of ['k', 'mk_2026.01-a', 'x'.repeat(64)]) {
      const key = { id, key: master.key };
      expect(unwrapDataKey(wrapDataKey(dek, key), () => master.key).equals(dek)).toBe(true);
    }
    const rule = 'a master key id must be 1 to 64 letters, digits, ".", "_" or "-"';
    for (const id of ['', 'x'.repeat(65), 'clé', 'a/b', 'a\nb']) {
      expectInvalidKey(() => wrapDataKey(dek, { id, key: master.key }), rule);
    }
  });

  it('says which key is the wrong length when wrapping', () => {
    expectInvalidKey(() => wrapDataKey(Buffer.alloc(16), master), 'a data key must be 32 bytes');
    expectInvalidKey(
      () => wrapDataKey(newDataKey(), { id: master.id, key: Buffer.alloc(16) }),
      'a master key must be 32 bytes',
    );
  });

  it('refuses a master key of the wrong length found by id', () => {
    const wrapped = wrapDataKey(newDataKey(), master);
    expectInvalidKey(
      () => unwrapDataKey(wrapped, () => Buffer.alloc(16)),
      'a master key must be 32 bytes',
    );
  });

  it('names the wrapped data key in its integrity failures', () => {
    const wrapped = wrapDataKey(newDataKey(), master);
    const err = expectIntegrityFailure(() => unwrapDataKey(wrapped, () => Buffer.alloc(32, 0x33)));
    expect(err.message).toBe(integrityMessage('wrapped data key'));
  });

  it('refuses a malformed blob before asking for any master key', () => {
    const wrapped = wrapDataKey(newDataKey(), master);
    const otherVersion = Buffer.from(wrapped);
    otherVersion[0] = 2;
    const unsafeId = Buffer.from(wrapped);
    unsafeId[2 + 2] = 0x0a; // a newline inside the id: not something to put in a message
    const malformed = [
      otherVersion,
      unsafeId,
      wrapped.subarray(0, wrapped.length - 1),
      Buffer.concat([wrapped, Buffer.from([0])]),
      Buffer.from([1]),
      Buffer.alloc(0),
    ];
    for (const blob of malformed) {
      const { asked, lookup } = recordingLookup();
      const err = expectIntegrityFailure(() => unwrapDataKey(blob, lookup));
      expect(err.message).toBe(integrityMessage('wrapped data key'));
      expect(asked).toEqual([]);
    }
  });

  it('is AES-256-GCM as documented: version ‖ idLength ‖ id ‖ nonce ‖ DEK ‖ tag, the header as AAD', () => {
    const dek = newDataKey();
    const wrapped = wrapDataKey(dek, master);
    const header = Buffer.concat([Buffer.from([1, master.id.length]), Buffer.from(master.id)]);
    expect(wrapped.subarray(0, header.length).equals(header)).toBe(true);
    const body = wrapped.subarray(header.length);
    expect(body).toHaveLength(12 + 32 + 16);
    const decipher = createDecipheriv('aes-256-gcm', master.key, body.subarray(0, 12), {
      authTagLength: 16,
    });
    decipher.setAAD(header);
    decipher.setAuthTag(body.subarray(-16));
    const plain = Buffer.concat([decipher.update(body.subarray(12, -16)), decipher.final()]);
    expect(plain.equals(dek)).toBe(true);
  });
});

describe('wrappingKeyId', () => {
  it('names the master key a wrapped data key is under', () => {
    const wrapped = wrapDataKey(newDataKey(), { id: 'mk_0123abcd', key: newDataKey() });
    expect(wrappingKeyId(wrapped)).toBe('mk_0123abcd');
  });

  it('is null for anything that is not a wrapped data key', () => {
    const wrapped = wrapDataKey(newDataKey(), { id: 'mk_0123abcd', key: newDataKey() });
    expect(wrappingKeyId(wrapped.subarray(0, wrapped.length - 1))).toBeNull();
    expect(wrappingKeyId(Buffer.concat([Buffer.from([2]), wrapped.subarray(1)]))).toBeNull();
    expect(wrappingKeyId(Buffer.alloc(0))).toBeNull();
  });
});
