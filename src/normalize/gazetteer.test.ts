import { describe, expect, it } from 'vitest';
import { createGazetteer, type GazetteerRecord, type NameHit, normalizeName } from './gazetteer.js';

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

/** Whether a gazetteer of one place with this one name finds it under `key`. */
const indexes = (name: string, key = normalizeName(name)) =>
  createGazetteer([record({ name: 'Place', names: [name] })]).lookup(key).length === 1;

/** The parts of a hit a rule is about. */
const brief = (h: NameHit) => ({
  key: h.key,
  script: h.script,
  start: h.start,
  end: h.end,
  capitalized: h.capitalized,
  whole: h.whole,
  stopword: h.stopword,
});

describe('normalizeName', () => {
  it('lower-cases ASCII names and drops apostrophes and backticks', () => {
    expect(normalizeName("XI'AN")).toBe('xian');
    expect(normalizeName('Xi`an')).toBe('xian');
    expect(normalizeName('AZ az')).toBe('az az');
    expect(normalizeName('Zug')).toBe('zug');
  });

  it('keeps ASCII digits and turns every other ASCII character into one blank between words', () => {
    expect(normalizeName('Route 09')).toBe('route 09');
    expect(normalizeName('a@b[c{d/e:f')).toBe('a b c d e f');
    expect(normalizeName('Saint -- Denis')).toBe('saint denis');
  });

  it('puts no blank before the first word or after the last', () => {
    expect(normalizeName('  (Xi an)  ')).toBe('xi an');
    expect(normalizeName('--Zug')).toBe('zug');
  });

  it('removes accents and reads full-width letters in other names', () => {
    expect(normalizeName('Sant Julià de Lòria')).toBe('sant julia de loria');
    expect(normalizeName('Xi’an')).toBe('xian');
    expect(normalizeName('ＸＩ’ＡＮ')).toBe('xian');
    expect(normalizeName('Sa\u0303o Paulo')).toBe('sao paulo'); // already decomposed
    expect(normalizeName('Ærøskøbing')).toBe('ærøskøbing'); // letters, not accents
  });

  it('turns runs of other characters into one blank, keeping digits of any script', () => {
    expect(normalizeName(' São -- Paulo! ')).toBe('sao paulo');
    expect(normalizeName('Köln ٣')).toBe('koln ٣');
  });
});

