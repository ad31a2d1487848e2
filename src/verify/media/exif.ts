/**
 * A file's camera metadata (EXIF) as ExifFacts (domain/media.ts): read with exifr from
 * the bytes in memory (never a path), dates kept as written (exifr's revival would read
 * them in this process's zone), GPS signed from its DMS arrays and Ref tags here, the
 * capture time resolved by capture-time.ts, and the traces of editing. No serial
 * number, owner, artist or file name is kept. exifr failing on a file is `null`
 * (no metadata), never a throw.
 */
import exifr from 'exifr';
import type { ExifFacts } from '../../domain/media.js';
import {
  formatLocal,
  gpsDate,
  gpsInstant,
  gpsTimeOfDay,
  parseExifDateTime,
  parseOffset,
  resolveCaptureTime,
  type ZoneAt,
} from './capture-time.js';
import { editorNamed } from './editors.js';
import { jpegHeaderSize, type JpegSegment } from './jpeg.js';

/** What exifr gives, by block (mergeOutput: false). */
export interface RawExif {
  ifd0?: Record<string, unknown>;
  ifd1?: Record<string, unknown>;
  exif?: Record<string, unknown>;
  gps?: Record<string, unknown>;
}

/** What exifr reads and how: dates and values as written, no maker notes, XMP, IPTC or ICC. */
export const EXIFR_OPTIONS = {
  tiff: true,
  ifd0: {},
  ifd1: true,
  exif: true,
  gps: true,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  mergeOutput: false,
  silentErrors: true,
};

/** exifr's reading of the bytes; null when there is no EXIF or exifr fails. */
export async function readRawExif(bytes: Uint8Array): Promise<RawExif | null> {
  try {
    const out = (await exifr.parse(bytes, EXIFR_OPTIONS)) as RawExif | undefined;
    if (!out || typeof out !== 'object') return null;
    const { ifd0, ifd1, exif, gps } = out;
    return ifd0 || exif || gps ? { ifd0, ifd1, exif, gps } : null;
  } catch {
    return null;
  }
}

/** DMS `[d, m, s]` (or decimal degrees) and its Ref → signed degrees; null when absent or out of range. */
export function signedDegrees(value: unknown, ref: unknown, limit: number): number | null {
  let degrees: number;
  if (typeof value === 'number') degrees = value;
  else if (Array.isArray(value) && value.length >= 1 && value.length <= 3) {
    const parts = value as unknown[];
    if (!parts.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0)) return null;
    const [d, m = 0, s = 0] = parts as number[];
    degrees = d! + m / 60 + s / 3600;
  } else return null;
  if (!Number.isFinite(degrees) || Math.abs(degrees) > limit) return null;
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return r === 'S' || r === 'W' ? -Math.abs(degrees) : degrees;
}

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed.slice(0, 200);
};

/** What the edit traces are judged by (settings of the media block). */
export interface EditTraceLimits {
  /** ModifyDate later than the capture by more than this is an edit trace (TIPWIRE_EXIF_MODIFIED_AFTER_CAPTURE_MINUTES). */
  exifModifiedAfterCaptureMinutes: number;
  /** An embedded thumbnail whose aspect ratio differs from the image's by more than this fraction (TIPWIRE_EXIF_THUMBNAIL_ASPECT_TOLERANCE). */
  exifThumbnailAspectTolerance: number;
}

/** Where the thumbnail is: the TIFF header's offset in the file (JPEG APP1, or 0 for TIFF). */
export function tiffStartOf(
  bytes: Uint8Array,
  segments: readonly JpegSegment[] | null,
): number | null {
  if (!segments) return 0;
  const exif = segments.find(
    (s) =>
      s.marker === 0xe1 &&
      s.end - s.payload > 14 &&
      String.fromCharCode(...bytes.subarray(s.payload, s.payload + 6)) === 'Exif\0\0',
  );
  return exif ? exif.payload + 6 : null;
}

const swapped = (orientation: unknown) =>
  typeof orientation === 'number' && orientation >= 5 && orientation <= 8;

/**
 * Whether the embedded JPEG thumbnail's shape differs from the image's, each as
 * displayed (orientations 5–8 swap width and height; the thumbnail takes the image's
 * orientation unless IFD1 has its own). null: no readable thumbnail.
 */
