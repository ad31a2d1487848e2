import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  evenFirstDigits,
  makeXlsx,
  withDeclaredSize,
  type SheetCell,
} from '../../../test/make-xlsx.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { benfordOfXlsx } from './attached-table.js';
import { createColumnTally, tallyXlsxColumn } from './table.js';
import { readXlsxRows, XLSX_LIMITS, type XlsxRow } from './xlsx.js';

const SETTINGS = { benfordMinValues: 300, benfordMinOrdersOfMagnitude: 2, benfordMinAmount: 10 };
const SHEET = 'xl/worksheets/sheet1.xml';

/** Amounts over 3 orders of magnitude, growing geometrically (they follow the law), shuffled. */
const conforming = (i: number) => Number((10 * 1.0023 ** ((i * 7) % 3000)).toFixed(2));

function workbook(rows: number, header: SheetCell[], row: (i: number) => SheetCell[]) {
  return makeXlsx([header, ...Array.from({ length: rows }, (_, i) => row(i))]);
}

function rowsOf(bytes: Uint8Array, limits = XLSX_LIMITS) {
  const rows: { cells: XlsxRow; number: number }[] = [];
  const read = readXlsxRows(bytes, (cells, number) => rows.push({ cells, number }), limits);
  return { read, rows };
}

describe('readXlsxRows', () => {
  it('reads the header from the shared strings and each cell by its column', () => {
    const { read, rows } = rowsOf(
      makeXlsx([
        ['id', 'amount & tax'],
        [1, 12.5],
        [2, { n: 1300 }],
      ]),
    );
    expect(read).toEqual({ readable: true });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(rows[0]!.cells).toEqual([
      { kind: 'text', text: 'id' },
      { kind: 'text', text: 'amount & tax' },
    ]);
    expect(rows[2]!.cells[1]).toEqual({ kind: 'number', value: 1300 });
  });

  it('reads inline strings, formula strings, booleans and empty cells', () => {
    const { rows } = rowsOf(
      makeXlsx([
        [{ inline: 'name' }, 'x'],
        [
          { raw: '<c r="A2" t="str"><f>A1</f><v>name</v></c>' },
          { raw: '<c r="C2" t="b"><v>1</v></c>' },
          { raw: '<c r="D2" s="3"/>' },
        ],
      ]),
    );
    expect(rows[0]!.cells[0]).toEqual({ kind: 'text', text: 'name' });
    expect(rows[1]!.cells[0]).toEqual({ kind: 'text', text: 'name' });
    expect(rows[1]!.cells[1]).toBeUndefined();
    expect(rows[1]!.cells[2]).toEqual({ kind: 'other' });
    expect(rows[1]!.cells[3]).toBeUndefined();
  });

  it('leaves out the phonetic runs of a shared string', () => {
    const strings =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>金額</t></r><rPh sb="0" eb="2"><t>キンガク</t></rPh></si></sst>';
    const { rows } = rowsOf(
      makeXlsx([[{ raw: '<c r="A1" t="s"><v>0</v></c>' }]], { 'xl/sharedStrings.xml': strings }),
    );
    expect(rows[0]!.cells[0]).toEqual({ kind: 'text', text: '金額' });
  });

  it('finds the first sheet through the workbook relationships', () => {
    const bytes = makeXlsx([['a'], [5]], {
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/data.xml"/></Relationships>',
      [SHEET]: null,
      'xl/worksheets/data.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="4"><c r="A4"><v>7</v></c></row></sheetData></worksheet>',
    });
    const { read, rows } = rowsOf(bytes);
    expect(read.readable).toBe(true);
    expect(rows.map((r) => [r.number, r.cells[0]])).toEqual([
      [1, { kind: 'text', text: 'a' }],
      [4, { kind: 'number', value: 7 }],
    ]);
  });

  it('reads parts whose elements carry a namespace prefix (as the Open XML SDK writes them)', () => {
    const X = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const bytes = makeXlsx([], {
      'xl/workbook.xml': `<x:workbook ${X} xmlns:r="r"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      'xl/sharedStrings.xml': `<x:sst ${X}><x:si><x:t>Amount</x:t></x:si></x:sst>`,
      [SHEET]: `<x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>125.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const { read, rows } = rowsOf(bytes);
    expect(read.readable).toBe(true);
    expect(rows.map((r) => r.cells[0])).toEqual([
      { kind: 'text', text: 'Amount' },
      { kind: 'number', value: 125.5 },
    ]);
  });

  it('refuses a workbook whose first sheet is missing', () => {
    expect(rowsOf(makeXlsx([['a']], { [SHEET]: null })).read).toEqual({
      readable: false,
      reason: `the first sheet (${SHEET}) is missing`,
    });
  });

  it('refuses a sheet whose XML is broken', () => {
    const bytes = makeXlsx([['a']], {
      [SHEET]: '<worksheet><sheetData><row r="1"><c r="A1"><v>12</v></row></sheetData>',
    });
    const { read } = rowsOf(bytes);
    expect(read.readable).toBe(false);
  });

  it('refuses a cell reference that is not one, and a shared string that is not there', () => {
    const bad = (cell: string) => rowsOf(makeXlsx([[{ raw: cell }]])).read;
    expect(bad('<c r="1A"><v>1</v></c>')).toMatchObject({ readable: false });
    expect(bad('<c r="A1" t="s"><v>99</v></c>')).toMatchObject({ readable: false });
  });

  it('refuses a sheet of more cells than the limit, its rows counted as cells', () => {
    const bytes = makeXlsx(Array.from({ length: 6 }, (_, i) => [i + 1]));
    expect(rowsOf(bytes, { ...XLSX_LIMITS, cellsMax: 11 }).read).toEqual({
      readable: false,
      reason: 'more than 11 cells in the sheet',
    });
    expect(rowsOf(bytes, { ...XLSX_LIMITS, cellsMax: 12 }).read.readable).toBe(true);
    const emptyRows = makeXlsx(Array.from({ length: 13 }, () => []));
    expect(rowsOf(emptyRows, { ...XLSX_LIMITS, cellsMax: 12 }).read.readable).toBe(false);
  });

  it('refuses a zip bomb from its declared size, before inflating it', () => {
    const bomb = withDeclaredSize(makeXlsx([['a'], [1]]), SHEET, 0xf000_0000);
    const started = performance.now();
    const { read } = rowsOf(bomb);
    expect(performance.now() - started).toBeLessThan(100);
    expect(read).toMatchObject({ readable: false });
    expect((read as { reason: string }).reason).toMatch(/more than 134217728 \(a zip bomb\)$/);
  });

  it('stops a zip bomb that lies about its size after one step (100 MB of zeros declared as 1 kB)', () => {
    const zeros = new Uint8Array(100 * 1024 * 1024);
    const bomb = withDeclaredSize(makeXlsx([['a']], { [SHEET]: zeros }), SHEET, 1024);
    const started = performance.now();
    const { read } = rowsOf(bomb);
    // One step of 4 kB compressed (≤ 4 MB out) is inflated, never the 100 MB.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read).toEqual({
      readable: false,
      reason: `${SHEET} inflates to more than the 1024 bytes it declares (a zip bomb)`,
    });
  });

  it('refuses a ZIP that is not a workbook, an OLE2 file, and garbage', () => {
    const notXlsx = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect(rowsOf(notXlsx).read).toEqual({
      readable: false,
      reason: 'no xl/workbook.xml: not an XLSX workbook',
    });
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(rowsOf(ole).read).toMatchObject({
      readable: false,
      reason: expect.stringMatching(/^an OLE2 compound file/),
    });
    expect(rowsOf(strToU8('id,amount\n1,2\n')).read).toEqual({
      readable: false,
      reason: 'not a ZIP archive',
    });
  });

  it('never throws for a workbook cut short or with bytes changed', () => {
    const bytes = workbook(300, ['amount'], (i) => [conforming(i)]);
    for (let cut = 0; cut < bytes.length; cut += 97)
      expect(() => rowsOf(bytes.subarray(0, cut))).not.toThrow();
    for (let at = 0; at < bytes.length; at += 7) {
      const changed = bytes.slice();
      changed[at] = changed[at]! ^ 0x5a;
      expect(() => rowsOf(changed)).not.toThrow();
    }
  });
});

