import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';

const valueOf = (cell: string) => {
  const amount = parseAmount(cell);
  return amount.kind === 'number' ? amount.value : amount.kind;
};

describe('parseAmount', () => {
  it('reads plain decimals with a point, a sign, a leading point and an exponent', () => {
    expect(valueOf('36.08')).toBe(36.08);
    expect(valueOf('59')).toBe(59);
    expect(valueOf('12.')).toBe(12);
    expect(valueOf('.5')).toBe(0.5);
    expect(valueOf('-1153.35')).toBe(-1153.35);
    expect(valueOf('+7')).toBe(7);
    expect(valueOf('1.2e3')).toBe(1200);
    expect(valueOf('1E-2')).toBe(0.01);
    expect(valueOf('2.5e10')).toBe(25_000_000_000);
    expect(valueOf('.25')).toBe(0.25);
    expect(valueOf('  42  ')).toBe(42);
  });

  it('takes commas as thousands separators in exact groups of three only', () => {
    expect(valueOf('1,234')).toBe(1234);
    expect(valueOf('1,234,567.89')).toBe(1234567.89);
    expect(valueOf('-12,345')).toBe(-12345);
    expect(valueOf('1,5')).toBe('invalid');
    expect(valueOf('12,34')).toBe('invalid');
    expect(valueOf('1234,567')).toBe('invalid');
    expect(valueOf(',123')).toBe('invalid');
    expect(valueOf('1,234,56')).toBe('invalid');
  });

  it('refuses what is not only a number: currency, percent, spaces, parentheses, words, decimal commas', () => {
    for (const cell of [
      '$12',
      '12%',
      '12 000',
      '(12.50)',
      'abc',
      '1.234,56',
      '1..2',
      '.',
      'e5',
      '-',
      '1e',
      '0x1F',
      'Infinity',
    ])
      expect(valueOf(cell), cell).toBe('invalid');
  });

  it('refuses a number too large to hold', () => {
    expect(valueOf('1e400')).toBe('invalid');
  });

  it('reads an empty cell, NA, N/A and null as blank, in any case', () => {
    for (const cell of ['', '   ', 'NA', 'na', 'N/A', 'n/a', 'NULL', 'null'])
      expect(valueOf(cell), cell).toBe('blank');
    expect(valueOf('NaN')).toBe('invalid');
  });
});
