/**
 * A text's score under the language model: its perplexity and GLTR-style rank
 * buckets (Gehrmann, Strobelt & Rush 2019: generated text keeps to the words a model
 * ranks highest; people pick lower-ranked words more often).
 *
 * - **Perplexity** as NLTK's `model.perplexity`: 2 ** entropy, the entropy being the
 *   mean of −log2 P(token | the order − 1 tokens before it) over the predictions. Each
 *   sentence is padded as in training (tokens.ts splits sentences); its words are
 *   predicted, and its first `</s>`, but not the `</s>` after it, which is certain once
 *   the first is there and would only pull the mean down for short texts.
 * - **Unknown words** (outside the vocabulary: `<UNK>`) are counted (`unknownTokens`)
 *   but not predicted nor ranked, as SRILM's `ngram -ppl` leaves out OOVs: with a small
 *   training text most words of a new one are unknown, and a model that has learnt
 *   `<UNK>` predicts it well, so a text full of words it never saw would otherwise look
 *   *more* predictable (lower perplexity) than ordinary text. An unknown word still
 *   stands in the context of the next ones, as `<UNK>`. A known word of probability 0
 *   (one a given vocabulary holds but training never saw) counts as `MIN_PROBABILITY`,
 *   so it cannot make the perplexity infinite.
 * - **Rank** of a token: 1 + the number of words of the vocabulary (all but `<s>`)
 *   the model finds strictly more probable in that context. Buckets: ranks 1–10,
 *   11–100, 101–1000 and beyond. Words that follow none of the context's suffixes all
 *   get only the unigram term through the gammas (kneser-ney.ts `unigramShare`), so they are counted
 *   with a binary search over the unigram probabilities sorted once per model; only
 *   the context's followers are scored one by one. Ranking costs one unit per
 *   follower of each token's context, plus one; **`rankWork`** bounds those units per
 *   text: tokens past it are not ranked (`ranks.ranked` says how many were), so a
 *   long text or a context followed by most of the vocabulary (after "the") cannot
 *   hold the check up.
 * - Only the first **`maxTokens`** tokens are read.
 *
 * Nothing here keeps or returns the text: numbers only.
 */
import {
  END,
  START,
  contextStats,
  idOf,
  padded,
  probabilityIn,
  unigramShare,
  type KneserNeyModel,
} from './kneser-ney.js';
import { languageOf, sentencesOf } from './tokens.js';

/** What an impossible token counts as (see the header). */
export const MIN_PROBABILITY = 1e-9;

/** The upper ranks of the GLTR buckets, best first; beyond the last is the fourth bucket. */
export const RANK_BUCKETS = [10, 100, 1000] as const;

export interface ScoreLimits {
  /** Tokens read at most; the rest of a longer text is left out. */
  maxTokens: number;
  /** Units of ranking work per text (one per context follower scored, plus one per token). */
  rankWork: number;
}

export interface TextScore {
  /** `zh` when at least half the tokens are Han characters. */
  language: 'en' | 'zh';
  sentences: number;
  /** Words and Han characters read. */
  tokens: number;
  /** Tokens outside the model's vocabulary: neither predicted nor ranked. */
  unknownTokens: number;
  /** Probabilities averaged: the known tokens and one sentence end per sentence. */
  predictions: number;
  /** Mean −log2 probability (bits); 0 when nothing was predicted. */
  entropy: number;
  /** 2 ** entropy; 1 when nothing was predicted. */
  perplexity: number;
  ranks: {
    /** Tokens ranked (all the known ones unless the ranking work ran out). */
    ranked: number;
    /** Tokens of rank ≤ 10, ≤ 100, ≤ 1000, and beyond, among the ranked. */
    top10: number;
    top100: number;
    top1000: number;
    beyond: number;
  };
}

/** Unigram probabilities of every word but `<s>`, most probable first: once per model. */
const sortedUnigrams = new WeakMap<KneserNeyModel, Float64Array>();

function unigramsDescending(model: KneserNeyModel): Float64Array {
  let sorted = sortedUnigrams.get(model);
  // Stryker disable next-line ConditionalExpression: a cache; computing it again gives the same array
  if (!sorted) {
    const start = model.ids.get(START)!;
    sorted = Float64Array.from(model.unigram.filter((_, id) => id !== start))
      .sort()
      .reverse();
    sortedUnigrams.set(model, sorted);
  }
  return sorted;
}

