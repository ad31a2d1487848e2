/**
 * normalizePlace over the real GeoNames gazetteer (200,000 places): what the data
 * gives for real names. Left out of mutation runs (each run would reload the
 * gazetteer), see vitest.unit.config.ts; the rules are pinned in place.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from './gazetteer.js';
import { loadGeoNamesGazetteer } from './gazetteer-geonames.js';
import { normalizePlace } from './place.js';

describe('normalizePlace with the GeoNames gazetteer', () => {
  let gazetteer: Gazetteer;
  beforeAll(() => {
    gazetteer = loadGeoNamesGazetteer();
  });
  const place = (location: Parameters<typeof normalizePlace>[0]) =>
    normalizePlace(location, { gazetteer });

  it('loads about 200,000 places', () => {
    expect(gazetteer.size).toBeGreaterThan(190_000);
  });

  it('resolves 西安 and Xi’an to the same city, with a city-sized radius', () => {
    const zh = place('西安').place;
    const en = place({ text: "Xi'an" }).place;
    expect(zh).toMatchObject({ source: 'gazetteer', label: 'Xi’an, CN' });
    expect(en?.match?.id).toBe(zh?.match?.id);
    expect(zh?.lat).toBeCloseTo(34.26, 1);
    expect(zh?.lon).toBeCloseTo(108.93, 1);
    expect(zh?.accuracyMeters).toBeGreaterThan(10_000);
  });

  it('resolves 北京 and Beijing to the capital', () => {
    expect(place('北京').place?.match).toMatchObject({ name: 'Beijing', country: 'CN' });
    expect(place('Beijing').place?.match).toMatchObject({ name: 'Beijing', country: 'CN' });
  });

  it('takes a district named inside the city as more precise than the city', () => {
    const city = place('北京').place!;
    const district = place('北京市朝阳区').place!;
    expect(district.accuracyMeters!).toBeLessThan(city.accuracyMeters!);
  });

  it('reads "New York" as the city, not York', () => {
    expect(place('Times Square, New York').place?.match?.name).toBe('New York City');
  });

  it('flags a name shared by several places of similar size', () => {
    expect(place('Springfield').flags).toEqual(['place.ambiguous']);
  });

  it('corrects latitude and longitude swapped against the stated place', () => {
    const { place: p, flags } = place({ lat: 108.94, lon: 34.26, text: "Xi'an" });
    expect(flags).toEqual(['place.swapped']);
    expect(p).toMatchObject({ lat: 34.26, lon: 108.94, stated: { lat: 108.94, lon: 34.26 } });
  });

  it('corrects a swap that is in range both ways (Melbourne)', () => {
    const { place: p, flags } = place({ lat: 144.96, lon: -37.81, text: 'Melbourne' });
    expect(flags).toEqual(['place.swapped']);
    expect(p).toMatchObject({ lat: -37.81, lon: 144.96 });
  });

  it('does not swap a point that agrees with the text', () => {
    const { place: p, flags } = place({ lat: 34.26, lon: 108.94, text: "Xi'an" });
    expect(flags).toEqual([]);
    expect(p).toMatchObject({ lat: 34.26, source: 'coordinates', label: 'Xi’an, CN' });
  });

  it('flags a point far from the named place and keeps the point', () => {
    const { place: p, flags } = place({ lat: 34.26, lon: 108.94, text: 'Beijing' });
    expect(flags).toEqual(['place.text_mismatch']);
    expect(p?.lat).toBe(34.26);
    expect(p?.distanceToTextMeters).toBeGreaterThan(900_000);
  });

  it('falls back to the named place when the point is null island', () => {
    const { place: p, flags } = place({ lat: 0, lon: 0, text: '西安' });
    expect(flags).toEqual(['place.null_island']);
    expect(p).toMatchObject({ source: 'gazetteer', label: 'Xi’an, CN' });
  });

  it('uses coordinates written in the text and checks them against the rest', () => {
    const { place: p } = place("north gate of Xi'an, 34.2610 108.9420");
    expect(p).toMatchObject({ source: 'text_coordinates', lat: 34.261, label: 'Xi’an, CN' });
  });
});
