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
 * One pass over the bytes (already at most TIPWIRE_MEDIA_MAX_BYTES). Nothing is
 * decompressed: a name inside a compressed stream, such as an object stream (`/ObjStm`,
 * PDF 1.5) or an encrypted one, is not seen; this is a screen for the plain case, not a
 * proof that a PDF is inert. Pure.
 */

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

/**
 * The first refused name in the bytes (`name` decoded, `written` as in the file), or
 * null.
 */
export function pdfActiveName(b: Uint8Array): { name: string; written: string } | null {
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
