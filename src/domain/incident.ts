/**
 * An incident: reports judged to describe the same event. Its summary (time span,
 * centroid) is derived from its members by a pure function.
 */
import type { Interval } from './report.js';

export interface IncidentSummary {
  start: number;
  end: number;
  centroid: { lat: number; lon: number } | null;
  reportCount: number;
}

export interface Incident extends IncidentSummary {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface IncidentMember {
  window: Interval;
  point: { lat: number; lon: number } | null;
}

/** Span of all members' windows and the mean of their points. */
export function summarizeIncident(members: IncidentMember[]): IncidentSummary {
  if (members.length === 0) throw new Error('an incident has at least one member');
  let start = Infinity;
  let end = -Infinity;
  const points: { lat: number; lon: number }[] = [];
  for (const m of members) {
    start = Math.min(start, m.window.from);
    end = Math.max(end, m.window.to);
    if (m.point) points.push(m.point);
  }
  return { start, end, centroid: sphericalMean(points), reportCount: members.length };
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
  if (points.length === 1) return { lat: points[0]!.lat, lon: points[0]!.lon };
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of points) {
    const lat = p.lat * RAD;
    const lon = p.lon * RAD;
    x += Math.cos(lat) * Math.cos(lon);
    y += Math.cos(lat) * Math.sin(lon);
    z += Math.sin(lat);
  }
  const hyp = Math.hypot(x, y);
  return { lat: Math.atan2(z, hyp) / RAD, lon: Math.atan2(y, x) / RAD };
}
