import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import {
  END,
  START,
  UNK,
  loadModel,
  padded,
  saveModel,
  trainTokens,
  wordScore,
  type KneserNeyModel,
} from './kneser-ney.js';

/**
 * NLTK's own unit test of `KneserNeyInterpolated` (nltk/test/unit/lm/test_models.py,
 * NLTK 3.8, 2023): the vocabulary a b c d z <s> </s> (unk_cutoff 1, so <UNK> is the
 * eighth word), trained on "abcd" and "egadbe" (e and g are <UNK>), every case of the
 * trigram score test with discount 0.75 and of the bigram model's sums to 1 (NLTK's
 * default discount, 0.1). Expected values are NLTK's expressions, written as NLTK does.
 */
const VOCABULARY = ['a', 'b', 'c', 'd', 'z', '<s>', '</s>'];
const TRAINING = [
  ['a', 'b', 'c', 'd'],
  ['e', 'g', 'a', 'd', 'b', 'e'],
];
const nltkTrigram = () =>
  trainTokens(TRAINING, { order: 3, discount: 0.75, vocabulary: VOCABULARY });
const nltkBigram = () => trainTokens(TRAINING, { order: 2, discount: 0.1, vocabulary: VOCABULARY });

/** The error a call throws (it must throw an AppError). */
function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    // Not rethrown as is: a thrown undefined would not fail the test.
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a refusal');
}

/** pytest.approx(x, 1e-4): relative tolerance. */
const approx = (actual: number, expected: number, rel = 1e-4) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-12);

describe('NLTK test_kneserney_trigram_score (discount 0.75)', () => {
  const cases: [string, string[] | null, number][] = [
    // P(c) = count('*c') / unique('**') = 1 / 14
    ['c', null, 1.0 / 14],
    // 'z' is in the vocabulary but never seen
    ['z', null, 0.0 / 14],
    // out of vocabulary: P(y) = P(<UNK>) = count('*<UNK>') / unique('**')
    ['y', null, 3 / 14],
    // P(c|b) = alpha('bc') + gamma('b') · P(c) = (1 − 0.75)/2 + (0.75 · 2)/2 · 1/14
    ['c', ['b'], 0.125 + 0.75 * (1 / 14)],
    // P(c|ab) = alpha('abc') + gamma('ab') · P(c|b)
    ['c', ['a', 'b'], 0.25 + 0.75 * (0.125 + 0.75 * (1 / 14))],
    // 'zbc' was never seen: P(c|zb) = P(c|b) (NLTK issue #2332)
    ['c', ['z', 'b'], 0.125 + 0.75 * (1 / 14)],
  ];
  for (const [word, context, expected] of cases) {
    it(`P(${word} | ${context?.join(' ') ?? '—'}) = ${expected.toFixed(6)}`, () => {
      approx(wordScore(nltkTrigram(), word, context ?? []), expected);
    });
  }
});

describe('NLTK test_sums_to_1 (kneserney_bigram_model, default discount 0.1)', () => {
  for (const context of ['a', 'c', '<s>', 'b', '<UNK>', 'd', 'e', 'r', 'w']) {
    it(`sums to 1 over the vocabulary after ${context}`, () => {
      const model = nltkBigram();
      const sum = model.vocab.reduce((acc, w) => acc + wordScore(model, w, [context]), 0);
      approx(sum, 1, 1e-7);
    });
  }
});

