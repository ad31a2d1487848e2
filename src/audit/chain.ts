/**
 * The audit trail's hash chain, as pure functions: no clock, no I/O.
 *
 * Each record's hash is HMAC-SHA256(auditKey, prevHash ‖ canonical bytes of the
 * record), the first record chaining from a fixed genesis value. The key lives
 * outside the database, so someone who can write the database file can edit,
 * delete or reorder records but cannot compute the hashes that would hide it.
 * `verifyChain` walks the records oldest first and names the first one that
 * breaks the chain, and why.
 *
 * What the chain alone cannot show is a deleted *tail* (the newest records gone):
 * what is left is still a valid chain. An anchor — the newest `{seq, hash}` kept
 * outside the database, with its own MAC — closes that gap up to the anchored
 * record; see audit-log.ts for what it does and does not protect against.
 *
 * Records never carry a protected value (narrative text, phone numbers, tokens,
 * receipts, passwords): `details` is a small JSON object of identifiers and
 * codes. `canonicalDetails` refuses the obvious offending keys as a safety net;
 * the rule itself is the caller's to keep.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRecordContent, StoredAuditRecord } from '../domain/audit.js';

export type { AuditEntry, AuditRecordContent, StoredAuditRecord } from '../domain/audit.js';

/** The newest record as seen when the anchor was written, outside the database. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  /** When the anchor was written, epoch ms. */
  at: number;
  /** HMAC over seq, hash and at: a forged anchor (say, with a lower seq) is refused. */
  mac: string;
}

export type AuditProblem =
  /** The record's content no longer matches its hash. */
  | 'edited'
  /** The record's content is intact but its hash column was changed. */
  | 'hash_changed'
  /** Records before this one are gone (a gap in seq). */
  | 'missing'
  /** The record is not where it was written: moved, swapped, or given out of order. */
  | 'reordered'
  /** The log ends before the anchor's record: the newest records were deleted. */
  | 'truncated'
  /** The record the anchor names has another hash: the log was rewritten or restored. */
  | 'anchor_mismatch'
  /** The anchor file is unreadable or its MAC is wrong. */
  | 'anchor_invalid';

export type VerifyResult =
  | {
      ok: true;
      count: number;
      head: { seq: number; hash: string } | null;
      /** The seq the anchor named (checked), or null when there was no anchor. */
      anchoredSeq: number | null;
    }
  | {
      ok: false;
      /** The first broken or missing record; null only when the anchor itself is bad. */
      seq: number | null;
      problem: AuditProblem;
      message: string;
    };

/** The prevHash of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the canonical form ever changes; part of every hashed message. */
const FORMAT = 'tipwire.audit.v1';
const ANCHOR_FORMAT = 'tipwire.audit-anchor.v1';

/** Largest details object, as canonical JSON characters: details are identifiers, not content. */
export const DETAILS_MAX_CHARS = 2048;

/** Keys that would almost certainly carry a protected value. Compared case-insensitively. */
const FORBIDDEN_DETAIL_KEYS = new Set([
  'narrative',
  'phone',
  'caller',
  'token',
  'secret',
  'password',
  'receipt',
]);

export class AuditEntryError extends Error {
  readonly code = 'audit.invalid_entry';
}

/**
 * Canonical JSON of a details object: keys sorted, no whitespace, `undefined`
 * properties left out. Throws AuditEntryError for anything that is not plain JSON,
 * for a forbidden key at any depth, and above DETAILS_MAX_CHARS.
 */
export function canonicalDetails(details: Record<string, unknown>): string {
  if (!isPlainObject(details)) throw new AuditEntryError('details must be a plain object');
  const text = canonicalJson(details, 'details');
  if (text.length > DETAILS_MAX_CHARS) {
    throw new AuditEntryError(`details are longer than ${DETAILS_MAX_CHARS} characters`);
  }
  return text;
}

