/**
 * The analysts' map: how many features a viewport answer carries at most, the size of
 * its cluster grid, how the in-memory index is shaped and kept fresh, the base layer,
 * the place labels and an operator's own street tiles.
 */
import { z } from 'zod';
import { intIn, nonEmpty, setting } from '../domain/settings.js';

/** 8, 16, 32 … 512: a power of two, so a grid cell is a whole quarter of its parent. */
const cellPixels = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be one of 8, 16, 32, 64, 128, 256, 512')
  .transform(Number)
  .refine((n) => [8, 16, 32, 64, 128, 256, 512].includes(n), {
    message: 'must be one of 8, 16, 32, 64, 128, 256, 512',
  });

export const MAP_SETTINGS = {
  maxFeatures: setting(
    'TIPWIRE_MAP_MAX_FEATURES',
    'Most features (clusters and single reports or incidents) one map viewport answer carries, however many are stored; over it, the answer uses a coarser grid.',
    intIn(10, 100_000),
    1000,
  ),
  cellPixels: setting(
    'TIPWIRE_MAP_CELL_PIXELS',
    'Side of a cluster cell on screen, in pixels of 512-pixel map tiles (a power of two from 8 to 512): at zoom z the grid has 2^z × 512 / this cells across the world.',
    cellPixels,
    64,
  ),
  clusterMaxZoom: setting(
    'TIPWIRE_MAP_CLUSTER_MAX_ZOOM',
    'Above this zoom the map shows reports and incidents one by one (as long as they fit in TIPWIRE_MAP_MAX_FEATURES), not in clusters.',
    intIn(0, 20),
    16,
  ),
  viewCellsMax: setting(
    'TIPWIRE_MAP_VIEW_CELLS_MAX',
    'Most grid cells a viewport may span at the grid level its zoom asks for; a larger viewport is answered from a coarser grid (bounds the work of one answer).',
    intIn(100, 1_000_000),
    16_384,
  ),
  leafItems: setting(
    'TIPWIRE_MAP_LEAF_ITEMS',
    'A cell of the map index holding at most this many items is not split into smaller cells; its items are read one by one when a finer grid is asked for.',
    intIn(1, 4096),
    16,
  ),
  timeScanItems: setting(
    'TIPWIRE_MAP_TIME_SCAN_ITEMS',
    'A cell holding at most this many items is filtered by time window item by item; a larger one keeps its items’ times sorted (more memory, a binary search per answer).',
    intIn(1, 1_000_000),
    64,
  ),
  deltaMax: setting(
    'TIPWIRE_MAP_DELTA_MAX',
    'Changes (new, moved or re-scoped reports and incidents) the map keeps beside its index before it rebuilds the index in a worker thread.',
    intIn(100, 10_000_000),
    20_000,
  ),
  updateBatch: setting(
    'TIPWIRE_MAP_UPDATE_BATCH',
    'Changed reports or incidents the map reads from the store in one turn of the event loop after live events name them.',
    intIn(1, 100_000),
    500,
  ),
  rebuildMinutes: setting(
    'TIPWIRE_MAP_REBUILD_MINUTES',
    'How often `serve` rebuilds the map index from the store in a worker thread (also catching changes that make no live event, such as retention); the first build runs at start.',
    intIn(1, 7 * 24 * 60),
    60,
  ),
  placesMax: setting(
    'TIPWIRE_MAP_PLACES_MAX',
    'Most place labels (the most populous gazetteer places, one per cluster cell) one viewport answer carries.',
    intIn(1, 10_000),
    200,
  ),
  baseResolution: setting(
    'TIPWIRE_MAP_BASE_RESOLUTION',
    'Natural Earth scale of the offline base layer (land and borders from world-atlas): 110m (about 40 KB gzipped) or 50m (about 350 KB).',
    z.enum(['110m', '50m']),
    '50m' as '110m' | '50m',
  ),
  tiles: setting(
    'TIPWIRE_MAP_TILES',
    'Street detail over the offline base layer: a tile URL template (https://…/{z}/{x}/{y}.png or .pbf, or an https://….pmtiles URL) passed to the client, or the path of a local .pmtiles file that tipwire serves at /map/tiles.pmtiles with range requests; unset: the offline base layer only.',
    nonEmpty.optional(),
    undefined as string | undefined,
  ),
  tilesAttribution: setting(
    'TIPWIRE_MAP_TILES_ATTRIBUTION',
    'Attribution the client shows for TIPWIRE_MAP_TILES (e.g. © OpenStreetMap contributors).',
    z.string().trim().max(300).optional(),
    undefined as string | undefined,
  ),
};
