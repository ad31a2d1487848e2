import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { benfordOfTable, TABLE_COLUMNS_MAX } from './attached-table.js';

const SETTINGS = { benfordMinValues: 300, benfordMinOrdersOfMagnitude: 2, benfordMinAmount: 10 };
const fixture = (name: string) => readFileSync(join(sharedFixtures(), 'benford', name), 'utf8');

/** A table of `rows` rows: a rising id, a label, and amounts spread over 4 orders of magnitude. */
function table(rows: number, amount: (i: number) => string = (i) => (10 * 1.0023 ** i).toFixed(2)) {
  const lines = ['id,label,amount'];
  for (let i = 0; i < rows; i++) lines.push(`${i + 1},item ${i % 7},${amount(i)}`);
  return lines.join('\n');
}

describe('benfordOfTable', () => {
  it('tests the Amount column of the corporate payments as tipwire benford does (first two digits: nonconformity)', () => {
    const out = benfordOfTable(fixture('corporate.payment.csv'), SETTINGS);
    expect(out.readable).toBe(true);
    if (!out.readable) return;
    // VendorNum spans too few orders of magnitude; Date and InvNum are not numbers.
    expect(out.columns.map((c) => c.column)).toEqual([3]);
    const { result } = out.columns[0]!;
    expect(result.n).toBe(177_763);
    expect(result.firstTwoDigits!.mad).toBeCloseTo(0.00243, 5);
    expect(result.firstTwoDigits!.conformity).toBe('nonconformity');
  });

  it('tests the census populations and finds them conforming', () => {
    const out = benfordOfTable(fixture('census.2009.csv'), SETTINGS);
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([2]);
    expect(out.columns[0]!.result.firstDigit!.conformity).not.toBe('nonconformity');
  });

  it('leaves out a rising id and a text column, and keeps amounts', () => {
    const out = benfordOfTable(table(3000), SETTINGS);
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([2]);
  });

  it('tests integers that do not only rise', () => {
    const out = benfordOfTable(
      table(3000, (i) => String(Math.round(10 * 1.0023 ** ((i * 7) % 3000)))),
      SETTINGS,
    );
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([2]);
  });

  it('drops a column at its first cell that is not an amount, and tests nothing below the minimum of values', () => {
    const withWord = table(3000).replace(/\n(\d+),item 3,([\d.]+)$/m, '\n$1,item 3,n/a?');
    const out = benfordOfTable(withWord, SETTINGS);
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns).toEqual([]);
    const few = benfordOfTable(table(299), SETTINGS);
    expect(few.readable && few.columns).toEqual([]);
  });

  it('refuses a table whose records do not match the header, naming the line', () => {
    expect(benfordOfTable('a,b\n1,2\n3\n', SETTINGS)).toEqual({
      readable: false,
      reason: 'line 3: 1 fields where the header has 2',
    });
    expect(benfordOfTable('a,"b\n1,2', SETTINGS)).toMatchObject({ readable: false });
    expect(benfordOfTable('', SETTINGS)).toEqual({ readable: false, reason: 'no header line' });
  });

  it(`tallies at most the first ${TABLE_COLUMNS_MAX} columns`, () => {
    const width = TABLE_COLUMNS_MAX + 1;
    const lines = [Array.from({ length: width }, (_, i) => `c${i}`).join(',')];
    for (let r = 0; r < 1000; r++)
      lines.push(
        Array.from({ length: width }, (_, i) =>
          (10 * 1.01 ** ((r * (i + 3)) % 900)).toFixed(2),
        ).join(','),
      );
    const out = benfordOfTable(lines.join('\n'), SETTINGS);
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.length).toBeGreaterThan(0);
    expect(Math.max(...out.columns.map((c) => c.column))).toBeLessThan(TABLE_COLUMNS_MAX);
  });
});
