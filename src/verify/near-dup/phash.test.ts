import { describe, expect, it } from 'vitest';
import { hammingDistance, PHASH_BANDS, PHASH_SAMPLE, phashBands, phashOfGrey } from './phash.js';

describe('phashOfGrey', () => {
  it('refuses anything but 32 × 32 pixels', () => {
    expect(() => phashOfGrey(new Uint8Array(PHASH_SAMPLE * PHASH_SAMPLE - 1))).toThrow(RangeError);
    expect(() => phashOfGrey(new Uint8Array(PHASH_SAMPLE * PHASH_SAMPLE + 1))).toThrow(RangeError);
  });

  it('has no hash for a flat picture, and one for a quadrant one grey level lighter', () => {
    expect(phashOfGrey(new Uint8Array(1024).fill(128))).toBeNull();
    const quadrant = new Uint8Array(1024).fill(128);
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) quadrant[y * 32 + x] = 129;
    expect(phashOfGrey(quadrant)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', '000000000000000f')).toBe(4);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
  });
});

describe('phashBands', () => {
  it('cuts the hash into eight labelled bytes', () => {
    expect(phashBands('0123456789abcdef')).toEqual([
      'p0:01',
      'p1:23',
      'p2:45',
      'p3:67',
      'p4:89',
      'p5:ab',
      'p6:cd',
      'p7:ef',
    ]);
    expect(PHASH_BANDS).toBe(8);
  });

  it('shares a band between hashes 7 bits apart, and may not at 8', () => {
    const a = '0000000000000000';
    const seven = '0101010101010100'; // one bit in each of seven bytes
    const eight = '0101010101010101';
    expect(hammingDistance(a, seven)).toBe(7);
    expect(phashBands(a).some((b) => phashBands(seven).includes(b))).toBe(true);
    expect(phashBands(a).some((b) => phashBands(eight).includes(b))).toBe(false);
  });
});
