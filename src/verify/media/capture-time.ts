/**
 * When a photo was taken, from what its camera wrote: the local wall clock
 * (DateTimeOriginal), the camera clock's UTC offset (OffsetTimeOriginal, else the
 * difference to the GPS receiver's UTC time rounded to 15 minutes), and the zone of
 * the GPS position (looked up by a function the caller passes in: stage folders do no
 * I/O and cannot reach the zone data). Pure: no clock, no local time zone (every
 * wall-clock time is "local ms", written as if it were UTC).
 */

/** The IANA zone at a point and its UTC offset at an instant; null where unknown. */
export type ZoneAt = (
  lat: number,
  lon: number,
  utcMs: number,
) => { name: string; offsetMinutes: number } | null;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Offsets in use on Earth: UTC−12 … UTC+14. */
export const MIN_OFFSET_MINUTES = -12 * 60;
export const MAX_OFFSET_MINUTES = 14 * 60;
/** Camera offsets found from the GPS time are rounded to this (zones are whole quarters). */
export const OFFSET_STEP_MINUTES = 15;

const EXIF_DATE_TIME =
  /^\s*(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*$/;

/**
 * An EXIF date-time (`2006:05:26 11:48:48`, also with `-` or `T`) and optional
 * SubSecTime digits as local ms; null when absent, blank (`    :  :     :  :  `),
 * zero or not a calendar time.
 */
export function parseExifDateTime(value: unknown, subSec?: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = EXIF_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return null;
  const date = Date.UTC(year, month - 1, day);
  if (new Date(date).getUTCDate() !== day) return null; // 2026-02-30
  const fraction = m[7] ?? (typeof subSec === 'string' ? subSec.trim() : String(subSec ?? ''));
  const ms = /^\d+$/.test(fraction) ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return date + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Local ms as `YYYY-MM-DDTHH:mm:ss` (with `.sss` when it has milliseconds). */
export function formatLocal(localMs: number): string {
  const iso = new Date(localMs).toISOString();
  return localMs % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** `+02:00`, `-05:30` → minutes; null when not an offset within UTC−12…+14. */
export function parseOffset(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^\s*([+-])(\d{2}):?(\d{2})\s*$/.exec(value);
  if (!m) return null;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return minutes >= MIN_OFFSET_MINUTES && minutes <= MAX_OFFSET_MINUTES && Number(m[3]) < 60
    ? minutes
    : null;
}

/** `[h, m, s]` of GPSTimeStamp as ms into the day; null when absent or out of range. */
export function gpsTimeOfDay(value: unknown): number | null {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [h, m, s] = value as unknown[];
  if (![h, m, s].every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) return null;
  const ms = Math.round((((h as number) * 60 + (m as number)) * 60 + (s as number)) * 1000);
  return ms < DAY_MS ? ms : null;
}

/** GPSDateStamp `2006:05:26` → the UTC day's ms; null when absent or blank. */
export function gpsDate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{4})[:-](\d{2})[:-](\d{2})\s*$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1) return null;
  const at = Date.UTC(year, month - 1, day);
  return new Date(at).getUTCDate() === day ? at : null;
}

/**
 * The GPS receiver's UTC instant: its date and time stamps, or its time of day alone on
 * the day (the camera's local day, or the day before or after) that puts it nearest the
 * camera's wall clock: a camera's offset is under a day either way.
 */
export function gpsInstant(
  timeOfDay: number | null,
  date: number | null,
  localMs: number | null,
): number | null {
  if (timeOfDay === null) return null;
  if (date !== null) return date + timeOfDay;
  if (localMs === null) return null;
  const localDay = Math.floor(localMs / DAY_MS) * DAY_MS;
  const candidates = [localDay - DAY_MS, localDay, localDay + DAY_MS].map((d) => d + timeOfDay);
  return candidates.reduce((best, c) =>
    Math.abs(localMs - c) < Math.abs(localMs - best) ? c : best,
  );
}

