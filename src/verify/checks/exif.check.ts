/**
 * The exif check: what a photo's camera metadata (read at intake, domain/media.ts)
 * says against the report's claim, per attachment.
 *
 * - `exif.time_mismatch`: the capture instant lies outside the claimed UTC interval (the
 *   claim's precision is its width) by TIPWIRE_EXIF_TIME_MISMATCH_MINUTES or more.
 * - `exif.place_mismatch`: the GPS position lies farther from the claimed point than the
 *   claim's accuracy + the GPS accuracy + TIPWIRE_EXIF_PLACE_MISMATCH_METERS.
 * - `exif.clock_zone_mismatch`: the camera clock's offset (from its offset tag or its GPS
 *   time) is not the offset of the zone at its own GPS position then.
 * - `exif.edited`: traces of editing (an editor named in Software, ModifyDate after the
 *   capture, a thumbnail unlike the photo).
 * - `exif.absent`: a JPEG, HEIC or TIFF photo without any camera metadata.
 *
 * Evidence is numbers and codes (attachment index and id, epoch ms, minutes, metres, trace
 * codes): no coordinates, no text from the file or the report.
 */
import type { MediaFacts } from '../../domain/media.js';
import { FLAG, findingSeverity, type FindingCode } from '../../domain/flags.js';
import type { Check, CheckSubject, Finding } from '../check.js';
import { editorNamed } from '../media/editors.js';
import { HEIC, HEIF, JPEG, TIFF } from '../media/magic.js';

/** Types that normally carry EXIF: without it, exif.absent. */
export const EXIF_EXPECTED: ReadonlySet<string> = new Set([JPEG, HEIC, HEIF, TIFF]);

const MINUTE_MS = 60_000;
const EARTH_RADIUS_M = 6_371_008.8;

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far (ms) an instant lies outside the claimed intervals (0 inside one); null: no claim. */
export function outsideClaim(at: number, time: CheckSubject['time']): number | null {
  if (!time || time.from === null || time.to === null) return null;
  const intervals =
    time.alternatives && time.alternatives.length > 0
      ? time.alternatives
      : [{ from: time.from, to: time.to }];
  return Math.min(
    ...intervals.map(({ from, to }) => (at < from ? from - at : at > to ? at - to : 0)),
  );
}

const finding = (
  code: FindingCode,
  en: string,
  zh: string,
  evidence: Finding['evidence'],
): Finding => ({ code, severity: findingSeverity(code), message: { en, zh }, evidence });

