/**
 * A file's media type from its first bytes (its magic), never from its name or the
 * type the sender declared, and whether a declared type agrees with it. Binary
 * formats by their signatures (ISO-BMFF by the ftyp brand); SVG and HTML by sniffing
 * the first element of a text (they can carry script: "active content"); anything
 * else that is valid UTF-8 without NUL is plain text (CSV cannot be told from text).
 * Pure functions over bytes.
 */

export const JPEG = 'image/jpeg';
export const PNG = 'image/png';
export const GIF = 'image/gif';
export const WEBP = 'image/webp';
export const TIFF = 'image/tiff';
export const BMP = 'image/bmp';
export const HEIC = 'image/heic';
export const HEIF = 'image/heif';
export const AVIF = 'image/avif';
export const MP4 = 'video/mp4';
export const QUICKTIME = 'video/quicktime';
export const M4A = 'audio/mp4';
export const PDF = 'application/pdf';
export const ZIP = 'application/zip';
/** OLE2 compound files: legacy .doc, .xls, .ppt, .msg. */
export const CFB = 'application/x-cfb';
export const MP3 = 'audio/mpeg';
export const WAV = 'audio/wav';
export const OGG = 'audio/ogg';
export const FLAC = 'audio/flac';
export const SVG = 'image/svg+xml';
export const HTML = 'text/html';
export const TEXT = 'text/plain';

/** Types that can carry script: never rendered for analysts. */
export const ACTIVE_CONTENT: ReadonlySet<string> = new Set([SVG, HTML]);

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  at + length <= bytes.length ? String.fromCharCode(...bytes.subarray(at, at + length)) : '';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  at + signature.length <= bytes.length && signature.every((b, i) => bytes[at + i] === b);

/** ISO-BMFF brands (ftyp major and compatible brands) → type. */
const BRANDS: Record<string, string> = {
  heic: HEIC,
  heix: HEIC,
  heim: HEIC,
  heis: HEIC,
  hevc: HEIC,
  hevx: HEIC,
  mif1: HEIF,
  msf1: HEIF,
  avif: AVIF,
  avis: AVIF,
  'qt  ': QUICKTIME,
  'M4A ': M4A,
  'M4B ': M4A,
  'M4P ': M4A,
  isom: MP4,
  iso2: MP4,
  iso4: MP4,
  iso5: MP4,
  iso6: MP4,
  mp41: MP4,
  mp42: MP4,
  avc1: MP4,
  dash: MP4,
  M4V: MP4,
  'M4V ': MP4,
  '3gp4': MP4,
  '3gp5': MP4,
  '3gp6': MP4,
  '3g2a': MP4,
  MSNV: MP4,
  f4v: MP4,
  'f4v ': MP4,
};

function isoBmffType(bytes: Uint8Array): string | null {
  if (ascii(bytes, 4, 4) !== 'ftyp') return null;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (size < 16) return null;
  const major = ascii(bytes, 8, 4);
  // A generic major brand (mif1, heif's) says more through its compatible brands.
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, bytes.length, 256); at += 4)
    compatible.push(ascii(bytes, at, 4));
  if (major === 'mif1' || major === 'msf1') {
    if (compatible.some((b) => b === 'avif' || b === 'avis')) return AVIF;
    if (compatible.some((b) => BRANDS[b] === HEIC)) return HEIC;
    return HEIF;
  }
  return BRANDS[major] ?? compatible.map((b) => BRANDS[b]).find((t) => t !== undefined) ?? null;
}

/** QuickTime files older than ftyp start with one of these atoms. */
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function isMp3(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0x49, 0x44, 0x33])) return true; // "ID3" tag
  // An MPEG audio frame: 11 sync bits, a version other than reserved, layer III/II/I.
  // FF FE is also UTF-16's byte-order mark: that reading wins.
  return (
    bytes.length >= 4 &&
    bytes[1] !== 0xfe &&
    bytes[0] === 0xff &&
    (bytes[1]! & 0xe0) === 0xe0 &&
    (bytes[1]! & 0x18) !== 0x08 &&
    (bytes[1]! & 0x06) !== 0x00 &&
    (bytes[2]! & 0xf0) !== 0xf0
  );
}

function isBmp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x42, 0x4d]) || bytes.length < 18) return false;
  const dibSize = bytes[14]! | (bytes[15]! << 8) | (bytes[16]! << 16) | (bytes[17]! << 24);
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

/** How many bytes of a text are sniffed for its first element. */
const SNIFF_BYTES = 4096;

/** Tags that make a browser read a document as HTML (WHATWG MIME sniffing, §7.1). */
const HTML_TAGS = [
  '!doctype html',
  'html',
  'head',
  'script',
  'iframe',
  'h1',
  'div',
  'font',
  'table',
  'a',
  'style',
  'title',
  'b',
  'body',
  'br',
  'p',
  'object',
  'embed',
  'form',
  'img',
  'meta',
  'link',
  'base',
];

/**
 * SVG or HTML by the first element of a text, skipping a BOM, white space, an XML
 * declaration, processing instructions, comments and a DOCTYPE (an SVG's DOCTYPE names
 * svg); null when the text starts with something else.
 */
