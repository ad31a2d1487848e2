import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../domain/flags.js';
import type { ObservedPlace, ObservedTime } from '../../domain/report.js';
import { defaultsOf } from '../../domain/settings.js';
import { SUN_SETTINGS } from '../settings.js';
import { sunPosition } from './position.js';
import { expectedShadow } from './shadow.js';
import {
  claimedIntervals,
  measurementOf,
  nightPhotoCheck,
  shadowMismatchCheck,
  type SunCheckSubject,
} from './sun.checks.js';

/** The interval between two ISO 8601 times. */
const between = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });

const settings = defaultsOf(SUN_SETTINGS);
const XIAN = { lat: 34.261, lon: 108.942 };
const MINUTE = 60_000;

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

function place(overrides: Partial<ObservedPlace> = {}): ObservedPlace {
  return { ...XIAN, accuracyMeters: 50, text: null, ...overrides };
}

function makeSubject(overrides: Partial<SunCheckSubject> = {}): SunCheckSubject {
  const at = Date.parse('2026-11-20T21:10:00+08:00');
  return {
    reportId: 'r_1',
    time: time(at - 5 * MINUTE, at + 5 * MINUTE),
    place: place(),
    attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: null }],
    sun: { daylightPhoto: true, shadow: null },
    ...overrides,
  };
}

const runNight = (subject: SunCheckSubject) => nightPhotoCheck.run(subject, { settings });
const runShadow = (subject: SunCheckSubject) => shadowMismatchCheck.run(subject, { settings });

describe('the settings the sun checks use', () => {
  it('default to civil twilight, 5° of bearing and 10 % of length', () => {
    expect(settings).toEqual({
      sunNightAltitudeDegrees: -6,
      sunShadowBearingErrorDegrees: 5,
      sunShadowLengthError: 0.1,
    });
  });
});

describe('claimedIntervals', () => {
  it('is the claim’s interval, its alternatives when it has some, and null when unknown', () => {
    expect(claimedIntervals(time(1, 2))).toEqual([{ from: 1, to: 2 }]);
    const alternatives = [
      { from: 1, to: 2 },
      { from: 5, to: 6 },
    ];
    expect(claimedIntervals(time(1, 6, { alternatives }))).toEqual(alternatives);
    expect(claimedIntervals(time(1, 6, { alternatives: [] }))).toEqual([{ from: 1, to: 6 }]);
    expect(claimedIntervals(null)).toBeNull();
    expect(claimedIntervals(time(1, 2, { from: null }))).toBeNull();
    expect(claimedIntervals(time(1, 2, { to: null }))).toBeNull();
  });
});

