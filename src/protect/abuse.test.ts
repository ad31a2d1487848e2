import { describe, expect, it } from 'vitest';
import { repeatDialerCalls } from './abuse.js';

const MIN = 60_000;
const rule = { maxCallsInRow: 3, windowMs: 10 * MIN };
const calls = (...minutes: number[]) =>
  minutes.map((m, i) => ({ id: `c${i + 1}`, receivedAt: m * MIN }));

describe('repeatDialerCalls', () => {
  it('lets three calls in a row pass', () => {
    expect(repeatDialerCalls(calls(0, 5, 9), rule)).toEqual(new Set());
  });

  it('flags the fourth call within 10 minutes of the third, and the later ones', () => {
    expect(repeatDialerCalls(calls(0, 5, 9, 15, 20), rule)).toEqual(new Set(['c4', 'c5']));
  });

  it('does not flag a fourth call that comes after a longer gap', () => {
    expect(repeatDialerCalls(calls(0, 5, 9, 20), rule)).toEqual(new Set());
  });

  it('starts counting again after a gap', () => {
    expect(repeatDialerCalls(calls(0, 1, 2, 30, 31, 32, 33), rule)).toEqual(new Set(['c7']));
  });

  it('judges by time, whatever order the calls come in', () => {
    const shuffled = calls(0, 5, 9, 15).reverse();
    expect(repeatDialerCalls(shuffled, rule)).toEqual(new Set(['c4']));
  });

  it('takes its thresholds from the rule', () => {
    expect(repeatDialerCalls(calls(0, 1, 2), { maxCallsInRow: 1, windowMs: MIN })).toEqual(
      new Set(['c2', 'c3']),
    );
    expect(repeatDialerCalls(calls(0, 5, 9, 15), { ...rule, windowMs: 5 * MIN })).toEqual(
      new Set(),
    );
  });
});
