/**
 * One column of a CSV table, tallied for Benford's tests as the text streams in: the
 * first record is the header, the column is found by its exact name, each later record
 * must have as many fields as the header, and each cell of the column must be an amount
 * (amount.ts) or blank. Anything else stops the reading with a TableError that names the
 * line (or, for a missing column, lists the columns there are): a table is evidence, and
 * a Benford result over the rows that happened to parse would be a different table's.
 */
import { parseAmount, type Amount } from './amount.js';
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

/**
 * One named column's tally as the records of a table come, whatever the table's format:
 * the header finds the column (or lists the columns there are), each later record adds its
 * cell (or names the `place`, "line 7" or "row 7", of one that is not an amount).
 */
function namedColumnTally(column: string, minAmount: number) {
  const tallier = createTallier(minAmount);
  let columns: string[] | null = null;
  let index = 0;
  return {
    /** The header's names; the column's position in them. */
    header(names: string[], line: number): number {
      columns = names;
      index = names.indexOf(column);
      if (index < 0)
        throw new TableError(
          `no column ${shown(column)}; the columns are ${names.map(shown).join(', ')}`,
          line,
        );
      return index;
    },
    columns: () => columns,
    add(amount: Amount, cell: string, place: string, line: number) {
      if (amount.kind === 'invalid')
        throw new TableError(
          `${place}: ${shown(cell)} in column ${shown(column)} is not a number`,
          line,
        );
      if (amount.kind === 'blank') tallier.addBlank();
      else tallier.add(amount.value);
    },
    /** The tally, or a TableError when no header came (`empty` says so). */
    end(empty: string): { columns: string[]; tally: BenfordTally } {
      if (columns === null) throw new TableError(empty, null);
      return { columns, tally: tallier.tally };
    },
  };
}

export function createColumnTally(
  column: string,
  minAmount: number,
  limits = CSV_LIMITS,
): ColumnTally {
  const table = namedColumnTally(column, minAmount);
  let index = -1;
  const reader = createCsvReader((fields, line) => {
    const columns = table.columns();
    if (columns === null) {
      index = table.header(fields, line);
      return;
    }
    if (fields.length !== columns.length)
      throw new TableError(
        `line ${line}: ${fields.length} fields where the header has ${columns.length}`,
        line,
      );
    const cell = fields[index]!;
    table.add(parseAmount(cell), cell, `line ${line}`, line);
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
      return table.end('the file is empty: no header line');
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
  const table = namedColumnTally(column, minAmount);
  let index = -1;
  const read = readXlsxRows(bytes, (cells, row) => {
    if (table.columns() === null) {
      index = table.header(Array.from(cells, cellText), row);
      return;
    }
    const cell = cells[index];
    table.add(amountOfCell(cell), cellText(cell), `row ${row}`, row);
  });
  if (!read.readable) throw new TableError(read.reason, null);
  return table.end('the first sheet is empty: no header row');
}
