/**
 * A reader of PMTiles v3 archives (an operator's street tiles in one file, read by
 * HTTP range requests): the 127-byte header, directories (varint columns, internal
 * compression), tile ids along the Hilbert curve, leaf directories, and the
 * `pmtiles://<archive URL>/{z}/{x}/{y}` protocol MapLibre asks tiles through. The
 * format: github.com/protomaps/PMTiles, spec/v3/spec.md. No package: the reader is
 * small and the page's content policy wants nothing loaded from elsewhere.
 */

export const HEADER_BYTES = 127;
/** The first request reads this much: the header and, in a well-made archive, the root directory. */
const FIRST_READ = 16_384;
/** Directories kept decoded (root and the leaves last used). */
const DIRECTORY_CACHE = 64;

export const Compression = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
export const TileType = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 } as const;

export interface PmtilesHeader {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafOffset: number;
  leafLength: number;
  dataOffset: number;
  dataLength: number;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** west, south, east, north in degrees. */
  bounds: [number, number, number, number];
}

export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  /** 0: the entry points at a leaf directory; n: n tiles from tileId share this data. */
  runLength: number;
}

export class PmtilesError extends Error {}

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

export function readHeader(bytes: Uint8Array): PmtilesHeader {
  if (bytes.length < HEADER_BYTES) throw new PmtilesError('not a PMTiles archive: too short');
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (magic !== 'PMTiles') throw new PmtilesError('not a PMTiles archive');
  if (bytes[7] !== 3) throw new PmtilesError(`PMTiles version ${bytes[7]} is not read (only 3)`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const e7 = (at: number) => v.getInt32(at, true) / 1e7;
  return {
    rootOffset: u64(v, 8),
    rootLength: u64(v, 16),
    metadataOffset: u64(v, 24),
    metadataLength: u64(v, 32),
    leafOffset: u64(v, 40),
    leafLength: u64(v, 48),
    dataOffset: u64(v, 56),
    dataLength: u64(v, 64),
    internalCompression: bytes[97]!,
    tileCompression: bytes[98]!,
    tileType: bytes[99]!,
    minZoom: bytes[100]!,
    maxZoom: bytes[101]!,
    bounds: [e7(102), e7(106), e7(110), e7(114)],
  };
}

/** Unsigned LEB128 varints, up to 2^53. */
function varints(bytes: Uint8Array) {
  let pos = 0;
  return () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw new PmtilesError('directory ends inside a number');
      const b = bytes[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 56) throw new PmtilesError('directory number too long');
    }
  };
}

/** A decompressed directory: entries in tile-id order. */
export function readDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const next = varints(bytes);
  const count = next();
  if (count > bytes.length) throw new PmtilesError('directory count larger than the directory');
  const entries: DirectoryEntry[] = [];
  let tileId = 0;
  for (let i = 0; i < count; i++) {
    tileId += next();
    entries.push({ tileId, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = next();
  for (const e of entries) e.length = next();
  entries.forEach((e, i) => {
    const v = next();
    // 0 after the first entry: right after the previous entry's data.
    e.offset = v === 0 && i > 0 ? entries[i - 1]!.offset + entries[i - 1]!.length : v - 1;
  });
  return entries;
}

/** The entry covering `tileId`: a tile run containing it, or the leaf directory to look in. */
export function findEntry(
  entries: readonly DirectoryEntry[],
  tileId: number,
): DirectoryEntry | null {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = tileId - entries[mid]!.tileId;
    if (d > 0) lo = mid + 1;
    else if (d < 0) hi = mid - 1;
    else return entries[mid]!;
  }
  if (hi < 0) return null;
  const e = entries[hi]!;
  if (e.runLength === 0) return e;
  return tileId - e.tileId < e.runLength ? e : null;
}

/** The tile's id: the tiles of every lower zoom, then its place on zoom z's Hilbert curve. */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > 26) throw new PmtilesError(`zoom ${z} out of range`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n)
    throw new PmtilesError(`tile ${z}/${x}/${y} out of range`);
  const before = (4 ** z - 1) / 3;
  let d = 0;
  let px = x;
  let py = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        px = n - 1 - px;
        py = n - 1 - py;
      }
      [px, py] = [py, px];
    }
  }
  return before + d;
}

