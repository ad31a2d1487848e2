/**
 * A table cell read as an amount for Benford's tests. The decimal mark is the point, as
 * in every CSV whose fields are separated by commas; a comma is taken as a thousands
 * separator only in exact groups of three ("1,234,567.89", which a CSV must quote), so
 * "1,5" or "12,34" (a decimal comma, or a typo) is refused rather than read as 15 or 1234.
 * A sign, a leading point (".5") and an exponent ("1.2e3") are taken. Currency signs,
 * percent signs, spaces inside the number and accounting parentheses are refused: what a
 * cell holds besides a number is not ours to guess. An empty cell, NA, N/A or null is
 * blank: no value, not an error.
 */

export type Amount = { kind: 'number'; value: number } | { kind: 'blank' } | { kind: 'invalid' };

const BLANK = new Set(['', 'na', 'n/a', 'null']);
/** Digits (or groups of three after a first group of one to three), a point and more, or a point and digits; an exponent. */
const NUMBER = /^[+-]?(?:(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseAmount(cell: string): Amount {
  const text = cell.trim();
  if (!NUMBER.test(text))
    return BLANK.has(text.toLowerCase()) ? { kind: 'blank' } : { kind: 'invalid' };
  const value = Number(text.replaceAll(',', ''));
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}
