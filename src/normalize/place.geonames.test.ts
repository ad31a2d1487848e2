/**
 * normalizePlace over the real GeoNames gazetteer (200,000 places): what the data
 * gives for real names. Left out of mutation runs (each run would reload the
 * gazetteer), see vitest.unit.config.ts; the rules are pinned in place.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from './gazetteer.js';
import { loadGeoNamesGazetteer } from './gazetteer-geonames.js';
import { distanceMeters, normalizePlace } from './place.js';

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

  describe('China’s districts', () => {
    const km = (a: { lat: number | null; lon: number | null }, b: { lat: number; lon: number }) =>
      distanceMeters({ lat: a.lat!, lon: a.lon! }, b) / 1000;
    const WUHOU = { lat: 30.63, lon: 104.04 }; // Chengdu's Wuhou district, around its government
    const CHANGCHUN = { lat: 43.88, lon: 125.32 };
    const BEIJING = { lat: 39.9, lon: 116.4 };

    it('resolves a district of Chengdu named in Chinese or English, with or without its city', () => {
      const ids = new Set<string>();
      for (const text of [
        '武侯区',
        '成都市武侯区',
        '成都武侯区',
        'Wuhou district, Chengdu',
        'in Wuhou',
      ]) {
        const { place: p, flags } = place(text);
        expect(p?.source, text).toBe('gazetteer');
        expect(km(p!, WUHOU), text).toBeLessThan(5);
        expect(p!.accuracyMeters, text).toBeGreaterThan(3000);
        expect(p!.accuracyMeters, text).toBeLessThan(10_000);
        expect(flags, text).toEqual([]);
        ids.add(p!.match!.id);
      }
      expect(ids.size).toBe(1);
    });

    it('resolves 锦江区 to Chengdu’s district, not Jinjiang in Jiangxi; "in Jinjiang" stays the city in Fujian', () => {
      expect(place('锦江区').place?.label).toBe('Jinjiang District, CN');
      expect(km(place('锦江区').place!, WUHOU)).toBeLessThan(15);
      expect(place('in Jinjiang').place?.lat).toBeCloseTo(24.8, 0);
    });

    it('takes the 朝阳区 of the city named, and Beijing’s when none is', () => {
      for (const [text, city] of [
        ['长春朝阳区', CHANGCHUN],
        ['Chaoyang District, Changchun', CHANGCHUN],
        ['北京市朝阳区', BEIJING],
        ['朝阳区', BEIJING],
      ] as const) {
        const { place: p, flags } = place(text);
        expect(p?.match?.name, text).toBe('Chaoyang District');
        expect(km(p!, city), text).toBeLessThan(30);
        expect(flags, text).toEqual([]);
      }
    });

    it('reads a district’s bare name beside its city: "Chaoyang, Beijing", 北京海淀, "Jinjiang, Chengdu"', () => {
      for (const [text, name, city] of [
        ['Chaoyang, Beijing', 'Chaoyang District', BEIJING],
        ['北京朝阳群众', 'Chaoyang District', BEIJING],
        ['北京海淀', 'Haidian District', BEIJING],
        ['Jinjiang, Chengdu', 'Jinjiang District', WUHOU],
        ['成都锦江', 'Jinjiang District', WUHOU],
      ] as const) {
        const { place: p } = place(text);
        expect(p?.match?.name, text).toBe(name);
        expect(km(p!, city), text).toBeLessThan(20);
      }
      // Without its city the bare name keeps its outright holders.
      expect(km(place('in Chaoyang').place!, BEIJING)).toBeGreaterThan(300);
    });

    it('holds Shanghai’s and Chongqing’s districts, a 新区 as a New Area', () => {
      expect(place('Pudong New Area').place?.label).toBe('Pudong New Area, CN');
      expect(place('浦东新区').place?.label).toBe('Pudong New Area, CN');
      expect(place('Minhang, Shanghai').place?.label).toBe('Minhang District, CN');
      expect(place('重庆渝中').place?.label).toBe('Yuzhong District, CN');
      expect(place('Binhai New Area').place?.label).toBe('Binhai New Area, CN');
    });

    it('names Hong Kong’s districts and Macau’s parishes in their official English', () => {
      for (const text of ['沙田区', 'Sha Tin District', 'Sha Tin, Hong Kong', '香港沙田']) {
        expect(place(text).place?.label, text).toBe('Sha Tin District, HK');
      }
      expect(place('Taipa, Macau').place?.label).toBe('Our Lady of Carmel Parish, MO');
    });

    it('reads 西安区域 as the area of Xi’an, not the 西安区 of Mudanjiang', () => {
      expect(place('西安区域内').place?.label).toBe('Xi’an, CN');
      expect(place('牡丹江西安区').place?.match?.name).toBe("Xi'an District");
    });
  });
});
