import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { END, START, UNK, trainTokens, wordScore, type KneserNeyModel } from './kneser-ney.js';
import {
  MIN_PROBABILITY,
  rankBucket,
  rankCost,
  scoreSentences,
  scoreText,
  tokenRank,
  type ScoreLimits,
} from './perplexity.js';

const UNLIMITED: ScoreLimits = { maxTokens: 100_000, rankWork: Number.MAX_SAFE_INTEGER };

/** NLTK's test model (kneser-ney.test.ts): trigram, discount 0.75. */
const nltkModel = () =>
  trainTokens(
    [
      ['a', 'b', 'c', 'd'],
      ['e', 'g', 'a', 'd', 'b', 'e'],
    ],
    { order: 3, discount: 0.75, vocabulary: ['a', 'b', 'c', 'd', 'z', '<s>', '</s>'] },
  );

/** A seeded corpus over `size` words, Zipf-like: word i drawn with weight 1 / (i + 1). */
function zipfCorpus(size: number, sentences: number, seed: number): string[][] {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const weights = Array.from({ length: size }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = () => {
    let r = random() * total;
    for (let i = 0; i < size; i++) if ((r -= weights[i]!) <= 0) return `w${i}`;
    return `w${size - 1}`;
  };
  return Array.from({ length: sentences }, () =>
    Array.from({ length: 3 + Math.floor(random() * 8) }, draw),
  );
}

/** The rank by brute force: every word but <s>, scored by NLTK's formula. */
function bruteRank(model: KneserNeyModel, context: string[], word: string): number {
  const p = wordScore(model, word, context);
  return model.vocab.filter((w) => w !== START && wordScore(model, w, context) > p).length + 1;
}

describe('perplexity', () => {
  it('is 2 ** the mean −log2 P of each word and the first </s>, as NLTK computes it', () => {
    const model = nltkModel();
    const probabilities = [
      wordScore(model, 'a', [START, START]),
      wordScore(model, 'c', [START, 'a']),
      wordScore(model, 'd', ['a', 'c']),
      wordScore(model, END, ['c', 'd']),
    ];
    const entropy = -probabilities.reduce((acc, p) => acc + Math.log2(p), 0) / 4;
    const score = scoreSentences(model, [['a', 'c', 'd']], UNLIMITED);
    expect(score.predictions).toBe(4);
    expect(score.entropy).toBeCloseTo(entropy, 12);
    expect(score.perplexity).toBeCloseTo(2 ** entropy, 10);
  });

  it('averages over every sentence of a text', () => {
    const model = nltkModel();
    const one = scoreSentences(model, [['a', 'b']], UNLIMITED);
    const two = scoreSentences(model, [['c', 'd']], UNLIMITED);
    const both = scoreSentences(
      model,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      UNLIMITED,
    );
    expect(both.predictions).toBe(6);
    expect(both.sentences).toBe(2);
    expect(both.entropy).toBeCloseTo((one.entropy * 3 + two.entropy * 3) / 6, 12);
  });

  it('is lower for a sentence the model was trained on than for the same words shuffled', () => {
    const corpus = zipfCorpus(200, 400, 7);
    const model = trainTokens(corpus);
    const seen = corpus[0]!;
    const shuffled = [...seen].reverse();
    expect(scoreSentences(model, [seen], UNLIMITED).perplexity).toBeLessThan(
      scoreSentences(model, [shuffled], UNLIMITED).perplexity,
    );
  });

  it('leaves unknown words out of the mean, but keeps them in the context as <UNK>', () => {
    const model = nltkModel();
    const score = scoreSentences(model, [['a', 'never-seen', 'd']], UNLIMITED);
    expect(score.unknownTokens).toBe(1);
    expect(score.predictions).toBe(3);
    const probabilities = [
      wordScore(model, 'a', [START, START]),
      wordScore(model, 'd', ['a', '<UNK>']),
      wordScore(model, END, ['<UNK>', 'd']),
    ];
    const entropy = -probabilities.reduce((acc, p) => acc + Math.log2(p), 0) / 3;
    expect(score.entropy).toBeCloseTo(entropy, 12);
    expect(score.ranks.ranked).toBe(2);
  });

  it('counts a known word of probability 0 as MIN_PROBABILITY, so the perplexity stays finite', () => {
    const model = nltkModel(); // z is in the vocabulary, never seen in training
    expect(wordScore(model, 'z', [START, START])).toBe(0);
    const score = scoreSentences(model, [['z']], UNLIMITED);
    expect(score.unknownTokens).toBe(0);
    expect(Number.isFinite(score.perplexity)).toBe(true);
    const end = wordScore(model, END, [START, 'z']);
    const expected = -(Math.log2(MIN_PROBABILITY) + Math.log2(end)) / 2;
    expect(score.entropy).toBeCloseTo(expected, 12);
  });

  it('is 1 for a text without tokens, with nothing predicted', () => {
    const score = scoreText(nltkModel(), ' … ', UNLIMITED);
    expect(score).toMatchObject({ tokens: 0, predictions: 0, entropy: 0, perplexity: 1 });
    expect(score.ranks).toEqual({ ranked: 0, top10: 0, top100: 0, top1000: 0, beyond: 0 });
  });

  it('reads only the first maxTokens tokens', () => {
    const model = nltkModel();
    const score = scoreSentences(
      model,
      [
        ['a', 'b', 'c'],
        ['d', 'a'],
        ['b', 'c'],
      ],
      { ...UNLIMITED, maxTokens: 4 },
    );
    expect(score.tokens).toBe(4);
    expect(score.sentences).toBe(2);
    const cut = scoreSentences(model, [['a', 'b', 'c'], ['d']], UNLIMITED);
    expect(score.entropy).toBe(cut.entropy);
  });

  it('tells the language and counts unknown words', () => {
    const model = trainTokens([
      ['无', '人', '机'],
      ['无', '人', '机'],
    ]);
    const score = scoreText(model, '无人机在 gate 附近', UNLIMITED);
    expect(score.language).toBe('zh');
    expect(score.tokens).toBe(7); // 无 人 机 在 gate 附 近
    expect(score.unknownTokens).toBe(4);
    expect(scoreText(model, 'the drone 机', UNLIMITED).language).toBe('en');
  });
});

describe('GLTR ranks', () => {
  const corpus = zipfCorpus(3000, 8000, 42);
  const model = trainTokens(corpus);
  const words = model.vocab.filter((w) => w !== START);

  it('ranks a token as the brute-force count of more probable words, plus one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...words, START),
        fc.constantFrom(...words, START),
        fc.constantFrom(...words, 'never-seen'),
        (u, v, w) => {
          const context = [u, v];
          expect(tokenRank(model, context, w)).toBe(bruteRank(model, context, w));
        },
      ),
      { seed: 11, numRuns: 60 },
    );
  });

  it('never counts <s> as a more probable word, even where its unigram share is large', () => {
    // In NLTK's small model <s> has 1/14 of the unigram mass (the bigram <s> <s>), more
    // than z (0) and about as much as c: ranking it would push both down.
    const small = nltkModel();
    for (const context of [
      [START, START],
      ['a', 'b'],
      ['z', 'b'],
      ['never', 'seen'],
    ])
      for (const w of small.vocab.filter((v) => v !== START))
        expect(tokenRank(small, context, w), `${w} after ${context.join(' ')}`).toBe(
          bruteRank(small, context, w),
        );
    expect(tokenRank(small, ['never', 'seen'], 'z')).toBe(7); // all but <s> and z itself
  });

  it('ranks a word seen in a context above the words never seen there', () => {
    const [u, v, w] = corpus[0]!;
    expect(tokenRank(model, [u!, v!], w!)).toBeLessThan(bruteRank(model, [u!, v!], 'w1499'));
  });

  it('puts each token in the bucket of its rank: ≤ 10, ≤ 100, ≤ 1000, beyond', () => {
    // Three training sentences, four new ones, and the six words of least unigram probability.
    const rarest = words
      .filter((w) => w !== UNK && w !== END)
      .sort((a, b) => wordScore(model, a) - wordScore(model, b))
      .slice(0, 6);
    const text = [...corpus.slice(0, 3), ...zipfCorpus(3000, 4, 99), [...rarest, 'never-seen']];
    const expected = { ranked: 0, top10: 0, top100: 0, top1000: 0, beyond: 0 };
    for (const sentence of text) {
      const seq = [START, START, ...sentence];
      for (let i = 2; i < seq.length; i++) {
        if (!model.ids.has(seq[i]!)) continue; // unknown: not ranked
        const rank = bruteRank(model, seq.slice(i - 2, i), seq[i]!);
        expected.ranked += 1;
        if (rank <= 10) expected.top10 += 1;
        else if (rank <= 100) expected.top100 += 1;
        else if (rank <= 1000) expected.top1000 += 1;
        else expected.beyond += 1;
      }
    }
    const score = scoreSentences(model, text, UNLIMITED);
    expect(score.ranks).toEqual(expected);
    expect(score.unknownTokens).toBeGreaterThan(0); // and unknown words were left out
    // The sample reaches all four buckets, so each boundary is exercised.
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
  });

  it('puts ranks 10, 11, 100, 101, 1000 and 1001 in their buckets', () => {
    expect([1, 10, 11, 100, 101, 1000, 1001, 50_000].map(rankBucket)).toEqual([
      'top10',
      'top10',
      'top100',
      'top100',
      'top1000',
      'top1000',
      'beyond',
      'beyond',
    ]);
  });

  it('stops ranking when the work budget is spent, and says how many tokens it ranked', () => {
    const sentence = corpus[1]!;
    const first = rankCost(model, [START, START]);
    const second = rankCost(model, [START, sentence[0]!]);
    const ranked = (rankWork: number) =>
      scoreSentences(model, [sentence], { ...UNLIMITED, rankWork }).ranks.ranked;
    expect(ranked(0)).toBe(0);
    expect(ranked(first - 1)).toBe(0);
    expect(ranked(first)).toBe(1);
    expect(ranked(first + second - 1)).toBe(1);
    expect(ranked(first + second)).toBe(2);
    expect(ranked(Number.MAX_SAFE_INTEGER)).toBe(sentence.length);
    // The perplexity does not depend on the budget.
    expect(scoreSentences(model, [sentence], { ...UNLIMITED, rankWork: 0 }).perplexity).toBe(
      scoreSentences(model, [sentence], UNLIMITED).perplexity,
    );
  });

  it('costs one unit per follower of the context, plus one', () => {
    const small = nltkModel();
    // After <s> <s>: a and <UNK> follow (top); <s> is no candidate.
    expect(rankCost(small, [START, START])).toBe(3);
  });
});
