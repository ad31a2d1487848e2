/**
 * What correlation knows of a report and of an incident, and whether a report may be
 * one event with an incident: pure functions, no I/O.
 *
 * A report is an **observation**: a point with the accuracy the reporter stated, an
 * observed UTC interval (precision included), and the kinds of event it names. An
 * incident's **estimate** comes from its precise members only: its place is the mean of
 * their points weighted by 1/accuracy² (so its own accuracy is 1/√Σ(1/accuracy²)), and
 * its time is the latest start and earliest end of their widened intervals — every
 * witness saw the event while it lasted, so that spread must fit in the kind's duration.
 * Vague members (see `isVague`) are attached, never used to estimate.
 */
import { kindsCompatible, type EventKind } from '../domain/event-kinds.js';
import type { Interval } from '../domain/report.js';
import type { Estimate } from '../domain/incident.js';

export type { Estimate };
import { boundingBox, haversineMeters, type Point } from './geo.js';
import type { KindProfile, KindProfiles } from './settings.js';

export interface Observation {
  reportId: string;
  point: Point | null;
  accuracyMeters: number;
  /** The observed UTC interval, null when the time is unknown (no zone, unparsed). */
  window: Interval | null;
  kinds: readonly EventKind[];
}

export interface ClusterRule {
  tolerance: number;
  /** Minutes before receipt a report without a readable time is taken to describe. */
  unstatedTimeMinutes: number;
  timeSlackMinutes: number;
  vagueAccuracyMeters: number;
  /** The least accuracy of a report whose text says it saw the event from afar. */
  seenFromAfarMeters: number;
  vaguePrecisionMinutes: number;
  attachMaxAccuracyMeters: number;
  attachMaxPrecisionMinutes: number;
  /** Precise reports an incident needs for a whole-city report to attach to it (0: never). */
  citywideAttachMinReports: number;
  /** The candidate search's cut for a whole-city report (`maxCandidates` for the others). */
  citywideMaxCandidates: number;
  attachMinShare: number;
  maxCandidates: number;
  kindProfiles: KindProfiles;
}

const MINUTE = 60_000;
const RAD = Math.PI / 180;

export const EMPTY_ESTIMATE: Readonly<Estimate> = Object.freeze({
  kinds: [],
  preciseCount: 0,
  weight: 0,
  wx: 0,
  wy: 0,
  wz: 0,
  latestStart: -Infinity,
  earliestEnd: Infinity,
  handSpreadMeters: 0,
});

/**
 * The interval a report is compared over: the observed one, or — when it states no
 * readable time — the `unstatedTimeMinutes` before it was received (a vague time).
 */
export function observationWindow(
  observed: Interval | null,
  receivedAt: number,
  rule: Pick<ClusterRule, 'unstatedTimeMinutes'>,
): Interval {
  return observed ?? { from: receivedAt - rule.unstatedTimeMinutes * MINUTE, to: receivedAt };
}

/**
 * The accuracy correlation takes for a report's point: the stated one, or at least
 * `seenFromAfarMeters` when its text says the event was seen from afar (the point is the
 * sender's, the event somewhere around it).
 */
export function observedAccuracy(
  stated: number,
  seenFromAfar: boolean,
  rule: Pick<ClusterRule, 'seenFromAfarMeters'>,
): number {
  return seenFromAfar ? Math.max(stated, rule.seenFromAfarMeters) : stated;
}

/** Whether a report or an incident names only a routine complaint (not an event). */
export const onlyRoutine = (o: { kinds: readonly EventKind[] }): boolean =>
  o.kinds.length > 0 && o.kinds.every((k) => k === 'routine');

/** Half the width of the observed interval, in minutes; Infinity when unknown. */
export const precisionMinutes = (o: Observation): number =>
  o.window ? (o.window.to - o.window.from) / 2 / MINUTE : Infinity;

