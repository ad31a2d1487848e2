/**
 * The text model as the rest of tipwire uses it: `train(texts)` over plain texts (the
 * bundled corpus and accepted reports), `score(model, text)`, and the model as JSON
 * for the server to load. Pure: no file, no clock, no store.
 */
import { CORPUS_EN, CORPUS_ZH } from './data/corpus.js';
import { trainTokens, type KneserNeyModel, type ModelOptions } from './kneser-ney.js';
import { scoreText, type ScoreLimits, type TextScore } from './perplexity.js';
import { sentencesOf } from './tokens.js';

export { loadModel, saveModel, type KneserNeyModel, type SavedModel } from './kneser-ney.js';
export type { ScoreLimits, TextScore } from './perplexity.js';

/** The bundled training text (data/corpus.ts), English then Chinese. */
export const BUNDLED_TEXTS: readonly string[] = [...CORPUS_EN, ...CORPUS_ZH];

/** Trains a model on texts, each split into sentences and tokens (tokens.ts). */
export function train(
  texts: readonly string[],
  options: Partial<ModelOptions> = {},
): KneserNeyModel {
  return trainTokens(texts.flatMap(sentencesOf), options);
}

/** The model of the bundled corpus and, after it, the given texts (accepted reports). */
export function trainWithBundled(
  texts: readonly string[],
  options: Partial<ModelOptions> = {},
): KneserNeyModel {
  return train([...BUNDLED_TEXTS, ...texts], options);
}

/** A text's perplexity and rank buckets (perplexity.ts). */
export function score(model: KneserNeyModel, text: string, limits: ScoreLimits): TextScore {
  return scoreText(model, text, limits);
}
