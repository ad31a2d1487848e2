import { describe, expect, it } from 'vitest';
import { REPEAT_DIALER_FLAG } from './abuse.js';
import { decideScreening, type ScreenedCall } from './screen-decision.js';

const MIN = 60_000;
const rule = { maxCallsInRow: 3, windowMs: 10 * MIN };

/** Calls `gapMinutes` apart, none flagged yet. */
const calls = (count: number, gapMs = MIN, flags: string[] = []): ScreenedCall[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r_${i}`, receivedAt: i * gapMs, flags }));

describe('decideScreening', () => {
  it('flags nothing at the limit of calls in a row, and the one past it', () => {
    expect(decideScreening(calls(3), rule)).toEqual([]);
    expect(decideScreening(calls(4), rule)).toEqual([
      { id: 'r_3', abuseFlags: [REPEAT_DIALER_FLAG], queue: 'abuse' },
    ]);
  });

  it('counts calls as in a row up to the window, not a millisecond past it', () => {
    expect(decideScreening(calls(4, 10 * MIN), rule)).toHaveLength(1);
    expect(decideScreening(calls(4, 10 * MIN + 1), rule)).toEqual([]);
  });

  it('unflags a call whose verdict changed, back to the analysts', () => {
    const history = calls(3, MIN, [REPEAT_DIALER_FLAG]);
    expect(decideScreening(history, rule).map((c) => [c.id, c.abuseFlags, c.queue])).toEqual([
      ['r_0', [], 'analyst'],
      ['r_1', [], 'analyst'],
      ['r_2', [], 'analyst'],
    ]);
  });

  it('leaves calls whose verdict did not change alone', () => {
    const history = calls(4);
    history[3] = { ...history[3]!, flags: [REPEAT_DIALER_FLAG] };
    expect(decideScreening(history, rule)).toEqual([]);
  });
});
