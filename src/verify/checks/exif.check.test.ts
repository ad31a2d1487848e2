import { describe, expect, it } from 'vitest';
import type { ExifFacts, MediaFacts } from '../../domain/media.js';
import type { ObservedPlace, ObservedTime } from '../../domain/report.js';
import type { CheckSettings, CheckSubject } from '../check.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../check.fixtures.js';
import { distanceMeters, exifCheck, outsideClaim } from './exif.check.js';
import { attachmentCheck } from './attachment.check.js';
import { CHECKS } from './index.js';

const MINUTE = 60_000;
const T = Date.parse('2026-11-20T13:00:00Z');
const XIAN = { lat: 34.261, lon: 108.942 };

const settings: CheckSettings = TEST_CHECK_SETTINGS;

function exif(overrides: Partial<ExifFacts> = {}): ExifFacts {
  return {
    localTime: '2026-11-20T21:00:00',
    cameraOffsetMinutes: 480,
    cameraOffsetSource: 'offset-tag',
    gpsTime: null,
    gps: { ...XIAN, accuracyMeters: null },
    gpsZone: { name: 'Asia/Shanghai', offsetMinutes: 480 },
    takenAt: T,
    takenAtOffsetMinutes: 480,
    takenAtOffsetSource: 'offset-tag',
    make: 'Google',
    model: 'Pixel 8 Pro',
    software: null,
    modifyTime: null,
    editTraces: [],
    ...overrides,
  };
}

function media(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    detectedType: 'image/jpeg',
    width: 4000,
    height: 3000,
    rejected: null,
    exif: exif(),
    ...overrides,
  };
}

function time(from: number, to = from, overrides: Partial<ObservedTime> = {}): ObservedTime {
  return {
    from,
    to,
    local: null,
    timezone: 'Asia/Shanghai',
    zoneSource: 'timezone',
    precisionSeconds: (to - from) / 2000,
    ...overrides,
  };
}

const place = (overrides: Partial<ObservedPlace> = {}): ObservedPlace => ({
  ...XIAN,
  accuracyMeters: 0,
  text: null,
  ...overrides,
});

function makeSubject(overrides: Partial<CheckSubject> = {}): CheckSubject {
  return emptySubject({
    reportId: 'r1',
    receivedAt: T + 60 * MINUTE,
    time: time(T - 5 * MINUTE, T + 5 * MINUTE),
    place: place(),
    attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: media() }],
    ...overrides,
  });
}

const withExif = (overrides: Partial<ExifFacts>, subject: Partial<CheckSubject> = {}) =>
  makeSubject({
    attachments: [
      { id: 'a_1', contentType: 'image/jpeg', media: media({ exif: exif(overrides) }) },
    ],
    ...subject,
  });

const codes = (subject: CheckSubject) => exifCheck.run(subject, { settings }).map((f) => f.code);

/** A point `meters` due north of Xi'an (on the sphere distanceMeters measures on). */
const northOf = (meters: number) => ({
  lat: XIAN.lat + meters / ((Math.PI * 6_371_008.8) / 180),
  lon: XIAN.lon,
});

