/**
 * The first sheet of an XLSX workbook (OOXML: a ZIP of XML parts), read row by row for
 * Benford's tests: bytes in, each row's cells out (a number, a text or something else, by
 * column position), no I/O. The first row present is the header. Only four parts are ever
 * inflated: `xl/workbook.xml` and `xl/_rels/workbook.xml.rels` (which part is the first
 * sheet), `xl/sharedStrings.xml` (the texts cells point to) and that sheet.
 *
 * A workbook is hostile input, so every step is bounded and none throws: the ZIP's
 * central directory is walked with bounds checks; the parts read may declare at most
 * XLSX_LIMITS.partsBytesMax uncompressed bytes together (a zip bomb is refused from its
 * directory, before inflating), and each is inflated in small steps with fflate's
 * streaming Inflate, stopped as soon as it gives more than it declared (a bomb that lies
 * about its size is caught after at most one step's output: fflate's `unzipSync` would
 * inflate into a buffer of the declared size but keep decoding past it to the end); a
 * sheet with more than XLSX_LIMITS.cellsMax cells is refused. The XML (its elements'
 * prefix dropped, for writers that name them `x:c`) is scanned with `indexOf` and
 * patterns without nested quantifiers, linear in the text; a part that is not well
 * formed where it is read (an element never closed, a cell reference that is not one, a
 * shared string that does not exist) refuses the whole sheet. An encrypted workbook is
 * an OLE2 compound file, not a ZIP: refused as such.
 */
import { Inflate } from 'fflate';
import { parseAmount, type Amount } from './amount.js';

export const XLSX_LIMITS = {
  /** Uncompressed bytes the parts read may declare together: past it, a zip bomb. */
  partsBytesMax: 128 * 1024 * 1024,
  /**
   * Cells of the sheet read at most, its rows counted as cells too (a row of no cells is
   * still a record to tally); a cell is ≥ 20 bytes of XML, so the parts' limit fits this.
   */
  cellsMax: 2_000_000,
  /** Entries of the ZIP's central directory walked at most (a workbook has dozens). */
  entriesMax: 10_000,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/** The declared type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as the sheet stores it: a number, a text (shared, inline or a formula's), or else. */
export type XlsxCell =
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  /** A boolean, an error, a date stored as text: no amount. */
  | { kind: 'other' };

/** One row's cells by column position from 0 (A = 0); a missing cell is a hole. */
export type XlsxRow = readonly (XlsxCell | undefined)[];

export type XlsxRead = { readable: true } | { readable: false; reason: string };

/** Refuses the workbook: caught at the edge of readXlsxRows, never thrown out of it. */
class Refusal extends Error {}
const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP64_MARK = 0xffffffff;

interface ZipEntry {
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** The ZIP's central directory by entry name; a Refusal when there is none to walk. */
function zipDirectory(bytes: Uint8Array, limits: XlsxLimits): Map<string, ZipEntry> {
  if (CFB_SIGNATURE.every((b, i) => bytes[i] === b))
    refuse('an OLE2 compound file, not a ZIP: an encrypted workbook or a legacy .xls');
  if (bytes.length < 22 || u32(bytes, 0) !== LOCAL_HEADER) refuse('not a ZIP archive');
  // The end-of-directory record is in the last 22 bytes, or before a comment of ≤ 65535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (u32(bytes, at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return refuse('a ZIP archive without its central directory');
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count > limits.entriesMax) refuse(`more than ${limits.entriesMax} ZIP entries`);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL_HEADER)
      refuse('a broken ZIP central directory');
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) refuse('a broken ZIP central directory');
    const entry: ZipEntry = {
      method: u16(bytes, at + 10),
      encrypted: (u16(bytes, at + 8) & 1) === 1,
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeader: u32(bytes, at + 42),
    };
    entries.set(names.decode(bytes.subarray(at + 46, at + 46 + nameLength)), entry);
    at = next;
  }
  return entries;
}

/** Inflate in steps of this many compressed bytes: one step gives at most ~1032 times it. */
const INFLATE_STEP = 4 * 1024;

