/** Distances on the WGS84 sphere approximation, good to ~0.5 % at city scale. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface Point {
  lat: number;
  lon: number;
}

export function haversineMeters(a: Point, b: Point): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Latitude/longitude box that contains every point within `meters` of `p`.
 * Near the poles, or when the box would cross the antimeridian, the longitude
 * range widens to the whole circle (a superset is fine: distance is checked after).
 * (A half-width of 180° or more always crosses it, wherever `p` is.)
 */
export function boundingBox(p: Point, meters: number) {
  const dLat = meters / EARTH_RADIUS_M / RAD;
  const minLat = Math.max(-90, p.lat - dLat);
  const maxLat = Math.min(90, p.lat + dLat);
  const cosLat = Math.cos(Math.max(Math.abs(minLat), Math.abs(maxLat)) * RAD);
  // Stryker disable next-line EqualityOperator: at cosLat = 1e-9 exactly, both branches give the whole circle for any radius over 2 cm, so `>=` is `>` (this also silences `<=`, which the box-width tests catch)
  const dLon = cosLat > 1e-9 ? dLat / cosLat : 360;
  if (p.lon - dLon < -180 || p.lon + dLon > 180) {
    return { minLat, maxLat, minLon: -180, maxLon: 180 };
  }
  return { minLat, maxLat, minLon: p.lon - dLon, maxLon: p.lon + dLon };
}
