/**
 * Claimed location → a point with an honest accuracy radius, and where it came from.
 *
 * - Coordinates as numbers or text (decimal, DMS, degrees + decimal minutes, 北纬/东经;
 *   coordinates.ts). Without a stated accuracy, the digits give one.
 * - Free text resolves against the offline gazetteer. The match's radius is that of
 *   a disc holding its population at `gazetteerPeoplePerKm2` (clamped to
 *   [`gazetteerMinRadiusMeters`, `gazetteerMaxRadiusMeters`]; unknown population →
 *   `gazetteerUnknownRadiusMeters`), or a district's own (95 % of its area). Choice:
 *   among the longest names in the text (a name inside a longer one is dropped: "York"
 *   in "New York"), the most populous place that is a strong match (capitalized, whole
 *   text, ≥ 3 Chinese characters, or ≥ `gazetteerWeakMatchMinPopulation` people; a
 *   district counts its city's people, and one in a city the text names outranks its
 *   namesakes: "长春朝阳区"); then the smallest place named in the same text that lies
 *   inside it ("西安市雁塔区" → Yanta district). Ordinary words that are also village
 *   names never match alone (data/place-stopwords.ts).
 * - A point and a text are checked against each other: a point within
 *   `placeTextToleranceFactor` × the place's radius (plus the point's accuracy)
 *   agrees. When only the swapped point agrees → `place.swapped`, corrected; when
 *   neither does → `place.text_mismatch`, the point kept.
 * - (0, 0) → `place.null_island`; |lat| > 90 or |lon| > 180 → `place.out_of_range`;
 *   neither is used as a point (the text still may be).
 */
import { FLAG, type FlagCode } from '../domain/flags.js';
import type { ClaimedLocation, ObservedPlace } from '../domain/report.js';
import {
  findPointInText,
  impliedAccuracyOfNumber,
  parseCoordinate,
  type ParsedCoordinate,
} from './coordinates.js';
import type { Gazetteer, GazetteerPlace, NameHit } from './gazetteer.js';
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';

export interface PlaceDeps {
  /** Absent: text is never resolved (flag `place.unresolved`). */
  gazetteer?: Gazetteer;
}

export interface PlaceResult {
  place: ObservedPlace | null;
  flags: FlagCode[];
}

type PlaceSettings = Pick<
  NormalizeSettings,
  | 'gazetteerPeoplePerKm2'
  | 'gazetteerMinRadiusMeters'
  | 'gazetteerMaxRadiusMeters'
  | 'gazetteerUnknownRadiusMeters'
  | 'gazetteerWeakMatchMinPopulation'
  | 'gazetteerAmbiguityRatio'
  | 'placeTextToleranceFactor'
  | 'unstatedAccuracyMeters'