/** One entry's bytes, never more than it declares. */
function entryBytes(bytes: Uint8Array, name: string, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) refuse(`${name} is encrypted`);
  if (entry.size === ZIP64_MARK || entry.compressedSize === ZIP64_MARK)
    refuse(`${name} is a ZIP64 entry (larger than the limit)`);
  const local = entry.localHeader;
  if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL_HEADER)
    refuse(`${name}: a broken ZIP local header`);
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) refuse(`${name} runs past the end of the file`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) refuse(`${name}: a stored entry of two sizes`);
    return data;
  }
  if (entry.method !== 8) refuse(`${name}: compression method ${entry.method} is not read`);
  const out = new Uint8Array(entry.size);
  let filled = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (filled + chunk.length > entry.size)
      refuse(`${name} inflates to more than the ${entry.size} bytes it declares (a zip bomb)`);
    out.set(chunk, filled);
    filled += chunk.length;
    ended ||= final;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_STEP)
      inflate.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length);
  } catch (err) {
    if (err instanceof Refusal) throw err;
    refuse(`${name}: broken compressed data`);
  }
  if (!ended || filled !== entry.size)
    refuse(`${name} inflates to ${filled} bytes, not the ${entry.size} it declares`);
  return out;
}

/** Whether the bytes are a ZIP with a workbook part (an XLSX whatever its declared type). */
export function hasWorkbookPart(bytes: Uint8Array): boolean {
  try {
    return zipDirectory(bytes, XLSX_LIMITS).has(WORKBOOK);
  } catch {
    return false;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its five entities and numeric references resolved. */
function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute of a start tag (`name="value"` or with single quotes); null when absent. */
function attribute(tag: string, name: string): string | null {
  let pattern = ATTRIBUTES.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(name, pattern);
  }
  const match = pattern.exec(tag);
  return match ? unescapeXml(match[1] ?? match[2]!) : null;
}

/**
 * The text of every `<t>` in an element's content (a slice: every search stays in it),
 * leaving out phonetic runs (`<rPh>`, the reading of East Asian text).
 */
function textOf(content: string, part: string): string {
  let text = '';
  let at = 0;
  for (;;) {
    const open = content.indexOf('<t', at);
    if (open < 0) return text;
    const phonetic = content.indexOf('<rPh', at);
    if (phonetic >= 0 && phonetic < open) {
      at = closing(content, '</rPh>', phonetic, content.length, part);
      continue;
    }
    const tagEnd = content.indexOf('>', open);
    if (tagEnd < 0) refuse(`${part}: a tag never closed`);
    const next = content[open + 2];
    if ((next !== '>' && next !== ' ' && next !== '/') || content[tagEnd - 1] === '/') {
      at = tagEnd + 1; // another element whose name starts with t, or an empty <t/>
      continue;
    }
    const end = closing(content, '</t>', tagEnd, content.length, part);
    text += unescapeXml(content.slice(tagEnd + 1, end - 4));
    at = end;
  }
}

/** The position just after `close`, searched from `from` before `to`; a Refusal if absent. */
function closing(xml: string, close: string, from: number, to: number, part: string): number {
  const at = xml.indexOf(close, from);
  if (at < 0 || at + close.length > to) refuse(`${part}: an element never closed (${close})`);
  return at + close.length;
}

/** The texts of `xl/sharedStrings.xml`, in order (`<si>` elements). */
function sharedStrings(xml: string, limits: XlsxLimits): string[] {
  const strings: string[] = [];
  let at = 0;
  for (;;) {
    const open = xml.indexOf('<si', at);
    if (open < 0) return strings;
    const tagEnd = xml.indexOf('>', open);
    if (tagEnd < 0) refuse(`${SHARED_STRINGS}: a tag never closed`);
    if (xml[tagEnd - 1] === '/') {
      strings.push('');
      at = tagEnd + 1;
    } else {
      const end = closing(xml, '</si>', tagEnd, xml.length, SHARED_STRINGS);
      strings.push(textOf(xml.slice(tagEnd + 1, end), SHARED_STRINGS));
      at = end;
    }
    if (strings.length > limits.cellsMax) refuse(`more than ${limits.cellsMax} shared strings`);
  }
}

/** Every start tag named `name` in the XML (`<name …>` or `<name …/>`). */
function* startTags(xml: string, name: string, part: string): Generator<string> {
  let at = 0;
  for (;;) {
    const open = xml.indexOf(`<${name}`, at);
    if (open < 0) return;
    const end = xml.indexOf('>', open);
    if (end < 0) refuse(`${part}: a tag never closed`);
    const next = xml[open + name.length + 1];
    if (next === ' ' || next === '/' || next === '>' || next === '\t' || next === '\n')
      yield xml.slice(open, end + 1);
    at = end + 1;
  }
}

/** The ZIP path of the workbook's first sheet, from the workbook and its relationships. */
function firstSheetPath(workbook: string, rels: string): string {
  const [sheet] = startTags(workbook, 'sheet', WORKBOOK);
  if (sheet === undefined) return refuse('the workbook has no sheet');
  const id = /\s[A-Za-z_][\w.-]*:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(sheet);
  if (!id) return refuse('the first sheet has no relationship id');
  const wanted = id[1] ?? id[2]!;
  for (const relation of startTags(rels, 'Relationship', WORKBOOK_RELS)) {
    if (attribute(relation, 'Id') !== wanted) continue;
    const target = attribute(relation, 'Target');
    if (target === null) break;
    // Relative to xl/, or absolute from the package's root.
    return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return refuse('the first sheet is not in the workbook relationships');
}

/** A cell reference's column from 0 ("B7" → 1); null if it is not a reference. */
function columnOf(reference: string): number | null {
  const match = /^([A-Z]{1,3})[0-9]{1,7}$/.exec(reference);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  return column <= 16_384 ? column - 1 : null;
}

/** The next `<row …>`, `</row>` or `<c …>` (scanned from lastIndex; linear). */
const SHEET_TOKEN = /<row[\s>/]|<\/row>|<c[\s>/]/g;

/** Reads the sheet's rows, handing each to `onRow` (the first is the header). */
function readRows(
  xml: string,
  strings: readonly string[],
  part: string,
  limits: XlsxLimits,
  onRow: (cells: XlsxRow, rowNumber: number) => void,
) {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) refuse(`${part}: no sheetData`);
  let dataEnd = xml.indexOf('</sheetData>', dataStart);
  if (dataEnd < 0) {
    if (!/<sheetData[^>]*\/>/y.test(xml.slice(dataStart, dataStart + 200)))
      refuse(`${part}: sheetData never closed`);
    dataEnd = dataStart;
  }
  let row: (XlsxCell | undefined)[] | null = null;
  let rowNumber = 0;
  let column = -1;
  let cells = 0;
  const flush = () => {
    if (row !== null) onRow(row, rowNumber);
    row = null;
  };
  SHEET_TOKEN.lastIndex = dataStart;
  for (let token = SHEET_TOKEN.exec(xml); token && token.index < dataEnd;) {
    const at = token.index;
    if (token[0] === '</row>') {
      flush();
      token = SHEET_TOKEN.exec(xml);
      continue;
    }
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0 || tagEnd > dataEnd) refuse(`${part}: a tag never closed`);
    const tag = xml.slice(at, tagEnd + 1);
    if (token[0].startsWith('<row')) {
      if (++cells > limits.cellsMax) refuse(`more than ${limits.cellsMax} cells in the sheet`);
      flush();
      row = [];
      column = -1;
      const number = attribute(tag, 'r');
      rowNumber = number !== null && /^\d{1,7}$/.test(number) ? Number(number) : rowNumber + 1;
      SHEET_TOKEN.lastIndex = tagEnd + 1;
      if (tag.endsWith('/>')) flush();
      token = SHEET_TOKEN.exec(xml);
      continue;
    }
    if (row === null) refuse(`${part}: a cell outside a row`);
    if (++cells > limits.cellsMax) refuse(`more than ${limits.cellsMax} cells in the sheet`);
    const reference = attribute(tag, 'r');
    const position = reference === null ? column + 1 : columnOf(reference);
    if (position === null) refuse(`${part}: a cell reference that is not one`);
    column = position!;
    let end = tagEnd + 1;
    if (!tag.endsWith('/>')) {
      end = closing(xml, '</c>', tagEnd, dataEnd, part);
      row![column] = cellOf(attribute(tag, 't'), xml.slice(tagEnd + 1, end - 4), strings, part);
    }
    SHEET_TOKEN.lastIndex = end;
    token = SHEET_TOKEN.exec(xml);
  }
  flush();
}