/** Vague: a place less accurate, or a time less precise, than the rule's limits (or none). */
export function isVague(o: Observation, rule: ClusterRule): boolean {
  return (
    o.point === null ||
    o.accuracyMeters > rule.vagueAccuracyMeters ||
    precisionMinutes(o) > rule.vaguePrecisionMinutes
  );
}

/** Too vague to attach at all, even to a single match. */
export function isTooVague(o: Observation, rule: ClusterRule): boolean {
  return (
    o.point === null ||
    o.accuracyMeters > rule.attachMaxAccuracyMeters ||
    precisionMinutes(o) > rule.attachMaxPrecisionMinutes
  );
}

/**
 * A report placed only as a whole city that may still attach, to an incident many precise
 * reports place (`citywideAttachMinReports`; cluster-decision.ts): its point is less
 * accurate than `attachMaxAccuracyMeters`, its time precise enough to attach, and it names
 * a kind of event (a city and a time alone pick no event out of a city's many).
 */
export function isCitywide(o: Observation, rule: ClusterRule): boolean {
  return (
    rule.citywideAttachMinReports > 0 &&
    o.point !== null &&
    o.kinds.length > 0 &&
    o.accuracyMeters > rule.attachMaxAccuracyMeters &&
    precisionMinutes(o) <= rule.attachMaxPrecisionMinutes
  );
}

/**
 * Whether a whole-city report (`isCitywide`) may be about the incident, beyond `fit`: with
 * no place to go by, it must name a kind the incident's reports named (a related kind of
 * the group is not enough), and its widened interval must meet the span in which the
 * incident's precise members saw the event (between the latest start and the earliest
 * end of their widened intervals, whichever comes first) — not merely fall within the
 * kind's duration of it.
 */
export function fitsCitywide(o: Observation, e: Estimate, rule: ClusterRule): boolean {
  if (!o.window || e.preciseCount === 0) return false;
  if (!o.kinds.some((k) => e.kinds.includes(k))) return false;
  const span = widened(o.window, rule);
  return (
    span.from <= Math.max(e.latestStart, e.earliestEnd) &&
    span.to >= Math.min(e.latestStart, e.earliestEnd)
  );
}

/** The most incidents the report's candidate search may return. */
export const candidateCap = (o: Observation, rule: ClusterRule): number =>
  isCitywide(o, rule) ? rule.citywideMaxCandidates : rule.maxCandidates;

/**
 * How likely the report's stated point is if it is about the incident's event, up to a
 * constant: a 2-D normal of the distance, its spread from the report's and the
 * estimate's accuracies (each a ~95 % radius, σ = accuracy / 2.45) and the kind's
 * extent (the event's own size, taken as 2σ). 0 for a report or incident without place.
 */
export function placeLikelihood(o: Observation, e: Estimate, rule: ClusterRule): number {
  const place = placeOf(e);
  if (!o.point || !place) return 0;
  const extent = profileOf(unionKinds(o.kinds, e.kinds), rule).extentMeters;
  const variance =
    (o.accuracyMeters / SIGMA_95) ** 2 + (place.accuracyMeters / SIGMA_95) ** 2 + (extent / 2) ** 2;
  const d = haversineMeters(o.point, place.point);
  return Math.exp(-(d * d) / (2 * variance)) / variance;
}

/**
 * How likely the report's stated time is if it is about the incident's event, up to a
 * constant: a 1-D normal of the gap between the middles of the report's interval and of
 * the incident's (its members' widened intervals in common), its spread from both
 * half-widths (each a ~95 % bound, σ = half / 1.96) and the kind's duration (σ = half of
 * it; profiles are at least a minute, so σ² > 0). 0 for a report without time or an
 * incident without a precise member.
 */
