/**
 * Receipt codes: what a reporter keeps to come back to a report without an account.
 *
 * Format: 24 Crockford base32 characters (0-9 and A-Z without I, L, O, U) in six
 * groups of four, e.g. `7KQ3-M9XD-2F8H-TNV4-C6RW-0BZ5`. The first two groups (8
 * characters, 40 bits) are the lookup id: not secret, it finds the row. The last four
 * (16 characters, 80 bits) are the secret; only a SHA-256 hash of it is stored:
 * SHA-256("tipwire.receipt.v1\0" ‖ lookup ‖ "\0" ‖ secret), where hashing the lookup
 * in stops one guess from being tried against every stored receipt at once.
 * All 120 bits come from the CSPRNG.
 *
 * Typing is forgiving: any case, spaces, hyphens or none, full-width forms, and the
 * confusables O→0, I→1, L→1. Anything else (wrong length, U, other symbols) is refused.
 * Comparison of the secret's hash is constant-time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { secureRandom } from './random.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;
export const LOOKUP_CHARS = 8;
export const SECRET_CHARS = 16;
const TOTAL_CHARS = LOOKUP_CHARS + SECRET_CHARS;
const RANDOM_BYTES = (TOTAL_CHARS * 5) / 8; // 15 bytes = 120 bits
/** Longest input worth looking at; a receipt with generous spacing is well under this. */
const MAX_TYPED_LENGTH = 128;
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/gu;
const CONFUSABLES: Record<string, string> = { O: '0', I: '1', L: '1' };

export interface IssuedReceipt {
  /** The code to show the reporter once; never stored. */
  receipt: string;
  /** Finds the report's receipt row; not secret. */
  lookup: string;
  /** What is stored to check the secret later. */
  secretHash: Buffer;
}

export interface ParsedReceipt {
  lookup: string;
  secret: string;
}

/** A new receipt; `random` is the CSPRNG, replaceable in tests. */
export function issueReceipt(random: (size: number) => Buffer = secureRandom): IssuedReceipt {
  const chars = toBase32(random(RANDOM_BYTES));
  const lookup = chars.slice(0, LOOKUP_CHARS);
  const secret = chars.slice(LOOKUP_CHARS);
  return {
    receipt: formatReceipt({ lookup, secret }),
    lookup,
    secretHash: hashSecret(lookup, secret),
  };
}

/** The canonical way to write a receipt: upper case, groups of four joined by hyphens. */
export function formatReceipt(parsed: ParsedReceipt): string {
  const chars = parsed.lookup + parsed.secret;
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups.join('-');
}

/** A receipt as typed by a person, or null when it cannot be one. */
export function parseReceipt(typed: string): ParsedReceipt | null {
  if (typed.length > MAX_TYPED_LENGTH) return null;
  const letters = typed.normalize('NFKC').replace(SEPARATORS, '');
  // ASCII only before upper-casing: 'ß'.toUpperCase() is 'SS', 'ı' becomes 'I'.
  if (letters.length !== TOTAL_CHARS || !/^[0-9A-Za-z]+$/.test(letters)) return null;
  const compact = letters.toUpperCase().replace(/[OIL]/g, (c) => CONFUSABLES[c]!);
  if ([...compact].some((c) => !ALPHABET.includes(c))) return null;
  return { lookup: compact.slice(0, LOOKUP_CHARS), secret: compact.slice(LOOKUP_CHARS) };
}

/** Whether a parsed receipt's secret is the one stored, compared in constant time. */
export function receiptMatches(parsed: ParsedReceipt, stored: { secretHash: Buffer }): boolean {
  const candidate = hashSecret(parsed.lookup, parsed.secret);
  return (
    stored.secretHash.length === candidate.length && timingSafeEqual(candidate, stored.secretHash)
  );
}

function hashSecret(lookup: string, secret: string): Buffer {
  return createHash('sha256').update(`tipwire.receipt.v1\0${lookup}\0${secret}`).digest();
}

/** Big-endian base32: every 5 bits of `bytes` become one character. */
function toBase32(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
