import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultDistrictsFile,
  DISTRICT_FEATURE_CODE,
  readDistricts,
} from './gazetteer-districts.js';
import { withAreas } from './gazetteer-geonames.js';
import type { GazetteerRecord } from './gazetteer.js';

const LINE = [
  '510107',
  '武侯区',
  'Wuhou District|Wuhou',
  '30.60519',
  '104.02634',
  '8210',
  'geonames:1815286',
  'CN',
];
const row = (...fields: string[]) => fields.join('\t');

describe('readDistricts', () => {
  it('reads a row as a place with its stated radius, its city and every name', () => {
    expect([...readDistricts(`${row(...LINE)}\n`)]).toEqual([
      {
        id: 'cn-district:510107',
        name: 'Wuhou District',
        country: 'CN',
        lat: 30.60519,
        lon: 104.02634,
        population: 0,
        featureCode: 'ADM3',
        radiusMeters: 8210,
        within: 'geonames:1815286',
        names: ['武侯区', 'Wuhou District', 'Wuhou'],
      },
    ]);
  });

  it('leaves out notes, blank lines, short rows and rows without a place or a radius', () => {
    const bad = (i: number, value: string) => row(...LINE.map((f, j) => (j === i ? value : f)));
    const text = [
      `#${row(...LINE)}`,
      '',
      row(...LINE.slice(0, 7)),
      bad(3, 'north'),
      bad(4, ''),
      bad(4, ' '),
      bad(5, '0'),
      bad(5, '-5'),
      bad(5, 'wide'),
      bad(5, '1'),
    ].join('\n');
    expect([...readDistricts(text)].map((r) => r.radiusMeters)).toEqual([1]);
  });

  it('reads the names meant only beside the city, when the row has them', () => {
    const [r] = [...readDistricts(row(...LINE, '武侯|Wuhou'))];
    expect(r!.qualifiedNames).toEqual(['武侯', 'Wuhou']);
    for (const last of ['', ' ']) {
      const [bare] = [...readDistricts(row(...LINE, last))];
      expect(bare).not.toHaveProperty('qualifiedNames');
    }
  });

  it('names a district without an adcode by its point', () => {
    const [r] = [...readDistricts(row('', ...LINE.slice(1)))];
    expect(r!.id).toBe('cn-district:30.60519,104.02634');
  });

  it('gives a district whose city is unknown no city', () => {
    const [r] = [...readDistricts(row(...LINE.slice(0, 6), '', 'CN'))];
    expect(r).not.toHaveProperty('within');
  });

  it('reads the shipped table: China’s county-level divisions, nearly all with their city', () => {
    const all = [...readDistricts(readFileSync(defaultDistrictsFile(), 'utf8'))];
    expect(all.length).toBeGreaterThan(2900);
    const wuhou = all.find((r) => r.names[0] === '武侯区')!;
    expect(wuhou.within).toBe('geonames:1815286'); // Chengdu
    // Some rural counties (Qinghai, Tibet, Hainan) hold no GeoNames place of known population.
    expect(all.filter((r) => r.within === undefined).length).toBeLessThan(all.length / 10);
    const beijing = all.filter((r) => r.id.startsWith('cn-district:1101'));
    expect(beijing.length).toBe(16);
    expect(beijing.every((r) => r.within === 'geonames:1816670')).toBe(true);
    // Shanghai's and Chongqing's maps are in ECharts' compressed form: read too.
    const pudong = all.find((r) => r.names[0] === '浦东新区')!;
    expect(pudong.name).toBe('Pudong New Area');
    expect(pudong.within).toBe('geonames:1796236'); // Shanghai
    expect(pudong.lat).toBeCloseTo(31.1, 1);
    expect(pudong.lon).toBeCloseTo(121.7, 0);
    expect(all.filter((r) => r.id.startsWith('cn-district:50')).length).toBeGreaterThan(30);
    // Hong Kong's and Macau's by their official English, not pinyin ("Shatian").
    const shatin = all.find((r) => r.names[0] === '沙田区')!;
    expect([shatin.name, shatin.country]).toEqual(['Sha Tin District', 'HK']);
    expect(all.find((r) => r.names[0] === '大堂区')!.name).toBe('Cathedral Parish');
    // Each id names one division.
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    // Beijing's 朝阳区 is "Chaoyang" and 朝阳 only beside Beijing's name.
    const chaoyang = beijing.find((r) => r.names[0] === '朝阳区')!;
    expect(chaoyang.qualifiedNames).toEqual(['朝阳', 'Chaoyang']);
    // Generic names that every town has are not in it.
    expect(all.some((r) => ['城区', '郊区', '老城区', '新城区'].includes(r.names[0]!))).toBe(false);
  });
});

describe('withAreas', () => {
  const place = (id: string, population: number): GazetteerRecord => ({
    id,
    name: id,
    country: 'CN',
    lat: 0,
    lon: 0,
    population,
    featureCode: 'PPLA',
    names: [id],
  });
  const area = (id: string, within?: string): GazetteerRecord => ({
    ...place(id, 0),
    featureCode: DISTRICT_FEATURE_CODE,
    radiusMeters: 5000,
    ...(within === undefined ? {} : { within }),
  });

  it('yields the places, then the areas with the population of the city each lies in', () => {
    const out = [
      ...withAreas(
        [place('a', 10), place('b', 20)],
        [area('x', 'b'), area('y', 'gone'), area('z')],
      ),
    ];
    expect(out.map((r) => [r.id, r.cityPopulation])).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['x', 20],
      ['y', 0],
      ['z', undefined],
    ]);
  });
});