const formatOffset = (minutes: number) => {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

type Photo = { index: number; id: string; media: MediaFacts };

function timeFinding(photo: Photo, subject: CheckSubject, limitMinutes: number): Finding | null {
  const exif = photo.media.exif!;
  if (exif.takenAt === null) return null;
  const outside = outsideClaim(exif.takenAt, subject.time);
  if (outside === null || outside === 0 || outside < limitMinutes * MINUTE_MS) return null;
  const minutes = round(outside / MINUTE_MS, 1);
  const n = photo.index + 1;
  return finding(
    FLAG.exif.time_mismatch,
    `Photo ${n} was taken ${minutes} min outside the claimed time (limit ${limitMinutes} min), by its camera time read in ${exif.takenAtOffsetMinutes === null ? 'an unknown offset' : formatOffset(exif.takenAtOffsetMinutes)}.`,
    `第 ${n} 张照片的拍摄时间在所述时间区间之外 ${minutes} 分钟（上限 ${limitMinutes} 分钟），按其相机时间以 ${exif.takenAtOffsetMinutes === null ? '未知时差' : formatOffset(exif.takenAtOffsetMinutes)} 解读。`,
    {
      attachment: photo.index,
      attachmentId: photo.id,
      takenAt: exif.takenAt,
      takenAtOffsetMinutes: exif.takenAtOffsetMinutes,
      takenAtOffsetSource: exif.takenAtOffsetSource,
      claimFrom: subject.time!.from,
      claimTo: subject.time!.to,
      minutesOutside: minutes,
      limitMinutes,
    },
  );
}

function placeFinding(photo: Photo, subject: CheckSubject, marginMeters: number): Finding | null {
  const gps = photo.media.exif!.gps;
  const place = subject.place;
  if (!gps || !place || place.lat === null || place.lon === null) return null;
  const distance = distanceMeters(gps, { lat: place.lat, lon: place.lon });
  const limit = (place.accuracyMeters ?? 0) + (gps.accuracyMeters ?? 0) + marginMeters;
  if (!(distance > limit)) return null;
  const n = photo.index + 1;
  const km = round(distance / 1000, 2);
  const limitKm = round(limit / 1000, 2);
  return finding(
    FLAG.exif.place_mismatch,
    `Photo ${n} was taken ${km} km from the claimed place, farther than the ${limitKm} km the accuracies and the margin allow.`,
    `第 ${n} 张照片的拍摄位置距所述地点 ${km} 公里，超过精度与余量所允许的 ${limitKm} 公里。`,
    {
      attachment: photo.index,
      attachmentId: photo.id,
      distanceMeters: Math.round(distance),
      limitMeters: Math.round(limit),
      claimAccuracyMeters: place.accuracyMeters,
      gpsAccuracyMeters: gps.accuracyMeters,
      marginMeters,
    },
  );
}

function clockZoneFinding(photo: Photo): Finding | null {
  const exif = photo.media.exif!;
  if (exif.cameraOffsetMinutes === null || exif.cameraOffsetSource === null || !exif.gpsZone)
    return null;
  if (exif.cameraOffsetMinutes === exif.gpsZone.offsetMinutes) return null;
  const n = photo.index + 1;
  const camera = formatOffset(exif.cameraOffsetMinutes);
  const zone = formatOffset(exif.gpsZone.offsetMinutes);
  return finding(
    FLAG.exif.clock_zone_mismatch,
    `The camera of photo ${n} kept ${camera} (from its ${exif.cameraOffsetSource === 'offset-tag' ? 'offset tag' : 'GPS time'}), but its GPS position was in ${exif.gpsZone.name}, ${zone} then.`,
    `第 ${n} 张照片的相机时钟为 ${camera}（据其${exif.cameraOffsetSource === 'offset-tag' ? '时差标签' : 'GPS时间'}），但其GPS位置当时位于 ${exif.gpsZone.name}，时差为 ${zone}。`,
    {
      attachment: photo.index,
      attachmentId: photo.id,
      cameraOffsetMinutes: exif.cameraOffsetMinutes,
      cameraOffsetSource: exif.cameraOffsetSource,
      zone: exif.gpsZone.name,
      zoneOffsetMinutes: exif.gpsZone.offsetMinutes,
      differenceMinutes: exif.cameraOffsetMinutes - exif.gpsZone.offsetMinutes,
    },
  );
}

const TRACE_TEXT = {
  software: { en: 'an editing program in its metadata', zh: '元数据中写有图像编辑软件' },
  modified_after_capture: { en: 'modified after the capture', zh: '修改时间晚于拍摄时间' },
  thumbnail_differs: { en: 'a thumbnail unlike the photo', zh: '内嵌缩略图与照片形状不符' },
} as const;

function editedFinding(photo: Photo): Finding | null {
  const exif = photo.media.exif!;
  if (exif.editTraces.length === 0) return null;
  const n = photo.index + 1;
  return finding(
    FLAG.exif.edited,
    `Photo ${n} carries traces of editing: ${exif.editTraces.map((t) => TRACE_TEXT[t].en).join('; ')}.`,
    `第 ${n} 张照片带有编辑痕迹：${exif.editTraces.map((t) => TRACE_TEXT[t].zh).join('；')}。`,
    {
      attachment: photo.index,
      attachmentId: photo.id,
      traces: [...exif.editTraces],
      // A name from tipwire's own list (media/editors.ts), not the file's text.
      editor: editorNamed(exif.software),
    },
  );
}

function absentFinding(photo: Photo): Finding {
  const n = photo.index + 1;
  const type = photo.media.detectedType!;
  return finding(
    FLAG.exif.absent,
    `Photo ${n} (${type}) has no camera metadata.`,
    `第 ${n} 张照片（${type}）没有相机元数据。`,
    { attachment: photo.index, attachmentId: photo.id, detectedType: type },
  );
}

/** Attachments read and not refused, with their index among all attachments. */
function photos(subject: CheckSubject): { withExif: Photo[]; withoutExif: Photo[] } {
  const withExif: Photo[] = [];
  const withoutExif: Photo[] = [];
  subject.attachments.forEach(({ id, media }, index) => {
    if (!media || media.rejected) return;
    if (media.exif) withExif.push({ index, id, media });
    else if (media.detectedType !== null && EXIF_EXPECTED.has(media.detectedType))
      withoutExif.push({ index, id, media });
  });
  return { withExif, withoutExif };
}

export const exifCheck: Check = {
  name: 'exif',
  version: 1,
  cost: 'cheap',
  codes: [
    FLAG.exif.time_mismatch,
    FLAG.exif.place_mismatch,
    FLAG.exif.clock_zone_mismatch,
    FLAG.exif.edited,
    FLAG.exif.absent,
  ],
  appliesTo(subject) {
    const { withExif, withoutExif } = photos(subject);
    return withExif.length + withoutExif.length > 0;
  },
  run(subject, { settings }) {
    const { withExif, withoutExif } = photos(subject);
    const findings: Finding[] = [];
    for (const photo of withExif) {
      for (const found of [
        timeFinding(photo, subject, settings.exifTimeMismatchMinutes),
        placeFinding(photo, subject, settings.exifPlaceMismatchMeters),
        clockZoneFinding(photo),
        editedFinding(photo),
      ])
        if (found) findings.push(found);
    }
    for (const photo of withoutExif) findings.push(absentFinding(photo));
    return findings;
  },
};
