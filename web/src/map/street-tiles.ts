/**
 * The operator's street tiles (the map configuration's `tiles`) as the style's
 * source: a URL template as it is, raster or vector.
 */
import type { TilesConfig } from './map-api.js';
import type { StreetTiles } from './map-style.js';

export async function streetTiles(tiles: TilesConfig | null): Promise<StreetTiles | null> {
  if (!tiles) return null;
  if (tiles.kind === 'raster' || tiles.kind === 'vector') {
    return { type: tiles.kind, tiles: [tiles.url], attribution: tiles.attribution };
  }
  return null;
}