describe('the exif check', () => {
  it('is registered, after the time-sources check, with the attachment check', () => {
    expect(CHECKS.map((c) => c.name)).toEqual([
      'time-sources',
      'exif',
      'attachment',
      'media-reuse',
      'benford',
      'text-perplexity',
      'sun-night-photo',
      'sun-shadow',
    ]);
  });

  it('finds nothing for a photo taken within the claim, where it was claimed, in its zone', () => {
    expect(exifCheck.appliesTo(makeSubject())).toBe(true);
    expect(codes(makeSubject())).toEqual([]);
  });

  it('does not apply without a photo read at intake, or to a refused one', () => {
    expect(exifCheck.appliesTo(makeSubject({ attachments: [] }))).toBe(false);
    expect(
      exifCheck.appliesTo(
        makeSubject({ attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: null }] }),
      ),
    ).toBe(false);
    const refused = media({ rejected: { reason: 'unreadable', detail: 'x' }, exif: null });
    expect(
      exifCheck.appliesTo(
        makeSubject({ attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: refused }] }),
      ),
    ).toBe(false);
    const csv = media({ detectedType: 'text/plain', exif: null, width: null, height: null });
    expect(
      exifCheck.appliesTo(
        makeSubject({ attachments: [{ id: 'a_1', contentType: 'text/csv', media: csv }] }),
      ),
    ).toBe(false);
  });

  describe('exif.time_mismatch at TIPWIRE_EXIF_TIME_MISMATCH_MINUTES (3)', () => {
    const end = T + 5 * MINUTE;
    const start = T - 5 * MINUTE;
    it('is silent 2 min after the claim ends', () => {
      expect(codes(withExif({ takenAt: end + 2 * MINUTE }))).toEqual([]);
    });
    it('finds a photo 3 min after the claim ends (the limit itself)', () => {
      const found = exifCheck.run(withExif({ takenAt: end + 3 * MINUTE }), { settings });
      expect(found.map((f) => f.code)).toEqual(['exif.time_mismatch']);
      expect(found[0]!.severity).toBe('warning');
      expect(found[0]!.evidence).toEqual({
        attachment: 0,
        attachmentId: 'a_1',
        takenAt: end + 3 * MINUTE,
        takenAtOffsetMinutes: 480,
        takenAtOffsetSource: 'offset-tag',
        claimFrom: start,
        claimTo: end,
        minutesOutside: 3,
        limitMinutes: 3,
      });
    });
    it('finds a photo 4 min before the claim starts', () => {
      expect(codes(withExif({ takenAt: start - 4 * MINUTE }))).toEqual(['exif.time_mismatch']);
    });
    it('is silent 2 min before the claim starts, and inside it', () => {
      expect(codes(withExif({ takenAt: start - 2 * MINUTE }))).toEqual([]);
      expect(codes(withExif({ takenAt: start }))).toEqual([]);
      expect(codes(withExif({ takenAt: end }))).toEqual([]);
    });
    it('reads the limit from the settings; a limit of 0 still needs the photo outside', () => {
      const zero = { ...settings, exifTimeMismatchMinutes: 0 };
      const run = (at: number) =>
        exifCheck.run(withExif({ takenAt: at }), { settings: zero }).map((f) => f.code);
      expect(run(end)).toEqual([]);
      expect(run(end + 1)).toEqual(['exif.time_mismatch']);
    });
    it('judges against every alternative of the claim (the nearest counts)', () => {
      const alternatives = [
        { from: T - 5 * MINUTE, to: T + 5 * MINUTE },
        { from: T + 55 * MINUTE, to: T + 65 * MINUTE },
      ];
      const claim = time(T - 5 * MINUTE, T + 65 * MINUTE, { alternatives });
      expect(codes(withExif({ takenAt: T + 30 * MINUTE }, { time: claim }))).toEqual([
        'exif.time_mismatch',
      ]);
      expect(codes(withExif({ takenAt: T + 53 * MINUTE }, { time: claim }))).toEqual([]);
    });
    it('says nothing without a capture instant or a claimed interval', () => {
      expect(codes(withExif({ takenAt: null }))).toEqual([]);
      expect(codes(withExif({ takenAt: T + 60 * MINUTE }, { time: null }))).toEqual([]);
      const local = time(T, T, { from: null, to: null });
      expect(codes(withExif({ takenAt: T + 60 * MINUTE }, { time: local }))).toEqual([]);
    });
  });

  describe('exif.place_mismatch beyond both accuracies + TIPWIRE_EXIF_PLACE_MISMATCH_METERS', () => {
    const at = (meters: number, gpsAccuracy: number | null = null, claimAccuracy = 0) =>
      codes(
        withExif(
          { gps: { ...northOf(meters), accuracyMeters: gpsAccuracy } },
          { place: place({ accuracyMeters: claimAccuracy }) },
        ),
      );
    it('is silent at 999 m, finds 1001 m', () => {
      expect(at(999)).toEqual([]);
      expect(at(1001)).toEqual(['exif.place_mismatch']);
    });
    it('is silent exactly at the limit (a margin of 0 and the claimed point itself)', () => {
      const zero = { ...settings, exifPlaceMismatchMeters: 0 };
      const run = (meters: number) =>
        exifCheck
          .run(withExif({ gps: { ...northOf(meters), accuracyMeters: null } }), { settings: zero })
          .map((f) => f.code);
      expect(run(0)).toEqual([]);
      expect(run(1)).toEqual(['exif.place_mismatch']);
    });
    it('adds the claim’s accuracy and the GPS accuracy to the margin', () => {
      expect(at(1300, 100, 200)).toEqual([]);
      expect(at(1301, 100, 200)).toEqual(['exif.place_mismatch']);
      expect(at(1101, 100)).toEqual(['exif.place_mismatch']);
      expect(at(1099, 100)).toEqual([]);
    });
    it('gives the distance and the limit in metres as evidence, no coordinates', () => {
      const found = exifCheck.run(withExif({ gps: { ...northOf(5000), accuracyMeters: 20 } }), {
        settings,
      });
      expect(found[0]!.evidence).toEqual({
        attachment: 0,
        attachmentId: 'a_1',
        distanceMeters: 5000,
        limitMeters: 1020,
        claimAccuracyMeters: 0,
        gpsAccuracyMeters: 20,
        marginMeters: 1000,
      });
    });
    it('says nothing without GPS or without a claimed point', () => {
      expect(codes(withExif({ gps: null, gpsZone: null }))).toEqual([]);
      expect(
        codes(withExif({ gps: { ...northOf(5000), accuracyMeters: null } }, { place: null })),
      ).toEqual([]);
      expect(
        codes(
          withExif(
            { gps: { ...northOf(5000), accuracyMeters: null } },
            { place: place({ lat: null, lon: null }) },
          ),
        ),
      ).toEqual([]);
    });
  });

  describe('exif.clock_zone_mismatch', () => {
    it('finds a camera offset from its GPS time unlike the zone of its position', () => {
      const subject = withExif({
        cameraOffsetMinutes: 60,
        cameraOffsetSource: 'gps-time',
        gpsZone: { name: 'Europe/Madrid', offsetMinutes: 120 },
      });
      const found = exifCheck.run(subject, { settings });
      expect(found.map((f) => f.code)).toEqual(['exif.clock_zone_mismatch']);
      expect(found[0]!.severity).toBe('notice');
      expect(found[0]!.evidence).toEqual({
        attachment: 0,
        attachmentId: 'a_1',
        cameraOffsetMinutes: 60,
        cameraOffsetSource: 'gps-time',
        zone: 'Europe/Madrid',
        zoneOffsetMinutes: 120,
        differenceMinutes: -60,
      });
    });
    it('is silent when they agree, or 15 min either way is a difference', () => {
      const zone = (offsetMinutes: number) => ({ name: 'Asia/Shanghai', offsetMinutes });
      expect(codes(withExif({ gpsZone: zone(480) }))).toEqual([]);
      expect(codes(withExif({ gpsZone: zone(495) }))).toEqual(['exif.clock_zone_mismatch']);
      expect(codes(withExif({ gpsZone: zone(465) }))).toEqual(['exif.clock_zone_mismatch']);
    });
    it('needs both a camera offset and a zone', () => {
      expect(
        codes(
          withExif({
            cameraOffsetMinutes: null,
            cameraOffsetSource: null,
            gpsZone: { name: 'UTC', offsetMinutes: 0 },
          }),
        ),
      ).toEqual([]);
      expect(codes(withExif({ gpsZone: null }))).toEqual([]);
    });
  });

  describe('exif.edited and exif.absent', () => {
    it('lists the traces, and the editor by tipwire’s own name for it', () => {
      const found = exifCheck.run(
        withExif({
          software: 'Adobe Photoshop 7.0',
          editTraces: ['software', 'modified_after_capture'],
        }),
        { settings },
      );
      expect(found.map((f) => f.code)).toEqual(['exif.edited']);
      expect(found[0]!.evidence).toEqual({
        attachment: 0,
        attachmentId: 'a_1',
        traces: ['software', 'modified_after_capture'],
        editor: 'Adobe Photoshop',
      });
    });
    it('finds a JPEG, HEIC or TIFF without metadata (info), not a PNG', () => {
      for (const type of ['image/jpeg', 'image/heic', 'image/tiff']) {
        const subject = makeSubject({
          attachments: [
            { id: 'a_1', contentType: type, media: media({ detectedType: type, exif: null }) },
          ],
        });
        const found = exifCheck.run(subject, { settings });
        expect(found.map((f) => [f.code, f.severity])).toEqual([['exif.absent', 'info']]);
        expect(found[0]!.evidence).toEqual({
          attachment: 0,
          attachmentId: 'a_1',
          detectedType: type,
        });
      }
      const png = media({ detectedType: 'image/png', exif: null });
      expect(
        exifCheck.appliesTo(
          makeSubject({ attachments: [{ id: 'a_1', contentType: 'image/png', media: png }] }),
        ),
      ).toBe(false);
    });
    it('numbers each finding by the attachment it is about', () => {
      const subject = makeSubject({
        attachments: [
          {
            id: 'a_1',
            contentType: 'text/csv',
            media: media({ detectedType: 'text/plain', exif: null }),
          },
          { id: 'a_1', contentType: 'image/jpeg', media: media({ exif: null }) },
          {
            id: 'a_3',
            contentType: 'image/jpeg',
            media: media({ exif: exif({ editTraces: ['thumbnail_differs'] }) }),
          },
        ],
      });
      const found = exifCheck.run(subject, { settings });
      expect(found.map((f) => [f.code, f.evidence.attachment])).toEqual([
        ['exif.edited', 2],
        ['exif.absent', 1],
      ]);
    });
  });
});

