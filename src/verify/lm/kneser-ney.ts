/**
 * An interpolated Kneser-Ney n-gram model, the way NLTK's `KneserNeyInterpolated`
 * (nltk.lm, 3.8) computes it, so that NLTK's own unit-test values hold here
 * (kneser-ney.test.ts reproduces nltk/test/unit/lm/test_models.py).
 *
 * NLTK's conventions, followed on purpose:
 * - **Padding**: each sentence is padded with order−1 `<s>` before and order−1 `</s>`
 *   after (`pad_both_ends`), and every k-gram of the padded sentence, k = 1…order, is
 *   counted (`padded_everygrams`).
 * - **Unknown words**: the vocabulary holds the words seen at least `unkCutoff` times
 *   (NLTK's `unk_cutoff`; given words when a vocabulary is passed) and the three
 *   symbols; any other word, in training and in scoring, in the word and in its
 *   context, is `<UNK>`. With a cutoff of 2, words seen once train `<UNK>`, so an unseen
 *   word has a probability; with a cutoff of 1, `<UNK>` has none (NLTK would then
 *   give an unseen word 0; tipwire's scoring leaves unknown words out instead).
 * - **Interpolation**, from the longest context down:
 *   P(w | ctx) = alpha(ctx, w) + gamma(ctx) · P(w | ctx without its first word), and a
 *   context never seen (no k-gram starting with it) passes straight down (alpha 0,
 *   gamma 1; NLTK issue #2332).
 * - **Counts by order** (`discount` D, 0.75 as in NLTK's tests; NLTK's default is 0.1):
 *   - the highest order uses raw counts: alpha = max(c(ctx w) − D, 0) / c(ctx •),
 *     gamma = D · N1+(ctx •) / c(ctx •);
 *   - lower orders use continuation counts (how many distinct words precede):
 *     alpha = max(N1+(• ctx w) − D, 0) / N1+(• ctx •), gamma = D · N1+(ctx •) / N1+(• ctx •),
 *     where NLTK's N1+(ctx •) in gamma is the number of distinct words after ctx in the
 *     raw (L+1)-gram counts (not in the continuation counts) — kept as NLTK has it;
 *   - the unigram is the continuation probability N1+(• w) / N1+(• •) over bigram types.
 *
 * The model keeps the counts it was derived from (k = 2…order: unigram counts are
 * never used), which is what is serialized; everything else is derived on load.
 */
import { AppError, type FieldIssue } from '../../domain/errors.js';

export const START = '<s>';
export const END = '</s>';
export const UNK = '<UNK>';

/** The settings of a model, fixed when it is trained. */
export interface ModelOptions {
  /** Longest n-gram: 3 is a trigram model. At least 2. */
  order: number;
  /** The absolute discount D of every order, in [0, 1]. */
  discount: number;
  /** Words seen fewer times are `<UNK>` (ignored when `vocabulary` is given). */
  unkCutoff: number;
  /** The vocabulary, instead of the words seen `unkCutoff` times (NLTK's Vocabulary). */
  vocabulary?: readonly string[];
}

/**
 * Trigram, NLTK's test discount, and every word seen once kept: scoring leaves unknown
 * words out (perplexity.ts), so `<UNK>` needs no mass of its own.
 */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = { order: 3, discount: 0.75, unkCutoff: 1 };

/** One context of one order: what follows it, with the counts of its order. */
interface ContextStats {
  /** word id → c(ctx w) at the highest order, N1+(• ctx w) below. */
  followers: Map<number, number>;
  /** The denominator: c(ctx •) at the highest order, N1+(• ctx •) below. */
  total: number;
  /** N1+(ctx •) in the raw counts: the numerator of gamma. */
  distinct: number;
}

