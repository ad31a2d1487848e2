/**
 * What intake reads from a report's text in the text worker (text.worker.ts), while it
 * is in the clear: the language model's score of the narrative (verify/lm) and the
 * observables of the narrative and who/what (verify/observables). Pure over the model
 * it is given: the worker holds the model and swaps it when it is trained again.
 */
import type { ModelFacts, ObservableType, TextScoreFacts } from '../domain/text.js';
import { score, trainWithBundled, type KneserNeyModel } from '../verify/lm/text-model.js';
import type { ScoreLimits } from '../verify/lm/perplexity.js';
import { extractObservables } from '../verify/observables/extract.js';

export interface TextAnalysisSettings {
  /** The language model's shape (TIPWIRE_TEXT_LM_ORDER, TIPWIRE_TEXT_LM_DISCOUNT). */
  lmOrder: number;
  lmDiscount: number;
  /** Work bounds of one text (TIPWIRE_TEXT_LM_MAX_TOKENS, TIPWIRE_TEXT_LM_RANK_WORK). */
  maxTokens: number;
  rankWork: number;
  /** Characters read for observables (TIPWIRE_OBSERVABLES_MAX_CHARS). */
  observablesMaxChars: number;
  /** Region of national phone numbers (TIPWIRE_DEFAULT_PHONE_REGION). */
  defaultPhoneRegion?: string;
}

/** An observable as found: a phone's value is still the number (intake pseudonymizes it). */
export interface FoundObservable {
  type: ObservableType;
  value: string;
}

export interface TextAnalysis {
  /** Null for a narrative without a word or character to score. */
  score: TextScoreFacts | null;
  /** Distinct (type, value) pairs in order of first appearance, narrative first. */
  observables: FoundObservable[];
}

export const modelFactsOf = (model: KneserNeyModel): ModelFacts => ({
  order: model.order,
  trainingTokens: model.trainingTokens,
});

/** The model of the bundled corpus and these texts, in the shape the settings give. */
export function trainModel(
  texts: readonly string[],
  settings: Pick<TextAnalysisSettings, 'lmOrder' | 'lmDiscount'>,
): KneserNeyModel {
  return trainWithBundled(texts, { order: settings.lmOrder, discount: settings.lmDiscount });
}

export function analyzeText(
  model: KneserNeyModel,
  narrative: string,
  subjects: string | null,
  settings: TextAnalysisSettings,
): TextAnalysis {
  const limits: ScoreLimits = { maxTokens: settings.maxTokens, rankWork: settings.rankWork };
  const s = score(model, narrative, limits);
  const options = {
    maxChars: settings.observablesMaxChars,
    ...(settings.defaultPhoneRegion ? { defaultPhoneRegion: settings.defaultPhoneRegion } : {}),
  };
  const seen = new Set<string>();
  const observables: FoundObservable[] = [];
  for (const text of subjects ? [narrative, subjects] : [narrative]) {
    for (const { type, value } of extractObservables(text, options)) {
      const key = `${type}\u0000${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      observables.push({ type, value });
    }
  }
  return {
    score:
      s.tokens === 0
        ? null
        : {
            language: s.language,
            tokens: s.tokens,
            unknownTokens: s.unknownTokens,
            perplexity: s.perplexity,
            ranks: { ...s.ranks },
            model: modelFactsOf(model),
          },
    observables,
  };
}