/** How many of the descending unigram values u have share(u) > p (share is monotone). */
function countAbove(descending: Float64Array, share: (u: number) => number, p: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (share(descending[mid]!) > p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1 + the words (not `<s>`) more probable than `word` in this context. */
function rankOf(
  model: KneserNeyModel,
  stats: ReturnType<typeof contextStats>,
  candidates: ReadonlySet<number>,
  word: number,
  p: number,
): number {
  const share = (u: number) => unigramShare(model, stats, u);
  let higher = countAbove(unigramsDescending(model), share, p);
  for (const w of candidates) {
    // A follower's unigram share was counted above if it alone beats p; its real one replaces it.
    if (share(model.unigram[w]!) > p) higher -= 1;
    if (probabilityIn(model, stats, w) > p) higher += 1;
  }
  return higher + 1;
}

/** The words that follow some suffix of the context (all but `<s>`). */
function followersOf(model: KneserNeyModel, stats: ReturnType<typeof contextStats>): Set<number> {
  const start = model.ids.get(START)!;
  const followers = new Set<number>();
  for (const s of stats) if (s) for (const w of s.followers.keys()) followers.add(w);
  followers.delete(start);
  return followers;
}

/** The GLTR bucket of a rank. */
export function rankBucket(rank: number): 'top10' | 'top100' | 'top1000' | 'beyond' {
  if (rank <= RANK_BUCKETS[0]) return 'top10';
  if (rank <= RANK_BUCKETS[1]) return 'top100';
  if (rank <= RANK_BUCKETS[2]) return 'top1000';
  return 'beyond';
}

/** The ranking work of one token: one unit per candidate scored, plus the binary search. */
const rankingCost = (candidates: ReadonlySet<number>) => candidates.size + 1;

/** The ranking work a token costs after `context` (tokens), as `rankWork` counts it. */
export function rankCost(model: KneserNeyModel, context: readonly string[]): number {
  const stats = contextStats(
    model,
    context.map((w) => idOf(model, w)),
  );
  return rankingCost(followersOf(model, stats));
}

/** The rank of `word` after `context` (tokens; the last order − 1 count), as the buckets count it. */
export function tokenRank(model: KneserNeyModel, context: readonly string[], word: string): number {
  const stats = contextStats(
    model,
    context.map((w) => idOf(model, w)),
  );
  const id = idOf(model, word);
  return rankOf(model, stats, followersOf(model, stats), id, probabilityIn(model, stats, id));
}

/** Scores sentences already split into tokens (`sentencesOf`). */
export function scoreSentences(
  model: KneserNeyModel,
  sentences: readonly (readonly string[])[],
  limits: ScoreLimits,
): TextScore {
  const startId = model.ids.get(START)!;
  const endId = model.ids.get(END)!;
  const unknown = model.ids.get('<UNK>')!;
  const ranks = { ranked: 0, top10: 0, top100: 0, top1000: 0, beyond: 0 };
  const read: string[] = [];
  let bits = 0;
  let predictions = 0;
  let sentenceCount = 0;
  let unknownTokens = 0;
  let workLeft = limits.rankWork;
  for (const sentence of sentences) {
    const room = limits.maxTokens - read.length;
    if (room <= 0) break;
    const words = sentence.slice(0, room);
    read.push(...words);
    sentenceCount += 1;
    const ids = words.map((w) => idOf(model, w));
    unknownTokens += ids.filter((id) => id === unknown).length;
    const seq = padded(ids, model.order, startId, endId);
    // Predict each word and the first </s>: positions order − 1 … order − 1 + words.length.
    for (let i = model.order - 1; i <= model.order - 1 + ids.length; i++) {
      const stats = contextStats(model, seq.slice(i - model.order + 1, i));
      const word = seq[i]!;
      if (word === unknown) continue; // counted above, never predicted (see the header)
      const p = probabilityIn(model, stats, word);
      bits -= Math.log2(Math.max(p, MIN_PROBABILITY));
      predictions += 1;
      if (word === endId) continue; // sentence ends are not ranked: only the text's tokens
      const candidates = followersOf(model, stats);
      const cost = rankingCost(candidates);
      if (cost > workLeft) {
        workLeft = 0;
        continue;
      }
      workLeft -= cost;
      ranks.ranked += 1;
      ranks[rankBucket(rankOf(model, stats, candidates, word, p))] += 1;
    }
  }
  const entropy = predictions === 0 ? 0 : bits / predictions;
  return {
    language: languageOf(read),
    sentences: sentenceCount,
    tokens: read.length,
    unknownTokens,
    predictions,
    entropy,
    perplexity: 2 ** entropy,
    ranks,
  };
}

/** Scores a text: `sentencesOf` (tokens.ts), then `scoreSentences`. */
export function scoreText(model: KneserNeyModel, text: string, limits: ScoreLimits): TextScore {
  return scoreSentences(model, sentencesOf(text), limits);
}