describe('the helpers', () => {
  it('measures a degree of latitude as about 111.2 km', () => {
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, 0);
    expect(distanceMeters(XIAN, XIAN)).toBe(0);
  });
  it('is 0 inside the claim and the distance to its nearer end outside', () => {
    const claim = time(T, T + 10);
    expect(outsideClaim(T + 5, claim)).toBe(0);
    expect(outsideClaim(T - 7, claim)).toBe(7);
    expect(outsideClaim(T + 17, claim)).toBe(7);
    expect(outsideClaim(T, null)).toBeNull();
  });
});

describe('the attachment check', () => {
  it('gives attachment.rejected per refused file with its reason, and nothing otherwise', () => {
    const refused = (reason: 'too_many_pixels' | 'active_content', type: string) => ({
      id: `a_${reason}`,
      contentType: type,
      media: media({
        detectedType: type,
        exif: null,
        rejected: { reason, detail: 'secret detail' },
      }),
    });
    const subject = makeSubject({
      attachments: [
        refused('too_many_pixels', 'image/png'),
        { id: 'a_1', contentType: 'image/jpeg', media: media() },
        refused('active_content', 'image/svg+xml'),
      ],
    });
    expect(attachmentCheck.appliesTo(subject)).toBe(true);
    const found = attachmentCheck.run(subject, { settings });
    expect(found.map((f) => [f.code, f.severity, f.evidence])).toEqual([
      [
        'attachment.rejected',
        'warning',
        {
          attachment: 0,
          attachmentId: 'a_too_many_pixels',
          reason: 'too_many_pixels',
          detectedType: 'image/png',
        },
      ],
      [
        'attachment.rejected',
        'warning',
        {
          attachment: 2,
          attachmentId: 'a_active_content',
          reason: 'active_content',
          detectedType: 'image/svg+xml',
        },
      ],
    ]);
    expect(JSON.stringify(found)).not.toContain('secret detail');
    expect(attachmentCheck.appliesTo(makeSubject())).toBe(false);
  });
});
