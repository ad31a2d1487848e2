import { describe, expect, it } from 'vitest';
import { analyzeText, trainModel, type TextAnalysisSettings } from './text-analysis.js';
import { storedObservables } from './new-report.js';
import { score } from '../verify/lm/text-model.js';
import { observableToken } from '../runtime.js';

const SETTINGS: TextAnalysisSettings = {
  lmOrder: 3,
  lmDiscount: 0.75,
  maxTokens: 5000,
  rankWork: 200_000,
  observablesMaxChars: 100_000,
};
const model = trainModel([], SETTINGS);

describe('analyzeText', () => {
  it('scores the narrative with the model it is given, and says which model', () => {
    const a = analyzeText(model, 'I saw a drone fly over the north gate.', null, SETTINGS);
    expect(a.score).toMatchObject({ language: 'en', tokens: 9, unknownTokens: 0 });
    expect(a.score!.model).toEqual({ order: 3, trainingTokens: model.trainingTokens });
    expect(a.score!.perplexity).toBeGreaterThan(1);
    expect(a.score!.ranks).toEqual(
      score(model, 'I saw a drone fly over the north gate.', { maxTokens: 5000, rankWork: 200_000 })
        .ranks,
    );
    expect(a.score!.ranks.ranked).toBeGreaterThan(0);
    // The model has the shape the settings give.
    const bigram = trainModel([], { lmOrder: 2, lmDiscount: 0.5 });
    expect([bigram.order, bigram.discount]).toEqual([2, 0.5]);
    const bigger = trainModel(['zebra crates'], SETTINGS);
    expect(analyzeText(bigger, 'zebra', null, SETTINGS).score!.model.trainingTokens).toBe(
      model.trainingTokens + 2,
    );
  });

  it('gives no score to a text without a word', () => {
    expect(analyzeText(model, '… !!! —', null, SETTINGS).score).toBeNull();
  });

  it('reads at most maxTokens tokens for the score', () => {
    const text = 'the van was parked here. '.repeat(50);
    expect(analyzeText(model, text, null, { ...SETTINGS, maxTokens: 12 }).score!.tokens).toBe(12);
    expect(analyzeText(model, text, null, { ...SETTINGS, maxTokens: 13 }).score!.tokens).toBe(13);
  });

  it('takes observables from the narrative, then the who/what, each (type, value) once', () => {
    const a = analyzeText(
      model,
      'From 198.51.100.7 and evil[.]example[.]com, then 198.51.100.7 again.',
      'admin at 198.51.100.7, mail x@evil.example.com',
      SETTINGS,
    );
    expect(a.observables).toEqual([
      { type: 'ipv4', value: '198.51.100.7' },
      { type: 'domain', value: 'evil.example.com' },
      { type: 'email', value: 'x@evil.example.com' },
    ]);
    // The who/what is not scored: the score is the narrative's alone.
    expect(a.score!.tokens).toBe(
      analyzeText(
        model,
        'From 198.51.100.7 and evil[.]example[.]com, then 198.51.100.7 again.',
        null,
        SETTINGS,
      ).score!.tokens,
    );
  });

  it('reads national phone numbers only with a default region', () => {
    const text = 'He called from 138 0013 8000 twice.';
    expect(analyzeText(model, text, null, SETTINGS).observables).toEqual([]);
    expect(
      analyzeText(model, text, null, { ...SETTINGS, defaultPhoneRegion: 'CN' }).observables,
    ).toEqual([{ type: 'phone', value: '+8613800138000' }]);
  });

  it('reads at most observablesMaxChars characters for observables', () => {
    const text = 'seen at 198.51.100.7';
    expect(
      analyzeText(model, text, null, { ...SETTINGS, observablesMaxChars: 8 + 13 }).observables,
    ).toHaveLength(1);
    expect(
      analyzeText(model, text, null, { ...SETTINGS, observablesMaxChars: 8 + 11 }).observables,
    ).toEqual([]);
  });
});

describe('storedObservables', () => {
  const protection = {
    pseudonymsOf: (e164: string) => ({ current: `ps1_${e164.slice(-4)}`, previous: null }),
    observableToken: (type: string, value: string) => `${type}|${value}`,
  };

  it('keeps a phone number only as its caller pseudonym, and tokens the pseudonym', () => {
    expect(storedObservables([{ type: 'phone', value: '+8613800138000' }], protection)).toEqual([
      { type: 'phone', value: 'ps1_8000', token: 'phone|ps1_8000' },
    ]);
  });

  it('keeps other values as found, one per token', () => {
    expect(
      storedObservables(
        [
          { type: 'ipv4', value: '198.51.100.7' },
          { type: 'phone', value: '+8613800138000' },
          { type: 'phone', value: '+8613900138000' },
        ],
        protection,
      ),
    ).toEqual([
      { type: 'ipv4', value: '198.51.100.7', token: 'ipv4|198.51.100.7' },
      { type: 'phone', value: 'ps1_8000', token: 'phone|ps1_8000' },
    ]);
  });
});

describe('observableToken', () => {
  const key = Buffer.alloc(32, 7);
  it('is 128 bits of hex, the same for one (type, value) and key, different otherwise', () => {
    const t = observableToken(key, 'ipv4', '198.51.100.7');
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(observableToken(key, 'ipv4', '198.51.100.7')).toBe(t);
    expect(observableToken(key, 'domain', '198.51.100.7')).not.toBe(t);
    expect(observableToken(key, 'ipv4', '198.51.100.8')).not.toBe(t);
    expect(observableToken(Buffer.alloc(32, 8), 'ipv4', '198.51.100.7')).not.toBe(t);
    // Types never hold a NUL (a fixed list): the type ends where the value begins.
    expect(observableToken(key, 'md5', '5ab')).not.toBe(observableToken(key, 'md', '55ab'));
  });
});
