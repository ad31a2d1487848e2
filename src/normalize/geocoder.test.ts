import { describe, expect, it } from 'vitest';
import {
  applyGeocodeHit,
  createNominatimGeocoder,
  type FetchLike,
  GeocoderError,
  geocodeQuery,
} from './geocoder.js';
import { distanceMeters, type PlaceResult } from './place.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

/** A fake fetch that records requests and answers with a Nominatim jsonv2 body. */
function fakeFetch(body: unknown, status = 200) {
  const requests: { url: string; headers: Record<string, string>; signal?: AbortSignal }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, headers: init.headers, signal: init.signal });
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
  return { fetch, requests };
}

/** What Nominatim answers for the Bell Tower of Xi'an (shape of a real jsonv2 result). */
const BELL_TOWER = [
  {
    place_id: 1,
    lat: '34.2594',
    lon: '108.9469',
    display_name: '钟楼, 莲湖区, 西安市, 陕西省, 中国',
    boundingbox: ['34.2590', '34.2598', '108.9464', '108.9474'],
  },
];

describe('createNominatimGeocoder', () => {
  it('asks the search API and turns the bounding box into an accuracy', async () => {
    const { fetch, requests } = fakeFetch(BELL_TOWER);
    const geocoder = createNominatimGeocoder({
      baseUrl: 'http://geocoder.test/',
      fetch,
      userAgent: 'tipwire-test',
      language: 'zh,en',
    });
    const hit = await geocoder.geocode('西安钟楼');
    expect(hit).toMatchObject({
      lat: 34.2594,
      lon: 108.9469,
      label: '钟楼, 莲湖区, 西安市, 陕西省, 中国',
    });
    expect(hit!.accuracyMeters).toBeGreaterThan(40);
    expect(hit!.accuracyMeters).toBeLessThan(80);
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('西安钟楼');
    expect(url.searchParams.get('format')).toBe('jsonv2');
    expect(requests[0]!.headers).toMatchObject({
      'user-agent': 'tipwire-test',
      'accept-language': 'zh,en',
    });
  });

  it('answers null when nothing is found', async () => {
    const geocoder = createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: fakeFetch([]).fetch,
    });
    expect(await geocoder.geocode('nowhere at all')).toBeNull();
  });

  it('fails with a stable code on an HTTP error', async () => {
    const geocoder = createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: fakeFetch({}, 503).fetch,
    });
    await expect(geocoder.geocode('x')).rejects.toBeInstanceOf(GeocoderError);
  });
});

describe('geocodeQuery and applyGeocodeHit', () => {
  const town: PlaceResult = {
    place: {
      lat: 34.25833,
      lon: 108.92861,
      accuracyMeters: 24_722,
      text: '西安钟楼',
      source: 'gazetteer',
      label: 'Xi’an, CN',
    },
    flags: [],
  };

  it('asks only about places without a point that are coarser than the setting', () => {
    expect(geocodeQuery(town)).toBe('西安钟楼');
    expect(geocodeQuery({ place: { ...town.place!, accuracyMeters: 500 }, flags: [] })).toBeNull();
    expect(
      geocodeQuery({
        place: { ...town.place!, source: 'coordinates', accuracyMeters: 9000 },
        flags: [],
      }),
    ).toBeNull();
    expect(geocodeQuery({ place: null, flags: [] })).toBeNull();
  });

  it('asks about unresolved text', () => {
    const unresolved: PlaceResult = {
      place: { lat: null, lon: null, accuracyMeters: null, text: 'Chang’an Road 5' },
      flags: ['place.unresolved'],
    };
    expect(geocodeQuery(unresolved)).toBe('Chang’an Road 5');
    const merged = applyGeocodeHit(unresolved, {
      lat: 34.2,
      lon: 108.9,
      accuracyMeters: 30,
      label: 'x',
    });
    expect(merged.flags).toEqual([]);
    expect(merged.place).toMatchObject({ lat: 34.2, source: 'geocoder', accuracyMeters: 30 });
  });

  it('takes a street-level hit inside the town the gazetteer found', () => {
    const merged = applyGeocodeHit(town, {
      lat: 34.2594,
      lon: 108.9469,
      accuracyMeters: 50,
      label: '钟楼',
    });
    expect(merged.place).toMatchObject({ source: 'geocoder', accuracyMeters: 50, label: '钟楼' });
  });

  it('ignores a hit far outside that town', () => {
    expect(
      applyGeocodeHit(town, { lat: 39.9, lon: 116.4, accuracyMeters: 50, label: 'Beijing' }),
    ).toBe(town);
  });
});

