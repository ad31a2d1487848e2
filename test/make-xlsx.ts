/**
 * Small real XLSX workbooks, built in memory for tests: the minimal OOXML parts Excel
 * itself writes ([Content_Types].xml, the package and workbook relationships, the
 * workbook, one sheet, the shared strings), zipped with fflate's zipSync (deflate).
 * Header texts go to the shared strings; numbers are written with or without t="n".
 */
import { zipSync, strToU8 } from 'fflate';

/**
 * Amounts whose first digits 1…9 come equally often, over 5 orders of magnitude (10 to
 * 999,999): the i-th of a column that does not follow Benford's law.
 */
export const evenFirstDigits = (i: number): number =>
  Number(((1 + (i % 9) + ((i * 37) % 100) / 100) * 10 ** (1 + (Math.floor(i / 9) % 5))).toFixed(2));

/** A cell: a number (`t` absent or "n"), a shared string, an inline string, or a raw cell. */
export type SheetCell =
  number | string | { n: number } | { inline: string } | { raw: string } | null;

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const letters = (column: number): string =>
  column < 26
    ? String.fromCharCode(65 + column)
    : letters(Math.floor(column / 26) - 1) + String.fromCharCode(65 + (column % 26));

/** The sheet XML and its shared strings for rows of cells (the first row: the header). */
export function sheetXml(rows: readonly (readonly SheetCell[])[]) {
  const strings: string[] = [];
  const shared = (text: string) => {
    const at = strings.indexOf(text);
    return at >= 0 ? at : strings.push(text) - 1;
  };
  const body = rows
    .map((cells, r) => {
      const xml = cells
        .map((cell, c) => {
          const ref = `${letters(c)}${r + 1}`;
          if (cell === null) return '';
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
          if ('n' in cell) return `<c r="${ref}" t="n"><v>${cell.n}</v></c>`;
          if ('inline' in cell)
            return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell.inline)}</t></is></c>`;
          return cell.raw;
        })
        .join('');
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join('');
  return {
    sheet:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${body}</sheetData></worksheet>`,
    strings,
  };
}

/** The parts of a workbook whose one sheet is `sheet`; `parts` adds or replaces parts. */
export function makeXlsx(
  rows: readonly (readonly SheetCell[])[],
  parts: Record<string, string | Uint8Array | null> = {},
): Uint8Array {
  const { sheet, strings } = sheetXml(rows);
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const all: Record<string, string | Uint8Array | null> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
    ...parts,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(all))
    if (data !== null) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level: 6 });
}

/**
 * The ZIP with the uncompressed size its central directory declares for `name` set to
 * `size` (the data left as it is): a zip bomb's lie, or its honest huge claim.
 */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    const entry = out.subarray(at + 46, at + 46 + length);
    if (length === wanted.length && entry.every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no ${name} in the ZIP`);
}
