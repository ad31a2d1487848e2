/**
 * The correlate stage's decision, a pure function over what the stage loaded: which
 * incident a report belongs to, which incidents it bridges (they merge), and which
 * vague reports kept apart it now lets attach.
 *
 * - A **precise** report joins the incident it fits best (`fit`). When it fits several
 *   and their estimates agree with the best one's, they merge into the oldest of them
 *   (its id stays), except pairs an analyst split apart. Fitting none, it starts one.
 * - A **vague** report never merges anything: a near-identical copy of a message already
 *   in an incident joins it (of several, the one holding most of the copies, if it holds
 *   TIPWIRE_CORRELATE_ATTACH_MIN_SHARE of them); otherwise it attaches to the incident it
 *   fits that stands out (`standsOut`: one match, or one holding that share of the
 *   matches' weight) unless it is too vague to attach at all; otherwise it is kept apart
 *   in an incident of its own, with the reason as a code on the report. A report placed
 *   only as a whole city (`isCitywide`) attaches only to a match that stands out and that
 *   TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports place, with the code
 *   `cluster.citywide` on it (a guess an analyst should see).
 * - A vague report kept apart is looked at again when a precise report comes near
 *   (`reattach`): it attaches to the incident that report joins or starts when that one
 *   now stands out for it. A whole-city report kept apart is looked at again the same way,
 *   under the whole-city rule, when the placement may reach the reports it needs
 *   (`citywideRecheckKinds` says which are worth the city-wide search).
 * - A **routine complaint** (a report naming only the `routine` kind: a barking dog, a
 *   street light out, a scam call) is not an event: it is kept apart in an incident of its
 *   own, and no report joins it by place and time. Two complaints at one corner are
 *   rarely about one thing (a street light and the rubbish), and a tip line's incidents
 *   are events.
 * - A report already in an incident stays there when an analyst placed it (pinned) or it
 *   still fits the incident's other members; otherwise it leaves and is placed again.
 */
import type { EventKind } from '../domain/event-kinds.js';
import type { FlagCode } from '../domain/flags.js';
import { FLAG } from '../domain/flags.js';
import {
  addObservation,
  combine,
  EMPTY_ESTIMATE,
  estimatesAgree,
  fit,
  fitsAsCopy,
  fitsCitywide,
  isCitywide,
  isTooVague,
  isVague,
  onlyRoutine,
  placeLikelihood,
  timeLikelihood,
  type ClusterRule,
  type Estimate,
  type Observation,
} from './incident-state.js';

export interface CandidateIncident {
  id: string;
  /** Order of creation: the oldest of merged incidents keeps its id. */
  seq: number;
  estimate: Estimate;
}

/** A vague report kept apart, looked at again now that a precise report came near. */
export interface VagueRecheck {
  incidentId: string;
  observation: Observation;
  /** The core incidents it may fit (as the index found them before this placement). */
  candidates: CandidateIncident[];
}

/** An incident holding near-identical copies of the subject's text. */
export interface CopyIncident extends CandidateIncident {
  copies: number;
}

export interface ClusterInput {
  subject: Observation;
  /** Incidents holding near-identical copies of the report's text, received lately. */
  copies: CopyIncident[];
  /** The incident the report is in, its estimate without the report, and whether an analyst pinned it there. */
  current: {
    incidentId: string;
    without: Estimate;
    others: number;
    pinned: boolean;
    /** Why it is there, as the report says now (`cluster.*`; absent: none). */
    reason?: FlagCode | null;
  } | null;
  candidates: CandidateIncident[];
  /** Whether the index search was cut at TIPWIRE_CORRELATE_MAX_CANDIDATES (more may fit). */
  candidatesCut?: boolean;
  /** Pairs of incidents an analyst split apart (`a|b`, a < b). */
  separated: ReadonlySet<string>;
  rechecks: VagueRecheck[];
  newIncidentId: string;
  rule: ClusterRule;
}

export type Placement =
  | {
      kind: 'stay';
      incidentId: string;
      estimate: Estimate;
      /** Kept when a whole-city report attached by the rule stays (`cluster.citywide`). */
      reason?: FlagCode;
    }
  | {
      kind: 'join';
      incidentId: string;
      estimate: Estimate;
      merged: string[];
      /** Set when a whole-city report attached: why, on the report (`cluster.citywide`). */
      reason?: FlagCode;
    }
  | { kind: 'create'; incidentId: string; estimate: Estimate }
  | { kind: 'apart'; incidentId: string; estimate: Estimate; reason: FlagCode; matches: number };

