/**
 * One column of a CSV table, tallied for Benford's tests as the text streams in: the
 * first record is the header, the column is found by its exact name, each later record
 * must have as many fields as the header, and each cell of the column must be an amount
 * (amount.ts) or blank. Anything else stops the reading with a TableError that names the
 * line (or, for a missing column, lists the columns there are): a table is evidence, and
 * a Benford result over the rows that happened to parse would be a different table's.
 */
import { parseAmount } from './amount.js';
import { createTallier, type BenfordTally } from './benford.js';
import { createCsvReader, CsvError, CSV_LIMITS } from './csv.js';
import { amountOfCell, cellText, readXlsxRows } from './xlsx.js';

export class TableError extends Error {
  constructor(
    message: string,
    /** The line of the file it is about; null for the whole file. */
    readonly line: number | null,
  ) {
    super(message);
  }
}

export interface ColumnTally {
  push(chunk: string): void;
  /** The end of the file: the tally, or a TableError. */
  end(): { columns: string[]; tally: BenfordTally };
}

/** Cells longer than this are cut in error messages. */
const SHOWN_CELL_CHARS = 40;
const shown = (cell: string) =>
  JSON.stringify(cell.length > SHOWN_CELL_CHARS ? `${cell.slice(0, SHOWN_CELL_CHARS)}…` : cell);

export function createColumnTally(
  column: string,
  minAmount: number,
  limits = CSV_LIMITS,
): ColumnTally {
  const tallier = createTallier(minAmount);
  let columns: string[] | null = null;
  let index = 0;
  const reader = createCsvReader((fields, line) => {
    if (columns === null) {
      columns = fields;
      index = fields.indexOf(column);
      if (index < 0)
        throw new TableError(
          `no column ${shown(column)}; the columns are ${fields.map(shown).join(', ')}`,
          line,
        );
      return;
    }
    if (fields.length !== columns.length)
      throw new TableError(
        `line ${line}: ${fields.length} fields where the header has ${columns.length}`,
        line,
      );
    const cell = fields[index]!;
    const amount = parseAmount(cell);
    if (amount.kind === 'invalid')
      throw new TableError(
        `line ${line}: ${shown(cell)} in column ${shown(column)} is not a number`,
        line,
      );
    if (amount.kind === 'blank') tallier.addBlank();
    else tallier.add(amount.value);
  }, limits);
  const guarded = (read: () => void) => {
    try {
      read();
    } catch (err) {
      if (err instanceof CsvError) throw new TableError(err.message, err.line);
      throw err;
    }
  };
  return {
    push: (chunk) => guarded(() => reader.push(chunk)),
    end() {
      guarded(() => reader.end());
      if (columns === null) throw new TableError('the file is empty: no header line', null);
      return { columns, tally: tallier.tally };
    },
  };
}

/**
 * The same for the first sheet of an XLSX workbook (xlsx.ts), read whole: its first row
 * is the header, and each cell of the column must be a number, a text that is an amount,
 * or blank. A workbook that cannot be read, or a cell that is not an amount, is a
 * TableError naming the row.
 */
export function tallyXlsxColumn(
  bytes: Uint8Array,
  column: string,
  minAmount: number,
): { columns: string[]; tally: BenfordTally } {
  const tallier = createTallier(minAmount);
  let columns: string[] | null = null;
  let index = 0;
  const read = readXlsxRows(bytes, (cells, line) => {
    if (columns === null) {
      columns = Array.from(cells, (cell) => cellText(cell));
      index = columns.indexOf(column);
      if (index < 0)
        throw new TableError(
          `no column ${shown(column)}; the columns are ${columns.map(shown).join(', ')}`,
          line,
        );
      return;
    }
    const cell = cells[index];
    const amount = amountOfCell(cell);
    if (amount.kind === 'invalid')
      throw new TableError(
        `row ${line}: ${shown(cellText(cell))} in column ${shown(column)} is not a number`,
        line,
      );
    if (amount.kind === 'blank') tallier.addBlank();
    else tallier.add(amount.value);
  });
  if (!read.readable) throw new TableError(read.reason, null);
  if (columns === null) throw new TableError('the first sheet is empty: no header row', null);
  return { columns, tally: tallier.tally };
}
