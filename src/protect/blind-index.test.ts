import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  blindTokens,
  queryTerms,
  queryTokens,
  SEGMENT_SLICE,
  searchTerms,
  sliceEnd,
  TOKEN_BYTES,
} from './blind-index.js';

/**
 * The matching rule the store's index applies: a report matches when it holds every
 * one of the query's tokens; a query without tokens matches nothing.
 */
function matchesAll(reportTokens: Buffer[], query: Buffer[]): boolean {
  if (query.length === 0) return false;
  const held = new Set(reportTokens.map((t) => t.toString('hex')));
  return query.every((t) => held.has(t.toString('hex')));
}

const key = Buffer.alloc(32, 0x42);
const otherKey = Buffer.alloc(32, 0x43);

const droneReport = 'A drone fell behind the north gate.';
const chineseReport = '昨晚一架无人机坠落在北门后面';
const unrelatedReport = 'Suspicious man photographing the harbour at night.';

const sorted = (terms: string[]) => [...terms].sort();

/** Whether the report text is found by the query, through tokens only. */
const finds = (query: string, report: string, reportKey = key, queryKey = key) =>
  matchesAll(blindTokens(searchTerms(report), reportKey), queryTokens(query, queryKey));

describe('searchTerms', () => {
  it('lower-cases English words and adds a crude singular', () => {
    expect(searchTerms('Drones FELL near 3 gates')).toEqual([
      'drones',
      'drone',
      'fell',
      'near',
      '3',
      'gates',
      'gate',
    ]);
  });

  it('keeps words of 3 characters or less as they are', () => {
    expect(searchTerms('bus gas is')).toEqual(['bus', 'gas', 'is']);
  });

  it('turns Chinese into overlapping bigrams, across the words ICU found', () => {
    // ICU cuts 无人机 as 无人/机 and 北门 as 北/门: the bigrams span those cuts, and a
    // one-character segment is also a term of its own.
    expect(sorted(searchTerms('无人机'))).toEqual(sorted(['无人', '人机', '机']));
    expect(sorted(searchTerms('北门'))).toEqual(sorted(['北门', '北', '门']));
  });

  it('handles mixed Chinese and English text', () => {
    expect(sorted(searchTerms('无人机 drone 坠落'))).toEqual(
      sorted(['无人', '人机', '机', 'drone', '坠落']),
    );
  });

  it('does not join Chinese across punctuation or spaces', () => {
    expect(searchTerms('北门，后面')).not.toContain('门后');
    expect(searchTerms('北门 后面')).not.toContain('门后');
    expect(searchTerms('北门后面')).toContain('门后');
  });

  it('normalizes compatibility forms (full-width letters, ligatures) before anything else', () => {
    expect(searchTerms('ＤＲＯＮＥ ﬁre')).toEqual(['drone', 'fire']);
  });

  it('drops punctuation and deduplicates', () => {
    expect(searchTerms('drone, drone! — DRONE?')).toEqual(['drone']);
    expect(searchTerms('...!?')).toEqual([]);
  });

  it('gives a CJK word of several characters only its bigrams, not the word itself', () => {
    // ICU keeps each of these whole as one segment.
    expect(sorted(searchTerms('안녕하세요'))).toEqual(sorted(['안녕', '녕하', '하세', '세요']));
    expect(searchTerms('コンピューター')).not.toContain('コンピューター');
  });

  it('keeps the first maxTerms terms found, in text order', () => {
    expect(searchTerms('alpha beta gamma delta', 2)).toEqual(['alpha', 'beta']);
    expect(searchTerms('alpha beta', 2)).toEqual(['alpha', 'beta']);
    expect(searchTerms('drones', 1)).toEqual(['drones']);
  });
});

describe('segmenting a long text', () => {
  afterEach(() => vi.restoreAllMocks());

  /** What each call to the word segmenter was given, while `fn` runs. */
  function slicesSegmented(fn: () => unknown): string[] {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    fn();
    return segment.mock.calls.map(([text]) => text);
  }

  it('segments in slices of at most SEGMENT_SLICE units that together make the text', () => {
    const text = 'drone gate harbour '.repeat(200);
    const slices = slicesSegmented(() => searchTerms(text));
    expect(slices.length).toBeGreaterThan(1);
    for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(SEGMENT_SLICE);
    expect(slices.join('')).toBe(text);
  });

  it('segments no further once maxTerms terms are found', () => {
    // The first slice holds one term only ("drone"); later slices would add "gate".
    const text = 'drone '.repeat(400) + 'gate '.repeat(400);
    expect(slicesSegmented(() => searchTerms(text, 1))).toHaveLength(1);
    expect(slicesSegmented(() => searchTerms(text, 2)).length).toBeGreaterThan(1);
  });

  it('still takes the bigram across a cut inside a CJK run', () => {
    // No space to cut at: the cut falls inside the run, between 北 and 门.
    const text = '北'.repeat(SEGMENT_SLICE) + '门';
    expect(sliceEnd(text, 0)).toBe(SEGMENT_SLICE);
    expect(searchTerms(text)).toContain('北门');
  });
});

