import { describe, expect, it } from 'vitest';
import { createColumnTally, TableError } from './table.js';

function tally(text: string, column = 'Amount', minAmount = 10, pieces = 1) {
  const table = createColumnTally(column, minAmount);
  const size = Math.ceil(text.length / pieces) || 1;
  for (let i = 0; i < text.length; i += size) table.push(text.slice(i, i + size));
  return table.end();
}

function errorOf(text: string, column = 'Amount'): TableError {
  try {
    tally(text, column);
  } catch (err) {
    if (err instanceof TableError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('a column of a CSV table, tallied', () => {
  it('finds the column by its name and tallies its amounts, blanks apart', () => {
    const { columns, tally: t } = tally(
      '"VendorNum","Date","Amount"\n"2001",2010-01-02,36.08\n"2001",2010-01-02,"1,153.35"\n"2002",2010-01-03,\n"2003",2010-01-03,NA\n"2004",2010-01-04,5\n',
    );
    expect(columns).toEqual(['VendorNum', 'Date', 'Amount']);
    expect(t.n).toBe(2);
    expect(t.leftOut).toEqual({ belowMinimum: 1, notPositive: 0, blank: 2 });
    expect([...t.amounts.keys()]).toEqual([36.08, 1153.35]);
  });

  it('reads the same in one piece or many', () => {
    const text = 'a,Amount\n1,10\n2,"2,500"\n3,99\n';
    expect(tally(text, 'Amount', 10, 7).tally).toEqual(tally(text).tally);
  });

  it('takes the minimum amount it is given', () => {
    expect(tally('Amount\n5\n50\n', 'Amount', 1).tally.n).toBe(2);
    expect(tally('Amount\n5\n50\n', 'Amount', 10).tally.n).toBe(1);
  });

  it('tallies a header alone as nothing', () => {
    expect(tally('x,Amount\n').tally.n).toBe(0);
  });
});

describe('what stops the reading, with the line', () => {
  it('a missing column: named, with the columns there are', () => {
    const err = errorOf('"VendorNum","Date","Amount"\n1,2,3\n', 'amount');
    expect(err.message).toBe('no column "amount"; the columns are "VendorNum", "Date", "Amount"');
    expect(err.line).toBe(1);
  });

  it('a cell that is not a number: its line, the cell and the column', () => {
    const err = errorOf('id,Amount\n1,12\n2,"$12.50"\n');
    expect(err.message).toBe('line 3: "$12.50" in column "Amount" is not a number');
    expect(err.line).toBe(3);
  });

  it('shows a cell of 40 characters whole', () => {
    const err = errorOf(`Amount\n${'x'.repeat(40)}\n`);
    expect(err.message).toBe(`line 2: "${'x'.repeat(40)}" in column "Amount" is not a number`);
  });

  it('cuts a long cell in the message', () => {
    const err = errorOf(`Amount\n${'x'.repeat(100)}\n`);
    expect(err.message).toBe(`line 2: "${'x'.repeat(40)}…" in column "Amount" is not a number`);
  });

  it('a record with more or fewer fields than the header', () => {
    expect(errorOf('a,Amount\n1,2\n3\n').message).toBe('line 3: 1 fields where the header has 2');
    expect(errorOf('a,Amount\n1,2,3\n').message).toBe('line 2: 3 fields where the header has 2');
  });

  it('bad CSV, with the line the reader names', () => {
    const err = errorOf('a,Amount\n1,"2\n');
    expect(err.message).toBe('line 2: a quoted field is never closed');
    expect(err.line).toBe(2);
    expect(errorOf('a,Amount\n1,2"\n').line).toBe(2);
  });

  it('an empty file: no header', () => {
    const err = errorOf('');
    expect(err.message).toBe('the file is empty: no header line');
    expect(err.line).toBeNull();
  });

  it('lets other errors through as they are', () => {
    const table = createColumnTally('Amount', 10);
    expect(() => table.push(undefined as unknown as string)).toThrow(TypeError);
  });
});
