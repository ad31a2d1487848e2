import { describe, expect, it } from 'vitest';
import type { ClaimedLocation } from '../domain/report.js';
import { createGazetteer, type GazetteerRecord } from './gazetteer.js';
import { distanceMeters, normalizePlace, placeRadiusMeters, resolvePlaceText } from './place.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

const S = NORMALIZE_DEFAULTS;
/** The settings with no floor under a digits-derived accuracy, to see what the digits give. */
const DIGITS = { ...S, unstatedAccuracyMeters: 0.1 };

const record = (
  overrides: Partial<GazetteerRecord> & Pick<GazetteerRecord, 'name'>,
): GazetteerRecord => ({
  id: `test:${overrides.name}`,
  country: 'CN',
  lat: 0,
  lon: 0,
  population: 0,
  featureCode: 'PPL',
  names: [overrides.name],
  ...overrides,
});
const gazetteerOf = (...records: GazetteerRecord[]) => createGazetteer(records);

/** Mean Earth radius (IUGG), the sphere distances are measured on. */
const EARTH_RADIUS_M = 6_371_008.8;
const DEGREE_M = (EARTH_RADIUS_M * Math.PI) / 180;
/** A point `meters` due north of `p` (along a meridian, where the distance is exact). */
const north = (p: { lat: number; lon: number }, meters: number) => ({
  lat: p.lat + meters / DEGREE_M,
  lon: p.lon,
});
/** The accuracy the documented rule gives a coordinate stated to `unitDegrees`: ½·unit·111,320 m·√2. */
const impliedBy = (unitDegrees: number) =>
  Math.round(0.5 * unitDegrees * 111_320 * Math.SQRT2 * 10) / 10;

const XIAN = record({
  id: 'test:xian',
  name: 'Xi’an',
  names: ['Xi’an', "Xi'an", 'Xian', '西安', '西安市'],
  lat: 34.2583,
  lon: 108.9286,
  population: 12_000_000,
  featureCode: 'PPLA',
});
const BERLIN = record({
  id: 'test:berlin',
  name: 'Berlin',
  country: 'DE',
  lat: 52.52,
  lon: 13.405,
  population: 3_600_000,
});
const ZUG = record({
  id: 'test:zug',
  name: 'Zug',
  country: 'CH',
  lat: 47.17,
  lon: 8.52,
  population: 30_000,
});

describe('distanceMeters', () => {
  it('measures one degree along a meridian as π/180 of the Earth’s radius', () => {
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(DEGREE_M, 3);
    expect(distanceMeters({ lat: 34, lon: 108 }, { lat: 33, lon: 108 })).toBeCloseTo(DEGREE_M, 3);
  });

  it('measures along a parallel as the spherical law of cosines does', () => {
    const lat = (60 * Math.PI) / 180;
    const dLon = (1 * Math.PI) / 180;
    const expected =
      EARTH_RADIUS_M * Math.acos(Math.sin(lat) ** 2 + Math.cos(lat) ** 2 * Math.cos(dLon));
    expect(distanceMeters({ lat: 60, lon: 10 }, { lat: 60, lon: 11 })).toBeCloseTo(expected, 2);
    const between = distanceMeters({ lat: 10, lon: 0 }, { lat: 50, lon: 30 });
    const law = (a: number, b: number, d: number) =>
      EARTH_RADIUS_M *
      Math.acos(
        Math.sin((a * Math.PI) / 180) * Math.sin((b * Math.PI) / 180) +
          Math.cos((a * Math.PI) / 180) *
            Math.cos((b * Math.PI) / 180) *
            Math.cos((d * Math.PI) / 180),
      );
    expect(between).toBeCloseTo(law(10, 50, 30), 1);
  });

  it('is 0 for one point, symmetric, and half the circumference to the antipode', () => {
    const a = { lat: 34.26, lon: 108.94 };
    const b = { lat: 52.52, lon: 13.405 };
    expect(distanceMeters(a, a)).toBe(0);
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_M,
      3,
    );
  });
});

describe('placeRadiusMeters', () => {
  /** The population a disc of `km` radius holds at the configured density. */
  const holding = (km: number) => Math.PI * km * km * S.gazetteerPeoplePerKm2;

  it('is the radius of a disc holding the population at the configured density', () => {
    expect(placeRadiusMeters({ population: holding(2) })).toBe(2000);
    expect(placeRadiusMeters({ population: holding(10) })).toBe(10_000);
    expect(placeRadiusMeters({ population: 12_000_000 })).toBe(
      Math.round(1000 * Math.sqrt(12_000_000 / S.gazetteerPeoplePerKm2 / Math.PI)),
    );
  });

  it('never goes below the minimum radius', () => {
    const min = S.gazetteerMinRadiusMeters;
    expect(placeRadiusMeters({ population: holding(min / 1000) })).toBe(min);
    expect(placeRadiusMeters({ population: holding(min / 1000) / 2 })).toBe(min);
    expect(placeRadiusMeters({ population: 1 })).toBe(min);
  });

  it('never goes above the maximum radius', () => {
    const max = S.gazetteerMaxRadiusMeters;
    expect(placeRadiusMeters({ population: holding(max / 1000) })).toBe(max);
    expect(placeRadiusMeters({ population: holding(max / 1000) * 2 })).toBe(max);
  });

  it('gives a place of unknown population the configured radius', () => {
    expect(placeRadiusMeters({ population: 0 })).toBe(S.gazetteerUnknownRadiusMeters);
    expect(placeRadiusMeters({ population: -5 })).toBe(S.gazetteerUnknownRadiusMeters);
    expect(placeRadiusMeters({ population: Number.NaN })).toBe(S.gazetteerUnknownRadiusMeters);
  });

  it('follows the settings passed in', () => {
    const s = { ...S, gazetteerPeoplePerKm2: 1000, gazetteerMinRadiusMeters: 10 };
    expect(placeRadiusMeters({ population: Math.PI * 1000 }, s)).toBe(1000);
  });
});

