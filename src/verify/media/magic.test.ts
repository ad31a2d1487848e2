import { describe, expect, it } from 'vitest';
import { BASE_JPEG, BASE_PNG, zipOf } from '../../../test/hostile-files.js';
import { detectType, isText, sniffMarkup, typeAgrees } from './magic.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

/** An ISO-BMFF file start: ftyp box with a major brand and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'mdat');
};

describe('detectType: the type from the magic bytes', () => {
  it.each([
    ['JPEG', BASE_JPEG, 'image/jpeg'],
    ['PNG', BASE_PNG, 'image/png'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['TIFF little-endian', bytes([0x49, 0x49, 0x2a, 0], [8, 0, 0, 0]), 'image/tiff'],
    ['TIFF big-endian', bytes([0x4d, 0x4d, 0, 0x2a], [0, 0, 0, 8]), 'image/tiff'],
    ['BigTIFF little-endian', bytes([0x49, 0x49, 0x2b, 0], [8, 0, 0, 0]), 'image/tiff'],
    ['BigTIFF big-endian', bytes([0x4d, 0x4d, 0, 0x2b], [0, 8, 0, 0]), 'image/tiff'],
    ['BMP', bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0]), 'image/bmp'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIF by its compatible brand', ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
    ['plain HEIF', ftyp('mif1', 'mif1'), 'image/heif'],
    ['AVIF', ftyp('avif', 'mif1', 'avif'), 'image/avif'],
    ['AVIF under mif1', ftyp('mif1', 'avif'), 'image/avif'],
    ['MP4', ftyp('isom', 'isom', 'mp41'), 'video/mp4'],
    ['QuickTime', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    [
      'QuickTime without ftyp',
      bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'),
      'video/quicktime',
    ],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42'), 'audio/mp4'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['ZIP (xlsx, docx)', zipOf('[Content_Types].xml', Buffer.from('<Types/>')), 'application/zip'],
    ['an empty ZIP', bytes([0x50, 0x4b, 5, 6], Array(18).fill(0) as number[]), 'application/zip'],
    [
      'OLE2 (xls, doc)',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0]),
      'application/x-cfb',
    ],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64], [0, 0]), 'audio/mpeg'],
    ['OGG', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 34]), 'audio/flac'],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['HTML', bytes('<!doctype html><p>hi'), 'text/html'],
    ['CSV', bytes('date,amount\n2026-11-20,12.50\n'), 'text/plain'],
    ['Chinese text', Buffer.from('西安市雁塔区，晚上九点。'), 'text/plain'],
  ])('%s', (_, data, type) => {
    expect(detectType(data)).toBe(type);
  });

  it('knows no type for empty, NUL-bearing or invalid UTF-8 bytes', () => {
    expect(detectType(Buffer.alloc(0))).toBeNull();
    expect(detectType(bytes('a\0b'))).toBeNull();
    expect(detectType(bytes([0xc3, 0x28]))).toBeNull();
    // "BM" with a DIB header size no BMP has: not a bitmap (and its NULs are no text).
    expect(detectType(bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 41, 0, 0, 0]))).toBeNull();
    expect(detectType(bytes('BMW to Xi’an'))).toBe('text/plain');
  });

  it('does not take a UTF-16 byte-order mark for an MP3 frame', () => {
    expect(detectType(Buffer.from('\uFEFFhi', 'utf16le'))).toBeNull();
  });
});

describe('sniffMarkup: SVG and HTML by their first element', () => {
  it.each([
    ['  \n<svg>', 'image/svg+xml'],
    [
      '\uFEFF<?xml version="1.0"?><!-- x --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"><svg>',
      'image/svg+xml',
    ],
    ['<?xml version="1.0"?>\n<svg:svg xmlns:svg="http://www.w3.org/2000/svg">', 'image/svg+xml'],
    ['<HTML><BODY>', 'text/html'],
    ['<script>alert(1)</script>', 'text/html'],
    ['<iframe src=x>', 'text/html'],
    ['<!-- only a comment', 'text/html'],
    ['<p>', 'text/html'],
    ['<br/>', 'text/html'],
  ])('%j → %s', (text, type) => {
    expect(sniffMarkup(Buffer.from(text))).toBe(type);
  });

  it.each([
    'Amount\n<script> later',
    '<pre>',
    '<brand>',
    '<?xml version="1.0"?><gpx>',
    '<svgx>',
    '',
    '<?xml',
  ])('%j is not markup a browser runs', (text) => {
    expect(sniffMarkup(Buffer.from(text))).toBeNull();
  });
});

describe('isText', () => {
  it('is valid UTF-8 without NUL, not empty', () => {
    expect(isText(Buffer.from('a,b\n'))).toBe(true);
    expect(isText(Buffer.alloc(0))).toBe(false);
    expect(isText(Buffer.from([0x61, 0]))).toBe(false);
    expect(isText(Buffer.from([0xe4, 0xb8]))).toBe(false);
  });
});

describe('typeAgrees: a declared type against the detected one', () => {
  it.each([
    ['image/jpeg', 'image/jpeg', true],
    ['image/jpg', 'image/jpeg', true],
    ['Image/JPEG; q=1', 'image/jpeg', true],
    ['image/png', 'image/jpeg', false],
    ['image/heif', 'image/heic', true],
    ['video/quicktime', 'video/mp4', true],
    ['audio/x-m4a', 'audio/mp4', true],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', true],
    ['application/vnd.ms-excel', 'text/plain', true],
    ['application/vnd.ms-excel', 'application/x-cfb', true],
    ['text/csv', 'text/plain', true],
    ['text/csv', 'application/zip', false],
    ['application/octet-stream', 'image/svg+xml', true],
    ['', 'image/jpeg', true],
    ['image/jpeg', null, false],
    ['application/x-thing', null, true],
    ['application/x-thing', 'image/jpeg', false],
  ] as const)('%j declared, %j detected → %s', (declared, detected, agrees) => {
    expect(typeAgrees(declared, detected)).toBe(agrees);
  });
});