export function sniffMarkup(bytes: Uint8Array): typeof SVG | typeof HTML | null {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .toLowerCase();
  for (;;) {
    text = text.trimStart();
    if (text.startsWith('<?')) {
      const end = text.indexOf('?>');
      if (end < 0) return null;
      text = text.slice(end + 2);
    } else if (text.startsWith('<!--')) {
      // A comment is itself a tag WHATWG sniffs as HTML; an SVG may start with one.
      const end = text.indexOf('-->');
      if (end < 0) return HTML;
      text = text.slice(end + 3);
    } else if (text.startsWith('<!doctype')) {
      if (/^<!doctype\s+svg/.test(text)) return SVG;
      if (/^<!doctype\s+html/.test(text)) return HTML;
      const end = text.indexOf('>');
      if (end < 0) return null;
      text = text.slice(end + 1);
    } else break;
  }
  if (/^<svg[\s>/:]/.test(text) || /^<[a-z0-9_-]+:svg[\s>/]/.test(text)) return SVG;
  for (const tag of HTML_TAGS) {
    if (text.startsWith(`<${tag}`)) {
      const next = text.charAt(tag.length + 1);
      if (next === '' || next === '>' || next === ' ' || /\s|\//.test(next)) return HTML;
    }
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 without NUL bytes: a text (plain, CSV, JSON…). */
export function isText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The media type the bytes say; null when they are not a type tipwire knows (or empty). */
export function detectType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return GIF;
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 4);
    if (form === 'WEBP') return WEBP;
    if (form === 'WAVE') return WAV;
  }
  // Classic TIFF (42) and BigTIFF (43), little- and big-endian.
  if (
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])
  )
    return TIFF;
  if (isBmp(bytes)) return BMP;
  const bmff = isoBmffType(bytes);
  if (bmff) return bmff;
  if (QUICKTIME_ATOMS.has(ascii(bytes, 4, 4))) return QUICKTIME;
  if (ascii(bytes, 0, 5) === '%PDF-') return PDF;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return ZIP;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return CFB;
  if (ascii(bytes, 0, 4) === 'OggS') return OGG;
  if (ascii(bytes, 0, 4) === 'fLaC') return FLAC;
  if (isMp3(bytes)) return MP3;
  if (!isText(bytes)) return null;
  return sniffMarkup(bytes) ?? TEXT;
}

/**
 * The declared types each detected type answers to: browsers and phones send
 * aliases (`image/jpg`, `audio/x-wav`), office files are ZIP or OLE2 containers, and
 * Windows browsers declare a CSV file as `application/vnd.ms-excel`.
 */
const ALIASES: Record<string, readonly string[]> = {
  [JPEG]: [JPEG, 'image/jpg', 'image/pjpeg'],
  [PNG]: [PNG, 'image/x-png', 'image/apng'],
  [GIF]: [GIF],
  [WEBP]: [WEBP],
  [TIFF]: [TIFF, 'image/tif', 'image/x-tiff'],
  [BMP]: [BMP, 'image/x-bmp', 'image/x-ms-bmp'],
  [HEIC]: [HEIC, HEIF, 'image/heic-sequence', 'image/heif-sequence'],
  [HEIF]: [HEIC, HEIF, 'image/heic-sequence', 'image/heif-sequence'],
  [AVIF]: [AVIF],
  [MP4]: [MP4, M4A, QUICKTIME, 'video/3gpp', 'video/x-m4v', 'audio/x-m4a', 'audio/m4a'],
  [QUICKTIME]: [QUICKTIME, MP4],
  [M4A]: [M4A, 'audio/x-m4a', 'audio/m4a', MP4],
  [PDF]: [PDF, 'application/x-pdf'],
  [ZIP]: [
    ZIP,
    'application/x-zip-compressed',
    'application/x-zip',
    'application/epub+zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
  ],
  [CFB]: [
    CFB,
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.ms-outlook',
  ],
  [MP3]: [MP3, 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3'],
  [WAV]: [WAV, 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  [OGG]: [OGG, 'audio/opus', 'audio/vorbis', 'application/ogg', 'video/ogg'],
  [FLAC]: [FLAC, 'audio/x-flac'],
  [SVG]: [SVG],
  [HTML]: [HTML, 'application/xhtml+xml'],
  [TEXT]: [
    TEXT,
    'text/csv',
    'application/csv',
    'text/tab-separated-values',
    'text/markdown',
    'application/json',
    'application/vnd.ms-excel',
  ],
};

/** `Image/JPEG; charset=x` → `image/jpeg`. */
export const essence = (declared: string): string => declared.split(';')[0]!.trim().toLowerCase();

/** A declaration that says nothing about the type (no claim to contradict). */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Every declared type tipwire can confirm or refute from the bytes. */
export const KNOWN_DECLARED_TYPES: ReadonlySet<string> = new Set(Object.values(ALIASES).flat());

/**
 * Whether a declared type agrees with the detected one: an alias of it, or an
 * unspecific declaration (`application/octet-stream`, none). A detected null (bytes
 * of no type tipwire knows) agrees only with a declaration tipwire cannot check either.
 */
export function typeAgrees(declared: string, detected: string | null): boolean {
  const type = essence(declared);
  if (UNSPECIFIC.has(type)) return true;
  if (detected === null) return !KNOWN_DECLARED_TYPES.has(type);
  return (ALIASES[detected] ?? [detected]).includes(type);
}
