/**
 * Several times for one observation (the reporter's claim, the report's arrival,
 * later ones that checks add: photo EXIF, sensor events…) compared by one generic
 * rule. Each source is an interval; two sources agree when their intervals overlap.
 * The spread is the gap between the latest start and the earliest end
 * (max(from) − min(to), 0 when all overlap): "yesterday" does not contradict an
 * EXIF time of 21:10 yesterday, 20:00 and 21:10 are 70 minutes apart.
 *
 * - spread > `contradictionSeconds` → `time.contradiction`, every source and its
 *   value in the detail, and `needsDeeperVerification`.
 * - A source with `dataAt` (when its data was produced) older at `asOf` than its
 *   expected `latencySeconds` (0 if unstated) plus `staleToleranceSeconds` →
 *   `source.stale`. `asOf` is the moment of the comparison (the check's clock);
 *   without it, the latest `to` of all sources.
 *
 * Normalize gathers the sources and their spread; the verify stage's time-sources
 * check (verify/checks/time-sources.check.ts) judges them with this function.
 */
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';

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

export interface TimeSourceComparison {
  spreadSeconds: number;
  flags: string[];
  needsDeeperVerification: boolean;
  detail: {
    sources: { source: string; from: number; to: number }[];
    /** The two sources furthest apart, when they contradict. */
    latestStart: { source: string; at: number } | null;
    earliestEnd: { source: string; at: number } | null;
    stale: { source: string; dataAt: number; ageSeconds: number; latencySeconds: number }[];
  };
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

export function compareTimeSources(
  sources: readonly TimeSource[],
  settings: Pick<
    NormalizeSettings,
    'contradictionSeconds' | 'staleToleranceSeconds'
  > = NORMALIZE_DEFAULTS,
  asOf?: number,
): TimeSourceComparison {
  const flags: string[] = [];
  const { spreadSeconds, latestStart, earliestEnd } = timeSpread(sources);
  const contradiction = spreadSeconds > settings.contradictionSeconds;
  if (contradiction) flags.push('time.contradiction');

  const now = asOf ?? Math.max(...sources.map((s) => s.to));
  const stale: TimeSourceComparison['detail']['stale'] = [];
  for (const s of sources) {
    // An undated source has no age (NaN), nor has any against a clock that is not
    // finite (no sources, or a NaN or infinite asOf): neither is ever stale.
    const ageSeconds = Number.isFinite(now) ? (now - (s.dataAt ?? Number.NaN)) / 1000 : Number.NaN;
    const latencySeconds = s.latencySeconds ?? 0;
    if (ageSeconds > latencySeconds + settings.staleToleranceSeconds) {
      stale.push({ source: s.source, dataAt: s.dataAt!, ageSeconds, latencySeconds });
    }
  }
  if (stale.length > 0) flags.push('source.stale');

  return {
    spreadSeconds,
    flags,
    needsDeeperVerification: contradiction,
    detail: {
      sources: sources.map((s) => ({ source: s.source, from: s.from, to: s.to })),
      latestStart: contradiction ? latestStart : null,
      earliestEnd: contradiction ? earliestEnd : null,
      stale,
    },
  };
}