>;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Uncertainty radius of a gazetteer place: the extent its source states (a district's),
 * else a disc holding its population.
 */
export function placeRadiusMeters(
  place: Pick<GazetteerPlace, 'population' | 'radiusMeters'>,
  s: PlaceSettings = NORMALIZE_DEFAULTS,
): number {
  if (place.radiusMeters !== undefined) return Math.round(place.radiusMeters);
  if (!(place.population > 0)) return s.gazetteerUnknownRadiusMeters;
  const km = Math.sqrt(place.population / s.gazetteerPeoplePerKm2 / Math.PI);
  return Math.round(
    Math.min(s.gazetteerMaxRadiusMeters, Math.max(s.gazetteerMinRadiusMeters, km * 1000)),
  );
}

interface NamedPlace {
  place: GazetteerPlace;
  hit: NameHit;
  radiusMeters: number;
}

const label = (p: GazetteerPlace) => `${p.name}, ${p.country}`;

/** How a place ranks among namesakes: its population, or (a district) its city's. */
const sizeOf = (p: GazetteerPlace) => p.population || (p.cityPopulation ?? 0);
const inRange = (lat: number, lon: number) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** A single ordinary word ("gate", "北门") is never a place name on its own. */
const droppable = (h: NameHit) => h.stopword && (h.script === 'han' || h.end - h.start === 1);

/** Where each place is named: its id → the hits naming it (no place's id is undefined). */
function whereNamed(hits: NameHit[]): Map<string | undefined, NameHit[]> {
  const namedAt = new Map<string | undefined, NameHit[]>();
  for (const h of hits) {
    for (const p of h.places) {
      const at = namedAt.get(p.id);
      if (at === undefined) namedAt.set(p.id, [h]);
      else at.push(h);
    }
  }
  return namedAt;
}

/**
 * The hits with the places they may mean: a name that means a place only beside its city's
 * name (a district's bare name, `qualifiedKeys`: 北京朝阳, "Chaoyang, Beijing") means it only
 * when the text names that city too, and never in a name overlapping it (天津南站 is not 津南区);
 * a hit left with no place is dropped.
 */
function withCities(hits: NameHit[], namedAt: Map<string | undefined, NameHit[]>): NameHit[] {
  // Named, and never by a name that overlaps the hit (天津南站: 津南 is part of 天津南).
  const cityBeside = (hit: NameHit, city: string | undefined) =>
    namedAt.get(city)?.every((h) => h.end <= hit.start || h.start >= hit.end) === true;
  const means = (hit: NameHit, p: GazetteerPlace) =>
    p.qualifiedKeys?.includes(hit.key) !== true || cityBeside(hit, p.within);
  return hits.flatMap((hit) => {
    const places = hit.places.filter((p) => means(hit, p));
    return places.length > 0 ? [{ ...hit, places }] : [];
  });
}

/** The hits not inside a longer name ("York" in "New York"). */
function outermost(hits: NameHit[]): NameHit[] {
  return hits.filter(
    (h) =>
      !hits.some((o) => o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
}

/**
 * Strong enough to stand alone: a capitalized Latin name that is not made of
 * ordinary words (only Latin names are capitalized), a Chinese name of ≥ 3
 * characters or the whole text, or a large place.
 */
function isStrong(hit: NameHit, place: GazetteerPlace, s: PlaceSettings): boolean {
  return (
    (hit.capitalized && !hit.stopword) ||
    (hit.script === 'han' && (hit.key.length >= 3 || hit.whole)) ||
    sizeOf(place) >= s.gazetteerWeakMatchMinPopulation
  );
}

interface TextResolution {
  chosen: NamedPlace;
  /** Every strong candidate, for checking a point against the text. */
  candidates: NamedPlace[];
  ambiguous: boolean;
}

/** The place a free text names, or null. */
export function resolvePlaceText(
  text: string,
  gazetteer: Gazetteer,
  s: PlaceSettings = NORMALIZE_DEFAULTS,
): TextResolution | null {
  const found = gazetteer.findNames(text).filter((h) => !droppable(h));
  // Read before withCities: it drops only names that mean a place beside its city, and no
  // city is named so, so where each city is named is the same after it.
  const namedAt = whereNamed(found);
  const all = withCities(found, namedAt);
  const hits = outermost(all);
  // A district whose city the text also names outranks its namesakes ("长春朝阳区").
  const inNamedCity = (p: GazetteerPlace) => namedAt.has(p.within);
  const placesOf = (hit: NameHit) =>
    hit.places.some(inNamedCity) ? hit.places.filter(inNamedCity) : hit.places;
  const candidates: NamedPlace[] = [];
  for (const hit of hits) {
    for (const place of placesOf(hit)) {
      if (isStrong(hit, place, s)) {
        candidates.push({ place, hit, radiusMeters: placeRadiusMeters(place, s) });
      }
    }
  }
  if (candidates.length === 0) return null;
  // The anchor: most populous; then the longer name; then the lower id (deterministic);
  // the same place named twice: the first name.
  let anchor = candidates[0]!;
  for (const c of candidates) {
    const d =
      sizeOf(c.place) - sizeOf(anchor.place) ||
      c.hit.end - c.hit.start - (anchor.hit.end - anchor.hit.start) ||
      (c.place.id < anchor.place.id ? 1 : 0);
    if (d > 0) anchor = c;
  }
  // A smaller place named in the same text and lying inside the anchor is more precise
  // (not one named inside the anchor's own name, nor the anchor's namesakes).
  let chosen = anchor;
  const city = anchor.place.within;
  for (const hit of all) {
    if (hit.start >= anchor.hit.start && hit.end <= anchor.hit.end) continue;
    // The district's own city is not a smaller place in it, nor are the city's namesakes.
    // Stryker disable next-line ConditionalExpression: no place has the id undefined
    if (city !== undefined && hit.places.some((p) => p.id === city)) continue;
    for (const place of hit.places) {
      const radiusMeters = placeRadiusMeters(place, s);
      if (radiusMeters >= chosen.radiusMeters) continue;
      if (distanceMeters(place, anchor.place) > anchor.radiusMeters) continue;
      chosen = { place, hit, radiusMeters };
    }
  }
  // Another place of the anchor's name (the anchor itself lies at distance 0).
  const ambiguous = placesOf(anchor.hit).some(
    (p) =>
      sizeOf(p) >= sizeOf(anchor.place) * s.gazetteerAmbiguityRatio &&
      distanceMeters(p, anchor.place) > anchor.radiusMeters,
  );
  return { chosen, candidates, ambiguous };
}

function matchOf(n: NamedPlace): NonNullable<ObservedPlace['match']> {
  return {
    id: n.place.id,
    name: n.place.name,
    country: n.place.country,
    population: n.place.population,
    matched: n.hit.key,
    radiusMeters: n.radiusMeters,
    alternatives: n.hit.places.length - 1,
  };
}

interface StatedPoint {
  lat: number;
  lon: number;
  accuracyMeters: number;
  source: 'coordinates' | 'text_coordinates';
  swappedByLetters: boolean;
}

/** lat/lon fields as given (numbers or text) → a point, or a reason it is unusable. */
function readFields(
  lat: number | string,
  lon: number | string,
  statedAccuracy: number | undefined,
  unstatedAccuracyMeters: number,
): StatedPoint | 'unparsed' {
  const a: ParsedCoordinate | null =
    typeof lat === 'number' ? { value: lat, axis: null, unitDegrees: 0 } : parseCoordinate(lat);
  const b: ParsedCoordinate | null =
    typeof lon === 'number' ? { value: lon, axis: null, unitDegrees: 0 } : parseCoordinate(lon);
  if (!a || !b || !Number.isFinite(a.value) || !Number.isFinite(b.value)) return 'unparsed';
  let swappedByLetters = false;
  let first = a;
  let second = b;
  if (a.axis === 'lon' || b.axis === 'lat') {
    if (a.axis === 'lat' || b.axis === 'lon') return 'unparsed'; // both letters the same axis
    [first, second] = [b, a];
    swappedByLetters = true;
  }
  const implied = Math.max(
    typeof lat === 'number'
      ? impliedAccuracyOfNumber(lat)
      : 0.5 * a.unitDegrees * 111_320 * Math.SQRT2,
    typeof lon === 'number'
      ? impliedAccuracyOfNumber(lon)
      : 0.5 * b.unitDegrees * 111_320 * Math.SQRT2,
  );
  return {
    lat: first.value,
    lon: second.value,
    accuracyMeters: statedAccuracy ?? unstatedAccuracy(implied, unstatedAccuracyMeters),
    source: 'coordinates',
    swappedByLetters,
  };
}

/**
 * The accuracy of a point stated without one: what its digits allow (to 0.1 m), but never
 * finer than TIPWIRE_PLACE_UNSTATED_ACCURACY_METERS.
 */
function unstatedAccuracy(impliedMeters: number, floorMeters: number): number {
  return Math.max(Math.round(impliedMeters * 10) / 10, floorMeters);
}

export function normalizePlace(
  location: ClaimedLocation | null | undefined,
  deps: PlaceDeps = {},
  settings: PlaceSettings = NORMALIZE_DEFAULTS,
): PlaceResult {
  if (location === undefined || location === null) return { place: null, flags: [] };
  const loc = typeof location === 'string' ? { text: location } : location;
  const text = loc.text?.trim() || null;
  const flags: FlagCode[] = [];

  // 1. The stated point, from the fields or from coordinates written in the text.
  let point: StatedPoint | null = null;
  let nameText = text;
  if (loc.lat !== undefined && loc.lon !== undefined) {
    const read = readFields(loc.lat, loc.lon, loc.accuracyMeters, settings.unstatedAccuracyMeters);
    if (read === 'unparsed') flags.push(FLAG.place.unparsed);
    else point = read;
  } else if (text) {
    const found = findPointInText(text);
    if (found) {
      point = {
        lat: found.point.lat,
        lon: found.point.lon,
        accuracyMeters:
          loc.accuracyMeters ??
          unstatedAccuracy(found.point.impliedAccuracyMeters, settings.unstatedAccuracyMeters),
        source: 'text_coordinates',
        swappedByLetters: false,
      };
      nameText = found.rest || null;
    }
  }

  // 2. The place the text names.
  const named =
    nameText && deps.gazetteer ? resolvePlaceText(nameText, deps.gazetteer, settings) : null;

  // 3. The point checked on its own and against the text.
  let stated: { lat: number; lon: number } | null = null;
  let agreeing: NamedPlace | null = null;
  if (point) {
    const agrees = (text: TextResolution, lat: number, lon: number) =>
      text.candidates.find(
        (c) =>
          distanceMeters({ lat, lon }, c.place) <=
          c.radiusMeters * settings.placeTextToleranceFactor + point!.accuracyMeters,
      ) ?? null;
    if (point.swappedByLetters) {
      stated = { lat: point.lon, lon: point.lat };
      flags.push(FLAG.place.swapped);
    }
    const valid = inRange(point.lat, point.lon);
    agreeing = valid && named ? agrees(named, point.lat, point.lon) : null;
    if (named && !agreeing && !point.swappedByLetters && inRange(point.lon, point.lat)) {
      const swapped = agrees(named, point.lon, point.lat);
      if (swapped) {
        stated = { lat: point.lat, lon: point.lon };
        point = { ...point, lat: point.lon, lon: point.lat };
        agreeing = swapped;
        flags.push(FLAG.place.swapped);
      }
    }
    if (!inRange(point.lat, point.lon)) {
      flags.push(FLAG.place.out_of_range);
      point = null;
    } else if (point.lat === 0 && point.lon === 0) {
      flags.push(FLAG.place.null_island);
      point = null;
    }
  }

  if (point) {
    const reference = agreeing ?? named?.chosen ?? null;
    const distance = reference ? Math.round(distanceMeters(point, reference.place)) : null;
    if (named && !agreeing) flags.push(FLAG.place.text_mismatch);
    return {
      place: {
        lat: point.lat,
        lon: point.lon,
        accuracyMeters: point.accuracyMeters,
        text,
        source: point.source,
        label: reference ? label(reference.place) : null,
        match: reference ? matchOf(reference) : null,
        stated,
        distanceToTextMeters: distance,
      },
      flags,
    };
  }
  if (named) {
    if (named.ambiguous) flags.push(FLAG.place.ambiguous);
    const c = named.chosen;
    return {
      place: {
        lat: c.place.lat,
        lon: c.place.lon,
        accuracyMeters: c.radiusMeters,
        text,
        source: 'gazetteer',
        label: label(c.place),
        match: matchOf(c),
        stated: null,
        distanceToTextMeters: null,
      },
      flags,
    };
  }
  if (text === null) return { place: null, flags };
  flags.push(FLAG.place.unresolved);
  return {
    place: {
      lat: null,
      lon: null,
      accuracyMeters: loc.accuracyMeters ?? null,
      text,
      source: null,
      label: null,
      match: null,
      stated: null,
      distanceToTextMeters: null,
    },
    flags,
  };
}
