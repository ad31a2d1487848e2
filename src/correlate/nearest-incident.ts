/**
 * The search for the nearest incident within the join rule, in widening rings: a
 * match within radius r is the nearest overall (everything outside the r-box is
 * farther than r), so in a dense area the first, small query usually settles it.
 * The rings are shares of the join radius (TIPWIRE_CORRELATE_SEARCH_RINGS), the last
 * one 1. The store's query comes in as `findNear`: the search does no I/O itself.
 */
import type { Interval } from '../domain/report.js';
import { boundingBox, type Point } from './geo.js';
import { chooseIncident, type Candidate, type JoinRule } from './join-incident.js';

export type FindNear = (
  window: Interval,
  box: ReturnType<typeof boundingBox>,
) => Promise<Candidate[]> | Candidate[];

/** Rings searched when none are configured: 1/16, 1/4, then the whole radius. */
export const DEFAULT_SEARCH_RINGS: readonly number[] = [1 / 16, 1 / 4, 1];

export async function nearestIncident(
  findNear: FindNear,
  subject: { id: string; point: Point; window: Interval },
  rule: JoinRule,
  rings: readonly number[] = DEFAULT_SEARCH_RINGS,
): Promise<{ incidentId: string; distanceMeters: number } | null> {
  const around = {
    from: subject.window.from - rule.windowMs,
    to: subject.window.to + rule.windowMs,
  };
  for (const share of rings) {
    const radiusMeters = rule.radiusMeters * share;
    const candidates = await findNear(around, boundingBox(subject.point, radiusMeters));
    const match = chooseIncident(subject, candidates, { ...rule, radiusMeters });
    if (match) return match;
  }
  return null;
}
