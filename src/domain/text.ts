/**
 * What intake reads from a report's text while it is in the clear, besides the counts
 * of TextFacts: the language model's score (verify/lm: numbers, never words) and the
 * observables (verify/observables: indicators written in it, stored sealed, matched by
 * keyed tokens).
 */

/** The language model a score was made with: its order and how much text it was trained on. */
export interface ModelFacts {
  order: number;
  trainingTokens: number;
}

/** A text's perplexity and GLTR rank buckets under the model of the day (verify/lm/perplexity.ts). */
export interface TextScoreFacts {
  /** `zh` when at least half the tokens are Han characters. */
  language: 'en' | 'zh';
  /** Words and Han characters read. */
  tokens: number;
  /** Tokens outside the model's vocabulary. */
  unknownTokens: number;
  perplexity: number;
  ranks: { ranked: number; top10: number; top100: number; top1000: number; beyond: number };
  model: ModelFacts;
}

/** The kinds of observable, in the order a longer match of equal length wins (verify/observables). */
export const OBSERVABLE_TYPES = [
  'url',
  'email',
  'cidr',
  'ipv4',
  'ipv6',
  'eth',
  'btc',
  'sha256',
  'sha1',
  'md5',
  'domain',
  'plate',
  'phone',
] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/**
 * An observable as stored and shown: its type and normalized value (a phone number's
 * value is its caller pseudonym, as F2 makes for callers: never the number), and its
 * keyed token, the same in every report that names it.
 */
export interface ReportObservable {
  type: ObservableType;
  value: string;
  token: string;
}
