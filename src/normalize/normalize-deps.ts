/**
 * Adapter: the deps of the normalize core, built once by the shell (runtime),
 * never by the core itself: the GeoNames gazetteer (read and indexed from the
 * installed package, ~1.7 s and ~170 MB, so loaded on first use unless preloaded)
 * and the zone finder (geo-tz + tz-lookup, lazily reading their packaged data).
 * `preload` also warms what the core builds on first use, so that no report pays
 * for it on the request path: V8 compiles a regular expression to machine code on
 * its second use, and chrono-node's largest (up to 100 KB of bytecode each) take
 * ~120 ms together; the first zone offset loads ICU's zone data (~20 ms).
 */
import type { Gazetteer } from './gazetteer.js';
import { loadGeoNamesGazetteer } from './gazetteer-geonames.js';
import { parseNatural } from './natural-time.js';
import type { NormalizeDeps } from './normalize-report.js';
import { createZoneFinder } from './zone-finder.js';
import { offsetAt, type ZoneFinder } from './zones.js';

export interface NormalizeDepsOptions {
  /** A GeoNames dump to use instead of the packaged cities500 (TIPWIRE_GAZETTEER_FILE). */
  gazetteerFile?: string;
}

export interface LoadedNormalizeDeps extends Required<NormalizeDeps> {
  /** Loads the gazetteer and warms the time readers now (a server does this before it listens). */
  preload(): void;
  /** Whether the gazetteer is in memory (readiness). */
  loaded(): boolean;
}

/** Every form chrono-node and our grammar read, in both languages: each of their patterns runs. */
const WARM_UP_PHRASES = [
  '10 pm',
  '3:15 pm',
  'Nov 3 2024',
  '3 March 2024 at 10:15 pm',
  'last Monday at 7:45 am',
  'next week',
  'in 3 days',
  '11/20/2026',
  '2026-11-20T21:10:00',
  '7740005668',
  'about 2 hours ago',
  '昨晚十点左右',
  '2024年11月3日晚上十点',
  '下午3点15分',
  '三天前',
  // F9's readers: zones in the text, clock words, ranges, relations, calendar words, the
  // residue scan (their patterns compile on first use too).
  'quarter past nine last night',
  'half nine this morning',
  'at nine or ten pm',
  'between 9 and 10 pm yesterday',
  'yesterday after 9 pm',
  'at 2230hrs',
  'yesterday 10pm EST',
  '2026-11-20 13:10 UTC',
  'Tues 3rd Nov, 14:20 GMT+8',
  'on the 19th at 8 in the morning',
  'the 15th of last month',
  'last weekend',
  'the week before last',
  'in the autumn of 2025 at about 3 AM',
  'at first light this morning',
  '5 or 10 minutes ago',
  'at 8 on the 45th XST',
  '03/04/2026',
  'on Christmas Day',
  '北京时间昨晚十点多',
  '昨天晚上八九点',
  '差五分十点',
  '上上个周末',
  '一个多小时前',
  '东八区19号上午9点',
  '太阳落山的时候',
  'UTCUTCZUTC19th 19th ZUTCZ19th weekend UTCZUTCweekend Z19th weekend 19th Zweekend UTCZZZ',
];

function warmUp(zones: ZoneFinder): void {
  // Twice: the second run is the one that compiles.
  for (let pass = 0; pass < 2; pass++) for (const text of WARM_UP_PHRASES) parseNatural(text);
  const { zones: found } = zones.zonesAt(34.261, 108.942);
  for (const zone of found) offsetAt(zone, Date.UTC(2026, 0, 1));
}

export function createNormalizeDeps(options: NormalizeDepsOptions = {}): LoadedNormalizeDeps {
  let loaded: Gazetteer | null = null;
  const load = (): Gazetteer =>
    (loaded ??= loadGeoNamesGazetteer(
      options.gazetteerFile === undefined ? {} : { file: options.gazetteerFile },
    ));
  // Most reports carry coordinates and never need it: load on the first name looked up.
  const gazetteer: Gazetteer = {
    get size() {
      return load().size;
    },
    get names() {
      return load().names;
    },
    lookup: (name) => load().lookup(name),
    places: () => load().places(),
    chineseName: (place) => load().chineseName(place),
    findNames: (text) => load().findNames(text),
  };
  const zones = createZoneFinder();
  return {
    gazetteer,
    zones,
    preload: () => {
      load();
      warmUp(zones);
    },
    loaded: () => loaded !== null,
  };
}
