/**
 * Optional street-level geocoding, off by default. The core stays pure and
 * synchronous: `geocodeQuery` says whether a normalized place is worth asking
 * about (no point, and the text unresolved or resolved only to a town coarser
 * than `geocodeCoarserThanMeters`), the shell calls a `Geocoder` (only when one is
 * configured), and `applyGeocodeHit` merges the answer. A hit that falls outside
 * the town the gazetteer found (beyond `placeTextToleranceFactor` × its radius)
 * is ignored: a street of the same name elsewhere is not this place.
 *
 * `createNominatimGeocoder` speaks the Nominatim search API (`/search?q=…&format=jsonv2`),
 * also served by Photon-compatible proxies and self-hosted Nominatim. Its accuracy is
 * half the diagonal of the result's bounding box. It takes `fetch` as a dependency;
 * nothing here reads the network unless the shell passes a geocoder in.
 */
import { FLAG } from '../domain/flags.js';
import type { PlaceResult } from './place.js';
import { distanceMeters } from './place.js';
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';

export interface GeocodeHit {
  lat: number;
  lon: number;
  accuracyMeters: number;
  label: string;
}

export interface Geocoder {
  geocode(text: string): Promise<GeocodeHit | null>;
}

/** The part of `fetch` the adapter uses. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface NominatimOptions {
  /** e.g. `https://nominatim.example.org` (no trailing `/search`). */
  baseUrl: string;
  fetch: FetchLike;
  /** Nominatim's usage policy requires an identifying User-Agent. */
  userAgent?: string;
  /** `accept-language` for labels, e.g. `zh,en`. */
  language?: string;
  /** Limit results to these ISO 3166-1 alpha-2 codes (comma-separated). */
  countryCodes?: string;
  timeoutMs?: number;
}

export class GeocoderError extends Error {
  readonly code = 'geocoder.failed';
}

interface NominatimResult {
  lat: string;
  lon: string;
  display_name?: string;
  boundingbox?: [string, string, string, string];
}

/** A result carries its coordinates as strings; no other JSON value has a `lat` at all. */
const isResult = (x: unknown): x is NominatimResult =>
  typeof (x as Partial<NominatimResult> | null)?.lat === 'string' &&
  typeof (x as Partial<NominatimResult>).lon === 'string';

export function createNominatimGeocoder(options: NominatimOptions): Geocoder {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async geocode(text) {
      const params = new URLSearchParams({ q: text, format: 'jsonv2', limit: '1' });
      if (options.countryCodes) params.set('countrycodes', options.countryCodes);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? 'tipwire (self-hosted tip line)',
        accept: 'application/json',
      };
      if (options.language) headers['accept-language'] = options.language;
      let response;
      try {
        response = await options.fetch(`${base}/search?${params}`, {
          headers,
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch (cause) {
        throw new GeocoderError(`geocoder unreachable: ${(cause as Error).message}`);
      }
      if (!response.ok) throw new GeocoderError(`geocoder answered HTTP ${response.status}`);
      const body = await response.json();
      const first = Array.isArray(body) ? body.find(isResult) : undefined;
      if (!first) return null;
      const lat = Number(first.lat);
      const lon = Number(first.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
      let accuracyMeters = 50;
      const box = first.boundingbox?.map(Number);
      if (box && box.length === 4 && box.every(Number.isFinite)) {
        const [south, north, west, east] = box as [number, number, number, number];
        accuracyMeters = Math.max(
          5,
          Math.round(distanceMeters({ lat: south, lon: west }, { lat: north, lon: east }) / 2),
        );
      }
      return { lat, lon, accuracyMeters, label: first.display_name ?? text };
    },
  };
}

/** The text to geocode for a normalized place, or null when geocoding would not help. */
export function geocodeQuery(
  result: PlaceResult,
  settings: Pick<NormalizeSettings, 'geocodeCoarserThanMeters'> = NORMALIZE_DEFAULTS,
): string | null {
  const p = result.place;
  if (!p || !p.text) return null;
  if (p.source === 'coordinates' || p.source === 'text_coordinates' || p.source === 'geocoder') {
    return null;
  }
  if (p.lat === null) return p.text;
  return (p.accuracyMeters ?? Infinity) > settings.geocodeCoarserThanMeters ? p.text : null;
}

/** A normalized place with a geocoder's answer merged in (pure). */
export function applyGeocodeHit(
  result: PlaceResult,
  hit: GeocodeHit | null,
  settings: Pick<NormalizeSettings, 'placeTextToleranceFactor'> = NORMALIZE_DEFAULTS,
): PlaceResult {
  const p = result.place;
  if (!hit || !p || Math.abs(hit.lat) > 90 || Math.abs(hit.lon) > 180) return result;
  if (p.lat !== null && p.lon !== null && p.source === 'gazetteer') {
    const town = p.accuracyMeters ?? 0;
    if (
      distanceMeters(p as { lat: number; lon: number }, hit) >
      town * settings.placeTextToleranceFactor
    ) {
      return result;
    }
  }
  return {
    place: {
      ...p,
      lat: hit.lat,
      lon: hit.lon,
      accuracyMeters: hit.accuracyMeters,
      source: 'geocoder',
      label: hit.label,
    },
    flags: result.flags.filter((f) => f !== FLAG.place.unresolved && f !== FLAG.place.ambiguous),
  };
}
