import { describe, expect, it } from 'vitest';
import {
  normalizeForSketch,
  shinglesOf,
  sketchBands,
  sketchSimilarity,
  SKETCH_BYTES,
  SKETCH_MAX_CHARS,
  textSketch,
} from './text-sketch.js';

/** Fixed keys: every sketch below is the same on every run. */
const KEY = Buffer.from('5d1b6c0e9a4f3827c1e0b9d8a7f6e5d4c3b2a1908f7e6d5c4b3a291807f6e5d4', 'hex');
const OTHER_KEY = Buffer.from(
  '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  'hex',
);

const similarity = (a: string, b: string, key = KEY) =>
  sketchSimilarity(textSketch(a, key), textSketch(b, key));

/** The exact Jaccard similarity of two texts' shingles: what the sketch estimates. */
function jaccard(a: string, b: string): number {
  const x = shinglesOf(a);
  const y = shinglesOf(b);
  const shared = [...x].filter((s) => y.has(s)).length;
  return shared / (x.size + y.size - shared);
}

/** Three standard errors of a 64-slot estimate of a similarity near `j`. */
const tolerance = (j: number) => 3 * Math.sqrt((j * (1 - j)) / 64) + 0.02;

// A copy-paste campaign's message (30 words), the same with one word changed, and another text.
const CAMPAIGN =
  'A grey van with foreign plates has been parked outside the east gate since dawn, ' +
  'two men inside are photographing the guards and the fuel trucks, please send someone now';
const CAMPAIGN_EDITED = CAMPAIGN.replace('grey', 'white');
const UNRELATED =
  'Water is pouring from a burst pipe under the bridge on Mill Street and the road is ' +
  'flooding quickly, cars are turning back, nobody seems hurt but the traffic lights are out';
const ZH =
  '今天早上一辆灰色面包车停在基地东门外面，车里有两个人一直在拍摄哨兵和油罐车，' +
  '巡逻队过去以后他们就往高速公路方向开走了，请尽快派人来看看';
const ZH_TWO_EDITS = ZH.replace('灰色', '白色').replace('东门', '北门');
const ZH_ONE_CHAR = ZH.replace('东门', '西门');

describe('normalizeForSketch', () => {
  it('folds case, width (NFKC), punctuation and whitespace; keeps digits', () => {
    expect(normalizeForSketch('  Ｗhite VAN, plate “AB-123”!\n\tGate 7… ')).toBe(
      'white van plate ab 123 gate 7',
    );
  });

  it('keeps Han characters together and folds Chinese punctuation', () => {
    expect(normalizeForSketch('仓库着火了，浓烟很大！')).toBe('仓库着火了 浓烟很大');
  });

  it('gives the empty string for a text of punctuation only', () => {
    expect(normalizeForSketch(' …!? —— 。，')).toBe('');
  });
});

describe('shinglesOf', () => {
  it('takes words and pairs of neighbouring words from spaced text', () => {
    expect([...shinglesOf('Shots fired, north gate')].sort()).toEqual(
      ['fired', 'fired north', 'gate', 'north', 'north gate', 'shots', 'shots fired'].sort(),
    );
  });

  it('takes pairs of characters from Han text, across punctuation', () => {
    expect([...shinglesOf('着火了，浓烟')].sort()).toEqual(['了浓', '浓烟', '火了', '着火'].sort());
  });

  it('takes a lone Han character as itself', () => {
    expect([...shinglesOf('火')]).toEqual(['火']);
  });

  it('takes both from mixed text, never pairing the words on either side of Han text', () => {
    expect([...shinglesOf('white van 停在 gate')].sort()).toEqual(
      ['gate', 'van', 'white', 'white van', '停在'].sort(),
    );
  });

  it('has nothing for an empty text', () => {
    expect(shinglesOf('').size).toBe(0);
    expect(shinglesOf(' ,.; ').size).toBe(0);
  });
});

