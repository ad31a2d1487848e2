/**
 * The perplexity check: the language model's score of the report's text, made at
 * intake in the text worker while the text was in the clear (intake/text-analyzer.ts),
 * judged against the settings (text-findings.ts): `text.high_perplexity` or
 * `text.low_perplexity`, each saying it is a weak signal. The heavy part (scoring) has
 * run by then; judging the numbers is cheap. No score (a report stored before F8's text
 * model, or one the worker could not take): the check does not apply.
 */
import { FLAG } from '../../domain/flags.js';
import type { Check } from '../check.js';
import { perplexityFindings } from './text-findings.js';

export const perplexityCheck: Check = {
  name: 'text-perplexity',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.text.high_perplexity, FLAG.text.low_perplexity],
  appliesTo: (subject) => subject.textScore !== null,
  run(subject, { settings }) {
    const score = subject.textScore;
    return score ? perplexityFindings(score, score.model, settings.perplexity) : [];
  },
};
