/**
 * Adapter: the deps of the normalize core, built once by the shell (runtime),
 * never by the core itself: the GeoNames gazetteer (read and indexed from the
 * installed package, ~1.7 s and ~170 MB, so loaded on first use unless preloaded)
 * and the zone finder (geo-tz + tz-lookup, lazily reading their packaged data).
 */
import type { Gazetteer } from './gazetteer.js';
import { loadGeoNamesGazetteer } from './gazetteer-geonames.js';
import type { NormalizeDeps } from './normalize-report.js';
import { createZoneFinder } from './zone-finder.js';

export interface NormalizeDepsOptions {
  /** A GeoNames dump to use instead of the packaged cities500 (TIPWIRE_GAZETTEER_FILE). */
  gazetteerFile?: string;
}

export interface LoadedNormalizeDeps extends Required<NormalizeDeps> {
  /** Loads the gazetteer now (a server does this before it listens). */
  preload(): void;
}

export function createNormalizeDeps(options: NormalizeDepsOptions = {}): LoadedNormalizeDeps {
  let loaded: Gazetteer | null = null;
  const load = (): Gazetteer =>
    (loaded ??= loadGeoNamesGazetteer(
      options.gazetteerFile === undefined ? {} : { file: options.gazetteerFile },
    ));
  // Most reports carry coordinates and never need it: load on the first name looked up.
  const gazetteer: Gazetteer = {
    get size() {
      return load().size;
    },
    get names() {
      return load().names;
    },
    lookup: (name) => load().lookup(name),
    findNames: (text) => load().findNames(text),
  };
  return { gazetteer, zones: createZoneFinder(), preload: () => void load() };
}
