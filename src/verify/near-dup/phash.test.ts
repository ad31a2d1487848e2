import { describe, expect, it } from 'vitest';
import {
  hammingDistance,
  PHASH_BANDS,
  PHASH_INDEX_REACH,
  PHASH_SAMPLE,
  phashBands,
  phashOfGrey,
  phashProbes,
} from './phash.js';

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

describe('phashBands and phashProbes', () => {
  it('cuts the hash into four labelled 16-bit bands', () => {
    expect(phashBands('0123456789abcdef')).toEqual(['p0:0123', 'p1:4567', 'p2:89ab', 'p3:cdef']);
    expect(PHASH_BANDS).toBe(4);
  });

  it('probes each band and its 16 one-bit neighbours', () => {
    const probes = phashProbes('0000ffff00000000');
    expect(probes).toHaveLength(68);
    expect(new Set(probes).size).toBe(68);
    expect(probes).toEqual(expect.arrayContaining(['p0:0000', 'p0:0001', 'p0:8000', 'p1:7fff']));
    expect(probes).not.toContain('p0:0003');
  });

  const found = (a: string, b: string) => phashProbes(a).some((p) => phashBands(b).includes(p));

  it('reaches every hash up to PHASH_INDEX_REACH bits away, and may miss one at 8', () => {
    const a = '0000000000000000';
    const seven = '0003000300030001'; // 2 + 2 + 2 + 1 bits
    const eight = '0003000300030003'; // 2 bits in each band
    expect(PHASH_INDEX_REACH).toBe(7);
    expect(hammingDistance(a, seven)).toBe(7);
    expect(found(a, seven)).toBe(true);
    expect(hammingDistance(a, eight)).toBe(8);
    expect(found(a, eight)).toBe(false);
  });
});
