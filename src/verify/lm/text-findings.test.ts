import { describe, expect, it } from 'vitest';
import { FLAG } from '../../domain/flags.js';
import type { TextScore } from './perplexity.js';
import {
  isJudgeable,
  perplexityFindings,
  type ModelFacts,
  type PerplexitySettings,
} from './text-findings.js';

const SETTINGS: PerplexitySettings = {
  highPerplexity: 85,
  lowPerplexity: 10,
  minTokens: 20,
  minKnownShare: 0.7,
  minTrainingTokens: 50_000,
};
const MODEL: ModelFacts = { order: 3, trainingTokens: 60_000 };

function makeScore(overrides: Partial<TextScore> = {}): TextScore {
  return {
    language: 'en',
    sentences: 3,
    tokens: 40,
    unknownTokens: 4,
    predictions: 39,
    entropy: Math.log2(50),
    perplexity: 50,
    ranks: { ranked: 36, top10: 18, top100: 9, top1000: 6, beyond: 3 },
    ...overrides,
  };
}

const codes = (score: TextScore, model = MODEL, settings = SETTINGS) =>
  perplexityFindings(score, model, settings).map((f) => f.code);

describe('perplexity findings', () => {
  it('flags a perplexity above the high setting, not one equal to it', () => {
    expect(codes(makeScore({ perplexity: 85.01 }))).toEqual([FLAG.text.high_perplexity]);
    expect(codes(makeScore({ perplexity: 85 }))).toEqual([]);
  });

  it('flags a perplexity below the low setting, not one equal to it', () => {
    expect(codes(makeScore({ perplexity: 9.99 }))).toEqual([FLAG.text.low_perplexity]);
    expect(codes(makeScore({ perplexity: 10 }))).toEqual([]);
  });

  it('gives nothing in between', () => {
    expect(codes(makeScore({ perplexity: 50 }))).toEqual([]);
  });

  it('gives nothing while the model has seen fewer tokens than minTrainingTokens', () => {
    const score = makeScore({ perplexity: 500 });
    expect(codes(score, { order: 3, trainingTokens: 49_999 })).toEqual([]);
    expect(codes(score, { order: 3, trainingTokens: 50_000 })).toEqual([FLAG.text.high_perplexity]);
  });

  it('gives nothing for fewer known tokens than minTokens', () => {
    const score = (tokens: number) =>
      makeScore({ perplexity: 500, tokens, unknownTokens: 2, ranks: makeScore().ranks });
    expect(codes(score(21))).toEqual([]); // 19 known
    expect(codes(score(22))).toEqual([FLAG.text.high_perplexity]); // 20 known
  });

  it('gives nothing when the model knows less than minKnownShare of the text', () => {
    // 100 tokens: 70 known is enough, 69 is not.
    expect(codes(makeScore({ perplexity: 500, tokens: 100, unknownTokens: 30 }))).toEqual([
      FLAG.text.high_perplexity,
    ]);
    expect(codes(makeScore({ perplexity: 500, tokens: 100, unknownTokens: 31 }))).toEqual([]);
  });

  it('says both ways that it is a weak signal, with the number and the limit', () => {
    for (const [perplexity, limit] of [
      [123.45, '85'],
      [4.04, '10'],
    ] as const) {
      const [finding] = perplexityFindings(makeScore({ perplexity }), MODEL, SETTINGS);
      const shown = String(Math.round(perplexity * 10) / 10);
      expect(finding!.message.en).toContain('weak signal');
      expect(finding!.message.zh).toContain('弱信号');
      for (const text of [finding!.message.en, finding!.message.zh]) {
        expect(text).toContain(shown);
        expect(text).toContain(limit);
        expect(text).toContain('50'); // 18 of 36 ranked in the top 10
      }
      expect(finding!.severity).toBe('notice');
    }
  });

  it('gives numbers and codes as evidence, never text', () => {
    const [finding] = perplexityFindings(makeScore({ perplexity: 123.456 }), MODEL, SETTINGS);
    expect(finding!.evidence).toEqual({
      perplexity: 123.5,
      limit: 85,
      language: 'en',
      tokens: 40,
      unknownTokens: 4,
      ranks: { ranked: 36, top10: 0.5, top100: 0.25, top1000: 0.167, beyond: 0.083 },
      model: { order: 3, trainingTokens: 60_000 },
    });
  });

  it('gives rank shares of 0 when no token was ranked', () => {
    const ranks = { ranked: 0, top10: 0, top100: 0, top1000: 0, beyond: 0 };
    const [finding] = perplexityFindings(makeScore({ perplexity: 3, ranks }), MODEL, SETTINGS);
    expect(finding!.evidence.ranks).toEqual(ranks);
    expect(finding!.message.en).toContain('0 %');
  });

  it('tells whether a score can be judged at all', () => {
    expect(isJudgeable(makeScore(), MODEL, SETTINGS)).toBe(true);
    expect(isJudgeable(makeScore(), { order: 3, trainingTokens: 10 }, SETTINGS)).toBe(false);
  });
});
