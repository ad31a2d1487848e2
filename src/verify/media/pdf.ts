/**
 * Whether a PDF names script or an action a viewer runs by itself: its bytes are
 * searched for the PDF names below, as PDF syntax delimits them (`/JSON` is not `/JS`),
 * with `#xx` hex escapes decoded first (`/J#61vaScript` is `/JavaScript`).
 *
 * The names are those Didier Stevens' pdfid.py counts as signs of a malicious PDF,
 * less the ones ordinary documents carry (`/AcroForm`: any fillable form; `/OpenAction`:
 * most PDFs open at a page with it, and one that runs script or launches names `/JS`,
 * `/JavaScript` or `/Launch` too; `/ObjStm`, `/Encrypt`, `/JBIG2Decode`: structure, not
 * behaviour). `/XFA` stays: XFA forms carry their scripts in XML, without `/JS`.
 *
 * The plain bytes are searched first (one pass; they are at most
 * TIPWIRE_MEDIA_MAX_BYTES). Then each stream whose dictionary names /FlateDecode (or
 * its abbreviation /Fl) as its only filter is inflated and searched the same way: above
 * all object streams (`/ObjStm`, PDF 1.5), where a malicious PDF hides the dictionaries
 * naming `/JavaScript`. Image streams are not inflated (pixels, no PDF syntax; large),
 * unless their dictionary also says `/Type /ObjStm`, which no image does. The inflating
 * is bounded for a decompression bomb: TIPWIRE_PDF_INFLATE_MAX_BYTES bytes and
 * TIPWIRE_PDF_INFLATE_MAX_STREAMS streams a file; past either the rest is not searched
 * and the result says where the search stopped (the file is not refused for that alone).
 *
 * Still not seen: a name in an encrypted PDF's streams or strings; in a stream with any
 * other filter, or a chain of them (`[/ASCIIHexDecode /FlateDecode]`, /LZWDecode…);
 * behind a /Filter given by an indirect reference; in a stream whose Flate data is
 * corrupt before the name (a truncated stream or a wrong checksum is read as far as it
 * goes); and a stream hidden from the forward reading of the file's objects by bytes a
 * viewer skips through its cross-reference table (an unbalanced `(` between objects).
 * This is a screen, not a proof that a PDF is inert. Pure.
 */
import { constants, inflateRawSync } from 'node:zlib';

/** Names refused, each with why a viewer would act on it. */
export const PDF_ACTIVE_NAMES: Readonly<Record<string, string>> = {
  '/JavaScript': 'a JavaScript action or the document-level scripts',
  '/JS': 'the script of a JavaScript action',
  '/Launch': 'an action that starts a program or opens a file',
  '/AA': 'additional actions, run on opening a page or touching a field',
  '/EmbeddedFile': 'a file carried inside, unread here',
  '/RichMedia': 'Flash or other rich media, run by the viewer',
  '/XFA': 'an XFA form, whose XML can carry script',
};

/** The longest name refused, hex-escaped in full (3 bytes a character). */
// Stryker disable next-line ArithmeticOperator: a longer cap only decodes names that cannot match
const LONGEST_WRITTEN = 1 + 3 * Math.max(...Object.keys(PDF_ACTIVE_NAMES).map((n) => n.length - 1));

/** PDF white space and delimiters (ISO 32000-1 §7.2.2): what ends a name. */
const ENDS_NAME = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32, ...Buffer.from('()<>[]{}/%')]) ENDS_NAME[c] = 1;

/** Each byte's value as a hex digit (either case), -1 when it is none. */
const HEX = new Int8Array(256).fill(-1);
for (const [value, digit] of [...'0123456789abcdef'].entries())
  HEX[digit.charCodeAt(0)] = HEX[digit.toUpperCase().charCodeAt(0)] = value;

/**
 * A name as written from `start` (at its `/`) to `end`, with its `#xx` escapes decoded
 * (an escape cannot run past `end`: a name ends at a delimiter, never a hex digit).
 */
