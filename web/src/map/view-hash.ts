/**
 * The map's view in the URL, so a view can be bookmarked and shared:
 * `#/map/<zoom>/<lat>/<lon>` (as OpenStreetMap writes it). The shell routes on the
 * first segment only; the map reads the rest. Pure.
 */

export interface MapViewState {
  zoom: number;
  lat: number;
  lon: number;
}

export const DEFAULT_VIEW: MapViewState = { zoom: 1.5, lat: 25, lon: 60 };
export const MAX_ZOOM = 20;

/** Into [−180, 180), leaving a longitude already there exactly as it is. */
const wrapLon = (lon: number) =>
  lon >= -180 && lon < 180 ? lon : ((((lon + 180) % 360) + 360) % 360) - 180;

/** The view a hash names, or null when it names none (or one off the map). */
export function parseViewHash(hash: string): MapViewState | null {
  const m = /^#\/?map\/(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)\/?$/.exec(hash);
  if (!m) return null;
  const [zoom, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![zoom, lat, lon].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > MAX_ZOOM || Math.abs(lat) > 90) return null;
  return { zoom, lat, lon: wrapLon(lon) };
}

/** The hash for a view: zoom to 2 decimals, degrees to 5 (about a metre). */
export function viewHash(v: MapViewState): string {
  const r = (x: number, d: number) => String(Math.round(x * 10 ** d) / 10 ** d);
  return `#/map/${r(v.zoom, 2)}/${r(v.lat, 5)}/${r(wrapLon(v.lon), 5)}`;
}
