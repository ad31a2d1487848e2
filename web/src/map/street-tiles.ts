/**
 * The operator's street tiles (the map configuration's `tiles`) as the style's
 * source: a URL template as it is (raster or vector); a PMTiles archive (tipwire's
 * own /map/tiles.pmtiles or a remote one) through the `pmtiles://` protocol, raster
 * or vector as its header says, within its zooms.
 */
import { addProtocol } from 'maplibre-gl';
import type { TilesConfig } from './map-api.js';
import type { StreetTiles } from './map-style.js';
import { httpRanges, openArchive, parseTileUrl, TileType, type PmtilesArchive } from './pmtiles.js';

/** A 1 × 1 transparent PNG: a raster archive's answer where it has no tile. */
const NO_IMAGE = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII=',
  ),
  (c) => c.charCodeAt(0),
);

const archives = new Map<string, PmtilesArchive>();
const archiveAt = (url: string) => {
  let a = archives.get(url);
  if (!a) {
    a = openArchive(httpRanges(url));
    archives.set(url, a);
  }
  return a;
};

const arrayBuffer = (b: Uint8Array) =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

let registered = false;
function registerProtocol() {
  if (registered) return;
  registered = true;
  addProtocol('pmtiles', async (params, abort) => {
    const t = parseTileUrl(params.url);
    if (!t) throw new Error(`not a pmtiles tile URL: ${params.url}`);
    const archive = archiveAt(t.archive);
    const [header, tile] = await Promise.all([
      archive.header(abort.signal),
      archive.tile(t.z, t.x, t.y, abort.signal),
    ]);
    const empty = header.tileType === TileType.mvt ? new Uint8Array(0) : NO_IMAGE;
    return { data: arrayBuffer(tile ?? empty) };
  });
}

export async function streetTiles(tiles: TilesConfig | null): Promise<StreetTiles | null> {
  if (!tiles) return null;
  if (tiles.kind === 'raster' || tiles.kind === 'vector') {
    return { type: tiles.kind, tiles: [tiles.url], attribution: tiles.attribution };
  }
  const url = new URL(tiles.url, window.location.href).href;
  const header = await archiveAt(url).header();
  registerProtocol();
  return {
    type: header.tileType === TileType.mvt ? 'vector' : 'raster',
    tiles: [`pmtiles://${url}/{z}/{x}/{y}`],
    attribution: tiles.attribution,
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
  };
}
