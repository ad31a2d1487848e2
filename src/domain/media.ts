/**
 * What tipwire reads from an attachment's bytes at intake, while they are in the
 * clear (they are sealed before anything is stored): its type by magic bytes, its
 * pixel size from its header, why it was refused further reading if it was, and its
 * camera metadata. Stored in the clear beside the sealed file: it is the evidence an
 * analyst is shown and what the checks judge. It holds no file name, no digest and
 * no serial numbers (they could identify the reporter or their device); the GPS
 * position is as sensitive as the report's own claimed place, which is in the clear
 * too.
 */

/** Why a file was not read further (the `attachment.rejected` finding says which). */
export const MEDIA_REJECTIONS = [
  /** More bytes than TIPWIRE_MEDIA_MAX_BYTES. */
  'too_large',
  /** Its header declares more pixels than TIPWIRE_MEDIA_MAX_PIXELS (a decompression bomb). */
  'too_many_pixels',
  /** Its magic bytes say one type and its declared media type another (a polyglot or a mislabelled file). */
  'type_mismatch',
  /** Its structure is broken (truncated, corrupt header). */
  'unreadable',
  /** It can carry script (SVG, HTML, a PDF naming script or an automatic action): never rendered for analysts. */
  'active_content',
] as const;
export type MediaRejection = (typeof MEDIA_REJECTIONS)[number];

/** A camera's metadata as written in the file, plus the capture instant resolved from it. */
export interface ExifFacts {
  /** DateTimeOriginal (else CreateDate) as written: the camera's wall clock, `YYYY-MM-DDTHH:mm:ss[.sss]`, no zone. */
  localTime: string | null;
  /**
   * The camera clock's UTC offset in minutes, and where it comes from: the
   * OffsetTimeOriginal tag, or the difference to the GPS time (rounded to 15 min).
   * null: the file does not say.
   */
  cameraOffsetMinutes: number | null;
  cameraOffsetSource: 'offset-tag' | 'gps-time' | null;
  /**
   * The GPS time stamp as a UTC instant (epoch ms), on its GPS date stamp; a file with
   * the time stamp alone gets the day (the camera's local day or one either side) that
   * puts it nearest the camera's clock. null when absent.
   */
  gpsTime: number | null;
  /** Signed decimal degrees; accuracy from GPSHPositioningError (metres) when present. */
  gps: { lat: number; lon: number; accuracyMeters: number | null } | null;
  /** The IANA zone at the GPS position and its offset at capture (minutes); null without GPS. */
  gpsZone: { name: string; offsetMinutes: number } | null;
  /**
   * The capture instant, epoch ms, with the offset it was read in: the camera's
   * offset, else the zone of its GPS position; null when neither is known (then
   * only `localTime` is).
   */
  takenAt: number | null;
  takenAtOffsetMinutes: number | null;
  takenAtOffsetSource: 'offset-tag' | 'gps-time' | 'gps-zone' | null;
  make: string | null;
  model: string | null;
  software: string | null;
  /** ModifyDate as written (wall clock, no zone). */
  modifyTime: string | null;
  /** Traces of editing: a Software tag, ModifyDate after capture, an embedded thumbnail unlike the image. */
  editTraces: ('software' | 'modified_after_capture' | 'thumbnail_differs')[];
}

export interface MediaFacts {
  /** The media type its magic bytes say (`image/jpeg`…); null: not a type tipwire knows. */
  detectedType: string | null;
  /** Pixel size from the header (never decoded to find it); null for non-images. */
  width: number | null;
  height: number | null;
  /** Set when the file was not read further; the file is kept sealed as received. */
  rejected: { reason: MediaRejection; detail: string } | null;
  /** null: no camera metadata in the file (or not an image, or rejected). */
  exif: ExifFacts | null;
  /**
   * The image's perceptual hash (verify/near-dup/phash.ts, 16 hex digits), for finding
   * it again in later reports; null or absent: not an image, a flat one, or rejected.
   */
  phash?: string | null;
  /**
   * Set on a PDF read without refusal whose FlateDecode streams were not all searched
   * for script (verify/media/pdf.ts): TIPWIRE_PDF_INFLATE_MAX_BYTES (`bytes`) or
   * TIPWIRE_PDF_INFLATE_MAX_STREAMS (`streams`) was reached with `streamsInflated`
   * searched, and the file's bytes from `atByte` on were not inflated. Absent: not a
   * PDF, or every such stream was searched.
   */
  pdfSearchStopped?: { by: 'bytes' | 'streams'; atByte: number; streamsInflated: number };
  /**
   * Benford's tests over an attached table (CSV or XLSX), each numeric column the tests ran on
   * by its position (verify/benford/attached-table.ts; `result` is its BenfordResult),
   * or why the table could not be read; absent for other files.
   */
  benford?:
    | { readable: true; columns: { column: number; result: Record<string, unknown> }[] }
    | { readable: false; reason: string };
}

/** Bits in which two 16-hex-digit perceptual hashes differ (0…64). */
export function hammingDistance(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      count += x & 1;
      x >>= 1;
    }
  }
  return count;
}

/** How many bands a hash is cut into for the index (16 bits each). */
export const PHASH_BANDS = 4;

/**
 * The farthest apart (in bits) two hashes the index always finds: a lookup probes each
 * band and its 16 one-bit neighbours, and two hashes at most 7 bits apart have a band
 * with at most one differing bit (pigeonhole: 4 bands × 2 bits would take 8).
 */
export const PHASH_INDEX_REACH = 7;

/** The hash's four 16-bit bands as stored (`p<i>:<4 hex>`). */
export function phashBands(hash: string): string[] {
  return Array.from({ length: PHASH_BANDS }, (_, i) => `p${i}:${hash.slice(i * 4, i * 4 + 4)}`);
}

/** The bands a lookup probes: each band as it is and with each one of its 16 bits flipped (68). */
export function phashProbes(hash: string): string[] {
  const probes: string[] = [];
  for (let i = 0; i < PHASH_BANDS; i++) {
    const band = parseInt(hash.slice(i * 4, i * 4 + 4), 16);
    for (let bit = -1; bit < 16; bit++) {
      const value = bit < 0 ? band : band ^ (1 << bit);
      probes.push(`p${i}:${value.toString(16).padStart(4, '0')}`);
    }
  }
  return probes;
}
