import { describe, expect, it } from 'vitest';
import { debounce, type Timers } from './debounce.js';

/** Timers on a clock the test moves. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      due.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [h, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        due.delete(h);
        t.fn();
      }
    }
  };
  return { timers, advance, scheduled: () => due.size };
}

describe('debounce', () => {
  it('calls once, the wait after the last call of a burst, with its arguments', () => {
    const { timers, advance } = fakeTimers();
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 250, timers);
    d(1);
    advance(200);
    d(2);
    advance(200);
    d(3);
    advance(249);
    expect(calls).toEqual([]);
    advance(1);
    expect(calls).toEqual([3]);
  });

  it('calls again for a later burst', () => {
    const { timers, advance } = fakeTimers();
    const calls: string[] = [];
    const d = debounce((s: string) => calls.push(s), 100, timers);
    d('a');
    advance(100);
    d('b');
    advance(100);
    expect(calls).toEqual(['a', 'b']);
  });

  it('keeps one timer however many calls come', () => {
    const { timers, scheduled } = fakeTimers();
    const d = debounce(() => undefined, 100, timers);
    for (let i = 0; i < 50; i++) d();
    expect(scheduled()).toBe(1);
    expect(d.pending).toBe(true);
  });

  it('drops a pending call on cancel', () => {
    const { timers, advance } = fakeTimers();
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 100, timers);
    d(1);
    d.cancel();
    advance(1000);
    expect(calls).toEqual([]);
    expect(d.pending).toBe(false);
  });

  it('makes a pending call at once on flush, and only once', () => {
    const { timers, advance } = fakeTimers();
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 100, timers);
    d(7);
    d.flush();
    expect(calls).toEqual([7]);
    advance(1000);
    d.flush();
    expect(calls).toEqual([7]);
  });

  it('treats a negative wait as none', () => {
    const { timers, advance } = fakeTimers();
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), -5, timers);
    d(1);
    advance(0);
    expect(calls).toEqual([1]);
  });
});
