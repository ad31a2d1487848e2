/**
 * Test archives: PMTiles v3 laid out as the spec says (header, root directory, leaf
 * directories, tile data), and solid-colour PNG tiles, for the reader's unit tests
 * and the browser test of an operator's archive. Not part of the app.
 */
import { deflateSync } from 'node:zlib';
import {
  Compression,
  HEADER_BYTES,
  TileType,
  zxyToTileId,
  type DirectoryEntry,
} from './pmtiles.js';

/** A directory's varint columns, an offset right after the previous tile written as 0. */
export function writeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const out: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) {
      out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  varint(entries.length);
  let last = 0;
  for (const e of entries) {
    varint(e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(e.runLength);
  for (const e of entries) varint(e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

export interface ArchiveParts {
  root: Uint8Array;
  leaves?: Uint8Array;
  data: Uint8Array;
  internalCompression?: number;
  tileCompression?: number;
  tileType?: number;
  minZoom?: number;
  maxZoom?: number;
}

/** Header, root, leaves, data, in that order. */
export function writeArchive(p: ArchiveParts): Uint8Array {
  const leaves = p.leaves ?? new Uint8Array(0);
  const rootOffset = HEADER_BYTES;
  const leafOffset = rootOffset + p.root.length;
  const dataOffset = leafOffset + leaves.length;
  const bytes = new Uint8Array(dataOffset + p.data.length);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  bytes[7] = 3;
  const v = new DataView(bytes.buffer);
  const set64 = (at: number, n: number) => v.setBigUint64(at, BigInt(n), true);
  set64(8, rootOffset);
  set64(16, p.root.length);
  set64(24, leafOffset);
  set64(32, 0);
  set64(40, leafOffset);
  set64(48, leaves.length);
  set64(56, dataOffset);
  set64(64, p.data.length);
  bytes[97] = p.internalCompression ?? Compression.none;
  bytes[98] = p.tileCompression ?? Compression.none;
  bytes[99] = p.tileType ?? TileType.png;
  bytes[100] = p.minZoom ?? 0;
  bytes[101] = p.maxZoom ?? 14;
  v.setInt32(102, -1_800_000_000, true);
  v.setInt32(106, -850_000_000, true);
  v.setInt32(110, 1_800_000_000, true);
  v.setInt32(114, 850_000_000, true);
  bytes.set(p.root, rootOffset);
  bytes.set(leaves, leafOffset);
  bytes.set(p.data, dataOffset);
  return bytes;
}

/** Every tile of zooms 0…maxZoom holding the same bytes (one run per zoom's id range). */
export function uniformArchive(tile: Uint8Array, maxZoom: number, tileType: number): Uint8Array {
  const entries: DirectoryEntry[] = [
    {
      tileId: 0,
      offset: 0,
      length: tile.length,
      runLength: zxyToTileId(maxZoom, 0, 0) + 4 ** maxZoom,
    },
  ];
  return writeArchive({ root: writeDirectory(entries), data: tile, tileType, minZoom: 0, maxZoom });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A PNG of one colour, `size` pixels square. */
export function solidPng(rgb: [number, number, number], size = 256): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array(4 + data.length);
    body.set(new TextEncoder().encode(type), 0);
    body.set(data, 4);
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(body, 4);
    v.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const h = new DataView(ihdr.buffer);
  h.setUint32(0, size);
  h.setUint32(4, size);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = new Uint8Array(size * (1 + 3 * size));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) rows.set(rgb, y * (1 + 3 * size) + 1 + 3 * x);
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(rows))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}
