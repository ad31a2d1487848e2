/**
 * Several times for one observation (the reporter's claim, the report's arrival,
 * later ones that checks add: photo EXIF, sensor events…), each an interval, and
 * how far apart they are. Normalize gathers them; the verify stage's time-sources
 * check judges them (verify/time-sources.ts).
 */
export interface TimeSource {
  /** What the time comes from: `claim`, `arrival`, `exif`, `sensor:firms`… */
  source: string;
  from: number;
  to: number;
  /** The source's expected delay between an event and its data. */
  latencySeconds?: number;
  /** When the source's data was produced (epoch ms). */
  dataAt?: number;
}

/**
 * How far apart the sources are: the gap between the latest start and the earliest
 * end (0 when all overlap, and with no sources), and the two sources that make it.
 * A measure, no judgement: normalize records it, the verify check judges it.
 */
export function timeSpread(sources: readonly TimeSource[]) {
  let latestStart: { source: string; at: number } | null = null;
  let earliestEnd: { source: string; at: number } | null = null;
  for (const s of sources) {
    if (!latestStart || s.from > latestStart.at) latestStart = { source: s.source, at: s.from };
    if (!earliestEnd || s.to < earliestEnd.at) earliestEnd = { source: s.source, at: s.to };
  }
  // No sources: no spread.
  const spreadMs = Math.max(0, (latestStart?.at ?? 0) - (earliestEnd?.at ?? 0));
  return { spreadSeconds: spreadMs / 1000, latestStart, earliestEnd };
}