function canonicalJson(value: unknown, where: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AuditEntryError(`${where} is not a finite number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => canonicalJson(v, `${where}.${i}`)).join(',')}]`;
  }
  if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      if (FORBIDDEN_DETAIL_KEYS.has(key.toLowerCase())) {
        throw new AuditEntryError(
          `${where}.${key}: audit records never carry protected values such as a ${key}`,
        );
      }
      const v = value[key];
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(v, `${where}.${key}`)}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new AuditEntryError(`${where} is not a JSON value`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The bytes a record's hash covers. A JSON array of strings and integers is
 * unambiguous: no field can bleed into the next.
 */
export function canonicalBytes(r: AuditRecordContent): Buffer {
  // Buffer.from writes text as UTF-8.
  return Buffer.from(
    JSON.stringify([FORMAT, r.seq, r.at, r.actor, r.action, r.target, r.reason, r.detailsJson]),
  );
}

/** HMAC-SHA256(key, prevHash ‖ canonicalBytes(record)), as hex. */
export function hashRecord(prevHash: string, record: AuditRecordContent, key: Buffer): string {
  return createHmac('sha256', key)
    .update(hexBytes(prevHash))
    .update(canonicalBytes(record))
    .digest('hex');
}

/** A stored (possibly hand-edited) hash as 32 bytes; anything else as its raw text (UTF-8). */
function hexBytes(hash: string): Buffer {
  return /^[0-9a-f]{64}$/.test(hash) ? Buffer.from(hash, 'hex') : Buffer.from(hash);
}

/** Whether two hash texts are equal, compared in constant time as UTF-8 bytes. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function anchorMac(anchor: Omit<AuditAnchor, 'mac'>, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([ANCHOR_FORMAT, anchor.seq, anchor.hash, anchor.at]))
    .digest('hex');
}

export function makeAnchor(
  head: { seq: number; hash: string },
  at: number,
  key: Buffer,
): AuditAnchor {
  const anchor = { seq: head.seq, hash: head.hash, at };
  return { ...anchor, mac: anchorMac(anchor, key) };
}

/** Reads an anchor from its file text: the anchor, or why it cannot be trusted. */
export function parseAnchor(
  text: string,
  key: Buffer,
): { ok: true; anchor: AuditAnchor } | { ok: false; seq: number | null; why: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, seq: null, why: 'it is not valid JSON' };
  }
  // `null` reads as an object with no fields; other non-objects have none of them either.
  const a = (value ?? {}) as Partial<AuditAnchor>;
  const seq = Number.isSafeInteger(a.seq) ? (a.seq as number) : undefined;
  if (
    seq === undefined ||
    seq < 1 ||
    typeof a.hash !== 'string' ||
    typeof a.at !== 'number' ||
    typeof a.mac !== 'string'
  ) {
    return { ok: false, seq: seq ?? null, why: 'it lacks seq, hash, at or mac' };
  }
  const anchor: AuditAnchor = { seq, hash: a.hash, at: a.at, mac: a.mac };
  if (!sameHash(anchorMac(anchor, key), anchor.mac)) {
    return {
      ok: false,
      seq,
      why: 'its MAC does not match (edited, or written under another key?)',
    };
  }
  return { ok: true, anchor };
}

type Failure = Extract<VerifyResult, { ok: false }>;

const fail = (seq: number | null, problem: AuditProblem, message: string): Failure => ({
  ok: false,
  seq,
  problem,
  message,
});

const broken = (seq: number, why: string) => `audit record ${seq} is broken: ${why}`;

/**
 * Checks a chain given oldest first (by seq). Seqs must run 1, 2, 3… with no gap,
 * each hash must be the HMAC of its predecessor's hash and its own content, and,
 * when an anchor is given (already checked with parseAnchor), the chain must reach
 * the anchor's record with the anchor's hash. Streams: memory does not grow with
 * the log; on a failure it reads ahead to say what kind of failure it is.
 */
