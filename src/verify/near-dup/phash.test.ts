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

/**
 * sharp-phash's own computation, written out as it is (the full 2-D DCT-II by the
 * four-fold sum, then the 8 × 8 block from (1, 1) against its mean): the reference ours
 * must equal bit for bit.
 */
function referencePhash(grey: Uint8Array): string {
  const N = 32;
  const cos = (k: number, n: number) => Math.cos(((2 * k + 1) / (2 * N)) * n * Math.PI);
  const f = (x: number, y: number) => grey[N * y + x]!;
  const dct: number[][] = [];
  for (let u = 0; u <= 8; u++) {
    dct[u] = [];
    for (let v = 0; v <= 8; v++) {
      let sum = 0;
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) sum += cos(i, u) * cos(j, v) * f(i, j);
      dct[u]![v] = (sum * (u === 0 ? Math.SQRT1_2 : 1) * (v === 0 ? Math.SQRT1_2 : 1)) / 4;
    }
  }
  let total = 0;
  for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) total += dct[x + 1]![y + 1]!;
  const avg = total / 64;
  let bits = '';
  for (let x = 0; x < 8; x++)
    for (let y = 0; y < 8; y++) bits += dct[x + 1]![y + 1]! > avg ? '1' : '0';
  return Array.from({ length: 16 }, (_, i) =>
    parseInt(bits.slice(i * 4, i * 4 + 4), 2).toString(16),
  ).join('');
}

/** A deterministic picture with structure in both directions. */
function pattern(seed: number): Uint8Array {
  const grey = new Uint8Array(1024);
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 32; x++)
      grey[y * 32 + x] = (x * (seed + 3) + y * y * (seed + 1) + ((x * y * seed) % 17)) % 256;
  return grey;
}

describe('phashOfGrey', () => {
  it.each([1, 2, 5, 9, 14])('equals the reference computation on pattern %i', (seed) => {
    const grey = pattern(seed);
    expect(phashOfGrey(grey)).toBe(referencePhash(grey));
  });

  it('reads the last row and column: a change there changes the hash', () => {
    const grey = pattern(4);
    const edited = new Uint8Array(grey);
    for (let x = 0; x < 32; x++) edited[31 * 32 + x] = 255 - edited[31 * 32 + x]!;
    for (let y = 0; y < 32; y++) edited[y * 32 + 31] = 255 - edited[y * 32 + 31]!;
    expect(phashOfGrey(edited)).toBe(referencePhash(edited));
    expect(phashOfGrey(edited)).not.toBe(phashOfGrey(grey));
  });

  it('refuses anything but 32 × 32 pixels', () => {
    expect(() => phashOfGrey(new Uint8Array(5))).toThrow('phash needs 1024 grey pixels');
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
    const distinct = phashProbes('0123456789abcdef');
    expect(distinct.slice(17, 19)).toEqual(['p1:4567', 'p1:4566']);
    expect(distinct.slice(51)).toEqual(expect.arrayContaining(['p3:cdef', 'p3:cdee', 'p3:4def']));
    expect(distinct.slice(51)).toHaveLength(17);
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
