import { describe, expect, it } from 'vitest';
import { createSearchTokenizer, tokensOf } from './search-tokenizer.js';

const key = Buffer.alloc(32, 7);
const tokenizer = (cacheTerms: number) =>
  createSearchTokenizer({
    indexKey: key,
    settings: { inlineMaxChars: 10_000, maxTerms: 10_000, workers: 1, maxQueued: 1, cacheTerms },
    workerScript: () => {
      throw new Error('no worker in this test');
    },
  });
const hex = (tokens: Buffer[]) => tokens.map((t) => t.toString('hex'));

describe('search tokenizer with a term cache (bulk import)', () => {
  const texts = [
    'drones over the depot',
    'a drone over the north gate',
    '一架无人机在北门后面坠落',
    'the depot again, drones again',
  ];

  it.each([0, 1, 2, 3, 100])('gives the same tokens as without it (cache of %i terms)', (size) => {
    const cached = tokenizer(size);
    // Twice through: the second pass reads what the first one cached.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) {
        expect(hex(cached.tokensNow(text))).toEqual(hex(tokensOf(text, key, 10_000)));
      }
    }
  });

  it('keys the cached tokens by the index key: another key gives other tokens', () => {
    const other = createSearchTokenizer({
      indexKey: Buffer.alloc(32, 8),
      settings: {
        inlineMaxChars: 10_000,
        maxTerms: 10_000,
        workers: 1,
        maxQueued: 1,
        cacheTerms: 100,
      },
      workerScript: () => new URL('file:///nowhere'),
    });
    expect(hex(other.tokensNow('drone'))).not.toEqual(hex(tokenizer(100).tokensNow('drone')));
  });
});
