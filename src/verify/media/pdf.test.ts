import { describe, expect, it } from 'vitest';
import { pdfDocument } from '../../../test/hostile-files.js';
import { PDF_ACTIVE_NAMES, pdfActiveName } from './pdf.js';

const found = (text: string) => pdfActiveName(Buffer.from(text, 'latin1'))?.name ?? null;

describe('pdfActiveName: PDF names that run script or actions', () => {
  it('finds each refused name in a dictionary', () => {
    for (const name of Object.keys(PDF_ACTIVE_NAMES))
      expect(pdfActiveName(pdfDocument(`${name} 3 0 R `)), name).toEqual({ name, written: name });
  });

  it('says why each name is refused', () => {
    for (const [name, why] of Object.entries(PDF_ACTIVE_NAMES))
      expect(why.length, name).toBeGreaterThan(10);
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
    // Hex digits at the ends of their ranges: 0 (p = 70), 9 (i = 69), a and A (J = 4a).
    expect(found('/JavaScri#70t')).toBe('/JavaScript');
    expect(found('/JavaScr#69pt')).toBe('/JavaScript');
    expect(found('/#4AavaScript')).toBe('/JavaScript');
    // The longest name refused, every character escaped, is still decoded.
    const escaped =
      '/' + [...'EmbeddedFile'].map((c) => `#${c.charCodeAt(0).toString(16)}`).join('');
    expect(found(`${escaped} 1`)).toBe('/EmbeddedFile');
    expect(found(`/#4A#53#`)).toBeNull(); // "/JS#": another name
    // Not an escape: the bytes stay as they are.
    expect(found('/J#zzS /J#5')).toBeNull();
    expect(found('/JavaS#4zript')).toBeNull(); // z is no hex digit (4 × 16 + 35 would be "c")
    expect(found('/JavaScr#6@pt')).toBeNull(); // nor @ (6 × 16 + 9 would be "i")
    expect(found('/#4zA')).toBeNull(); // "#4z" is no "A": this is not /AA
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
    const size = 1 << 18; // small enough for a mutation run's instrumented code
    const started = performance.now();
    expect(pdfActiveName(Buffer.alloc(size, 0x2f))).toBeNull(); // all "/"
    expect(pdfActiveName(Buffer.alloc(size, 0x41))).toBeNull(); // no slash at all
    const longName = Buffer.alloc(size, 0x23); // "/####…": one long name
    longName[0] = 0x2f;
    expect(pdfActiveName(longName)).toBeNull();
    const manyHex = Buffer.from('/#4a'.repeat(size / 4), 'latin1');
    expect(pdfActiveName(manyHex)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
