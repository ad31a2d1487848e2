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
 * Bounded work: V8's segment iterator costs more than linear time over one long
 * string (100,000 CJK characters took over a minute), so the text is segmented in
 * slices of at most SEGMENT_SLICE UTF-16 units, cut after a space where there is one
 * (a CJK run cut in two still gives the bigram across the cut: runs are tracked by
 * position in the whole text). A text yields at most `maxTerms` distinct terms;
 * extraction stops there, and words after that point are not searchable (README).
 * Long texts are turned into tokens in a worker thread (search-tokenizer.ts).
 *
 * What tokens leak to whoever holds the database but not the key: how many distinct
 * terms a report has, and which reports share a term (equal tokens), not the terms.
 */
import { createHmac } from 'node:crypto';
import { SEARCH_TOKEN_BYTES } from '../domain/report.js';

export const TOKEN_BYTES = SEARCH_TOKEN_BYTES;

let segmenter: Intl.Segmenter | undefined;
/** Made on first use, so a bad option fails the call that needs it rather than every import. */
const words = () => (segmenter ??= new Intl.Segmenter('und', { granularity: 'word' }));
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Slices segmented on their own: long enough for any word, short enough to stay linear. */
export const SEGMENT_SLICE = 1024;
/** Most distinct terms taken from one text unless the caller says otherwise. */
export const DEFAULT_MAX_TERMS = 10_000;

/** The search terms of a report's text (the stored side), at most `maxTerms` of them. */
export function searchTerms(text: string, maxTerms = DEFAULT_MAX_TERMS): string[] {
  return extractTerms(text, { query: false, maxTerms });
}

/**
 * The search terms of a query. Differs from `searchTerms` in two places so that every
 * query term is one a matching text also has: a plural word gives only its singular
 * ("drones" must find "a drone"), and a CJK character alone is a term only when the
 * query has no neighbouring CJK character (its bigrams already cover it).
 */
export function queryTerms(query: string): string[] {
  return extractTerms(query, { query: true, maxTerms: DEFAULT_MAX_TERMS });
}

/** One token per term: HMAC-SHA256(key, term as UTF-8) cut to 16 bytes. */
export function blindTokens(terms: string[], key: Buffer): Buffer[] {
  return terms.map((term) =>
    createHmac('sha256', key).update(term).digest().subarray(0, TOKEN_BYTES),
  );
}

/** The tokens a report must all hold to match the query `q`. */
export function queryTokens(q: string, key: Buffer): Buffer[] {
  return blindTokens(queryTerms(q), key);
}

/**
 * Where to end the slice that starts at `start`: after the last space in its second
 * half if there is one, else at SEGMENT_SLICE units, never between the two halves of
 * a surrogate pair.
 */
export function sliceEnd(text: string, start: number): number {
  const limit = start + SEGMENT_SLICE;
  if (limit >= text.length) return text.length;
  const space = text.lastIndexOf(' ', limit - 1);
  if (space >= start + SEGMENT_SLICE / 2) return space + 1;
  const unit = text.charCodeAt(limit - 1);
  return unit >= 0xd800 && unit <= 0xdbff ? limit - 1 : limit;
}

/** `query`: the terms of a query (see queryTerms), else those of a stored text. */
function extractTerms(
  text: string,
  { query, maxTerms }: { query: boolean; maxTerms: number },
): string[] {
  const terms = new Set<string>();
  // Characters of the current run of adjacent CJK segments, and where it ends (where
  // it starts does not matter while the run is empty).
  let run: string[] = [];
  let runEnd = 0;
  const flushRun = () => {
    for (let i = 0; i + 1 < run.length; i++) terms.add(run[i]! + run[i + 1]!);
    // A lone character is a term of its own. A document has it already: a run of one
    // character is a segment of one character, added as it was read.
    if (run.length === 1) terms.add(run[0]!);
    run = [];
  };

  const normalized = text.normalize('NFKC').toLowerCase();
  for (let start = 0; start < normalized.length && terms.size < maxTerms;) {
    const end = sliceEnd(normalized, start);
    for (const { segment, index, isWordLike } of words().segment(normalized.slice(start, end))) {
      if (!isWordLike) continue;
      const at = start + index;
      if (CJK.test(segment)) {
        if (at !== runEnd) flushRun();
        const chars = Array.from(segment); // code points: keeps supplementary Han intact
        if (!query && chars.length === 1) terms.add(segment);
        run.push(...chars);
        runEnd = at + segment.length;
        continue;
      }
      flushRun();
      // A document keeps the word and its singular; a query only the singular (which is
      // the word itself when it is not plural).
      if (!query) terms.add(segment);
      terms.add(crudeSingular(segment));
    }
    start = end;
  }
  flushRun();
  return [...terms].slice(0, maxTerms);
}

function crudeSingular(word: string): string {
  return word.endsWith('s') && Array.from(word).length > 3 ? word.slice(0, -1) : word;
}
