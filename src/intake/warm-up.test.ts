import { describe, expect, it } from 'vitest';
import { warmUpLongTexts, warmUpText } from './warm-up.js';

describe('warmUpText', () => {
  it('is exactly the units asked, of Han, emoji and ASCII words', () => {
    for (const units of [1, 2, 99, 100_000]) expect(warmUpText(units)).toHaveLength(units);
    const text = warmUpText(1000);
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text).toMatch(/\p{Extended_Pictographic}/u);
    expect(text).toMatch(/ w\d+ /);
  });
});

describe('warmUpLongTexts', () => {
  it('seals and tokenizes one made-up text of the size given', async () => {
    const seen: { sealed: number[]; tokenized: number[] } = { sealed: [], tokenized: [] };
    await warmUpLongTexts(
      {
        textSketchKey: Buffer.alloc(32, 1),
        searchTokens: (text) => {
          seen.tokenized.push(text.length);
          return Promise.resolve([]);
        },
        vault: {
          sealReport: (_id: string, narrative: string) => {
            seen.sealed.push(narrative.length);
            return {} as never;
          },
        } as never,
      },
      5000,
    );
    expect(seen).toEqual({ sealed: [5000], tokenized: [5000] });
  });
});
