/**
 * `tipwire benford FILE.csv|FILE.xlsx --column NAME`: Benford's first-digit and
 * first-two-digit tests on one column of a CSV file or of an XLSX workbook's first sheet
 * (by the name's extension or the ZIP's magic bytes), as JSON: how many values were tested and left out,
 * their span, each test's MAD, chi-square and Nigrini conformity, the most over-represented
 * first two digits, the most duplicated amounts, and the finding code the check would give.
 * A CSV is streamed (any size, bounded memory), a workbook read whole within the XLSX
 * limits (verify/benford/xlsx.ts); a missing column, a bad row, bad CSV or a workbook that
 * cannot be read stops it with the line named and exit 1. Too little data is an answer,
 * not an error: `refused` says why, exit 0. The rules are verify/benford/'s.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { analyseBenford, type DigitTest } from '../verify/benford/benford.js';
import { benfordFinding } from '../verify/benford/benford.check.js';
import { createColumnTally, TableError, tallyXlsxColumn } from '../verify/benford/table.js';
import { configFrom, ExitError } from './shared.js';

function nonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('must be a number of at least 0');
  return n;
}

function count(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 90)
    throw new InvalidArgumentError('must be a whole number from 1 to 90');
  return Number(value);
}

const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

function testView(test: DigitTest | null, withBins: boolean) {
  if (test === null) return null;
  return {
    n: test.n,
    mad: rounded(test.mad, 6),
    chiSquare: rounded(test.chiSquare, 3),
    degreesOfFreedom: test.degreesOfFreedom,
    conformity: test.conformity,
    ...(withBins ? { bins: test.bins.map(binView) } : {}),
  };
}

const binView = (b: DigitTest['bins'][number]) => ({
  digits: b.digits,
  count: b.count,
  observed: rounded(b.observed, 6),
  expected: rounded(b.expected, 6),
  z: rounded(b.z, 3),
});

/** Whether the file is a workbook: named .xlsx, or a ZIP by its first bytes. */
async function isXlsx(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.xlsx')) return true;
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === ZIP_LOCAL_HEADER;
  } finally {
    await handle.close();
  }
}

const ZIP_LOCAL_HEADER = 0x04034b50;

/** The column's tally from a CSV file, streamed. */
async function tallyCsvColumn(file: string, column: string, minAmount: number) {
  const table = createColumnTally(column, minAmount);
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }))
    table.push(chunk as string);
  return table.end();
}

interface BenfordOptions {
  column: string;
  min?: number;
  top: number;
  digits?: boolean;
}

export function benfordCommand(program: Command) {
  program
    .command('benford')
    .description(
      "Benford's law on a numeric column of a CSV or XLSX file (first digit, first two digits)",
    )
    .argument(
      '<file>',
      "a CSV file (RFC 4180; a header line names the columns) or an XLSX workbook (its first sheet's first row names them)",
    )
    .requiredOption('--column <name>', 'the column to test, by its name in the header')
    .option(
      '--min <amount>',
      'leave out values below this (default TIPWIRE_BENFORD_MIN_AMOUNT, 10)',
      nonNegative,
    )
    .addOption(
      new Option('--top <n>', 'how many over-represented digits and duplicates to list')
        .argParser(count)
        .default(10),
    )
    .option('--digits', 'list every digit bin of both tests')
    .action(async (file: string, opts: BenfordOptions) => {
      const settings = configFrom({}).verify;
      const minAmount = opts.min ?? settings.benfordMinAmount;
      let tallied;
      try {
        tallied = (await isXlsx(file))
          ? tallyXlsxColumn(new Uint8Array(await readFile(file)), opts.column, minAmount)
          : await tallyCsvColumn(file, opts.column, minAmount);
      } catch (err) {
        if (err instanceof TableError) throw new ExitError(`${file}: ${err.message}`, 1);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new ExitError(`${file}: no such file`, 2);
        if (code === 'EISDIR') throw new ExitError(`${file}: is a folder, not a file`, 2);
        if (code === 'EACCES') throw new ExitError(`${file}: not allowed to read it`, 2);
        throw err;
      }
      const result = analyseBenford(tallied.tally, settings, opts.top);
      const finding = benfordFinding(result, 0);
      const out = {
        file,
        column: opts.column,
        minAmount,
        n: result.n,
        leftOut: result.leftOut,
        span: result.span && {
          low: rounded(result.span.low, 6),
          high: rounded(result.span.high, 6),
          ordersOfMagnitude: rounded(result.span.ordersOfMagnitude, 3),
        },
        refused: result.refused,
        firstDigit: testView(result.firstDigit, opts.digits === true),
        firstTwoDigits: testView(result.firstTwoDigits, opts.digits === true),
        overRepresented: result.overRepresented.map(binView),
        duplicates: result.duplicates,
        duplicatesComplete: result.duplicatesComplete,
        finding: finding?.code ?? null,
      };
      console.log(JSON.stringify(out, null, 2));
    });
}
