/**
 * The perceptual hash of an image (pHash, as the sharp-phash package computes it): the
 * image is shrunk to 32 × 32 grey pixels (the caller does that with sharp: decoding is
 * I/O for a stage folder), its 2-D DCT-II taken, and each of the 64 lowest non-constant
 * frequencies (u, v in 1…8) is a bit: above their mean or not. Re-encoding, resizing
 * and mild edits keep most bits; a different picture differs in about half of them.
 *
 * sharp-phash computes all 32 × 32 coefficients by the four-fold sum (about a million
 * products, some milliseconds of the event loop per image); this takes the same 64
 * coefficients as two one-dimensional passes (about ten thousand), with the same
 * cosines and scale, so the bits are the same (near-dup.fixtures.test.ts checks it on
 * 41 camera JPEGs).
 */

/** Side of the grey image the hash is taken from. */
export const PHASH_SAMPLE = 32;
const LOW = 8;

const COS: number[][] = Array.from({ length: PHASH_SAMPLE }, (_, k) =>
  Array.from({ length: PHASH_SAMPLE }, (_, n) =>
    Math.cos(((2 * k + 1) / (2 * PHASH_SAMPLE)) * n * Math.PI),
  ),
);

/**
 * Below this largest distance of a coefficient from their mean the picture is flat. A
 * coefficient sums 1,024 pixels of 0…255 over cosines, scaled by ¼: one grey level of
 * real structure across the picture moves some coefficient by several units, while a
 * flat picture's are rounding noise (about 1e-13).
 */
const FLAT_SPREAD = 0.5;

/**
 * The 64-bit pHash of 32 × 32 grey pixels (row-major, one byte each) as 16 hex digits,
 * bit order as sharp-phash's string (u major, v minor); null for a flat picture.
 */
export function phashOfGrey(grey: Uint8Array): string | null {
  if (grey.length !== PHASH_SAMPLE * PHASH_SAMPLE) {
    throw new RangeError(`phash needs ${PHASH_SAMPLE * PHASH_SAMPLE} grey pixels`);
  }
  // sharp-phash's f[x][y] is the pixel in column x, row y; F[u][v] sums COS[x][u] COS[y][v] f[x][y].
  // First pass over x (columns) for u = 1…8: G[u][y] = Σx COS[x][u] f[x][y].
  const g = new Float64Array(LOW * PHASH_SAMPLE);
  for (let u = 1; u <= LOW; u++) {
    for (let y = 0; y < PHASH_SAMPLE; y++) {
      let sum = 0;
      for (let x = 0; x < PHASH_SAMPLE; x++) sum += COS[x]![u]! * grey[PHASH_SAMPLE * y + x]!;
      g[(u - 1) * PHASH_SAMPLE + y] = sum;
    }
  }
  // Second pass over y for v = 1…8. The scale (1/4 here; u, v ≥ 1 have no 1/√2) is the
  // same for every coefficient, so it cannot move one across the mean: kept for equality.
  const coefficients = new Float64Array(LOW * LOW);
  let total = 0;
  for (let u = 0; u < LOW; u++) {
    for (let v = 1; v <= LOW; v++) {
      let sum = 0;
      for (let y = 0; y < PHASH_SAMPLE; y++) sum += COS[y]![v]! * g[u * PHASH_SAMPLE + y]!;
      coefficients[u * LOW + v - 1] = sum / 4;
      total += sum / 4;
    }
  }
  const mean = total / (LOW * LOW);
  // A flat picture (a blank frame, a test card of one colour) has no structure to hash:
  // its bits would be rounding noise, and every flat picture would match every other.
  let spread = 0;
  for (const c of coefficients) spread = Math.max(spread, Math.abs(c - mean));
  if (spread < FLAT_SPREAD) return null;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) {
      value = (value << 1) | (coefficients[nibble * 4 + bit]! > mean ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

export {
  hammingDistance,
  PHASH_BANDS,
  PHASH_INDEX_REACH,
  phashBands,
  phashProbes,
} from '../../domain/media.js';
