/**
 * Benford's law on a column of amounts: in many naturally grown quantities (payments,
 * populations, invoices) the leading digit d appears with probability log10(1 + 1/d),
 * and the first two digits dd (10…99) with log10(1 + 1/dd). Invented or manipulated
 * numbers often do not. Following Nigrini (Benford's Law, Wiley 2012, ch. 4–5):
 *
 * - **The tests**: first digit (9 bins) and first two digits (90 bins): for each bin its
 *   count, observed and expected proportion, and z (the excess over expectation in
 *   standard errors, with the continuity correction); the chi-square of all bins.
 * - **Conformity** is judged by the mean absolute deviation (MAD) of the proportions,
 *   with Nigrini's bands (below); chi-square is reported, but with many values it
 *   rejects even good data, which is why MAD decides.
 * - **What stands out**: the first-two-digit bins most over-represented (highest z) and
 *   the most frequent exact amounts (duplicates: a payment made again and again).
 * - **When to refuse**: too few values (TIPWIRE_BENFORD_MIN_VALUES), or values that do
 *   not span orders of magnitude (TIPWIRE_BENFORD_MIN_ORDERS_OF_MAGNITUDE, measured from
 *   the 1st to the 99th percentile so that one outlier cannot make a narrow column look
 *   wide): such data cannot follow the law, and its "nonconformity" would mean nothing.
 *
 * Values are tallied as they stream (no list of values is kept): counts per bin, a
 * histogram of log10 in thousandths of a decade for the percentiles (so the span is
 * known to ±0.002 orders of magnitude), and the count of each exact amount up to
 * MAX_DISTINCT_AMOUNTS distinct ones. Only positive values at or above the minimum
 * amount (TIPWIRE_BENFORD_MIN_AMOUNT, 10: the published tests leave smaller ones out,
 * and a number below 10 has no second digit) are tested; the others are counted.
 *
 * A value's digits are read from its shortest decimal form (what `toExponential` prints),
 * never from floating-point arithmetic on it: 1153.35 has first two digits 11 however it
 * rounds in binary.
 */

export const TESTS = ['firstDigit', 'firstTwoDigits'] as const;
export type DigitTestName = (typeof TESTS)[number];

export type Conformity = 'close' | 'acceptable' | 'marginal' | 'nonconformity';

/**
 * Nigrini's MAD bands (Benford's Law, 2012, Table 7.1): the highest MAD of each level.
 * Fixed by the method, not settings: other bands would be another test.
 */
export const MAD_BANDS: Record<
  DigitTestName,
  { close: number; acceptable: number; marginal: number }
> = {
  firstDigit: { close: 0.006, acceptable: 0.012, marginal: 0.015 },
  firstTwoDigits: { close: 0.0012, acceptable: 0.0018, marginal: 0.0022 },
};

/**
 * A MAD this close to a band's edge counts as at the edge: a MAD is a sum of 9 or 90
 * rounded proportions, so one that is the edge on paper can land a few ulps off it.
 */
export const MAD_EDGE_TOLERANCE = 1e-12;

/** Distinct exact amounts counted for duplicates; past it new ones are not counted. */
export const MAX_DISTINCT_AMOUNTS = 1_000_000;

/** Resolution of the log10 histogram behind the percentiles: thousandths of a decade. */
const LOG_BINS_PER_DECADE = 1000;

const FIRST = { first: 1, count: 9 };
const FIRST_TWO = { first: 10, count: 90 };
const binsOf = (test: DigitTestName) => (test === 'firstDigit' ? FIRST : FIRST_TWO);

/** The leading one or two significant digits of a positive finite number (5 → 50 for two). */
export function leadingDigits(value: number, count: 1 | 2): number {
  // toExponential prints the shortest decimal form: "1.15335e+3", or "5e+1" with one digit.
  const text = value.toExponential();
  const first = text.charCodeAt(0) - ZERO;
  if (count === 1) return first;
  return first * 10 + (text.charCodeAt(1) === POINT ? text.charCodeAt(2) - ZERO : 0);
}

const ZERO = 0x30;
const POINT = 0x2e;

/** Benford's expected proportion of each bin, in bin order (1…9 or 10…99). */
export function expectedProportions(test: DigitTestName): number[] {
  const { first, count } = binsOf(test);
  return Array.from({ length: count }, (_, i) => Math.log10(1 + 1 / (first + i)));
}