describe('textSketch', () => {
  it(`is ${SKETCH_BYTES} bytes, the same for the same text and key`, () => {
    const sketch = textSketch(CAMPAIGN, KEY);
    expect(sketch).toHaveLength(SKETCH_BYTES);
    expect(textSketch(CAMPAIGN, KEY).equals(sketch)).toBe(true);
  });

  it('rates a text identical to itself at 1', () => {
    expect(similarity(CAMPAIGN, CAMPAIGN)).toBe(1);
    expect(similarity(ZH, ZH)).toBe(1);
  });

  it('ignores changes of case, punctuation and spacing altogether', () => {
    const shouted = CAMPAIGN.toUpperCase().replace(/,/g, ' ;  ').replace(/:/g, '!!!');
    expect(textSketch(shouted, KEY).equals(textSketch(CAMPAIGN, KEY))).toBe(true);
    const respaced = ZH.replace(/，/g, '。 ').replace('面包车', '面 包 车');
    expect(textSketch(respaced, KEY).equals(textSketch(ZH, KEY))).toBe(true);
  });

  it('rates a 30-word message with one word changed at 0.8 or more', () => {
    expect(CAMPAIGN.split(/\s+/)).toHaveLength(30);
    const exact = jaccard(CAMPAIGN, CAMPAIGN_EDITED);
    const estimate = similarity(CAMPAIGN, CAMPAIGN_EDITED);
    expect(exact).toBeCloseTo(0.9, 1);
    expect(estimate).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(tolerance(exact));
  });

  it('rates a Chinese message with one character changed at 0.7 or more', () => {
    const estimate = similarity(ZH, ZH_ONE_CHAR);
    expect(estimate).toBeGreaterThanOrEqual(0.7);
    expect(Math.abs(estimate - jaccard(ZH, ZH_ONE_CHAR))).toBeLessThanOrEqual(
      tolerance(jaccard(ZH, ZH_ONE_CHAR)),
    );
    expect(similarity(ZH, ZH_TWO_EDITS)).toBeGreaterThanOrEqual(0.7);
  });

  it('rates unrelated texts below 0.3', () => {
    expect(jaccard(CAMPAIGN, UNRELATED)).toBeLessThan(0.1);
    expect(similarity(CAMPAIGN, UNRELATED)).toBeLessThan(0.3);
    expect(similarity(ZH, '楼下的超市晚上十点有人打架，警察已经到了')).toBeLessThan(0.3);
    expect(similarity(CAMPAIGN, ZH)).toBeLessThan(0.3);
  });

  it('estimates the Jaccard similarity of the shingles, over a range of overlaps', () => {
    const words = CAMPAIGN.split(' ');
    for (const changed of [3, 8, 15]) {
      const edited = words.map((w, i) => (i % Math.ceil(30 / changed) === 0 ? `x${i}` : w));
      const text = edited.join(' ');
      const exact = jaccard(CAMPAIGN, text);
      expect(Math.abs(similarity(CAMPAIGN, text) - exact)).toBeLessThanOrEqual(tolerance(exact));
    }
  });

  it('gives another sketch under another key, unrelated to the first', () => {
    const a = textSketch(CAMPAIGN, KEY);
    const b = textSketch(CAMPAIGN, OTHER_KEY);
    expect(a.equals(b)).toBe(false);
    expect(sketchSimilarity(a, b)).toBeLessThan(0.1);
    expect(similarity(CAMPAIGN, CAMPAIGN_EDITED, OTHER_KEY)).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses a key shorter than 16 bytes', () => {
    expect(() => textSketch(CAMPAIGN, Buffer.alloc(8))).toThrow(RangeError);
  });

  it('gives a text without words a sketch similar to nothing, not even itself', () => {
    const empty = textSketch('', KEY);
    expect(empty).toHaveLength(SKETCH_BYTES);
    expect(textSketch(' ?!… ', KEY).equals(empty)).toBe(true);
    expect(sketchSimilarity(empty, empty)).toBe(0);
    expect(sketchSimilarity(empty, textSketch(CAMPAIGN, KEY))).toBe(0);
  });

  it(`reads only the first ${SKETCH_MAX_CHARS} characters`, () => {
    const long = `${CAMPAIGN} `.repeat(Math.ceil(SKETCH_MAX_CHARS / CAMPAIGN.length));
    expect(textSketch(`${long} ${UNRELATED}`, KEY).equals(textSketch(long, KEY))).toBe(true);
  });
});

describe('sketchSimilarity', () => {
  it('is symmetric', () => {
    const a = textSketch(CAMPAIGN, KEY);
    const b = textSketch(CAMPAIGN_EDITED, KEY);
    expect(sketchSimilarity(a, b)).toBe(sketchSimilarity(b, a));
  });

  it('gives 0 for sketches of different sizes (another format)', () => {
    const a = textSketch(CAMPAIGN, KEY);
    expect(sketchSimilarity(a, a.subarray(0, 128))).toBe(0);
    expect(sketchSimilarity(Buffer.alloc(0), Buffer.alloc(0))).toBe(0);
  });
});

describe('sketchBands', () => {
  it('cuts a sketch into 16 bands of 4 slots, each key naming its band', () => {
    const bands = sketchBands(textSketch(CAMPAIGN, KEY));
    expect(bands).toHaveLength(16);
    bands.forEach((band, i) => expect(band).toMatch(new RegExp(`^${i}:[0-9a-f]{32}$`)));
  });

  it('cuts into as many bands as asked when they divide the 64 slots', () => {
    const bands = sketchBands(textSketch(CAMPAIGN, KEY), 8);
    expect(bands).toHaveLength(8);
    expect(bands[7]).toMatch(/^7:[0-9a-f]{64}$/);
    expect(() => sketchBands(textSketch(CAMPAIGN, KEY), 10)).toThrow(RangeError);
    expect(() => sketchBands(textSketch(CAMPAIGN, KEY), 0)).toThrow(RangeError);
  });

  it('gives near-duplicates a band in common, and unrelated texts none', () => {
    const shared = (a: string, b: string) => {
      const other = new Set(sketchBands(textSketch(b, KEY)));
      return sketchBands(textSketch(a, KEY)).filter((band) => other.has(band)).length;
    };
    expect(shared(CAMPAIGN, CAMPAIGN_EDITED)).toBeGreaterThan(0);
    expect(shared(ZH, ZH_ONE_CHAR)).toBeGreaterThan(0);
    expect(shared(CAMPAIGN, UNRELATED)).toBe(0);
  });

  it('gives the empty sketch no band', () => {
    expect(sketchBands(textSketch('', KEY))).toEqual([]);
  });
});