export function thumbnailDiffers(
  bytes: Uint8Array,
  raw: RawExif,
  tiffStart: number | null,
  image: { width: number; height: number } | null,
  tolerance: number,
): boolean | null {
  const offset = raw.ifd1?.ThumbnailOffset;
  const length = raw.ifd1?.ThumbnailLength;
  if (tiffStart === null || !image || typeof offset !== 'number' || typeof length !== 'number')
    return null;
  const start = tiffStart + offset;
  if (offset < 0 || length <= 0 || start + length > bytes.length) return null;
  const thumb = jpegHeaderSize(bytes.subarray(start, start + length));
  if ('problem' in thumb || thumb.width === 0 || thumb.height === 0) return null;
  if (image.width === 0 || image.height === 0) return null;
  const imageOrientation = raw.ifd0?.Orientation;
  const thumbOrientation = raw.ifd1?.Orientation ?? imageOrientation;
  const imageAspect = swapped(imageOrientation)
    ? image.height / image.width
    : image.width / image.height;
  const thumbAspect = swapped(thumbOrientation)
    ? thumb.height / thumb.width
    : thumb.width / thumb.height;
  const ratio = Math.max(imageAspect, thumbAspect) / Math.min(imageAspect, thumbAspect);
  return ratio > 1 + tolerance;
}

/**
 * ExifFacts from exifr's reading. `image` is the size from the file's header;
 * `tiffStart` where the TIFF header is (for the thumbnail); `zoneAt` the zone finder.
 */
export function exifFactsOf(
  raw: RawExif,
  context: {
    bytes: Uint8Array;
    tiffStart: number | null;
    image: { width: number; height: number } | null;
    limits: EditTraceLimits;
    zoneAt: ZoneAt;
  },
): ExifFacts {
  const ifd0 = raw.ifd0 ?? {};
  const exif = raw.exif ?? {};
  const gpsBlock = raw.gps ?? {};

  const original = parseExifDateTime(exif.DateTimeOriginal, exif.SubSecTimeOriginal);
  const digitized = parseExifDateTime(exif.CreateDate, exif.SubSecTimeDigitized);
  const localMs = original ?? digitized;
  const offsetTag = parseOffset(
    original !== null ? exif.OffsetTimeOriginal : exif.OffsetTimeDigitized,
  );

  const lat = signedDegrees(gpsBlock.GPSLatitude, gpsBlock.GPSLatitudeRef, 90);
  const lon = signedDegrees(gpsBlock.GPSLongitude, gpsBlock.GPSLongitudeRef, 180);
  const error = gpsBlock.GPSHPositioningError;
  // (0, 0) is a receiver without a fix far more often than a photo in the Gulf of Guinea.
  const gps =
    lat !== null && lon !== null && !(lat === 0 && lon === 0)
      ? {
          lat,
          lon,
          accuracyMeters:
            typeof error === 'number' && Number.isFinite(error) && error >= 0 ? error : null,
        }
      : null;
  const gpsTime = gpsInstant(
    gpsTimeOfDay(gpsBlock.GPSTimeStamp),
    gpsDate(gpsBlock.GPSDateStamp),
    localMs,
  );

  const capture = resolveCaptureTime({ localMs, offsetTag, gpsMs: gpsTime, gps }, context.zoneAt);

  const software = text(ifd0.Software);
  const modifyMs = parseExifDateTime(ifd0.ModifyDate, exif.SubSecTime);
  const editTraces: ExifFacts['editTraces'] = [];
  if (editorNamed(software)) editTraces.push('software');
  if (
    modifyMs !== null &&
    localMs !== null &&
    modifyMs - localMs > context.limits.exifModifiedAfterCaptureMinutes * 60_000
  )
    editTraces.push('modified_after_capture');
  if (
    thumbnailDiffers(
      context.bytes,
      raw,
      context.tiffStart,
      context.image,
      context.limits.exifThumbnailAspectTolerance,
    )
  )
    editTraces.push('thumbnail_differs');

  return {
    localTime: localMs === null ? null : formatLocal(localMs),
    cameraOffsetMinutes: capture.cameraOffsetMinutes,
    cameraOffsetSource: capture.cameraOffsetSource,
    gpsTime,
    gps,
    gpsZone: capture.gpsZone,
    takenAt: capture.takenAt,
    takenAtOffsetMinutes: capture.takenAtOffsetMinutes,
    takenAtOffsetSource: capture.takenAtOffsetSource,
    make: text(ifd0.Make),
    model: text(ifd0.Model),
    software,
    modifyTime: modifyMs === null ? null : formatLocal(modifyMs),
    editTraces,
  };
}
