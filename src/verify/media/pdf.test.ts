import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../domain/settings.js';
import { pdfDocument, pdfObjectStream, pdfStream } from '../../../test/hostile-files.js';
import { MEDIA_SETTINGS } from '../settings.js';
import { PDF_ACTIVE_NAMES, pdfActiveName, pdfSearch, type PdfInflateLimits } from './pdf.js';

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

const limits: PdfInflateLimits = defaultsOf(MEDIA_SETTINGS);
const SCRIPT = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
const flate = (text: string) => deflateSync(Buffer.from(text, 'latin1'));
/** A PDF whose only object is a stream with these dictionary entries and data. */
const withStream = (dictionary: string, data: Buffer) =>
  pdfDocument('', pdfStream(dictionary, data));
const search = (file: Buffer, overrides: Partial<PdfInflateLimits> = {}) =>
  pdfSearch(file, { ...limits, ...overrides });
const foundIn = (file: Buffer, overrides: Partial<PdfInflateLimits> = {}) =>
  search(file, overrides).found?.name ?? null;

describe('pdfSearch: names inside FlateDecode streams', () => {
  it('has defaults of 16 MiB and 2000 streams', () => {
    expect(limits).toMatchObject({
      pdfInflateMaxBytes: 16 * 1024 * 1024,
      pdfInflateMaxStreams: 2000,
    });
  });

  it('finds /JavaScript hidden in a compressed object stream, saying which object', () => {
    const file = pdfDocument('/OpenAction 4 0 R ', pdfObjectStream(4, SCRIPT));
    expect(pdfActiveName(file)).toBeNull(); // not in the plain bytes
    expect(search(file)).toEqual({
      found: { name: '/JavaScript', written: '/JavaScript', inStream: { object: 3 } },
      streamsInflated: 1,
      streamsCorrupt: 0,
      bytesInflated: `4 0 ${SCRIPT}`.length,
      stopped: null,
    });
  });

  it('says where a name was found in the plain bytes (and inflates nothing)', () => {
    const file = pdfDocument('/AA 5 0 R ', pdfObjectStream(4, SCRIPT));
    expect(search(file)).toMatchObject({
      found: { name: '/AA', inStream: null },
      streamsInflated: 0,
    });
  });

  it('decodes escaped names inside the stream, and reports them as written', () => {
    const file = pdfDocument('', pdfObjectStream(4, '<< /S /J#61vaScript >>'));
    expect(search(file).found).toEqual({
      name: '/JavaScript',
      written: '/J#61vaScript',
      inStream: { object: 3 },
    });
  });

  it('reads the filter as a name, a one-name array, escaped or abbreviated', () => {
    for (const filter of [
      '/FlateDecode',
      '[/FlateDecode]',
      '[ /FlateDecode ]',
      '/Fl#61teDecode',
      '/Fl',
      '/FlateDecode/DecodeParms<</Columns 4>>',
    ])
      expect(foundIn(withStream(`/Filter ${filter}`, flate(SCRIPT))), filter).toBe('/JavaScript');
  });

  it('does not decode other filters, chains or a filter given by reference (a gap)', () => {
    for (const filter of [
      '[/ASCIIHexDecode /FlateDecode]',
      '[/FlateDecode /FlateDecode]',
      '/LZWDecode',
      '/FlateDecodeX',
      '[]',
      '[[/FlateDecode]]',
      '7 0 R',
      '(FlateDecode)',
    ]) {
      const result = search(withStream(`/Filter ${filter}`, flate(SCRIPT)));
      expect(result.found, filter).toBeNull();
      expect(result.streamsInflated + result.streamsCorrupt, filter).toBe(0);
    }
    expect(search(withStream('', flate(SCRIPT))).found).toBeNull(); // no filter
  });

  it('reads the filter of the stream dictionary itself, not a nested one, the last if twice', () => {
    const nested = '/DecodeParms << /Filter /LZWDecode >> /Filter /FlateDecode';
    expect(foundIn(withStream(nested, flate(SCRIPT)))).toBe('/JavaScript');
    const nestedFlate = '/DecodeParms << /Filter /FlateDecode >> /Filter /LZWDecode';
    expect(foundIn(withStream(nestedFlate, flate(SCRIPT)))).toBeNull();
    expect(foundIn(withStream('/Filter /LZWDecode /Filter /FlateDecode', flate(SCRIPT)))).toBe(
      '/JavaScript',
    );
    expect(
      foundIn(withStream('/Filter /FlateDecode /Filter /LZWDecode', flate(SCRIPT))),
    ).toBeNull();
  });

  it('is not misled by strings, hex strings and comments in the dictionary', () => {
    for (const entries of [
      '/T (a >> stream\n) /Filter /FlateDecode',
      '/T (nested (parens) \\) and >>) /Filter /FlateDecode',
      '/T <3e3e> /Filter /FlateDecode',
      '/Filter % a comment >> stream\n /FlateDecode',
      '/Filter % a comment ending in a lone CR >> stream\r/FlateDecode',
      '/T <> /Filter /FlateDecode',
      '/W [1] /Filter /FlateDecode',
      '/W [0<</A 1>>] /Filter /FlateDecode',
      '/DecodeParms << /A << /B 1 >> >> /Filter /FlateDecode',
      '/DecodeParms << /Columns 1>>/Filter /FlateDecode',
      '/D << /E << /C 1 >>>> /Filter /FlateDecode',
      '/DecodeParms [[/A] /Subtype /Image] /Filter /FlateDecode',
    ])
      expect(foundIn(withStream(entries, flate(SCRIPT))), entries).toBe('/JavaScript');
  });

  it('reads a value as a reference only when it is two whole numbers and R', () => {
    expect(
      foundIn(withStream('/Subtype /Image /Name R /Filter /FlateDecode', flate(SCRIPT))),
    ).toBeNull();
    expect(foundIn(withStream('/Parent 9 0 R /Filter /FlateDecode', flate(SCRIPT)))).toBe(
      '/JavaScript',
    );
  });

  it('takes no filter from an array left open', () => {
    const file = pdfDocument(
      '',
      `<< /Filter [/FlateDecode /X >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream`,
    );
    expect(foundIn(file)).toBeNull();
  });

  it('reads a stream cut off before endstream to the end of the file', () => {
    const file = Buffer.from(
      `%PDF-1.7\n5 0 obj << /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}`,
      'latin1',
    );
    expect(search(file).found?.inStream).toEqual({ object: 5 });
    // An unterminated hex string or literal string ends the reading, without a loop.
    for (const end of ['<4', '(', '%'])
      expect(search(Buffer.concat([file, Buffer.from(end)])).found?.name, end).toBe('/JavaScript');
    expect(search(Buffer.from('%PDF-1.7\n<<>> <4')).found).toBeNull();
  });

  it('reads on past a stray >> outside a dictionary', () => {
    const file = pdfDocument('', '>> ' + pdfStream('/Filter /FlateDecode', flate(SCRIPT)));
    expect(foundIn(file)).toBe('/JavaScript');
  });

  it('does not inflate an image, unless its dictionary also says it is an object stream', () => {
    const image = search(withStream('/Subtype /Image /Filter /FlateDecode', flate(SCRIPT)));
    expect(image.found).toBeNull();
    expect(image.streamsInflated).toBe(0);
    const disguised = pdfDocument('', pdfObjectStream(4, SCRIPT, '/Subtype /Image '));
    expect(foundIn(disguised)).toBe('/JavaScript');
    // Another subtype is inflated.
    expect(foundIn(withStream('/Subtype /Form /Filter /FlateDecode', flate(SCRIPT)))).toBe(
      '/JavaScript',
    );
  });

  it('skips a corrupt stream without throwing, and searches the ones after it', () => {
    const good = pdfObjectStream(5, SCRIPT);
    for (const corrupt of [
      Buffer.from('not deflate at all'),
      Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]), // a zlib header, then an invalid block
      Buffer.from([0x78]), // one byte
      Buffer.alloc(0),
      deflateRawSync(Buffer.from(SCRIPT)), // raw deflate without the zlib header
    ]) {
      const file = pdfDocument('', pdfStream('/Filter /FlateDecode', corrupt), good);
      const result = search(file);
      expect(result.streamsCorrupt, corrupt.toString('hex')).toBe(1);
      expect(result.found?.inStream).toEqual({ object: 4 });
    }
  });

  it('counts a corrupt stream at most 1032 times its size against the byte budget', () => {
    const corrupt = Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]);
    const file = pdfDocument('', pdfStream('/Filter /FlateDecode', corrupt));
    expect(search(file).bytesInflated).toBe(1032 * 6);
    expect(search(file, { pdfInflateMaxBytes: 100 }).bytesInflated).toBe(100);
  });

  it('reads a stream whose checksum is wrong or which is cut short, as viewers do', () => {
    const data = flate(SCRIPT);
    data.writeUInt32BE(0xdeadbeef, data.length - 4);
    expect(foundIn(withStream('/Filter /FlateDecode', data))).toBe('/JavaScript');
    const cut = flate(SCRIPT + ' '.repeat(100));
    expect(foundIn(withStream('/Filter /FlateDecode', cut.subarray(0, cut.length - 8)))).toBe(
      '/JavaScript',
    );
  });

  it('takes the data from /Length when it lands on endstream, else up to endstream', () => {
    // A stored block holding "(endstream) " in the clear, then the script compressed
    // (not in the plain bytes), then a wrong checksum (not checked).
    const clear = Buffer.from('(endstream) ', 'latin1');
    const stored = Buffer.alloc(5);
    stored.writeUInt16LE(clear.length, 1);
    stored.writeUInt16LE(~clear.length & 0xffff, 3);
    const data = Buffer.concat([
      Buffer.from([0x78, 0x01]),
      stored,
      clear,
      deflateRawSync(Buffer.from(SCRIPT, 'latin1')),
      Buffer.alloc(4, 0x65), // "eeee": starts as endstream does, is not it
    ]);
    const withLength = (length: string) =>
      pdfDocument(
        '',
        `<< /Filter /FlateDecode /Length ${length} >>\nstream\n${data.toString('latin1')}\nendstream`,
      );
    for (const length of [String(data.length), String(data.length + 1)])
      expect(foundIn(withLength(length)), length).toBe('/JavaScript');
    // Without a /Length landing on endstream, the data ends at the first "endstream":
    // cut before the script.
    for (const length of [
      '9 0 R',
      `${data.length} 0 R`, // a reference, not a length
      String(data.length - 1),
      '99999999',
      '-1',
      '1.5',
    ])
      expect(foundIn(withLength(length)), length).toBeNull();
  });

  it('takes the end of line after stream as CR LF, LF or CR, and before endstream off', () => {
    for (const [after, before] of [
      ['\r\n', '\r\n'],
      ['\n', '\n'],
      ['\r', '\r'],
      ['\n', ''],
    ]) {
      const file = pdfDocument(
        '',
        `<< /Filter /FlateDecode >>\nstream${after}${flate(SCRIPT).toString('latin1')}${before}endstream`,
      );
      expect(foundIn(file), JSON.stringify([after, before])).toBe('/JavaScript');
    }
  });

  it('keeps the last byte of data written right before endstream', () => {
    // A final stored block of 4 bytes, "/JSO", no checksum, no end of line.
    const stored = Buffer.from([0x78, 0x01, 0x01, 4, 0, 0xfb, 0xff, ...Buffer.from('/JSO')]);
    const file = pdfDocument(
      '',
      `<< /Filter /FlateDecode >>\nstream\n${stored.toString('latin1')}endstream`,
    );
    expect(search(file)).toMatchObject({ found: null, streamsInflated: 1 });
  });

  it('names no object for a stream outside an N G obj header', () => {
    const file = Buffer.from(
      `%PDF-1.7\n<< /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream\n`,
      'latin1',
    );
    expect(search(file).found?.inStream).toEqual({ object: null });
    // After an object's end, a stream is no longer that object's.
    const after = Buffer.from(
      `%PDF-1.7\n7 0 obj (x) endobj << /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream\n`,
      'latin1',
    );
    expect(search(after).found?.inStream).toEqual({ object: null });
    const inObject = Buffer.from(
      `%PDF-1.7\n12 0 obj << /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream\n`,
      'latin1',
    );
    expect(search(inObject).found?.inStream).toEqual({ object: 12 });
    // Only whole numbers make a header; anything else before the dictionary keeps it.
    const headed = (header: string) =>
      Buffer.from(
        `%PDF-1.7\n${header} << /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream\n`,
        'latin1',
      );
    for (const header of [
      '-12 0 obj',
      '12a 0 obj',
      'x12 0 obj',
      '12 x obj',
      'obj',
      '3 0 obj << /Left /Open endobj',
    ])
      expect(search(headed(header)).found?.inStream, header).toEqual({ object: null });
    expect(search(headed('12 0 obj 5 /N')).found?.inStream).toEqual({ object: 12 });
  });

  it('takes the next object header as the end of a dictionary left open', () => {
    const file = Buffer.from(
      `%PDF-1.7\n3 0 obj << /Open\n4 0 obj << /Filter /FlateDecode >>\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream\n`,
      'latin1',
    );
    expect(search(file).found?.inStream).toEqual({ object: 4 });
  });

  it('reads on past a dictionary left open, from the next object', () => {
    const file = pdfDocument('', '<< /Broken << /Open', pdfObjectStream(5, SCRIPT));
    expect(search(file).found?.inStream).toEqual({ object: 4 });
  });

  it('needs the dictionary right before the stream keyword', () => {
    const file = pdfDocument(
      '',
      `<< /Filter /FlateDecode >> 1\nstream\n${flate(SCRIPT).toString('latin1')}\nendstream`,
    );
    expect(foundIn(file)).toBeNull();
  });
});