describe('the model beyond NLTK’s cases', () => {
  it('counts NLTK’s vocabulary: the seven given words and <UNK>', () => {
    expect([...nltkTrigram().vocab].sort()).toEqual([...VOCABULARY, UNK].sort());
  });

  it('keeps the words seen unkCutoff times, and how many tokens it was trained on', () => {
    const sentences = [['a', 'b', 'a'], ['c']];
    expect([...trainTokens(sentences, { unkCutoff: 2 }).vocab].sort()).toEqual(
      [END, START, UNK, 'a'].sort(),
    );
    expect([...trainTokens(sentences, { unkCutoff: 1 }).vocab].sort()).toEqual(
      [END, START, UNK, 'a', 'b', 'c'].sort(),
    );
    expect(trainTokens(sentences).vocab).toHaveLength(6); // the default cutoff is 1
    expect(trainTokens(sentences).trainingTokens).toBe(4);
  });

  it('pads as pad_both_ends: order − 1 symbols on each side', () => {
    expect(padded(['a'], 3, START, END)).toEqual([START, START, 'a', END, END]);
    expect(padded([], 2, START, END)).toEqual([START, END]);
  });

  const threeSentences = () =>
    trainTokens(
      [
        ['the', 'drone', 'fell', 'behind', 'the', 'gate'],
        ['a', 'drone', 'flew', 'over', 'the', 'gate'],
        ['the', 'car', 'stopped', 'at', 'the', 'gate'],
      ],
      { unkCutoff: 1 },
    );
  const sumAfter = (model: KneserNeyModel, context: string[]) =>
    model.vocab.reduce((acc, w) => acc + wordScore(model, w, context), 0);

  it('sums to 1 after a context that does not end in <s>, in a trigram model', () => {
    const model = threeSentences();
    for (const context of [
      [START, 'the'],
      ['the', 'drone'],
      ['the', 'gate'],
      ['over', 'the'],
      ['never', 'seen'],
      ['drone'],
    ])
      approx(sumAfter(model, context), 1, 1e-12);
  });

  it('exceeds 1 by D² / sentences after <s> <s>, as NLTK does (its gamma counts <s> <s>)', () => {
    // NLTK's lower-order gamma takes N1+(<s> •) from the raw bigrams, which hold <s> <s>,
    // while no trigram continues <s> <s> with <s>: the sentence's first word alone
    // gets D² / (number of sentences) too much, kept to agree with NLTK.
    approx(sumAfter(threeSentences(), [START, START]), 1 + 0.75 ** 2 / 3, 1e-12);
  });

  it('gives an unknown word the probability of <UNK>, which words seen once train', () => {
    const model = trainTokens(
      [
        ['a', 'b', 'rare'],
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ],
      { unkCutoff: 2 },
    );
    expect(model.ids.has('rare')).toBe(false);
    expect(wordScore(model, 'never-seen', ['a', 'b'])).toBeGreaterThan(0);
    expect(wordScore(model, 'never-seen', ['a', 'b'])).toBe(wordScore(model, UNK, ['a', 'b']));
    expect(wordScore(model, 'c', ['a', 'b'])).toBeGreaterThan(wordScore(model, UNK, ['a', 'b']));
  });

  it('uses only the last order − 1 words of a longer context', () => {
    const model = nltkTrigram();
    expect(wordScore(model, 'c', ['d', 'a', 'b'])).toBe(wordScore(model, 'c', ['a', 'b']));
  });

  it('refuses an order below 2, a discount outside [0, 1] and a cutoff below 1, naming each', () => {
    const message = (options: Parameters<typeof trainTokens>[1]) =>
      refusal(() => trainTokens(TRAINING, options)).message;
    expect(message({ order: 1 })).toBe('language model: order: must be a whole number from 2 to 8');
    expect(message({ order: 2.5 })).toMatch(/^language model: order:/);
    expect(message({ order: 9 })).toMatch(/^language model: order:/);
    expect(message({ discount: -0.1 })).toBe(
      'language model: discount: must be a number from 0 to 1',
    );
    expect(message({ discount: 1.1 })).toMatch(/^language model: discount:/);
    expect(message({ discount: Number.NaN })).toMatch(/^language model: discount:/);
    expect(message({ unkCutoff: 0 })).toBe(
      'language model: unkCutoff: must be a whole number of at least 1',
    );
    expect(message({ order: 1, discount: 2 })).toBe(
      'language model: order: must be a whole number from 2 to 8; discount: must be a number from 0 to 1',
    );
    expect(() => trainTokens(TRAINING, { order: 8, discount: 0, unkCutoff: 1 })).not.toThrow();
    expect(() => trainTokens(TRAINING, { order: 2, discount: 1 })).not.toThrow();
  });

  it('keeps one level of contexts per context length, 1 … order − 1', () => {
    expect(trainTokens(TRAINING, { order: 2 }).levels).toHaveLength(1);
    expect(trainTokens(TRAINING, { order: 4 }).levels).toHaveLength(3);
  });

  it('sums to 1 after contexts not ending in <s> at order 4 too', () => {
    const model = trainTokens(
      [
        ['the', 'drone', 'fell', 'behind', 'the', 'gate'],
        ['a', 'drone', 'fell', 'over', 'the', 'gate'],
        ['the', 'drone', 'fell', 'at', 'the', 'gate', 'again'],
      ],
      { order: 4 },
    );
    for (const context of [
      [START, 'the', 'drone'],
      ['the', 'drone', 'fell'],
      ['drone', 'fell', 'over'],
      ['x', 'the', 'gate'],
      ['fell'],
    ])
      approx(sumAfter(model, context), 1, 1e-12);
  });

  it('scores every word 0 when trained on nothing, and a word without context by its unigram', () => {
    const empty = trainTokens([]);
    expect(wordScore(empty, 'a')).toBe(0);
    expect(wordScore(empty, 'a', ['b', 'c'])).toBe(0);
    expect(wordScore(nltkTrigram(), 'c')).toBe(1 / 14);
  });

  it('passes a context no longer gram goes through straight down (alpha 0, gamma 1)', () => {
    // A bigram a b with no trigram through it: the context (a) has a follower in the raw
    // bigrams but no continuation; P(b | <s> a) is then P(b), not 0 / 0.
    const saved = {
      ...saveModel(nltkTrigram()),
      vocab: [UNK, START, END, 'a', 'b'],
      trainingTokens: 2,
      ngrams: [[3, 4, 1], []],
    };
    const model = loadModel(saved);
    expect(wordScore(model, 'b')).toBe(1);
    expect(wordScore(model, 'b', [START, 'a'])).toBe(1);
  });
});