describe('createNominatimGeocoder: the request', () => {
  const ask = async (options: Partial<Parameters<typeof createNominatimGeocoder>[0]> = {}) => {
    const fake = fakeFetch(BELL_TOWER);
    await createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: fake.fetch,
      ...options,
    }).geocode('西安钟楼');
    const [request] = fake.requests;
    return { url: new URL(request!.url), headers: request!.headers, signal: request!.signal };
  };

  it('asks for one jsonv2 result of the text', async () => {
    const { url } = await ask();
    expect(url.origin + url.pathname).toBe('http://geocoder.test/search');
    expect([...url.searchParams]).toEqual([
      ['q', '西安钟楼'],
      ['format', 'jsonv2'],
      ['limit', '1'],
    ]);
  });

  it('drops every trailing slash of the base URL', async () => {
    const { url } = await ask({ baseUrl: 'http://geocoder.test/nominatim//' });
    expect(url.pathname).toBe('/nominatim/search');
  });

  it('limits results to the configured countries, and only then', async () => {
    expect((await ask({ countryCodes: 'cn,hk' })).url.searchParams.get('countrycodes')).toBe(
      'cn,hk',
    );
    expect((await ask()).url.searchParams.has('countrycodes')).toBe(false);
  });

  it('identifies itself and asks for JSON, with a language only when one is configured', async () => {
    expect((await ask()).headers).toStrictEqual({
      'user-agent': 'tipwire (self-hosted tip line)',
      accept: 'application/json',
    });
    expect((await ask({ userAgent: 'ops@example.org', language: 'en' })).headers).toStrictEqual({
      'user-agent': 'ops@example.org',
      accept: 'application/json',
      'accept-language': 'en',
    });
  });

  it('gives the request a deadline', async () => {
    expect((await ask()).signal).toBeInstanceOf(AbortSignal);
  });
});

