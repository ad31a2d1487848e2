/**
 * Claimed location → a point with its accuracy, or text awaiting resolution.
 * Impossible or placeholder coordinates are flagged and not used as a point.
 */
import type { Claims, ObservedPlace } from '../domain/report.js';

export interface PlaceResult {
  place: ObservedPlace | null;
  flags: string[];
}

export function normalizePlace(claims: Claims): PlaceResult {
  const loc = claims.location;
  if (!loc) return { place: null, flags: [] };
  const text = loc.text ?? null;
  const accuracyMeters = loc.accuracyMeters ?? null;
  if (loc.lat === undefined || loc.lon === undefined) {
    return { place: { lat: null, lon: null, accuracyMeters, text }, flags: ['place.unresolved'] };
  }
  const unusable =
    Math.abs(loc.lat) > 90 || Math.abs(loc.lon) > 180
      ? 'place.out_of_range'
      : loc.lat === 0 && loc.lon === 0
        ? 'place.null_island'
        : null;
  if (unusable) {
    const flags = [unusable];
    if (text === null) return { place: null, flags };
    return {
      place: { lat: null, lon: null, accuracyMeters, text },
      flags: [...flags, 'place.unresolved'],
    };
  }
  return { place: { lat: loc.lat, lon: loc.lon, accuracyMeters, text }, flags: [] };
}
