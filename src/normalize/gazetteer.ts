/**
 * An offline gazetteer: place names (Latin and Chinese script) → populated places,
 * indexed once at load time in a hash map so that a lookup is a few map reads.
 * Pure over the records it is given; the GeoNames file is read by
 * gazetteer-geonames.ts. Choosing among the places a text names is place.ts's job.
 */
import { PLACE_STOPWORDS } from './data/place-stopwords.js';

export interface GazetteerPlace {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  /** 0 when unknown (GeoNames leaves many villages at 0). */
  population: number;
  /** GeoNames feature code: PPLC capital, PPLA seat of a first-order division, PPLX section… */
  featureCode: string;
  /**
   * An area's own extent (metres, 95 % of it within this of the point), when its source
   * states one: China's districts (gazetteer-districts.ts). Otherwise its population says.
   */
  radiusMeters?: number;
  /** The id of the city an area lies in (a district's), to tell namesakes apart by it. */
  within?: string;
  /** That city's population: how a district ranks among its namesakes ("朝阳区"). */
  cityPopulation?: number;
  /**
   * Keys it is indexed under that name it only beside its city's name (`within`): "Chaoyang"
   * and 朝阳 are Beijing's 朝阳区 in "Chaoyang, Beijing" and 北京朝阳, a namesake otherwise.
   */
  qualifiedKeys?: readonly string[];
}

export interface GazetteerRecord extends Omit<GazetteerPlace, 'qualifiedKeys'> {
  /** Every name the place goes by (name, ASCII name, alternate names). */
  names: readonly string[];
  /** Names that mean it only beside its city's name (a district's bare name: 朝阳, Chaoyang). */
  qualifiedNames?: readonly string[];
}

/** A name found in free text. */
export interface NameHit {
  /** The normalized name (`xian`, `西安`). */
  key: string;
  script: 'latin' | 'han';
  /** Position in the normalized token stream, to tell nested names from separate ones. */
  start: number;
  end: number;
  /** Every word starts with a capital letter in the text (Latin names only). */
  capitalized: boolean;
  /** The name is the whole text (after generic words such as "city" or "市"). */
  whole: boolean;
  /** Made only of ordinary words that are also place names ("gate", "north gate", "北门"). */
  stopword: boolean;
  places: readonly GazetteerPlace[];
}