/** The mean absolute deviation between two lists of proportions. */
export function madOf(observed: readonly number[], expected: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < expected.length; i++) sum += Math.abs(observed[i]! - expected[i]!);
  return sum / expected.length;
}

/** Nigrini's level for a MAD: at a band's edge (within MAD_EDGE_TOLERANCE) is still inside it. */
export function conformityOf(mad: number, test: DigitTestName): Conformity {
  const bands = MAD_BANDS[test];
  if (mad <= bands.close + MAD_EDGE_TOLERANCE) return 'close';
  if (mad <= bands.acceptable + MAD_EDGE_TOLERANCE) return 'acceptable';
  if (mad <= bands.marginal + MAD_EDGE_TOLERANCE) return 'marginal';
  return 'nonconformity';
}

/**
 * Nigrini's z for one bin: (|p − e| − 1/(2n)) / √(e(1 − e)/n), the continuity correction
 * applied only when smaller than the difference; signed, positive when over-represented.
 */
export function zStatistic(observed: number, expected: number, n: number): number {
  const difference = Math.abs(observed - expected);
  const correction = 1 / (2 * n);
  const corrected = correction < difference ? difference - correction : difference;
  return (Math.sign(observed - expected) * corrected) / Math.sqrt((expected * (1 - expected)) / n);
}

export interface DigitBin {
  /** The digit or two digits of the bin (1…9, 10…99). */
  digits: number;
  count: number;
  observed: number;
  expected: number;
  z: number;
}

export interface DigitTest {
  n: number;
  mad: number;
  chiSquare: number;
  degreesOfFreedom: number;
  conformity: Conformity;
  bins: DigitBin[];
}

/** One test over the counts of its bins (in bin order). */
export function digitTest(test: DigitTestName, counts: readonly number[]): DigitTest {
  const { first } = binsOf(test);
  const expected = expectedProportions(test);
  const n = counts.reduce((a, b) => a + b, 0);
  const observed = counts.map((c) => c / n);
  let chiSquare = 0;
  const bins = expected.map((e, i) => {
    chiSquare += (counts[i]! - n * e) ** 2 / (n * e);
    return {
      digits: first + i,
      count: counts[i]!,
      observed: observed[i]!,
      expected: e,
      z: zStatistic(observed[i]!, e, n),
    };
  });
  const mad = madOf(observed, expected);
  return {
    n,
    mad,
    chiSquare,
    degreesOfFreedom: expected.length - 1,
    conformity: conformityOf(mad, test),
    bins,
  };
}

export interface BenfordTally {
  /** Values tested (positive, at or above the minimum amount). */
  n: number;
  leftOut: { belowMinimum: number; notPositive: number; blank: number };
  firstDigitCounts: number[];
  firstTwoDigitCounts: number[];
  /** log10 in thousandths of a decade → how many values. */
  logHistogram: Map<number, number>;
  amounts: Map<number, number>;
  /** False once MAX_DISTINCT_AMOUNTS distinct amounts filled the map. */
  amountsComplete: boolean;
}

export interface Tallier {
  add(value: number): void;
  /** A cell with no value (empty, NA). */
  addBlank(): void;
  readonly tally: BenfordTally;
}

/** Tallies values as they come; `minAmount`: values below are left out. */
export function createTallier(minAmount: number, maxDistinct = MAX_DISTINCT_AMOUNTS): Tallier {
  const tally: BenfordTally = {
    n: 0,
    leftOut: { belowMinimum: 0, notPositive: 0, blank: 0 },
    firstDigitCounts: new Array<number>(9).fill(0),
    firstTwoDigitCounts: new Array<number>(90).fill(0),
    logHistogram: new Map(),
    amounts: new Map(),
    amountsComplete: true,
  };
  return {
    tally,
    addBlank() {
      tally.leftOut.blank += 1;
    },
    add(value) {
      if (!(value > 0)) {
        tally.leftOut.notPositive += 1;
        return;
      }
      if (value < minAmount) {
        tally.leftOut.belowMinimum += 1;
        return;
      }
      tally.n += 1;
      const two = leadingDigits(value, 2);
      tally.firstDigitCounts[Math.floor(two / 10) - 1]! += 1;
      tally.firstTwoDigitCounts[two - 10]! += 1;
      const bin = Math.floor(Math.log10(value) * LOG_BINS_PER_DECADE);
      tally.logHistogram.set(bin, (tally.logHistogram.get(bin) ?? 0) + 1);
      const seen = tally.amounts.get(value);
      if (seen !== undefined) tally.amounts.set(value, seen + 1);
      else if (tally.amounts.size < maxDistinct) tally.amounts.set(value, 1);
      else tally.amountsComplete = false;
    },
  };
}