describe('saving and loading a model', () => {
  const roundTrip = (model: KneserNeyModel) =>
    loadModel(JSON.parse(JSON.stringify(saveModel(model))));

  it('gives back a model that scores every word as the original', () => {
    const model = nltkTrigram();
    const loaded = roundTrip(model);
    for (const w of [...VOCABULARY, 'y'])
      for (const ctx of [[], ['b'], ['a', 'b'], ['z', 'b'], [START, START]])
        expect(wordScore(loaded, w, ctx)).toBe(wordScore(model, w, ctx));
    expect(loaded.order).toBe(3);
    expect(loaded.discount).toBe(0.75);
    expect(loaded.trainingTokens).toBe(10);
  });

  it('keeps counts of k = 2 … order only, k ids and a count each', () => {
    const saved = saveModel(nltkTrigram());
    expect(saved.ngrams).toHaveLength(2);
    expect(saved.ngrams[0]!.length % 3).toBe(0);
    expect(saved.ngrams[1]!.length % 4).toBe(0);
    // 14 bigram types (NLTK's unique('**')).
    expect(saved.ngrams[0]!.length / 3).toBe(14);
  });

  it('refuses a malformed model, naming what is wrong', () => {
    const good = saveModel(nltkTrigram());
    const broken = (change: Record<string, unknown>) => ({ ...good, ...change });
    const message = (saved: unknown) =>
      refusal(() => loadModel(saved)).message.replace('language model: ', '');
    expect(message(null)).toBe(': must be an object');
    expect(message('model')).toBe(': must be an object');
    expect(message(42)).toBe(': must be an object');
    expect(message(broken({ format: 'other' }))).toBe(
      'format: must be tipwire.kneser-ney version 1',
    );
    expect(message(broken({ version: 2 }))).toBe('format: must be tipwire.kneser-ney version 1');
    expect(message(broken({ order: 1 }))).toBe('order: must be a whole number from 2 to 8');
    expect(message(broken({ discount: 2 }))).toBe('discount: must be a number from 0 to 1');
    expect(message(broken({ trainingTokens: -1 }))).toBe(
      'trainingTokens: must be a whole number of at least 0',
    );
    expect(message(broken({ trainingTokens: 1.5 }))).toMatch(/^trainingTokens/);
    expect(loadModel(broken({ trainingTokens: 0 })).trainingTokens).toBe(0);
    expect(message(broken({ vocab: 'abc' }))).toBe('vocab: must be a list of strings');
    expect(message(broken({ vocab: [...good.vocab, 1] }))).toBe('vocab: must be a list of strings');
    expect(message(broken({ vocab: [...good.vocab, 'a'] }))).toBe('vocab: must not repeat a word');
    expect(message(broken({ vocab: good.vocab.filter((w) => w !== UNK) }))).toBe(
      'vocab: must hold <UNK>',
    );
    expect(message(broken({ ngrams: [good.ngrams[0]] }))).toBe(
      'ngrams: must hold one list per order 2 … 3',
    );
    expect(message(broken({ ngrams: 'x' }))).toBe('ngrams: must hold one list per order 2 … 3');
    expect(message(broken({ ngrams: [good.ngrams[0], [0, 1]] }))).toBe(
      'ngrams.1: must hold 3 ids and a count per 3-gram',
    );
    expect(message(broken({ ngrams: ['x', good.ngrams[1]] }))).toBe(
      'ngrams.0: must hold 2 ids and a count per 2-gram',
    );
    const size = good.vocab.length;
    for (const id of [-1, 1.5, size, 999])
      expect(message(broken({ ngrams: [[0, 1, 1, 0, id, 1], good.ngrams[1]] })), `id ${id}`).toBe(
        'ngrams.0: ids must be positions in vocab (at 3)',
      );
    expect(loadModel(broken({ ngrams: [[0, size - 1, 1], []] })).ngrams[0]!.size).toBe(1);
    expect(message(broken({ ngrams: [[0, 1, 1, 0, 2, 0], good.ngrams[1]] }))).toBe(
      'ngrams.0: counts must be whole numbers of at least 1 (at 5)',
    );
    expect(message(broken({ ngrams: [[0, 1, 1.5], good.ngrams[1]] }))).toMatch(/counts must be/);
    expect(message(broken({ ngrams: [[0, 1, 1, 0, 1, 2], good.ngrams[1]] }))).toBe(
      'ngrams.0: repeats a 2-gram (at 3)',
    );
  });

  it('refuses with an AppError of its own code, a technical one', () => {
    const error = refusal(() => loadModel(null));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('lm_model_invalid');
    expect(error.kind).toBe('technical');
    expect(error.issues).toEqual([{ path: '', message: 'must be an object' }]);
  });
});
