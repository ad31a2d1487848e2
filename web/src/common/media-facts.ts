/**
 * An attachment's evidence as rows an analyst reads (term, value, a note, a warning):
 * pure functions of the server's MediaFacts (src/domain/media.ts), the declared type
 * and size, the language and a translate function, so every form is tested without a
 * server or a browser. MediaFacts.tsx renders the rows, all as text; instants are
 * left as ISO strings for `<Time>` to show in the viewer's zone with UTC on hover.
 */
import type { ExifFacts, MediaFacts, MediaRejection } from '../../../src/domain/media.js';
import type { Language } from '../i18n.js';
import { coordinates, distance, formatBytes, localReading } from './format.js';

/** Translates a key of the `media` namespace with its values. */
export type Say = (key: string, values?: Record<string, string | number>) => string;

export interface MediaRow {
  /** Stable name of the row (tests and `data-fact`). */
  fact:
    | 'type'
    | 'size'
    | 'refused'
    | 'taken'
    | 'gpsTime'
    | 'gps'
    | 'device'
    | 'software'
    | 'modified'
    | 'edits'
    | 'camera';
  term: string;
  /** The value as text; when `iso` is set, the view shows that instant instead. */
  text: string;
  /** An instant (ISO, UTC) the view shows in the viewer's zone, UTC on hover. */
  iso?: string;
  /** A second line: where a value comes from, what it is compared with. */
  note?: string;
  /** Something the analyst must not miss (a type that lies, a refusal, edits). */
  warn?: boolean;
}

/** An attachment as the report view answers it, with the facts read from its bytes. */
export interface DeclaredFile {
  contentType: string;
  sizeBytes: number;
}

const numberLocale = (lng: Language) => (lng === 'zh' ? 'zh-CN' : 'en-GB');
const whole = (n: number, lng: Language) => new Intl.NumberFormat(numberLocale(lng)).format(n);