function decodeName(b: Uint8Array, start: number, end: number): string {
  let name = '/';
  for (let i = start + 1; i < end; i++) {
    // Past the end of the bytes, b[…] is undefined: read as NUL, no digit.
    const high = b[i] === 0x23 ? HEX[b[i + 1] ?? 0]! : -1;
    // Stryker disable next-line EqualityOperator: a high digit of 0 gives a control character, in no name refused
    const low = high >= 0 ? HEX[b[i + 2] ?? 0]! : -1;
    if (low >= 0) {
      name += String.fromCharCode(high * 16 + low);
      i += 2;
    } else name += String.fromCharCode(b[i]!);
  }
  return name;
}

/** A refused name: `name` decoded, `written` as in the file. */
export interface PdfActiveName {
  name: string;
  written: string;
}

/**
 * The first refused name in the bytes, or null: the scanner for a PDF's plain bytes
 * and for each stream inflated from it.
 */
export function pdfActiveName(b: Uint8Array): PdfActiveName | null {
  for (let at = b.indexOf(0x2f); at >= 0;) {
    let end = at + 1;
    while (end < b.length && !ENDS_NAME[b[end]!]) end++;
    // Stryker disable next-line ConditionalExpression: the cap only spares decoding long names, which never match
    if (end - at <= LONGEST_WRITTEN) {
      const name = decodeName(b, at, end);
      if (Object.hasOwn(PDF_ACTIVE_NAMES, name))
        return { name, written: String.fromCharCode(...b.subarray(at, end)) };
    }
    // A name ends at the next delimiter, which may be the `/` of the next name.
    at = b.indexOf(0x2f, end);
  }
  return null;
}

/**
 * The inflating settings (verify/settings.ts MEDIA_SETTINGS): `config.verify` can be
 * passed as it is.
 */
export interface PdfInflateLimits {
  /** Bytes inflated from all of a file's streams together at most (TIPWIRE_PDF_INFLATE_MAX_BYTES). */
  pdfInflateMaxBytes: number;
  /** Streams inflated (or tried) in a file at most (TIPWIRE_PDF_INFLATE_MAX_STREAMS). */
  pdfInflateMaxStreams: number;
}

/** What pdfSearch found, and how far it went. */
export interface PdfSearch {
  /**
   * The first refused name, with where it was: `inStream` null in the plain bytes, else
   * inside the compressed stream of `object` (null: no `N G obj` header before it).
   */
  found: (PdfActiveName & { inStream: { object: number | null } | null }) | null;
  /** Flate streams inflated and searched. */
  streamsInflated: number;
  /** Flate streams that could not be inflated (corrupt), skipped. */
  streamsCorrupt: number;
  /**
   * Bytes counted against TIPWIRE_PDF_INFLATE_MAX_BYTES: what the streams inflated
   * gave, and for each corrupt one the most it could have given before it failed.
   */
  bytesInflated: number;
  /**
   * Set when a limit stopped the search before the end of the file: which one, and the
   * offset of the first stream's data left unsearched. null: every Flate stream found
   * was searched (or a name was found first).
   */
  stopped: { by: 'bytes' | 'streams'; at: number } | null;
}

/** PDF white space (ISO 32000-1 §7.2.2). */
const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;

/** Each delimiter as a one-character token, built once (not a string a byte). */
const DELIMITER = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c));

/**
 * Longest token of a stream dictionary kept as text: more than any name read there
 * (`/FlateDecode`, every character escaped, is 34 bytes) or any length a file can have.
 */
const TOKEN_MAX = 64;
/** A token not read (a string, a nested dictionary, an overlong token). */
const UNREAD = '?';

/** Deflate gives at most 1032 bytes a byte of input (a 258-byte match in 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

const FLATE = new Set(['/FlateDecode', '/Fl']);
const ENDSTREAM = Buffer.from('endstream', 'latin1');
const isInt = (token: string | undefined) => token !== undefined && /^\d+$/.test(token);

/** The index just past the literal string opening at `at`: `(`…`)` balanced, `\\` escaping a byte. */
function pastString(b: Uint8Array, at: number): number {
  let depth = 0;
  for (let i = at; i < b.length; i++) {
    if (b[i] === 0x5c) i++;
    else if (b[i] === 0x28) depth++;
    else if (b[i] === 0x29 && --depth === 0) return i + 1;
  }
  return b.length;
}

