/**
 * Benford's tests over an attached table, every numeric column at once: a CSV is read
 * as it streams (csv.ts), an XLSX workbook's first sheet row by row (xlsx.ts); the first
 * record is the header, and each of its first TABLE_COLUMNS_MAX columns is tallied while
 * all its cells are amounts or blank (amount.ts; in a sheet, a number cell is an amount);
 * a column with any other cell is not numeric and is dropped. A CSV whose records do not
 * match its header is not analysed at all (a table is evidence: the tests over rows that
 * happened to parse would be of another table). The columns the tests ran on (enough
 * values over enough orders of magnitude: BENFORD_SETTINGS) are returned by their
 * position, never by their name (the file's text stays sealed). A column of integers
 * that only ever go up is a row number or an id, not amounts: it is left out (numbers
 * counted from 1 to N do not follow the law, and never should).
 */
import { parseAmount, type Amount } from './amount.js';
import {
  analyseBenford,
  createTallier,
  type BenfordResult,
  type BenfordSettings,
} from './benford.js';
import { createCsvReader, CsvError, CSV_LIMITS } from './csv.js';
import { amountOfCell, readXlsxRows } from './xlsx.js';

/** Columns of one table tallied at most (each keeps its own counts). */
export const TABLE_COLUMNS_MAX = 32;
/** Distinct amounts one column counts for its duplicates (bounds memory per column). */
export const TABLE_DISTINCT_MAX = 100_000;

export interface TableColumnResult {
  /** The column's position in the header, from 0. */
  column: number;
  result: BenfordResult;
}

export type TableBenford =
  { readable: true; columns: TableColumnResult[] } | { readable: false; reason: string };

type TableSettings = BenfordSettings & { benfordMinAmount: number };

/**
 * The numeric columns of one table as its records come: the first `columnCount` (at most
 * TABLE_COLUMNS_MAX) are tallied while every cell is an amount or blank, and tested at the
 * end. The one tally of the CSV and the XLSX readers.
 */
export function createTableTally(columnCount: number, settings: TableSettings) {
  const columns: ({
    tallier: ReturnType<typeof createTallier>;
    last: number;
    rising: boolean;
  } | null)[] = Array.from({ length: Math.min(columnCount, TABLE_COLUMNS_MAX) }, () => ({
    tallier: createTallier(settings.benfordMinAmount, TABLE_DISTINCT_MAX),
    last: -Infinity,
    rising: true,
  }));
  return {
    /** One record: each tallied column's cell, as an amount. */
    add(amountAt: (column: number) => Amount) {
      columns.forEach((column, i) => {
        if (column === null) return;
        const amount = amountAt(i);
        if (amount.kind === 'invalid') columns[i] = null;
        else if (amount.kind === 'blank') column.tallier.addBlank();
        else {
          column.tallier.add(amount.value);
          column.rising &&= Number.isInteger(amount.value) && amount.value > column.last;
          column.last = amount.value;
        }
      });
    },
    /** The columns the tests ran on. */
    tested(): TableColumnResult[] {
      const tested: TableColumnResult[] = [];
      columns.forEach((column, i) => {
        if (column === null || column.tallier.tally.n === 0 || column.rising) return;
        const result = analyseBenford(column.tallier.tally, settings, 3);
        if (result.refused === null) tested.push({ column: i, result });
      });
      return tested;
    },
  };
}

export function benfordOfTable(text: string, settings: TableSettings): TableBenford {
  let header: number | null = null;
  let table: ReturnType<typeof createTableTally> | null = null;
  let broken: string | null = null;
  const reader = createCsvReader((fields, line) => {
    if (broken !== null) return;
    if (header === null) {
      header = fields.length;
      table = createTableTally(fields.length, settings);
      return;
    }
    if (fields.length !== header) {
      broken = `line ${line}: ${fields.length} fields where the header has ${header}`;
      return;
    }
    table!.add((i) => parseAmount(fields[i]!));
  }, CSV_LIMITS);
  try {
    reader.push(text);
    reader.end();
  } catch (err) {
    if (err instanceof CsvError) return { readable: false, reason: err.message };
    throw err;
  }
  if (broken !== null) return { readable: false, reason: broken };
  if (table === null) return { readable: false, reason: 'no header line' };
  return { readable: true, columns: (table as ReturnType<typeof createTableTally>).tested() };
}

/**
 * The same tests over the first sheet of an XLSX workbook (xlsx.ts): its first row is the
 * header, a column is numeric while each cell is a number, a text that is an amount, or
 * blank. Never throws, whatever the bytes.
 */
export function benfordOfXlsx(bytes: Uint8Array, settings: TableSettings): TableBenford {
  let table: ReturnType<typeof createTableTally> | null = null;
  try {
    const read = readXlsxRows(bytes, (cells) => {
      if (table === null) table = createTableTally(cells.length, settings);
      else table.add((i) => amountOfCell(cells[i]));
    });
    if (!read.readable) return read;
  } catch (err) {
    // A failure of its own (memory) is a table not read, not a worker that dies.
    return { readable: false, reason: `not read: ${err instanceof Error ? err.name : 'error'}` };
  }
  if (table === null) return { readable: false, reason: 'the first sheet has no rows' };
  return { readable: true, columns: (table as ReturnType<typeof createTableTally>).tested() };
}
