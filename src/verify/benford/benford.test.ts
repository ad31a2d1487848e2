import { describe, expect, it } from 'vitest';
import {
  analyseBenford,
  conformityOf,
  createTallier,
  digitTest,
  expectedProportions,
  leadingDigits,
  MAD_BANDS,
  MAD_EDGE_TOLERANCE,
  madOf,
  MAX_DISTINCT_AMOUNTS,
  refusalOf,
  spanOf,
  zStatistic,
} from './benford.js';

const settings = { benfordMinValues: 300, benfordMinOrdersOfMagnitude: 2 };

/** A tally of these values, at a minimum amount of 10. */
function tallyOf(values: number[], minAmount = 10, maxDistinct?: number) {
  const tallier = createTallier(minAmount, maxDistinct);
  for (const v of values) tallier.add(v);
  return tallier.tally;
}

/** Proportions equal to Benford's but for `deviations` added to the first bins. */
function deviated(test: 'firstDigit' | 'firstTwoDigits', deviations: number[]) {
  const expected = expectedProportions(test);
  return { expected, observed: expected.map((e, i) => e + (deviations[i] ?? 0)) };
}

describe('leadingDigits', () => {
  it('reads the first one or two significant digits from the shortest decimal form', () => {
    expect(leadingDigits(1153.35, 1)).toBe(1);
    expect(leadingDigits(1153.35, 2)).toBe(11);
    expect(leadingDigits(0.0029, 2)).toBe(29);
    expect(leadingDigits(9.99e-5, 2)).toBe(99);
    expect(leadingDigits(123456789, 2)).toBe(12);
    expect(leadingDigits(1e21, 2)).toBe(10);
  });

  it('gives a one-digit number a second digit of 0', () => {
    expect(leadingDigits(50, 2)).toBe(50);
    expect(leadingDigits(7, 2)).toBe(70);
    expect(leadingDigits(7, 1)).toBe(7);
  });

  it('is not fooled by binary rounding: 0.29 × 100 is 28.999… in floating point, its digits are 29', () => {
    expect(0.29 * 100).toBeLessThan(29);
    expect(leadingDigits(0.29 * 100, 2)).toBe(28); // what arithmetic produced is what it reads
    expect(leadingDigits(0.29, 2)).toBe(29);
    expect(leadingDigits(29, 2)).toBe(29);
  });
});

