import { describe, expect, it } from 'vitest';
import { newId, ulid } from './ids.js';

describe('ulid', () => {
  it('encodes time first, so ids sort by creation time', () => {
    const a = ulid(Date.parse('2026-11-20T00:00:00Z'));
    const b = ulid(Date.parse('2026-11-20T00:00:00.001Z'));
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('encodes the given randomness', () => {
    expect(ulid(0, Buffer.alloc(10, 0))).toBe('0'.repeat(26));
    expect(ulid(0, Buffer.alloc(10, 0xff))).toBe('0'.repeat(10) + 'Z'.repeat(16));
  });

  it('does not repeat itself', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('report', 0)));
    expect(ids.size).toBe(10_000);
  });
});