export function timeLikelihood(o: Observation, e: Estimate, rule: ClusterRule): number {
  if (!o.window || e.preciseCount === 0) return 0;
  const duration = profileOf(unionKinds(o.kinds, e.kinds), rule).durationMinutes * MINUTE;
  const ownHalf = (o.window.to - o.window.from) / 2;
  const theirHalf = Math.max(0, e.earliestEnd - e.latestStart) / 2;
  const variance = (ownHalf / Z_95) ** 2 + (theirHalf / Z_95) ** 2 + (duration / 2) ** 2;
  const gap = (o.window.from + o.window.to) / 2 - (e.latestStart + e.earliestEnd) / 2;
  return Math.exp(-(gap * gap) / (2 * variance)) / Math.sqrt(variance);
}

/** The ratio of a 1-D normal's 95 % half-width to its σ. */
const Z_95 = 1.96;

/** The ratio of a 2-D normal's 95 % radius to its σ (√(−2 ln 0.05)). */
const SIGMA_95 = 2.4477;

/** The observed interval widened by the tolerance and the slack (ms). */
export function widened(window: Interval, rule: ClusterRule): Interval {
  const mid = (window.from + window.to) / 2;
  const half = ((window.to - window.from) / 2) * rule.tolerance + rule.timeSlackMinutes * MINUTE;
  return { from: mid - half, to: mid + half };
}

/** The profile for a set of kinds: the widest of theirs, or `*` when none is named. */
export function profileOf(kinds: readonly EventKind[], rule: ClusterRule): KindProfile {
  if (kinds.length === 0) return rule.kindProfiles['*'];
  let extentMeters = 0;
  let durationMinutes = 0;
  for (const k of kinds) {
    const p = rule.kindProfiles[k];
    extentMeters = Math.max(extentMeters, p.extentMeters);
    durationMinutes = Math.max(durationMinutes, p.durationMinutes);
  }
  return { extentMeters, durationMinutes };
}

const unionKinds = (a: readonly EventKind[], b: readonly EventKind[]): EventKind[] =>
  a.concat(b.filter((k) => !a.includes(k)));

/** Adds a member: a precise one moves the estimate, a vague one only adds its kinds. */
export function addObservation(e: Estimate, o: Observation, rule: ClusterRule): Estimate {
  const kinds = unionKinds(e.kinds, o.kinds);
  if (isVague(o, rule) || !o.point || !o.window) return { ...e, kinds };
  const w = 1 / Math.max(1, o.accuracyMeters) ** 2;
  const [x, y, z] = unitVector(o.point);
  const span = widened(o.window, rule);
  return {
    ...e,
    kinds,
    preciseCount: e.preciseCount + 1,
    weight: e.weight + w,
    wx: e.wx + w * x,
    wy: e.wy + w * y,
    wz: e.wz + w * z,
    latestStart: Math.max(e.latestStart, span.from),
    earliestEnd: Math.min(e.earliestEnd, span.to),
  };
}

export const estimateOf = (members: readonly Observation[], rule: ClusterRule): Estimate =>
  members.reduce<Estimate>((e, o) => addObservation(e, o, rule), EMPTY_ESTIMATE);

/** Two estimates as one (incidents merged). */
export function combine(a: Estimate, b: Estimate): Estimate {
  return {
    kinds: unionKinds(a.kinds, b.kinds),
    preciseCount: a.preciseCount + b.preciseCount,
    weight: a.weight + b.weight,
    wx: a.wx + b.wx,
    wy: a.wy + b.wy,
    wz: a.wz + b.wz,
    latestStart: Math.max(a.latestStart, b.latestStart),
    earliestEnd: Math.min(a.earliestEnd, b.earliestEnd),
    handSpreadMeters: Math.max(a.handSpreadMeters, b.handSpreadMeters),
  };
}

/** Where the event is, and how accurately that is known (null: no precise member). */
export function placeOf(e: Estimate): { point: Point; accuracyMeters: number } | null {
  // No precise member, no weight (an estimate's weight is the sum of its precise members').
  if (e.weight <= 0) return null;
  return { point: fromVector(e.wx, e.wy, e.wz), accuracyMeters: 1 / Math.sqrt(e.weight) };
}