describe('which names count: resolvePlaceText', () => {
  const keys = (text: string, ...records: GazetteerRecord[]) =>
    resolvePlaceText(text, gazetteerOf(...records))?.candidates.map((c) => c.hit.key) ?? [];

  it('never takes a single ordinary word for a place, however populous', () => {
    const gate = record({ name: 'Gate', country: 'US', population: 100_000 });
    expect(resolvePlaceText('Gate', gazetteerOf(gate))).toBeNull();
    expect(resolvePlaceText('at the Gate', gazetteerOf(gate))).toBeNull();
    const beimen = record({ name: 'Beimen', names: ['北门'], population: 100_000 });
    expect(resolvePlaceText('北门', gazetteerOf(beimen))).toBeNull();
  });

  it('takes a name of several ordinary words when the place is large enough', () => {
    const northGate = record({ name: 'North Gate', country: 'US', population: 60_000 });
    expect(keys('north gate', northGate)).toEqual(['north gate']);
  });

  it('does not take a capitalized name of ordinary words as strong', () => {
    const northGate = record({ name: 'North Gate', country: 'US', population: 679 });
    expect(resolvePlaceText('North Gate', gazetteerOf(northGate))).toBeNull();
    expect(resolvePlaceText('near the north gate', gazetteerOf(northGate))).toBeNull();
  });

  it('drops a name inside a longer one, at its start, end or middle', () => {
    const kansas = record({ name: 'Kansas', country: 'US', population: 2_900_000 });
    const kansasCity = record({ name: 'Kansas City', country: 'US', population: 500_000 });
    expect(keys('Kansas City', kansas, kansasCity)).toEqual(['kansas city']);
    const london = record({ name: 'London', country: 'GB', population: 8_900_000 });
    const newLondon = record({ name: 'New London', country: 'US', population: 27_000 });
    expect(keys('New London', london, newLondon)).toEqual(['new london']);
    const greater = record({ name: 'Old London Town', country: 'GB', population: 1000 });
    expect(keys('Old London Town', london, greater)).toEqual(['old london town']);
  });

  it('keeps names side by side', () => {
    expect(keys('Zug Berlin', ZUG, BERLIN)).toEqual(['zug', 'berlin']);
  });

  it('keeps overlapping names when neither holds the other', () => {
    const rio = record({ name: 'Rio de Janeiro', country: 'BR', population: 6_000_000 });
    const janeiroNorte = record({ name: 'Janeiro Norte', country: 'BR', population: 1000 });
    expect(keys('Rio de Janeiro Norte', rio, janeiroNorte)).toEqual([
      'rio de janeiro',
      'janeiro norte',
    ]);
    const norteRio = record({ name: 'Norte Rio', country: 'BR', population: 1000 });
    expect(keys('Norte Rio de Janeiro', rio, norteRio)).toEqual(['norte rio', 'rio de janeiro']);
  });

  it('takes a capitalized Latin name as strong, a lower-case one only for a large place', () => {
    const small = { ...ZUG, population: S.gazetteerWeakMatchMinPopulation - 1 };
    expect(keys('Zug', small)).toEqual(['zug']);
    expect(keys('zug', small)).toEqual([]);
    const large = { ...ZUG, population: S.gazetteerWeakMatchMinPopulation };
    expect(keys('zug', large)).toEqual(['zug']);
  });

  it('takes a Chinese name as strong from three characters on, or when it is the whole text', () => {
    const xiaozhai = record({ name: 'Xiaozhai', names: ['小寨'] });
    const yanta = record({ name: 'Yanta', names: ['雁塔区'] });
    expect(keys('小寨', xiaozhai)).toEqual(['小寨']);
    expect(keys('去小寨', xiaozhai)).toEqual([]);
    expect(keys('去雁塔区', yanta)).toEqual(['雁塔区']);
  });
});