export function verifyChain(
  records: Iterable<StoredAuditRecord>,
  key: Buffer,
  anchor: AuditAnchor | null = null,
): VerifyResult {
  const it = records[Symbol.iterator]();
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let count = 0;
  for (let step = it.next(); !step.done; step = it.next()) {
    const r = step.value;
    if (r.seq <= prevSeq) {
      const why = count > 0 ? `it comes after record ${prevSeq}` : 'the first record is number 1';
      return fail(r.seq, 'reordered', broken(r.seq, why));
    }
    if (r.seq > prevSeq + 1) {
      const gap =
        r.seq === prevSeq + 2
          ? `record ${prevSeq + 1} is`
          : `records ${prevSeq + 1}–${r.seq - 1} are`;
      return fail(r.seq, 'missing', broken(r.seq, `${gap} missing before it (deleted?)`));
    }
    const expected = hashRecord(prevHash, r, key);
    if (!sameHash(expected, r.hash)) return diagnose(r, prevHash, expected, it, key, anchor);
    if (anchor && r.seq === anchor.seq && !sameHash(r.hash, anchor.hash)) {
      return fail(
        r.seq,
        'anchor_mismatch',
        broken(
          r.seq,
          'its hash differs from the anchor’s (the log was rewritten, or restored from an older copy?)',
        ),
      );
    }
    prevHash = r.hash;
    prevSeq = r.seq;
    count += 1;
  }
  if (anchor && prevSeq < anchor.seq) {
    const first = prevSeq + 1;
    const which =
      first === anchor.seq
        ? `audit record ${first} is`
        : `audit records ${first}–${anchor.seq} are`;
    return fail(
      first,
      'truncated',
      `${which} missing: the log ends at record ${prevSeq} but the anchor names record ${anchor.seq} (newest records deleted?)`,
    );
  }
  return {
    ok: true,
    count,
    head: count > 0 ? { seq: prevSeq, hash: prevHash } : null,
    anchoredSeq: anchor?.seq ?? null,
  };
}

/**
 * Record `r` does not match its hash. Its successor and the anchor tell an edited
 * record (the chain carries on from the stored hash) from a changed hash column
 * (it carries on from the recomputed one); a later record that hashes correctly
 * in r's place shows the records were moved.
 */
function diagnose(
  r: StoredAuditRecord,
  prevHash: string,
  expected: string,
  rest: Iterator<StoredAuditRecord>,
  key: Buffer,
  anchor: AuditAnchor | null,
): Failure {
  const edited = fail(
    r.seq,
    'edited',
    broken(r.seq, 'its content does not match its hash (edited?)'),
  );
  const hashChanged = fail(
    r.seq,
    'hash_changed',
    broken(r.seq, 'its hash was changed (its content still matches the chain)'),
  );
  const first = rest.next();
  const next = first.done ? null : first.value;
  if (next && next.seq === r.seq + 1) {
    if (sameHash(hashRecord(r.hash, next, key), next.hash)) return edited;
    if (sameHash(hashRecord(expected, next, key), next.hash)) return hashChanged;
  } else if (anchor && anchor.seq === r.seq) {
    if (sameHash(anchor.hash, r.hash)) return edited;
    if (sameHash(anchor.hash, expected)) return hashChanged;
  }
  // Was the record written here stored under another seq?
  for (let candidate = next; candidate;) {
    if (sameHash(hashRecord(prevHash, { ...candidate, seq: r.seq }, key), candidate.hash)) {
      return fail(
        r.seq,
        'reordered',
        broken(
          r.seq,
          `the record written as number ${r.seq} is now number ${candidate.seq} (reordered?)`,
        ),
      );
    }
    const step = rest.next();
    candidate = step.done ? null : step.value;
  }
  // The very first record does not match: perhaps the whole log is checked with the wrong key.
  if (r.seq === 1) {
    return fail(
      r.seq,
      'edited',
      broken(
        r.seq,
        'its content does not match its hash (edited, or checked with another audit key?)',
      ),
    );
  }
  return edited;
}