export interface ClusterEffects {
  reportId: string;
  placement: Placement;
  /**
   * The incident the report left: rebuilt from its remaining members; or, when the
   * report was alone in it and now joined another, absorbed by that one.
   */
  left: string | null;
  /** Vague reports' incidents that attach to the placement's incident now. */
  attached: string[];
  /** Of `attached`, those of whole-city reports: their report says `cluster.citywide`. */
  citywide?: string[];
}

// Stryker disable next-line EqualityOperator: for a = b both branches give the same key
export const separationKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function decideCluster(input: ClusterInput): ClusterEffects {
  const { subject, current, rule } = input;
  const reportId = subject.reportId;
  // Alone, it is placed again; with vague members only, it stays their anchor (they were
  // attached to it); else it stays while it fits the others.
  const stays =
    current !== null &&
    (current.pinned ||
      (current.others > 0 &&
        (current.without.preciseCount === 0 || fit(subject, current.without, rule) !== null)));
  if (current && stays) {
    const estimate = addObservation(current.without, subject, rule);
    // Attached by the whole-city rule, it stays a guess and says so; placed by hand, it is not.
    const guess = !current.pinned && current.reason === FLAG.cluster.citywide;
    const placement: Placement = {
      kind: 'stay',
      incidentId: current.incidentId,
      estimate,
      ...(guess ? { reason: FLAG.cluster.citywide } : {}),
    };
    return { reportId, placement, left: null, attached: [] };
  }
  // Alone in its incident, the report is placed again under the same id (kept if it starts one).
  const left = current ? current.incidentId : null;
  const newIncidentId = current && current.others === 0 ? current.incidentId : input.newIncidentId;
  const candidates = input.candidates.filter(
    (c) => c.id !== current?.incidentId && !onlyRoutine(c.estimate),
  );
  const copies = input.copies.filter((c) => c.id !== current?.incidentId);
  const placement = onlyRoutine(subject)
    ? apart(subject, newIncidentId, FLAG.cluster.routine, 0, rule)
    : isVague(subject, rule)
      ? placeVague(subject, candidates, input.candidatesCut === true, copies, newIncidentId, rule)
      : placePrecise(subject, candidates, input.separated, newIncidentId, rule);
  const { attached, citywide } =
    // Stryker disable next-line ConditionalExpression: an apart placement's estimate has no place, so nothing would fit it anyway; the check says so
    placement.kind === 'join' || placement.kind === 'create'
      ? reattach(placement, input.rechecks, input.separated, rule)
      : { attached: [], citywide: [] };
  return { reportId, placement, left, attached, ...(citywide.length > 0 ? { citywide } : {}) };
}

function ranked(subject: Observation, candidates: CandidateIncident[], rule: ClusterRule) {
  return candidates
    .map((c) => ({ c, score: fit(subject, c.estimate, rule) }))
    .filter((m): m is { c: CandidateIncident; score: number } => m.score !== null)
    .sort((a, b) => a.score - b.score || a.c.seq - b.c.seq);
}

/**
 * The incidents a vague report may be about, best fit first: those it fits, and for a
 * report placed only as a whole city (too vague for its place to say which) only those
 * of the kind it names, seen when it says (`fitsCitywide`).
 */
const vagueMatches = (subject: Observation, candidates: CandidateIncident[], rule: ClusterRule) =>
  ranked(subject, candidates, rule).filter(
    (m) => !isTooVague(subject, rule) || fitsCitywide(subject, m.c.estimate, rule),
  );

function placePrecise(
  subject: Observation,
  candidates: CandidateIncident[],
  separated: ReadonlySet<string>,
  newIncidentId: string,
  rule: ClusterRule,
): Placement {
  const matches = ranked(subject, candidates, rule);
  const best = matches[0];
  if (!best) {
    return {
      kind: 'create',
      incidentId: newIncidentId,
      estimate: addObservation(EMPTY_ESTIMATE, subject, rule),
    };
  }
  // The best match and every other it bridges to: estimates that agree with the best's, not split apart by hand.
  const group = [best.c];
  for (const m of matches.slice(1)) {
    const apart = group.some((g) => separated.has(separationKey(g.id, m.c.id)));
    if (!apart && estimatesAgree(best.c.estimate, m.c.estimate, rule)) group.push(m.c);
  }
  // Stryker disable next-line EqualityOperator: no two incidents have one seq
  const survivor = group.reduce((a, b) => (b.seq < a.seq ? b : a));
  const estimate = group.reduce<Estimate>((e, g) => combine(e, g.estimate), EMPTY_ESTIMATE);
  return {
    kind: 'join',
    incidentId: survivor.id,
    estimate: addObservation(estimate, subject, rule),
    merged: group.filter((g) => g.id !== survivor.id).map((g) => g.id),
  };
}