describe('which place a text names', () => {
  const chosen = (text: string, ...records: GazetteerRecord[]) =>
    resolvePlaceText(text, gazetteerOf(...records))?.chosen.place.id;

  it('takes the most populous place named, wherever it is in the text', () => {
    const baar = record({ id: 'test:baar', name: 'Baar', lat: 40, lon: 20, population: 24_000 });
    expect(chosen('Zug, Baar', ZUG, baar)).toBe('test:zug');
    expect(chosen('Baar, Zug', ZUG, baar)).toBe('test:zug');
  });

  it('takes the longer name between places of equal population', () => {
    const lima = record({ id: 'test:lima', name: 'Lima', lat: -12, lon: -77, population: 100_000 });
    const rosa = record({
      id: 'test:rosa',
      name: 'Santa Rosa',
      lat: 38,
      lon: -122,
      population: 100_000,
    });
    expect(chosen('from Lima to Santa Rosa', lima, rosa)).toBe('test:rosa');
    expect(chosen('from Santa Rosa to Lima', lima, rosa)).toBe('test:rosa');
  });

  it('takes the lower id between places of one name and equal population', () => {
    const a = record({
      id: 'test:a',
      name: 'Springfield',
      lat: 39.8,
      lon: -89.65,
      population: 100_000,
    });
    const b = record({
      id: 'test:b',
      name: 'Springfield',
      lat: 42.1,
      lon: -72.59,
      population: 100_000,
    });
    expect(chosen('Springfield', a, b)).toBe('test:a');
    expect(chosen('Springfield', b, a)).toBe('test:a');
  });

  it('matches the first of two equal names of one place', () => {
    const beijing = record({
      name: 'Beijing',
      names: ['Bei Jing', '北京'],
      lat: 39.9,
      lon: 116.4,
      population: 20_000_000,
    });
    expect(resolvePlaceText('Bei Jing 北京', gazetteerOf(beijing))?.chosen.hit.key).toBe(
      'bei jing',
    );
  });

  it('takes a smaller place named in the same text and lying inside the first', () => {
    const yanta = record({
      id: 'test:yanta',
      name: 'Yanta',
      names: ['Yanta', '雁塔', '雁塔区'],
      lat: 34.2136,
      lon: 108.9483,
      population: 1_200_000,
    });
    expect(chosen('西安市雁塔区', XIAN, yanta)).toBe('test:yanta');
    expect(chosen('Yanta, Xi’an', XIAN, yanta)).toBe('test:yanta'); // named before it
    expect(chosen('西安', XIAN, yanta)).toBe('test:xian');
  });

  it('takes an inside place even when its name alone would be too weak to stand', () => {
    const xiaozhai = record({
      id: 'test:xiaozhai',
      name: 'Xiaozhai',
      names: ['小寨'],
      lat: 34.22,
      lon: 108.94,
    });
    expect(chosen('西安小寨', XIAN, xiaozhai)).toBe('test:xiaozhai');
  });

  it('does not take an ordinary word inside the place as a smaller place', () => {
    const beimen = record({
      id: 'test:beimen',
      name: 'Beimen',
      names: ['北门'],
      lat: 34.27,
      lon: 108.94,
      population: 60_000,
    });
    expect(chosen('西安北门', XIAN, beimen)).toBe('test:xian');
  });

  it('takes an inside place lying exactly at the first place’s radius', () => {
    // A place of unknown population has exactly the configured radius: set it to the distance.
    const anchor = record({
      id: 'test:anchor',
      name: 'Anchor',
      names: ['锚城市'],
      lat: 34.26,
      lon: 108.94,
    });
    const inside = record({
      id: 'test:inside',
      name: 'Inside',
      names: ['内村'],
      lat: 34.27,
      lon: 108.95,
      population: 100,
    });
    const s = {
      ...S,
      gazetteerUnknownRadiusMeters: distanceMeters(anchor, inside),
      gazetteerMinRadiusMeters: 10,
    };
    expect(resolvePlaceText('锚城市内村', gazetteerOf(anchor, inside), s)?.chosen.place.id).toBe(
      'test:inside',
    );
  });

  it('takes an inside place up to the first place’s radius, not a metre beyond', () => {
    const radius = placeRadiusMeters(XIAN);
    const at = (meters: number) =>
      record({ id: 'test:xiaozhai', name: 'Xiaozhai', names: ['小寨'], ...north(XIAN, meters) });
    expect(chosen('西安小寨', XIAN, at(radius - 1))).toBe('test:xiaozhai');
    expect(chosen('西安小寨', XIAN, at(radius + 1))).toBe('test:xian');
  });

  it('does not take an inside place of the same radius, or a larger one', () => {
    const baar = record({
      id: 'test:baar',
      name: 'Baar',
      lat: 47.19,
      lon: 8.53,
      population: 10_000,
    });
    const inwil = record({
      id: 'test:inwil',
      name: 'Inwil',
      ...north(baar, 500),
      population: 2000,
    });
    expect(placeRadiusMeters(inwil)).toBe(placeRadiusMeters(baar));
    expect(chosen('Inwil, Baar', baar, inwil)).toBe('test:baar');
    const unknown = record({ id: 'test:deinikon', name: 'Deinikon', ...north(baar, 500) });
    expect(placeRadiusMeters(unknown)).toBeGreaterThan(placeRadiusMeters(baar));
    expect(chosen('Deinikon, Baar', baar, unknown)).toBe('test:baar');
  });

  it('does not take a namesake, or a place named inside the chosen name, as a smaller place', () => {
    const oldTown = record({
      id: 'test:old-town',
      name: 'Xi’an Old Town',
      names: ['西安'],
      lat: 34.26,
      lon: 108.94,
    });
    expect(chosen('西安', XIAN, oldTown)).toBe('test:xian');
    expect(chosen('西安市', XIAN, oldTown)).toBe('test:xian');
  });
});

