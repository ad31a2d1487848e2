import { describe, expect, it } from 'vitest';
import { byteRange } from './byte-ranges.js';

describe('one byte range of a 1000-byte file', () => {
  it('is the whole file without a header', () => {
    expect(byteRange(undefined, 1000)).toEqual({ kind: 'whole' });
  });

  it('reads start-end, start- and -suffix', () => {
    expect(byteRange('bytes=0-6', 1000)).toEqual({ kind: 'part', start: 0, end: 6 });
    expect(byteRange('bytes=990-', 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
    expect(byteRange('bytes=-5', 1000)).toEqual({ kind: 'part', start: 995, end: 999 });
    expect(byteRange(' bytes=1-1 ', 1000)).toEqual({ kind: 'part', start: 1, end: 1 });
  });

  it('ends at the last byte: 999 is in, 1000 starts past it', () => {
    expect(byteRange('bytes=999-', 1000)).toEqual({ kind: 'part', start: 999, end: 999 });
    expect(byteRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=998-999', 1000)).toEqual({ kind: 'part', start: 998, end: 999 });
    expect(byteRange('bytes=998-1000', 1000)).toEqual({ kind: 'part', start: 998, end: 999 });
  });

  it('gives the whole file for a suffix longer than it, and refuses a zero suffix', () => {
    expect(byteRange('bytes=-1000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(byteRange('bytes=-1001', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(byteRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('refuses an end before its start, several ranges, other units and nonsense', () => {
    for (const header of [
      'bytes=5-4',
      'bytes=0-1,3-4',
      'items=0-5',
      'bytes=',
      'bytes=-',
      'bytes=a-b',
      '0-5',
    ]) {
      expect(byteRange(header, 1000), header).toEqual({ kind: 'unsatisfiable' });
    }
    expect(byteRange('bytes=5-5', 1000)).toEqual({ kind: 'part', start: 5, end: 5 });
  });

  it('serves nothing of an empty file', () => {
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
