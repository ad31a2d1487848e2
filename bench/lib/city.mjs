// The synthetic city of the F6 benchmarks (bench/incident-lookup.mjs,
// bench/incident-assign.mjs): reports in one city (40 × 40 km around 39.9 N 116.4 E),
// grouped into events. An event has a place (65 % around 300 hot spots, the rest
// anywhere), a start (more by day than by night) and a heavy-tailed number of witnesses
// (Pareto, α 1.3: 59 % single, mean ≈ 3.6). A witness stands within the event's extent,
// reports with an accuracy of 5–500 m (55 % GPS-like 5–30 m) and a time interval of
// ±1–120 min around the moment seen. Every function takes its random source (mulberry32):
// the same seed gives the same city on every machine.

export const CENTER = { lat: 39.9, lon: 116.4 };
export const HALF_SIDE_M = 20_000;
export const EARTH_RADIUS_M = 6_371_008.8; // as correlate/geo.ts
export const RAD = Math.PI / 180;
export const M_PER_DEG = EARTH_RADIUS_M * RAD;
export const COS0 = Math.cos(CENTER.lat * RAD);
export const DAY_MIN = 1440;

export function gauss(rand) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Metres: 55 % GPS-like (5–30), 30 % Wi-Fi-like (30–150), 15 % cell-like (150–500). */
export function accuracy(rand) {
  const u = rand();
  const [lo, hi] = u < 0.55 ? [5, 30] : u < 0.85 ? [30, 150] : [150, 500];
  return Math.round(lo * (hi / lo) ** rand());
}
/** Minutes either side of the moment seen: 50 % 1–5, 35 % 5–30, 15 % 30–120. */
export function precision(rand) {
  const u = rand();
  const [lo, hi] = u < 0.5 ? [1, 5] : u < 0.85 ? [5, 30] : [30, 120];
  return lo + rand() * (hi - lo);
}
export const witnessCount = (rand) => Math.min(2000, Math.floor((1 - rand()) ** (-1 / 1.3)));
/** A minute of `days` days from `startMin`, more by day (peak mid-afternoon) than at night. */
export function momentIn(rand, startMin, days) {
  const day = Math.floor(rand() * days);
  for (;;) {
    const m = rand() * DAY_MIN;
    const h = m / 60;
    const w = 0.2 + 0.8 * Math.max(0, Math.sin((Math.PI * (h - 6)) / 18));
    if (rand() < w) return startMin + day * DAY_MIN + m;
  }
}
export function anywhere(rand, out) {
  out.lat = CENTER.lat + ((rand() * 2 - 1) * HALF_SIDE_M) / M_PER_DEG;
  out.lon = CENTER.lon + ((rand() * 2 - 1) * HALF_SIDE_M) / (M_PER_DEG * COS0);
}
export function makeHotspots(rand) {
  const spots = [];
  let total = 0;
  for (let i = 0; i < 300; i++) {
    const p = {};
    anywhere(rand, p);
    total += 1 / (i + 1); // Zipf-like weights
    spots.push({ ...p, sigmaM: 300 * 10 ** rand(), upTo: total });
  }
  for (const s of spots) s.upTo /= total;
  return spots;
}
export function eventPlace(rand, spots, out) {
  if (rand() >= 0.65) return anywhere(rand, out);
  const u = rand();
  const s = spots.find((x) => u < x.upTo) ?? spots[spots.length - 1];
  out.lat = s.lat + (gauss(rand) * s.sigmaM) / M_PER_DEG;
  out.lon = s.lon + (gauss(rand) * s.sigmaM) / (M_PER_DEG * COS0);
}
/** One witness's report of an event: point, accuracy, time interval (whole minutes). */
export function witness(rand, evLat, evLon, extentM, start, duration, out) {
  const acc = accuracy(rand);
  const d = extentM * Math.sqrt(rand());
  const a = 2 * Math.PI * rand();
  const dx = d * Math.cos(a) + (gauss(rand) * acc) / 2;
  const dy = d * Math.sin(a) + (gauss(rand) * acc) / 2;
  out.lat = evLat + dy / M_PER_DEG;
  out.lon = evLon + dx / (M_PER_DEG * Math.cos(evLat * RAD));
  const seen = start + rand() * duration;
  const p = precision(rand);
  out.acc = acc;
  out.from = Math.floor(seen - p);
  out.to = Math.ceil(seen + p);
}