/**
 * A dictionary's entries from its tokens at its own level (a nested dictionary or
 * string is one UNREAD token): key → the value's tokens (a name, a number, `N G R`, or
 * `[` … `]`). A key written twice keeps its last value, as viewers read it.
 */
function entriesOf(tokens: string[]): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (let i = 0; i < tokens.length;) {
    const key = tokens[i++]!;
    let end = i + 1;
    if (tokens[i] === '[') {
      for (let depth = 0; end <= tokens.length; end++) {
        const t = tokens[end - 1];
        if (t === '[') depth++;
        else if (t === ']' && --depth === 0) break;
      }
    } else if (isInt(tokens[i]) && isInt(tokens[i + 1]) && tokens[i + 2] === 'R') end = i + 3;
    entries.set(key, tokens.slice(i, end));
    i = end;
  }
  return entries;
}

/** Whether a /Filter value is /FlateDecode alone, as a name or a one-name array. */
function flateOnly(value: string[] | undefined): boolean {
  const names = value?.[0] === '[' && value.at(-1) === ']' ? value.slice(1, -1) : value;
  return names?.length === 1 && FLATE.has(names[0]!);
}

/** Whether `endstream` follows `at`, after white space. */
function endstreamAt(b: Uint8Array, at: number): boolean {
  while (at < b.length && WHITE[b[at]!]) at++;
  return ENDSTREAM.every((c, i) => b[at + i] === c);
}

/**
 * A stream's data, from just past its `stream` keyword: `start`…`end`, and `next`, past
 * its `endstream`. The dictionary's /Length when it is a whole number landing on
 * `endstream` (writers get it wrong), else up to the next `endstream` less its end of line.
 */
function streamSpan(
  b: Buffer,
  keywordEnd: number,
  length: string[] | undefined,
): { start: number; end: number; next: number } {
  let start = keywordEnd;
  // The keyword's end of line: CR LF or LF (a lone CR, as lenient viewers take it).
  if (b[start] === 0x0d) start++;
  if (b[start] === 0x0a) start++;
  // Past the end of the bytes, endstreamAt is false.
  const declared = length?.length === 1 && isInt(length[0]) ? start + Number(length[0]) : null;
  if (declared !== null && endstreamAt(b, declared)) {
    const next = b.indexOf(ENDSTREAM, declared) + ENDSTREAM.length;
    return { start, end: declared, next };
  }
  const found = b.indexOf(ENDSTREAM, start);
  if (found < 0) return { start, end: b.length, next: b.length };
  let end = found;
  if (end > start && b[end - 1] === 0x0a) end--;
  if (end > start && b[end - 1] === 0x0d) end--;
  return { start, end, next: found + ENDSTREAM.length };
}

/**
 * Flate data inflated, at most `max` bytes (more throws ERR_BUFFER_TOO_LARGE, having
 * held at most `max` and one chunk). Read as viewers do: the zlib header checked, the
 * checksum after the data not (pdf.js never checks it), a truncated stream read as far
 * as it goes.
 */