export interface Span {
  /** The 1st percentile, rounded down to its thousandth of a decade. */
  low: number;
  /** The 99th percentile, rounded up to its thousandth of a decade. */
  high: number;
  ordersOfMagnitude: number;
}

/** The range of the middle 98 % of the tallied values, from the log histogram; null when none. */
export function spanOf(tally: BenfordTally): Span | null {
  if (tally.n === 0) return null;
  const bins = [...tally.logHistogram.entries()].sort((a, b) => a[0] - b[0]);
  let seen = 0;
  const upTo = bins.map(([, count]) => (seen += count));
  /** The bin holding the value of rank `rank` (1-based). */
  const binOfRank = (rank: number) => bins[upTo.findIndex((n) => n >= rank)]![0];
  const lowBin = binOfRank(Math.max(1, Math.ceil(0.01 * tally.n)));
  const highBin = binOfRank(Math.max(1, Math.ceil(0.99 * tally.n)));
  return {
    low: 10 ** (lowBin / LOG_BINS_PER_DECADE),
    high: 10 ** ((highBin + 1) / LOG_BINS_PER_DECADE),
    ordersOfMagnitude: (highBin + 1 - lowBin) / LOG_BINS_PER_DECADE,
  };
}

export interface BenfordSettings {
  benfordMinValues: number;
  benfordMinOrdersOfMagnitude: number;
}

export type Refusal =
  | { reason: 'too_few_values'; n: number; minValues: number }
  | { reason: 'narrow_span'; ordersOfMagnitude: number; minOrdersOfMagnitude: number };

export interface BenfordResult {
  n: number;
  leftOut: BenfordTally['leftOut'];
  span: Span | null;
  /** Why the tests were not run; null when they were. */
  refused: Refusal | null;
  firstDigit: DigitTest | null;
  firstTwoDigits: DigitTest | null;
  /** The first-two-digit bins most over-represented, highest z first. */
  overRepresented: DigitBin[];
  /** The most frequent exact amounts (seen at least twice), most frequent first. */
  duplicates: { value: number; count: number }[];
  /** False when more distinct amounts came than were counted (duplicates may miss some). */
  duplicatesComplete: boolean;
}

export function refusalOf(n: number, span: Span | null, settings: BenfordSettings): Refusal | null {
  if (n < settings.benfordMinValues)
    return { reason: 'too_few_values', n, minValues: settings.benfordMinValues };
  if (span!.ordersOfMagnitude < settings.benfordMinOrdersOfMagnitude)
    return {
      reason: 'narrow_span',
      ordersOfMagnitude: span!.ordersOfMagnitude,
      minOrdersOfMagnitude: settings.benfordMinOrdersOfMagnitude,
    };
  return null;
}

/** A bin with more values than Benford expects. */
// Stryker disable next-line EqualityOperator: z is 0 only for a count of exactly n·log10(1 + 1/dd), never a whole number
const overExpected = (bin: DigitBin) => bin.z > 0;

/** The tests over a tally, or a refusal; `top`: how many over-represented bins and duplicates. */
export function analyseBenford(
  tally: BenfordTally,
  settings: BenfordSettings,
  top = 10,
): BenfordResult {
  const span = spanOf(tally);
  const refused = refusalOf(tally.n, span, settings);
  const firstDigit = refused ? null : digitTest('firstDigit', tally.firstDigitCounts);
  const firstTwoDigits = refused ? null : digitTest('firstTwoDigits', tally.firstTwoDigitCounts);
  const overRepresented =
    firstTwoDigits === null
      ? []
      : firstTwoDigits.bins
          .filter(overExpected)
          .sort((a, b) => b.z - a.z)
          .slice(0, top);
  const duplicates = [...tally.amounts.entries()]
    .filter(([, count]) => count > 1)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, top)
    .map(([value, count]) => ({ value, count }));
  return {
    n: tally.n,
    leftOut: tally.leftOut,
    span,
    refused,
    firstDigit,
    firstTwoDigits,
    overRepresented,
    duplicates,
    duplicatesComplete: tally.amountsComplete,
  };
}
