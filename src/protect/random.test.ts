import { describe, expect, it } from 'vitest';
import { secureRandom } from './random.js';

describe('secureRandom', () => {
  it('returns the size asked for, fresh bytes each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const b = secureRandom(16);
      expect(b).toHaveLength(16);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('hands out copies: changing one does not change the next', () => {
    const a = secureRandom(32);
    a.fill(0);
    expect(secureRandom(32).equals(Buffer.alloc(32))).toBe(false);
  });

  it('serves large requests directly', () => {
    expect(secureRandom(10_000)).toHaveLength(10_000);
  });

  it('looks uniform: every byte value appears, none far too often', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 2000; i++) for (const byte of secureRandom(64)) counts[byte] += 1;
    const expected = (2000 * 64) / 256;
    expect(Math.min(...counts)).toBeGreaterThan(expected * 0.8);
    expect(Math.max(...counts)).toBeLessThan(expected * 1.2);
  });
});
