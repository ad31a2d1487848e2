/**
 * The sun checks. What they judge is an analyst's evidence on the report's photo
 * (domain/evidence.ts: that it shows daylight, a shadow measured on it), set through
 * PUT /api/v1/reports/:id/sun-evidence and loaded by the verify stage as
 * CheckSubject.sun; `registered` turns each into a Check that applies once it is there.
 *
 * - `sun.night_photo`: a photo said to show daylight, with the sun below the night
 *   altitude for the whole claimed time (night.ts says why the whole).
 * - `sun.shadow_mismatch`: a measured shadow that fits the sun at no claimed time; its
 *   evidence carries the closest fit over the claim and the chronolocation answer: the
 *   times of the claimed day (local mean solar) the shadow fits.
 *
 * Evidence is numbers only (degrees, ratios, epoch ms), rounded to what they mean.
 */
import { FLAG, findingSeverity, type FindingCode } from '../../domain/flags.js';
import type { SunEvidence } from '../../domain/evidence.js';
import type { Interval, ObservedTime } from '../../domain/report.js';
import type { Check, CheckSubject, Finding } from '../check.js';
import { judgeNight } from './night.js';
import {
  chronolocate,
  closestShadow,
  solarDay,
  type Point,
  type ShadowMeasurement,
} from './shadow.js';

/** What the sun checks read beyond the other checks: the analyst's evidence (domain/evidence.ts). */
export type { SunEvidence } from '../../domain/evidence.js';

export interface SunCheckSubject extends Pick<
  CheckSubject,
  'reportId' | 'time' | 'place' | 'attachments'
> {
  sun: SunEvidence;
}

export interface SunCheckSettings {
  sunNightAltitudeDegrees: number;
  sunShadowBearingErrorDegrees: number;
  sunShadowLengthError: number;
}

/** A Check over the sun's subject and settings (the contract's shape, other types). */
export type SunCheck = Omit<Check, 'appliesTo' | 'run'> & {
  appliesTo(subject: SunCheckSubject): boolean;
  run(subject: SunCheckSubject, context: { settings: SunCheckSettings }): Finding[];
};

/** The claimed time as UTC intervals (its alternatives when it has them); null if unknown. */
export function claimedIntervals(time: ObservedTime | null): Interval[] | null {
  if (!time || time.from === null || time.to === null) return null;
  if (time.alternatives && time.alternatives.length > 0) return [...time.alternatives];
  return [{ from: time.from, to: time.to }];
}

function claimedPoint(
  place: CheckSubject['place'],
): (Point & { accuracyMeters: number | null }) | null {
  if (!place || place.lat === null || place.lon === null) return null;
  return { lat: place.lat, lon: place.lon, accuracyMeters: place.accuracyMeters };
}

const hasPhoto = (subject: SunCheckSubject) =>
  subject.attachments.some((a) => a.contentType.startsWith('image/'));

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

function finding(
  code: FindingCode,
  en: string,
  zh: string,
  evidence: Finding['evidence'],
): Finding {
  return { code, severity: findingSeverity(code), message: { en, zh }, evidence };
}

export const nightPhotoCheck: SunCheck = {
  name: 'sun-night-photo',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.sun.night_photo],
  appliesTo: (subject) =>
    subject.sun.daylightPhoto &&
    hasPhoto(subject) &&
    claimedIntervals(subject.time) !== null &&
    claimedPoint(subject.place) !== null,
  run(subject, { settings }) {
    const claim = claimedIntervals(subject.time)!;
    const place = claimedPoint(subject.place)!;
    const threshold = settings.sunNightAltitudeDegrees;
    const judged = judgeNight(claim, place, threshold);
    if (judged.night !== 'whole') return [];
    const highest = round(judged.highestAltitude, 2);
    return [
      finding(
        FLAG.sun.night_photo,
        `The photo is said to show daylight, but at the claimed place the sun stood at most ${highest.toFixed(1)}° over the whole claimed time, below ${threshold}° (night).`,
        `据称照片拍摄于白天，但在所述时间的整个区间内，所述地点的太阳最高只有 ${highest.toFixed(1)}°，低于 ${threshold}°（已入夜）。`,
        {
          highestAltitudeDegrees: highest,
          highestAt: judged.highestAt,
          thresholdDegrees: threshold,
          placeAngleDegrees: round(judged.placeAngle, 4),
          claimFrom: claim[0]!.from,
          claimTo: claim.at(-1)!.to,
        },
      ),
    ];
  },
};