describe('ambiguity', () => {
  const springfield = (id: string, population: number, where: { lat: number; lon: number }) =>
    record({ id, name: 'Springfield', country: 'US', population, ...where });
  const ILLINOIS = { lat: 39.8, lon: -89.65 };
  const MASSACHUSETTS = { lat: 42.1, lon: -72.59 };
  const ambiguous = (...records: GazetteerRecord[]) =>
    resolvePlaceText('Springfield', gazetteerOf(...records))?.ambiguous;

  it('flags a namesake far away with at least the configured share of the population', () => {
    const big = springfield('test:a', 100_000, ILLINOIS);
    const share = S.gazetteerAmbiguityRatio * big.population;
    expect(ambiguous(big, springfield('test:b', share, MASSACHUSETTS))).toBe(true);
    expect(ambiguous(big, springfield('test:b', share - 1, MASSACHUSETTS))).toBe(false);
  });

  it('does not flag a namesake exactly at the place’s radius', () => {
    const a = springfield('test:a', 0, ILLINOIS);
    const b = springfield('test:b', 0, north(ILLINOIS, 5000));
    // Unknown populations: the radius is the configured one, here the distance between them.
    const s = { ...S, gazetteerUnknownRadiusMeters: distanceMeters(a, b) };
    expect(resolvePlaceText('Springfield', gazetteerOf(a, b), s)).toMatchObject({
      chosen: { place: { id: 'test:a' } },
      ambiguous: false,
    });
    const nearer = { ...s, gazetteerUnknownRadiusMeters: distanceMeters(a, b) - 1 };
    expect(resolvePlaceText('Springfield', gazetteerOf(a, b), nearer)?.ambiguous).toBe(true);
  });

  it('does not flag a namesake within the place’s radius (the same place listed twice)', () => {
    const big = springfield('test:a', 100_000, ILLINOIS);
    expect(ambiguous(big, springfield('test:b', 100_000, north(ILLINOIS, 1000)))).toBe(false);
  });

  it('does not flag a name with one place', () => {
    expect(ambiguous(springfield('test:a', 100_000, ILLINOIS))).toBe(false);
  });

  it('flags the text-only place `place.ambiguous` and counts the alternatives', () => {
    const g = gazetteerOf(
      springfield('test:a', 100_000, ILLINOIS),
      springfield('test:b', 60_000, MASSACHUSETTS),
    );
    const r = normalizePlace({ text: 'Springfield' }, { gazetteer: g });
    expect(r.flags).toEqual(['place.ambiguous']);
    expect(r.place).toEqual({
      lat: ILLINOIS.lat,
      lon: ILLINOIS.lon,
      accuracyMeters: placeRadiusMeters({ population: 100_000 }),
      text: 'Springfield',
      source: 'gazetteer',
      label: 'Springfield, US',
      match: {
        id: 'test:a',
        name: 'Springfield',
        country: 'US',
        population: 100_000,
        matched: 'springfield',
        radiusMeters: placeRadiusMeters({ population: 100_000 }),
        alternatives: 1,
      },
      stated: null,
      distanceToTextMeters: null,
    });
  });

  it('does not flag a place without namesakes', () => {
    const r = normalizePlace('Zug', { gazetteer: gazetteerOf(ZUG) });
    expect(r.flags).toEqual([]);
    expect(r.place?.match?.alternatives).toBe(0);
  });
});

