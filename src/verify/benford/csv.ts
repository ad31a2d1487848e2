/**
 * CSV as RFC 4180 writes it, read as it streams: the caller pushes text in chunks of
 * any size (a quote, a CR LF or a field may straddle two) and gets each record, with the
 * line it starts on, as soon as it ends. Nothing is kept but the record being read, and
 * that is bounded (CSV_LIMITS): a runaway quote or a binary file fails on its line
 * instead of filling memory.
 *
 * What it takes: fields separated by commas; a field in double quotes may hold commas,
 * line breaks and doubled quotes (""); records end with CR LF, LF or a lone CR; a UTF-8
 * byte-order mark at the start is dropped; an empty line is skipped (RFC 4180 reads it as
 * a record of one empty field, which no table means); the last record may lack its line
 * break. What it refuses, naming the line: a quote inside an unquoted field, text after a
 * closing quote, a quote left open at the end, a field or record over the limits. Lines
 * are physical lines of the file, counted from 1, so a quoted line break moves them on.
 */

export const CSV_LIMITS = {
  /** Characters in one field. */
  maxFieldChars: 1_048_576,
  /** Fields in one record. */
  maxFields: 10_000,
};

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface CsvReader {
  push(chunk: string): void;
  /** The end of the text: the last record, or an error for a quote left open. */
  end(): void;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** `closed`: a quote ended a quoted field, or begins a doubled one. */
type State = 'start' | 'unquoted' | 'quoted' | 'closed';

export function createCsvReader(
  onRecord: (fields: string[], line: number) => void,
  limits = CSV_LIMITS,
): CsvReader {
  let state: State = 'start';
  let fields: string[] = [];
  let field = '';
  /** The field began with a quote (so an empty line of "" is a record). */
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  /** The last character was a CR: an LF now ends the same line. */
  let afterCr = false;
  let atTextStart = true;

  const append = (text: string) => {
    field += text;
    if (field.length > limits.maxFieldChars)
      throw new CsvError(recordLine, `a field longer than ${limits.maxFieldChars} characters`);
  };
  const endField = () => {
    fields.push(field);
    if (fields.length > limits.maxFields)
      throw new CsvError(recordLine, `more than ${limits.maxFields} fields`);
    field = '';
    state = 'start';
  };
  const endRecord = () => {
    // An empty line (or the LF of a CR LF) ends no record.
    if (fields.length > 0 || field !== '' || quoted) {
      endField();
      onRecord(fields, recordLine);
    }
    fields = [];
    quoted = false;
    state = 'start';
  };

  return {
    push(chunk) {
      let i = 0;
      const n = chunk.length;
      if (atTextStart && n > 0) {
        atTextStart = false;
        if (chunk.charCodeAt(0) === BOM) i = 1;
      }
      /** Where the text not yet added to the field starts: it is added at the next special character. */
      let pending = i;
      for (; i < n; i++) {
        const c = chunk.charCodeAt(i);
        const lineBreak = c === CR || c === LF;
        if (lineBreak && !(c === LF && afterCr)) line += 1;
        afterCr = c === CR;
        if (state === 'quoted') {
          // Everything but a quote is the field's, line breaks too.
          if (c === QUOTE) {
            append(chunk.slice(pending, i));
            state = 'closed';
            pending = i + 1;
          }
        } else if (c === COMMA || lineBreak) {
          append(chunk.slice(pending, i));
          if (lineBreak) {
            endRecord();
            recordLine = line;
          } else endField();
          pending = i + 1;
        } else if (c === QUOTE) {
          if (state === 'closed') {
            // "" inside a quoted field: the second quote is the field's, and it goes on.
            state = 'quoted';
            pending = i;
          } else if (state === 'start') {
            state = 'quoted';
            quoted = true;
            pending = i + 1;
          } else {
            throw new CsvError(
              recordLine,
              'a quote inside an unquoted field (quote the whole field and double the quote)',
            );
          }
        } else if (state === 'closed') {
          throw new CsvError(recordLine, 'text after a closing quote');
        } else {
          // Stryker disable next-line StringLiteral: any name but the other three states reads the same
          state = 'unquoted';
        }
      }
      append(chunk.slice(pending, n));
    },
    end() {
      if (state === 'quoted') throw new CsvError(recordLine, 'a quoted field is never closed');
      endRecord();
    },
  };
}
