/**
 * The audit trail as a service: append a record (who, what, on what, why),
 * verify the whole chain, and keep the anchor that shows a deleted tail.
 *
 * Never put a protected value in a record — no narrative text, phone number,
 * token, receipt or password, not even in `details` or `reason`. A record says
 * *that* someone read report r_…, not what it said. (canonicalDetails refuses
 * the obvious keys; the rule is still the caller's.)
 *
 * `append` runs inside the caller's transaction when one is open (a savepoint),
 * so an audit record commits or rolls back with the change it describes, and it
 * reads the previous hash inside that transaction, under SQLite's write lock, so
 * several processes appending to one database still form one chain.
 *
 * The anchor: a small file outside the database with the newest `{seq, hash, at}`
 * and a MAC under the audit key, rewritten (temp file, fsync, rename) every
 * `anchorEvery` appends and whenever `anchor()` is called. `verify` fails when the
 * log ends before the anchored record or that record's hash differs.
 * - It shows: the newest records deleted up to the anchored one; a database
 *   restored from an older copy (the anchored record is missing or differs); a
 *   hand-written anchor with a lower seq (its MAC would be wrong).
 * - It does not show: deletion of records newer than the last anchor (anchor more
 *   often to narrow that window); an old copy of the anchor file put back together
 *   with a truncated database; anything done by someone who holds the audit key
 *   (they can rewrite chain and anchor alike). The key and the anchor are only as
 *   safe as the folder they live in; keep a copy of `tipwire audit verify`'s head
 *   line somewhere else for stronger evidence.
 * Even without an anchor, the next append after a tail deletion leaves a gap in
 * seq (AUTOINCREMENT never reuses a number), which verify reports.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../platform/make-dirs.js';
import { createKeyring, MASTER_KEY_FILE } from '../protect/keyring.js';
import {
  AuditEntryError,
  canonicalDetails,
  DETAILS_MAX_CHARS,
  GENESIS_HASH,
  hashRecord,
  makeAnchor,
  parseAnchor,
  verifyChain,
  type AuditAnchor,
  type AuditEntry,
  type StoredAuditRecord,
  type VerifyResult,
} from './chain.js';
import type { AuditRepository } from '../store/store.js';

export type { StoredAuditRecord, VerifyResult } from './chain.js';

export type { AuditQuery, AuditRepository } from '../store/store.js';

export type { AuditEntryInput } from '../domain/audit.js';
import type { AuditEntryInput } from '../domain/audit.js';

/** Appends one record inside the caller's transaction (what services are given). */
export type AuditAppend = (entry: AuditEntryInput) => void;

export interface AuditLog {
  append(entry: AuditEntryInput): StoredAuditRecord;
  verify(): VerifyResult;
  /** Rewrites the anchor file to name the newest committed record. Call outside a transaction. */
  anchor(): void;
}

export interface AuditLogDeps {
  repo: AuditRepository;
  /** HMAC key of the chain; must live outside the database. */
  key: Buffer;
  clock: () => number;
  /** The anchor file; without one, a deleted tail goes unseen until the next append. */
  anchorPath?: string;
  /** Rewrite the anchor after this many appends. */
  anchorEvery?: number;
  /** Told when an automatic anchor write fails; the append itself has committed by then. */
  onAnchorError?: (err: Error) => void;
}

export const DEFAULT_ANCHOR_EVERY = 100;
/** An HMAC key shorter than its output would be the weak link. */
const MIN_KEY_BYTES = 32;

/** Lower-case dotted codes: `report.read`, `session.login_failed`, `retention.purged`. */
export const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const LIMITS = { actor: 200, action: 100, target: 500, reason: 500 } as const;

export class AuditAnchorError extends Error {
  readonly code = 'audit.anchor_refused';
}

/** Checks an entry and returns what the hash will cover. Throws AuditEntryError. */
export function normalizeEntry(entry: AuditEntryInput): AuditEntry & { detailsJson: string } {
  const target = entry.target ?? null;
  const text = { actor: entry.actor, action: entry.action, reason: entry.reason };
  for (const [field, value] of Object.entries(text)) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AuditEntryError(`${field} must be a non-empty string`);
    }
  }
  if (!ACTION_PATTERN.test(entry.action)) {
    throw new AuditEntryError(
      `action ${JSON.stringify(entry.action)} is not a dotted code such as report.read`,
    );
  }
  for (const [field, value] of Object.entries({ ...text, target })) {
    const max = LIMITS[field as keyof typeof LIMITS];
    if (value !== null && value.length > max) {
      throw new AuditEntryError(`${field} is longer than ${max} characters`);
    }
  }
  return { ...text, target, detailsJson: canonicalDetails(entry.details ?? {}) };
}

/**
 * One action over many items (a page of 200 reports read, an incident of 80 reports
 * routed) as as many records as the list needs: each record's `details` hold a part
 * of the list under `listKey`, with `part` and `parts`, and stay within
 * DETAILS_MAX_CHARS. Every item is named in exactly one record, in order.
 */
