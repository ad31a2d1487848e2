import { describe, expect, it } from 'vitest';
import {
  coordinate,
  coordinates,
  distance,
  excerpt,
  formatBytes,
  localReading,
  percent,
  signed,
  utcInterval,
  utcText,
} from './format.js';

describe('percent', () => {
  it('writes a probability as a whole percentage in each language', () => {
    expect(percent(0.7, 'en')).toBe('70%');
    expect(percent(0.7, 'zh')).toBe('70%');
    expect(percent(0, 'en')).toBe('0%');
    expect(percent(1, 'en')).toBe('100%');
    expect(percent(0.996, 'en')).toBe('100%');
  });
  it('is null when unknown (the view decides what to show)', () => {
    expect(percent(null, 'en')).toBeNull();
    expect(percent(undefined, 'en')).toBeNull();
    expect(percent(NaN, 'en')).toBeNull();
  });
});

describe('distance', () => {
  it('metres below a kilometre, kilometres above', () => {
    expect(distance(0, 'en')).toBe('0 m');
    expect(distance(25.4, 'en')).toBe('25 m');
    expect(distance(999.4, 'en')).toBe('999 m');
    expect(distance(1000, 'en')).toBe('1 km');
    expect(distance(1234, 'en')).toBe('1.2 km');
    expect(distance(35_000, 'en')).toBe('35 km');
    expect(distance(1_234_567, 'en')).toBe('1,235 km');
  });
  it('is a dash when unknown or impossible', () => {
    expect(distance(null, 'en')).toBe('—');
    expect(distance(-1, 'en')).toBe('—');
    expect(distance(Infinity, 'en')).toBe('—');
  });
});

describe('coordinates and signed weights', () => {
  it('writes degrees with five decimals, latitude first, a ? for an unknown one', () => {
    expect(coordinates(34.3416, -108.9)).toBe('34.34160, -108.90000');
    expect(coordinate(null)).toBe('?');
    expect(coordinates(34.3416, Infinity)).toBe('34.34160, ?');
  });
  it('signs a weight with a true minus, and zero without a sign', () => {
    expect(signed(1.694)).toBe('+1.69');
    expect(signed(-0.8473)).toBe('−0.85');
    expect(signed(0)).toBe('0.00');
    expect(signed(-0.001)).toBe('0.00');
    expect(signed(NaN)).toBe('—');
  });
});

describe('utcInterval', () => {
  it('writes the date once when both ends share it', () => {
    expect(utcInterval('2026-11-20T13:00:00.000Z', '2026-11-20T13:10:00.000Z')).toBe(
      '2026-11-20 13:00:00Z – 13:10:00Z',
    );
  });
  it('writes both dates across midnight', () => {
    expect(utcInterval('2026-11-20T23:50:00Z', '2026-11-21T00:10:00Z')).toBe(
      '2026-11-20 23:50:00Z – 2026-11-21 00:10:00Z',
    );
  });
  it('writes an instant once, and keeps milliseconds that are there', () => {
    expect(utcInterval('2026-11-20T13:00:00Z', '2026-11-20T13:00:00Z')).toBe(
      '2026-11-20 13:00:00Z',
    );
    expect(utcInterval('2026-11-20T13:00:00.250Z', '2026-11-20T13:00:01Z')).toBe(
      '2026-11-20 13:00:00.250Z – 13:00:01Z',
    );
  });
  it('is a dash or the one end known', () => {
    expect(utcInterval(null, null)).toBe('—');
    expect(utcInterval('not a time', null)).toBe('—');
    expect(utcInterval('2026-11-20T13:00:00Z', null)).toBe('2026-11-20T13:00:00Z');
  });
});

describe('utcText', () => {
  it('writes an instant without its fraction of a second, anything else as it is', () => {
    expect(utcText('2026-11-20T13:10:00.250Z')).toBe('2026-11-20 13:10:00');
    expect(utcText('2026-11-20T13:10:00Z')).toBe('2026-11-20 13:10:00');
    expect(utcText('2026-11-20T13:10:00+08:00')).toBe('2026-11-20T13:10:00+08:00');
    expect(utcText(null)).toBe('');
  });
});

describe('localReading', () => {
  it('writes the stored local reading, the end time alone on the same day', () => {
    expect(localReading('2026-11-20T21:10:00', null)).toBe('2026-11-20 21:10:00');
    expect(localReading('2026-11-20T21:10:00', '2026-11-20T21:20:00')).toBe(
      '2026-11-20 21:10:00 – 21:20:00',
    );
    expect(localReading('2026-11-20T21:10:00', '2026-11-20T21:10:00')).toBe('2026-11-20 21:10:00');
    expect(localReading('2026-11-20T23:50', '2026-11-21T00:10')).toBe(
      '2026-11-20 23:50 – 2026-11-21 00:10',
    );
    expect(localReading(null, '2026-11-21T00:10')).toBe('—');
    expect(localReading('2026-11-20T21:10:00')).toBe('2026-11-20 21:10:00');
  });
});

describe('excerpt and sizes', () => {
  it('cuts a text at whole characters', () => {
    expect(excerpt('🚁🚁🚁', 2)).toBe('🚁🚁…');
    expect(excerpt('short', 10)).toBe('short');
  });
  it('writes bytes, KB and MB in the language’s digits', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(774_144, 'en')).toBe('756 KB');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3 MB');
    expect(formatBytes(1_300_000_000, 'en')).toBe('1,239.8 MB');
    expect(formatBytes(1_300_000_000, 'zh')).toBe('1,239.8 MB');
  });
});
