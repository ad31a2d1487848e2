/**
 * A map layer's built index as flat typed arrays in Morton order: the points and
 * their quadtree (grid.ts), who may see each item (hidden from analysts or not; its
 * offices), and what a single feature shows (id, radius, category, status,
 * confidence, report count). Built from items in a worker thread and handed to the
 * HTTP thread by transfer (`transferables`). Pure.
 */
import { buildGrid, type GridShape, type GridTree } from './grid.js';
import type { MapItem } from './map-items.js';
import { keyCells, mortonOrder } from './morton.js';
import { latToY, lonToX } from './viewport.js';

export interface PartPoints {
  x: Float64Array;
  y: Float64Array;
  from: Float64Array;
  to: Float64Array;
  /** 1 for an item analysts may not see (only supervisors and its offices). */
  hidden: Uint8Array;
}

/** Codes of the small attribute columns: "none" values. */
export const NO_CODE = 0xffff;
export const NO_STATUS = 0xff;
export const NO_OFFICE = -1;
/** The item's members are assigned to several offices: see `severalOffices`. */
export const SEVERAL_OFFICES = -2;

export interface LayerPart {
  points: PartPoints;
  tree: GridTree;
  /** The ids' ASCII bytes, item after item; item i's end is idEnds[i]. */
  idBytes: Uint8Array;
  idEnds: Uint32Array;
  /** Open addressing by FNV-1a of the id: item positions, −1 free. */
  idTable: Int32Array;
  radius: Float32Array;
  category: Uint16Array;
  status: Uint8Array;
  confidence: Float32Array;
  /** −1: none (reports). */
  reportCount: Int32Array;
  office: Int32Array;
  partial: Uint8Array;
  categories: string[];
  statuses: string[];
  offices: string[];
  /** Item position → office codes, for items of several offices. */
  severalOffices: [number, number[]][];
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A Buffer over each part's id bytes, made once (a part crosses threads as plain arrays). */
const idBuffers = new WeakMap<LayerPart, Buffer>();

/** The item's id (ids are ASCII: a prefix and a ULID). */
export function idAt(part: LayerPart, pos: number): string {
  let bytes = idBuffers.get(part);
  if (!bytes) {
    bytes = Buffer.from(part.idBytes.buffer, part.idBytes.byteOffset, part.idBytes.length);
    idBuffers.set(part, bytes);
  }
  return bytes.toString('latin1', pos === 0 ? 0 : part.idEnds[pos - 1]!, part.idEnds[pos]!);
}

function idIs(part: LayerPart, pos: number, id: string): boolean {
  const start = pos === 0 ? 0 : part.idEnds[pos - 1]!;
  if (part.idEnds[pos]! - start !== id.length) return false;
  for (let i = 0; i < id.length; i++)
    if (part.idBytes[start + i] !== id.charCodeAt(i)) return false;
  return true;
}

/** The item's position, or −1. */
export function positionOf(part: LayerPart, id: string): number {
  const mask = part.idTable.length - 1;
  if (mask < 0) return -1;
  for (let h = fnv1a(id) & mask; ; h = (h + 1) & mask) {
    const pos = part.idTable[h]!;
    if (pos < 0) return -1;
    if (idIs(part, pos, id)) return pos;
  }
}

/** Collects items, then builds the part (Morton order, quadtree, columns). */
export function createPartBuilder() {
  const items: MapItem[] = [];
  return {
    add(item: MapItem) {
      items.push(item);
    },
    get size() {
      return items.length;
    },
    finish(shape: GridShape): LayerPart {
      return buildPart(items, shape);
    },
  };
}

/** Code of `value` in `table` (added when new). */
function codeIn(table: string[], index: Map<string, number>, value: string): number {
  let code = index.get(value);
  if (code === undefined) {
    code = table.length;
    table.push(value);
    index.set(value, code);
  }
  return code;
}

export function buildPart(items: readonly MapItem[], shape: GridShape): LayerPart {
  const n = items.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = lonToX(items[i]!.lon);
    ys[i] = latToY(items[i]!.lat);
  }
  const cells = keyCells(xs, ys);
  const order = mortonOrder(cells.cx, cells.cy);
  const points = {
    x: new Float64Array(n),
    y: new Float64Array(n),
    from: new Float64Array(n),
    to: new Float64Array(n),
    cx: new Uint32Array(n),
    cy: new Uint32Array(n),
    hidden: new Uint8Array(n),
  };
  const categories: string[] = [];
  const statuses: string[] = [];
  const offices: string[] = [];
  const categoryIndex = new Map<string, number>();
  const statusIndex = new Map<string, number>();
  const officeIndex = new Map<string, number>();
  const radius = new Float32Array(n);
  const category = new Uint16Array(n);
  const status = new Uint8Array(n);
  const confidence = new Float32Array(n);
  const reportCount = new Int32Array(n);
  const office = new Int32Array(n);
  const partial = new Uint8Array(n);
  const severalOffices: [number, number[]][] = [];
  let idLength = 0;
  for (const item of items) idLength += item.id.length;
  const idBytes = new Uint8Array(idLength);
  const idEnds = new Uint32Array(n);
  let at = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos]!;
    const item = items[i]!;
    points.x[pos] = xs[i]!;
    points.y[pos] = ys[i]!;
    points.from[pos] = item.from;
    points.to[pos] = item.to;
    points.cx[pos] = cells.cx[i]!;
    points.cy[pos] = cells.cy[i]!;
    points.hidden[pos] = item.analystVisible ? 0 : 1;
    for (let k = 0; k < item.id.length; k++) idBytes[at++] = item.id.charCodeAt(k) & 0x7f;
    idEnds[pos] = at;
    radius[pos] = item.radiusMeters ?? NaN;
    category[pos] =
      item.category === null
        ? NO_CODE
        : Math.min(NO_CODE, codeIn(categories, categoryIndex, item.category));
    status[pos] =
      item.status === null
        ? NO_STATUS
        : Math.min(NO_STATUS, codeIn(statuses, statusIndex, item.status));
    confidence[pos] = item.confidence ?? NaN;
    reportCount[pos] = item.reportCount ?? -1;
    partial[pos] = item.partial ? 1 : 0;
    const codes = item.officeIds.map((o) => codeIn(offices, officeIndex, o));
    office[pos] = codes.length === 0 ? NO_OFFICE : codes.length === 1 ? codes[0]! : SEVERAL_OFFICES;
    if (codes.length > 1) severalOffices.push([pos, codes]);
  }
  let size = 1;
  while (size < 2 * n) size *= 2;
  const idTable = new Int32Array(n === 0 ? 0 : size).fill(-1);
  const part: LayerPart = {
    points: { x: points.x, y: points.y, from: points.from, to: points.to, hidden: points.hidden },
    tree: buildGrid(points, shape),
    idBytes,
    idEnds,
    idTable,
    radius,
    category,
    status,
    confidence,
    reportCount,
    office,
    partial,
    categories,
    statuses,
    offices,
    severalOffices,
  };
  const mask = size - 1;
  for (let pos = 0; pos < n; pos++) {
    let h = fnv1a(items[order[pos]!]!.id) & mask;
    while (idTable[h]! >= 0) h = (h + 1) & mask;
    idTable[h] = pos;
  }
  return part;
}

/** The buffers to transfer (not copy) when the part crosses to another thread. */
export function transferables(part: LayerPart): ArrayBuffer[] {
  const { tree, points } = part;
  const arrays = [
    points.x,
    points.y,
    points.from,
    points.to,
    points.hidden,
    tree.level,
    tree.cx,
    tree.cy,
    tree.start,
    tree.end,
    tree.firstChild,
    tree.childCount,
    tree.sumX,
    tree.sumY,
    tree.minFrom,
    tree.maxFrom,
    tree.minTo,
    tree.maxTo,
    tree.timeAt,
    tree.timeFrom,
    tree.timeTo,
    tree.hiddenPos,
    tree.hiddenCount,
    tree.hiddenFirst,
    tree.hiddenSumX,
    tree.hiddenSumY,
    tree.hiddenTimeAt,
    tree.hiddenTimeFrom,
    tree.hiddenTimeTo,
    part.idBytes,
    part.idEnds,
    part.idTable,
    part.radius,
    part.category,
    part.status,
    part.confidence,
    part.reportCount,
    part.office,
    part.partial,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Bytes the part's arrays hold (its memory, strings aside). */
export function partBytes(part: LayerPart): number {
  return transferables(part).reduce((n, b) => n + b.byteLength, 0);
}