describe('sun.night_photo', () => {
  it('declares itself as a cheap check with its one code', () => {
    expect(nightPhotoCheck).toMatchObject({
      name: 'sun-night-photo',
      version: 1,
      cost: 'cheap',
      codes: ['sun.night_photo'],
    });
  });

  it('applies to a photo said to show daylight, with a claimed time and a point', () => {
    expect(nightPhotoCheck.appliesTo(makeSubject())).toBe(true);
    expect(
      nightPhotoCheck.appliesTo(makeSubject({ sun: { daylightPhoto: false, shadow: null } })),
    ).toBe(false);
    expect(nightPhotoCheck.appliesTo(makeSubject({ attachments: [] }))).toBe(false);
    expect(
      nightPhotoCheck.appliesTo(
        makeSubject({ attachments: [{ id: 'a_1', contentType: 'text/csv', media: null }] }),
      ),
    ).toBe(false);
    expect(nightPhotoCheck.appliesTo(makeSubject({ time: null }))).toBe(false);
    expect(nightPhotoCheck.appliesTo(makeSubject({ place: null }))).toBe(false);
    expect(nightPhotoCheck.appliesTo(makeSubject({ place: place({ lat: null, lon: null }) }))).toBe(
      false,
    );
    expect(nightPhotoCheck.appliesTo(makeSubject({ place: place({ lon: null }) }))).toBe(false);
  });

  it('finds a daylight photo claimed at 21:10 in Xi’an in November, with numbers as evidence', () => {
    const subject = makeSubject();
    const [finding, ...rest] = runNight(subject);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'sun.night_photo',
      severity: 'warning',
      evidence: {
        thresholdDegrees: -6,
        claimFrom: subject.time!.from,
        claimTo: subject.time!.to,
        highestAt: subject.time!.from,
        placeAngleDegrees: 0.0004,
      },
    });
    const highest = finding!.evidence.highestAltitudeDegrees as number;
    expect(highest).toBeCloseTo(
      sunPosition(subject.time!.from!, XIAN.lat, XIAN.lon).trueAltitude,
      2,
    );
    expect(finding!.message.en).toContain(`at most ${highest.toFixed(1)}°`);
    expect(finding!.message.en).toContain('below -6°');
    expect(finding!.message.zh).toContain(`${highest.toFixed(1)}°`);
    for (const value of Object.values(finding!.evidence)) expect(typeof value).toBe('number');
    expect(FLAGS['sun.night_photo'].severity).toBe(finding!.severity);
  });

  it('finds nothing when the claim reaches back into twilight', () => {
    const dusk = getTimes(new Date('2026-11-20T04:00:00Z'), XIAN.lat, XIAN.lon).dusk!.getTime();
    expect(runNight(makeSubject({ time: time(dusk - 10 * MINUTE, dusk + 3 * 3_600_000) }))).toEqual(
      [],
    );
    expect(
      runNight(makeSubject({ time: time(dusk + 5 * MINUTE, dusk + 3 * 3_600_000) })),
    ).toHaveLength(1);
  });

  it('judges by the threshold of the settings', () => {
    const dusk = getTimes(new Date('2026-11-20T04:00:00Z'), XIAN.lat, XIAN.lon).dusk!.getTime();
    const subject = makeSubject({ time: time(dusk + 5 * MINUTE, dusk + 10 * MINUTE) });
    expect(runNight(subject)).toHaveLength(1);
    const nautical = { ...settings, sunNightAltitudeDegrees: -12 };
    expect(nightPhotoCheck.run(subject, { settings: nautical })).toEqual([]);
  });

  it('takes the alternatives of the claim: one of them in daylight is enough to say nothing', () => {
    const night = between('2026-11-20T22:00:00+08:00', '2026-11-20T22:30:00+08:00');
    const day = between('2026-11-21T10:00:00+08:00', '2026-11-21T10:30:00+08:00');
    expect(
      runNight(makeSubject({ time: time(night.from, day.to, { alternatives: [night, day] }) })),
    ).toEqual([]);
    const [finding] = runNight(
      makeSubject({
        time: time(night.from, night.to + 86_400_000, {
          alternatives: [night, { from: night.from + 86_400_000, to: night.to + 86_400_000 }],
        }),
      }),
    );
    expect(finding!.evidence).toMatchObject({
      claimFrom: night.from,
      claimTo: night.to + 86_400_000,
    });
  });
});