describe('normalizePlace without a gazetteer', () => {
  it('has no place for no location', () => {
    expect(normalizePlace(undefined)).toEqual({ place: null, flags: [] });
    expect(normalizePlace(null)).toEqual({ place: null, flags: [] });
    expect(normalizePlace({ text: '   ' })).toEqual({ place: null, flags: [] });
  });

  it('keeps a point with its stated accuracy', () => {
    expect(normalizePlace({ lat: 34.261, lon: 108.942, accuracyMeters: 50 })).toEqual({
      place: {
        lat: 34.261,
        lon: 108.942,
        accuracyMeters: 50,
        text: null,
        source: 'coordinates',
        label: null,
        match: null,
        stated: null,
        distanceToTextMeters: null,
      },
      flags: [],
    });
  });

  it('derives accuracy from the digits when none is stated: the coarser axis counts', () => {
    expect(normalizePlace({ lat: 34.261, lon: 108.942 }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.001),
    );
    expect(normalizePlace({ lat: 34.261, lon: 108.9 }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.1),
    );
    expect(normalizePlace({ lat: 34.2, lon: 108.942 }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.1),
    );
  });

  it('derives accuracy from the digits of coordinates written as text', () => {
    expect(normalizePlace({ lat: '34.26', lon: 108.942 }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.01),
    );
    expect(normalizePlace({ lat: 34.2, lon: '108.94' }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.1),
    );
    expect(normalizePlace({ lat: '34.26', lon: 108.9 }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.1),
    );
    expect(normalizePlace({ lat: 34.261, lon: '108.9' }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.1),
    );
  });

  it('takes a point without a stated accuracy as no finer than TIPWIRE_PLACE_UNSTATED_ACCURACY_METERS', () => {
    // Six decimals say how the number was rounded (± 0.1 m), not how well the place was known.
    expect(normalizePlace({ lat: 34.261234, lon: 108.942345 }).place?.accuracyMeters).toBe(100);
    expect(normalizePlace({ text: '34.261234, 108.942345' }).place?.accuracyMeters).toBe(100);
    // Coarser digits still count: two decimals are ± 787 m whatever the floor.
    const twoDecimals = impliedBy(0.01);
    expect(normalizePlace({ lat: 34.26, lon: 108.94 }).place?.accuracyMeters).toBe(twoDecimals);
    // At the floor and a tenth of a metre either side of what the digits give.
    const at = (floor: number) =>
      normalizePlace({ lat: 34.26, lon: 108.94 }, {}, { ...S, unstatedAccuracyMeters: floor }).place
        ?.accuracyMeters;
    expect(at(twoDecimals - 0.1)).toBe(twoDecimals);
    expect(at(twoDecimals)).toBe(twoDecimals);
    expect(at(twoDecimals + 0.1)).toBe(twoDecimals + 0.1);
    // A stated accuracy is taken as stated, however fine.
    expect(
      normalizePlace({ lat: 34.261234, lon: 108.942345, accuracyMeters: 3 }).place?.accuracyMeters,
    ).toBe(3);
  });

  it('reads degrees-minutes-seconds in the lat and lon fields', () => {
    const { place, flags } = normalizePlace(
      { lat: `34°15'39.6"N`, lon: `108°56'31.2"E` },
      {},
      DIGITS,
    );
    expect(flags).toEqual([]);
    expect(place).toMatchObject({
      lat: 34.261,
      lon: 108.942,
      accuracyMeters: impliedBy(0.1 / 3600),
    });
  });

  it('corrects fields whose hemisphere letters say they are swapped', () => {
    const { place, flags } = normalizePlace({ lat: `108°56'31.2"E`, lon: `34°15'39.6"N` });
    expect(flags).toEqual(['place.swapped']);
    expect(place).toMatchObject({
      lat: 34.261,
      lon: 108.942,
      stated: { lat: 108.942, lon: 34.261 },
    });
  });

  it('swaps on one letter alone: a longitude letter on lat, or a latitude letter on lon', () => {
    expect(normalizePlace({ lat: 'E108.942', lon: '34.261' })).toMatchObject({
      place: { lat: 34.261, lon: 108.942 },
      flags: ['place.swapped'],
    });
    expect(normalizePlace({ lat: '108.942', lon: 'N34.261' })).toMatchObject({
      place: { lat: 34.261, lon: 108.942 },
      flags: ['place.swapped'],
    });
  });

  it('refuses fields whose letters both name the same axis', () => {
    expect(normalizePlace({ lat: 'N34.261', lon: 'N108.942' })).toEqual({
      place: null,
      flags: ['place.unparsed'],
    });
    expect(normalizePlace({ lat: 'E108.942', lon: 'E34.261' })).toEqual({
      place: null,
      flags: ['place.unparsed'],
    });
  });

  it('flags coordinates it cannot read', () => {
    expect(normalizePlace({ lat: 'north-ish', lon: '108' }).flags).toEqual(['place.unparsed']);
    expect(normalizePlace({ lat: 34, lon: Number.NaN }).flags).toEqual(['place.unparsed']);
    expect(normalizePlace({ lat: Number.POSITIVE_INFINITY, lon: 108 }).flags).toEqual([
      'place.unparsed',
    ]);
  });

  it('takes no point from a latitude without a longitude, or the reverse (untyped input)', () => {
    const loose = (location: object) => location as ClaimedLocation; // the intake schema refuses these
    expect(normalizePlace(loose({ lat: 34.26 }))).toEqual({ place: null, flags: [] });
    expect(normalizePlace(loose({ lon: 108.94, text: 'near the gate' }))).toMatchObject({
      place: { lat: null, text: 'near the gate' },
      flags: ['place.unresolved'],
    });
  });

  it('reads a plain string of coordinates, with the accuracy its digits give', () => {
    expect(normalizePlace('N34 15.66 E108 56.52', {}, DIGITS)).toEqual({
      place: {
        lat: 34.261,
        lon: 108.942,
        accuracyMeters: impliedBy(0.01 / 60),
        text: 'N34 15.66 E108 56.52',
        source: 'text_coordinates',
        label: null,
        match: null,
        stated: null,
        distanceToTextMeters: null,
      },
      flags: [],
    });
    expect(normalizePlace({ text: '34.2610, 108.9420' }, {}, DIGITS).place?.accuracyMeters).toBe(
      impliedBy(0.0001),
    );
  });

  it('prefers a stated accuracy to the digits of coordinates in the text', () => {
    expect(
      normalizePlace({ text: '34.2610, 108.9420', accuracyMeters: 5 }).place?.accuracyMeters,
    ).toBe(5);
  });

  it('keeps coordinates in the text as written (their letters already placed them)', () => {
    const r = normalizePlace('E108 56.52 N34 15.66');
    expect(r.flags).toEqual([]);
    expect(r.place).toMatchObject({ lat: 34.261, lon: 108.942, stated: null });
  });

  it('flags (0, 0) and does not use it as a point', () => {
    expect(normalizePlace({ lat: 0, lon: 0 })).toEqual({
      place: null,
      flags: ['place.null_island'],
    });
  });

  it('keeps points on the equator or the prime meridian', () => {
    expect(normalizePlace({ lat: 0, lon: 10.5 })).toMatchObject({
      place: { lat: 0, lon: 10.5 },
      flags: [],
    });
    expect(normalizePlace({ lat: 10.5, lon: 0 })).toMatchObject({
      place: { lat: 10.5, lon: 0 },
      flags: [],
    });
  });

  it('keeps points up to ±90° latitude and ±180° longitude, and flags points beyond', () => {
    expect(normalizePlace({ lat: 90, lon: 180 }).flags).toEqual([]);
    expect(normalizePlace({ lat: -90, lon: -180 }).flags).toEqual([]);
    expect(normalizePlace({ lat: 90.0001, lon: 0.5 })).toEqual({
      place: null,
      flags: ['place.out_of_range'],
    });
    expect(normalizePlace({ lat: 0.5, lon: 180.0001 })).toEqual({
      place: null,
      flags: ['place.out_of_range'],
    });
  });

  it('flags out-of-range coordinates but keeps the text', () => {
    const r = normalizePlace({ lat: 108.9, lon: 34.2, text: 'north gate' });
    expect(r.flags).toEqual(['place.out_of_range', 'place.unresolved']);
    expect(r.place).toMatchObject({ lat: null, lon: null, text: 'north gate' });
  });

  it('marks text as unresolved when no gazetteer is configured, keeping a stated accuracy', () => {
    expect(normalizePlace({ text: '  Xi’an ', accuracyMeters: 500 })).toEqual({
      place: {
        lat: null,
        lon: null,
        accuracyMeters: 500,
        text: 'Xi’an',
        source: null,
        label: null,
        match: null,
        stated: null,
        distanceToTextMeters: null,
      },
      flags: ['place.unresolved'],
    });
    expect(normalizePlace('Xi’an').place?.accuracyMeters).toBeNull();
  });
});