describe('createNominatimGeocoder: the answer', () => {
  const geocode = (body: unknown) =>
    createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: fakeFetch(body).fetch,
    }).geocode('西安钟楼');
  const result = (overrides: Record<string, unknown> = {}) => ({ ...BELL_TOWER[0], ...overrides });

  it('takes the first entry with string coordinates, skipping anything else', async () => {
    const hit = await geocode([
      null,
      'x',
      { lat: '34.1' },
      { lon: '108.1' },
      { lat: 34.1, lon: '108.1' },
      { lat: '34.1', lon: 108.1 },
      result(),
    ]);
    expect(hit).toMatchObject({ lat: 34.2594, lon: 108.9469 });
  });

  it('answers null for a body that is not a list', async () => {
    expect(await geocode(result())).toBeNull();
  });

  it('answers null when a coordinate is not a number', async () => {
    expect(await geocode([result({ lat: 'north' })])).toBeNull();
    expect(await geocode([result({ lon: 'east' })])).toBeNull();
  });

  it('takes half the diagonal of the bounding box as the accuracy', async () => {
    const hit = await geocode([result()]);
    const diagonal = distanceMeters(
      { lat: 34.259, lon: 108.9464 },
      { lat: 34.2598, lon: 108.9474 },
    );
    expect(hit?.accuracyMeters).toBe(Math.round(diagonal / 2));
  });

  it('takes no less than 5 m from a bounding box', async () => {
    const hit = await geocode([
      result({ boundingbox: ['34.2594', '34.2594', '108.9469', '108.9469'] }),
    ]);
    expect(hit?.accuracyMeters).toBe(5);
  });

  it('assumes 50 m without a usable bounding box', async () => {
    expect((await geocode([result({ boundingbox: undefined })]))?.accuracyMeters).toBe(50);
    expect(
      (await geocode([result({ boundingbox: ['34.2590', '34.2598', '108.9464'] })]))
        ?.accuracyMeters,
    ).toBe(50);
    expect(
      (await geocode([result({ boundingbox: ['34.2590', 'x', '108.9464', '108.9474'] })]))
        ?.accuracyMeters,
    ).toBe(50);
  });

  it('labels the hit with the display name, or the text asked', async () => {
    expect((await geocode([result({ display_name: undefined })]))?.label).toBe('西安钟楼');
  });

  it('fails with a stable code and the HTTP status', async () => {
    const geocoder = createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: fakeFetch({}, 503).fetch,
    });
    const error = await geocoder.geocode('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeocoderError);
    expect(error).toMatchObject({ code: 'geocoder.failed', message: 'geocoder answered HTTP 503' });
  });

  it('fails with a stable code when the geocoder cannot be reached', async () => {
    const geocoder = createNominatimGeocoder({
      baseUrl: 'http://geocoder.test',
      fetch: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const error = await geocoder.geocode('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeocoderError);
    expect(error).toMatchObject({
      code: 'geocoder.failed',
      message: 'geocoder unreachable: connect ECONNREFUSED',
    });
  });
});

describe('geocodeQuery: when to ask', () => {
  const place = (overrides: Partial<NonNullable<PlaceResult['place']>>): PlaceResult => ({
    place: {
      lat: 34.25833,
      lon: 108.92861,
      accuracyMeters: 24_722,
      text: '西安钟楼',
      source: 'gazetteer',
      ...overrides,
    },
    flags: [],
  });
  const limit = NORMALIZE_DEFAULTS.geocodeCoarserThanMeters;

  it('asks about a gazetteer place coarser than the setting, not one as fine or finer', () => {
    expect(geocodeQuery(place({ accuracyMeters: limit + 1 }))).toBe('西安钟楼');
    expect(geocodeQuery(place({ accuracyMeters: limit }))).toBeNull();
    expect(geocodeQuery(place({ accuracyMeters: limit - 1 }))).toBeNull();
    expect(geocodeQuery(place({ accuracyMeters: 900 }), { geocodeCoarserThanMeters: 500 })).toBe(
      '西安钟楼',
    );
  });

  it('asks about a place of unknown accuracy', () => {
    expect(geocodeQuery(place({ accuracyMeters: null }))).toBe('西安钟楼');
  });

  it('asks about unresolved text whatever accuracy was stated', () => {
    expect(geocodeQuery(place({ lat: null, lon: null, accuracyMeters: 10, source: null }))).toBe(
      '西安钟楼',
    );
  });

  it('never asks about a point that was given, or a place already geocoded', () => {
    for (const source of ['coordinates', 'text_coordinates', 'geocoder'] as const) {
      expect({ source, query: geocodeQuery(place({ source, accuracyMeters: 9000 })) }).toEqual({
        source,
        query: null,
      });
    }
  });

  it('never asks without text', () => {
    expect(geocodeQuery(place({ text: null }))).toBeNull();
    expect(geocodeQuery(place({ text: '' }))).toBeNull();
  });
});

describe('applyGeocodeHit: what to take', () => {
  const unresolved: PlaceResult = {
    place: { lat: null, lon: null, accuracyMeters: null, text: 'Chang’an Road 5' },
    flags: ['place.unresolved', 'place.ambiguous', 'time.zone_unknown'],
  };
  const hit = (lat: number, lon: number) => ({ lat, lon, accuracyMeters: 30, label: 'x' });

  it('takes a hit up to the poles and the antimeridian, not beyond', () => {
    expect(applyGeocodeHit(unresolved, hit(90, 180)).place?.source).toBe('geocoder');
    expect(applyGeocodeHit(unresolved, hit(-90, -180)).place?.source).toBe('geocoder');
    expect(applyGeocodeHit(unresolved, hit(90.0001, 0))).toBe(unresolved);
    expect(applyGeocodeHit(unresolved, hit(0, -180.0001))).toBe(unresolved);
  });

  it('keeps the result as it is without a hit or a place', () => {
    expect(applyGeocodeHit(unresolved, null)).toBe(unresolved);
    const none: PlaceResult = { place: null, flags: [] };
    expect(applyGeocodeHit(none, hit(34.2, 108.9))).toBe(none);
  });

  it('clears the unresolved and ambiguous flags, keeping the others', () => {
    expect(applyGeocodeHit(unresolved, hit(34.2, 108.9)).flags).toEqual(['time.zone_unknown']);
  });

  it('keeps the text and takes the hit’s point, accuracy and label', () => {
    expect(
      applyGeocodeHit(unresolved, { lat: 34.2, lon: 108.9, accuracyMeters: 30, label: 'Road' })
        .place,
    ).toEqual({
      lat: 34.2,
      lon: 108.9,
      accuracyMeters: 30,
      text: 'Chang’an Road 5',
      source: 'geocoder',
      label: 'Road',
    });
  });

  it('takes a hit within the tolerance factor × the town’s radius, not a metre beyond', () => {
    const town = { lat: 34.25833, lon: 108.92861 };
    const radius = 10_000;
    const result: PlaceResult = {
      place: { ...town, accuracyMeters: radius, text: '西安钟楼', source: 'gazetteer' },
      flags: [],
    };
    const limit = radius * NORMALIZE_DEFAULTS.placeTextToleranceFactor;
    const degree = distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 });
    const at = (meters: number) => hit(town.lat + meters / degree, town.lon);
    expect(applyGeocodeHit(result, at(limit - 1)).place?.source).toBe('geocoder');
    expect(applyGeocodeHit(result, at(limit + 1))).toBe(result);
  });

  it('takes a hit lying exactly at the limit', () => {
    const town = { lat: 34.25833, lon: 108.92861 };
    const at = hit(34.3, 108.95);
    // Radius × factor is then the distance itself (halving and doubling are exact).
    const radius = distanceMeters(town, at) / NORMALIZE_DEFAULTS.placeTextToleranceFactor;
    const result: PlaceResult = {
      place: { ...town, accuracyMeters: radius, text: '西安钟楼', source: 'gazetteer' },
      flags: [],
    };
    expect(applyGeocodeHit(result, at).place?.source).toBe('geocoder');
  });

  it('bounds a hit only by a town the gazetteer placed', () => {
    const far = hit(39.9, 116.4);
    const given: PlaceResult = {
      place: { lat: 34.26, lon: 108.94, accuracyMeters: 10, text: 'x', source: 'coordinates' },
      flags: [],
    };
    expect(applyGeocodeHit(given, far).place?.lat).toBe(39.9);
    // A gazetteer place without both coordinates (not one place.ts makes) bounds nothing either.
    for (const point of [
      { lat: null, lon: null },
      { lat: 34.26, lon: null },
      { lat: null, lon: 108.94 },
    ]) {
      const unplaced: PlaceResult = {
        place: { ...point, accuracyMeters: 5000, text: 'x', source: 'gazetteer' },
        flags: [],
      };
      expect(applyGeocodeHit(unplaced, far).place?.lat).toBe(39.9);
    }
  });
});