describe('pdfSearch: bounded work', () => {
  /** A stream that inflates to exactly `size` bytes, the script at its end. */
  const sized = (size: number) => flate(' '.repeat(size - SCRIPT.length) + SCRIPT);

  it('searches a stream inflating to exactly the byte budget, not one a byte over', () => {
    const file = withStream('/Filter /FlateDecode', sized(5000));
    expect(search(file, { pdfInflateMaxBytes: 5000 })).toMatchObject({
      found: { name: '/JavaScript' },
      bytesInflated: 5000,
      stopped: null,
    });
    const at = file.indexOf('stream\n') + 'stream\n'.length;
    expect(search(file, { pdfInflateMaxBytes: 4999 })).toEqual({
      found: null,
      streamsInflated: 0,
      streamsCorrupt: 0,
      bytesInflated: 4999,
      stopped: { by: 'bytes', at },
    });
    expect(search(file, { pdfInflateMaxBytes: 0 }).stopped).toEqual({ by: 'bytes', at });
  });

  it('counts the budget over all streams of the file', () => {
    const harmless = pdfStream('/Filter /FlateDecode', flate(' '.repeat(3000)));
    const file = pdfDocument('', harmless, pdfStream('/Filter /FlateDecode', sized(2000)));
    expect(search(file, { pdfInflateMaxBytes: 5000 }).found?.name).toBe('/JavaScript');
    expect(search(file, { pdfInflateMaxBytes: 4999 })).toMatchObject({
      found: null,
      streamsInflated: 1,
      bytesInflated: 4999,
      stopped: { by: 'bytes' },
    });
    // Exactly spent by the first stream: the next is not tried.
    expect(search(file, { pdfInflateMaxBytes: 3000 })).toMatchObject({
      found: null,
      streamsInflated: 1,
      bytesInflated: 3000,
      stopped: { by: 'bytes' },
    });
  });

  it('inflates at most the stream cap: N streams at a cap of N, not N + 1', () => {
    const harmless = pdfStream('/Filter /FlateDecode', flate('<< /Type /Page >>'));
    const corrupt = pdfStream('/Filter /FlateDecode', Buffer.from('corrupt'));
    const file = pdfDocument('', harmless, corrupt, pdfObjectStream(6, SCRIPT));
    expect(search(file, { pdfInflateMaxStreams: 3 }).found?.name).toBe('/JavaScript');
    const capped = search(file, { pdfInflateMaxStreams: 2 });
    expect(capped).toMatchObject({
      found: null,
      streamsInflated: 1,
      streamsCorrupt: 1,
      stopped: { by: 'streams' },
    });
    expect(capped.stopped?.at).toBeGreaterThan(file.indexOf('5 0 obj'));
    // N streams and a cap of N: all searched, the search complete.
    const clean = pdfDocument('', harmless, corrupt);
    expect(search(clean, { pdfInflateMaxStreams: 2 }).stopped).toBeNull();
    expect(search(clean, { pdfInflateMaxStreams: 1 }).stopped?.by).toBe('streams');
    expect(search(clean, { pdfInflateMaxStreams: 0 }).streamsInflated).toBe(0);
  });

  it('stops a decompression bomb (1 MiB inflating to 1 GiB) at the budget, quickly', () => {
    // One MiB of zeros, flushed whole (byte-aligned, no dictionary carried over), 1024
    // times, then the final empty block: raw deflate of 1 GiB built without holding it.
    const chunk = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
    const bomb = Buffer.concat([
      Buffer.from([0x78, 0x9c]),
      ...Array<Buffer>(1024).fill(chunk),
      Buffer.from([0x03, 0x00]),
    ]);
    expect(bomb.length).toBeLessThan(2 << 20);
    const file = pdfDocument(
      '',
      pdfStream('/Filter /FlateDecode', bomb),
      pdfObjectStream(5, SCRIPT),
    );
    const memory = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const result = search(file);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().arrayBuffers - memory).toBeLessThan(128 << 20);
    expect(result).toMatchObject({
      found: null,
      bytesInflated: limits.pdfInflateMaxBytes,
      stopped: { by: 'bytes' },
    });
  });

  it('reads the file forward in one pass, however many tokens and streams', () => {
    // Small enough for a mutation run's instrumented code; a quadratic reading of 32 Ki
    // tokens would take far longer.
    const size = 1 << 15;
    const started = performance.now();
    for (const text of ['[', '<<', '>>', '(', '1 0 obj ', '<< >> stream\n', '/A', '%\n'])
      expect(search(Buffer.from(text.repeat(size / text.length), 'latin1')).found).toBeNull();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('pdfSearch: input', () => {
  it('reads a plain Uint8Array as it reads a Buffer', () => {
    const file = pdfDocument('', pdfObjectStream(4, SCRIPT));
    const view = new Uint8Array(file.length + 2).fill(0x20);
    view.set(file, 1);
    expect(pdfSearch(view.subarray(1, file.length + 1), limits).found?.inStream).toEqual({
      object: 3,
    });
  });
});
