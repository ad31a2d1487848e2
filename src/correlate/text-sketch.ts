/**
 * A keyed MinHash sketch of a narrative, for near-duplicates (the same text pasted into
 * many reports). Computed at intake, where the plaintext is, and stored beside the
 * sealed text: two sketches say how alike their texts are (sketchSimilarity), and
 * their band keys (sketchBands) find candidates without comparing every pair.
 *
 * Text → shingles. normalizeForSketch: NFKC, lower case, every run of characters other
 * than letters, marks and digits becomes one space. Then:
 * - Latin (and any other spaced) words give themselves and each pair of neighbours,
 *   "a b" (unigrams and word 2-grams: a short message has too few 3-grams to compare,
 *   and pairs keep some word order);
 * - Han, Hiragana and Katakana give overlapping character 2-grams over each run of
 *   such characters, the run going on across spaces and punctuation (so that "，" →
 *   "。" or a space inserted changes nothing); a run of one character gives it alone.
 * Mixed text gives both. Only the first SKETCH_MAX_CHARS of a text are read, which
 * bounds the work of a request; texts alike there are alike for the sketch.
 *
 * Shingles → sketch (64 slots of uint32, little-endian: 256 bytes). Each distinct
 * shingle is hashed once, keyed: an unkeyed 96-bit spread of its UTF-16 units and its
 * length fills a 16-byte block, and all blocks are encrypted together with AES-128-ECB
 * under a key derived from the sketch key (a pseudorandom permutation, so distinct
 * blocks give independent-looking outputs; one call instead of one HMAC per shingle,
 * which cost ten times more). The first 32 bits of a shingle's block are its hash h;
 * slot i holds the least of mix32(h XOR mask_i) over the shingles, mask_i derived from
 * the key too and mix32 a bijection of 32-bit numbers (murmur3's finalizer). Without the
 * key a sketch says nothing of the words: a guessed text cannot be sketched to compare.
 * What sketches leak, to whoever holds them but not the key: which texts are alike.
 *
 * A text without any shingle (empty, only punctuation) gets the empty sketch: every
 * slot 0xffffffff, a value no shingle leaves in a slot (see emptyFixup). It is similar
 * to nothing, not even another empty sketch, and has no band keys.
 */
import { createCipheriv, hkdfSync } from 'node:crypto';

export const SKETCH_SLOTS = 64;
export const SKETCH_BYTES = SKETCH_SLOTS * 4;
/** UTF-16 units of a text that are sketched. */
export const SKETCH_MAX_CHARS = 10_000;
/** A slot no shingle filled. */
const EMPTY = 0xffffffff;

/** The key must be a real secret: at least 16 bytes. */
const MIN_KEY_BYTES = 16;

/** What a code point is to the sketch: not looked up yet, … */
const UNKNOWN = 0;
/** … neither letter, mark nor digit (it separates words), … */
const SEPARATOR = 1;
/** … a letter, mark or digit of a spaced script, … */
const WORD = 2;
/** … or Han, Hiragana, Katakana: written without spaces between words. */
const UNSPACED_CHAR = 3;

const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const KEPT = /^[\p{L}\p{M}\p{N}]$/u;
/** Each code point's class, looked up with the regular expressions once per code point. */
let classes: Uint8Array | undefined;

function classOf(codePoint: number): number {
  classes ??= new Uint8Array(0x110000);
  let c = classes[codePoint]!;
  if (c === UNKNOWN) {
    const char = String.fromCodePoint(codePoint);
    c = UNSPACED.test(char) ? UNSPACED_CHAR : KEPT.test(char) ? WORD : SEPARATOR;
    classes[codePoint] = c;
  }
  return c;
}

/** NFKC, lower case, each run of anything but letters, marks and digits one space, trimmed. */
export function normalizeForSketch(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length;) {
    const codePoint = s.codePointAt(i)!;
    if (classOf(codePoint) !== SEPARATOR) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push(s.slice(start, i));
      start = -1;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (start >= 0) runs.push(s.slice(start));
  return runs.join(' ');
}

