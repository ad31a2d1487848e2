import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';
import { seeded } from './map.fixture.js';

describe('ISO time text', () => {
  it('is what Date writes, across the years and at the edges of a day', () => {
    const rand = seeded(3);
    const times = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.parse('2026-11-20T21:10:00Z'),
      Date.parse('2024-02-29T23:59:59.999Z'),
      Date.parse('9999-12-31T23:59:59.999Z'),
      Date.parse('1969-12-31T23:59:59.999Z'),
      -62_135_596_800_000,
      253_402_300_800_000, // 10000-01-01: Date's own
      1_700_000_000_123.7,
      ...Array.from({ length: 2000 }, () => Math.floor(rand() * 4e12)),
    ];
    for (const ms of times) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});