describe('benfordOfXlsx', () => {
  it('finds a geometric series conforming, stored with t="n" or without t', () => {
    const out = benfordOfXlsx(
      workbook(3000, ['plain', 'typed'], (i) => [conforming(i), { n: conforming(i + 1) }]),
      SETTINGS,
    );
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([0, 1]);
    for (const { result } of out.columns) {
      expect(result.n).toBe(3000);
      expect(result.firstDigit!.conformity).not.toBe('nonconformity');
    }
  });

  it('finds first digits spread evenly nonconforming', () => {
    const out = benfordOfXlsx(
      workbook(3000, ['amount'], (i) => [evenFirstDigits(i)]),
      SETTINGS,
    );
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns).toHaveLength(1);
    expect(out.columns[0]!.result.firstDigit!.conformity).toBe('nonconformity');
  });

  it('leaves out a text column and a rising id, and keeps the amounts by their position', () => {
    const out = benfordOfXlsx(
      workbook(3000, ['id', 'label', 'amount'], (i) => [
        i + 1,
        `item ${i % 7}`,
        evenFirstDigits(i),
      ]),
      SETTINGS,
    );
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([2]);
  });

  it('reads amounts stored as text as a CSV cell is read, and blanks as blanks', () => {
    const out = benfordOfXlsx(
      workbook(3000, ['amount'], (i) => [
        i % 10 === 0 ? null : { inline: evenFirstDigits(i).toFixed(2) },
      ]),
      SETTINGS,
    );
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns[0]!.result.n).toBe(2700);
  });

  it('says why a workbook could not be read', () => {
    expect(benfordOfXlsx(strToU8('garbage'), SETTINGS)).toEqual({
      readable: false,
      reason: 'not a ZIP archive',
    });
  });
});