describe('normalizePlace: a point checked against the text', () => {
  // Built in each test (not when the file loads), so that a broken index fails tests.
  const deps = () => ({ gazetteer: gazetteerOf(XIAN, BERLIN, ZUG) });

  it('resolves a text alone to the place, with its radius as accuracy', () => {
    expect(normalizePlace({ text: ' Zug ' }, deps())).toEqual({
      place: {
        lat: ZUG.lat,
        lon: ZUG.lon,
        accuracyMeters: placeRadiusMeters(ZUG),
        text: 'Zug',
        source: 'gazetteer',
        label: 'Zug, CH',
        match: {
          id: 'test:zug',
          name: 'Zug',
          country: 'CH',
          population: ZUG.population,
          matched: 'zug',
          radiusMeters: placeRadiusMeters(ZUG),
          alternatives: 0,
        },
        stated: null,
        distanceToTextMeters: null,
      },
      flags: [],
    });
  });

  it('agrees within the tolerance factor × the place’s radius plus the point’s accuracy', () => {
    const accuracyMeters = 100;
    const limit = placeRadiusMeters(ZUG) * S.placeTextToleranceFactor + accuracyMeters;
    const at = (meters: number) =>
      normalizePlace({ ...north(ZUG, meters), accuracyMeters, text: 'Zug' }, deps());
    const inside = at(limit - 1);
    expect(inside.flags).toEqual([]);
    expect(inside.place).toMatchObject({
      source: 'coordinates',
      label: 'Zug, CH',
      match: { id: 'test:zug' },
      distanceToTextMeters: limit - 1,
    });
    const outside = at(limit + 1);
    expect(outside.flags).toEqual(['place.text_mismatch']);
    expect(outside.place).toMatchObject({ label: 'Zug, CH', distanceToTextMeters: limit + 1 });
  });

  it('agrees with a point lying exactly at the limit', () => {
    // Tolerance factor 0: the limit is the point's own accuracy, set to the distance.
    const point = north(ZUG, 3000);
    const s = { ...S, placeTextToleranceFactor: 0 };
    const exact = normalizePlace(
      { ...point, accuracyMeters: distanceMeters(point, ZUG), text: 'Zug' },
      deps(),
      s,
    );
    expect(exact.flags).toEqual([]);
  });

  it('flags a point far from the named place, keeps the point and says how far it is', () => {
    const point = { lat: 34.26, lon: 108.94 };
    const { place, flags } = normalizePlace(
      { ...point, accuracyMeters: 20, text: 'Berlin' },
      deps(),
    );
    expect(flags).toEqual(['place.text_mismatch']);
    expect(place).toMatchObject({
      lat: 34.26,
      lon: 108.94,
      accuracyMeters: 20,
      source: 'coordinates',
      label: 'Berlin, DE',
      stated: null,
      distanceToTextMeters: Math.round(distanceMeters(point, BERLIN)),
    });
  });

  it('names the place the point agrees with, even when a smaller one was chosen for the text', () => {
    const yanta = record({
      id: 'test:yanta',
      name: 'Yanta',
      names: ['雁塔区'],
      lat: 34.2136,
      lon: 108.9483,
      population: 1_200_000,
    });
    const g = { gazetteer: gazetteerOf(XIAN, yanta) };
    expect(normalizePlace('西安市雁塔区', g).place?.label).toBe('Yanta, CN');
    const r = normalizePlace(
      { lat: XIAN.lat, lon: XIAN.lon, accuracyMeters: 10, text: '西安市雁塔区' },
      g,
    );
    expect(r.flags).toEqual([]);
    expect(r.place).toMatchObject({ label: 'Xi’an, CN', distanceToTextMeters: 0 });
  });

  it('corrects latitude and longitude swapped against the stated place, both in range', () => {
    const { place, flags } = normalizePlace(
      { lat: 13.405, lon: 52.52, accuracyMeters: 10, text: 'Berlin' },
      deps(),
    );
    expect(flags).toEqual(['place.swapped']);
    expect(place).toMatchObject({
      lat: 52.52,
      lon: 13.405,
      source: 'coordinates',
      label: 'Berlin, DE',
      stated: { lat: 13.405, lon: 52.52 },
      distanceToTextMeters: 0,
    });
  });

  it('corrects a swap whose stated latitude is out of range', () => {
    const { place, flags } = normalizePlace({ lat: 108.94, lon: 34.26, text: "Xi'an" }, deps());
    expect(flags).toEqual(['place.swapped']);
    expect(place).toMatchObject({ lat: 34.26, lon: 108.94, stated: { lat: 108.94, lon: 34.26 } });
  });

  it('does not swap a point that agrees with the text', () => {
    const { place, flags } = normalizePlace({ lat: 34.26, lon: 108.94, text: "Xi'an" }, deps());
    expect(flags).toEqual([]);
    expect(place).toMatchObject({
      lat: 34.26,
      source: 'coordinates',
      label: 'Xi’an, CN',
      stated: null,
    });
  });

  it('trusts hemisphere letters over the text: no second swap', () => {
    const { place, flags } = normalizePlace(
      { lat: 'E52.52', lon: 'N13.405', text: 'Berlin' },
      deps(),
    );
    expect(flags).toEqual(['place.swapped', 'place.text_mismatch']);
    expect(place).toMatchObject({ lat: 13.405, lon: 52.52, stated: { lat: 52.52, lon: 13.405 } });
  });

  it('does not consider a swap that would put the point out of range', () => {
    const barneo = record({
      id: 'test:barneo',
      name: 'Barneo',
      country: 'RU',
      lat: 89.9995,
      lon: 10,
    });
    const { place, flags } = normalizePlace(
      { lat: 10, lon: 90.0005, accuracyMeters: 10, text: 'Barneo' },
      { gazetteer: gazetteerOf(barneo) },
    );
    expect(flags).toEqual(['place.text_mismatch']);
    expect(place).toMatchObject({ lat: 10, lon: 90.0005, source: 'coordinates' });
  });

  it('falls back to the named place when the point is null island or out of range', () => {
    expect(normalizePlace({ lat: 0, lon: 0, text: 'Berlin' }, deps())).toMatchObject({
      place: { source: 'gazetteer', label: 'Berlin, DE', lat: BERLIN.lat },
      flags: ['place.null_island'],
    });
    expect(normalizePlace({ lat: 95, lon: 200, text: 'Berlin' }, deps())).toMatchObject({
      place: { source: 'gazetteer', label: 'Berlin, DE' },
      flags: ['place.out_of_range'],
    });
  });

  it('keeps a point without a resolvable text as it is', () => {
    const r = normalizePlace({ lat: 34.26, lon: 108.94, text: 'near the gate' }, deps());
    expect(r.flags).toEqual([]);
    expect(r.place).toMatchObject({
      lat: 34.26,
      label: null,
      match: null,
      distanceToTextMeters: null,
    });
  });

  it('uses coordinates written in the text and checks them against the rest', () => {
    expect(normalizePlace('Zug 47.1700 8.5200', deps())).toMatchObject({
      place: {
        source: 'text_coordinates',
        lat: 47.17,
        label: 'Zug, CH',
        text: 'Zug 47.1700 8.5200',
      },
      flags: [],
    });
    expect(normalizePlace('Berlin 47.1700 8.5200', deps()).flags).toEqual(['place.text_mismatch']);
  });

  it('resolves nothing from coordinates that are the whole text', () => {
    expect(normalizePlace('47.1700 8.5200', deps())).toMatchObject({
      place: { source: 'text_coordinates', label: null, stated: null },
      flags: [],
    });
  });

  it('leaves text unresolved when the gazetteer knows no name in it', () => {
    expect(normalizePlace('near the north gate', deps()).flags).toEqual(['place.unresolved']);
  });
});

