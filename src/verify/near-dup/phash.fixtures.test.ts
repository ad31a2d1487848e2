/**
 * Our pHash against the sharp-phash package it follows: the same bits, on pictures with
 * structure (the shared camera JPEGs are mostly 8 × 8 blank frames, which have none:
 * they must give no hash). Decoding is sharp's, as intake does it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { hammingDistance, PHASH_SAMPLE, phashBands, phashOfGrey, phashProbes } from './phash.js';

const require = createRequire(import.meta.url);
const sharpPhash = require('sharp-phash') as (image: Buffer) => Promise<string>;

async function grey(image: Buffer) {
  const raw = await sharp(image)
    .greyscale()
    .resize(PHASH_SAMPLE, PHASH_SAMPLE, { fit: 'fill' })
    .rotate()
    .raw()
    .toBuffer();
  return new Uint8Array(raw);
}

const toHex = (bits: string) =>
  Array.from({ length: 16 }, (_, i) => parseInt(bits.slice(i * 4, i * 4 + 4), 2).toString(16)).join(
    '',
  );

/** A picture of a few shapes and a gradient, different for each seed (deterministic). */
function picture(seed: number): Promise<Buffer> {
  let state = seed * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const shapes = Array.from({ length: 6 }, () => {
    const [x, y, r] = [next() * 320, next() * 240, 10 + next() * 80];
    const shade = Math.round(next() * 255);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="rgb(${shade},${255 - shade},${Math.round(next() * 255)})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${next()}" y2="1">
      <stop offset="0" stop-color="#111"/><stop offset="1" stop-color="#eee"/></linearGradient></defs>
    <rect width="320" height="240" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

const seeds = Array.from({ length: 25 }, (_, i) => i + 1);

describe('pHash', () => {
  it.each(seeds)('picture %i: the same 64 bits as sharp-phash', async (seed) => {
    const bytes = await picture(seed);
    expect(phashOfGrey(await grey(bytes))).toBe(toHex(await sharpPhash(bytes)));
  });

  it('keeps a shrunk, re-encoded copy close and tells other pictures apart', async () => {
    const original = await picture(7);
    const copy = await sharp(original).resize({ width: 160 }).jpeg({ quality: 35 }).toBuffer();
    const hash = phashOfGrey(await grey(original))!;
    const copied = phashOfGrey(await grey(copy))!;
    expect(hammingDistance(hash, copied)).toBeLessThanOrEqual(4);
    // A copy within 7 bits is always reached through the index's probes.
    expect(phashProbes(hash).some((band) => phashBands(copied).includes(band))).toBe(true);
    for (const other of [3, 8, 21]) {
      const h = phashOfGrey(await grey(await picture(other)))!;
      expect(hammingDistance(hash, h)).toBeGreaterThan(12);
    }
  });

  it('gives no hash for the flat 8 × 8 frames of the shared camera JPEGs', async () => {
    const dir = join(sharedFixtures(), 'exif-jpeg');
    const flat = readdirSync(dir).filter((f) => f !== 'GPS.jpg' && f !== 'NikonD70.jpg');
    expect(flat.length).toBe(39);
    for (const name of flat)
      expect(phashOfGrey(await grey(readFileSync(join(dir, name))))).toBeNull();
  });
});
