import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { uniformArchive, writeArchive, writeDirectory } from './pmtiles.fixture.js';
import {
  Compression,
  findEntry,
  openArchive,
  parseTileUrl,
  PmtilesError,
  readDirectory,
  readHeader,
  TileType,
  zxyToTileId,
} from './pmtiles.js';

/** Range reads from bytes in memory, counted. */
function reader(bytes: Uint8Array) {
  const reads: [number, number][] = [];
  const read = async (offset: number, length: number) => {
    reads.push([offset, length]);
    return bytes.slice(offset, offset + length);
  };
  return { read, reads };
}

const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

describe('zxyToTileId', () => {
  it('numbers tiles zoom by zoom along the Hilbert curve (the spec’s examples)', () => {
    expect(zxyToTileId(0, 0, 0)).toBe(0);
    expect(zxyToTileId(1, 0, 0)).toBe(1);
    expect(zxyToTileId(1, 0, 1)).toBe(2);
    expect(zxyToTileId(1, 1, 1)).toBe(3);
    expect(zxyToTileId(1, 1, 0)).toBe(4);
    expect(zxyToTileId(2, 0, 0)).toBe(5);
  });

  it('gives every tile of a zoom its own id in that zoom’s range', () => {
    const ids = new Set<number>();
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) ids.add(zxyToTileId(3, x, y));
    expect(ids.size).toBe(64);
    expect(Math.min(...ids)).toBe(21);
    expect(Math.max(...ids)).toBe(84);
  });

  it('steps from each tile to a neighbour (the curve never jumps)', () => {
    const z = 4;
    const byId: [number, number][] = [];
    for (let x = 0; x < 16; x++)
      for (let y = 0; y < 16; y++) byId[zxyToTileId(z, x, y) - 85] = [x, y];
    for (let i = 1; i < 256; i++) {
      const [ax, ay] = byId[i - 1]!;
      const [bx, by] = byId[i]!;
      expect(Math.abs(ax - bx) + Math.abs(ay - by)).toBe(1);
    }
  });

  it('reaches zoom 26 exactly', () => {
    const last = 2 ** 26 - 1;
    expect(zxyToTileId(26, last, 0)).toBe((4 ** 27 - 1) / 3 - 1);
  });

  it('refuses tiles off the grid', () => {
    expect(() => zxyToTileId(1, 2, 0)).toThrow(PmtilesError);
    expect(() => zxyToTileId(27, 0, 0)).toThrow(PmtilesError);
    expect(() => zxyToTileId(2, -1, 0)).toThrow(PmtilesError);
  });
});

describe('readDirectory', () => {
  it('reads the columns back, an offset of 0 meaning right after the previous tile', () => {
    const entries = [
      { tileId: 0, offset: 0, length: 10, runLength: 1 },
      { tileId: 5, offset: 10, length: 20, runLength: 3 },
      { tileId: 300, offset: 500, length: 1, runLength: 0 },
    ];
    expect(readDirectory(writeDirectory(entries))).toEqual(entries);
  });

  it('refuses a directory cut short', () => {
    const bytes = writeDirectory([{ tileId: 200, offset: 0, length: 200, runLength: 1 }]);
    expect(() => readDirectory(bytes.subarray(0, bytes.length - 1))).toThrow(PmtilesError);
  });
});

describe('findEntry', () => {
  const entries = [
    { tileId: 10, offset: 0, length: 1, runLength: 3 },
    { tileId: 20, offset: 1, length: 1, runLength: 0 },
  ];

  it('finds a tile inside a run and not past it', () => {
    expect(findEntry(entries, 12)).toBe(entries[0]);
    expect(findEntry(entries, 13)).toBeNull();
    expect(findEntry(entries, 9)).toBeNull();
  });

  it('sends any tile at or after a leaf pointer to that leaf', () => {
    expect(findEntry(entries, 20)).toBe(entries[1]);
    expect(findEntry(entries, 99)).toBe(entries[1]);
  });

  it('finds nothing in an empty directory', () => {
    expect(findEntry([], 0)).toBeNull();
  });
});