/** A cell's value from its type (`t`) and content; undefined when it holds none. */
function cellOf(
  type: string | null,
  content: string,
  strings: readonly string[],
  part: string,
): XlsxCell | undefined {
  if (type === 'inlineStr') return { kind: 'text', text: textOf(content, part) };
  const open = content.indexOf('<v');
  if (open < 0) return undefined; // no value: an empty cell, or a formula never computed
  const tagEnd = content.indexOf('>', open);
  if (tagEnd < 0) refuse(`${part}: a tag never closed`);
  if (content[tagEnd - 1] === '/') return undefined;
  const end = closing(content, '</v>', tagEnd, content.length, part);
  const value = unescapeXml(content.slice(tagEnd + 1, end - 4));
  if (type === null || type === 'n') {
    const number = value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(number) ? { kind: 'number', value: number } : { kind: 'other' };
  }
  if (type === 's') {
    const index = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : -1;
    if (index < 0 || index >= strings.length) refuse(`${part}: a shared string that is not there`);
    return { kind: 'text', text: strings[index]! };
  }
  if (type === 'str') return { kind: 'text', text: value };
  return { kind: 'other' };
}

/** Root elements of the parts read, which some writers (the Open XML SDK) give a prefix. */
const PREFIXED_ROOT = /<([A-Za-z_][\w.-]{0,63}):(?:workbook|worksheet|sst|Relationships)[\s>]/;

