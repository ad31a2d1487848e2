/**
 * Place labels for the map from the gazetteer tipwire already loads (normalize's
 * GeoNames cities500): the most populous places in a viewport, at most one per grid
 * cell of the zoom (so labels do not pile up), each with its name and, when the
 * gazetteer has one, its name in Chinese script. The places are ordered by
 * population once; an answer walks that order and stops at its limit. Pure.
 */
import type { GazetteerPlace } from '../normalize/gazetteer.js';
import {
  cellLevelOffset,
  cellOf,
  inRects,
  KEY_LEVEL,
  latToY,
  lonToX,
  type Rect,
} from './viewport.js';

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    name: string;
    nameZh: string | null;
    population: number;
    country: string;
    featureCode: string;
  };
}

export interface PlaceIndex {
  size: number;
  /** The most populous places in the viewport, one per cell of `cellPixels` at `zoom`. */
  query(rects: readonly Rect[], zoom: number, limit: number, cellPixels: number): PlaceFeature[];
}

/** Capitals and seats first among equal populations (GeoNames leaves many at 0). */
const RANK: Record<string, number> = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4 };

export function createPlaceIndex(
  places: readonly GazetteerPlace[],
  chineseName: (place: GazetteerPlace) => string | null,
): PlaceIndex {
  const order = places
    .map((place, i) => i)
    .sort((a, b) => {
      const pa = places[a]!;
      const pb = places[b]!;
      return (
        pb.population - pa.population ||
        (RANK[pa.featureCode] ?? 9) - (RANK[pb.featureCode] ?? 9) ||
        a - b
      );
    });
  const n = order.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const sorted: GazetteerPlace[] = new Array<GazetteerPlace>(n);
  order.forEach((i, k) => {
    const place = places[i]!;
    sorted[k] = place;
    x[k] = lonToX(place.lon);
    y[k] = latToY(place.lat);
  });
  return {
    size: n,
    query(rects, zoom, limit, cellPixels) {
      const level = Math.min(
        KEY_LEVEL,
        Math.max(0, Math.floor(zoom) + cellLevelOffset(cellPixels)),
      );
      const side = 2 ** level;
      const taken = new Set<number>();
      const out: PlaceFeature[] = [];
      for (let k = 0; k < n && out.length < limit; k++) {
        if (!inRects(rects, x[k]!, y[k]!)) continue;
        const cell = cellOf(y[k]!, level) * side + cellOf(x[k]!, level);
        if (taken.has(cell)) continue;
        taken.add(cell);
        const place = sorted[k]!;
        out.push({
          type: 'Feature',
          id: place.id,
          geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
          properties: {
            name: place.name,
            nameZh: chineseName(place),
            population: place.population,
            country: place.country,
            featureCode: place.featureCode,
          },
        });
      }
      return out;
    },
  };
}
