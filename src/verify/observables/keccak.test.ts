import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keccak256Hex, sponge256 } from './keccak.js';

describe('keccak256', () => {
  // The published Keccak-256 vectors (the original Keccak submission's padding, as
  // Ethereum uses it): the empty string, "abc", and the quick brown fox.
  it('gives the standard test vectors', () => {
    expect(keccak256Hex('')).toBe(
      'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(keccak256Hex('abc')).toBe(
      '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
    );
    expect(keccak256Hex('The quick brown fox jumps over the lazy dog')).toBe(
      '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15',
    );
  });

  it('hashes bytes as given and text as UTF-8', () => {
    expect(keccak256Hex(new TextEncoder().encode('无人机'))).toBe(keccak256Hex('无人机'));
  });

  it('is the sponge Node’s sha3-256 is, but for the padding byte', () => {
    const sha3 = (data: Uint8Array) => createHash('sha3-256').update(data).digest('hex');
    // Lengths around the 136-byte block: one byte short, exact, one over, two blocks.
    for (const length of [0, 1, 135, 136, 137, 271, 272, 273, 1000]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      expect(Buffer.from(sponge256(data, 0x06)).toString('hex'), `length ${length}`).toBe(
        sha3(data),
      );
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        expect(Buffer.from(sponge256(data, 0x06)).toString('hex')).toBe(sha3(data));
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('differs from sha3-256 (the padding is not the same)', () => {
    expect(keccak256Hex('')).not.toBe(createHash('sha3-256').update('').digest('hex'));
  });
});
