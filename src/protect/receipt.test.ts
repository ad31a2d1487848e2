import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatReceipt,
  issueReceipt,
  LOOKUP_CHARS,
  parseReceipt,
  receiptMatches,
  SECRET_CHARS,
} from './receipt.js';

const CROCKFORD_GROUP = '[0-9A-HJKMNP-TV-Z]{4}';
const RECEIPT_SHAPE = new RegExp(`^(${CROCKFORD_GROUP}-){5}${CROCKFORD_GROUP}$`);

/** A fake CSPRNG that returns `bytes`, repeated to the requested size. */
const fixedRandom = (bytes: number[]) => (size: number) =>
  Buffer.from(Array.from({ length: size }, (_, i) => bytes[i % bytes.length]!));

/** `receipt` with the character at `index` (of the compact form) replaced by `by`. */
function changeChar(receipt: string, index: number, by: string): string {
  const compact = receipt.replaceAll('-', '');
  return compact.slice(0, index) + by + compact.slice(index + 1);
}

describe('issueReceipt', () => {
  it('gives six hyphenated groups of four Crockford base32 characters', () => {
    const { receipt, lookup } = issueReceipt();
    expect(receipt).toMatch(RECEIPT_SHAPE);
    expect(receipt.replaceAll('-', '').startsWith(lookup)).toBe(true);
    expect(lookup).toHaveLength(8);
  });

  it('holds at least 80 bits of secret randomness beside a 40-bit lookup', () => {
    expect(SECRET_CHARS * 5).toBeGreaterThanOrEqual(80);
    expect(LOOKUP_CHARS * 5).toBe(40);
    let asked = 0;
    issueReceipt((size) => {
      asked += size;
      return Buffer.alloc(size);
    });
    expect(asked * 8).toBe((LOOKUP_CHARS + SECRET_CHARS) * 5);
  });

  it('encodes the random bits five at a time, most significant first', () => {
    expect(issueReceipt(fixedRandom([0])).receipt).toBe('0000-0000-0000-0000-0000-0000');
    expect(issueReceipt(fixedRandom([0xff])).receipt).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 00001 00001 …: 0x08 0x42 0x10 0x84 0x21 is eight 5-bit ones.
    expect(issueReceipt(fixedRandom([0x08, 0x42, 0x10, 0x84, 0x21])).receipt).toBe(
      '1111-1111-1111-1111-1111-1111',
    );
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => issueReceipt().receipt));
    expect(codes.size).toBe(10_000);
  });

  it('stores only a hash of the secret, salted by the lookup', () => {
    const { receipt, lookup, secretHash } = issueReceipt();
    const secret = receipt.replaceAll('-', '').slice(LOOKUP_CHARS);
    expect(secretHash).toHaveLength(32);
    expect(secretHash.includes(Buffer.from(secret))).toBe(false);
    expect(secretHash.equals(createHash('sha256').update(secret).digest())).toBe(false);
    const expected = createHash('sha256')
      .update(`tipwire.receipt.v1\0${lookup}\0${secret}`)
      .digest();
    expect(secretHash.equals(expected)).toBe(true);
  });
});

// Fixtures are made inside each test, never while the file is collected: a function that
// throws there would fail the file as a whole, which mutation testing does not count.

/** A receipt from a fixed CSPRNG, and how it parses in its canonical form. */
function fixture() {
  const { receipt } = issueReceipt(fixedRandom([0x3a, 0x91, 0xc4, 0x5e, 0x07]));
  return { receipt, canonical: parseReceipt(receipt) };
}

