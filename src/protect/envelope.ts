/**
 * Envelope encryption with AES-256-GCM: each report has its own random data key
 * (DEK) that seals its fields; the DEK is stored wrapped (encrypted) by a master key
 * kept outside the database. Reading a report then needs both the database row and
 * the master key, and the master key can be rotated by re-wrapping DEKs alone.
 *
 * Formats (all integers are single bytes):
 *   sealed  = version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)
 *             GCM associated data: version ‖ UTF-8 of the caller's `aad`
 *   wrapped = version(1) ‖ idLength(1) ‖ master key id (ASCII) ‖ nonce(12) ‖ encrypted DEK(32) ‖ tag(16)
 *             GCM associated data: version ‖ idLength ‖ id
 *
 * The `aad` names the row and field a ciphertext belongs to (`report:<id>:narrative`),
 * so a ciphertext moved to another row or field does not open. Any altered, missing or
 * extra byte makes opening throw an AppError with code `integrity_failure`; nothing
 * is ever returned unauthenticated. Error messages never carry key or plaintext bytes.
 *
 * Nonces are random: safe for far more than 2^32 seals per data key would allow, and
 * a data key seals only the few fields of one report.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { secureRandom } from './random.js';
import { AppError } from '../domain/errors.js';

export const DATA_KEY_BYTES = 32;
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';
/** Master key ids are short ASCII names, so they can be shown in messages safely. */
const MASTER_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** A fresh random data key for one report. */
export function newDataKey(): Buffer {
  return secureRandom(DATA_KEY_BYTES);
}

/** The data key encrypted under the master key; the blob names the master key's id. */
export function wrapDataKey(dek: Buffer, master: MasterKey): Buffer {
  requireKey(dek, 'data key');
  requireKey(master.key, 'master key');
  if (!MASTER_ID.test(master.id)) {
    throw new AppError(
      'invalid_key',
      'technical',
      'a master key id must be 1 to 64 letters, digits, ".", "_" or "-"',
    );
  }
  const id = Buffer.from(master.id); // ASCII, checked above: one byte per character
  const header = Buffer.concat([Buffer.from([VERSION, id.length]), id]);
  return Buffer.concat([header, encrypt(master.key, dek, header)]);
}

/**
 * The data key inside a wrapped blob. `masterKeys` finds a master key by id (the
 * current one, or a retired one kept for rotation); an unknown id, like any altered
 * byte, is an integrity failure.
 */
export function unwrapDataKey(wrapped: Buffer, masterKeys: (id: string) => Buffer | null): Buffer {
  const parts = parseWrapped(wrapped);
  if (!parts) throw integrityFailure('wrapped data key');
  const { header, id, body } = parts;
  const masterKey = masterKeys(id);
  if (!masterKey) {
    throw new AppError(
      'integrity_failure',
      'technical',
      `wrapped data key names master key "${id}", which is not available (altered, or a key that is not configured)`,
    );
  }
  requireKey(masterKey, 'master key');
  return decrypt(masterKey, body, header, 'wrapped data key');
}

/**
 * The master key id a wrapped blob names (unauthenticated until it is unwrapped), or
 * null when the blob is not a wrapped data key at all. Key rotation uses it to tell
 * which keys are already wrapped under the new master key.
 */
export function wrappingKeyId(wrapped: Buffer): string | null {
  return parseWrapped(wrapped)?.id ?? null;
}

function parseWrapped(wrapped: Buffer): { header: Buffer; id: string; body: Buffer } | null {
  if (wrapped[0] !== VERSION) return null;
  const idLength = wrapped[1] ?? 0; // no length byte: an empty id, refused just below
  const header = wrapped.subarray(0, 2 + idLength);
  const id = wrapped.subarray(2, 2 + idLength).toString('latin1');
  const body = wrapped.subarray(2 + idLength);
  if (!MASTER_ID.test(id) || body.length !== NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES) return null;
  return { header, id, body };
}

/** Encrypts `plaintext` under the data key, bound to `aad` (which row and field). */
export function seal(dek: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  requireKey(dek, 'data key');
  const header = Buffer.from([VERSION]);
  return Buffer.concat([header, encrypt(dek, plaintext, associatedData(header, aad))]);
}

/** The plaintext of a sealed value; throws `integrity_failure` unless it is intact and `aad` matches. */
export function open(dek: Buffer, sealed: Buffer, aad: string): Buffer {
  requireKey(dek, 'data key');
  // Another version fails like any altered byte: the version byte is associated data.
  const header = sealed.subarray(0, 1);
  return decrypt(dek, sealed.subarray(1), associatedData(header, aad), 'sealed value');
}

function associatedData(header: Buffer, aad: string): Buffer {
  // An empty context would bind nothing; make forgetting it impossible.
  if (aad.length === 0) {
    throw new AppError('invalid_argument', 'technical', 'seal/open need a non-empty aad');
  }
  return Buffer.concat([header, Buffer.from(aad)]); // UTF-8
}

/** nonce ‖ ciphertext ‖ tag (GCM's tag is TAG_BYTES long by default); text is encrypted as UTF-8. */
function encrypt(key: Buffer, plaintext: Buffer | string, aad: Buffer): Buffer {
  const nonce = secureRandom(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, body: Buffer, aad: Buffer, what: string): Buffer {
  // No length check is needed: a body shorter than nonce + tag gives a tag under
  // TAG_BYTES, which the decipher refuses, or one overlapping the nonce, which fails
  // like any forged tag.
  const nonce = body.subarray(0, NONCE_BYTES);
  const ciphertext = body.subarray(NONCE_BYTES, body.length - TAG_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  try {
    // authTagLength pins the tag to 16 bytes; otherwise GCM accepts truncated tags (4 bytes!).
    const decipher = createDecipheriv(CIPHER, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // The underlying error says nothing useful and we do not chain it: only our message leaves.
    throw integrityFailure(what);
  }
}

function integrityFailure(what: string): AppError {
  return new AppError(
    'integrity_failure',
    'technical',
    `${what} failed its integrity check: altered, truncated, or opened with the wrong key or context`,
  );
}

function requireKey(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== DATA_KEY_BYTES) {
    throw new AppError('invalid_key', 'technical', `a ${what} must be ${DATA_KEY_BYTES} bytes`);
  }
}
