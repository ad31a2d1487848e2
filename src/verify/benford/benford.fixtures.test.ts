/**
 * Benford's tests against published results: the two data sets of the R package
 * benford.analysis and the figures its own tests check (tests/testthat/test-benford.R),
 * as ../shared/fixtures/README.md records them. The files are read where the tests' helper
 * finds the shared fixtures (`sharedFixtures`), streamed in 64 KiB pieces as the command does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBenford, type BenfordResult } from './benford.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { createColumnTally } from './table.js';

const fixturesFolder = () => path.join(sharedFixtures(), 'benford');

const settings = { benfordMinValues: 300, benfordMinOrdersOfMagnitude: 2 };

function analyse(file: string, column: string): BenfordResult {
  const text = readFileSync(path.join(fixturesFolder(), file), 'utf8');
  const table = createColumnTally(column, 10);
  for (let i = 0; i < text.length; i += 65_536) table.push(text.slice(i, i + 65_536));
  return analyseBenford(table.end().tally, settings);
}

describe('corporate.payment.csv, Amount ≥ 10 (benford.analysis’ published figures)', () => {
  const result = analyse('corporate.payment.csv', 'Amount');

  it('tests 177,763 payments', () => {
    expect(result.n).toBe(177_763);
    expect(result.refused).toBeNull();
  });

  it('has a first-digit MAD of 0.01464: marginally acceptable', () => {
    expect(result.firstDigit!.mad).toBeCloseTo(0.01464, 5);
    expect(result.firstDigit!.conformity).toBe('marginal');
  });

  it('has a first-two-digits MAD of 0.00243: nonconformity', () => {
    expect(result.firstTwoDigits!.mad).toBeCloseTo(0.00243, 5);
    expect(result.firstTwoDigits!.conformity).toBe('nonconformity');
  });

  it('finds 50.00 paid 6,022 times and 1,153.35 paid 2,264 times, the two most duplicated amounts', () => {
    expect(result.duplicates.slice(0, 2)).toEqual([
      { value: 50, count: 6022 },
      { value: 1153.35, count: 2264 },
    ]);
    expect(result.duplicatesComplete).toBe(true);
  });

  it('puts the 50s at the top of the over-represented first two digits', () => {
    expect(result.overRepresented[0]!.digits).toBe(50);
    expect(result.overRepresented[0]!.z).toBeGreaterThan(50);
  });
});

describe('census.2009.csv, pop.2009 ≥ 10 (benford.analysis’ published figures)', () => {
  const result = analyse('census.2009.csv', 'pop.2009');

  it('tests 19,482 towns', () => {
    expect(result.n).toBe(19_482);
  });

  it('has a first-two-digits chi-square of about 108 on 89 degrees of freedom', () => {
    expect(Math.round(result.firstTwoDigits!.chiSquare)).toBe(108);
    expect(result.firstTwoDigits!.degreesOfFreedom).toBe(89);
  });

  it('spans several orders of magnitude', () => {
    expect(result.span!.ordersOfMagnitude).toBeGreaterThan(3);
  });
});
