/**
 * An incident: reports judged to describe the same event. Its summary (time span,
 * centroid) is derived from its members by a pure function.
 */
import type { Interval } from './report.js';
import type { EventKind } from './event-kinds.js';

export interface IncidentSummary {
  start: number;
  end: number;
  centroid: { lat: number; lon: number } | null;
  reportCount: number;
}

export interface Incident extends IncidentSummary {
  id: string;
  /** The field office the incident is assigned to, if any. */
  officeId: string | null;
  createdAt: number;
  updatedAt: number;
  /** The kinds of event its members name (domain/event-kinds.ts codes). */
  kinds: string[];
  /** The probability its event is real (correlate/confidence.ts); null before it was assessed. */
  confidence: number | null;
  independentSources: number;
  /** How far its precise members lie from its centroid, at most (metres). */
  radiusMeters: number;
  /** When a report last joined it or it last changed (ms). */
  lastActivity: number;
  /** The incident that absorbed it, when it was merged. */
  mergedInto: string | null;
}

export interface IncidentMember {
  window: Interval;
  point: { lat: number; lon: number } | null;
}

/**
 * Running totals of an incident's members, from which its summary follows. Adding
 * a member is O(1), so a large incident costs no more to extend than a small one.
 * Points are summed as unit vectors (see sphericalMean).
 */
export interface IncidentTotals {
  start: number;
  end: number;
  reportCount: number;
  pointCount: number;
  x: number;
  y: number;
  z: number;
}

export function addMember(totals: IncidentTotals | null, member: IncidentMember): IncidentTotals {
  const t = totals ?? {
    start: Infinity,
    end: -Infinity,
    reportCount: 0,
    pointCount: 0,
    x: 0,
    y: 0,
    z: 0,
  };
  const next = {
    ...t,
    start: Math.min(t.start, member.window.from),
    end: Math.max(t.end, member.window.to),
    reportCount: t.reportCount + 1,
  };
  if (!member.point) return next;
  const [x, y, z] = unitVector(member.point);
  return { ...next, pointCount: t.pointCount + 1, x: t.x + x, y: t.y + y, z: t.z + z };
}

export function summaryOf(t: IncidentTotals): IncidentSummary {
  return {
    start: t.start,
    end: t.end,
    reportCount: t.reportCount,
    centroid: t.pointCount > 0 ? fromVector(t.x, t.y, t.z) : null,
  };
}

/** Span of all members' windows and the mean of their points. */
/** Totals of all members, or null when there are none. */
export function totalsOf(members: IncidentMember[]): IncidentTotals | null {
  return members.reduce<IncidentTotals | null>(addMember, null);
}

export function summarizeIncident(members: IncidentMember[]): IncidentSummary {
  const totals = totalsOf(members);
  if (!totals) throw new Error('an incident has at least one member');
  return summaryOf(totals);
}

const RAD = Math.PI / 180;

/**
 * Mean of points on the sphere (mean of unit vectors), so that points on both
 * sides of the antimeridian average to a place between them, not to lon 0.
 */
export function sphericalMean(points: { lat: number; lon: number }[]): {
  lat: number;
  lon: number;
} | null {
  if (points.length === 0) return null;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of points) {
    const [px, py, pz] = unitVector(p);
    x += px;
    y += py;
    z += pz;
  }
  return fromVector(x, y, z);
}

function unitVector(p: { lat: number; lon: number }): [number, number, number] {
  const lat = p.lat * RAD;
  const lon = p.lon * RAD;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/** Rounded to 1e-7° (about 1 cm): more digits would only be floating-point noise. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function fromVector(x: number, y: number, z: number): { lat: number; lon: number } {
  return {
    lat: round7(Math.atan2(z, Math.hypot(x, y)) / RAD),
    lon: round7(Math.atan2(y, x) / RAD),
  };
}

/**
 * The incident's estimate of its event (correlate/incident-state.ts computes it), stored
 * on the incident (migration 009).
 */
export interface Estimate {
  kinds: EventKind[];
  /** Precise members; 0 for an incident of vague members only. */
  preciseCount: number;
  /** Σ 1/accuracy² of the precise members, and their weighted unit-vector sum. */
  weight: number;
  wx: number;
  wy: number;
  wz: number;
  /** Latest start and earliest end of the precise members' widened intervals (ms). */
  latestStart: number;
  earliestEnd: number;
  /**
   * How far an analyst's hand spread the incident: the farthest precise member from its
   * centroid when a member was placed by hand (0 for incidents the rule built alone). A
   * hand-merged incident then takes reports near any of its parts, and over its whole span.
   */
  handSpreadMeters: number;
}