function inflated(data: Uint8Array, max: number): Buffer {
  const cmf = data[0] ?? 0;
  if ((cmf & 0x0f) !== 8 || (cmf * 256 + (data[1] ?? 0)) % 31 !== 0)
    throw new Error('not zlib data');
  return inflateRawSync(data.subarray(2), {
    maxOutputLength: max,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
}

/**
 * Whether a PDF names script or an automatic action, in its plain bytes or inside a
 * FlateDecode stream (the header comment says what is read and what is not). The file
 * is read forward as PDF syntax (strings, comments, dictionaries, `N G obj`) to find
 * each stream's dictionary; a stream's data is jumped over, never read as syntax.
 */
export function pdfSearch(bytes: Uint8Array, limits: PdfInflateLimits): PdfSearch {
  // A Buffer over the same memory (no copy), for indexOf of a keyword.
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const search: PdfSearch = {
    found: null,
    streamsInflated: 0,
    streamsCorrupt: 0,
    bytesInflated: 0,
    stopped: null,
  };
  const plain = pdfActiveName(b);
  if (plain) return { ...search, found: { ...plain, inStream: null } };

  let depth = 0;
  /** The tokens at the level of the dictionary being read (depth 1). */
  let tokens: string[] = [];
  /** The dictionary just closed, while nothing else has been read since. */
  let closed: string[] | null = null;
  let object: number | null = null;
  // The two tokens before: `N G` before `obj`.
  let before1: string | undefined;
  let before2: string | undefined;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (WHITE[c]) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // A comment, to the end of its line.
      while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
      continue;
    }
    if (c === 0x3c && b[i + 1] === 0x3c) {
      i += 2;
      if (depth === 1) tokens.push(UNREAD);
      if (depth++ === 0) tokens = [];
      continue;
    }
    if (c === 0x3e && b[i + 1] === 0x3e) {
      i += 2;
      if (depth > 0 && --depth === 0) closed = tokens;
      continue;
    }
    let end = i + 1;
    let token: string;
    if (c === 0x28) {
      end = pastString(b, i);
      token = UNREAD;
    } else if (c === 0x3c) {
      // A hex string: to its `>`.
      end = b.indexOf(0x3e, i);
      end = end < 0 ? b.length : end + 1;
      token = UNREAD;
    } else if (ENDS_NAME[c] && c !== 0x2f) {
      token = DELIMITER[c]!;
    } else {
      while (end < b.length && !ENDS_NAME[b[end]!]) end++;
      token =
        end - i > TOKEN_MAX
          ? UNREAD
          : c === 0x2f
            ? decodeName(b, i, end)
            : String.fromCharCode(...b.subarray(i, end));
    }
    i = end;
    const [number, generation] = [before2, before1];
    before2 = before1;
    before1 = token;
    // An object's header or end: read on from there whatever a broken dictionary
    // before left open.
    if (token === 'obj' || token === 'endobj') depth = 0;
    if (depth === 1) tokens.push(token);
    if (depth > 0) continue;

    if (token === 'stream' && closed) {
      const entries = entriesOf(closed);
      const span = streamSpan(b, i, entries.get('/Length'));
      i = span.next;
      const image = entries.get('/Subtype')?.[0] === '/Image';
      const objectStream = entries.get('/Type')?.[0] === '/ObjStm';
      if (flateOnly(entries.get('/Filter')) && (!image || objectStream)) {
        if (search.streamsInflated + search.streamsCorrupt >= limits.pdfInflateMaxStreams)
          return { ...search, stopped: { by: 'streams', at: span.start } };
        const room = limits.pdfInflateMaxBytes - search.bytesInflated;
        if (room <= 0) return { ...search, stopped: { by: 'bytes', at: span.start } };
        const data = b.subarray(span.start, span.end);
        let out: Buffer;
        try {
          out = inflated(data, room);
        } catch (err) {
          if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
            return {
              ...search,
              bytesInflated: limits.pdfInflateMaxBytes,
              stopped: { by: 'bytes', at: span.start },
            };
          // Corrupt: skipped, counted at the most it could have inflated before failing.
          search.streamsCorrupt++;
          search.bytesInflated += Math.min(room, DEFLATE_MAX_RATIO * data.length);
          closed = null;
          continue;
        }
        search.streamsInflated++;
        search.bytesInflated += out.length;
        const name = pdfActiveName(out);
        if (name) return { ...search, found: { ...name, inStream: { object } } };
      }
    } else if (token === 'obj') {
      object = isInt(number) && isInt(generation) ? Number(number) : null;
    } else if (token === 'endobj') object = null;
    closed = null;
  }
  return search;
}
