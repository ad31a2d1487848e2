import { describe, expect, it } from 'vitest';
import { FLAG } from '../../domain/flags.js';
import { defaultsOf } from '../../domain/settings.js';
import { TEXT_SETTINGS } from '../settings.js';
import { CORPUS_EN, CORPUS_ZH } from './data/corpus.js';
import { trainTokens, wordScore } from './kneser-ney.js';
import { perplexityFindings } from './text-findings.js';
import {
  BUNDLED_TEXTS,
  loadModel,
  saveModel,
  score,
  train,
  trainWithBundled,
  type ScoreLimits,
} from './text-model.js';
import { sentencesOf } from './tokens.js';

const SETTINGS = defaultsOf(TEXT_SETTINGS);
const LIMITS: ScoreLimits = { maxTokens: SETTINGS.maxTokens, rankWork: SETTINGS.rankWork };

describe('the text model', () => {
  it('trains on texts as on their sentences of tokens', () => {
    const texts = ['A drone fell. It broke!', '无人机掉了。'];
    const a = train(texts);
    const b = trainTokens(texts.flatMap(sentencesOf));
    expect(saveModel(a)).toEqual(saveModel(b));
  });

  it('bundles both corpora, about 3,200 tokens (TIPWIRE_TEXT_LM_MIN_TRAINING_TOKENS says so)', () => {
    expect(BUNDLED_TEXTS).toEqual([...CORPUS_EN, ...CORPUS_ZH]);
    expect(CORPUS_EN.length).toBeGreaterThan(100);
    expect(CORPUS_ZH.length).toBeGreaterThan(100);
    const model = trainWithBundled([]);
    expect(model.trainingTokens).toBeGreaterThan(3000);
    expect(model.trainingTokens).toBeLessThan(3500);
    expect(TEXT_SETTINGS.minTrainingTokens.description).toContain('about 3,200');
  });

  it('scores a sentence of the corpus as far more predictable than a new one', () => {
    const model = trainWithBundled([]);
    const seen = score(model, CORPUS_EN[0]!, LIMITS);
    const unseen = score(model, 'My landlord rents rooms to twenty workers in one flat.', LIMITS);
    expect(seen.perplexity).toBeLessThan(10);
    expect(unseen.perplexity).toBeGreaterThan(seen.perplexity * 5);
  });

  it('loads from its JSON as the same model', () => {
    const model = trainWithBundled(['An accepted report about a drone.']);
    const loaded = loadModel(JSON.parse(JSON.stringify(saveModel(model))));
    const text = `${CORPUS_EN[5]} ${CORPUS_ZH[7]}`;
    expect(score(loaded, text, LIMITS)).toEqual(score(model, text, LIMITS));
    expect(wordScore(loaded, 'drone', ['a'])).toBe(wordScore(model, 'drone', ['a']));
  });

  it('gives no finding with the bundled corpus alone, at the default settings', () => {
    const model = trainWithBundled([]);
    const text = CORPUS_EN.slice(0, 5).join(' ');
    const s = score(model, text, LIMITS);
    expect(s.perplexity).toBeLessThan(SETTINGS.lowPerplexity);
    expect(perplexityFindings(s, model, SETTINGS)).toEqual([]);
  });

  it('finds a report copied from accepted ones predictable once the model has seen enough', () => {
    const accepted = Array.from(
      { length: 40 },
      (_, i) =>
        `Report ${i}: I saw a white van with no plates parked by the north gate of the depot for over an hour, and two men were taking photos of the fence.`,
    );
    const model = trainWithBundled(accepted);
    const settings = { ...SETTINGS, minTrainingTokens: model.trainingTokens };
    const copied = score(model, accepted[0]!, LIMITS);
    expect(perplexityFindings(copied, model, settings).map((f) => f.code)).toEqual([
      FLAG.text.low_perplexity,
    ]);
    const unusual = score(
      model,
      'Purple elephants negotiated quietly with the harbour master about tomorrow’s unexpected shipment of violins and umbrellas, while seagulls argued loudly over breakfast.',
      LIMITS,
    );
    expect(unusual.tokens - unusual.unknownTokens).toBeLessThan(settings.minTokens);
    expect(perplexityFindings(unusual, model, settings)).toEqual([]);
    // Known words in an order nobody writes: every token known, perplexity high.
    const salad = CORPUS_EN.slice(10, 14)
      .map((sentence) =>
        sentence
          .replace(/[.!?]$/, '')
          .split(' ')
          .reverse()
          .join(' '),
      )
      .join('. ');
    const shuffled = score(model, salad, LIMITS);
    expect(shuffled.unknownTokens).toBe(0);
    expect(perplexityFindings(shuffled, model, settings).map((f) => f.code)).toEqual([
      FLAG.text.high_perplexity,
    ]);
  });
});