/**
 * Whether a copy of a message in the incident may be about its event: its kinds agree,
 * its time (however vague) fits the duration, and its place — if it has one, however
 * vague — is within its accuracy. (Copies only of vague reports have nothing to fit.)
 */
export function fitsAsCopy(o: Observation, e: Estimate, rule: ClusterRule): boolean {
  if (!o.window || !kindsCompatible(o.kinds, e.kinds)) return false;
  const place = placeOf(e);
  // An incident of vague copies only has no estimate to contradict the copy.
  if (!place) return true;
  return fit({ ...o, point: o.point ?? place.point }, e, rule) !== null;
}

/** How a report fits an incident: null when it cannot be one event with it, else a score (lower fits better). */
export function fit(o: Observation, e: Estimate, rule: ClusterRule): number | null {
  if (!o.point || !o.window) return null;
  if (!kindsCompatible(o.kinds, e.kinds)) return null;
  const place = placeOf(e);
  if (!place) return null;
  const profile = profileOf(unionKinds(o.kinds, e.kinds), rule);
  const allowed =
    rule.tolerance * (o.accuracyMeters + place.accuracyMeters) +
    profile.extentMeters +
    e.handSpreadMeters;
  const distance = haversineMeters(o.point, place.point);
  if (distance > allowed) return null;
  const span = widened(o.window, rule);
  const duration = profile.durationMinutes * MINUTE;
  // The spread of every member's interval with this one's must fit in the duration (for
  // an incident spread by hand: must not grow its span by more than the duration).
  const spread = Math.max(e.latestStart, span.from) - Math.min(e.earliestEnd, span.to);
  const before = Math.max(0, e.latestStart - e.earliestEnd);
  if (spread > duration + (e.handSpreadMeters > 0 ? before : 0)) return null;
  return distance / allowed + Math.max(0, spread - before) / duration;
}

/** Whether two incidents' estimates can be one event (a bridge may merge them). */
export function estimatesAgree(a: Estimate, b: Estimate, rule: ClusterRule): boolean {
  if (!kindsCompatible(a.kinds, b.kinds)) return false;
  const pa = placeOf(a);
  const pb = placeOf(b);
  if (!pa || !pb) return false;
  const profile = profileOf(unionKinds(a.kinds, b.kinds), rule);
  const allowed = rule.tolerance * (pa.accuracyMeters + pb.accuracyMeters) + profile.extentMeters;
  if (haversineMeters(pa.point, pb.point) > allowed) return false;
  const spread = Math.max(a.latestStart, b.latestStart) - Math.min(a.earliestEnd, b.earliestEnd);
  return spread <= profile.durationMinutes * MINUTE;
}

/** A box of the index: degrees and epoch minutes (see store/sqlite/incident-index.ts). */
export interface SearchBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  fromMinute: number;
  toMinute: number;
}

/**
 * The boxes around `p` of radius `meters` over `window`: one, or two where the box
 * crosses the antimeridian (each side asked on its own); near a pole the box spans
 * every longitude.
 */