/** The distinct shingles of a text (see the module header), before hashing. */
export function shinglesOf(text: string): Set<string> {
  const shingles = new Set<string>();
  let previousWord: string | null = null;
  let previousChar: string | null = null;
  let runLength = 0;
  const endRun = () => {
    if (runLength === 1) shingles.add(previousChar!);
    previousChar = null;
    runLength = 0;
  };
  const addWord = (word: string) => {
    endRun();
    shingles.add(word);
    if (previousWord !== null) shingles.add(`${previousWord} ${word}`);
    previousWord = word;
  };
  const s = normalizeForSketch(cut(text));
  let wordStart = -1;
  for (let i = 0; i < s.length;) {
    const codePoint = s.codePointAt(i)!;
    const size = codePoint > 0xffff ? 2 : 1;
    const c = codePoint === 0x20 ? SEPARATOR : classOf(codePoint);
    if (c === WORD) {
      if (wordStart < 0) wordStart = i;
    } else {
      if (wordStart >= 0) addWord(s.slice(wordStart, i));
      wordStart = -1;
      if (c === UNSPACED_CHAR) {
        const char = s.slice(i, i + size);
        if (previousChar !== null) shingles.add(previousChar + char);
        previousChar = char;
        runLength += 1;
        // A word on each side of Han text are not neighbours.
        previousWord = null;
      }
    }
    i += size;
  }
  if (wordStart >= 0) addWord(s.slice(wordStart));
  endRun();
  return shingles;
}

/** The first SKETCH_MAX_CHARS units, never half a surrogate pair. */
function cut(text: string): string {
  if (text.length <= SKETCH_MAX_CHARS) return text;
  const last = text.charCodeAt(SKETCH_MAX_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? SKETCH_MAX_CHARS - 1 : SKETCH_MAX_CHARS);
}

interface SketchKeys {
  /** AES-128 key of the shingle hash. */
  cipher: Buffer;
  /** One mask per slot. */
  masks: Uint32Array;
}

const derived = new WeakMap<Buffer, SketchKeys>();

/** The sketch's keys, derived once per key with HKDF-SHA256; labels are part of the format. */
function keysOf(key: Buffer): SketchKeys {
  let keys = derived.get(key);
  if (!keys) {
    if (key.length < MIN_KEY_BYTES) {
      throw new RangeError(`a text sketch key needs at least ${MIN_KEY_BYTES} bytes`);
    }
    const bytes = (label: string, length: number) =>
      Buffer.from(
        hkdfSync('sha256', key, Buffer.alloc(0), `tipwire/v1/text-sketch/${label}`, length),
      );
    const maskBytes = bytes('slots', SKETCH_BYTES);
    const masks = new Uint32Array(SKETCH_SLOTS);
    for (let i = 0; i < SKETCH_SLOTS; i++) masks[i] = maskBytes.readUInt32LE(i * 4);
    keys = { cipher: bytes('shingles', 16), masks };
    derived.set(key, keys);
  }
  return keys;
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The unkeyed 16-byte block of a shingle: three differently mixed 32-bit passes over its
 * UTF-16 units, and its length. Two distinct shingles share a block only by an accident
 * of 96 mixed bits: not a secret (the key comes after, in the cipher), only a spread.
 */
function writeBlock(shingle: string, out: DataView, at: number): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x27d4eb2f;
  for (let i = 0; i < shingle.length; i++) {
    const unit = shingle.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b + unit, 0x5bd1e995);
    b ^= b >>> 15;
    c = Math.imul(((c << 5) | (c >>> 27)) ^ unit, 0x9e3779b1);
  }
  out.setUint32(at, mix32(a), true);
  out.setUint32(at + 4, mix32(b), true);
  out.setUint32(at + 8, mix32(c), true);
  out.setUint32(at + 12, shingle.length, true);
}

