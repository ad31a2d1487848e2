/**
 * Benford's tests over an attached table, every numeric column at once: the CSV is read
 * as it streams (csv.ts), its first record is the header, and each of its first
 * TABLE_COLUMNS_MAX columns is tallied while all its cells are amounts or blank
 * (amount.ts); a column with any other cell is not numeric and is dropped. A table whose
 * records do not match its header is not analysed at all (a table is evidence: the tests
 * over rows that happened to parse would be of another table). The columns the tests ran
 * on (enough values over enough orders of magnitude: BENFORD_SETTINGS) are returned by
 * their position, never by their name (the file's text stays sealed). A column of
 * integers that only ever go up is a row number or an id, not amounts: it is left out
 * (numbers counted from 1 to N do not follow the law, and never should).
 */
import { parseAmount } from './amount.js';
import {
  analyseBenford,
  createTallier,
  type BenfordResult,
  type BenfordSettings,
} from './benford.js';
import { createCsvReader, CsvError, CSV_LIMITS } from './csv.js';

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

export function benfordOfTable(
  text: string,
  settings: BenfordSettings & { benfordMinAmount: number },
): TableBenford {
  let header: number | null = null;
  let columns: ({
    tallier: ReturnType<typeof createTallier>;
    last: number;
    rising: boolean;
  } | null)[] = [];
  let broken: string | null = null;
  const reader = createCsvReader((fields, line) => {
    if (broken !== null) return;
    if (header === null) {
      header = fields.length;
      columns = fields.slice(0, TABLE_COLUMNS_MAX).map(() => ({
        tallier: createTallier(settings.benfordMinAmount, TABLE_DISTINCT_MAX),
        last: -Infinity,
        rising: true,
      }));
      return;
    }
    if (fields.length !== header) {
      broken = `line ${line}: ${fields.length} fields where the header has ${header}`;
      return;
    }
    columns.forEach((column, i) => {
      if (column === null) return;
      const amount = parseAmount(fields[i]!);
      if (amount.kind === 'invalid') columns[i] = null;
      else if (amount.kind === 'blank') column.tallier.addBlank();
      else {
        column.tallier.add(amount.value);
        column.rising &&= Number.isInteger(amount.value) && amount.value > column.last;
        column.last = amount.value;
      }
    });
  }, CSV_LIMITS);
  try {
    reader.push(text);
    reader.end();
  } catch (err) {
    if (err instanceof CsvError) return { readable: false, reason: err.message };
    throw err;
  }
  if (broken !== null) return { readable: false, reason: broken };
  if (header === null) return { readable: false, reason: 'no header line' };
  const tested: TableColumnResult[] = [];
  columns.forEach((column, i) => {
    if (column === null || column.tallier.tally.n === 0 || column.rising) return;
    const result = analyseBenford(column.tallier.tally, settings, 3);
    if (result.refused === null) tested.push({ column: i, result });
  });
  return { readable: true, columns: tested };
}
