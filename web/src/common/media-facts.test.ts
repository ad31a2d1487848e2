import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExifFacts, MediaFacts } from '../../../src/domain/media.js';
import type { Language } from '../i18n.js';
import {
  attachmentNamed,
  bareType,
  deviceText,
  findingsAbout,
  hasStrippedCopy,
  mediaRows,
  reusedTextOf,
  similarityText,
  utcOffset,
  type MediaRow,
  type Say,
} from './media-facts.js';
import { media as catalogue } from './media-messages.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { media: catalogue.en }, zh: { media: catalogue.zh } },
    lng: 'en',
    ns: ['media'],
    defaultNS: 'media',
    interpolation: { escapeValue: false },
  });
});
const sayIn =
  (lng: Language): Say =>
  (key, values) =>
    i18n.getFixedT(lng, 'media')(key, values ?? {});

/** What GPS.jpg (ExifTool's test image) says, as intake reads it. */
function makeExif(overrides: Partial<ExifFacts> = {}): ExifFacts {
  return {
    localTime: '2002-07-13T15:58:28',
    cameraOffsetMinutes: 60,
    cameraOffsetSource: 'gps-time',
    gpsTime: null,
    gps: { lat: 54.989666666666665, lon: -1.9141666666666666, accuracyMeters: null },
    gpsZone: { name: 'Europe/London', offsetMinutes: 60 },
    takenAt: Date.UTC(2002, 6, 13, 14, 58, 28),
    takenAtOffsetMinutes: 60,
    takenAtOffsetSource: 'gps-time',
    make: 'FUJIFILM',
    model: 'FinePixS1Pro',
    software: 'Adobe Photoshop 7.0',
    modifyTime: '2002-07-19T13:28:10',
    editTraces: ['software', 'modified_after_capture'],
    ...overrides,
  };
}

function makeMedia(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    detectedType: 'image/jpeg',
    width: 2400,
    height: 1600,
    rejected: null,
    exif: makeExif(),
    ...overrides,
  };
}

const jpeg = { contentType: 'image/jpeg', sizeBytes: 2133 };
const rowsOf = (media: MediaFacts | null, lng: Language = 'en', declared = jpeg) =>
  mediaRows(media, declared, lng, sayIn(lng));
const row = (rows: MediaRow[], fact: MediaRow['fact']) => rows.find((r) => r.fact === fact);

describe('utcOffset', () => {
  it('writes minutes as a signed hours:minutes offset, a true minus west of Greenwich', () => {
    expect(utcOffset(60)).toBe('UTC+01:00');
    expect(utcOffset(0)).toBe('UTC+00:00');
    expect(utcOffset(-330)).toBe('UTC−05:30');
    expect(utcOffset(345)).toBe('UTC+05:45');
  });
});

describe('bareType and deviceText', () => {
  it('compares media types without parameters or case', () => {
    expect(bareType('Image/JPEG; charset=binary')).toBe('image/jpeg');
  });
  it('names the make once when the model repeats it', () => {
    expect(deviceText('FUJIFILM', 'FinePixS1Pro')).toBe('FUJIFILM FinePixS1Pro');
    expect(deviceText('Canon', 'Canon EOS 5D')).toBe('Canon EOS 5D');
    expect(deviceText(null, 'iPhone 15')).toBe('iPhone 15');
    expect(deviceText('  ', null)).toBeNull();
  });
});