describe('districts: areas with a stated extent, ranked by their city', () => {
  // Two cities and a district named 朝阳区 in each (as in Beijing and Changchun), and a
  // GeoNames namesake of the smaller city of unknown population, as GeoNames lists some.
  const city = (name: string, zh: string, lat: number, lon: number, population: number) =>
    record({ id: `test:${name.toLowerCase()}`, name, names: [name, zh], lat, lon, population });
  const BEIJING = city('Beijing', '北京', 39.9, 116.4, 18_000_000);
  const CHANGCHUN = city('Changchun', '长春', 43.88, 125.32, 4_000_000);
  const CHANGCHUN_AGAIN = record({
    id: 'test:changchun-2',
    name: 'Changchun',
    names: ['Changchun', '长春'],
    ...north(CHANGCHUN, 2000),
  });
  const district = (id: string, city: GazetteerRecord, cityPopulation: number) =>
    record({
      id,
      name: 'Chaoyang District',
      names: ['朝阳区', 'Chaoyang District'],
      ...north(city, 5000),
      featureCode: 'ADM3',
      radiusMeters: 14_000,
      within: city.id,
      cityPopulation,
    });
  const IN_BEIJING = district('test:chaoyang-b', BEIJING, BEIJING.population);
  const IN_CHANGCHUN = district('test:chaoyang-c', CHANGCHUN, CHANGCHUN.population);
  const all = gazetteerOf(BEIJING, CHANGCHUN, CHANGCHUN_AGAIN, IN_BEIJING, IN_CHANGCHUN);
  const resolved = (text: string, g = all, s = S) => resolvePlaceText(text, g, s);

  it('takes a district’s own extent as its radius, whatever its population', () => {
    expect(placeRadiusMeters({ population: 0, radiusMeters: 14_000.4 })).toBe(14_000);
    expect(placeRadiusMeters({ population: 18_000_000, radiusMeters: 7000 })).toBe(7000);
    const p = normalizePlace('朝阳区', { gazetteer: all }).place!;
    expect(p).toMatchObject({ accuracyMeters: 14_000, source: 'gazetteer' });
    expect(p.match).toMatchObject({ id: 'test:chaoyang-b', radiusMeters: 14_000 });
  });

  it('ranks namesake districts by their cities’ populations, one person deciding', () => {
    const pick = (beijing: number, changchun: number) =>
      resolved(
        '朝阳区',
        gazetteerOf(
          district('test:chaoyang-b', BEIJING, beijing),
          district('test:chaoyang-c', CHANGCHUN, changchun),
        ),
      )?.chosen.place.id;
    expect(pick(1_000_001, 1_000_000)).toBe('test:chaoyang-b');
    expect(pick(1_000_000, 1_000_001)).toBe('test:chaoyang-c');
  });

  it('flags a lone district name as ambiguous by its namesakes’ cities, at the configured share', () => {
    const flag = (changchun: number) =>
      resolved('朝阳区', gazetteerOf(IN_BEIJING, district('test:chaoyang-c', CHANGCHUN, changchun)))
        ?.ambiguous;
    const share = S.gazetteerAmbiguityRatio * BEIJING.population;
    expect(flag(share)).toBe(true);
    expect(flag(share - 1)).toBe(false);
  });

  it('takes the district of the city the text names, and does not call it ambiguous', () => {
    for (const text of ['长春朝阳区', '长春市朝阳区', 'Chaoyang District, Changchun']) {
      const r = resolved(text)!;
      expect(r.chosen.place.id, text).toBe('test:chaoyang-c');
      expect(r.ambiguous, text).toBe(false);
    }
    expect(resolved('北京朝阳区')!.chosen.place.id).toBe('test:chaoyang-b');
  });

  it('does not take the district’s own city, nor its namesake, as a smaller place inside it', () => {
    // The namesake (unknown population: a 3 km radius) lies inside the 14 km district.
    expect(resolved('长春朝阳区')!.chosen.place.id).toBe('test:chaoyang-c');
    // The city itself (a 16 km population disc) lies inside a district of 40 km.
    const wide = { ...IN_CHANGCHUN, radiusMeters: 40_000 };
    const g = gazetteerOf(BEIJING, CHANGCHUN, IN_BEIJING, wide);
    expect(resolved('长春朝阳区', g)!.chosen.place.id).toBe('test:chaoyang-c');
    // Another place named in the text and inside the district still refines it.
    const village = record({
      id: 'test:village',
      name: '红旗村',
      names: ['红旗村'],
      lat: CHANGCHUN.lat,
      lon: CHANGCHUN.lon,
    });
    const h = gazetteerOf(BEIJING, CHANGCHUN, IN_BEIJING, wide, village);
    expect(resolved('长春朝阳区红旗村', h)!.chosen.place.id).toBe('test:village');
  });

  describe('names that mean a district only beside its city’s name', () => {
    // Beijing's 朝阳区 also goes by 朝阳 and "Chaoyang", but only beside 北京 / Beijing; a
    // GeoNames city Chaoyang (Liaoning) holds those names outright.
    const LIAONING = city('Chaoyang', '朝阳', 41.57, 120.46, 300_000);
    const QUALIFIED = { ...IN_BEIJING, qualifiedNames: ['朝阳', 'Chaoyang'] };
    const g = gazetteerOf(BEIJING, CHANGCHUN, LIAONING, QUALIFIED, IN_CHANGCHUN);
    const chosen = (text: string, gz = g) => resolved(text, gz)?.chosen.place.id;

    it('takes the district when the city is named beside it, in Chinese or English', () => {
      for (const text of [
        '北京朝阳',
        '北京市朝阳',
        '在北京朝阳看到',
        'Chaoyang, Beijing',
        'near chaoyang in beijing',
      ]) {
        expect(chosen(text), text).toBe('test:chaoyang-b');
        expect(resolved(text, g)!.ambiguous, text).toBe(false);
      }
    });

    it('leaves the bare name to its outright holders without the city', () => {
      expect(chosen('朝阳')).toBe('test:chaoyang');
      expect(chosen('in Chaoyang')).toBe('test:chaoyang');
      // Changchun is not the district's city: its own 朝阳区 is named only in full.
      expect(chosen('长春朝阳')).toBe('test:changchun');
      // With no outright holder the bare name means nothing.
      expect(resolved('朝阳', gazetteerOf(BEIJING, QUALIFIED))).toBeNull();
    });

    it('takes the city by any of its namesakes’ hits, and a name nested in a bare one', () => {
      // 北京 also names a village: the hit still names the district's city.
      const village = record({ id: 'test:beijing-village', name: 'Beijing', names: ['北京'] });
      expect(chosen('北京朝阳', gazetteerOf(village, BEIJING, QUALIFIED))).toBe('test:chaoyang-b');
      // A bare name that means nothing here does not hide a place named inside it.
      const shijingshan = { ...QUALIFIED, id: 'test:sjs', qualifiedNames: ['石景山'] };
      const jingshan = record({
        id: 'test:jingshan',
        name: 'Jingshan',
        names: ['景山'],
        population: 100_000,
      });
      expect(chosen('石景山', gazetteerOf(shijingshan, jingshan))).toBe('test:jingshan');
    });

    it('does not read the bare name out of the city’s own name', () => {
      // 津南 in 天津南站 is part of 天津南, not 津南区.
      const jinnan = record({
        id: 'test:jinnan',
        name: 'Jinnan District',
        names: ['津南区'],
        qualifiedNames: ['津南'],
        ...north(BEIJING, 3000),
        featureCode: 'ADM3',
        radiusMeters: 9000,
        within: 'test:tianjin',
        cityPopulation: 13_000_000,
      });
      const tianjin = record({
        id: 'test:tianjin',
        name: 'Tianjin',
        names: ['天津'],
        ...north(BEIJING, 1000),
        population: 13_000_000,
      });
      const t = gazetteerOf(tianjin, jinnan);
      expect(chosen('天津南站', t)).toBe('test:tianjin');
      // Named again clear of it, 天津 does not make 津南 a word of its own.
      expect(chosen('天津南站到天津', t)).toBe('test:tianjin');
      expect(chosen('天津津南', t)).toBe('test:jinnan');
    });

    it('reports the alternatives it could mean, not the ones it cannot', () => {
      const p = normalizePlace('in Chaoyang', { gazetteer: g }).place!;
      expect(p.match).toMatchObject({ id: 'test:chaoyang', alternatives: 0 });
    });
  });

  it('ranks a district with no known city as a place of unknown population', () => {
    const orphan = record({
      id: 'test:orphan',
      name: 'Chaoyang District',
      names: ['朝阳区'],
      radiusMeters: 9000,
    });
    const g = gazetteerOf(orphan, IN_CHANGCHUN);
    expect(resolved('朝阳区', g)!.chosen.place.id).toBe('test:chaoyang-c');
  });
});
