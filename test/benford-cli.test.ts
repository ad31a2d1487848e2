/**
 * `tipwire benford` through the real binary (dist/cli/main.js), on the published data
 * sets of benford.analysis (../shared/fixtures/benford/) and on small files of our own:
 * the figures, a refusal, a missing column and a bad row named; the same figures from a
 * workbook made of the same data (test/make-xlsx.ts: no office suite runs offline here).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { parseAmount } from '../src/verify/benford/amount.js';
import { createCsvReader, CSV_LIMITS } from '../src/verify/benford/csv.js';
import { runCli, tempDir } from './helpers.js';
import { makeXlsx, type SheetCell } from './make-xlsx.js';
import { sharedFixtures } from './shared-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const PAYMENTS = path.join(sharedFixtures(), 'benford/corporate.payment.csv');
const TOWNS = path.join(sharedFixtures(), 'benford/census.2009.csv');

interface Out {
  n: number;
  refused: { reason: string } | null;
  firstDigit: { mad: number; chiSquare: number; conformity: string; bins?: unknown[] } | null;
  firstTwoDigits: { mad: number; chiSquare: number; conformity: string; bins?: unknown[] } | null;
  duplicates: { value: number; count: number }[];
  overRepresented: { digits: number }[];
  finding: string | null;
  [key: string]: unknown;
}

function benford(args: string[], env: Record<string, string> = {}): Out {
  const r = runCli(['benford', ...args], env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Out;
}

function write(name: string, text: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('tipwire benford', () => {
  it('gives the published figures of the payments data: n 177,763, MADs 0.01464 and 0.00243, 50.00 ×6,022 and 1,153.35 ×2,264', () => {
    const out = benford([PAYMENTS, '--column', 'Amount', '--min', '10']);
    expect(out.n).toBe(177_763);
    expect(out.column).toBe('Amount');
    expect(out.minAmount).toBe(10);
    expect(out.refused).toBeNull();
    expect(out.firstDigit).toMatchObject({ conformity: 'marginal', degreesOfFreedom: 8 });
    expect(out.firstDigit!.mad).toBeCloseTo(0.01464, 5);
    expect(out.firstTwoDigits).toMatchObject({ conformity: 'nonconformity', degreesOfFreedom: 89 });
    expect(out.firstTwoDigits!.mad).toBeCloseTo(0.00243, 5);
    expect(out.firstDigit!.chiSquare).toBeGreaterThan(0);
    expect(out.duplicates.slice(0, 2)).toEqual([
      { value: 50, count: 6022 },
      { value: 1153.35, count: 2264 },
    ]);
    expect(out.duplicates).toHaveLength(10);
    expect(out.overRepresented[0]!.digits).toBe(50);
    expect(out.finding).toBe('benford.nonconforming');
    expect(out.firstDigit!.bins).toBeUndefined();
  });

  it('gives the published chi-square of the towns data, about 108, at the default minimum of 10', () => {
    const out = benford([TOWNS, '--column', 'pop.2009']);
    expect(out.n).toBe(19_482);
    expect(out.minAmount).toBe(10);
    expect(Math.round(out.firstTwoDigits!.chiSquare)).toBe(108);
  });

  it('lists every digit bin with --digits, and as many duplicates as --top says', () => {
    const out = benford([TOWNS, '--column', 'pop.2009', '--digits', '--top', '2']);
    expect(out.firstDigit!.bins).toHaveLength(9);
    expect(out.firstTwoDigits!.bins).toHaveLength(90);
    expect(out.duplicates.length).toBeLessThanOrEqual(2);
    expect(out.overRepresented).toHaveLength(2);
  });

  it('refuses too few values, saying why, and exits 0', () => {
    const file = write('few.csv', 'Amount\n12\n250\n3100\n');
    const out = benford([file, '--column', 'Amount']);
    expect(out.n).toBe(3);
    expect(out.refused).toEqual({ reason: 'too_few_values', n: 3, minValues: 300 });
    expect(out.firstDigit).toBeNull();
    expect(out.finding).toBeNull();
    const lowered = benford([file, '--column', 'Amount'], {
      TIPWIRE_BENFORD_MIN_VALUES: '3',
      TIPWIRE_BENFORD_MIN_ORDERS_OF_MAGNITUDE: '1',
    });
    expect(lowered.refused).toBeNull();
    expect(lowered.firstDigit).not.toBeNull();
  });

  it('reads quoted amounts with thousands separators, a BOM and CR LF', () => {
    const file = write('bom.csv', '\uFEFF"id","Amount"\r\n1,"1,234.50"\r\n2,99\r\n');
    const out = benford([file, '--column', 'Amount', '--min', '0']);
    expect(out.n).toBe(2);
    expect(out.leftOut).toEqual({ belowMinimum: 0, notPositive: 0, blank: 0 });
  });
});

/** The payments CSV as a workbook: vendor numbers and amounts as number cells, the rest as text. */
function paymentsWorkbook(): Uint8Array {
  const rows: SheetCell[][] = [];
  const reader = createCsvReader((fields) => {
    rows.push(
      fields.map((field) => {
        const amount = parseAmount(field);
        return rows.length > 0 && amount.kind === 'number' ? amount.value : { inline: field };
      }),
    );
  }, CSV_LIMITS);
  reader.push(readFileSync(PAYMENTS, 'utf8'));
  reader.end();
  return makeXlsx(rows);
}