export function splitListEntry(
  entry: AuditEntryInput,
  listKey: string,
  items: readonly string[],
): AuditEntryInput[] {
  const base = entry.details ?? {};
  // Room left for the list once the rest of the details and the part counters are in.
  const fixed = canonicalDetails({ ...base, [listKey]: [], part: 99_999, parts: 99_999 }).length;
  const room = DETAILS_MAX_CHARS - fixed;
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let used = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1; // the item and its comma
    if (size > room) throw new AuditEntryError(`an item of ${listKey} is too long to record`);
    if (used + size > room && chunk.length > 0) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(item);
    used += size;
  }
  chunks.push(chunk);
  if (chunks.length === 1) return [{ ...entry, details: { ...base, [listKey]: chunks[0] } }];
  return chunks.map((part, i) => ({
    ...entry,
    details: { ...base, [listKey]: part, part: i + 1, parts: chunks.length },
  }));
}

export function createAuditLog(deps: AuditLogDeps): AuditLog {
  const { repo, key, clock, anchorPath } = deps;
  const anchorEvery = deps.anchorEvery ?? DEFAULT_ANCHOR_EVERY;
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(`the audit key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  let sinceAnchor = 0;

  function anchor() {
    if (!anchorPath) return;
    if (repo.inTransaction()) {
      throw new AuditAnchorError('the audit anchor is written outside transactions only');
    }
    sinceAnchor = 0;
    const head = repo.last();
    if (!head) return;
    const current = readAnchor(anchorPath, key);
    // Never overwrite evidence: an anchor that no longer fits the log stays for verify to report.
    if (current.state === 'invalid') {
      throw new AuditAnchorError(`${anchorPath} is not a valid audit anchor: ${current.why}`);
    }
    if (current.state === 'ok') {
      const anchored = repo.get(current.anchor.seq);
      if (!anchored || anchored.hash !== current.anchor.hash) {
        throw new AuditAnchorError(
          `the audit log no longer holds record ${current.anchor.seq} as anchored in ${anchorPath}; run tipwire audit verify`,
        );
      }
      if (current.anchor.seq === head.seq) return;
    }
    writeAnchor(anchorPath, makeAnchor(head, clock(), key));
  }

  return {
    append(entry) {
      const content = normalizeEntry(entry);
      const at = clock();
      if (!Number.isSafeInteger(at))
        throw new Error(`the clock gave ${at}, not epoch milliseconds`);
      const record = repo.append(({ seq, prev }) => {
        const unhashed = { seq, at, ...content };
        return { ...unhashed, hash: hashRecord(prev?.hash ?? GENESIS_HASH, unhashed, key) };
      });
      sinceAnchor += 1;
      if (anchorPath && sinceAnchor >= anchorEvery && !repo.inTransaction()) {
        try {
          anchor();
        } catch (err) {
          deps.onAnchorError?.(err as Error);
        }
      }
      return record;
    },

    verify() {
      // The anchor first, then the log: a record appended and anchored meanwhile by
      // another process is then in the log we read, never missing from it.
      const read = anchorPath ? readAnchor(anchorPath, key) : ({ state: 'absent' } as const);
      if (read.state === 'invalid') {
        return {
          ok: false,
          seq: read.seq,
          problem: 'anchor_invalid',
          message: `the audit anchor ${anchorPath} cannot be trusted: ${read.why}`,
        };
      }
      return verifyChain(repo.iterate(), key, read.state === 'ok' ? read.anchor : null);
    },

    anchor,
  };
}

type AnchorRead =
  | { state: 'absent' }
  | { state: 'ok'; anchor: AuditAnchor }
  | { state: 'invalid'; seq: number | null; why: string };

export function readAnchor(file: string, key: Buffer): AnchorRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw err;
  }
  const parsed = parseAnchor(text, key);
  return parsed.ok
    ? { state: 'ok', anchor: parsed.anchor }
    : { state: 'invalid', seq: parsed.seq, why: parsed.why };
}

/** Temp file, fsync, rename, fsync of the folder: the anchor is the old one or the new one. */
function writeAnchor(file: string, anchor: AuditAnchor) {
  const dir = path.dirname(file);
  makeDirs(dir, 0o700);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(anchor) + '\n');
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** `<keys dir>/audit-anchor.json`: beside the audit key, outside the database. */
export const defaultAnchorPath = (keysDir: string): string =>
  path.join(keysDir, 'audit-anchor.json');

export class AuditKeyMissingError extends Error {
  readonly code = 'audit.key_missing';
}

/**
 * The chain's key: the keyring's `audit` subkey, derived from the master key
 * (TIPWIRE_MASTER_KEY or `<keys dir>/master.key`), so the runtime and the CLI
 * agree on it. With `create: false` (verifying), a missing master key is an
 * error rather than a new key under which every existing record would look edited.
 */
export function getAuditKey(
  keys: { dir: string; masterKey?: string; pseudonymEpochDays: number },
  options: { create?: boolean } = {},
): Buffer {
  const file = path.join(keys.dir, MASTER_KEY_FILE);
  if (options.create === false && !keys.masterKey && !existsSync(file)) {
    throw new AuditKeyMissingError(`there is no master key (TIPWIRE_MASTER_KEY, or ${file})`);
  }
  return createKeyring({
    dir: keys.dir,
    masterKeyHex: keys.masterKey,
    pseudonymEpochDays: keys.pseudonymEpochDays,
    clock: Date.now,
  }).subkey('audit');
}

/** A record as the API and `tipwire audit list` show it. */
export function auditRecordView(r: StoredAuditRecord) {
  let details: unknown;
  try {
    details = JSON.parse(r.detailsJson);
  } catch {
    details = r.detailsJson; // a hand-edited row: show what is there; verify names it
  }
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    reason: r.reason,
    details,
    hash: r.hash,
  };
}