export interface KneserNeyModel {
  readonly order: number;
  readonly discount: number;
  /** id → token; ids are positions. */
  readonly vocab: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** `levels[L - 1]`: the contexts of L words (L = 1 … order − 1), by `keyOf`. */
  readonly levels: readonly ReadonlyMap<string, ContextStats>[];
  /** The continuation probability of each id (the interpolation's last term). */
  readonly unigram: Float64Array;
  /** Raw counts of k-grams, k = 2 … order (`ngrams[k - 2]`), by `keyOf`: what is serialized. */
  readonly ngrams: readonly ReadonlyMap<string, number>[];
  /** Tokens it was trained on (without padding): how much it has seen. */
  readonly trainingTokens: number;
}

const keyOf = (ids: readonly number[]): string => ids.join(',');
const idsOf = (key: string): number[] => key.split(',').map(Number);

/** The id of a token, `<UNK>`'s for one outside the vocabulary. */
export function idOf(model: Pick<KneserNeyModel, 'ids'>, token: string): number {
  return model.ids.get(token) ?? model.ids.get(UNK)!;
}

/** A sentence padded as NLTK's `pad_both_ends(sentence, n=order)`. */
export function padded<T>(sentence: readonly T[], order: number, start: T, end: T): T[] {
  const pads = order - 1;
  return [...Array<T>(pads).fill(start), ...sentence, ...Array<T>(pads).fill(end)];
}

function checkOptions(options: ModelOptions): void {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(options.order) || options.order < 2 || options.order > 8)
    issues.push({ path: 'order', message: 'must be a whole number from 2 to 8' });
  if (!(options.discount >= 0 && options.discount <= 1))
    issues.push({ path: 'discount', message: 'must be a number from 0 to 1' });
  if (!Number.isInteger(options.unkCutoff) || options.unkCutoff < 1)
    issues.push({ path: 'unkCutoff', message: 'must be a whole number of at least 1' });
  if (issues.length > 0) throw modelError(issues);
}