function placeVague(
  subject: Observation,
  candidates: CandidateIncident[],
  cut: boolean,
  copies: CopyIncident[],
  newIncidentId: string,
  rule: ClusterRule,
): Placement {
  // A copy of one message joins the incident holding its copies: the message, not its
  // vague place, says which event it is about (it stays one source with them). Copies in
  // more than one placed incident say which only when one holds most of them (`leading`:
  // copies carrying each sender's own position land apart, the message's event holds the
  // bulk). A copy stating no place at all joins that incident; one stating a place too
  // vague to attach (a city) joins only copies that have no place either (a campaign
  // gathers, it does not pick an incident by a city's name). Only a message naming an
  // event spreads as a campaign: short or everyday texts ("在吗", "how do I renew my ID?",
  // a blocked fire lane) are sent alike by people who never met, so alike they say nothing
  // of one event or one sender's reach.
  // (A routine complaint never comes here: naming a kind is naming an event.)
  const copiedTo =
    subject.kinds.length > 0 ? copies.filter((c) => fitsAsCopy(subject, c.estimate, rule)) : [];
  const placed = copiedTo.filter((c) => c.estimate.preciseCount > 0);
  const lead = leading(placed, rule);
  const citywide = isCitywide(subject, rule);
  const copied =
    lead !== undefined &&
    (subject.point === null ||
      !isTooVague(subject, rule) ||
      (citywide && citywideMayAttach(lead.estimate, rule)))
      ? lead
      : placed.length === 0
        ? // None placed: the one holding most copies among them (all unplaced).
          mostCopied(copiedTo)
        : undefined;
  if (copied) {
    return {
      kind: 'join',
      incidentId: copied.id,
      estimate: addObservation(copied.estimate, subject, rule),
      merged: [],
    };
  }
  const alone = (reason: FlagCode, matches: number): Placement =>
    apart(subject, newIncidentId, reason, matches, rule);
  const tooVague = isTooVague(subject, rule);
  if (tooVague && !citywide) return alone(FLAG.cluster.too_vague, 0);
  const matches = vagueMatches(subject, candidates, rule);
  // A cut search may have left out a match as likely as the best.
  const best = cut ? undefined : standsOut(subject, matches, rule);
  if (tooVague) {
    // Only a whole city (`isCitywide`), which holds many events nobody else reported: a
    // match that stands out is a likely guess only if many people placed it. Kept apart,
    // it says "too vague" and waits in the city index to be looked at again (`reattach`).
    return best !== undefined && citywideMayAttach(best.estimate, rule)
      ? joinVague(subject, best, rule, FLAG.cluster.citywide)
      : alone(FLAG.cluster.too_vague, matches.length);
  }
  if (matches.length === 0) return alone(FLAG.cluster.no_match, 0);
  if (best === undefined) return alone(FLAG.cluster.ambiguous, matches.length);
  return joinVague(subject, best, rule);
}

/**
 * The placed incident a message's copies lead to: the one holding the most of them (the
 * older on a tie), when it holds at least TIPWIRE_CORRELATE_ATTACH_MIN_SHARE of the copies
 * in placed incidents. A single one holds them all.
 */
function leading(placed: CopyIncident[], rule: ClusterRule): CopyIncident | undefined {
  const top = mostCopied(placed);
  if (top === undefined) return undefined;
  const total = placed.reduce((n, c) => n + c.copies, 0);
  return top.copies / total >= rule.attachMinShare ? top : undefined;
}

/** Whether enough precise reports place the incident for a whole-city report to attach. */
const citywideMayAttach = (e: Estimate, rule: ClusterRule): boolean =>
  e.preciseCount >= rule.citywideAttachMinReports;

/**
 * Which kinds a whole-city report kept apart must name to be worth looking at again now
 * (its city-wide search is costly), or null when none can attach: the precise subject's
 * placement holds at most the subject and every incident it fits (a bridge merges them),
 * so below TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports in all none can,
 * and it names only the kinds they name (`fitsCitywide` asks for the same kind).
 */
