import { describe, expect, it } from 'vitest';
import type { TextScoreFacts } from '../../domain/text.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../check.fixtures.js';
import { perplexityCheck } from './perplexity.check.js';

const score = (perplexity: number, trainingTokens = 60_000): TextScoreFacts => ({
  language: 'en',
  tokens: 40,
  unknownTokens: 0,
  perplexity,
  ranks: { ranked: 40, top10: 20, top100: 10, top1000: 5, beyond: 5 },
  model: { order: 3, trainingTokens },
});
const run = (s: TextScoreFacts | null, settings = TEST_CHECK_SETTINGS) =>
  perplexityCheck.run(emptySubject({ textScore: s }), { settings });

describe('the text-perplexity check', () => {
  it('applies only to a report with a score', () => {
    expect(perplexityCheck.appliesTo(emptySubject())).toBe(false);
    expect(perplexityCheck.appliesTo(emptySubject({ textScore: score(50) }))).toBe(true);
    expect(run(null)).toEqual([]);
  });

  it('judges the stored score against the settings it is given', () => {
    expect(run(score(85.01)).map((f) => f.code)).toEqual(['text.high_perplexity']);
    expect(run(score(85))).toEqual([]);
    expect(run(score(9.99)).map((f) => f.code)).toEqual(['text.low_perplexity']);
    const stricter = {
      ...TEST_CHECK_SETTINGS,
      perplexity: { ...TEST_CHECK_SETTINGS.perplexity, highPerplexity: 50 },
    };
    expect(run(score(60), stricter).map((f) => f.code)).toEqual(['text.high_perplexity']);
  });

  it('uses the model facts stored with the score (too little training: nothing)', () => {
    expect(run(score(200, 50_000))).toHaveLength(1);
    expect(run(score(200, 49_999))).toEqual([]);
    expect(run(score(200, 60_000))[0]!.evidence.model).toEqual({
      order: 3,
      trainingTokens: 60_000,
    });
  });

  it('declares the codes it emits', () => {
    expect([...perplexityCheck.codes].sort()).toEqual([
      'text.high_perplexity',
      'text.low_perplexity',
    ]);
    expect(perplexityCheck.cost).toBe('cheap');
  });
});
