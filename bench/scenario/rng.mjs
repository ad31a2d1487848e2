// Seeded draws for the scenario generator, on bench/lib/random.mjs's mulberry32: the
// same seed gives the same scenario on every machine. Each part of the scenario
// (events, witnesses, campaigns, noise, identifiers) draws from its own stream, so a
// change to one part does not reshuffle the others.
import { mulberry32 } from '../lib/random.mjs';

/**
 * A 32-bit seed from a number and a label: FNV-1a over `seed:label`, then murmur3's
 * finalizer so that neighbouring seeds give unrelated streams.
 */
export function seedOf(seed, label) {
  let h = 0x811c9dc5;
  for (const ch of `${seed >>> 0}:${label}`) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A bag of draws over one seeded stream. */
export function createRng(seed, label = '') {
  const next = mulberry32(seedOf(seed, label));
  let spareNormal = null;
  const rng = {
    /** Uniform in [0, 1). */
    next,
    /** Uniform in [a, b). */
    uniform: (a, b) => a + (b - a) * next(),
    /** Integer in [a, b], both included. */
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** One key of `{key: weight}` (or one `[value, weight]` of an array), by weight. */
    weighted(table) {
      const entries = Array.isArray(table) ? table : Object.entries(table);
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    /** Standard normal (Box–Muller, the second value kept for the next call). */
    normal() {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    /** Log-normal with the given median and log-space sigma. */
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    /** Log-uniform in [a, b). */
    logUniform: (a, b) => Math.exp(rng.uniform(Math.log(a), Math.log(b))),
    /**
     * A heavy-tailed count in [1, max]: P(N ≥ k) = k^−alpha (a discrete Pareto,
     * truncated), as the number of witnesses of an event or the size of a campaign.
     */
    paretoCount(alpha, max, min = 1) {
      let u = 0;
      while (u === 0) u = next();
      return Math.min(max, Math.max(min, Math.floor(min * u ** (-1 / alpha))));
    },
    shuffle(xs) {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
    digits: (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
  };
  return rng;
}