export function citywideRecheckKinds(
  subject: Observation,
  candidates: readonly CandidateIncident[],
  rule: ClusterRule,
): ReadonlySet<EventKind> | null {
  if (rule.citywideAttachMinReports === 0 || isVague(subject, rule)) return null;
  const fitting = candidates.filter(
    (c) => !onlyRoutine(c.estimate) && fit(subject, c.estimate, rule) !== null,
  );
  const most = fitting.reduce((n, c) => n + c.estimate.preciseCount, 1);
  if (most < rule.citywideAttachMinReports) return null;
  return new Set([...subject.kinds, ...fitting.flatMap((c) => c.estimate.kinds)]);
}

/** The incident holding the most copies, the older on a tie. */
const mostCopied = (incidents: readonly CopyIncident[]): CopyIncident | undefined =>
  [...incidents].sort((a, b) => b.copies - a.copies || a.seq - b.seq)[0];

/** Kept apart in an incident of its own, with the reason. */
const apart = (
  subject: Observation,
  incidentId: string,
  reason: FlagCode,
  matches: number,
  rule: ClusterRule,
): Placement => ({
  kind: 'apart',
  incidentId,
  estimate: addObservation(EMPTY_ESTIMATE, subject, rule),
  reason,
  matches,
});

const joinVague = (
  subject: Observation,
  c: CandidateIncident,
  rule: ClusterRule,
  reason?: FlagCode,
): Placement => ({
  kind: 'join',
  incidentId: c.id,
  estimate: addObservation(c.estimate, subject, rule),
  merged: [],
  ...(reason ? { reason } : {}),
});

/**
 * The match a vague report is about, when one stands out: its weight (precise reports ×
 * the likelihood of the report's place and of its time from it) is at least
 * TIPWIRE_CORRELATE_ATTACH_MIN_SHARE of all the matches' weight. A single match stands
 * out; of two alike, the better fit (then the older) is the one weighed against the share.
 */
export function standsOut(
  subject: Observation,
  matches: readonly { c: CandidateIncident }[],
  rule: ClusterRule,
): CandidateIncident | undefined {
  const weighed = matches.map(({ c }) => ({
    c,
    w:
      c.estimate.preciseCount *
      placeLikelihood(subject, c.estimate, rule) *
      timeLikelihood(subject, c.estimate, rule),
  }));
  const total = weighed.reduce((sum, m) => sum + m.w, 0);
  const top = weighed.reduce<(typeof weighed)[number] | undefined>(
    (a, m) => (a === undefined || m.w > a.w ? m : a),
    undefined,
  );
  if (top === undefined) return undefined;
  // A single match holds all the weight (a share of 1). On a tie the first in fit order wins.
  return top.w / total >= rule.attachMinShare ? top.c : undefined;
}

/**
 * Vague reports kept apart (no match, or none standing out) for which the placement's
 * incident now stands out among all they fit (`standsOut`, the placement weighed with
 * its new estimate). A whole-city report (`isCitywide`) is weighed as when it came: only
 * against incidents of its kind seen when it says (`fitsCitywide`), and it attaches only
 * to a placement that TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports place.
 */
function reattach(
  placement: Extract<Placement, { kind: 'join' | 'create' }>,
  rechecks: VagueRecheck[],
  separated: ReadonlySet<string>,
  rule: ClusterRule,
): { attached: string[]; citywide: string[] } {
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a create has no `merged` (new Set(undefined) is empty) and no candidate is named "Stryker was here"
  const gone = new Set(placement.kind === 'join' ? placement.merged : []);
  const attached: string[] = [];
  const citywide: string[] = [];
  for (const r of rechecks) {
    if (separated.has(separationKey(r.incidentId, placement.incidentId))) continue;
    if (onlyRoutine(r.observation)) continue;
    const city = isTooVague(r.observation, rule);
    if (city && !(isCitywide(r.observation, rule) && citywideMayAttach(placement.estimate, rule)))
      continue;
    const here: CandidateIncident = {
      id: placement.incidentId,
      // Ranked after any other it ties with: it must stand out on its own.
      seq: Number.MAX_SAFE_INTEGER,
      estimate: placement.estimate,
    };
    const others = r.candidates.filter((c) => c.id !== placement.incidentId && !gone.has(c.id));
    const matches = vagueMatches(r.observation, [here, ...others], rule);
    if (standsOut(r.observation, matches, rule) !== here) continue;
    attached.push(r.incidentId);
    if (city) citywide.push(r.incidentId);
  }
  return { attached, citywide };
}
