import { describe, expect, it } from 'vitest';
import {
  applyGeocodeHit,
  createNominatimGeocoder,
  type FetchLike,
  GeocoderError,
  geocodeQuery,
} from './geocoder.js';
import type { PlaceResult } from './place.js';

/** A fake fetch that records requests and answers with a Nominatim jsonv2 body. */
function fakeFetch(body: unknown, status = 200) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, headers: init.headers });
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