/**
 * A part's XML as text, its elements' namespace prefix dropped when its root has one
 * (`<x:c r="A1">` → `<c r="A1">`): the scanner then knows one spelling of each name.
 */
function xmlText(bytes: Uint8Array): string {
  const xml = new TextDecoder('utf-8').decode(bytes);
  const prefix = PREFIXED_ROOT.exec(xml.slice(0, 4096))?.[1];
  if (prefix === undefined) return xml;
  return xml.replaceAll(`<${prefix}:`, '<').replaceAll(`</${prefix}:`, '</');
}

/**
 * The rows of the workbook's first sheet, each handed to `onRow` in order with its number
 * in the sheet (the first is the header); `readable: false` and why when the bytes are not a workbook tipwire reads
 * within its limits. Never throws for any bytes (onRow's own errors pass through).
 */
export function readXlsxRows(
  bytes: Uint8Array,
  onRow: (cells: XlsxRow, rowNumber: number) => void,
  limits: XlsxLimits = XLSX_LIMITS,
): XlsxRead {
  try {
    const entries = zipDirectory(bytes, limits);
    const part = (name: string) => {
      const entry = entries.get(name);
      return entry === undefined ? refuse(`no ${name}: not an XLSX workbook`) : entry;
    };
    const workbook = part(WORKBOOK);
    const rels = part(WORKBOOK_RELS);
    if (workbook.size + rels.size > limits.partsBytesMax)
      refuse(`the workbook part declares more than ${limits.partsBytesMax} bytes (a zip bomb)`);
    const sheetPath = firstSheetPath(
      xmlText(entryBytes(bytes, WORKBOOK, workbook)),
      xmlText(entryBytes(bytes, WORKBOOK_RELS, rels)),
    );
    const sheet = entries.get(sheetPath) ?? refuse(`the first sheet (${sheetPath}) is missing`);
    const shared = entries.get(SHARED_STRINGS);
    const declared = workbook.size + rels.size + sheet.size + (shared?.size ?? 0);
    if (declared > limits.partsBytesMax)
      refuse(
        `the parts read declare ${declared} bytes uncompressed, more than ${limits.partsBytesMax} (a zip bomb)`,
      );
    const strings = shared
      ? sharedStrings(xmlText(entryBytes(bytes, SHARED_STRINGS, shared)), limits)
      : [];
    readRows(xmlText(entryBytes(bytes, sheetPath, sheet)), strings, sheetPath, limits, onRow);
    return { readable: true };
  } catch (err) {
    if (err instanceof Refusal) return { readable: false, reason: err.message };
    throw err;
  }
}

/** A cell as an amount: a number cell is one, a text is read as a CSV cell is (amount.ts). */
export function amountOfCell(cell: XlsxCell | undefined): Amount {
  if (cell === undefined) return { kind: 'blank' };
  if (cell.kind === 'number') return { kind: 'number', value: cell.value };
  if (cell.kind === 'text') return parseAmount(cell.text);
  return { kind: 'invalid' };
}

/** A cell as the text a header or a message shows. */
export function cellText(cell: XlsxCell | undefined): string {
  if (cell === undefined) return '';
  if (cell.kind === 'number') return String(cell.value);
  return cell.kind === 'text' ? cell.text : '#other';
}
