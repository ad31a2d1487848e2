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
 * Normalize gathers the sources and their spread (domain/time-sources.ts); the
 * verify stage's time-sources check (checks/time-sources.check.ts) judges them here.
 */
import { FLAG, type FlagCode } from '../domain/flags.js';
import { timeSpread, type TimeSource } from '../domain/time-sources.js';

export type { TimeSource } from '../domain/time-sources.js';

export interface TimeSourceComparison {
  spreadSeconds: number;
  flags: FlagCode[];
  needsDeeperVerification: boolean;
  detail: {
    sources: { source: string; from: number; to: number }[];
    /** The two sources furthest apart, when they contradict. */
    latestStart: { source: string; at: number } | null;
    earliestEnd: { source: string; at: number } | null;
    stale: { source: string; dataAt: number; ageSeconds: number; latencySeconds: number }[];
  };
}

export function compareTimeSources(
  sources: readonly TimeSource[],
  settings: { contradictionSeconds: number; staleToleranceSeconds: number },
  asOf?: number,
): TimeSourceComparison {
  const flags: FlagCode[] = [];
  const { spreadSeconds, latestStart, earliestEnd } = timeSpread(sources);
  const contradiction = spreadSeconds > settings.contradictionSeconds;
  if (contradiction) flags.push(FLAG.time.contradiction);

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
  if (stale.length > 0) flags.push(FLAG.source.stale);

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
