import { describe, expect, it } from 'vitest';
import { createCsvReader, CsvError, CSV_LIMITS } from './csv.js';

/** Every record of `text` read in pieces of `size` characters, with its line. */
function read(text: string, size = text.length || 1, limits = CSV_LIMITS) {
  const records: { fields: string[]; line: number }[] = [];
  const reader = createCsvReader((fields, line) => records.push({ fields, line }), limits);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  reader.end();
  return records;
}
const fieldsOf = (text: string, size?: number) => read(text, size).map((r) => r.fields);

function errorOf(text: string, limits = CSV_LIMITS): CsvError {
  try {
    read(text, text.length, limits);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('the CSV reader (RFC 4180)', () => {
  it('reads fields and records, with or without a last line break', () => {
    expect(fieldsOf('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('takes LF, CR LF and a lone CR as the end of a record', () => {
    expect(fieldsOf('a\rb\nc\r\nd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('keeps empty fields, at the start, the middle and the end', () => {
    expect(fieldsOf(',x,,\n')).toEqual([['', 'x', '', '']]);
  });

  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    expect(fieldsOf('"a,b","say ""hi""","two\nlines",""\n')).toEqual([
      ['a,b', 'say "hi"', 'two\nlines', ''],
    ]);
    expect(fieldsOf('"""",x\n')).toEqual([['"', 'x']]);
    expect(fieldsOf('"1,234.50"')).toEqual([['1,234.50']]);
  });

  it('skips empty lines but keeps a line of one quoted empty field', () => {
    expect(fieldsOf('a\n\n\r\n\rb\n')).toEqual([['a'], ['b']]);
    expect(fieldsOf('a\n""\n')).toEqual([['a'], ['']]);
    expect(fieldsOf('')).toEqual([]);
    expect(fieldsOf('\n')).toEqual([]);
  });

  it('drops a byte-order mark at the start, and only there', () => {
    expect(fieldsOf('\uFEFFa,b\n')).toEqual([['a', 'b']]);
    expect(fieldsOf('a,\uFEFFb\n')).toEqual([['a', '\uFEFFb']]);
    expect(fieldsOf('\uFEFF"a"\n')).toEqual([['a']]);
    // A piece that starts with one later in the text keeps it.
    expect(fieldsOf('a,\uFEFFb\n', 2)).toEqual([['a', '\uFEFFb']]);
  });

  it('drops the mark after an empty first piece', () => {
    const records: string[][] = [];
    const reader = createCsvReader((fields) => records.push(fields));
    reader.push('');
    reader.push('\uFEFFa,b\n');
    reader.end();
    expect(records).toEqual([['a', 'b']]);
  });

  it('reads the same records whatever the size of the pieces', () => {
    const text =
      '\uFEFFid,"note, with comma",amount\r\n1,"he said ""go""\r\nthen left",1\r\n2,,"3,000"\r\n';
    const whole = read(text);
    expect(whole).toEqual([
      { fields: ['id', 'note, with comma', 'amount'], line: 1 },
      { fields: ['1', 'he said "go"\r\nthen left', '1'], line: 2 },
      { fields: ['2', '', '3,000'], line: 4 },
    ]);
    for (const size of [1, 2, 3, 5, 7, 13]) expect(read(text, size)).toEqual(whole);
  });

  it('numbers records by the physical line they start on', () => {
    expect(read('a\n"x\ny"\r\n\nb\rc').map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it('counts lone CRs as line breaks, inside quotes too, and a CR after a CR as another', () => {
    expect(read('"a\rb",x\rc').map((r) => r.line)).toEqual([1, 3]);
    expect(read('"a\r\rb",x\r\rc').map((r) => r.line)).toEqual([1, 5]);
    expect(read('a\r\rb').map((r) => r.line)).toEqual([1, 3]);
    expect(read('\nb').map((r) => r.line)).toEqual([2]);
    expect(read('\r\nb').map((r) => r.line)).toEqual([2]);
  });

  it('counts a CR LF split between two pieces as one line break', () => {
    expect(read('a\r\nb\r\nc', 2).map((r) => r.line)).toEqual([1, 2, 3]);
  });
});

describe('what the CSV reader refuses, naming the line', () => {
  it('a quote inside an unquoted field', () => {
    const err = errorOf('a,b\nx,5"\n');
    expect(err.line).toBe(2);
    expect(err.message).toBe(
      'line 2: a quote inside an unquoted field (quote the whole field and double the quote)',
    );
  });

  it('text after a closing quote', () => {
    expect(errorOf('a\n\n"x"y\n').message).toBe('line 3: text after a closing quote');
  });

  it('a quoted field never closed, at the line it opened', () => {
    const err = errorOf('a\n"open\nstill\n');
    expect(err.message).toBe('line 2: a quoted field is never closed');
  });

  it('a field longer than the limit, quoted or not', () => {
    const limits = { maxFieldChars: 5, maxFields: 10 };
    expect(errorOf('12345\n123456\n', limits).message).toBe(
      'line 2: a field longer than 5 characters',
    );
    expect(errorOf('"12345"\n"12\n3456"\n', limits).line).toBe(2);
  });

  it('a record with more fields than the limit', () => {
    const limits = { maxFieldChars: 100, maxFields: 3 };
    expect(read('a,b,c\n', 100, limits)).toHaveLength(1);
    expect(errorOf('a,b,c\na,b,c,d\n', limits).message).toBe('line 2: more than 3 fields');
  });

  it('has limits for a field and a record that no sane table reaches', () => {
    expect(CSV_LIMITS).toEqual({ maxFieldChars: 1_048_576, maxFields: 10_000 });
  });
});