export interface Gazetteer {
  /** Places indexed. */
  readonly size: number;
  /** Distinct names indexed. */
  readonly names: number;
  /** The places a name refers to (exact, after normalization). */
  lookup(name: string): readonly GazetteerPlace[];
  /** Every indexed name in a text, nested ones included. */
  findNames(text: string): NameHit[];
  /** Every place, in the order read (the map's labels). */
  places(): readonly GazetteerPlace[];
  /** The place's name in Chinese script, when one of its names is (the map's labels). */
  chineseName(place: GazetteerPlace): string | null;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
const LATIN_WORDS = /[\p{Script=Latin}\p{M}\p{Nd}'’‘`ʼ]+/gu;
const LATIN_ONLY = /^[\p{Script=Latin}\p{M}\p{Zs}\p{Pd}'’‘`ʼ.()]+$/u;
const APOSTROPHES = /['’‘`ʼ]/g;
const MAX_WORDS = 5;
const MAX_HAN = 10;

/** ASCII fast path of normalizeName (most names): one pass, no Unicode tables. */
function normalizeAscii(name: string): string {
  let out = '';
  let space = false;
  for (const ch of name) {
    let c = ch.charCodeAt(0);
    if (c === 39 || c === 96) continue; // ' and `
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (space) out += ' ';
      out += String.fromCharCode(c);
      space = false;
    } else space = out.length > 0; // no blank before the first word
  }
  return out;
}

// Stryker disable all: only normalizeName's fast path asks, and the general path gives the same key
function isAscii(text: string): boolean {
  for (const ch of text) if (ch.charCodeAt(0) > 127) return false;
  return true;
}
// Stryker restore all

/** Lower case, accents and apostrophes removed, punctuation → single spaces. */
export function normalizeName(name: string): string {
  // Stryker disable next-line ConditionalExpression: a fast path; the general one below gives the same key for ASCII
  if (isAscii(name)) return normalizeAscii(name);
  return name
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether a name with characters past ASCII is worth indexing (ASCII names:
 * asciiIndexKey): Han characters only, two or more; or Latin letters, marks, blanks,
 * dashes, apostrophes, dots and brackets only, three letters or more. Neither admits a
 * digit or a web address.
 */
function indexableOther(name: string): boolean {
  if (HAN.test(name)) return /^[\p{Script=Han}·・]+$/u.test(name) && name.length >= 2;
  return LATIN_ONLY.test(name) && name.replace(/[^\p{L}]/gu, '').length >= 3;
}

/** After normalizeName, so words are apart by exactly one blank. */
const GENERIC_SUFFIXES = / (city|town|village|district|county|prefecture)$/;
const GENERIC_HAN = /(市|县|区|镇|乡|村)$/;

/** The index key of a name: Chinese as written (NFKC, no middle dots), others by normalizeName. */
const keyOf = (name: string) =>
  HAN.test(name) ? name.normalize('NFKC').replace(/[·・]/g, '') : normalizeName(name);

/** Not ASCII: indexKey takes the general path. */
const NOT_ASCII = Symbol('not ASCII');

/**
 * Whether an ASCII name is worth indexing and its key, in one pass (most GeoNames names):
 * null for names with a digit or a web address, codes of two to four capitals (`SIA`,
 * `BJS`), fewer than three letters; any punctuation is allowed ("Washington, D.C."). A
 * name of letters with single blanks between words is its own key lower-cased; any other
 * goes through normalizeAscii. (`plain` false is always right, only slower: mutants that
 * only clear it more often are equivalent.)
 */
function asciiIndexKey(name: string): string | null | typeof NOT_ASCII {
  let letters = 0;
  let upper = 0;
  // Stryker disable next-line BooleanLiteral: see above
  let plain = true;
  // Stryker disable next-line EqualityOperator: at i = length the character is NaN, which clears plain
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 127) return NOT_ASCII;
    if (c >= 48 && c <= 57) return null; // a digit: a code or a number, not a name
    if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) {
      letters++;
    } else {
      // Only a blank between two words keeps the name plain (the tests pin each edge).
      // Stryker disable next-line all: see above: some mutants here only clear plain more often
      if (c !== 32 || i === 0 || i === name.length - 1 || name.charCodeAt(i - 1) === 32) {
        plain = false;
      }
    }
  }
  if (letters < 3) return null;
  if (upper === name.length && upper <= 4) return null; // a code: SIA, BJS
  if (name.includes('http:') || name.includes('https:')) return null;
  return plain ? name.toLowerCase() : normalizeAscii(name);
}

/** The index key of a name, or null when it is not worth indexing. */
function indexKey(name: string): string | null {
  const ascii = asciiIndexKey(name);
  if (ascii !== NOT_ASCII) return ascii;
  return indexableOther(name) ? keyOf(name) : null;
}

/** A name written wholly in Han characters (the first such: GeoNames lists simplified Chinese early). */
const HAN_NAME = /^[\p{Script=Han}·・]{2,}$/u;

export function createGazetteer(records: Iterable<GazetteerRecord>): Gazetteer {
  const index = new Map<string, GazetteerPlace | GazetteerPlace[]>();
  const all: GazetteerPlace[] = [];
  const chinese = new Map<GazetteerPlace, string>();
  let size = 0;
  const add = (key: string, place: GazetteerPlace) => {
    const existing = index.get(key);
    if (existing === undefined) index.set(key, place);
    else if (Array.isArray(existing)) existing.push(place);
    else index.set(key, [existing, place]);
  };
  for (const record of records) {
    const place: GazetteerPlace = {
      id: record.id,
      name: record.name,
      country: record.country,
      lat: record.lat,
      lon: record.lon,
      population: record.population,
      featureCode: record.featureCode,
      ...(record.radiusMeters === undefined ? {} : { radiusMeters: record.radiusMeters }),
      ...(record.within === undefined ? {} : { within: record.within }),
      ...(record.cityPopulation === undefined ? {} : { cityPopulation: record.cityPopulation }),
    };
    size++;
    all.push(place);
    // Han script starts at U+2E80: a cheap test before the pattern.
    // Stryker disable next-line ConditionalExpression: the pattern alone gives the same answer
    const zh = record.names.find((name) => name.charCodeAt(0) >= 0x2e80 && HAN_NAME.test(name));
    // Stryker disable next-line ConditionalExpression: an undefined name reads as null too
    if (zh) chinese.set(place, zh);
    // A place is added once per key, however many of its names normalize to it (a list:
    // a place has a few keys, and a Set per place cost more than the search).
    // Stryker disable next-line ArrayDeclaration: a key no name has
    const keys: string[] = [];
    const addName = (name: string) => {
      const key = indexKey(name);
      if (key === null || keys.includes(key)) return null;
      keys.push(key);
      add(key, place);
      return key;
    };
    for (const name of record.names) addName(name);
    const qualified = (record.qualifiedNames ?? []).map(addName).filter((k) => k !== null);
    if (qualified.length > 0) place.qualifiedKeys = qualified;
  }
  const stopwords = new Set(PLACE_STOPWORDS.map(keyOf));

  const lookup = (key: string): readonly GazetteerPlace[] => {
    const found = index.get(key);
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
  };

  return {
    size,
    names: index.size,
    places: () => all,
    chineseName: (place) => chinese.get(place) ?? null,
    lookup: (name) => lookup(keyOf(name)),
    findNames(text) {
      const hits: NameHit[] = [];
      const src = text.normalize('NFKC');
      const wholeLatin = normalizeName(src).replace(GENERIC_SUFFIXES, '');
      const wholeHan = src.trim().replace(GENERIC_HAN, '');

      // Latin: every run of up to MAX_WORDS consecutive words.
      const words: { key: string; capital: boolean }[] = [];
      for (const m of src.matchAll(LATIN_WORDS)) {
        for (const part of normalizeName(m[0]).split(' ')) {
          if (part) words.push({ key: part, capital: /^\p{Lu}/u.test(m[0]) });
        }
      }
      for (const [i] of words.entries()) {
        let key = '';
        let capitalized = true;
        let ordinary = true;
        for (const [n, w] of words.slice(i, i + MAX_WORDS).entries()) {
          key += n === 0 ? w.key : ` ${w.key}`;
          capitalized &&= w.capital;
          ordinary &&= stopwords.has(w.key);
          const places = lookup(key);
          if (places.length === 0) continue;
          hits.push({
            key,
            script: 'latin',
            start: i,
            end: i + n + 1,
            capitalized,
            whole: key === wholeLatin,
            stopword: ordinary,
            places,
          });
        }
      }

      // Han: every substring of 2..MAX_HAN characters of each run (Chinese has no spaces).
      let offset = words.length;
      for (const m of src.matchAll(HAN_RUNS)) {
        const run = m[0];
        // Stryker disable next-line EqualityOperator: at i = run.length the inner loop has no name of 2 characters left
        for (let i = 0; i < run.length; i++) {
          for (let n = 2; n <= MAX_HAN && i + n <= run.length; n++) {
            const key = run.slice(i, i + n);
            const places = lookup(key);
            if (places.length === 0) continue;
            // "西安区域" is the area of Xi'an, not the 西安区 of Mudanjiang: 区域 is one word.
            if (key.endsWith('区') && run[i + n] === '域') continue;
            hits.push({
              key,
              script: 'han',
              start: offset + i,
              end: offset + i + n,
              capitalized: false,
              whole: key === wholeHan || key === src.trim(),
              stopword: stopwords.has(key),
              places,
            });
          }
        }
        offset += run.length + 1;
      }
      return hits;
    },
  };
}