describe('sliceEnd', () => {
  const x = (n: number) => 'x'.repeat(n);

  it('ends at the end of a text that fits in one slice, exactly or with room to spare', () => {
    expect(sliceEnd('short text', 0)).toBe(10);
    const exact = x(600) + ' ' + x(SEGMENT_SLICE - 601);
    expect(exact).toHaveLength(SEGMENT_SLICE);
    expect(sliceEnd(exact, 0)).toBe(SEGMENT_SLICE);
    expect(sliceEnd('a ' + exact, 2)).toBe(SEGMENT_SLICE + 2);
  });

  it('cuts after the last space in the second half of the slice', () => {
    const text = x(700) + ' ' + x(100) + ' ' + x(2000);
    expect(sliceEnd(text, 0)).toBe(802);
  });

  it('cuts after a space exactly halfway, but not after one just before halfway', () => {
    const start = 100;
    const half = start + SEGMENT_SLICE / 2;
    const at = (space: number) => x(space) + ' ' + x(3000);
    expect(sliceEnd(at(half), start)).toBe(half + 1);
    expect(sliceEnd(at(half - 1), start)).toBe(start + SEGMENT_SLICE);
  });

  it('does not look past the slice for a space', () => {
    // The only space is the first unit of the next slice.
    const text = x(SEGMENT_SLICE) + ' ' + x(100);
    expect(sliceEnd(text, 0)).toBe(SEGMENT_SLICE);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const lead = x(SEGMENT_SLICE - 1);
    // High surrogates U+D800 and U+DBFF (the first and last) as the slice's last unit.
    expect(sliceEnd(lead + '\u{10000}' + x(10), 0)).toBe(SEGMENT_SLICE - 1);
    expect(sliceEnd(lead + '\u{10FFFF}' + x(10), 0)).toBe(SEGMENT_SLICE - 1);
    // A whole pair before the cut, or no surrogate at all on either side of the range.
    expect(sliceEnd(x(SEGMENT_SLICE - 2) + '\u{10000}' + x(10), 0)).toBe(SEGMENT_SLICE);
    expect(sliceEnd(lead + '\uD7FF' + x(10), 0)).toBe(SEGMENT_SLICE);
    expect(sliceEnd(lead + '\uDC00' + x(10), 0)).toBe(SEGMENT_SLICE);
    expect(sliceEnd(lead + 'x' + x(10), 0)).toBe(SEGMENT_SLICE);
  });
});

describe('queryTerms', () => {
  it('uses only the singular of a plural, which every matching text holds', () => {
    expect(queryTerms('Drones')).toEqual(['drone']);
  });

  it('uses a lone CJK character only when nothing next to it gives a bigram', () => {
    expect(queryTerms('北门')).toEqual(['北门']);
    expect(queryTerms('门')).toEqual(['门']);
  });
});

describe('blindTokens', () => {
  it('is a 16-byte keyed token per term, stable under one key', () => {
    const [a] = blindTokens(['drone'], key);
    expect(a).toHaveLength(TOKEN_BYTES);
    expect(a!.equals(blindTokens(['drone'], key)[0]!)).toBe(true);
    expect(a!.equals(blindTokens(['drones'], key)[0]!)).toBe(false);
  });

  it('gives a word another token under another key', () => {
    expect(blindTokens(['drone'], key)[0]!.equals(blindTokens(['drone'], otherKey)[0]!)).toBe(
      false,
    );
  });

  it('is HMAC-SHA256 of the term’s UTF-8 under the key, cut to 16 bytes', () => {
    const [token] = blindTokens(['无人机'], key);
    const full = createHmac('sha256', key).update(Buffer.from('无人机', 'utf8')).digest();
    expect(token!.equals(full.subarray(0, 16))).toBe(true);
  });

  it('does not contain the term', () => {
    const [token] = blindTokens(['drone'], key);
    expect(token!.includes(Buffer.from('drone'))).toBe(false);
  });
});

describe('searching through tokens', () => {
  it('finds an English report by a word in it, in any case or number', () => {
    expect(finds('drone', droneReport)).toBe(true);
    expect(finds('DRONE', droneReport)).toBe(true);
    expect(finds('drones', droneReport)).toBe(true);
    expect(finds('drone', 'Two drones were seen')).toBe(true);
  });

  it('finds a report only when it has every word of the query', () => {
    expect(finds('drone gate', droneReport)).toBe(true);
    expect(finds('drone harbour', droneReport)).toBe(false);
  });

  it('finds a Chinese report by 无人机 and by 北门', () => {
    expect(finds('无人机', chineseReport)).toBe(true);
    expect(finds('北门', chineseReport)).toBe(true);
    expect(finds('无人机 北门', chineseReport)).toBe(true);
  });

  it('finds a Chinese phrase that ICU cuts differently alone than inside the sentence', () => {
    // Alone, ICU reads 落在/北/门 and 人/机; in the sentence, 坠落/在/北/门 and 无人/机, so
    // terms taken inside single segments would miss 落在 and 人.
    expect(finds('落在北门', chineseReport)).toBe(true);
    expect(finds('人机', chineseReport)).toBe(true);
  });

  it('finds mixed-language reports by either language', () => {
    const mixed = '无人机 drone 坠落';
    expect(finds('drone', mixed)).toBe(true);
    expect(finds('无人机', mixed)).toBe(true);
    expect(finds('坠落', mixed)).toBe(true);
  });

  it('does not find unrelated reports', () => {
    expect(finds('drone', unrelatedReport)).toBe(false);
    expect(finds('无人机', unrelatedReport)).toBe(false);
    expect(finds('无人机', droneReport)).toBe(false);
    expect(finds('南门', chineseReport)).toBe(false);
    expect(finds('机场', chineseReport)).toBe(false);
  });

  it('finds nothing when the query was made under another key', () => {
    expect(finds('drone', droneReport, key, otherKey)).toBe(false);
  });

  it('finds nothing for an empty query', () => {
    expect(queryTokens('  ?! ', key)).toEqual([]);
    expect(finds('', droneReport)).toBe(false);
  });
});
