/**
 * Adapter: the IANA zone at a coordinate, for the shell to pass to the core.
 *
 * geo-tz is the authority: exact polygons from timezone-boundary-builder ("alike
 * since 1970" product), read lazily from its packaged data files (offline, no
 * download), and it returns several zones where timekeeping is disputed
 * (Xinjiang: Asia/Urumqi and Asia/Shanghai). @photostructure/tz-lookup, a compact
 * approximation of the same boundaries, is the independent cross-check. What the
 * core does with a disagreement (normalize/time.ts): zones with the same UTC
 * offset at the time are the same answer; different offsets → the interval
 * covers every zone and the report is flagged `time.zone_disputed`.
 */
import { find } from 'geo-tz';
import tzLookup from '@photostructure/tz-lookup';
import type { ZoneFinder } from './zones.js';

/** tz-lookup's answer, or null where it throws (coordinates it cannot place). */
function crossCheckAt(lat: number, lon: number): string | null {
  try {
    return tzLookup(lat, lon);
  } catch {
    return null;
  }
}

/** geo-tz's answer; none off the globe or where it throws, as tz-lookup's. */
function zonesAt(lat: number, lon: number): string[] {
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return []; // NaN too
  try {
    return find(lat, lon);
  } catch {
    return [];
  }
}

export function createZoneFinder(): ZoneFinder {
  return {
    zonesAt(lat, lon) {
      return { zones: zonesAt(lat, lon), crossCheck: crossCheckAt(lat, lon) };
    },
  };
}