/** The analyst's measurement with the settings' errors where they gave none. */
export function measurementOf(
  shadow: NonNullable<SunEvidence['shadow']>,
  settings: SunCheckSettings,
): ShadowMeasurement {
  return {
    bearing: shadow.bearing,
    bearingError: shadow.bearingError ?? settings.sunShadowBearingErrorDegrees,
    lengthRatio: shadow.lengthRatio ?? null,
    lengthRatioError: shadow.lengthRatioError ?? settings.sunShadowLengthError,
  };
}

export const shadowMismatchCheck: SunCheck = {
  name: 'sun-shadow',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.sun.shadow_mismatch],
  appliesTo: (subject) =>
    subject.sun.shadow !== null &&
    claimedIntervals(subject.time) !== null &&
    claimedPoint(subject.place) !== null,
  run(subject, { settings }) {
    const claim = claimedIntervals(subject.time)!;
    const place = claimedPoint(subject.place)!;
    const measurement = measurementOf(subject.sun.shadow!, settings);
    if (claim.some((c) => chronolocate(measurement, place, c).length > 0)) return [];
    const closest = closestShadow(measurement, place, claim);
    // The chronolocation answer: the claimed day (at its middle) and when the shadow fits then.
    const middle = Math.round((claim[0]!.from + claim.at(-1)!.to) / 2);
    const day = solarDay(middle, place.lon);
    const fits = chronolocate(measurement, place, day);
    const bearing = round(measurement.bearing, 1);
    const error = round(measurement.bearingError, 1);
    const expected = closest ? round(closest.expected.bearing, 1) : null;
    const en =
      closest === null
        ? `A shadow was measured at ${bearing}° ± ${error}°, but the sun was down for the whole claimed time at the claimed place.`
        : `The shadow measured at ${bearing}° ± ${error}° fits the sun at no claimed time at the claimed place: the closest expected shadow points ${expected}°.`;
    const zh =
      closest === null
        ? `照片上测得阴影方向为 ${bearing}° ± ${error}°，但在所述时间的整个区间内，所述地点的太阳都在地平线以下。`
        : `照片上测得的阴影方向 ${bearing}° ± ${error}° 与所述地点在所述任何时刻的太阳位置都不相符：最接近的预期阴影方向为 ${expected}°。`;
    return [
      finding(FLAG.sun.shadow_mismatch, en, zh, {
        measuredBearingDegrees: measurement.bearing,
        bearingErrorDegrees: measurement.bearingError,
        measuredLengthRatio: measurement.lengthRatio ?? null,
        lengthRatioError: measurement.lengthRatio == null ? null : measurement.lengthRatioError,
        closestAt: closest?.at ?? null,
        closestExpectedBearingDegrees: expected,
        closestBearingDifferenceDegrees: closest ? round(closest.bearingDifference, 2) : null,
        closestExpectedLengthRatio: closest ? round(closest.expected.lengthRatio, 3) : null,
        claimFrom: claim[0]!.from,
        claimTo: claim.at(-1)!.to,
        dayFrom: day.from,
        dayTo: day.to,
        fitsThatDay: fits,
      }),
    ];
  },
};

/**
 * A sun check in the Check contract (the registry's): it applies once an analyst has
 * given the report's photo evidence (CheckSubject.sun), and reads the sun settings from
 * CheckSettings.
 */
export function registered(check: SunCheck): Check {
  const withSun = (subject: CheckSubject): SunCheckSubject | null =>
    subject.sun ? { ...subject, sun: subject.sun } : null;
  return {
    name: check.name,
    version: check.version,
    cost: check.cost,
    codes: check.codes,
    appliesTo: (subject) => {
      const sunSubject = withSun(subject);
      return sunSubject !== null && check.appliesTo(sunSubject);
    },
    run: (subject, context) => check.run(withSun(subject)!, context),
  };
}

export const SUN_CHECKS: readonly Check[] = [nightPhotoCheck, shadowMismatchCheck].map(registered);