export function searchBoxes(p: Point, meters: number, window: Interval): SearchBox[] {
  const fromMinute = window.from / MINUTE;
  const toMinute = window.to / MINUTE;
  const dLat = meters / 111_195;
  const minLat = Math.max(-90, p.lat - dLat);
  const maxLat = Math.min(90, p.lat + dLat);
  const box = boundingBox(p, meters);
  const whole = box.minLon === -180 && box.maxLon === 180;
  const cosLat = Math.cos(Math.max(Math.abs(minLat), Math.abs(maxLat)) * RAD);
  // Stryker disable next-line EqualityOperator: cosLat is 6e-17 at a pole and never 1e-9 exactly, so `>=` is `>` (as in geo.ts's boundingBox)
  const dLon = cosLat > 1e-9 ? dLat / cosLat : 360;
  // Stryker disable next-line EqualityOperator: at a half-width of exactly 180° the two parts below, [lon − 180°, 180] and [−180, lon + 180° − 360], hold every longitude, as the one box does
  if (!whole || dLon >= 180) return [{ ...box, fromMinute, toMinute }];
  // boundingBox widened it to the whole circle because it crosses the antimeridian: split.
  const west = p.lon - dLon;
  const east = p.lon + dLon;
  const parts: SearchBox[] = [];
  // Stryker disable next-line EqualityOperator: west is never −180 exactly here: boundingBox crossed to the west only if its narrower half-width went past −180, and to the east only if this one is under 180° (so west > −180)
  if (west < -180) {
    parts.push({ minLat, maxLat, minLon: -180, maxLon: east, fromMinute, toMinute });
    parts.push({ minLat, maxLat, minLon: west + 360, maxLon: 180, fromMinute, toMinute });
  } else {
    parts.push({ minLat, maxLat, minLon: west, maxLon: 180, fromMinute, toMinute });
    parts.push({ minLat, maxLat, minLon: -180, maxLon: east - 360, fromMinute, toMinute });
  }
  return parts;
}

/** The report's own search boxes: its point ± tolerance·accuracy, its widened interval. */
export function observationBoxes(o: Observation, rule: ClusterRule): SearchBox[] {
  if (!o.point || !o.window) return [];
  return searchBoxes(o.point, rule.tolerance * o.accuracyMeters, widened(o.window, rule));
}

/**
 * Where an incident is kept in the index: precise incidents by their estimate (place ±
 * tolerance·accuracy + the widest extent; latest start − the longest duration … earliest
 * end + it) in `core`; one whose only member is vague by that member's own box widened
 * the same way, in `vague`, or in `city` when it is placed only as a whole city and may
 * still attach (`isCitywide`: its box would crowd the vague re-checks); a report too vague
 * ever to attach, and a routine complaint, in none (nothing joins it by place and time).
 */
export function incidentBoxes(
  e: Estimate,
  loneMember: Observation | null,
  rule: ClusterRule,
): { index: 'core' | 'vague' | 'city'; boxes: SearchBox[] } | null {
  // Nothing joins a routine complaint by place and time (cluster-decision.ts): not indexed.
  if (onlyRoutine(e)) return null;
  const place = placeOf(e);
  const duration = maxDuration(rule);
  if (place) {
    const meters = rule.tolerance * place.accuracyMeters + maxExtent(rule) + e.handSpreadMeters;
    const window = {
      from: Math.min(e.latestStart, e.earliestEnd) - duration,
      to: Math.max(e.latestStart, e.earliestEnd) + duration,
    };
    return { index: 'core', boxes: searchBoxes(place.point, meters, window) };
  }
  if (!loneMember?.point || !loneMember.window) return null;
  const index = !isTooVague(loneMember, rule)
    ? 'vague'
    : isCitywide(loneMember, rule)
      ? 'city'
      : null;
  if (index === null) return null;
  const span = widened(loneMember.window, rule);
  const meters = rule.tolerance * loneMember.accuracyMeters + maxExtent(rule);
  const window = { from: span.from - duration, to: span.to + duration };
  return { index, boxes: searchBoxes(loneMember.point, meters, window) };
}

/**
 * The widest extent and longest duration of any kind: an incident's box must hold every
 * report that could fit it, whatever kind that report names (its kinds widen `fit`'s).
 */
const maxExtent = (rule: ClusterRule) =>
  Math.max(...Object.values(rule.kindProfiles).map((p) => p.extentMeters));
const maxDuration = (rule: ClusterRule) =>
  Math.max(...Object.values(rule.kindProfiles).map((p) => p.durationMinutes)) * MINUTE;

function unitVector(p: Point): [number, number, number] {
  const lat = p.lat * RAD;
  const lon = p.lon * RAD;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

function fromVector(x: number, y: number, z: number): Point {
  return { lat: Math.atan2(z, Math.hypot(x, y)) / RAD, lon: Math.atan2(y, x) / RAD };
}
