import { describe, expect, it } from 'vitest';
import { detailPairs } from './History.js';
import { idsOf } from './ReworkActions.js';

describe('idsOf', () => {
  it('reads ids separated by spaces, commas or semicolons, each once', () => {
    expect(idsOf(' i_a, i_b;i_c  i_a ')).toEqual(['i_a', 'i_b', 'i_c']);
    expect(idsOf('   ')).toEqual([]);
  });
});

describe('detailPairs', () => {
  it('writes ids, lists and nothing as text', () => {
    expect(
      detailPairs({ from: 'i_1', reportIds: ['r_1', 'r_2'], to: null, n: 2, x: { a: 1 } }),
    ).toEqual([
      ['from', 'i_1'],
      ['reportIds', 'r_1, r_2'],
      ['to', '—'],
      ['n', '2'],
      ['x', '{"a":1}'],
    ]);
  });
});
