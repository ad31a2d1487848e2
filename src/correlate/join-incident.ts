/**
 * The F1 correlation rule, a pure function: a report joins the incident of the
 * nearest report within `radiusMeters` whose time window is within `windowMs` of
 * its own; otherwise it starts a new incident. (F4 replaces this rule.)
 */
import type { Interval } from '../domain/report.js';
import { haversineMeters, type Point } from './geo.js';

export interface JoinRule {
  radiusMeters: number;
  windowMs: number;
}

export interface Candidate extends Point, Interval {
  id: string;
  incidentId: string | null;
}

/** Gap between two intervals in ms (0 when they overlap). */
export const intervalGap = (a: Interval, b: Interval): number =>
  Math.max(0, a.from - b.to, b.from - a.to);

export function chooseIncident(
  subject: { id: string; point: Point; window: Interval },
  candidates: Candidate[],
  rule: JoinRule,
): { incidentId: string; distanceMeters: number } | null {
  let best: { incidentId: string; distanceMeters: number; gap: number } | null = null;
  for (const c of candidates) {
    if (c.id === subject.id || c.incidentId === null) continue;
    const gap = intervalGap(subject.window, c);
    if (gap > rule.windowMs) continue;
    const distanceMeters = haversineMeters(subject.point, c);
    if (distanceMeters > rule.radiusMeters) continue;
    const closer =
      !best ||
      distanceMeters < best.distanceMeters ||
      (distanceMeters === best.distanceMeters && gap < best.gap);
    if (closer) best = { incidentId: c.incidentId, distanceMeters, gap };
  }
  return best && { incidentId: best.incidentId, distanceMeters: best.distanceMeters };
}