describe('tipwire benford FILE.xlsx', () => {
  it('gives the same figures for the payments data made a workbook as for its CSV', () => {
    const file = write('payments.xlsx', paymentsWorkbook());
    const fromCsv = benford([PAYMENTS, '--column', 'Amount', '--min', '10']);
    const fromXlsx = benford([file, '--column', 'Amount', '--min', '10']);
    expect(fromXlsx.n).toBe(177_763);
    expect({ ...fromXlsx, file: null }).toEqual({ ...fromCsv, file: null });
  });

  it('knows a workbook by its bytes whatever its name', () => {
    const rows = [['Amount'], ...Array.from({ length: 5 }, (_, i) => [10 ** (i + 1)])];
    const out = benford([write('sheet.bin', makeXlsx(rows)), '--column', 'Amount']);
    expect(out.n).toBe(5);
    expect(out.refused).toMatchObject({ reason: 'too_few_values' });
  });
});

describe('tipwire benford: errors, named, exit ≠ 0', () => {
  const fails = (args: string[], message: string | RegExp, status = 1) => {
    const r = runCli(['benford', ...args]);
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  };

  it('a missing column, with the columns there are', () => {
    fails(
      [PAYMENTS, '--column', 'amount'],
      `tipwire: ${PAYMENTS}: no column "amount"; the columns are "VendorNum", "Date", "InvNum", "Amount"`,
    );
  });

  it('a bad row, with its line', () => {
    const file = write('bad.csv', 'id,Amount\n1,12\n2,"12 000"\n');
    fails(
      [file, '--column', 'Amount'],
      `tipwire: ${file}: line 3: "12 000" in column "Amount" is not a number`,
    );
  });

  it('bad CSV, with its line', () => {
    const file = write('quote.csv', 'id,Amount\n1,12\n2,"12\n');
    fails([file, '--column', 'Amount'], `tipwire: ${file}: line 3: a quoted field is never closed`);
  });

  it('a workbook that is not one, and a cell that is not a number, with its row', () => {
    const zip = write('notes.xlsx', zipSync({ 'notes.txt': strToU8('not a sheet') }));
    fails([zip, '--column', 'Amount'], `tipwire: ${zip}: no xl/workbook.xml: not an XLSX workbook`);
    const bad = write('bad.xlsx', makeXlsx([['Amount'], [12], [{ inline: '12 000' }]]));
    fails(
      [bad, '--column', 'Amount'],
      `tipwire: ${bad}: row 3: "12 000" in column "Amount" is not a number`,
    );
  });

  it('a file that is not there, and a folder', () => {
    fails([path.join(dir, 'none.csv'), '--column', 'Amount'], 'none.csv: no such file', 2);
    fails([dir, '--column', 'Amount'], 'is a folder, not a file', 2);
  });

  it('bad options', () => {
    fails([PAYMENTS], /required option '--column <name>' not specified/);
    fails(
      [PAYMENTS, '--column', 'Amount', '--min', 'ten'],
      /'--min <amount>' argument 'ten' is invalid/,
    );
    fails([PAYMENTS, '--column', 'Amount', '--top', '0'], /'--top <n>' argument '0' is invalid/);
  });
});