/**
 * The camera clock's offset from the GPS time: their difference rounded to 15 minutes,
 * if that lies within UTC−12…+14 (else one of the two clocks is wrong: no offset).
 */
export function offsetFromGps(localMs: number, gpsMs: number): number | null {
  const minutes =
    Math.round((localMs - gpsMs) / MINUTE_MS / OFFSET_STEP_MINUTES) * OFFSET_STEP_MINUTES;
  return minutes >= MIN_OFFSET_MINUTES && minutes <= MAX_OFFSET_MINUTES ? minutes + 0 : null;
}

export interface CaptureInputs {
  /** DateTimeOriginal (else CreateDate) as local ms. */
  localMs: number | null;
  /** OffsetTimeOriginal in minutes (validated). */
  offsetTag: number | null;
  /** GPS UTC instant (gpsInstant). */
  gpsMs: number | null;
  gps: { lat: number; lon: number } | null;
}

export interface CaptureTime {
  cameraOffsetMinutes: number | null;
  cameraOffsetSource: 'offset-tag' | 'gps-time' | null;
  gpsZone: { name: string; offsetMinutes: number } | null;
  takenAt: number | null;
  takenAtOffsetMinutes: number | null;
  takenAtOffsetSource: 'offset-tag' | 'gps-time' | 'gps-zone' | null;
}

/** The zone at the GPS position, its offset at the capture (or near it when unknown). */
function zoneOfPosition(
  gps: { lat: number; lon: number },
  instant: number | null,
  localMs: number | null,
  zoneAt: ZoneAt,
): CaptureTime['gpsZone'] {
  if (instant !== null) return zoneAt(gps.lat, gps.lon, instant);
  if (localMs === null) return null;
  // Only the wall clock: read it in the zone's offset near it, then at that instant.
  const near = zoneAt(gps.lat, gps.lon, localMs);
  return near && zoneAt(gps.lat, gps.lon, localMs - near.offsetMinutes * MINUTE_MS);
}

export function resolveCaptureTime(input: CaptureInputs, zoneAt: ZoneAt): CaptureTime {
  const { localMs, offsetTag, gpsMs, gps } = input;
  let cameraOffsetMinutes: number | null = null;
  let cameraOffsetSource: CaptureTime['cameraOffsetSource'] = null;
  if (localMs !== null && offsetTag !== null) {
    cameraOffsetMinutes = offsetTag;
    cameraOffsetSource = 'offset-tag';
  } else if (localMs !== null && gpsMs !== null) {
    cameraOffsetMinutes = offsetFromGps(localMs, gpsMs);
    cameraOffsetSource = cameraOffsetMinutes === null ? null : 'gps-time';
  }
  const cameraInstant =
    localMs !== null && cameraOffsetMinutes !== null
      ? localMs - cameraOffsetMinutes * MINUTE_MS
      : null;
  const gpsZone = gps ? zoneOfPosition(gps, cameraInstant ?? gpsMs, localMs, zoneAt) : null;
  if (cameraInstant !== null)
    return {
      cameraOffsetMinutes,
      cameraOffsetSource,
      gpsZone,
      takenAt: cameraInstant,
      takenAtOffsetMinutes: cameraOffsetMinutes,
      takenAtOffsetSource: cameraOffsetSource,
    };
  if (localMs !== null && gpsZone !== null)
    return {
      cameraOffsetMinutes,
      cameraOffsetSource,
      gpsZone,
      takenAt: localMs - gpsZone.offsetMinutes * MINUTE_MS,
      takenAtOffsetMinutes: gpsZone.offsetMinutes,
      takenAtOffsetSource: 'gps-zone',
    };
  return {
    cameraOffsetMinutes,
    cameraOffsetSource,
    gpsZone,
    takenAt: null,
    takenAtOffsetMinutes: null,
    takenAtOffsetSource: null,
  };
}