describe('sun.shadow_mismatch', () => {
  /** 20 Nov 2026, 15:00 in Xi'an: the sun in the south-west, shadows to the north-east. */
  const AFTERNOON = Date.parse('2026-11-20T15:00:00+08:00');
  const cast = expectedShadow(sunPosition(AFTERNOON, XIAN.lat, XIAN.lon))!;
  const shadowAt = (
    bearing: number,
    extra: Partial<NonNullable<SunCheckSubject['sun']['shadow']>> = {},
  ) =>
    makeSubject({
      time: time(AFTERNOON - 5 * MINUTE, AFTERNOON + 5 * MINUTE),
      sun: { daylightPhoto: false, shadow: { bearing, ...extra } },
    });

  it('declares itself as a cheap check with its one code', () => {
    expect(shadowMismatchCheck).toMatchObject({
      name: 'sun-shadow',
      version: 1,
      cost: 'cheap',
      codes: ['sun.shadow_mismatch'],
    });
  });

  it('applies to a measured shadow with a claimed time and a point, photo or not', () => {
    expect(shadowMismatchCheck.appliesTo(shadowAt(40))).toBe(true);
    expect(shadowMismatchCheck.appliesTo(makeSubject())).toBe(false);
    expect(shadowMismatchCheck.appliesTo({ ...shadowAt(40), time: null })).toBe(false);
    expect(shadowMismatchCheck.appliesTo({ ...shadowAt(40), place: place({ lat: null }) })).toBe(
      false,
    );
    expect(shadowMismatchCheck.appliesTo({ ...shadowAt(40), attachments: [] })).toBe(true);
  });

  it('finds nothing for the shadow the sun cast then, nor for one just inside the error', () => {
    expect(runShadow(shadowAt(cast.bearing))).toEqual([]);
    expect(runShadow(shadowAt(cast.bearing + 5))).toEqual([]);
  });

  it('finds a shadow 20° off the sun’s, with the closest fit and the times of that day it fits', () => {
    const [finding, ...rest] = runShadow(shadowAt(cast.bearing + 20));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'sun.shadow_mismatch',
      severity: 'warning',
      evidence: {
        measuredBearingDegrees: cast.bearing + 20,
        bearingErrorDegrees: 5,
        measuredLengthRatio: null,
        lengthRatioError: null,
      },
    });
    const e = finding!.evidence;
    // The claim ends at 15:05, when the shadow has turned closest to the measured one.
    expect(e.closestAt).toBe(AFTERNOON + 5 * MINUTE);
    expect(e.closestBearingDifferenceDegrees as number).toBeGreaterThan(15);
    expect(e.closestBearingDifferenceDegrees as number).toBeLessThan(20);
    // Later that afternoon the sun turns far enough: the shadow fits then.
    const fits = e.fitsThatDay as { from: number; to: number }[];
    expect(fits).toHaveLength(1);
    expect(fits[0]!.from).toBeGreaterThan(AFTERNOON + 5 * MINUTE);
    expect(fits[0]!.to).toBeLessThan(e.dayTo as number);
    expect(e.dayFrom as number).toBeLessThan(AFTERNOON);
    expect(finding!.message.en).toContain(`${Math.round((cast.bearing + 20) * 10) / 10}° ± 5°`);
    expect(finding!.message.en).toContain('closest expected shadow points');
    expect(finding!.message.zh).toContain('最接近的预期阴影方向');
  });

  it('finds nothing when the shadow fits in one alternative of the claim', () => {
    const fitting = { from: AFTERNOON - 5 * MINUTE, to: AFTERNOON + 5 * MINUTE };
    const morning = { from: AFTERNOON - 5 * 3_600_000, to: AFTERNOON - 4 * 3_600_000 };
    const subject = {
      ...shadowAt(cast.bearing),
      time: time(morning.from, fitting.to, { alternatives: [morning, fitting] }),
    };
    expect(runShadow(subject)).toEqual([]);
    expect(
      runShadow({ ...subject, time: time(morning.from, morning.to, { alternatives: [morning] }) }),
    ).toHaveLength(1);
  });

  it('uses the analyst’s own error when given one, the settings’ otherwise', () => {
    expect(runShadow(shadowAt(cast.bearing + 20, { bearingError: 25 }))).toEqual([]);
    expect(runShadow(shadowAt(cast.bearing + 4))).toEqual([]);
    const strict = { ...settings, sunShadowBearingErrorDegrees: 1 };
    expect(shadowMismatchCheck.run(shadowAt(cast.bearing + 4), { settings: strict })).toHaveLength(
      1,
    );
  });

  it('checks a measured length too: the right bearing with twice the length does not fit', () => {
    expect(runShadow(shadowAt(cast.bearing, { lengthRatio: cast.lengthRatio }))).toEqual([]);
    const [finding] = runShadow(shadowAt(cast.bearing, { lengthRatio: cast.lengthRatio * 2 }));
    expect(finding!.evidence).toMatchObject({
      measuredLengthRatio: cast.lengthRatio * 2,
      lengthRatioError: 0.1,
      closestBearingDifferenceDegrees: expect.any(Number),
    });
    expect(finding!.evidence.closestExpectedLengthRatio as number).toBeCloseTo(cast.lengthRatio, 1);
    expect(
      runShadow(
        shadowAt(cast.bearing, { lengthRatio: cast.lengthRatio * 2, lengthRatioError: 0.6 }),
      ),
    ).toEqual([]);
  });

  it('says the sun was down when a shadow is claimed at night', () => {
    const night = makeSubject({
      time: time(Date.parse('2026-11-20T23:00:00+08:00'), Date.parse('2026-11-20T23:30:00+08:00')),
      sun: { daylightPhoto: false, shadow: { bearing: 40 } },
    });
    const [finding] = runShadow(night);
    expect(finding!.evidence).toMatchObject({
      closestAt: null,
      closestExpectedBearingDegrees: null,
      closestBearingDifferenceDegrees: null,
      closestExpectedLengthRatio: null,
    });
    expect(finding!.message.en).toContain('the sun was down');
    expect(finding!.message.zh).toContain('地平线以下');
  });
});

describe('measurementOf', () => {
  it('keeps what the analyst measured and fills the errors from the settings', () => {
    expect(measurementOf({ bearing: 10 }, settings)).toEqual({
      bearing: 10,
      bearingError: 5,
      lengthRatio: null,
      lengthRatioError: 0.1,
    });
    expect(
      measurementOf(
        { bearing: 10, bearingError: 2, lengthRatio: 1.5, lengthRatioError: 0.2 },
        settings,
      ),
    ).toEqual({ bearing: 10, bearingError: 2, lengthRatio: 1.5, lengthRatioError: 0.2 });
  });
});