describe('createGazetteer: which names are indexed', () => {
  it('indexes Latin names of three letters or more', () => {
    expect(indexes('Abc')).toBe(true);
    expect(indexes('A.b.c')).toBe(true);
    expect(indexes('Ab')).toBe(false);
    expect(indexes('Ab.')).toBe(false);
    expect(indexes('Ñus')).toBe(true);
    expect(indexes('Ñu')).toBe(false);
    expect(indexes('Ñ.u')).toBe(false); // two letters, whatever lies between them
  });

  it('counts ASCII letters up to the edges of A–Z and a–z', () => {
    expect(indexes('Zz z')).toBe(true);
    expect(indexes('Aa a')).toBe(true);
    expect(indexes('Zz@[')).toBe(false); // @ and [ lie just outside A–Z
  });

  it('does not index codes of two to four capitals', () => {
    expect(indexes('BJ', 'bj')).toBe(false);
    expect(indexes('SIA')).toBe(false);
    expect(indexes('ABCD')).toBe(false);
    expect(indexes('ABCDE')).toBe(true);
    expect(indexes('Washington DC')).toBe(true);
    expect(indexes('DC Ranch')).toBe(true);
  });

  it('does not index names with digits or web addresses', () => {
    expect(indexes('Route 66', 'route')).toBe(false);
    expect(indexes('http://example.org')).toBe(false);
    expect(indexes('https://example.org')).toBe(false);
  });

  it('keys an ASCII name by its words, lower case, one blank apart, whatever its blanks', () => {
    expect(indexes('New York', 'new york')).toBe(true);
    expect(indexes(' New York', 'new york')).toBe(true);
    expect(indexes('New York ', 'new york')).toBe(true);
    expect(indexes('New  York', 'new york')).toBe(true);
    expect(indexes('New-York', 'new york')).toBe(true);
    expect(indexes(' Abc', 'abc')).toBe(true);
    expect(indexes('Abc ', 'abc')).toBe(true);
    expect(indexes("O'Brien", 'obrien')).toBe(true);
    expect(indexes('ABC d', 'abc d')).toBe(true); // capitals and more: not a code
  });

  it('refuses ASCII digits 0 to 9 and web addresses anywhere, not the characters beside them', () => {
    expect(indexes('Abc0')).toBe(false);
    expect(indexes('Abc9')).toBe(false);
    expect(indexes('Abc/')).toBe(true); // U+002F, just below 0
    expect(indexes('Abc:')).toBe(true); // U+003A, just above 9
    expect(indexes('Xhttp:y')).toBe(false);
    expect(indexes('Xhttps:y')).toBe(false);
    expect(indexes('Xhttp y')).toBe(true);
  });

  it('indexes an ASCII name whatever its punctuation, up to U+007F', () => {
    expect(indexes('Washington, D.C.')).toBe(true);
    expect(indexes('Zug\u007f')).toBe(true);
  });

  it('indexes another name only when made of Latin letters, marks, blanks, dashes and dots', () => {
    expect(indexes('Saint-Étienne')).toBe(true);
    expect(indexes('Lauterbrunnen–Mürren')).toBe(true); // en dash
    expect(indexes('São\u00a0Paulo')).toBe(true); // no-break space
    expect(indexes('Sa\u0303o Paulo')).toBe(true); // a combining tilde
    expect(indexes('St. Moritz (Engadin) Zürich')).toBe(true);
    expect(indexes('Zürich, ZH')).toBe(false);
    expect(indexes('Zug\u0080')).toBe(false);
    expect(indexes('Москва')).toBe(false);
    expect(indexes('Москва Zürich', 'zurich')).toBe(false);
    expect(indexes('Zürich Москва', 'zurich')).toBe(false);
  });

  it('indexes Chinese names of two characters or more, without middle dots', () => {
    expect(indexes('西安', '西安')).toBe(true);
    expect(indexes('西', '西')).toBe(false);
    expect(indexes('x西安', 'x西安')).toBe(false);
    expect(indexes('西安x', '西安x')).toBe(false);
    expect(indexes('阿·布', '阿布')).toBe(true);
    expect(indexes('阿・布', '阿布')).toBe(true);
  });

  it('lists its places in the order read, with the first name of Han characters only', () => {
    const g = createGazetteer([
      record({ name: 'Zug', names: ['Zug', '楚', 'x楚格', 'ア楚格', '楚格x', '楚格', '楚格州'] }),
      record({ name: 'Radicals', names: ['Radicals', '⺀⺁'] }), // U+2E80, where Han starts
      record({ name: 'Baar' }),
    ]);
    expect(g.places().map((p) => p.name)).toEqual(['Zug', 'Radicals', 'Baar']);
    expect(g.places().map((p) => g.chineseName(p))).toEqual(['楚格', '⺀⺁', null]);
  });

  it('counts the places it holds and the distinct names', () => {
    const g = createGazetteer([
      record({ name: 'Xi’an', names: ['Xi’an', "Xi'an", 'Xian', 'XIAN', '西安'] }),
      record({ name: 'Zug', names: ['Zug', 'SIA'] }),
      record({ name: 'Baar' }),
    ]);
    expect(g.size).toBe(3);
    expect(g.names).toBe(4); // xian, 西安, zug, baar
  });

  it('lists a place once under a key however many of its names lead there', () => {
    const g = createGazetteer([
      record({ name: 'Xi’an', names: ['Xi’an', "Xi'an", 'Xian', 'XIAN'] }),
    ]);
    expect(g.lookup('xian')).toHaveLength(1);
  });

  it('lists every place of a shared name, in the order given', () => {
    const g = createGazetteer([
      record({ id: 'a', name: 'Springfield' }),
      record({ id: 'b', name: 'Springfield' }),
      record({ id: 'c', name: 'Springfield' }),
    ]);
    expect(g.lookup('Springfield').map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(g.lookup('nowhere')).toEqual([]);
  });

  it('keeps the place fields and not the names', () => {
    const g = createGazetteer([
      record({
        id: 'geonames:1',
        name: 'Zug',
        country: 'CH',
        lat: 47.17,
        lon: 8.52,
        population: 30_000,
        featureCode: 'PPLA',
      }),
    ]);
    // Strictly: no field of a district (radiusMeters, within…) even as undefined.
    expect(g.lookup('zug')).toStrictEqual([
      {
        id: 'geonames:1',
        name: 'Zug',
        country: 'CH',
        lat: 47.17,
        lon: 8.52,
        population: 30_000,
        featureCode: 'PPLA',
      },
    ]);
  });

  it('looks names up as they are normalized: Chinese by NFKC, others by normalizeName', () => {
    const g = createGazetteer([record({ name: 'Xi’an', names: ['Xi’an', '西安'] })]);
    expect(g.lookup('XI’AN')).toHaveLength(1);
    expect(g.lookup('西安')).toHaveLength(1);
    expect(g.lookup('xi an')).toEqual([]);
  });

  it('looks a Chinese name up as it was indexed, without middle dots', () => {
    const g = createGazetteer([record({ name: 'Abu', names: ['阿·布'] })]);
    expect(g.lookup('阿·布')).toHaveLength(1);
    expect(g.lookup('阿布')).toHaveLength(1);
  });
});

describe('findNames', () => {
  // Built in each test (not when the file loads), so that a broken index fails tests.
  const gazetteer = () =>
    createGazetteer([
      record({ name: 'Xi’an', names: ['Xi’an', 'Xian', '西安', '西安市'] }),
      record({ name: 'Beijing', names: ['Beijing', '北京'] }),
      record({ name: 'New York', names: ['New York'] }),
      record({ name: 'York' }),
      record({ name: 'Sun City West' }),
      record({ name: 'North Gate' }),
      record({ name: 'Santa Cruz de la Sierra' }),
      record({ name: 'Saint Germain en Laye sur Seine' }),
      record({ name: 'Shiqiao', names: ['市桥'] }),
      record({ name: 'Beimen', names: ['北门'] }),
      record({ name: 'Haixi', names: ['海西蒙古族藏族自治州'] }),
      record({ name: 'Kizilsu', names: ['克孜勒苏柯尔克孜自治州'] }),
    ]);
  const find = (text: string) => gazetteer().findNames(text).map(brief);

  it('finds every name of one to five consecutive words, nested ones included', () => {
    expect(find('Times Square, New York')).toEqual([
      {
        key: 'new york',
        script: 'latin',
        start: 2,
        end: 4,
        capitalized: true,
        whole: false,
        stopword: false,
      },
      {
        key: 'york',
        script: 'latin',
        start: 3,
        end: 4,
        capitalized: true,
        whole: false,
        stopword: false,
      },
    ]);
    expect(find('to Santa Cruz de la Sierra')).toMatchObject([
      { key: 'santa cruz de la sierra', start: 1, end: 6 },
    ]);
    expect(find('Saint Germain en Laye sur Seine')).toEqual([]);
  });

  it('marks a Latin name capitalized only when every word of it starts with a capital', () => {
    expect(find("visited Xi'an")).toMatchObject([{ key: 'xian', capitalized: true }]);
    expect(find('visited xian')).toMatchObject([{ key: 'xian', capitalized: false }]);
    expect(find('xiAn')).toMatchObject([{ key: 'xian', capitalized: false }]);
    expect(find('New york')).toMatchObject([
      { key: 'new york', capitalized: false },
      { key: 'york', capitalized: false },
    ]);
  });

  it('marks a name the whole text, after a generic word such as "city"', () => {
    expect(find("Xi'an")).toMatchObject([{ key: 'xian', whole: true }]);
    expect(find("Xi'an City")).toMatchObject([{ key: 'xian', whole: true }]);
    expect(find("Xi'an Bell Tower")).toMatchObject([{ key: 'xian', whole: false }]);
    expect(find('Sun City West')).toMatchObject([{ key: 'sun city west', whole: true }]);
  });

  it('marks a name made only of ordinary words as a stopword', () => {
    expect(find('North Gate')).toMatchObject([{ key: 'north gate', stopword: true }]);
    expect(find('York')).toMatchObject([{ key: 'york', stopword: false }]);
    expect(find('New York')).toMatchObject([{ key: 'new york', stopword: false }, { key: 'york' }]);
    expect(find('北门')).toMatchObject([{ key: '北门', stopword: true }]);
  });

  it('reads words across stray apostrophes', () => {
    expect(find("New ' York")).toMatchObject([
      { key: 'new york', start: 0, end: 2 },
      { key: 'york' },
    ]);
  });

  it('finds Chinese names inside a longer Chinese text, up to ten characters', () => {
    expect(find('西安市雁塔区')).toEqual([
      {
        key: '西安',
        script: 'han',
        start: 0,
        end: 2,
        capitalized: false,
        whole: false,
        stopword: false,
      },
      {
        key: '西安市',
        script: 'han',
        start: 0,
        end: 3,
        capitalized: false,
        whole: false,
        stopword: false,
      },
    ]);
    expect(find('去西安')).toMatchObject([{ key: '西安', start: 1, end: 3 }]);
    expect(find('海西蒙古族藏族自治州')).toMatchObject([
      { key: '海西蒙古族藏族自治州', start: 0, end: 10 },
    ]);
    expect(find('克孜勒苏柯尔克孜自治州')).toEqual([]);
  });

  it('counts positions on after the Latin words, one more between runs of Chinese', () => {
    expect(find('西安，北京')).toMatchObject([
      { key: '西安', start: 0, end: 2 },
      { key: '北京', start: 3, end: 5 },
    ]);
    expect(find('Go 西安')).toMatchObject([{ key: '西安', start: 1, end: 3 }]);
  });

  it('marks a Chinese name the whole text, after a generic 市/县/区/镇/乡/村', () => {
    expect(find('  西安市 ')).toMatchObject([
      { key: '西安', whole: true },
      { key: '西安市', whole: true },
    ]);
    expect(find('市桥镇')).toMatchObject([{ key: '市桥', whole: true }]);
    expect(find('市桥')).toMatchObject([{ key: '市桥', whole: true }]);
  });

  it('does not read a district name ending in 区 out of 区域 ("the area of")', () => {
    const g = createGazetteer([
      record({ id: 'test:xian', name: 'Xi’an', names: ['西安'] }),
      record({ id: 'test:xian-district', name: 'Xi’an District', names: ['西安区'] }),
      record({ id: 'test:fushan', name: 'Fushan', names: ['福山区'] }),
    ]);
    const keys = (text: string) => g.findNames(text).map((h) => h.key);
    expect(keys('西安区域内')).toEqual(['西安']);
    expect(keys('西安区内')).toEqual(['西安', '西安区']);
    expect(keys('福山区域')).toEqual([]);
    expect(keys('福山区')).toEqual(['福山区']);
    // Only a name ending in 区: 域 after another name changes nothing.
    expect(keys('西安域')).toEqual(['西安']);
  });

  it('keeps a district’s stated extent and its city with the place', () => {
    const fields = {
      id: 'cn-district:510107',
      name: 'Wuhou District',
      country: 'CN',
      lat: 30.6,
      lon: 104.03,
      population: 0,
      featureCode: 'ADM3',
      radiusMeters: 8210,
      within: 'geonames:1815286',
      cityPopulation: 13_568_357,
    };
    const g = createGazetteer([{ ...fields, names: ['武侯区'] }]);
    expect(g.lookup('武侯区')).toEqual([fields]);
  });

  it('indexes the names meant only beside a city, and marks them so', () => {
    const g = createGazetteer([
      {
        id: 'cn-district:110105',
        name: 'Chaoyang District',
        country: 'CN',
        lat: 39.95,
        lon: 116.52,
        population: 0,
        featureCode: 'ADM3',
        names: ['朝阳区', 'Chaoyang District', 'Chao Yang'],
        // "Chao-Yang" keys as a name it already has outright; 1234 keys as nothing.
        qualifiedNames: ['朝阳', 'Chaoyang', 'Chao-Yang', '1234'],
      },
    ]);
    const [place] = g.lookup('朝阳区');
    expect(place!.qualifiedKeys).toEqual(['朝阳', 'chaoyang']);
    expect(g.lookup('朝阳')).toEqual([place]);
    expect(g.lookup('Chaoyang')).toEqual([place]);
    expect(g.names).toBe(5);
    const plain = createGazetteer([{ ...place!, names: ['Chaoyang'], qualifiedNames: [] }]);
    expect(plain.lookup('Chaoyang')[0]).not.toHaveProperty('qualifiedKeys');
  });

  it('returns the places of each name', () => {
    const [hit] = gazetteer().findNames('北京');
    expect(hit?.places.map((p) => p.name)).toEqual(['Beijing']);
  });
});
