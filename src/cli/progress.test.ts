import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatProgress } from './progress.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.4, '59s'],
    [59.5, '1m00s'],
    [60, '1m00s'],
    [3599, '59m59s'],
    [3600, '1h00m'],
    [3661, '1h01m'],
    [-3, '0s'],
  ])('%s s → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('formatProgress', () => {
  const base = { label: 'import', unit: 'lines', elapsedMs: 4000 };

  it('draws a bar, the share, the count, the rate and the time left', () => {
    expect(formatProgress({ ...base, done: 12_000, fraction: 0.25 }, true)).toBe(
      'import [######------------------] 25% 12,000 lines 3,000 lines/s ETA 12s',
    );
  });

  it('leaves the bar out of a plain line', () => {
    expect(formatProgress({ ...base, done: 12_000, fraction: 0.25 }, false)).toBe(
      'import 25% 12,000 lines 3,000 lines/s ETA 12s',
    );
  });

  it('gives the elapsed time instead of an ETA without a total, at 0 and at 1', () => {
    expect(formatProgress({ ...base, done: 500, fraction: null }, true)).toBe(
      'import 500 lines 125 lines/s 4s elapsed',
    );
    expect(formatProgress({ ...base, done: 0, fraction: 0 }, false)).toBe(
      'import 0% 0 lines 0 lines/s 4s elapsed',
    );
    expect(formatProgress({ ...base, done: 9, fraction: 1 }, false)).toMatch(/100% .* 4s elapsed$/);
  });

  it('ends with its note when there is one (an import’s new versions)', () => {
    expect(
      formatProgress({ ...base, done: 12_000, fraction: 0.25, note: '3 updated' }, false),
    ).toBe('import 25% 12,000 lines 3,000 lines/s ETA 12s, 3 updated');
    expect(formatProgress({ ...base, done: 12_000, fraction: 0.25, note: null }, false)).toBe(
      'import 25% 12,000 lines 3,000 lines/s ETA 12s',
    );
  });

  it('clamps a share past the end (bytes read ahead of the lines parsed)', () => {
    expect(formatProgress({ ...base, done: 1, fraction: 1.2 }, true)).toContain(
      `[${'#'.repeat(24)}] 100%`,
    );
  });
});

describe('createProgress', () => {
  function harness(isTTY: boolean) {
    let now = 0;
    const written: string[] = [];
    const progress = createProgress('pipeline', 'reports', {
      out: { isTTY, write: (text: string) => written.push(text) },
      now: () => now,
      redrawMs: 100,
      lineIntervalMs: 5000,
    });
    return { progress, written, at: (ms: number) => (now = ms) };
  }

  it('writes a plain line at most once per interval when not on a terminal', () => {
    const { progress, written, at } = harness(false);
    at(4999);
    progress.update(10, 0.1);
    expect(written).toEqual([]);
    at(5000);
    progress.update(20, 0.2);
    at(9999);
    progress.update(30, 0.3);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^pipeline 20% 20 reports .*\n$/);
    at(10_000);
    progress.update(40, 0.4);
    expect(written).toHaveLength(2);
  });

  it('ends a log with the final count once, and says nothing for a short run', () => {
    const { progress, written, at } = harness(false);
    at(6000);
    progress.update(50, 0.5);
    progress.done(50, 1);
    expect(written).toHaveLength(1);
    at(7000);
    progress.done(100, 1);
    expect(written[1]).toMatch(/^pipeline 100% 100 reports/);

    const short = harness(false);
    short.progress.done(3, 1);
    expect(short.written).toEqual([]);
  });

  it('redraws a bar in place on a terminal and keeps the final one', () => {
    const { progress, written, at } = harness(true);
    at(99);
    progress.update(1, 0.01);
    at(100);
    progress.update(2, 0.02);
    expect(written).toHaveLength(1);
    const clearToEnd = '\x1b[K';
    expect(written[0]).toMatch(/^\rpipeline \[-+\] 2% 2 reports /);
    expect(written[0]!.endsWith(clearToEnd)).toBe(true);
    progress.done(100, 1);
    expect(written[1]).toMatch(/^\rpipeline \[#{24}\] 100% 100 reports /);
    expect(written[1]!.endsWith(`${clearToEnd}\n`)).toBe(true);
  });
});
