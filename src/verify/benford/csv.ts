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

const endsQuotedRun = (c: number) => c === QUOTE || c === CR || c === LF;
const endsUnquotedRun = (c: number) => c === QUOTE || c === CR || c === LF || c === COMMA;

export function createCsvReader(
  onRecord: (fields: string[], line: number) => void,
  limits = CSV_LIMITS,
): CsvReader {
  let state: State = 'start';
  let fields: string[] = [];
  let field = '';
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
    quoted = false;
    state = 'start';
  };
  const endRecord = () => {
    const empty = fields.length === 0 && field === '' && !quoted;
    if (!empty) {
      endField();
      onRecord(fields, recordLine);
    }
    fields = [];
    field = '';
    quoted = false;
    state = 'start';
  };
  /** Counts a line break character; true when it starts a new line (not the LF of a CR LF). */
  const breakLine = (c: number): boolean => {
    const counted = !(c === LF && afterCr);
    if (counted) line += 1;
    afterCr = c === CR;
    return counted;
  };

  return {
    push(chunk) {
      let i = 0;
      const n = chunk.length;
      if (atTextStart && n > 0) {
        atTextStart = false;
        if (chunk.charCodeAt(0) === BOM) i = 1;
      }
      while (i < n) {
        const c = chunk.charCodeAt(i);
        if (state === 'quoted') {
          if (c === QUOTE) {
            state = 'closed';
            afterCr = false;
          } else if (c === CR || c === LF) {
            breakLine(c);
            append(chunk[i]!);
          } else {
            // A run of plain characters at once.
            let j = i + 1;
            while (j < n && !endsQuotedRun(chunk.charCodeAt(j))) j++;
            append(chunk.slice(i, j));
            afterCr = false;
            i = j;
            continue;
          }
          i++;
          continue;
        }
        if (c === CR || c === LF) {
          const newLine = breakLine(c);
          if (newLine) endRecord();
          recordLine = line;
          i++;
          continue;
        }
        afterCr = false;
        if (c === COMMA) {
          endField();
        } else if (c === QUOTE) {
          if (state === 'closed') {
            // "" inside a quoted field: one quote, and the field goes on.
            append('"');
            state = 'quoted';
          } else if (state === 'start') {
            state = 'quoted';
            quoted = true;
          } else {
            throw new CsvError(
              recordLine,
              'a quote inside an unquoted field (quote the whole field and double the quote)',
            );
          }
        } else if (state === 'closed') {
          throw new CsvError(recordLine, 'text after a closing quote');
        } else {
          let j = i + 1;
          while (j < n && !endsUnquotedRun(chunk.charCodeAt(j))) j++;
          append(chunk.slice(i, j));
          state = 'unquoted';
          i = j;
          continue;
        }
        i++;
      }
    },
    end() {
      if (state === 'quoted') throw new CsvError(recordLine, 'a quoted field is never closed');
      endRecord();
    },
  };
}
