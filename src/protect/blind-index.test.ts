import { describe, expect, it } from 'vitest';
import { blindTokens, queryTerms, queryTokens, searchTerms, TOKEN_BYTES } from './blind-index.js';

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