export type RangeReader = (
  offset: number,
  length: number,
  signal?: AbortSignal,
) => Promise<Uint8Array>;

export async function decompress(bytes: Uint8Array, compression: number): Promise<Uint8Array> {
  if (compression === Compression.none || compression === Compression.unknown) return bytes;
  if (compression !== Compression.gzip)
    throw new PmtilesError(`compression ${compression} is not read (only none and gzip)`);
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface PmtilesArchive {
  header(signal?: AbortSignal): Promise<PmtilesHeader>;
  /** The tile's bytes (decompressed), or null when the archive has none there. */
  tile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Uint8Array | null>;
}

export function openArchive(read: RangeReader): PmtilesArchive {
  let first: Promise<{ header: PmtilesHeader; bytes: Uint8Array }> | null = null;
  const directories = new Map<number, Promise<DirectoryEntry[]>>();

  function start(signal?: AbortSignal) {
    first ??= read(0, FIRST_READ, signal).then(
      (bytes) => ({ header: readHeader(bytes), bytes }),
      (err: unknown) => {
        first = null;
        throw err;
      },
    );
    return first;
  }

  async function directory(offset: number, length: number, signal?: AbortSignal) {
    const cached = directories.get(offset);
    if (cached) return cached;
    const load = (async () => {
      const { header, bytes } = await start(signal);
      const raw =
        offset + length <= bytes.length
          ? bytes.subarray(offset, offset + length)
          : await read(offset, length, signal);
      return readDirectory(await decompress(raw, header.internalCompression));
    })();
    if (directories.size >= DIRECTORY_CACHE) directories.delete(directories.keys().next().value!);
    directories.set(offset, load);
    load.catch(() => directories.delete(offset));
    return load;
  }

  return {
    header: async (signal) => (await start(signal)).header,
    async tile(z, x, y, signal) {
      const { header } = await start(signal);
      if (z < header.minZoom || z > header.maxZoom) return null;
      const id = zxyToTileId(z, x, y);
      let offset = header.rootOffset;
      let length = header.rootLength;
      // The root, then at most three levels of leaves (the format's own bound).
      for (let depth = 0; depth < 4; depth++) {
        const entry = findEntry(await directory(offset, length, signal), id);
        if (!entry) return null;
        if (entry.runLength > 0) {
          const raw = await read(header.dataOffset + entry.offset, entry.length, signal);
          return decompress(raw, header.tileCompression);
        }
        offset = header.leafOffset + entry.offset;
        length = entry.length;
      }
      throw new PmtilesError('directories nested deeper than the format allows');
    },
  };
}

/** Range requests to a URL (same origin, or one the content policy allows). */
export function httpRanges(url: string): RangeReader {
  return async (offset, length, signal) => {
    const res = await fetch(url, {
      headers: { range: `bytes=${offset}-${offset + length - 1}` },
      credentials: 'same-origin',
      signal,
    });
    if (res.status === 416) return new Uint8Array(0);
    if (!res.ok) throw new PmtilesError(`${url}: ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A server that ignores ranges sends the whole file.
    return res.status === 200 ? bytes.subarray(offset, offset + length) : bytes;
  };
}

/** `pmtiles://<archive URL>/{z}/{x}/{y}` → the archive URL and the tile. */
export function parseTileUrl(
  url: string,
): { archive: string; z: number; x: number; y: number } | null {
  const m = /^pmtiles:\/\/(.+)\/(\d+)\/(\d+)\/(\d+)$/.exec(url);
  if (!m) return null;
  return { archive: m[1]!, z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
}