/** A UTC offset in minutes as `UTC+01:00`, `UTC−05:30` (a true minus), `UTC±00:00` never: `UTC+00:00`. */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** A media type without its parameters, lower case: what two declarations are compared by. */
export function bareType(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

/** A device: make and model, the make once when the model repeats it ("Canon Canon EOS"). */
export function deviceText(make: string | null, model: string | null): string | null {
  const m = make?.trim() || null;
  const d = model?.trim() || null;
  if (m && d) return d.toLowerCase().startsWith(m.toLowerCase()) ? d : `${m} ${d}`;
  return m ?? d;
}

const iso = (ms: number | null): string | null => {
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** Why a file was refused, in words, with the numbers it was refused for. */
export function refusalText(
  media: MediaFacts,
  declared: DeclaredFile,
  lng: Language,
  say: Say,
): string {
  const reason: MediaRejection | undefined = media.rejected?.reason;
  switch (reason) {
    case 'too_large':
      return say('refused.too_large', { size: formatBytes(declared.sizeBytes, lng) });
    case 'too_many_pixels':
      return media.width !== null && media.height !== null
        ? say('refused.too_many_pixels', { pixels: whole(media.width * media.height, lng) })
        : say('refused.too_many_pixelsUnknown');
    case 'type_mismatch':
      return say('refused.type_mismatch', {
        detected: media.detectedType ?? say('type.unknown'),
        declared: declared.contentType,
      });
    case 'unreadable':
      return say('refused.unreadable');
    case 'active_content':
      return say('refused.active_content', {
        detected: media.detectedType ?? declared.contentType,
      });
    default:
      return say('refused.other', { reason: String(reason) });
  }
}

/** When it was taken: the instant (shown in the viewer's zone) and the camera's own reading. */
function takenRow(exif: ExifFacts, say: Say): MediaRow | null {
  const reading = exif.localTime ? localReading(exif.localTime) : null;
  const at = iso(exif.takenAt);
  if (at) {
    const source = exif.takenAtOffsetSource;
    const offset = exif.takenAtOffsetMinutes;
    const sourceText =
      source === 'gps-zone' && exif.gpsZone
        ? `${say('offsetSource.gps-zone')} ${exif.gpsZone.name}`
        : source
          ? say(`offsetSource.${source}`)
          : '';
    const note =
      reading && offset !== null && source
        ? say('taken.camera', { reading, offset: utcOffset(offset), source: sourceText })
        : reading
          ? say('taken.cameraOnly', { reading })
          : undefined;
    return { fact: 'taken', term: say('term.taken'), text: at, iso: at, ...(note ? { note } : {}) };
  }
  if (reading)
    return {
      fact: 'taken',
      term: say('term.taken'),
      text: say('taken.cameraOnly', { reading }),
    };
  return null;
}

/** The camera metadata's rows, in the order an analyst checks them. */
function exifRows(exif: ExifFacts, lng: Language, say: Say): MediaRow[] {
  const rows: MediaRow[] = [];
  const taken = takenRow(exif, say);
  if (taken) rows.push(taken);
  const gpsAt = iso(exif.gpsTime);
  if (gpsAt) rows.push({ fact: 'gpsTime', term: say('term.gpsTime'), text: gpsAt, iso: gpsAt });
  if (exif.gps) {
    const { lat, lon, accuracyMeters } = exif.gps;
    const accuracy =
      accuracyMeters !== null
        ? ` ${say('gps.accuracy', { distance: distance(accuracyMeters, lng) })}`
        : '';
    rows.push({
      fact: 'gps',
      term: say('term.gps'),
      text: `${coordinates(lat, lon)}${accuracy}`,
      ...(exif.gpsZone
        ? {
            note: say('gps.zone', {
              zone: exif.gpsZone.name,
              offset: utcOffset(exif.gpsZone.offsetMinutes),
            }),
          }
        : {}),
    });
  }
  const device = deviceText(exif.make, exif.model);
  if (device) rows.push({ fact: 'device', term: say('term.device'), text: device });
  if (exif.software)
    rows.push({ fact: 'software', term: say('term.software'), text: exif.software });
  if (exif.modifyTime)
    rows.push({
      fact: 'modified',
      term: say('term.modified'),
      text: localReading(exif.modifyTime),
    });
  if (exif.editTraces.length > 0)
    rows.push({
      fact: 'edits',
      term: say('term.edits'),
      text: exif.editTraces.map((trace) => say(`edit.${trace}`)).join(say('edit.separator')),
      warn: true,
    });
  return rows;
}

/**
 * What one attachment's bytes say, as rows: its type (a warning when it is not the
 * declared one), its pixel size, why it was refused, then its camera metadata. No
 * rows when the server read nothing (`media` null: a file stored before F8).
 */
export function mediaRows(
  media: MediaFacts | null | undefined,
  declared: DeclaredFile,
  lng: Language,
  say: Say,
): MediaRow[] {
  if (!media) return [];
  const rows: MediaRow[] = [];
  const differs =
    media.detectedType !== null && bareType(media.detectedType) !== bareType(declared.contentType);
  rows.push({
    fact: 'type',
    term: say('term.type'),
    text: media.detectedType ?? say('type.unknown'),
    ...(differs
      ? { note: say('type.differs', { declared: declared.contentType }), warn: true }
      : {}),
  });
  if (media.width !== null && media.height !== null && !media.rejected)
    rows.push({
      fact: 'size',
      term: say('term.size'),
      text: say('pixels', { width: whole(media.width, lng), height: whole(media.height, lng) }),
    });
  if (media.rejected) {
    rows.push({
      fact: 'refused',
      term: say('term.refused'),
      text: refusalText(media, declared, lng, say),
      note: say('refused.note'),
      warn: true,
    });
    return rows;
  }
  if (media.exif) rows.push(...exifRows(media.exif, lng, say));
  else rows.push({ fact: 'camera', term: say('term.camera'), text: say('camera.none') });
  return rows;
}

/** The file a finding is about, by the `attachmentId` its evidence names; null when none. */
export function attachmentNamed<A extends { id: string; filename: string }>(
  attachments: readonly A[],
  evidence: Record<string, unknown>,
): A | null {
  const id = evidence?.attachmentId;
  return typeof id === 'string' ? (attachments.find((a) => a.id === id) ?? null) : null;
}

/** The findings about one attachment: those whose evidence names it. */
export function findingsAbout<F extends { evidence: Record<string, unknown> }>(
  findings: readonly F[],
  attachmentId: string,
): F[] {
  return findings.filter((f) => f.evidence?.attachmentId === attachmentId);
}

/** An earlier report whose narrative this report's copies, and how alike the two are (0–1). */
export interface ReusedText {
  reportId: string;
  similarity: number;
}

/**
 * The earlier reports a `media.reused` finding of kind `text` names (most alike first,
 * as the check lists them) and how many more it counted; null for any other finding.
 */
export function reusedTextOf(finding: {
  code: string;
  evidence: Record<string, unknown>;
}): { matches: ReusedText[]; more: number } | null {
  const e = finding.evidence;
  if (finding.code !== 'media.reused' || e?.kind !== 'text' || !Array.isArray(e.matches)) {
    return null;
  }
  const matches = (e.matches as unknown[]).filter(
    (m): m is ReusedText =>
      typeof (m as ReusedText)?.reportId === 'string' &&
      typeof (m as ReusedText).similarity === 'number',
  );
  const count = typeof e.matchCount === 'number' ? e.matchCount : matches.length;
  return { matches, more: Math.max(0, count - matches.length) };
}

/** A similarity as an analyst reads it: two decimals (the sketch estimates in 1/64 steps). */
export const similarityText = (similarity: number): string => similarity.toFixed(2);

/** Types the server can send a copy of without identifying metadata (verify/media/strip.ts). */
const STRIPPABLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

/**
 * Whether the server's default download is a copy without identifying metadata: a JPEG
 * or PNG by its bytes that was not refused. Otherwise the default is the file as
 * received, and the page must not say the metadata was removed.
 */
export function hasStrippedCopy(media: MediaFacts | null): boolean {
  return media !== null && media.rejected === null && STRIPPABLE.has(media.detectedType ?? '');
}
