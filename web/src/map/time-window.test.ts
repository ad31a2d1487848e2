import { describe, expect, it } from 'vitest';
import {
  DAY,
  fullWindow,
  HOUR,
  normalWindow,
  sliderEnd,
  sliderScale,
  windowIso,
} from './time-window.js';

const NOW = Date.parse('2026-11-30T10:15:30.250Z');

describe('sliderScale', () => {
  it('steps by the hour up to a week, by the day above', () => {
    expect(sliderScale(1)).toEqual({ steps: 24, stepMs: HOUR });
    expect(sliderScale(7)).toEqual({ steps: 168, stepMs: HOUR });
    expect(sliderScale(8)).toEqual({ steps: 8, stepMs: DAY });
    expect(sliderScale(365)).toEqual({ steps: 365, stepMs: DAY });
  });

  it('never has a span under one day', () => {
    expect(sliderScale(0)).toEqual({ steps: 24, stepMs: HOUR });
  });
});

describe('windowIso', () => {
  it('covers the whole span up to now, rounded up to the minute', () => {
    expect(windowIso(fullWindow(30), NOW)).toEqual({
      from: '2026-10-31T10:16:00.000Z',
      to: '2026-11-30T10:16:00.000Z',
    });
  });

  it('moves each handle by whole steps', () => {
    expect(windowIso({ span: 1, from: 6, to: 18 }, NOW)).toEqual({
      from: '2026-11-29T16:16:00.000Z',
      to: '2026-11-30T04:16:00.000Z',
    });
    expect(windowIso({ span: 90, from: 89, to: 90 }, NOW)).toEqual({
      from: '2026-11-29T10:16:00.000Z',
      to: '2026-11-30T10:16:00.000Z',
    });
  });

  it('is an instant when both handles meet', () => {
    const w = windowIso({ span: 7, from: 100, to: 100 }, NOW)!;
    expect(w.from).toBe(w.to);
  });

  it('sends no window for all time', () => {
    expect(windowIso(fullWindow('all'), NOW)).toBeNull();
  });

  it('keeps a `now` already on the minute', () => {
    expect(sliderEnd(Date.parse('2026-11-30T10:15:00.000Z'))).toBe(
      Date.parse('2026-11-30T10:15:00.000Z'),
    );
  });
});

describe('normalWindow', () => {
  it('swaps handles dragged past each other', () => {
    expect(normalWindow({ span: 7, from: 120, to: 40 })).toEqual({ span: 7, from: 40, to: 120 });
  });

  it('clamps handles to the slider and rounds them to whole steps', () => {
    expect(normalWindow({ span: 1, from: -3, to: 99 })).toEqual({ span: 1, from: 0, to: 24 });
    expect(normalWindow({ span: 1, from: 2.4, to: 2.6 })).toEqual({ span: 1, from: 2, to: 3 });
  });

  it('reads a handle that is not a number as its end', () => {
    expect(normalWindow({ span: 30, from: Number.NaN, to: Number.NaN })).toEqual(fullWindow(30));
  });

  it('has no handles for all time', () => {
    expect(normalWindow({ span: 'all', from: 5, to: 9 })).toEqual({ span: 'all', from: 0, to: 0 });
  });
});
