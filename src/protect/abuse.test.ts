import { describe, expect, it } from 'vitest';
import { REPEAT_DIALER_FLAG, repeatDialerCalls } from './abuse.js';

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

  it('flags a call exactly 10 minutes after the one before, not one a millisecond later', () => {
    const at = (ms: number, id: string) => ({ id, receivedAt: ms });
    const run = [at(0, 'c1'), at(MIN, 'c2'), at(2 * MIN, 'c3')];
    expect(repeatDialerCalls([...run, at(12 * MIN, 'c4')], rule)).toEqual(new Set(['c4']));
    expect(repeatDialerCalls([...run, at(12 * MIN + 1, 'c4')], rule)).toEqual(new Set());
  });

  it('orders by time, not by id', () => {
    // Ids that sort the other way round from the times.
    const byTime = [0, 5, 9, 15].map((m, i) => ({ id: `z${9 - i}`, receivedAt: m * MIN }));
    expect(repeatDialerCalls(byTime, rule)).toEqual(new Set(['z6']));
    expect(repeatDialerCalls([...byTime].reverse(), rule)).toEqual(new Set(['z6']));
  });

  it('orders calls at the same moment by id, so the same call is flagged whatever the input order', () => {
    const first = calls(0, 5);
    const tied = [
      { id: 'c3-a', receivedAt: 9 * MIN },
      { id: 'c3-b', receivedAt: 9 * MIN },
      { id: 'c3-c', receivedAt: 9 * MIN },
    ];
    const orders = [tied, [...tied].reverse(), [tied[1]!, tied[2]!, tied[0]!]];
    for (const order of orders) {
      expect(repeatDialerCalls([...first, ...order], rule)).toEqual(new Set(['c3-b', 'c3-c']));
    }
  });

  it('names its finding with the stable code abuse.repeat_dialer', () => {
    expect(REPEAT_DIALER_FLAG).toBe('abuse.repeat_dialer');
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