describe('readHeader', () => {
  it('reads offsets, compression, tile type, zooms and bounds', () => {
    const bytes = writeArchive({
      root: new Uint8Array(3),
      data: new Uint8Array(0),
      minZoom: 2,
      maxZoom: 9,
    });
    const h = readHeader(bytes);
    expect(h.rootOffset).toBe(127);
    expect(h.rootLength).toBe(3);
    expect(h.dataOffset).toBe(130);
    expect(h.tileType).toBe(TileType.png);
    expect([h.minZoom, h.maxZoom]).toEqual([2, 9]);
    expect(h.bounds).toEqual([-180, -85, 180, 85]);
  });

  it('refuses what is not a version 3 archive', () => {
    expect(() => readHeader(new Uint8Array(10))).toThrow(PmtilesError);
    expect(() => readHeader(new Uint8Array(127))).toThrow(/not a PMTiles/);
    const v2 = writeArchive({ root: new Uint8Array(0), data: new Uint8Array(0) });
    v2[7] = 2;
    expect(() => readHeader(v2)).toThrow(/version 2/);
  });
});

describe('an archive', () => {
  const data = new TextEncoder().encode('zero' + 'one!' + 'leaf');

  it('serves tiles from the root directory, the header and root in one read', async () => {
    const root = writeDirectory([
      { tileId: 0, offset: 0, length: 4, runLength: 1 },
      { tileId: 1, offset: 4, length: 4, runLength: 4 },
    ]);
    const { read, reads } = reader(writeArchive({ root, data }));
    const a = openArchive(read);
    expect(text(await a.tile(0, 0, 0))).toBe('zero');
    // The four zoom-1 tiles share one run.
    expect(text(await a.tile(1, 1, 0))).toBe('one!');
    expect(await a.tile(2, 0, 0)).toBeNull();
    expect(reads[0]).toEqual([0, 16_384]);
    expect(reads).toHaveLength(3);
  });

  it('follows a leaf directory, gzipped as the header says', async () => {
    const leaf = gzipSync(writeDirectory([{ tileId: 5, offset: 8, length: 4, runLength: 1 }]));
    const root = gzipSync(
      writeDirectory([{ tileId: 5, offset: 0, length: leaf.length, runLength: 0 }]),
    );
    const { read } = reader(
      writeArchive({ root, leaves: leaf, data, internalCompression: Compression.gzip }),
    );
    const a = openArchive(read);
    expect(text(await a.tile(2, 0, 0))).toBe('leaf');
    expect(await a.tile(2, 1, 0)).toBeNull();
  });

  it('decompresses gzipped tiles', async () => {
    const tile = gzipSync(Buffer.from('a vector tile'));
    const root = writeDirectory([{ tileId: 0, offset: 0, length: tile.length, runLength: 1 }]);
    const { read } = reader(writeArchive({ root, data: tile, tileCompression: Compression.gzip }));
    expect(text(await openArchive(read).tile(0, 0, 0))).toBe('a vector tile');
  });

  it('asks for nothing outside its zooms', async () => {
    const root = writeDirectory([{ tileId: 0, offset: 0, length: 4, runLength: 1 }]);
    const { read, reads } = reader(writeArchive({ root, data, minZoom: 0, maxZoom: 0 }));
    const a = openArchive(read);
    await a.header();
    expect(await a.tile(5, 1, 1)).toBeNull();
    expect(reads).toHaveLength(1);
  });

  it('refuses a compression it cannot read', async () => {
    const root = writeDirectory([{ tileId: 0, offset: 0, length: 4, runLength: 1 }]);
    const { read } = reader(writeArchive({ root, data, tileCompression: Compression.zstd }));
    await expect(openArchive(read).tile(0, 0, 0)).rejects.toThrow(/compression 4/);
  });
});

describe('the test fixture’s uniform archive', () => {
  it('serves its one tile at every zoom up to its last, and none past it', async () => {
    const { read } = reader(uniformArchive(new TextEncoder().encode('tile'), 3, TileType.png));
    const a = openArchive(read);
    expect(text(await a.tile(0, 0, 0))).toBe('tile');
    expect(text(await a.tile(3, 7, 7))).toBe('tile');
    expect(await a.tile(4, 0, 0)).toBeNull();
  });
});

describe('parseTileUrl', () => {
  it('splits the archive URL from z/x/y', () => {
    expect(parseTileUrl('pmtiles://http://h:1/map/tiles.pmtiles/3/2/1')).toEqual({
      archive: 'http://h:1/map/tiles.pmtiles',
      z: 3,
      x: 2,
      y: 1,
    });
    expect(parseTileUrl('https://h/3/2/1')).toBeNull();
  });
});