describe('parseReceipt', () => {
  it('reads the canonical form', () => {
    const { receipt, canonical } = fixture();
    expect(canonical).not.toBeNull();
    expect(formatReceipt(canonical!)).toBe(receipt);
  });

  it('accepts lower case, spaces or no separators, and full-width characters', () => {
    const { receipt, canonical } = fixture();
    expect(parseReceipt(receipt.toLowerCase())).toEqual(canonical);
    expect(parseReceipt(receipt.replaceAll('-', ' '))).toEqual(canonical);
    expect(parseReceipt(`  ${receipt.replaceAll('-', '')}  `)).toEqual(canonical);
    expect(parseReceipt(receipt.replaceAll('-', '–'))).toEqual(canonical);
    const fullWidth = [...receipt].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
    expect(parseReceipt(fullWidth.join(''))).toEqual(canonical);
  });

  it('reads O as 0 and I or L as 1', () => {
    expect(parseReceipt('O0O0-ILil-0000-0000-0000-0000')).toEqual({
      lookup: '00001111',
      secret: '0'.repeat(16),
    });
  });

  it('reads every separator it promises: spaces, tabs, hyphens, dashes and the minus sign', () => {
    const { receipt, canonical } = fixture();
    for (const separator of [
      ' ',
      '\t',
      '\n',
      '-',
      '\u2010',
      '\u2012',
      '\u2014',
      '\u2015',
      '\u2212',
    ]) {
      expect(parseReceipt(receipt.replaceAll('-', separator))).toEqual(canonical);
    }
  });

  it('looks at inputs up to 128 characters, however generously spaced, and no longer', () => {
    const { receipt, canonical } = fixture();
    const spaced = (length: number) => receipt + ' '.repeat(length - receipt.length);
    expect(parseReceipt(spaced(128))).toEqual(canonical);
    expect(parseReceipt(spaced(129))).toBeNull();
  });

  it('refuses wrong lengths, letters outside the alphabet and other symbols', () => {
    const { receipt } = fixture();
    expect(parseReceipt('')).toBeNull();
    expect(parseReceipt(receipt.slice(0, -1))).toBeNull();
    expect(parseReceipt(`${receipt}0`)).toBeNull();
    expect(parseReceipt(changeChar(receipt, 10, 'U'))).toBeNull();
    expect(parseReceipt(changeChar(receipt, 10, '*'))).toBeNull();
    expect(parseReceipt(changeChar(receipt, 10, 'ß'))).toBeNull();
    expect(parseReceipt(receipt.replaceAll('-', '/'))).toBeNull();
    expect(parseReceipt('0'.repeat(10_000))).toBeNull();
  });
});

describe('receiptMatches', () => {
  /** A newly issued receipt and what the database keeps of it. */
  function issuedAndStored() {
    const issued = issueReceipt();
    return { issued, stored: { secretHash: issued.secretHash } };
  }

  it('accepts the issued receipt, however it was typed', () => {
    const { issued, stored } = issuedAndStored();
    expect(receiptMatches(parseReceipt(issued.receipt)!, stored)).toBe(true);
    expect(receiptMatches(parseReceipt(issued.receipt.toLowerCase())!, stored)).toBe(true);
  });

  it('refuses a secret with one character changed', () => {
    const { issued, stored } = issuedAndStored();
    const compact = issued.receipt.replaceAll('-', '');
    const last = compact.at(-1) === '0' ? '1' : '0';
    const typo = parseReceipt(changeChar(issued.receipt, compact.length - 1, last))!;
    expect(receiptMatches(typo, stored)).toBe(false);
  });

  it('refuses the right secret under another lookup', () => {
    const { issued, stored } = issuedAndStored();
    const parsed = parseReceipt(issued.receipt)!;
    const otherLookup = parsed.lookup === '00000000' ? '11111111' : '00000000';
    expect(receiptMatches({ ...parsed, lookup: otherLookup }, stored)).toBe(false);
  });

  it('refuses a stored hash of the wrong length instead of throwing', () => {
    const { issued } = issuedAndStored();
    const parsed = parseReceipt(issued.receipt)!;
    expect(receiptMatches(parsed, { secretHash: issued.secretHash.subarray(0, 16) })).toBe(false);
  });
});
