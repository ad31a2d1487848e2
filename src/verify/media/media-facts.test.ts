import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MEDIA_REJECTIONS } from '../../domain/media.js';
import { defaultsOf } from '../../domain/settings.js';
import {
  BASE_JPEG,
  BASE_PNG,
  heifImage,
  hostileFiles,
  ispe,
  jpegSized,
  pdfDocument,
  pdfObjectStream,
  pdfStream,
  pngWith,
  tiffImage,
} from '../../../test/hostile-files.js';
import { sharedFixtures } from '../../../test/shared-fixtures.js';
import { MEDIA_SETTINGS } from '../settings.js';
import { endsWithZip, markupInside, mediaFactsOf } from './media-facts.js';

const limits = defaultsOf(MEDIA_SETTINGS);
const noZone = () => null;
const fixture = (name: string) => readFileSync(path.join(sharedFixtures(), 'exif-jpeg', name));

describe('mediaFactsOf over the hostile corpus (test/hostile-files.ts)', () => {
  const corpus = hostileFiles();
  it('has distinct names and covers every rejection but too_large', () => {
    expect(new Set(corpus.map((f) => f.name)).size).toBe(corpus.length);
    const reasons = new Set(corpus.map((f) => f.expect));
    for (const reason of MEDIA_REJECTIONS.filter((r) => r !== 'too_large'))
      expect(reasons.has(reason), reason).toBe(true);
    expect(reasons.has(null)).toBe(true);
  });

  for (const file of corpus) {
    it(`${file.name}: ${file.why} → ${file.expect ?? 'read'}`, async () => {
      const started = performance.now();
      const facts = await mediaFactsOf(file.data, file.contentType, limits, noZone);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(facts.rejected?.reason ?? null).toBe(file.expect);
      if (facts.rejected) expect(facts.exif).toBeNull();
    });
  }
});

