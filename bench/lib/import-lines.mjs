// Seeded JSONL lines for `tipwire import` benchmarks: a mix of what an old tip line's
// export holds (ISO times with offsets, local times with a zone, epoch seconds, place
// names, coordinates; a third with a caller's number; every line with an externalId),
// spread over ten cities and four weeks so that the pipeline both joins reports into
// incidents and opens new ones. The same seed gives the same file on every machine.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from './random.mjs';

const CITIES = [
  { en: "Xi'an", lat: 34.26, lon: 108.94, tz: 'Asia/Shanghai', offset: '+08:00' },
  { en: 'Beijing', lat: 39.9, lon: 116.4, tz: 'Asia/Shanghai', offset: '+08:00' },
  { en: 'Shanghai', lat: 31.23, lon: 121.47, tz: 'Asia/Shanghai', offset: '+08:00' },
  { en: 'Chengdu', lat: 30.66, lon: 104.07, tz: 'Asia/Shanghai', offset: '+08:00' },
  { en: 'New York', lat: 40.71, lon: -74.0, tz: 'America/New_York', offset: '-05:00' },
  { en: 'Los Angeles', lat: 34.05, lon: -118.24, tz: 'America/Los_Angeles', offset: '-08:00' },
  { en: 'London', lat: 51.51, lon: -0.13, tz: 'Europe/London', offset: 'Z' },
  { en: 'Sydney', lat: -33.87, lon: 151.21, tz: 'Australia/Sydney', offset: '+11:00' },
  { en: 'Kathmandu', lat: 27.71, lon: 85.32, tz: 'Asia/Kathmandu', offset: '+05:45' },
  { en: 'Nairobi', lat: -1.29, lon: 36.82, tz: 'Africa/Nairobi', offset: '+03:00' },
];
const OPENINGS = [
  'A drone fell behind the north gate.',
  'Two men photographing the fence of the substation for an hour.',
  'Smoke rising from the warehouse by the river, no fire engines yet.',
  'A white van parked at the school entrance with its engine running since noon.',
  'Someone is cutting the fence near the rail depot, I can hear the tools.',
  '一架无人机在北门后面坠落。',
  '两个人在变电站围墙外拍照，持续了一个小时。',
];
const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'sa', 'ven', 'dor', 'pi', 'rus', 'gal', 'ne', 'bro'];
const HAN = '北南东西门街路桥站车人灯火烟声窗墙院楼店河山口';

/**
 * The rest of a narrative: 5 to 40 words from a vocabulary of 20,000 made-up words
 * and Chinese character pairs, the low ranks far more frequent (roughly Zipf's law,
 * as in real text), so that no cache of words or texts sees only a handful of them.
 */
function narrativeTail(rand) {
  const words = [];
  const count = 5 + Math.floor(rand() * 36);
  for (let i = 0; i < count; i++) {
    const rank = Math.floor(20_000 ** rand());
    if (rank % 5 === 0) {
      words.push(HAN[rank % HAN.length] + HAN[Math.floor(rank / HAN.length) % HAN.length]);
      continue;
    }
    let word = '';
    for (let r = rank + 1; r > 0; r = Math.floor(r / SYLLABLES.length)) {
      word += SYLLABLES[r % SYLLABLES.length];
    }
    words.push(word);
  }
  return words.join(' ');
}
const BASE_MS = Date.parse('2026-10-01T00:00:00Z');
const HOTSPOTS = (() => {
  const rand = mulberry32(7);
  return Array.from({ length: 400 }, () => {
    const city = CITIES[Math.floor(rand() * CITIES.length)];
    return {
      city,
      lat: city.lat + (rand() - 0.5) * 0.2,
      lon: city.lon + (rand() - 0.5) * 0.2,
      at: BASE_MS + Math.floor(rand() * 28 * 86_400_000),
    };
  });
})();

/** ISO date-time without milliseconds, at the given offset. */
function isoAt(ms, offset) {
  const sign = offset === 'Z' ? 1 : offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset === 'Z' ? [0, 0] : offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return local + offset;
}

/** The `index`-th report of the seeded mix, as Report JSON. */
export function makeImportReport(rand, index) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  // Half the reports are about one of a few hundred events (within ~200 m and an hour
  // of it): the pipeline joins those into incidents; the rest are scattered.
  const hotspot = rand() < 0.5 ? HOTSPOTS[Math.floor(rand() * HOTSPOTS.length)] : null;
  const city = hotspot?.city ?? pick(CITIES);
  const spread = hotspot ? 0.004 : 0.2;
  const observed = hotspot
    ? hotspot.at + Math.floor((rand() - 0.5) * 3_600_000)
    : BASE_MS + Math.floor(rand() * 28 * 86_400_000);
  const receivedAt = observed + Math.floor(rand() * 2 * 3_600_000);
  const lat = Math.round(((hotspot?.lat ?? city.lat) + (rand() - 0.5) * spread) * 1e5) / 1e5;
  const lon = Math.round(((hotspot?.lon ?? city.lon) + (rand() - 0.5) * spread) * 1e5) / 1e5;
  const report = {
    channel: pick(['phone', 'web', 'app', 'api', 'feed']),
    narrative: `${pick(OPENINGS)} ${narrativeTail(rand)}`,
    externalId: `legacy-${index}`,
    receivedAt: new Date(receivedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const kind = rand();
  if (kind < 0.35) {
    report.observedAt = isoAt(observed, city.offset);
    report.location = { lat, lon, accuracyMeters: pick([10, 50, 200]) };
  } else if (kind < 0.6) {
    report.observedAt = isoAt(observed, city.offset).slice(0, 19);
    report.timezone = city.tz;
    report.location = { lat, lon };
  } else if (kind < 0.8) {
    report.observedAt = Math.floor(observed / 1000);
    report.location = { lat, lon, accuracyMeters: 30 };
  } else {
    report.observedAt = isoAt(observed, city.offset);
    report.location = city.en;
  }
  if (rand() < 0.33) {
    report.caller = { phone: `+86138${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` };
  }
  if (rand() < 0.3) report.subjects = pick(['two men in a white van', 'a drone', '有人']);
  if (rand() < 0.5) report.category = pick(['drone', 'intrusion', 'fire', 'vehicle']);
  if (rand() < 0.3) report.howKnown = pick(['saw', 'heard', 'was_told']);
  return report;
}

/** Writes `count` lines of the seeded mix to `file`; resolves with the bytes written. */
export async function writeImportFile(file, count, seed = 42) {
  const rand = mulberry32(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const line = JSON.stringify(makeImportReport(rand, i)) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