const modelError = (issues: FieldIssue[]) =>
  new AppError(
    'lm_model_invalid',
    'technical',
    `language model: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );

/** The vocabulary: the given words, or the words seen `unkCutoff` times, and the symbols. */
function vocabularyOf(sentences: readonly (readonly string[])[], options: ModelOptions): string[] {
  const words = new Set<string>([UNK, START, END]);
  if (options.vocabulary) {
    for (const word of options.vocabulary) words.add(word);
    return [...words];
  }
  const seen = new Map<string, number>();
  for (const sentence of sentences)
    for (const word of sentence) seen.set(word, (seen.get(word) ?? 0) + 1);
  for (const [word, count] of seen) if (count >= options.unkCutoff) words.add(word);
  return [...words];
}

/**
 * Trains a model on sentences already split into tokens (tokens.ts `sentencesOf`
 * for text). Pure: the same sentences and options give the same model.
 */
export function trainTokens(
  sentences: readonly (readonly string[])[],
  options: Partial<ModelOptions> = {},
): KneserNeyModel {
  const full = { ...DEFAULT_MODEL_OPTIONS, ...options };
  checkOptions(full);
  const vocab = vocabularyOf(sentences, full);
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const unk = ids.get(UNK)!;
  const ngrams = Array.from({ length: full.order - 1 }, () => new Map<string, number>());
  const startId = ids.get(START)!;
  const endId = ids.get(END)!;
  for (const sentence of sentences) {
    const seq = padded(
      sentence.map((w) => ids.get(w) ?? unk),
      full.order,
      startId,
      endId,
    );
    for (let k = 2; k <= full.order; k++) {
      const counts = ngrams[k - 2]!;
      for (let i = 0; i + k <= seq.length; i++) {
        const key = keyOf(seq.slice(i, i + k));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const trainingTokens = sentences.reduce((n, sentence) => n + sentence.length, 0);
  return derive(full.order, full.discount, vocab, ngrams, trainingTokens);
}

/** Builds the scoring tables from raw counts (training, and loading a saved model). */
function derive(
  order: number,
  discount: number,
  vocab: readonly string[],
  ngrams: readonly Map<string, number>[],
  trainingTokens: number,
): KneserNeyModel {
  const levels = Array.from({ length: order - 1 }, () => new Map<string, ContextStats>());
  const statsOf = (L: number, ctx: readonly number[]) => {
    const level = levels[L - 1]!;
    const key = keyOf(ctx);
    let stats = level.get(key);
    if (!stats) {
      stats = { followers: new Map(), total: 0, distinct: 0 };
      level.set(key, stats);
    }
    return stats;
  };
  // Highest order: raw counts.
  for (const [key, count] of ngrams[order - 2]!) {
    const gram = idsOf(key);
    const stats = statsOf(order - 1, gram.slice(0, -1));
    stats.followers.set(gram.at(-1)!, count);
    stats.total += count;
    stats.distinct += 1;
  }
  // Lower orders: gamma's N1+(ctx •) from the raw (L+1)-grams, the rest from (L+2)-gram types.
  for (let L = 1; L <= order - 2; L++) {
    for (const key of ngrams[L - 1]!.keys()) statsOf(L, idsOf(key).slice(0, -1)).distinct += 1;
    for (const key of ngrams[L]!.keys()) {
      const gram = idsOf(key);
      const stats = statsOf(L, gram.slice(1, -1));
      const word = gram.at(-1)!;
      stats.followers.set(word, (stats.followers.get(word) ?? 0) + 1);
      stats.total += 1;
    }
  }
  // Unigrams: continuation counts over bigram types.
  const continuations = new Float64Array(vocab.length);
  const bigramTypes = ngrams[0]!.size;
  for (const key of ngrams[0]!.keys()) continuations[idsOf(key)[1]!]! += 1;
  // A model trained on nothing has no bigram: every probability 0, not 0 / 0.
  const unigram = continuations.map((n) => (bigramTypes === 0 ? 0 : n / bigramTypes));
  return {
    order,
    discount,
    vocab,
    ids: new Map(vocab.map((token, id) => [token, id])),
    levels,
    unigram,
    ngrams,
    trainingTokens,
  };
}

/** The stats of the context's suffixes of 1 … order − 1 words (undefined: never seen). */
export function contextStats(
  model: KneserNeyModel,
  context: readonly number[],
): (ContextStats | undefined)[] {
  const stats: (ContextStats | undefined)[] = [];
  const longest = Math.min(context.length, model.order - 1);
  for (let L = 1; L <= longest; L++)
    stats.push(model.levels[L - 1]!.get(keyOf(context.slice(context.length - L))));
  return stats;
}

/**
 * The interpolation from the unigram probability `unigram` up through the context's
 * stats (`contextStats`, shortest first) for `word`; `NO_WORD` follows nothing, so
 * only the gammas apply to it.
 */
function interpolate(
  model: KneserNeyModel,
  stats: readonly (ContextStats | undefined)[],
  word: number,
  unigram: number,
): number {
  const D = model.discount;
  let p = unigram;
  for (const s of stats) {
    // A context never seen, or (never, given padding) one no longer gram passes through.
    if (!s || s.total === 0) continue;
    p = Math.max((s.followers.get(word) ?? 0) - D, 0) / s.total + ((D * s.distinct) / s.total) * p;
  }
  return p;
}

/** An id no word has: no follower map holds it. */
const NO_WORD = Number.NaN;

/** P(word | context) from the context's stats (`contextStats`). */
export function probabilityIn(
  model: KneserNeyModel,
  stats: readonly (ContextStats | undefined)[],
  word: number,
): number {
  return interpolate(model, stats, word, model.unigram[word]!);
}

/**
 * P(w | context) of a word that follows no suffix of the context, from its unigram
 * probability: computed as probabilityIn computes it (the same rounding, so equal to
 * probabilityIn for such a word, bit for bit), with every alpha 0.
 */
export function unigramShare(
  model: KneserNeyModel,
  stats: readonly (ContextStats | undefined)[],
  unigram: number,
): number {
  return interpolate(model, stats, NO_WORD, unigram);
}

/**
 * NLTK's `model.score(word, context)`: the probability of a word after the given
 * context words (the last order − 1 of them count), every word looked up in the
 * vocabulary first (so an unknown word scores as `<UNK>`).
 */
export function wordScore(
  model: KneserNeyModel,
  word: string,
  context: readonly string[] = [],
): number {
  const ids = context.map((w) => idOf(model, w));
  return probabilityIn(model, contextStats(model, ids), idOf(model, word));
}

/** The serialized form: the counts, flat, and what is needed to derive the rest. */
export interface SavedModel {
  format: 'tipwire.kneser-ney';
  version: 1;
  order: number;
  discount: number;
  trainingTokens: number;
  vocab: string[];
  /** `ngrams[k - 2]`, k = 2 … order: each k-gram as k ids then its count, one after another. */
  ngrams: number[][];
}

export function saveModel(model: KneserNeyModel): SavedModel {
  return {
    format: 'tipwire.kneser-ney',
    version: 1,
    order: model.order,
    discount: model.discount,
    trainingTokens: model.trainingTokens,
    vocab: [...model.vocab],
    ngrams: model.ngrams.map((counts) =>
      [...counts].flatMap(([key, count]) => [...idsOf(key), count]),
    ),
  };
}

/** A saved model (parsed JSON) back to a model; a malformed one is refused, naming the field. */
export function loadModel(saved: unknown): KneserNeyModel {
  const s = saved as Partial<SavedModel> | null;
  const bad = (path: string, message: string) => modelError([{ path, message }]);
  if (s === null || typeof s !== 'object') throw bad('', 'must be an object');
  if (s.format !== 'tipwire.kneser-ney' || s.version !== 1)
    throw bad('format', 'must be tipwire.kneser-ney version 1');
  const order = s.order!;
  checkOptions({ order, discount: s.discount!, unkCutoff: 1 });
  const trainingTokens = s.trainingTokens!;
  if (!Number.isSafeInteger(trainingTokens) || trainingTokens < 0)
    throw bad('trainingTokens', 'must be a whole number of at least 0');
  const vocab = s.vocab;
  if (!Array.isArray(vocab) || !vocab.every((w) => typeof w === 'string'))
    throw bad('vocab', 'must be a list of strings');
  if (new Set(vocab).size !== vocab.length) throw bad('vocab', 'must not repeat a word');
  for (const symbol of [UNK, START, END])
    if (!vocab.includes(symbol)) throw bad('vocab', `must hold ${symbol}`);
  if (!Array.isArray(s.ngrams) || s.ngrams.length !== order - 1)
    throw bad('ngrams', `must hold one list per order 2 … ${order}`);
  const ngrams = s.ngrams.map((flat, i) => {
    const k = i + 2;
    const where = `ngrams.${i}`;
    if (!Array.isArray(flat) || flat.length % (k + 1) !== 0)
      throw bad(where, `must hold ${k} ids and a count per ${k}-gram`);
    const counts = new Map<string, number>();
    for (let at = 0; at < flat.length; at += k + 1) {
      const gram = flat.slice(at, at + k);
      const count = flat[at + k]!;
      if (!gram.every((id) => Number.isInteger(id) && id >= 0 && id < vocab.length))
        throw bad(where, `ids must be positions in vocab (at ${at})`);
      if (!Number.isInteger(count) || count < 1)
        throw bad(where, `counts must be whole numbers of at least 1 (at ${at + k})`);
      const key = keyOf(gram);
      if (counts.has(key)) throw bad(where, `repeats a ${k}-gram (at ${at})`);
      counts.set(key, count);
    }
    return counts;
  });
  return derive(order, s.discount!, vocab, ngrams, trainingTokens);
}