/** The keyed 32-bit hash of each shingle. */
function keyedHashes(shingles: Set<string>, cipherKey: Buffer): Uint32Array {
  const blocks = Buffer.alloc(shingles.size * 16);
  const view = new DataView(blocks.buffer, blocks.byteOffset, blocks.length);
  let at = 0;
  for (const shingle of shingles) {
    writeBlock(shingle, view, at);
    at += 16;
  }
  const cipher = createCipheriv('aes-128-ecb', cipherKey, null).setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(blocks), cipher.final()]);
  const out = new DataView(encrypted.buffer, encrypted.byteOffset, encrypted.length);
  const hashes = new Uint32Array(shingles.size);
  for (let i = 0; i < hashes.length; i++) hashes[i] = out.getUint32(i * 16, true);
  return hashes;
}

/** Slot i: the least of mix32(h XOR mask_i) over the hashes (mix32 written out: the hot loop). */
function minHashes(hashes: Uint32Array, masks: Uint32Array): Uint32Array {
  const mins = new Uint32Array(SKETCH_SLOTS).fill(EMPTY);
  for (let j = 0; j < hashes.length; j++) {
    const hash = hashes[j]!;
    for (let i = 0; i < SKETCH_SLOTS; i++) {
      let h = hash ^ masks[i]!;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < mins[i]!) mins[i] = h;
    }
  }
  return mins;
}

/** The text's sketch under `key` (at least 16 bytes): SKETCH_BYTES bytes. */
export function textSketch(text: string, key: Buffer): Buffer {
  const { cipher, masks } = keysOf(key);
  const shingles = shinglesOf(text);
  if (shingles.size === 0) return Buffer.alloc(SKETCH_BYTES, 0xff);
  const mins = minHashes(keyedHashes(shingles, cipher), masks);
  emptyFixup(mins);
  const sketch = Buffer.alloc(SKETCH_BYTES);
  for (let i = 0; i < SKETCH_SLOTS; i++) sketch.writeUInt32LE(mins[i]!, i * 4);
  return sketch;
}

/**
 * A slot of a text with shingles still holds EMPTY only if every shingle's value there
 * was 0xffffffff itself: it takes 0xfffffffe instead, so EMPTY always means "no shingle".
 */
function emptyFixup(mins: Uint32Array): void {
  for (let i = 0; i < mins.length; i++) if (mins[i] === EMPTY) mins[i] = EMPTY - 1;
}

/**
 * The share of slots two sketches agree on: an estimate of the Jaccard similarity of
 * their shingle sets (standard error about 0.06 at 0.5 with 64 slots). Slots of an empty
 * sketch agree with nothing; sketches of different sizes (another format) give 0.
 */
export function sketchSimilarity(a: Buffer, b: Buffer): number {
  if (a.length !== b.length || a.length === 0 || a.length % 4 !== 0) return 0;
  const slots = a.length / 4;
  let equal = 0;
  for (let at = 0; at < a.length; at += 4) {
    const v = a.readUInt32LE(at);
    if (v !== EMPTY && v === b.readUInt32LE(at)) equal += 1;
  }
  return equal / slots;
}

/**
 * The sketch's LSH band keys: its slots cut into `bands` bands of equal size, each band
 * `<index>:<its bytes in hex>`. Two texts share a key when they agree on a whole band:
 * with 16 bands of 4 slots, texts of Jaccard similarity 0.8 share one with odds 0.9998,
 * 0.5 with odds 0.64, 0.3 with odds 0.12. An empty sketch has none.
 */
export function sketchBands(sketch: Buffer, bands = 16): string[] {
  const slots = sketch.length / 4;
  if (
    !Number.isInteger(slots) ||
    slots < 1 ||
    !Number.isInteger(bands) ||
    bands < 1 ||
    slots % bands !== 0
  ) {
    throw new RangeError(`cannot cut a sketch of ${sketch.length} bytes into ${bands} bands`);
  }
  const bytes = (slots / bands) * 4;
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    const from = band * bytes;
    if (sketch.readUInt32LE(from) === EMPTY) continue;
    keys.push(`${band}:${sketch.toString('hex', from, from + bytes)}`);
  }
  return keys;
}