describe('expectedProportions', () => {
  it('is log10(1 + 1/d) for d = 1…9 and 10…99, each summing to 1', () => {
    const first = expectedProportions('firstDigit');
    expect(first).toHaveLength(9);
    expect(first[0]).toBeCloseTo(0.30103, 5);
    expect(first[8]).toBeCloseTo(0.04576, 5);
    expect(first.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    const two = expectedProportions('firstTwoDigits');
    expect(two).toHaveLength(90);
    expect(two[0]).toBeCloseTo(Math.log10(11 / 10), 12);
    expect(two[89]).toBeCloseTo(Math.log10(100 / 99), 12);
    expect(two.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });
});

describe('MAD and Nigrini’s bands, at the edges', () => {
  it('has Nigrini’s bands', () => {
    expect(MAD_BANDS).toEqual({
      firstDigit: { close: 0.006, acceptable: 0.012, marginal: 0.015 },
      firstTwoDigits: { close: 0.0012, acceptable: 0.0018, marginal: 0.0022 },
    });
  });

  it('a first-digit MAD of exactly 0.006 (by hand: 0.027 too many 1s and 0.027 too few 2s, 0.054 / 9) is close conformity', () => {
    const { observed, expected } = deviated('firstDigit', [0.027, -0.027]);
    const mad = madOf(observed, expected);
    expect(mad).toBeCloseTo(0.006, 15);
    expect(conformityOf(mad, 'firstDigit')).toBe('close');
  });

  it('a first-digit MAD just above 0.006 (0.0540009 / 9 = 0.0060001) is only acceptable', () => {
    const { observed, expected } = deviated('firstDigit', [0.0270009, -0.027]);
    const mad = madOf(observed, expected);
    expect(mad).toBeCloseTo(0.0060001, 12);
    expect(conformityOf(mad, 'firstDigit')).toBe('acceptable');
  });

  it('takes each edge as inside its band and a millionth above it as the next', () => {
    const levels = ['close', 'acceptable', 'marginal', 'nonconformity'] as const;
    for (const test of ['firstDigit', 'firstTwoDigits'] as const) {
      const edges = Object.values(MAD_BANDS[test]);
      edges.forEach((edge, i) => {
        expect(conformityOf(edge, test), `${test} at ${edge}`).toBe(levels[i]);
        expect(conformityOf(edge + MAD_EDGE_TOLERANCE, test), `${test} at ${edge} + ulps`).toBe(
          levels[i],
        );
        expect(conformityOf(edge + 1e-6, test), `${test} above ${edge}`).toBe(levels[i + 1]);
      });
      expect(conformityOf(0, test)).toBe('close');
    }
  });

  it('counts a MAD a few ulps over an edge as at it, and one past the tolerance as over', () => {
    expect(conformityOf(0.006 + MAD_EDGE_TOLERANCE, 'firstDigit')).toBe('close');
    expect(conformityOf(0.006 + 2 * MAD_EDGE_TOLERANCE, 'firstDigit')).toBe('acceptable');
    expect(MAD_EDGE_TOLERANCE).toBe(1e-12);
  });

  it('a first-two-digits MAD of exactly 0.0012 (0.054 too many 10s and too few 11s, 0.108 / 90) is close', () => {
    const { observed, expected } = deviated('firstTwoDigits', [0.054, -0.054]);
    expect(madOf(observed, expected)).toBeCloseTo(0.0012, 15);
    expect(conformityOf(madOf(observed, expected), 'firstTwoDigits')).toBe('close');
  });
});

describe('digitTest, computed by hand', () => {
  it('900 values, 100 of each first digit: MAD 0.0597, chi-square 361.5, nonconformity', () => {
    // |1/9 − log10(1 + 1/d)| for d = 1…9: .18992 .06498 .01383 .01420 .03193 .04416 .05312 .05996 .06535
    // sum .53745, MAD = .53745 / 9 = .05972. Chi-square: Σ (100 − 900 e)² / (900 e) = 361.5.
    const test = digitTest('firstDigit', new Array(9).fill(100));
    expect(test.n).toBe(900);
    expect(test.mad).toBeCloseTo(0.05972, 5);
    expect(test.chiSquare).toBeCloseTo(361.5, 1);
    expect(test.degreesOfFreedom).toBe(8);
    expect(test.conformity).toBe('nonconformity');
    expect(test.bins[0]).toEqual({
      digits: 1,
      count: 100,
      observed: 100 / 900,
      expected: Math.log10(2),
      z: zStatistic(100 / 900, Math.log10(2), 900),
    });
    expect(test.bins[8]!.digits).toBe(9);
  });

  it('counts exactly Benford’s (to the unit) have a tiny MAD and chi-square', () => {
    const counts = expectedProportions('firstDigit').map((e) => Math.round(e * 100_000));
    const test = digitTest('firstDigit', counts);
    expect(test.mad).toBeLessThan(0.00001);
    expect(test.chiSquare).toBeLessThan(0.01);
    expect(test.conformity).toBe('close');
  });

  it('the first-two-digit test has 90 bins from 10 to 99 and 89 degrees of freedom', () => {
    const test = digitTest('firstTwoDigits', new Array(90).fill(10));
    expect(test.bins.map((b) => b.digits)).toEqual(Array.from({ length: 90 }, (_, i) => 10 + i));
    expect(test.degreesOfFreedom).toBe(89);
    expect(test.n).toBe(900);
  });
});

describe('zStatistic (Nigrini), by hand', () => {
  it('0.35 of 1,000 values start with 1: (0.04897 − 0.0005) / √(0.30103 × 0.69897 / 1000) = 3.341', () => {
    expect(zStatistic(0.35, Math.log10(2), 1000)).toBeCloseTo(3.341, 3);
  });

  it('is negative when under-represented, by the same corrected size', () => {
    expect(zStatistic(0.25, Math.log10(2), 1000)).toBeCloseTo(-(0.05103 - 0.0005) / 0.014506, 2);
  });

  it('leaves the correction out when it equals the difference: 2⁻¹¹ over ½ of 1,024 values, z = 2⁻¹¹ / √(¼ / 1024) = 1/32', () => {
    expect(zStatistic(0.5 + 2 ** -11, 0.5, 1024)).toBe(1 / 32);
    expect(zStatistic(0.5 - 2 ** -11, 0.5, 1024)).toBe(-1 / 32);
  });

  it('leaves the correction out when it is larger than the difference', () => {
    const e = Math.log10(2);
    const sd = Math.sqrt((e * (1 - e)) / 1000);
    expect(zStatistic(e + 0.0001, e, 1000)).toBeCloseTo(0.0001 / sd, 12);
    expect(zStatistic(e - 0.0001, e, 1000)).toBeCloseTo(-0.0001 / sd, 12);
    expect(zStatistic(e, e, 1000)).toBe(0);
  });
});

describe('the tally', () => {
  it('tests positive values at or above the minimum and counts what it leaves out', () => {
    const tallier = createTallier(10);
    for (const v of [0, -5, 5, 9.99, 10, 11, 250, 99_000]) tallier.add(v);
    tallier.addBlank();
    const { tally } = tallier;
    expect(tally.n).toBe(4);
    expect(tally.leftOut).toEqual({ belowMinimum: 2, notPositive: 2, blank: 1 });
    expect(tally.firstDigitCounts).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(tally.firstTwoDigitCounts[0]).toBe(1); // 10
    expect(tally.firstTwoDigitCounts[1]).toBe(1); // 11
    expect(tally.firstTwoDigitCounts[15]).toBe(1); // 250 → 25
    expect(tally.firstTwoDigitCounts[89]).toBe(1); // 99,000 → 99
  });

  it('leaves out NaN as not positive', () => {
    const tally = tallyOf([Number.NaN]);
    expect(tally.leftOut.notPositive).toBe(1);
    expect(tally.n).toBe(0);
  });

  it('takes every positive value with a minimum of 0', () => {
    expect(tallyOf([0.5, 3], 0).n).toBe(2);
  });

  it('counts each exact amount, and stops adding new ones past its limit', () => {
    const tally = tallyOf([50, 50, 20, 30, 50, 30], 10, 2);
    expect([...tally.amounts]).toEqual([
      [50, 3],
      [20, 1],
    ]);
    expect(tally.amountsComplete).toBe(false);
    expect(tallyOf([50, 50]).amountsComplete).toBe(true);
    expect(MAX_DISTINCT_AMOUNTS).toBe(1_000_000);
  });
});

describe('spanOf: the middle 98 % of the values', () => {
  it('spans two orders of magnitude for values spread from 10 to 1,000', () => {
    const values = Array.from({ length: 1001 }, (_, i) => 10 ** (1 + (2 * i) / 1000));
    const span = spanOf(tallyOf(values))!;
    expect(span.ordersOfMagnitude).toBeCloseTo(1.96, 2);
    expect(span.low).toBeCloseTo(10 ** 1.02, 1);
    expect(span.high).toBeCloseTo(10 ** 2.98, -1);
  });

  it('is not widened by one outlier', () => {
    const values = [...Array.from({ length: 500 }, (_, i) => 10 + (i % 90)), 1e6];
    const span = spanOf(tallyOf(values))!;
    expect(span.ordersOfMagnitude).toBeLessThan(1);
    expect(span.high).toBeLessThan(100);
  });

  it('is the value itself, to a thousandth of a decade, for one value', () => {
    const span = spanOf(tallyOf([100]))!;
    expect(span.low).toBe(100);
    expect(span.high).toBeCloseTo(10 ** 2.001, 10);
    expect(span.ordersOfMagnitude).toBeCloseTo(0.001, 12);
  });

  it('is null with no values', () => {
    expect(spanOf(tallyOf([]))).toBeNull();
  });
});

describe('refusing to test', () => {
  const wide = { low: 10, high: 10_000, ordersOfMagnitude: 3 };

  it('refuses fewer values than the minimum, and tests at the minimum', () => {
    expect(refusalOf(299, wide, settings)).toEqual({
      reason: 'too_few_values',
      n: 299,
      minValues: 300,
    });
    expect(refusalOf(300, wide, settings)).toBeNull();
  });

  it('refuses a span narrower than the minimum orders of magnitude, and tests at it', () => {
    expect(refusalOf(500, { ...wide, ordersOfMagnitude: 1.999 }, settings)).toEqual({
      reason: 'narrow_span',
      ordersOfMagnitude: 1.999,
      minOrdersOfMagnitude: 2,
    });
    expect(refusalOf(500, { ...wide, ordersOfMagnitude: 2 }, settings)).toBeNull();
  });

  it('runs no test when it refuses, but still lists the duplicates', () => {
    const result = analyseBenford(tallyOf([50, 50, 70]), settings);
    expect(result.refused).toEqual({ reason: 'too_few_values', n: 3, minValues: 300 });
    expect(result.firstDigit).toBeNull();
    expect(result.firstTwoDigits).toBeNull();
    expect(result.overRepresented).toEqual([]);
    expect(result.duplicates).toEqual([{ value: 50, count: 2 }]);
  });
});

describe('analyseBenford', () => {
  /** 1,000 values spread as Benford would (10^(1 + 3u)), plus `extra`. */
  const benfordLike = (extra: number[] = []) => [
    ...Array.from(
      { length: 1000 },
      (_, i) => Math.round(10 ** (1 + (3 * (i + 0.5)) / 1000) * 100) / 100,
    ),
    ...extra,
  ];

  it('runs both tests on data that spans the orders, and they conform', () => {
    const result = analyseBenford(tallyOf(benfordLike()), settings);
    expect(result.refused).toBeNull();
    expect(result.n).toBe(1000);
    expect(result.firstDigit!.conformity).toBe('close');
    expect(result.firstTwoDigits!.n).toBe(1000);
    expect(result.span!.ordersOfMagnitude).toBeGreaterThan(2.9);
  });

  it('lists the most frequent amounts first, ties by the smaller amount, only those seen twice or more', () => {
    const extra = [
      ...new Array(5).fill(75),
      ...new Array(3).fill(12.5),
      ...new Array(3).fill(11),
      13,
    ];
    const result = analyseBenford(tallyOf(benfordLike(extra)), settings, 3);
    expect(result.duplicates).toEqual([
      { value: 75, count: 5 },
      { value: 11, count: 3 },
      { value: 12.5, count: 3 },
    ]);
    expect(result.duplicatesComplete).toBe(true);
  });

  it('puts the bins with the highest z first among the over-represented, and no under-represented one', () => {
    const extra = [...new Array(40).fill(75), ...new Array(20).fill(33)];
    const result = analyseBenford(tallyOf(benfordLike(extra)), settings, 2);
    expect(result.overRepresented.map((b) => b.digits)).toEqual([75, 33]);
    const all = analyseBenford(tallyOf(benfordLike(extra)), settings, 90).overRepresented;
    expect(all.every((b) => b.z > 0)).toBe(true);
    expect(all.length).toBeLessThan(90);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.z).toBeGreaterThanOrEqual(all[i]!.z);
  });

  it('shows ten of each by default', () => {
    const extra = Array.from({ length: 12 }, (_, i) => [20 + i, 20 + i]).flat();
    const result = analyseBenford(tallyOf(benfordLike(extra)), settings);
    expect(result.duplicates).toHaveLength(10);
    expect(result.overRepresented.length).toBeLessThanOrEqual(10);
  });
});