describe('mediaRows', () => {
  it('shows nothing for a file stored before the server read media (media null)', () => {
    expect(rowsOf(null)).toEqual([]);
  });

  it('reads a camera photo: type, size, capture instant with the camera’s reading and offset source', () => {
    const rows = rowsOf(makeMedia());
    expect(rows.map((r) => r.fact)).toEqual([
      'type',
      'size',
      'taken',
      'gps',
      'device',
      'software',
      'modified',
      'edits',
    ]);
    expect(row(rows, 'type')).toEqual({
      fact: 'type',
      term: 'Type by its bytes',
      text: 'image/jpeg',
    });
    expect(row(rows, 'size')!.text).toBe('2,400 × 1,600 px');
    const taken = row(rows, 'taken')!;
    // The instant is left for <Time> to show in the viewer's zone, UTC on hover.
    expect(taken.iso).toBe('2002-07-13T14:58:28.000Z');
    expect(taken.note).toBe('camera’s clock: 2002-07-13 15:58:28, UTC+01:00 (from GPS time)');
    expect(row(rows, 'gps')).toMatchObject({
      text: '54.98967, -1.91417',
      note: 'zone there: Europe/London (UTC+01:00)',
    });
    expect(row(rows, 'device')!.text).toBe('FUJIFILM FinePixS1Pro');
    expect(row(rows, 'software')!.text).toBe('Adobe Photoshop 7.0');
    expect(row(rows, 'modified')!.text).toBe('2002-07-19 13:28:10');
    expect(row(rows, 'edits')).toMatchObject({
      text: 'a Software tag; modified after capture',
      warn: true,
    });
  });

  it('names each source of the capture offset', () => {
    const note = (exif: Partial<ExifFacts>) =>
      row(rowsOf(makeMedia({ exif: makeExif(exif) })), 'taken')!.note;
    expect(note({ takenAtOffsetSource: 'offset-tag', takenAtOffsetMinutes: 540 })).toBe(
      'camera’s clock: 2002-07-13 15:58:28, UTC+09:00 (camera offset tag)',
    );
    expect(note({ takenAtOffsetSource: 'gps-zone' })).toBe(
      'camera’s clock: 2002-07-13 15:58:28, UTC+01:00 (zone of GPS position Europe/London)',
    );
  });

  it('gives the camera’s reading alone when no offset is known', () => {
    const rows = rowsOf(
      makeMedia({
        exif: makeExif({ takenAt: null, takenAtOffsetMinutes: null, takenAtOffsetSource: null }),
      }),
    );
    expect(row(rows, 'taken')).toEqual({
      fact: 'taken',
      term: 'Taken',
      text: 'camera’s clock: 2002-07-13 15:58:28, zone unknown',
    });
  });

  it('adds the GPS accuracy and clock when the file has them', () => {
    const rows = rowsOf(
      makeMedia({
        exif: makeExif({
          gps: { lat: 31.2, lon: 121.4, accuracyMeters: 5 },
          gpsTime: Date.UTC(2002, 6, 13, 14, 58, 24),
        }),
      }),
    );
    expect(row(rows, 'gps')!.text).toBe('31.20000, 121.40000 ± 5 m');
    expect(row(rows, 'gpsTime')!.iso).toBe('2002-07-13T14:58:24.000Z');
  });

  it('warns when the bytes say another type than was declared', () => {
    const rows = rowsOf(makeMedia({ exif: null }), 'en', {
      contentType: 'image/png',
      sizeBytes: 10,
    });
    expect(row(rows, 'type')).toMatchObject({
      text: 'image/jpeg',
      note: 'differs from the declared type image/png',
      warn: true,
    });
    expect(row(rows, 'camera')!.text).toBe('none in the file');
  });

  it('does not warn for an unknown type, and says it is unknown', () => {
    const rows = rowsOf(makeMedia({ detectedType: null, width: null, height: null, exif: null }));
    expect(row(rows, 'type')).toEqual({
      fact: 'type',
      term: 'Type by its bytes',
      text: 'not a type tipwire knows',
    });
  });

  it('says why a file was refused, with its numbers, and nothing of its camera', () => {
    const bomb = rowsOf(
      makeMedia({
        width: 100_000,
        height: 100_000,
        rejected: { reason: 'too_many_pixels', detail: '10000000000 > 100000000' },
        exif: null,
      }),
    );
    expect(bomb.map((r) => r.fact)).toEqual(['type', 'refused']);
    expect(row(bomb, 'refused')).toMatchObject({
      text: 'refused: declares 10,000,000,000 pixels',
      warn: true,
    });
    const refused = (rejected: MediaFacts['rejected'], over: Partial<MediaFacts> = {}) =>
      row(rowsOf(makeMedia({ rejected, exif: null, ...over }), 'en', jpeg), 'refused')!.text;
    expect(refused({ reason: 'too_large', detail: '' })).toBe(
      'refused: 2 KB, larger than intake reads',
    );
    expect(refused({ reason: 'type_mismatch', detail: '' }, { detectedType: 'text/html' })).toBe(
      'refused: its bytes are text/html, declared image/jpeg',
    );
    expect(refused({ reason: 'unreadable', detail: '' })).toBe(
      'refused: its structure is broken (truncated or corrupt)',
    );
    expect(
      refused({ reason: 'active_content', detail: '' }, { detectedType: 'image/svg+xml' }),
    ).toBe('refused: it can carry script (image/svg+xml), never shown');
  });

  it('speaks Chinese with the same facts', () => {
    const rows = rowsOf(makeMedia(), 'zh');
    expect(row(rows, 'taken')!.note).toBe(
      '相机时钟：2002-07-13 15:58:28，UTC+01:00（据 GPS 时间推算）',
    );
    expect(row(rows, 'size')!.text).toBe('2,400 × 1,600 像素');
    expect(row(rows, 'edits')!.text).toBe('含 Software 标签；拍摄后被修改过');
  });

  it('keeps what the file says as text, markup and all', () => {
    const rows = rowsOf(
      makeMedia({ exif: makeExif({ software: '<img src=x onerror=alert(1)>' }) }),
    );
    expect(row(rows, 'software')!.text).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('findingsAbout', () => {
  it('keeps the findings whose evidence names the attachment', () => {
    const findings = [
      { code: 'a', evidence: { attachmentId: 'att_1' } },
      { code: 'b', evidence: { attachmentId: 'att_2' } },
      { code: 'c', evidence: {} },
    ];
    expect(findingsAbout(findings, 'att_1').map((f) => f.code)).toEqual(['a']);
  });
});

describe('attachmentNamed', () => {
  const files = [
    { id: 'att_1', filename: 'GPS.jpg' },
    { id: 'att_2', filename: 'note.txt' },
  ];
  it('finds the file a finding’s evidence names', () => {
    expect(attachmentNamed(files, { attachmentId: 'att_2' })?.filename).toBe('note.txt');
  });
  it('is null when the evidence names none, or one the report does not have', () => {
    expect(attachmentNamed(files, {})).toBeNull();
    expect(attachmentNamed(files, { attachmentId: 'att_9' })).toBeNull();
    expect(attachmentNamed(files, { attachmentId: 1 })).toBeNull();
  });
});

describe('hasStrippedCopy', () => {
  const facts = (
    detectedType: string | null,
    rejected: MediaFacts['rejected'] = null,
  ): MediaFacts => ({
    detectedType,
    width: 1,
    height: 1,
    rejected,
    exif: null,
  });
  it('is true for a JPEG or PNG by its bytes that was not refused, and only then', () => {
    expect(hasStrippedCopy(facts('image/jpeg'))).toBe(true);
    expect(hasStrippedCopy(facts('image/png'))).toBe(true);
    expect(hasStrippedCopy(facts('image/webp'))).toBe(false);
    expect(hasStrippedCopy(facts(null))).toBe(false);
    expect(hasStrippedCopy(facts('image/jpeg', { reason: 'too_many_pixels', detail: '' }))).toBe(
      false,
    );
    expect(hasStrippedCopy(null)).toBe(false);
  });
});

describe('reusedTextOf', () => {
  const text = (evidence: Record<string, unknown>) =>
    reusedTextOf({ code: 'media.reused', evidence });

  it('lists the earlier reports of a text reuse and how many more were counted', () => {
    expect(
      text({
        kind: 'text',
        minSimilarity: 0.6,
        matches: [
          { reportId: 'r_2', similarity: 0.92 },
          { reportId: 'r_1', similarity: 0.7 },
        ],
        matchCount: 7,
      }),
    ).toEqual({
      matches: [
        { reportId: 'r_2', similarity: 0.92 },
        { reportId: 'r_1', similarity: 0.7 },
      ],
      more: 5,
    });
  });

  it('is null for an image reuse, another code, or evidence without matches', () => {
    const matches = [{ reportId: 'r_1', attachmentId: 'a_1', distanceBits: 3 }];
    expect(text({ kind: 'image', attachmentId: 'a_2', matches, matchCount: 1 })).toBeNull();
    expect(
      reusedTextOf({
        code: 'exif.edited',
        evidence: { kind: 'text', matches: [{ reportId: 'r_1', similarity: 1 }] },
      }),
    ).toBeNull();
    expect(text({ kind: 'text' })).toBeNull();
  });

  it('skips a malformed match', () => {
    expect(
      text({ kind: 'text', matches: [{ reportId: 'r_1' }, { reportId: 'r_2', similarity: 0.8 }] }),
    ).toEqual({ matches: [{ reportId: 'r_2', similarity: 0.8 }], more: 0 });
  });

  it('shows a similarity with two decimals', () => {
    expect(similarityText(0.921875)).toBe('0.92');
    expect(similarityText(0.6)).toBe('0.60');
  });
});
