import { describe, expect, it } from 'vitest';
import { axisFor, placeOn, spanOf, ticksFor, type Span } from './timeline-layout.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-20T13:00:00Z');

describe('spanOf', () => {
  it('reads an ISO interval, in order', () => {
    expect(spanOf('2026-11-20T13:00:00Z', '2026-11-20T13:10:00Z')).toEqual({
      from: T0,
      to: T0 + 10 * MINUTE,
    });
    expect(spanOf('2026-11-20T13:10:00Z', '2026-11-20T13:00:00Z')).toEqual({
      from: T0,
      to: T0 + 10 * MINUTE,
    });
  });
  it('is null when a bound is missing or not a time', () => {
    expect(spanOf(null, '2026-11-20T13:00:00Z')).toBeNull();
    expect(spanOf('2026-11-20T13:00:00Z', undefined)).toBeNull();
    expect(spanOf('', '')).toBeNull();
    expect(spanOf('yesterday', '2026-11-20T13:00:00Z')).toBeNull();
  });
});

describe('axisFor', () => {
  it('is null with no interval to show', () => {
    expect(axisFor([])).toBeNull();
    expect(axisFor([{ from: NaN, to: T0 }])).toBeNull();
  });
  it('centres a lone instant in a window of the narrowest span', () => {
    expect(axisFor([{ from: T0, to: T0 }], { minSpanMs: 30 * MINUTE })).toEqual({
      from: T0 - 15 * MINUTE,
      to: T0 + 15 * MINUTE,
    });
  });
  it('widens intervals narrower than the narrowest span around their middle', () => {
    const axis = axisFor(
      [
        { from: T0, to: T0 + 2 * MINUTE },
        { from: T0 + 8 * MINUTE, to: T0 + 10 * MINUTE },
      ],
      { minSpanMs: 30 * MINUTE },
    );
    expect(axis).toEqual({
      from: T0 + 5 * MINUTE - 15 * MINUTE,
      to: T0 + 5 * MINUTE + 15 * MINUTE,
    });
  });
  it('covers every interval with a margin on each side', () => {
    const spans: Span[] = [
      { from: T0, to: T0 + HOUR },
      { from: T0 + 3 * HOUR, to: T0 + 4 * HOUR },
    ];
    const axis = axisFor(spans, { padShare: 0.1 })!;
    expect(axis.from).toBe(T0 - 0.4 * HOUR);
    expect(axis.to).toBe(T0 + 4.4 * HOUR);
  });
  it('skips intervals that are not times and reads reversed ones', () => {
    const axis = axisFor(
      [
        { from: T0 + 2 * HOUR, to: T0 },
        { from: Infinity, to: T0 + 100 * DAY },
      ],
      { padShare: 0 },
    );
    expect(axis).toEqual({ from: T0, to: T0 + 2 * HOUR });
  });
});

describe('placeOn', () => {
  const axis = { from: T0, to: T0 + 10 * HOUR };
  it('places an interval as fractions of the axis', () => {
    const p = placeOn({ from: T0 + 2 * HOUR, to: T0 + 5 * HOUR }, axis);
    expect(p.x).toBeCloseTo(0.2, 12);
    expect(p.width).toBeCloseTo(0.3, 12);
    expect(p.widened).toBe(false);
  });
  it('gives an instant the smallest width, centred on it', () => {
    const p = placeOn({ from: T0 + 5 * HOUR, to: T0 + 5 * HOUR }, axis, 0.01);
    expect(p.widened).toBe(true);
    expect(p.width).toBe(0.01);
    expect(p.x).toBeCloseTo(0.495, 12);
  });
  it('keeps a widened instant inside the axis at either edge', () => {
    expect(placeOn({ from: T0, to: T0 }, axis, 0.01)).toEqual({ x: 0, width: 0.01, widened: true });
    const right = placeOn({ from: axis.to, to: axis.to }, axis, 0.01);
    expect(right.x + right.width).toBeCloseTo(1, 12);
    expect(right.x).toBeCloseTo(0.99, 12);
  });
  it('clamps an interval that runs past the axis', () => {
    expect(placeOn({ from: T0 - DAY, to: T0 + DAY }, axis)).toEqual({
      x: 0,
      width: 1,
      widened: false,
    });
  });
  it('an interval exactly the smallest width is not widened', () => {
    const p = placeOn({ from: T0, to: T0 + HOUR }, axis, 0.1);
    expect(p).toEqual({ x: 0, width: 0.1, widened: false });
  });
});

describe('ticksFor', () => {
  it('gives no tick for an empty or broken axis', () => {
    expect(ticksFor({ from: T0, to: T0 })).toEqual([]);
    expect(ticksFor({ from: T0 + 1, to: T0 })).toEqual([]);
    expect(ticksFor({ from: T0, to: Infinity })).toEqual([]);
    expect(ticksFor({ from: T0, to: T0 + HOUR }, 0)).toEqual([]);
  });
  it('takes the smallest round step that gives at most `most` ticks, at its multiples', () => {
    const ticks = ticksFor({ from: T0 - 7 * MINUTE, to: T0 + 22 * MINUTE }, 6);
    expect(ticks).toEqual([
      T0 - 5 * MINUTE,
      T0,
      T0 + 5 * MINUTE,
      T0 + 10 * MINUTE,
      T0 + 15 * MINUTE,
      T0 + 20 * MINUTE,
    ]);
  });
  it('moves to the next step when the multiples would be one too many', () => {
    // 0:00 … 5:00 holds six hour marks: with at most five, three-hour steps.
    const day = Date.parse('2026-11-20T00:00:00Z');
    expect(ticksFor({ from: day, to: day + 5 * HOUR }, 6)).toHaveLength(6);
    expect(ticksFor({ from: day, to: day + 5 * HOUR }, 5)).toEqual([day, day + 3 * HOUR]);
  });
  it('every tick lies inside the axis', () => {
    const axis = { from: T0 + 1234, to: T0 + 3 * DAY + 999 };
    const ticks = ticksFor(axis, 4);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThanOrEqual(4);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(axis.from);
      expect(t).toBeLessThanOrEqual(axis.to);
    }
  });
  it('steps in whole years beyond the round steps', () => {
    const year = 365 * DAY;
    const ticks = ticksFor({ from: 0, to: 40 * year }, 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.length).toBeGreaterThan(1);
    const step = ticks[1]! - ticks[0]!;
    expect(step % year).toBe(0);
  });
  it('a tick at most once for an axis shorter than a minute', () => {
    expect(ticksFor({ from: T0 - 10_000, to: T0 + 10_000 }, 6)).toEqual([T0]);
    expect(ticksFor({ from: T0 + 1, to: T0 + 10_000 }, 6)).toEqual([]);
  });
});
