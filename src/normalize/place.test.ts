import { describe, expect, it } from 'vitest';
import { createGazetteer, type GazetteerRecord, normalizeName } from './gazetteer.js';
import { normalizePlace, placeRadiusMeters } from './place.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

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

describe('normalizePlace without a gazetteer', () => {
  it('keeps a point with its stated accuracy', () => {
    expect(normalizePlace({ lat: 34.261, lon: 108.942, accuracyMeters: 50 }).place).toMatchObject({
      lat: 34.261,
      lon: 108.942,
      accuracyMeters: 50,
      source: 'coordinates',
      text: null,
    });
  });

  it('derives accuracy from the digits when none is stated', () => {
    expect(normalizePlace({ lat: 34.261, lon: 108.942 }).place?.accuracyMeters).toBe(78.7);
  });

  it('reads degrees-minutes-seconds in the lat and lon fields', () => {
    const { place, flags } = normalizePlace({ lat: `34°15'39.6"N`, lon: `108°56'31.2"E` });
    expect(flags).toEqual([]);
    expect(place).toMatchObject({ lat: 34.261, lon: 108.942, accuracyMeters: 2.2 });
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

  it('reads a plain string of coordinates', () => {
    expect(normalizePlace('N34 15.66 E108 56.52').place).toMatchObject({
      lat: 34.261,
      lon: 108.942,
      source: 'text_coordinates',
    });
  });

  it('flags (0, 0) and does not use it as a point', () => {
    expect(normalizePlace({ lat: 0, lon: 0 })).toEqual({
      place: null,
      flags: ['place.null_island'],
    });
  });

  it('flags out-of-range coordinates but keeps the text', () => {
    const r = normalizePlace({ lat: 108.9, lon: 34.2, text: 'north gate' });
    expect(r.flags).toEqual(['place.out_of_range', 'place.unresolved']);
    expect(r.place).toMatchObject({ lat: null, lon: null, text: 'north gate' });
  });

  it('flags coordinates it cannot read', () => {
    expect(normalizePlace({ lat: 'north-ish', lon: '108' }).flags).toEqual(['place.unparsed']);
  });

  it('marks text as unresolved when no gazetteer is configured', () => {
    expect(normalizePlace({ text: 'Xi’an' }).flags).toEqual(['place.unresolved']);
  });
});

describe('gazetteer index', () => {
  const small = createGazetteer([
    record({
      name: 'Xi’an',
      names: ['Xi’an', "Xi'an", 'Xian', '西安', '西安市'],
      lat: 34.258,
      lon: 108.929,
      population: 9_600_000,
      featureCode: 'PPLA',
    }),
    record({ name: 'Xi’an Zhen', names: ['Xi’an', '西安', '西安镇'], lat: 28.47, lon: 111.05 }),
    record({
      name: 'North Gate',
      names: ['North Gate'],
      country: 'US',
      lat: 37.9,
      lon: -122,
      population: 679,
    }),
  ]);

  it('normalizes names: case, accents and apostrophes do not matter', () => {
    expect(normalizeName('Xi’an')).toBe('xian');
    expect(normalizeName("XI'AN")).toBe('xian');
    expect(normalizeName('Sant Julià de Lòria')).toBe('sant julia de loria');
    expect(small.lookup('xi an')).toEqual([]);
    expect(small.lookup('XIAN').map((p) => p.name)).toEqual(['Xi’an', 'Xi’an Zhen']);
  });

  it('finds Chinese names inside a longer Chinese text', () => {
    expect(small.findNames('西安市雁塔区').map((h) => h.key)).toEqual(['西安', '西安市']);
  });

  it('prefers the most populous place of a name, and an ordinary phrase resolves to nothing', () => {
    expect(normalizePlace({ text: 'xian' }, { gazetteer: small }).place?.label).toBe('Xi’an, CN');
    expect(normalizePlace({ text: 'near the north gate' }, { gazetteer: small }).flags).toEqual([
      'place.unresolved',
    ]);
  });

  it('gives a match a radius from its population', () => {
    expect(placeRadiusMeters({ population: 9_600_000 })).toBe(24_722);
    expect(placeRadiusMeters({ population: 1000 })).toBe(
      NORMALIZE_DEFAULTS.gazetteerMinRadiusMeters,
    );
    expect(placeRadiusMeters({ population: 0 })).toBe(
      NORMALIZE_DEFAULTS.gazetteerUnknownRadiusMeters,
    );
    expect(placeRadiusMeters({ population: 1e9 })).toBe(
      NORMALIZE_DEFAULTS.gazetteerMaxRadiusMeters,
    );
  });
});
