/**
 * Keccak-256, the hash Ethereum's EIP-55 address checksum uses. It is not SHA3-256:
 * both are the Keccak-f[1600] sponge with a rate of 136 bytes, but Keccak pads a
 * message with 0x01 … 0x80 and FIPS 202's SHA-3 with 0x06 … 0x80, so Node's
 * `sha3-256` gives other digests. No Keccak is installed with tipwire, so the
 * permutation is here, on 64-bit lanes kept as two 32-bit halves (lo, hi).
 * keccak.test.ts checks the published Keccak-256 vectors, and the same sponge with
 * SHA-3's padding against Node's `sha3-256`.
 */

/** The 24 round constants of ι, as [hi, lo] halves. */
const ROUND_CONSTANTS = [
  [0x00000000, 0x00000001],
  [0x00000000, 0x00008082],
  [0x80000000, 0x0000808a],
  [0x80000000, 0x80008000],
  [0x00000000, 0x0000808b],
  [0x00000000, 0x80000001],
  [0x80000000, 0x80008081],
  [0x80000000, 0x00008009],
  [0x00000000, 0x0000008a],
  [0x00000000, 0x00000088],
  [0x00000000, 0x80008009],
  [0x00000000, 0x8000000a],
  [0x00000000, 0x8000808b],
  [0x80000000, 0x0000008b],
  [0x80000000, 0x00008089],
  [0x80000000, 0x00008003],
  [0x80000000, 0x00008002],
  [0x80000000, 0x00000080],
  [0x00000000, 0x0000800a],
  [0x80000000, 0x8000000a],
  [0x80000000, 0x80008081],
  [0x80000000, 0x00008080],
  [0x00000000, 0x80000001],
  [0x80000000, 0x80008008],
] as const;

/** ρ's rotation of lane x + 5y. */
const ROTATIONS = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
];

/** The columns x and the row offsets 5y of the 5 × 5 lanes. */
const XS = [0, 1, 2, 3, 4] as const;
const ROWS = [0, 5, 10, 15, 20] as const;

/** Bytes absorbed per block for a 256-bit digest: (1600 − 2 × 256) / 8. */
const RATE = 136;

/**
 * Keccak-f[1600] in place. `lo[i]`, `hi[i]`: the halves of lane i = x + 5y.
 */
function permute(lo: Uint32Array, hi: Uint32Array): void {
  const cLo = new Uint32Array(5);
  const cHi = new Uint32Array(5);
  const bLo = new Uint32Array(25);
  const bHi = new Uint32Array(25);
  for (const [rcHi, rcLo] of ROUND_CONSTANTS) {
    // θ
    for (const x of XS) {
      cLo[x] = lo[x]! ^ lo[x + 5]! ^ lo[x + 10]! ^ lo[x + 15]! ^ lo[x + 20]!;
      cHi[x] = hi[x]! ^ hi[x + 5]! ^ hi[x + 10]! ^ hi[x + 15]! ^ hi[x + 20]!;
    }
    for (const x of XS) {
      const nextLo = cLo[(x + 1) % 5]!;
      const nextHi = cHi[(x + 1) % 5]!;
      // D[x] = C[x − 1] ^ rot(C[x + 1], 1)
      const dLo = cLo[(x + 4) % 5]! ^ ((nextLo << 1) | (nextHi >>> 31));
      const dHi = cHi[(x + 4) % 5]! ^ ((nextHi << 1) | (nextLo >>> 31));
      for (const y of ROWS) {
        lo[x + y]! ^= dLo;
        hi[x + y]! ^= dHi;
      }
    }
    // ρ and π: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
    for (const x of XS) {
      for (const y of XS) {
        const from = x + 5 * y;
        const to = y + 5 * ((2 * x + 3 * y) % 5);
        const [rLo, rHi] = rotate(lo[from]!, hi[from]!, ROTATIONS[from]!);
        bLo[to] = rLo;
        bHi[to] = rHi;
      }
    }
    // χ
    for (const y of ROWS) {
      for (const x of XS) {
        const b1 = ((x + 1) % 5) + y;
        const b2 = ((x + 2) % 5) + y;
        lo[x + y] = bLo[x + y]! ^ (~bLo[b1]! & bLo[b2]!);
        hi[x + y] = bHi[x + y]! ^ (~bHi[b1]! & bHi[b2]!);
      }
    }
    // ι
    lo[0]! ^= rcLo;
    hi[0]! ^= rcHi;
  }
}

/**
 * A 64-bit lane rotated left by n, one of ROTATIONS: 0, or 1 … 63 but never 32 (a
 * shift by 32 is a shift by 0 in JavaScript, so 0 is handled apart).
 */
function rotate(lo: number, hi: number, n: number): [number, number] {
  if (n === 0) return [lo, hi];
  // Stryker disable next-line EqualityOperator: no rotation is 32
  if (n < 32) return [(lo << n) | (hi >>> (32 - n)), (hi << n) | (lo >>> (32 - n))];
  // Stryker disable next-line ArithmeticOperator: shift counts are taken mod 32, so n + 32 shifts as n − 32
  const m = n - 32;
  return [(hi << m) | (lo >>> (32 - m)), (lo << m) | (hi >>> (32 - m))];
}

/**
 * The 256-bit sponge over `data` with the given domain byte: 0x01 is Keccak-256
 * (Ethereum), 0x06 is SHA3-256 (FIPS 202).
 */
export function sponge256(data: Uint8Array, domain: number): Uint8Array {
  const lo = new Uint32Array(25);
  const hi = new Uint32Array(25);
  // The message, its domain byte and the final 0x80, in whole blocks.
  const blocks = Math.floor(data.length / RATE) + 1;
  const padded = new Uint8Array(blocks * RATE);
  padded.set(data);
  padded[data.length]! ^= domain;
  padded[padded.length - 1]! ^= 0x80;
  const view = new DataView(padded.buffer);
  for (let offset = 0; offset < padded.length; offset += RATE) {
    for (let lane = 0; lane < RATE / 8; lane++) {
      lo[lane]! ^= view.getUint32(offset + lane * 8, true);
      hi[lane]! ^= view.getUint32(offset + lane * 8 + 4, true);
    }
    permute(lo, hi);
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (let lane = 0; lane < 4; lane++) {
    out.setUint32(lane * 8, lo[lane]!, true);
    out.setUint32(lane * 8 + 4, hi[lane]!, true);
  }
  return digest;
}

/** Keccak-256 of bytes, or of a string as UTF-8. */
export function keccak256(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return sponge256(bytes, 0x01);
}

/** Keccak-256 as lower-case hex. */
export const keccak256Hex = (data: Uint8Array | string): string =>
  Buffer.from(keccak256(data)).toString('hex');
