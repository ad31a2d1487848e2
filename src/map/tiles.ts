/**
 * An operator's own street tiles over the offline base layer (TIPWIRE_MAP_TILES), as
 * the client is told of them: a remote tile URL template (raster or vector), a remote
 * PMTiles archive, or a local .pmtiles file that tipwire itself serves (with range
 * requests) at TILES_PATH. Pure: reads only the setting's text.
 */

/** Where tipwire serves a local PMTiles archive. */
export const TILES_PATH = '/map/tiles.pmtiles';

export type TilesSource =
  | { kind: 'raster' | 'vector'; url: string; attribution: string | null }
  | { kind: 'pmtiles'; url: string; attribution: string | null; file: string | null };

const REMOTE = /^https?:\/\//i;

/** The tiles the setting names, or null when it is unset. */
export function tilesSource(
  setting: string | undefined,
  attribution: string | undefined,
): TilesSource | null {
  if (setting === undefined) return null;
  const shown = attribution ?? null;
  if (!REMOTE.test(setting))
    return { kind: 'pmtiles', url: TILES_PATH, attribution: shown, file: setting };
  const path = setting.split(/[?#]/)[0]!.toLowerCase();
  if (path.endsWith('.pmtiles'))
    return { kind: 'pmtiles', url: setting, attribution: shown, file: null };
  const vector = /\.(pbf|mvt)$/.test(path);
  return { kind: vector ? 'vector' : 'raster', url: setting, attribution: shown };
}

/** The origin a remote source loads from (the workbench's content policy must allow it), or null. */
export function tilesOrigin(source: TilesSource | null): string | null {
  if (!source || !REMOTE.test(source.url)) return null;
  try {
    return new URL(source.url.replace(/[{}]/g, '')).origin;
  } catch {
    return null;
  }
}
