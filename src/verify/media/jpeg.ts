/**
 * The segments of a JPEG file, walked with every length checked against the bytes
 * (a length that runs past the end is a broken file, never a read out of bounds):
 * the markers before the first scan, the end of the image after the entropy-coded
 * data (progressive files have several scans), and what trails it. Pure.
 */

export interface JpegSegment {
  /** The marker's second byte (0xE1 for APP1). */
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  start: number;
  /** Offset of the payload (after the two length bytes). */
  payload: number;
  /** Offset just past the segment. */
  end: number;
}

export type JpegStructure =
  | {
      ok: true;
      /** The segments before the first scan, in order. */
      segments: JpegSegment[];
      /** Offset just past EOI (FFD9); what follows is trailing data. */
      eoiEnd: number;
    }
  | { ok: false; problem: string };

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** Markers without a length: TEM, RST0–7 (and SOI/EOI, handled apart). */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** A frame header (SOF0–SOF15 without DHT C4, JPG C8, DAC CC). */
export const isSof = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** The segment at `at` (which holds 0xFF), or a problem. */
function segmentAt(bytes: Uint8Array, at: number): JpegSegment | string {
  let i = at;
  while (i < bytes.length && bytes[i] === 0xff) i++; // fill bytes
  if (i >= bytes.length) return `truncated at offset ${at}`;
  const marker = bytes[i]!;
  if (marker === 0x00) return `a stray 0xFF00 at offset ${at}`;
  if (standalone(marker) || marker === EOI || marker === SOI)
    return { marker, start: at, payload: i + 1, end: i + 1 };
  if (i + 2 >= bytes.length) return `truncated in the marker at offset ${at}`;
  const length = (bytes[i + 1]! << 8) | bytes[i + 2]!;
  if (length < 2) return `marker 0x${marker.toString(16)} at offset ${at} has length ${length}`;
  const end = i + 1 + length;
  if (end > bytes.length)
    return `marker 0x${marker.toString(16)} at offset ${at} runs ${end - bytes.length} bytes past the end`;
  return { marker, start: at, payload: i + 3, end };
}

/**
 * After a scan's header: the next marker that is not a restart (RSTn) nor a stuffed
 * 0xFF00, or -1 when the data ends first.
 */
function nextMarkerAfterScan(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0xff, from); i >= 0 && i + 1 < bytes.length;) {
    const next = bytes[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      i = bytes.indexOf(0xff, i + 1);
      continue;
    }
    return i;
  }
  return -1;
}

/** The walk: SOI, segments, one or more scans, EOI. */
export function jpegStructure(bytes: Uint8Array): JpegStructure {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI)
    return { ok: false, problem: 'no start-of-image marker' };
  const segments: JpegSegment[] = [];
  let at = 2;
  let scans = 0;
  for (;;) {
    if (at >= bytes.length) return { ok: false, problem: 'no end-of-image marker (truncated)' };
    if (bytes[at] !== 0xff)
      return { ok: false, problem: `no marker at offset ${at} (corrupt segment lengths)` };
    const segment = segmentAt(bytes, at);
    if (typeof segment === 'string') return { ok: false, problem: segment };
    if (segment.marker === EOI) {
      if (scans === 0) return { ok: false, problem: 'end of image before any scan' };
      return { ok: true, segments, eoiEnd: segment.end };
    }
    if (segment.marker === SOI) return { ok: false, problem: `a second SOI at offset ${at}` };
    if (scans === 0) segments.push(segment);
    if (segment.marker === SOS) {
      scans++;
      const next = nextMarkerAfterScan(bytes, segment.end);
      if (next < 0) return { ok: false, problem: 'no end-of-image marker (truncated scan data)' };
      at = next;
    } else {
      at = segment.end;
    }
  }
}

/** The frame size from the first SOFn segment before the first scan (null: none). */
export function jpegFrameSize(
  bytes: Uint8Array,
  segments: readonly JpegSegment[],
): { width: number; height: number } | null {
  const sof = segments.find((s) => isSof(s.marker));
  if (!sof || sof.end - sof.payload < 6) return null;
  const height = (bytes[sof.payload + 1]! << 8) | bytes[sof.payload + 2]!;
  const width = (bytes[sof.payload + 3]! << 8) | bytes[sof.payload + 4]!;
  return { width, height };
}

/**
 * The frame size read from the header alone, walking segments until the first SOFn
 * (for an embedded thumbnail, or a file whose scan data is not needed).
 */
export function jpegHeaderSize(
  bytes: Uint8Array,
): { width: number; height: number } | { problem: string } {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI)
    return { problem: 'no start-of-image marker' };
  for (let at = 2; ;) {
    if (at >= bytes.length) return { problem: 'no frame header (truncated)' };
    if (bytes[at] !== 0xff) return { problem: `no marker at offset ${at}` };
    const segment = segmentAt(bytes, at);
    if (typeof segment === 'string') return { problem: segment };
    if (isSof(segment.marker)) {
      const size = jpegFrameSize(bytes, [segment]);
      return size ?? { problem: 'frame header too short' };
    }
    if (segment.marker === SOS || segment.marker === EOI)
      return { problem: 'no frame header before the scan' };
    at = segment.end;
  }
}
