import { describe, expect, it } from 'vitest';
import { pdfDocument } from '../../../test/hostile-files.js';
import { PDF_ACTIVE_NAMES, pdfActiveName } from './pdf.js';

const found = (text: string) => pdfActiveName(Buffer.from(text, 'latin1'))?.name ?? null;

describe('pdfActiveName: PDF names that run script or actions', () => {
  it('finds each refused name in a dictionary', () => {
    for (const name of Object.keys(PDF_ACTIVE_NAMES))
      expect(pdfActiveName(pdfDocument(`${name} 3 0 R `)), name).toEqual({ name, written: name });
  });

  it('reads a name as PDF delimits it: another name that starts the same is not it', () => {
    for (const end of [
      ' ',
      '\n',
      '\r',
      '\t',
      '\f',
      '\0',
      '(',
      ')',
      '<',
      '>',
      '[',
      ']',
      '{',
      '}',
      '/',
      '%',
      '',
    ])
      expect(found(`<< /S /JavaScript /JS${end}`), JSON.stringify(end)).toBe('/JavaScript');
    for (const end of [' ', '(', '/', '>', ''])
      expect(found(`<</JS${end}`), JSON.stringify(end)).toBe('/JS');
    for (const other of [
      '/JSON',
      '/JSX',
      '/AAA',
      '/XFAx',
      '/Launcher',
      '/JavaScripts',
      '/EmbeddedFiles2',
    ])
      expect(found(`<< ${other} 1 >>`), other).toBeNull();
    expect(found('<< /Type/EmbeddedFile >>')).toBe('/EmbeddedFile');
  });

  it('decodes #xx escapes before matching, in either case of hex digit', () => {
    expect(pdfActiveName(Buffer.from('<< /S /J#61vaScript >>'))).toEqual({
      name: '/JavaScript',
      written: '/J#61vaScript',
    });
    expect(found('/#4a#53')).toBe('/JS');
    expect(found('/#4A#53 (x)')).toBe('/JS');
    expect(found('/#4c#61#75#6e#63#68')).toBe('/Launch');
    // Not an escape: the bytes stay as they are.
    expect(found('/J#zzS /J#5')).toBeNull();
    expect(found('/J#6')).toBeNull();
  });

  it('matches names exactly (PDF names are case-sensitive)', () => {
    expect(found('/javascript /js /aa /launch')).toBeNull();
    expect(found('/J#61vascript')).toBeNull();
  });

  it('lets pass what ordinary documents carry: OpenAction to a page, forms, object streams', () => {
    expect(
      pdfActiveName(pdfDocument('/OpenAction [2 0 R /Fit] /AcroForm << /Fields [] >> ')),
    ).toBeNull();
    expect(found('<< /Type /ObjStm /N 3 /First 20 /Filter /FlateDecode >>')).toBeNull();
    expect(found('(a string with no slash) JS JavaScript')).toBeNull();
  });

  it('is one linear pass, however the slashes and names are laid out', () => {
    const started = performance.now();
    expect(pdfActiveName(Buffer.alloc(8 << 20, 0x2f))).toBeNull(); // 8 MiB of "/"
    expect(pdfActiveName(Buffer.alloc(8 << 20, 0x41))).toBeNull(); // no slash at all
    const longName = Buffer.alloc(8 << 20, 0x23); // "/####…": one long name
    longName[0] = 0x2f;
    expect(pdfActiveName(longName)).toBeNull();
    const manyHex = Buffer.from('/#4a'.repeat(2 << 20), 'latin1');
    expect(pdfActiveName(manyHex)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