describe('mediaFactsOf', () => {
  it('reads a JPEG: its type, size from the header, no refusal', async () => {
    const facts = await mediaFactsOf(BASE_JPEG, 'image/jpeg', limits, noZone);
    expect(facts).toEqual({
      detectedType: 'image/jpeg',
      width: 16,
      height: 12,
      rejected: null,
      exif: null,
    });
  });

  it('accepts an alias of the declared type and a declaration that says nothing', async () => {
    for (const declared of [
      'image/jpg',
      'IMAGE/JPEG; charset=binary',
      'application/octet-stream',
      '',
    ])
      expect((await mediaFactsOf(BASE_JPEG, declared, limits, noZone)).rejected).toBeNull();
  });

  it('refuses one byte more than TIPWIRE_MEDIA_MAX_BYTES, reads exactly the limit', async () => {
    const at = { ...limits, mediaMaxBytes: BASE_JPEG.length };
    expect((await mediaFactsOf(BASE_JPEG, 'image/jpeg', at, noZone)).rejected).toBeNull();
    const below = { ...limits, mediaMaxBytes: BASE_JPEG.length - 1 };
    const refused = await mediaFactsOf(BASE_JPEG, 'image/jpeg', below, noZone);
    expect(refused.rejected?.reason).toBe('too_large');
    expect(refused.detectedType).toBe('image/jpeg');
    expect(refused.width).toBeNull();
  });

  it('refuses one pixel more than TIPWIRE_MEDIA_MAX_PIXELS, reads exactly the limit', async () => {
    const image = jpegSized(1000, 500);
    const at = await mediaFactsOf(
      image,
      'image/jpeg',
      { ...limits, mediaMaxPixels: 500_000 },
      noZone,
    );
    expect(at.rejected).toBeNull();
    const over = await mediaFactsOf(
      image,
      'image/jpeg',
      { ...limits, mediaMaxPixels: 499_999 },
      noZone,
    );
    expect(over.rejected?.reason).toBe('too_many_pixels');
    expect([over.width, over.height]).toEqual([1000, 500]);
  });

  it('refuses a TIFF one pixel over the limit, reads one at it (both byte orders, SHORT and LONG)', async () => {
    for (const order of ['II', 'MM'] as const)
      for (const type of [3, 4] as const) {
        const image = tiffImage({ width: 1000, height: 500, order, type });
        const how = `${order} ${type}`;
        const at = await mediaFactsOf(
          image,
          'image/tiff',
          { ...limits, mediaMaxPixels: 500_000 },
          noZone,
        );
        expect(at.rejected, how).toBeNull();
        expect([at.width, at.height], how).toEqual([1000, 500]);
        const over = { ...limits, mediaMaxPixels: 499_999 };
        const refused = await mediaFactsOf(image, 'image/tiff', over, noZone);
        expect(refused.rejected, how).toEqual({
          reason: 'too_many_pixels',
          detail: '1000×500 pixels, more than 499999',
        });
        expect([refused.width, refused.height], how).toEqual([1000, 500]);
      }
  });

  it('refuses a TIFF cut inside its first IFD as unreadable', async () => {
    const cut = tiffImage({ width: 16, height: 12 }).subarray(0, 50);
    const facts = await mediaFactsOf(cut, 'image/tiff', limits, noZone);
    expect(facts.rejected?.reason).toBe('unreadable');
    expect(facts.width).toBeNull();
  });

  it('refuses a HEIC or AVIF of 20000×20000 under the default limit, reads a small one', async () => {
    for (const brand of ['heic', 'avif'] as const) {
      const bomb = await mediaFactsOf(heifImage(brand, [ispe(20_000, 20_000)]), '', limits, noZone);
      expect(bomb.rejected?.reason, brand).toBe('too_many_pixels');
      expect([bomb.width, bomb.height]).toEqual([20_000, 20_000]);
      const small = await mediaFactsOf(heifImage(brand, [ispe(4032, 3024)]), '', limits, noZone);
      expect(small).toMatchObject({ detectedType: `image/${brand}`, width: 4032, rejected: null });
    }
    const avif = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#808080' },
    })
      .avif()
      .toBuffer();
    expect(await mediaFactsOf(avif, 'image/avif', limits, noZone)).toMatchObject({
      width: 64,
      height: 48,
      rejected: null,
    });
    const atLimit = { ...limits, mediaMaxPixels: 64 * 48 - 1 };
    expect((await mediaFactsOf(avif, 'image/avif', atLimit, noZone)).rejected?.reason).toBe(
      'too_many_pixels',
    );
  });

  it('refuses a PDF naming script, saying which name and how it was written', async () => {
    const escaped = pdfDocument('/OpenAction 3 0 R ', '<< /S /J#61vaScript /JS (x) >>');
    expect((await mediaFactsOf(escaped, 'application/pdf', limits, noZone)).rejected).toEqual({
      reason: 'active_content',
      detail:
        'a PDF naming /JavaScript (written /J#61vaScript): a JavaScript action or the document-level scripts',
    });
    // Refused for its script whatever it was declared as, as SVG and HTML are.
    const asImage = await mediaFactsOf(escaped, 'image/png', limits, noZone);
    expect(asImage.rejected?.reason).toBe('active_content');
    expect(await mediaFactsOf(pdfDocument(), 'application/pdf', limits, noZone)).toEqual({
      detectedType: 'application/pdf',
      width: null,
      height: null,
      rejected: null,
      exif: null,
    });
  });

  it('refuses a PDF naming script inside a compressed stream, saying so and which object', async () => {
    const hidden = pdfDocument('', '<< >>', pdfObjectStream(5, '<< /S /J#61vaScript >>'));
    expect((await mediaFactsOf(hidden, 'application/pdf', limits, noZone)).rejected).toEqual({
      reason: 'active_content',
      detail:
        'a PDF naming /JavaScript (written /J#61vaScript) inside a compressed stream (object 4): a JavaScript action or the document-level scripts',
    });
    const headless = Buffer.from(
      `%PDF-1.7\n<< /Filter /FlateDecode >>\nstream\n${deflateSync('/Launch').toString('latin1')}\nendstream\n`,
      'latin1',
    );
    expect((await mediaFactsOf(headless, '', limits, noZone)).rejected?.detail).toBe(
      'a PDF naming /Launch inside a compressed stream: an action that starts a program or opens a file',
    );
  });

  it('reads a PDF whose streams were not all searched, saying where the search stopped', async () => {
    const file = pdfDocument(
      '',
      pdfStream('/Filter /FlateDecode', deflateSync(Buffer.alloc(100))),
      pdfObjectStream(5, '<< /S /JavaScript >>'),
    );
    const at = file.indexOf('stream', file.indexOf('4 0 obj')) + 'stream\n'.length;
    const capped = { ...limits, pdfInflateMaxStreams: 1 };
    expect(await mediaFactsOf(file, 'application/pdf', capped, noZone)).toEqual({
      detectedType: 'application/pdf',
      width: null,
      height: null,
      rejected: null,
      exif: null,
      pdfSearchStopped: { by: 'streams', atByte: at, streamsInflated: 1 },
    });
    const small = { ...limits, pdfInflateMaxBytes: 100 };
    expect((await mediaFactsOf(file, 'application/pdf', small, noZone)).pdfSearchStopped).toEqual({
      by: 'bytes',
      atByte: at,
      streamsInflated: 1,
    });
    expect((await mediaFactsOf(file, 'application/pdf', limits, noZone)).rejected?.reason).toBe(
      'active_content',
    );
  });

  it('has a default pixel limit of 16383² (sharp’s), above a 200 MP phone photo', async () => {
    expect(limits.mediaMaxPixels).toBe(16_383 * 16_383);
    const phone = pngWith([], { width: 16_320, height: 12_240 });
    expect((await mediaFactsOf(phone, 'image/png', limits, noZone)).rejected).toBeNull();
  });

  it('reads EXIF from a camera JPEG, and a zone finder that throws is no zone', async () => {
    const throwing = () => {
      throw new Error('zone data missing');
    };
    const facts = await mediaFactsOf(fixture('Ricoh2.jpg'), 'image/jpeg', limits, throwing);
    expect(facts.rejected).toBeNull();
    expect(facts.exif?.gps).toEqual({
      lat: 42.034575,
      lon: expect.closeTo(-0.507503, 6),
      accuracyMeters: null,
    });
    expect(facts.exif?.gpsZone).toBeNull();
    expect(facts.exif?.takenAtOffsetSource).toBe('gps-time');
  });

  it('reads a PNG and a text file without EXIF', async () => {
    expect(await mediaFactsOf(BASE_PNG, 'image/png', limits, noZone)).toEqual({
      detectedType: 'image/png',
      width: 16,
      height: 12,
      rejected: null,
      exif: null,
    });
    const csv = await mediaFactsOf(Buffer.from('Amount\n12.50\n'), 'text/csv', limits, noZone);
    expect(csv).toMatchObject({ detectedType: 'text/plain', width: null, rejected: null });
  });

  it('leaves bytes of no known type declared as no known type alone', async () => {
    const facts = await mediaFactsOf(
      Buffer.from([0, 1, 2, 3]),
      'application/x-thing',
      limits,
      noZone,
    );
    expect(facts).toMatchObject({ detectedType: null, rejected: null });
  });
});

describe('polyglot detection', () => {
  it('finds a ZIP end record whose central directory is there, not the bytes PK\\5\\6 alone', () => {
    const fake = Buffer.concat([
      BASE_JPEG,
      Buffer.from([0x50, 0x4b, 0x05, 0x06]),
      Buffer.alloc(18, 1),
    ]);
    expect(endsWithZip(fake)).toBe(false);
    expect(endsWithZip(BASE_JPEG)).toBe(false);
  });
  it('finds markup case-insensitively, not an XMP packet', () => {
    expect(markupInside(Buffer.from('..<ScRiPt>..'))).toBe('<script');
    expect(markupInside(Buffer.from('<x:xmpmeta><rdf:RDF></rdf:RDF></x:xmpmeta>'))).toBeNull();
    expect(markupInside(Buffer.from('<scrip'))).toBeNull();
  });
  it('reads no fixture as a polyglot', async () => {
    for (const name of ['Apple.jpg', 'ExifTool.jpg', 'XMP.jpg', 'Google.jpg', 'ExtendedXMP.jpg'])
      expect(
        (await mediaFactsOf(fixture(name), 'image/jpeg', limits, noZone)).rejected,
        name,
      ).toBeNull();
  });
});
