/**
 * Blind index: keyword search over encrypted narratives without a plaintext index.
 * A report's text becomes a set of search terms, each stored only as a keyed token
 * (HMAC-SHA256 under the blind-index key, cut to 16 bytes); a query is turned into
 * tokens the same way, and a report matches when it holds every token of the query.
 * Without the key a token cannot be tested against a guessed word.
 *
 * Terms: NFKC, lower case, `Intl.Segmenter` word segments.
 * - A word without CJK characters gives itself, plus a crude singular (a trailing
 *   "s" dropped when the word is longer than 3 characters).
 * - CJK text (Han, Hiragana, Katakana, Hangul) gives overlapping character bigrams,
 *   and a segment of one character gives that character. ICU splits Chinese
 *   differently in a short query than inside a long text (the query 落在北门 is cut
 *   落在/北/门, the same characters in 坠落在北门后面 are cut 坠落/在/北/门), so bigrams are
 *   taken over each run of adjacent CJK segments, not inside one segment: any
 *   contiguous stretch of the text then yields a subset of the text's bigrams,
 *   however ICU cut either.
 *
 * What tokens leak to whoever holds the database but not the key: how many distinct
 * terms a report has, and which reports share a term (equal tokens), not the terms.
 */
import { createHmac } from 'node:crypto';

export const TOKEN_BYTES = 16;

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The search terms of a report's text (the stored side). */
export function searchTerms(text: string): string[] {
  return extractTerms(text, 'document');
}

/**
 * The search terms of a query. Differs from `searchTerms` in two places so that every
 * query term is one a matching text also has: a plural word gives only its singular
 * ("drones" must find "a drone"), and a CJK character alone is a term only when the
 * query has no neighbouring CJK character (its bigrams already cover it).
 */
export function queryTerms(query: string): string[] {
  return extractTerms(query, 'query');
}

/** One token per term: HMAC-SHA256(key, term) cut to 16 bytes. */
export function blindTokens(terms: string[], key: Buffer): Buffer[] {
  return terms.map((term) =>
    createHmac('sha256', key).update(term, 'utf8').digest().subarray(0, TOKEN_BYTES),
  );
}

/** The tokens a report must all hold to match the query `q`. */
export function queryTokens(q: string, key: Buffer): Buffer[] {
  return blindTokens(queryTerms(q), key);
}

type Side = 'document' | 'query';

function extractTerms(text: string, side: Side): string[] {
  const terms = new Set<string>();
  // Characters of the current run of adjacent CJK segments, and where it ends.
  let run: string[] = [];
  let runEnd = -1;
  const flushRun = () => {
    for (let i = 0; i + 1 < run.length; i++) terms.add(run[i]! + run[i + 1]!);
    if (side === 'query' && run.length === 1) terms.add(run[0]!);
    run = [];
  };

  for (const { segment, index, isWordLike } of segmenter.segment(
    text.normalize('NFKC').toLowerCase(),
  )) {
    if (!isWordLike) continue;
    if (CJK.test(segment)) {
      if (index !== runEnd) flushRun();
      const chars = Array.from(segment); // code points: keeps supplementary Han intact
      if (side === 'document' && chars.length === 1) terms.add(segment);
      run.push(...chars);
      runEnd = index + segment.length;
      continue;
    }
    flushRun();
    const singular = crudeSingular(segment);
    if (side === 'document' || singular === segment) terms.add(segment);
    terms.add(singular);
  }
  flushRun();
  return [...terms];
}

function crudeSingular(word: string): string {
  return word.endsWith('s') && Array.from(word).length > 3 ? word.slice(0, -1) : word;
}