describe('tallyXlsxColumn', () => {
  it('tallies the column named in the header', () => {
    const bytes = workbook(500, ['id', 'Amount'], (i) => [i + 1, evenFirstDigits(i)]);
    const { columns, tally } = tallyXlsxColumn(bytes, 'Amount', 10);
    expect(columns).toEqual(['id', 'Amount']);
    expect(tally.n).toBe(500);
  });

  it('names the columns there are when the column is not one of them', () => {
    const bytes = workbook(5, ['id', 'Amount'], (i) => [i + 1, evenFirstDigits(i)]);
    expect(() => tallyXlsxColumn(bytes, 'amount', 10)).toThrow(
      'no column "amount"; the columns are "id", "Amount"',
    );
  });

  it('names the row of a cell that is not a number', () => {
    const bytes = makeXlsx([['Amount'], [12], ['twelve']]);
    expect(() => tallyXlsxColumn(bytes, 'Amount', 10)).toThrow(
      'row 3: "twelve" in column "Amount" is not a number',
    );
  });
});

describe('a workbook written by exceljs (test/fixtures/benford/)', () => {
  const EXCELJS = readFileSync(
    new URL('../../../test/fixtures/benford/census.2009.exceljs.xlsx', import.meta.url),
  );

  it('gives the tally of the CSV it was made from', () => {
    const csv = createColumnTally('pop.2009', 10);
    csv.push(readFileSync(join(sharedFixtures(), 'benford', 'census.2009.csv'), 'utf8'));
    const fromCsv = csv.end();
    const fromXlsx = tallyXlsxColumn(EXCELJS, 'pop.2009', 10);
    expect(fromXlsx.columns).toEqual(['state', 'pop.2009', 'rank']);
    expect(fromXlsx.tally.n).toBe(19_482);
    expect(fromXlsx.tally).toEqual(fromCsv.tally);
  });

  it('tests the populations only: the states are text and the rank a rising id', () => {
    const out = benfordOfXlsx(EXCELJS, SETTINGS);
    if (!out.readable) throw new Error(out.reason);
    expect(out.columns.map((c) => c.column)).toEqual([1]);
    expect(out.columns[0]!.result.firstDigit!.conformity).not.toBe('nonconformity');
  });
});
