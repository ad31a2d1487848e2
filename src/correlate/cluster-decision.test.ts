import { describe, expect, it } from 'vitest';
import { FLAG, type FlagCode } from '../domain/flags.js';
import type { Point } from './geo.js';
import {
  citywideRecheckKinds,
  decideCluster,
  separationKey,
  type CandidateIncident,
  type ClusterInput,
  type CopyIncident,
  type VagueRecheck,
} from './cluster-decision.js';
import {
  addObservation,
  EMPTY_ESTIMATE,
  estimateOf,
  placeLikelihood,
  timeLikelihood,
  type ClusterRule,
  type Estimate,
  type Observation,
} from './incident-state.js';
import { TEST_PROFILES } from './kind-profiles.fixture.js';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 20, 12);
const RAD = Math.PI / 180;

/** The point `meters` east (negative: west) of (0, 0) along the equator. */
const east = (meters: number): Point => ({ lat: 0, lon: meters / 6_371_008.8 / RAD });

/**
 * Tolerance 2, slack 5 min, and 100 m / 60 min for a report naming no kind: between
 * two precise sides of 64 m each, 2 × 128 + 100 = 356 m are allowed.
 */
const rule: ClusterRule = {
  tolerance: 2,
  unstatedTimeMinutes: 240,
  timeSlackMinutes: 5,
  vagueAccuracyMeters: 1000,
  seenFromAfarMeters: 2000,
  vaguePrecisionMinutes: 90,
  attachMaxAccuracyMeters: 10_000,
  attachMaxPrecisionMinutes: 720,
  attachMinShare: 0.8,
  citywideAttachMinReports: 3,
  citywideMaxCandidates: 256,
  maxCandidates: 64,
  kindProfiles: { ...TEST_PROFILES, '*': { extentMeters: 100, durationMinutes: 60 } },
};

/** A precise report `meters` east of (0, 0), 64 m accurate, seen in [T, T + 10 min]. */
function report(meters: number, overrides: Partial<Observation> = {}): Observation {
  return {
    reportId: `r@${meters}`,
    point: east(meters),
    accuracyMeters: 64,
    window: { from: T, to: T + 10 * MIN },
    kinds: [],
    ...overrides,
  };
}

/** A vague report (2,000 m): it fits anything within 2 × 2,064 + 100 = 4,228 m of a 64 m incident. */
const vague = (meters: number, overrides: Partial<Observation> = {}) =>
  report(meters, { reportId: `v@${meters}`, accuracyMeters: 2000, ...overrides });

/** An incident of one precise member `meters` east of (0, 0). */
const incident = (id: string, seq: number, meters: number): CandidateIncident => ({
  id,
  seq,
  estimate: estimateOf([report(meters)], rule),
});

const estimate = (...members: Observation[]): Estimate => estimateOf(members, rule);

/** An incident that `n` precise witnesses naming `kinds` place, `meters` east of (0, 0). */
const placedByWitnesses = (
  id: string,
  seq: number,
  n: number,
  meters: number,
  kinds: Observation['kinds'] = ['fire'],
): CandidateIncident => ({
  id,
  seq,
  estimate: estimate(
    ...Array.from({ length: n }, (_, i) => report(meters + i, { reportId: `r_${id}_${i}`, kinds })),
  ),
});

/** The subject: a precise report at (0, 0), nothing around it, in no incident yet. */
function input(overrides: Partial<ClusterInput> = {}): ClusterInput {
  return {
    subject: report(0, { reportId: 'r_subject' }),
    copies: [],
    current: null,
    candidates: [],
    separated: new Set(),
    rechecks: [],
    newIncidentId: 'i_new',
    rule,
    ...overrides,
  };
}

describe('separationKey', () => {
  it('names a pair the same way in either order, the smaller id first', () => {
    expect(separationKey('i_b', 'i_a')).toBe('i_a|i_b');
    expect(separationKey('i_a', 'i_b')).toBe('i_a|i_b');
  });
});

describe('decideCluster: a precise report', () => {
  it('starts an incident under the new id when it fits none', () => {
    const far = incident('i_far', 1, 357);
    expect(decideCluster(input({ candidates: [far] }))).toEqual({
      reportId: 'r_subject',
      placement: { kind: 'create', incidentId: 'i_new', estimate: estimate(report(0)) },
      left: null,
      attached: [],
    });
  });

  it('joins the only incident it fits, which then holds it too', () => {
    const near = incident('i_near', 1, 300);
    expect(decideCluster(input({ candidates: [near, incident('i_far', 2, 400)] }))).toEqual({
      reportId: 'r_subject',
      placement: {
        kind: 'join',
        incidentId: 'i_near',
        estimate: estimate(report(300), report(0)),
        merged: [],
      },
      left: null,
      attached: [],
    });
  });

  it('joins the incident it fits best when those it fits do not agree with each other', () => {
    // 200 m west and 300 m east: 500 m apart, more than the 356 m two incidents may be.
    const west = incident('i_west', 2, -200);
    const eastern = incident('i_east', 1, 300);
    const got = decideCluster(input({ candidates: [eastern, west] }));
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_west', merged: [] });
  });

  it('breaks a tie in fit by the older incident, in either order', () => {
    const a = incident('i_a', 1, -300);
    const b = incident('i_b', 2, 300);
    for (const candidates of [
      [a, b],
      [b, a],
    ]) {
      expect(decideCluster(input({ candidates })).placement).toMatchObject({
        incidentId: 'i_a',
        merged: [],
      });
    }
    const older = { ...b, seq: 0 };
    expect(decideCluster(input({ candidates: [a, older] })).placement.incidentId).toBe('i_b');
  });

  it('bridges incidents that agree: they merge into the oldest, not the best fitting', () => {
    const best = incident('i_best', 2, 100);
    const oldest = incident('i_oldest', 1, 300);
    const got = decideCluster(input({ candidates: [best, oldest] }));
    expect(got.placement).toEqual({
      kind: 'join',
      incidentId: 'i_oldest',
      estimate: estimate(report(100), report(300), report(0)),
      merged: ['i_best'],
    });
  });

  it('merges every incident that agrees with the best one, into the oldest of them all', () => {
    const got = decideCluster(
      input({
        candidates: [incident('i_1', 5, 50), incident('i_2', 3, 150), incident('i_3', 4, -150)],
      }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_2' });
    expect(got.placement.kind === 'join' && [...got.placement.merged].sort()).toEqual([
      'i_1',
      'i_3',
    ]);
    expect(got.placement.estimate.preciseCount).toBe(4);
  });

  it('does not merge a pair an analyst split apart (the pair named smaller id first)', () => {
    const best = incident('i_z', 2, 100);
    const oldest = incident('i_a', 1, 300);
    const got = decideCluster(
      input({ candidates: [best, oldest], separated: new Set(['i_a|i_z']) }),
    );
    expect(got.placement).toEqual({
      kind: 'join',
      incidentId: 'i_z',
      estimate: estimate(report(100), report(0)),
      merged: [],
    });
  });

  it('leaves out an incident split apart from any already in the group, not only the best', () => {
    // i_best agrees with both; i_b (older, taken first on a tie) and i_c were split apart.
    const got = decideCluster(
      input({
        candidates: [incident('i_best', 3, 50), incident('i_b', 1, 150), incident('i_c', 2, -150)],
        separated: new Set(['i_b|i_c']),
      }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_b', merged: ['i_best'] });
  });

  it('judges agreement with the best match only: the others need not agree with each other', () => {
    // i_mid is best and agrees with i_east (310 m) and i_west (210 m), which are 520 m apart.
    const got = decideCluster(
      input({
        candidates: [
          incident('i_mid', 3, 0),
          incident('i_east', 2, 310),
          incident('i_west', 1, -210),
        ],
      }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_west' });
    expect(got.placement.kind === 'join' && [...got.placement.merged].sort()).toEqual([
      'i_east',
      'i_mid',
    ]);
  });
});

describe('decideCluster: a vague report', () => {
  const subject = vague(0, { reportId: 'r_subject' });
  const apart = (reason: string, matches: number) => ({
    kind: 'apart',
    incidentId: 'i_new',
    estimate: estimate(subject),
    reason,
    matches,
  });

  it('is kept apart when it fits nothing', () => {
    const far = incident('i_far', 1, 4229);
    expect(decideCluster(input({ subject, candidates: [far] }))).toEqual({
      reportId: 'r_subject',
      placement: apart(FLAG.cluster.no_match, 0),
      left: null,
      attached: [],
    });
  });

  it('attaches to its only match, without moving its estimate', () => {
    // 2 × (2,000 + 64) + 100 = 4,228 m allowed.
    const only = incident('i_only', 1, 4227.99);
    const got = decideCluster(input({ subject, candidates: [only, incident('i_far', 2, 5000)] }));
    expect(got.placement).toEqual({
      kind: 'join',
      incidentId: 'i_only',
      estimate: only.estimate,
      merged: [],
    });
  });

  it('is kept apart when it fits two incidents alike, even two that agree: it never merges them', () => {
    const got = decideCluster(
      input({ subject, candidates: [incident('i_a', 1, 100), incident('i_b', 2, 200)] }),
    );
    expect(got.placement).toEqual(apart(FLAG.cluster.ambiguous, 2));
  });

  it('attaches to the one it fits that stands out: far likelier from its place', () => {
    const three = decideCluster(
      input({
        subject,
        candidates: [incident('i_b', 2, -3000), incident('i_a', 1, 100), incident('i_c', 3, 3000)],
      }),
    );
    expect(three.placement).toEqual({
      kind: 'join',
      incidentId: 'i_a',
      estimate: addObservation(incident('i_a', 1, 100).estimate, subject, rule),
      merged: [],
    });
  });

  it('of two alike in place, attaches to the one its time fits: 3 hours apart, not 1', () => {
    // ± 3 h around T: both incidents fit in time; mirror places weigh alike.
    const wide = { window: { from: T - 180 * MIN, to: T + 180 * MIN } };
    const at = (id: string, seq: number, meters: number, shift: number): CandidateIncident => ({
      id,
      seq,
      estimate: estimateOf(
        [report(meters, { window: { from: T + shift, to: T + shift + 10 * MIN } })],
        rule,
      ),
    });
    const now = at('i_now', 2, 1000, -5 * MIN);
    const decide = (shift: number) =>
      decideCluster(
        input({
          subject: vague(0, { reportId: 'r_subject', ...wide }),
          candidates: [at('i_then', 1, -1000, shift), now],
        }),
      ).placement;
    // Middles 3 h apart: σ² = 91.8² + 7.65² + 30² (half-widths 180 and 15 min, duration 60), so
    // the earlier weighs exp(−180² / 2σ²) ≈ 0.18 of the other: a share of 0.85.
    expect(decide(-180 * MIN - 5 * MIN)).toMatchObject({ kind: 'join', incidentId: 'i_now' });
    // 1 h apart: ≈ 0.83 of the other, a share of 0.55, so neither stands out.
    expect(decide(-60 * MIN - 5 * MIN)).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.ambiguous,
    });
  });

  it('stands out at TIPWIRE_CORRELATE_ATTACH_MIN_SHARE of the weight, not just below it', () => {
    const a = incident('i_a', 1, 400);
    const b = incident('i_b', 2, -1500);
    const weight = (e: Estimate) =>
      placeLikelihood(subject, e, rule) * timeLikelihood(subject, e, rule);
    const wa = weight(a.estimate);
    const wb = weight(b.estimate);
    const share = wa / (wa + wb);
    expect(share).toBeGreaterThan(0.5);
    const at = { ...rule, attachMinShare: share };
    expect(decideCluster(input({ subject, candidates: [b, a], rule: at })).placement).toMatchObject(
      { kind: 'join', incidentId: 'i_a' },
    );
    const above = { ...rule, attachMinShare: share + 1e-9 };
    expect(decideCluster(input({ subject, candidates: [b, a], rule: above })).placement).toEqual(
      apart(FLAG.cluster.ambiguous, 2),
    );
  });

  it('weighs each incident by its precise reports: five at one side outweigh one at the other, three do not', () => {
    // Mirror places, so the likelihoods are all but equal: 5/6 ≥ 0.8 > 3/4.
    const many = (n: number): CandidateIncident => ({
      id: 'i_many',
      seq: 1,
      estimate: estimateOf(
        Array.from({ length: n }, (_, i) =>
          report(1000, { reportId: `m${i}`, accuracyMeters: 64 * Math.sqrt(n) }),
        ),
        rule,
      ),
    });
    const one = incident('i_one', 2, -1000);
    expect(decideCluster(input({ subject, candidates: [one, many(5)] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_many',
    });
    expect(decideCluster(input({ subject, candidates: [one, many(3)] })).placement).toEqual(
      apart(FLAG.cluster.ambiguous, 2),
    );
  });

  it('weighs by likelihood, not by fit order: five reports a little farther outweigh one nearer', () => {
    const many: CandidateIncident = {
      id: 'i_many',
      seq: 1,
      estimate: estimateOf(
        Array.from({ length: 5 }, (_, i) =>
          report(1000, { reportId: `m${i}`, accuracyMeters: 64 * Math.sqrt(5) }),
        ),
        rule,
      ),
    };
    const near = incident('i_near', 2, -900);
    // The nearer one fits better (it is ranked first); the five weigh ~81 % of the total.
    expect(decideCluster(input({ subject, candidates: [many, near] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_many',
    });
  });

  it('on a tie of weights, the older of two alike is the one that may stand out', () => {
    const half = { ...rule, attachMinShare: 0.5 };
    const older = incident('i_older', 1, 1000);
    const newer = incident('i_newer', 2, -1000);
    for (const candidates of [
      [older, newer],
      [newer, older],
    ]) {
      expect(decideCluster(input({ subject, candidates, rule: half })).placement).toMatchObject({
        kind: 'join',
        incidentId: 'i_older',
      });
    }
  });

  it('takes a single match however small its share may be set, and never two at a share of 1', () => {
    const only = incident('i_only', 1, 4000);
    const strict = { ...rule, attachMinShare: 1 };
    expect(
      decideCluster(input({ subject, candidates: [only], rule: strict })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_only' });
    const two = [incident('i_a', 1, 100), incident('i_b', 2, 4000)];
    expect(decideCluster(input({ subject, candidates: two, rule: strict })).placement).toEqual(
      apart(FLAG.cluster.ambiguous, 2),
    );
  });

  it('is kept apart as ambiguous when the search was cut: a match left out may be likelier', () => {
    const only = [incident('i_only', 1, 100)];
    expect(
      decideCluster(input({ subject, candidates: only, candidatesCut: true })).placement,
    ).toEqual(apart(FLAG.cluster.ambiguous, 1));
    expect(
      decideCluster(input({ subject, candidates: only, candidatesCut: false })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_only' });
    // With nothing fitting, it is no match whether cut or not.
    expect(
      decideCluster(
        input({ subject, candidates: [incident('i_far', 1, 5000)], candidatesCut: true }),
      ).placement,
    ).toEqual(apart(FLAG.cluster.no_match, 0));
  });

  it('is kept apart as too vague beyond the attach limits, at them it attaches', () => {
    const only = [incident('i_only', 1, 100)];
    const at = vague(0, { reportId: 'r_subject', accuracyMeters: 10_000 });
    expect(decideCluster(input({ subject: at, candidates: only })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_only',
    });
    const beyond = vague(0, { reportId: 'r_subject', accuracyMeters: 10_001 });
    expect(decideCluster(input({ subject: beyond, candidates: only })).placement).toEqual({
      kind: 'apart',
      incidentId: 'i_new',
      estimate: estimate(beyond),
      reason: FLAG.cluster.too_vague,
      matches: 0,
    });
    const noTime = vague(0, { reportId: 'r_subject', window: null });
    expect(decideCluster(input({ subject: noTime, candidates: only })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.too_vague,
    });
  });
});

describe('decideCluster: a report placed only as a whole city', () => {
  // "北京" with a fire named and a precise time: 30 km, beyond the 10 km attach limit.
  const city = vague(0, { reportId: 'r_subject', kinds: ['fire'], accuracyMeters: 30_000 });
  /** An incident that `n` precise reports of a fire place, `meters` east of (0, 0). */
  const placedBy = (id: string, seq: number, n: number, meters = 100) =>
    placedByWitnesses(id, seq, n, meters);
  const tooVague = (matches: number, subject = city) => ({
    kind: 'apart',
    incidentId: 'i_new',
    estimate: estimate(subject),
    reason: FLAG.cluster.too_vague,
    matches,
  });

  it('attaches to the one match TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports place, saying so', () => {
    const three = placedBy('i_three', 1, 3);
    expect(decideCluster(input({ subject: city, candidates: [three] })).placement).toEqual({
      kind: 'join',
      incidentId: 'i_three',
      estimate: addObservation(three.estimate, city, rule),
      merged: [],
      reason: FLAG.cluster.citywide,
    });
    // One report fewer: a sighting among the many a city has, kept apart.
    const two = placedBy('i_two', 1, 2);
    expect(decideCluster(input({ subject: city, candidates: [two] })).placement).toEqual(
      tooVague(1),
    );
    // The setting moves the line: at 4, three reports are too few; at 2, two are enough.
    const four = { ...rule, citywideAttachMinReports: 4 };
    expect(
      decideCluster(input({ subject: city, candidates: [three], rule: four })).placement,
    ).toEqual({ ...tooVague(1), estimate: estimateOf([city], four) });
    const twoEnough = { ...rule, citywideAttachMinReports: 2 };
    expect(
      decideCluster(input({ subject: city, candidates: [two], rule: twoEnough })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_two', reason: FLAG.cluster.citywide });
    // 0: never, however many place it (not even looked at).
    const never = { ...rule, citywideAttachMinReports: 0 };
    expect(
      decideCluster(input({ subject: city, candidates: [three], rule: never })).placement,
    ).toEqual({ ...tooVague(0), estimate: estimateOf([city], never) });
  });

  it('is kept apart as too vague when no match stands out, when the search was cut, or with no match', () => {
    // Two alike, three reports each: neither holds 0.8 of the weight.
    const a = placedBy('i_a', 1, 3, 100);
    const b = placedBy('i_b', 2, 3, 150);
    expect(decideCluster(input({ subject: city, candidates: [a, b] })).placement).toEqual(
      tooVague(2),
    );
    // Weighed by the reports placing each (the place and time fit alike at this scale):
    // beside three, thirteen hold 13/16 ≈ 0.81 of the weight, eleven only 11/14 ≈ 0.79.
    const thirteen = placedBy('i_13', 3, 13, 120);
    expect(
      decideCluster(input({ subject: city, candidates: [a, thirteen] })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_13' });
    const eleven = placedBy('i_11', 3, 11, 120);
    expect(decideCluster(input({ subject: city, candidates: [a, eleven] })).placement).toEqual(
      tooVague(2),
    );
    const cut = input({ subject: city, candidates: [a], candidatesCut: true });
    expect(decideCluster(cut).placement).toEqual(tooVague(1));
    expect(decideCluster(input({ subject: city })).placement).toEqual(tooVague(0));
  });

  it('weighs only incidents of the kind it names, seen when it says (fitsCitywide)', () => {
    const explosion: CandidateIncident = {
      id: 'i_explosion',
      seq: 2,
      estimate: estimate(
        ...[0, 1, 2].map((i) => report(130 + i, { reportId: `r_x${i}`, kinds: ['explosion'] })),
      ),
    };
    // Of one group with a fire, so `fit` takes it; a whole-city "fire" does not.
    expect(decideCluster(input({ subject: city, candidates: [explosion] })).placement).toEqual(
      tooVague(0),
    );
    // Beside a fire three place, it is no rival: the fire stands out alone.
    const fire = placedBy('i_fire', 1, 3);
    expect(
      decideCluster(input({ subject: city, candidates: [fire, explosion] })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_fire', reason: FLAG.cluster.citywide });
    // A fire seen two hours before the report: within a fire's duration, not when they saw it.
    const later = { ...city, window: { from: T + 130 * MIN, to: T + 130 * MIN } };
    expect(decideCluster(input({ subject: later, candidates: [fire] })).placement).toEqual(
      tooVague(0, later),
    );
  });

  it('needs a kind named and a time precise enough to attach', () => {
    const three = [placedBy('i_three', 1, 3)];
    const kindless = { ...city, kinds: [] };
    expect(decideCluster(input({ subject: kindless, candidates: three })).placement).toEqual(
      tooVague(0, kindless),
    );
    // ± 720 minutes (TIPWIRE_CORRELATE_ATTACH_MAX_PRECISION_MINUTES) still attaches; a
    // millisecond wider does not.
    const around = (halfMs: number) => ({
      ...city,
      window: { from: T + 5 * MIN - halfMs, to: T + 5 * MIN + halfMs },
    });
    expect(
      decideCluster(input({ subject: around(720 * MIN), candidates: three })).placement,
    ).toMatchObject({ kind: 'join', incidentId: 'i_three' });
    const wider = around(720 * MIN + 1);
    expect(decideCluster(input({ subject: wider, candidates: three })).placement).toEqual(
      tooVague(0, wider),
    );
  });

  it('placed again, it stays where the rule attached it and still says so; placed by hand, not', () => {
    const three = placedBy('i_three', 1, 3);
    const current = (reason: FlagCode | null, pinned = false) => ({
      incidentId: 'i_three',
      without: three.estimate,
      others: 3,
      pinned,
      reason,
    });
    const stay = (reason?: FlagCode) => ({
      kind: 'stay',
      incidentId: 'i_three',
      estimate: addObservation(three.estimate, city, rule),
      ...(reason ? { reason } : {}),
    });
    const placed = (c: ReturnType<typeof current>) =>
      decideCluster(input({ subject: city, current: c })).placement;
    expect(placed(current(FLAG.cluster.citywide))).toEqual(stay(FLAG.cluster.citywide));
    expect(placed(current(null))).toEqual(stay());
    expect(placed(current(FLAG.cluster.citywide, true))).toEqual(stay());
  });

  it('follows copies of its message into a placed incident only if that many place it', () => {
    const three: CopyIncident = { ...placedBy('i_three', 1, 3), copies: 2 };
    expect(decideCluster(input({ subject: city, copies: [three] })).placement).toEqual({
      kind: 'join',
      incidentId: 'i_three',
      estimate: addObservation(three.estimate, city, rule),
      merged: [],
    });
    const two: CopyIncident = { ...placedBy('i_two', 1, 2), copies: 2 };
    expect(decideCluster(input({ subject: city, copies: [two] })).placement).toEqual(tooVague(0));
  });
});

describe('decideCluster: a vague copy of a message already in incidents', () => {
  // A copy names an event (here a fire): only such a message spreads as a campaign.
  const subject = vague(0, { reportId: 'r_subject', kinds: ['fire'] });
  /** An incident holding `copies` copies of the subject's text, with one precise member. */
  const placed = (id: string, seq: number, meters: number, copies = 1): CopyIncident => ({
    ...incident(id, seq, meters),
    copies,
  });
  /** An incident of vague copies only (no place), of these kinds. */
  const unplaced = (id: string, seq: number, copies: number, kinds: Observation['kinds'] = []) => ({
    id,
    seq,
    estimate: estimate(vague(50_000, { kinds })),
    copies,
  });

  it('joins the one placed incident holding copies, even one it fits among others, without moving it', () => {
    const a = incident('i_a', 1, 100);
    const b = placed('i_b', 2, 200);
    const got = decideCluster(input({ subject, candidates: [a, b], copies: [b] }));
    expect(got).toEqual({
      reportId: 'r_subject',
      placement: {
        kind: 'join',
        incidentId: 'i_b',
        estimate: { ...b.estimate, kinds: ['fire'] },
        merged: [],
      },
      left: null,
      attached: [],
    });
    // Not a candidate at all: the copies alone say where it belongs.
    const alone = decideCluster(input({ subject, copies: [b] }));
    expect(alone.placement).toMatchObject({ kind: 'join', incidentId: 'i_b' });
  });

  it('joins it at the attach limits, not a metre beyond them (then too vague to pick a place)', () => {
    const copy = placed('i_c', 1, 100);
    const at = vague(0, { reportId: 'r_subject', kinds: ['fire'], accuracyMeters: 10_000 });
    expect(decideCluster(input({ subject: at, copies: [copy] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_c',
    });
    const beyond = vague(0, { reportId: 'r_subject', kinds: ['fire'], accuracyMeters: 10_001 });
    expect(decideCluster(input({ subject: beyond, copies: [copy] })).placement).toEqual({
      kind: 'apart',
      incidentId: 'i_new',
      estimate: estimate(beyond),
      reason: FLAG.cluster.too_vague,
      matches: 0,
    });
  });

  it('passes over an incident of copies it does not fit as a copy', () => {
    // 2 × (2,000 + 64) + 400 (a fire's extent) = 4,528 m allowed.
    const far = placed('i_far', 1, 4529);
    expect(decideCluster(input({ subject, copies: [far] })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.no_match,
    });
    const near = placed('i_near', 1, 4527.99);
    expect(decideCluster(input({ subject, copies: [near] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_near',
    });
    const gunfire = vague(0, { reportId: 'r_subject', kinds: ['gunfire'] });
    const fire: CopyIncident = {
      id: 'i_fire',
      seq: 1,
      estimate: estimate(report(100, { kinds: ['fire'] })),
      copies: 5,
    };
    expect(decideCluster(input({ subject: gunfire, copies: [fire] })).placement.kind).toBe('apart');
    // Of two placed incidents of copies, the one it fits as a copy is the one placed.
    expect(decideCluster(input({ subject, copies: [far, near] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_near',
    });
  });

  it('joins none of several placed incidents of copies: the vague rules decide as before', () => {
    const a = placed('i_a', 1, 100, 3);
    const b = placed('i_b', 2, 200, 1);
    const u = unplaced('i_u', 3, 9);
    const none = decideCluster(input({ subject, copies: [a, b, u] }));
    expect(none.placement).toEqual({
      kind: 'apart',
      incidentId: 'i_new',
      estimate: estimate(subject),
      reason: FLAG.cluster.no_match,
      matches: 0,
    });
    const both = decideCluster(input({ subject, copies: [a, b], candidates: [a, b] }));
    expect(both.placement).toMatchObject({ kind: 'apart', reason: FLAG.cluster.ambiguous });
    const one = decideCluster(input({ subject, copies: [a, b], candidates: [b] }));
    expect(one.placement).toMatchObject({ kind: 'join', incidentId: 'i_b' });
  });

  it('of several placed incidents of copies, joins one holding TIPWIRE_CORRELATE_ATTACH_MIN_SHARE of the copies', () => {
    // 4 of 5 copies is the share of 0.8; 3 of 4 is under it (above).
    const a = placed('i_a', 2, 100, 4);
    const b = placed('i_b', 1, 200, 1);
    // In either order: the older one with fewer copies does not lead.
    for (const copies of [
      [b, a],
      [a, b],
    ]) {
      expect(decideCluster(input({ subject, copies })).placement).toEqual({
        kind: 'join',
        incidentId: 'i_a',
        estimate: addObservation(a.estimate, subject, rule),
        merged: [],
      });
    }
    // Stating no place, it follows them too; stating only a city, it does not.
    const noPlace = { ...subject, point: null };
    expect(decideCluster(input({ subject: noPlace, copies: [b, a] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_a',
    });
    const city = { ...subject, accuracyMeters: 30_000 };
    expect(decideCluster(input({ subject: city, copies: [b, a] })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.too_vague,
    });
    // Two alike at a share of 0.5: the older, where the rule allows half.
    const half = { ...rule, attachMinShare: 0.5 };
    const c = placed('i_c', 3, 300, 4);
    for (const copies of [
      [c, a],
      [a, c],
    ])
      expect(decideCluster(input({ subject, copies, rule: half })).placement).toMatchObject({
        kind: 'join',
        incidentId: 'i_a',
      });
    expect(decideCluster(input({ subject, copies: [c, a] })).placement).toMatchObject({
      kind: 'apart',
    });
  });

  it('joins the one placed incident of copies over incidents of copies without a place', () => {
    const got = decideCluster(
      input({ subject, copies: [unplaced('i_u', 1, 9), placed('i_p', 2, 100, 1)] }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_p' });
  });

  it('stating no place, joins the one placed incident of copies; stating only a city, none', () => {
    const copies = [unplaced('i_u', 1, 9), placed('i_p', 2, 100)];
    const noPlace = vague(0, { reportId: 'r_subject', kinds: ['fire'], point: null });
    expect(decideCluster(input({ subject: noPlace, copies })).placement).toEqual({
      kind: 'join',
      incidentId: 'i_p',
      estimate: addObservation(copies[1]!.estimate, noPlace, rule),
      merged: [],
    });
    // A place too vague to attach is a claim of its own ("北京"): kept apart, copy or not.
    const city = vague(0, { reportId: 'r_subject', kinds: ['fire'], accuracyMeters: 30_000 });
    expect(decideCluster(input({ subject: city, copies })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.too_vague,
    });
    // Without a readable time it fits no incident as a copy.
    const noTime = vague(0, { reportId: 'r_subject', kinds: ['fire'], point: null, window: null });
    expect(decideCluster(input({ subject: noTime, copies })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.too_vague,
    });
  });

  it('with no placed one, joins the unplaced incident holding most copies, however vague', () => {
    const tooVague = vague(0, { reportId: 'r_subject', point: null, kinds: ['fire'] });
    const few = unplaced('i_few', 1, 2);
    const most = unplaced('i_most', 2, 3);
    for (const copies of [
      [few, most],
      [most, few],
    ]) {
      for (const s of [subject, tooVague]) {
        expect(decideCluster(input({ subject: s, copies })).placement).toEqual({
          kind: 'join',
          incidentId: 'i_most',
          estimate: { ...most.estimate, kinds: s.kinds },
          merged: [],
        });
      }
    }
  });

  it('breaks a tie in copies by the older incident, in either order', () => {
    const older = unplaced('i_z', 1, 2);
    const newer = unplaced('i_a', 2, 2);
    for (const copies of [
      [older, newer],
      [newer, older],
    ]) {
      expect(decideCluster(input({ subject, copies })).placement).toMatchObject({
        kind: 'join',
        incidentId: 'i_z',
      });
    }
  });

  it('joins no unplaced incident of copies it does not fit as a copy (kinds, or no time)', () => {
    const fire = unplaced('i_fire', 1, 4, ['fire']);
    const gunfire = vague(0, { reportId: 'r_subject', kinds: ['gunfire'] });
    expect(decideCluster(input({ subject: gunfire, copies: [fire] })).placement.kind).toBe('apart');
    const noTime = vague(0, { reportId: 'r_subject', kinds: ['fire'], window: null });
    expect(decideCluster(input({ subject: noTime, copies: [fire] })).placement).toMatchObject({
      kind: 'apart',
      reason: FLAG.cluster.too_vague,
    });
  });

  it('does not count the incident it is leaving as one holding copies', () => {
    const alone = { incidentId: 'i_cur', without: EMPTY_ESTIMATE, others: 0, pinned: false };
    const own = { ...unplaced('i_cur', 1, 5) };
    const got = decideCluster(input({ subject, current: alone, copies: [own] }));
    expect(got.placement).toMatchObject({
      kind: 'apart',
      incidentId: 'i_cur',
      reason: FLAG.cluster.no_match,
    });
    // Leaving precise members it no longer fits, for the other incident of copies.
    const far = { incidentId: 'i_cur', without: estimate(report(5000)), others: 1, pinned: false };
    const other = placed('i_other', 2, 100);
    const ownPlaced: CopyIncident = { ...placed('i_cur', 1, 5000), copies: 4 };
    const moved = decideCluster(input({ subject, current: far, copies: [ownPlaced, other] }));
    expect(moved.placement).toMatchObject({ kind: 'join', incidentId: 'i_other' });
    expect(moved.left).toBe('i_cur');
  });

  it('follows no copies of a text that names no event, or only a routine complaint', () => {
    // "在吗", "how do I renew my ID?", a blocked fire lane: people who never met send them alike.
    const copies = [placed('i_p', 1, 100, 6)];
    const unplacedOnly = [unplaced('i_u', 1, 9)];
    for (const [kinds, reason] of [
      [[], FLAG.cluster.too_vague],
      [['routine'], FLAG.cluster.routine],
    ] as const) {
      const far = vague(0, { reportId: 'r_subject', kinds, point: null });
      expect(decideCluster(input({ subject: far, copies })).placement).toMatchObject({
        kind: 'apart',
        reason,
      });
      expect(decideCluster(input({ subject: far, copies: unplacedOnly })).placement.kind).toBe(
        'apart',
      );
    }
    // With an event named beside the routine words, it is a copy again.
    const named = vague(0, { reportId: 'r_subject', kinds: ['routine', 'fire'], point: null });
    expect(decideCluster(input({ subject: named, copies })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_p',
    });
  });

  it('never decides a precise report by its copies', () => {
    const got = decideCluster(input({ copies: [placed('i_far', 1, 5000), unplaced('i_u', 2, 9)] }));
    expect(got.placement).toMatchObject({ kind: 'create', incidentId: 'i_new' });
  });
});

describe('decideCluster: a routine complaint', () => {
  const routine = (id: string, seq: number, meters: number): CandidateIncident => ({
    id,
    seq,
    estimate: estimateOf([report(meters, { kinds: ['routine'] })], rule),
  });

  it('is kept apart, precise or vague, however well it fits another complaint', () => {
    for (const subject of [
      report(0, { reportId: 'r_subject', kinds: ['routine'] }),
      vague(0, { reportId: 'r_subject', kinds: ['routine'] }),
    ]) {
      const got = decideCluster(input({ subject, candidates: [routine('i_r', 1, 10)] }));
      expect(got.placement).toMatchObject({
        kind: 'apart',
        incidentId: 'i_new',
        reason: FLAG.cluster.routine,
        matches: 0,
      });
      expect(got.attached).toEqual([]);
    }
  });

  it('is not joined by a report naming no kind, which joins an event beside it instead', () => {
    expect(decideCluster(input({ candidates: [routine('i_r', 1, 10)] })).placement).toMatchObject({
      kind: 'create',
    });
    const got = decideCluster(
      input({ candidates: [routine('i_r', 1, 10), incident('i_e', 2, 50)] }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_e', merged: [] });
  });

  it('joins as any report once it also names an event', () => {
    const subject = report(0, { reportId: 'r_subject', kinds: ['routine', 'fire'] });
    const fire: CandidateIncident = {
      id: 'i_f',
      seq: 1,
      estimate: estimateOf([report(10, { kinds: ['fire'] })], rule),
    };
    expect(decideCluster(input({ subject, candidates: [fire] })).placement).toMatchObject({
      kind: 'join',
      incidentId: 'i_f',
    });
  });

  it('kept apart, is not attached later to an incident a report starts near it', () => {
    const complaint: VagueRecheck = {
      incidentId: 'i_v',
      observation: vague(1000, { kinds: ['routine'] }),
      candidates: [],
    };
    const event: VagueRecheck = { ...complaint, incidentId: 'i_w', observation: vague(1000) };
    expect(decideCluster(input({ rechecks: [complaint, event] })).attached).toEqual(['i_w']);
  });

  it('stays where an analyst pinned it', () => {
    const subject = report(0, { reportId: 'r_subject', kinds: ['routine'] });
    const current = {
      incidentId: 'i_cur',
      without: estimate(report(5000)),
      others: 1,
      pinned: true,
    };
    expect(decideCluster(input({ subject, current })).placement).toMatchObject({
      kind: 'stay',
      incidentId: 'i_cur',
    });
  });
});

describe('decideCluster: a report already in an incident', () => {
  // Built in each test (a function): a broken rule then fails the tests, not their collection.
  const without = () => estimate(report(300));

  it('stays where an analyst pinned it, even where it no longer fits', () => {
    const subject = report(5000, { reportId: 'r_subject' });
    const got = decideCluster(
      input({
        subject,
        current: { incidentId: 'i_cur', without: without(), others: 1, pinned: true },
        candidates: [incident('i_there', 1, 5000)],
      }),
    );
    expect(got).toEqual({
      reportId: 'r_subject',
      placement: { kind: 'stay', incidentId: 'i_cur', estimate: estimate(report(300), subject) },
      left: null,
      attached: [],
    });
  });

  it('stays pinned even alone', () => {
    const got = decideCluster(
      input({ current: { incidentId: 'i_cur', without: EMPTY_ESTIMATE, others: 0, pinned: true } }),
    );
    expect(got.placement).toMatchObject({ kind: 'stay', incidentId: 'i_cur' });
  });

  it('stays where it still fits the other members', () => {
    const got = decideCluster(
      input({
        current: { incidentId: 'i_cur', without: without(), others: 1, pinned: false },
        candidates: [incident('i_better', 1, 0)],
      }),
    );
    expect(got.placement).toEqual({
      kind: 'stay',
      incidentId: 'i_cur',
      estimate: estimate(report(300), report(0)),
    });
    expect(got.left).toBeNull();
  });

  it('stays the anchor of other members that are all vague, wherever it now is', () => {
    const vagueOnly = estimate(vague(3000), vague(-3000));
    expect(vagueOnly.preciseCount).toBe(0);
    const subject = report(10_000, { reportId: 'r_subject' });
    const current = { incidentId: 'i_cur', without: vagueOnly, others: 2, pinned: false };
    const got = decideCluster(
      input({ subject, current, candidates: [incident('i_there', 1, 10_000)] }),
    );
    expect(got).toEqual({
      reportId: 'r_subject',
      placement: { kind: 'stay', incidentId: 'i_cur', estimate: estimate(subject) },
      left: null,
      attached: [],
    });
    const vagueSubject = vague(0, { reportId: 'r_subject' });
    const one = { incidentId: 'i_cur', without: estimate(vague(100)), others: 1, pinned: false };
    expect(decideCluster(input({ subject: vagueSubject, current: one })).placement).toEqual({
      kind: 'stay',
      incidentId: 'i_cur',
      estimate: estimate(vague(100)),
    });
  });

  it('leaves an incident it no longer fits and is placed again under a new id', () => {
    const far = estimate(report(357));
    const got = decideCluster(
      input({
        current: { incidentId: 'i_cur', without: far, others: 1, pinned: false },
        // The store's own estimate of i_cur still holds the report: it is not a candidate.
        candidates: [{ id: 'i_cur', seq: 1, estimate: estimate(report(357), report(0)) }],
      }),
    );
    expect(got).toEqual({
      reportId: 'r_subject',
      placement: { kind: 'create', incidentId: 'i_new', estimate: estimate(report(0)) },
      left: 'i_cur',
      attached: [],
    });
  });

  it('leaves for another incident it fits', () => {
    const got = decideCluster(
      input({
        current: { incidentId: 'i_cur', without: estimate(report(357)), others: 1, pinned: false },
        candidates: [incident('i_other', 2, -100)],
      }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_other' });
    expect(got.left).toBe('i_cur');
  });

  it('keeps its incident id when it was alone there and starts one again', () => {
    const alone = { incidentId: 'i_cur', without: EMPTY_ESTIMATE, others: 0, pinned: false };
    const got = decideCluster(input({ current: alone }));
    expect(got.placement).toEqual({
      kind: 'create',
      incidentId: 'i_cur',
      estimate: estimate(report(0)),
    });
    expect(got.left).toBe('i_cur');
    const vagueAlone = decideCluster(input({ subject: vague(0), current: alone }));
    expect(vagueAlone.placement).toMatchObject({
      kind: 'apart',
      incidentId: 'i_cur',
      reason: FLAG.cluster.no_match,
    });
  });

  it('joins another incident it fits when it was alone: its old incident is the one left', () => {
    const alone = { incidentId: 'i_cur', without: EMPTY_ESTIMATE, others: 0, pinned: false };
    const got = decideCluster(input({ current: alone, candidates: [incident('i_other', 1, 100)] }));
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_other', merged: [] });
    expect(got.left).toBe('i_cur');
  });
});

describe('decideCluster: vague reports kept apart, looked at again', () => {
  /** The vague report 1,000 m east, alone in i_v, with these incidents around it. */
  const recheck = (
    candidates: CandidateIncident[] = [],
    observation = vague(1000),
  ): VagueRecheck => ({ incidentId: 'i_v', observation, candidates });

  it('attaches one whose only match is now the incident the report started', () => {
    const got = decideCluster(input({ rechecks: [recheck()] }));
    expect(got.placement.kind).toBe('create');
    expect(got.attached).toEqual(['i_v']);
  });

  it('attaches one to the incident the report joined; its old view of that incident does not count', () => {
    const joined = incident('i_j', 1, 100);
    const got = decideCluster(input({ candidates: [joined], rechecks: [recheck([joined])] }));
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_j' });
    expect(got.attached).toEqual(['i_v']);
  });

  it('does not count an incident merged away by the bridge as another match', () => {
    const best = incident('i_best', 2, 100);
    const oldest = incident('i_oldest', 1, 300);
    const got = decideCluster(
      input({ candidates: [best, oldest], rechecks: [recheck([best, oldest])] }),
    );
    expect(got.placement).toMatchObject({ incidentId: 'i_oldest', merged: ['i_best'] });
    expect(got.attached).toEqual(['i_v']);
  });

  it('leaves one apart that fits another incident as likely or likelier', () => {
    // 500 m from the other, 1,000 m from the new incident: the other weighs more.
    const other = incident('i_other', 1, 1500);
    expect(decideCluster(input({ rechecks: [recheck([other])] })).attached).toEqual([]);
    const unfit = incident('i_unfit', 1, 1000 + 4229);
    expect(decideCluster(input({ rechecks: [recheck([unfit])] })).attached).toEqual(['i_v']);
  });

  it('attaches one kept apart as ambiguous once the new incident stands out among its matches', () => {
    // 2,000 m from the other, 1,000 m from the new incident: ~90 % of the weight.
    const other = incident('i_other', 1, 3000);
    expect(decideCluster(input({ rechecks: [recheck([other])] })).attached).toEqual(['i_v']);
    // Two others as near as the new incident: it does not stand out.
    const two = [incident('i_a', 1, 2000), incident('i_b', 2, 1000)];
    expect(decideCluster(input({ rechecks: [recheck(two)] })).attached).toEqual([]);
  });

  it('weighs the incident the report joined with its new estimate, not its old one', () => {
    // v is 1,000 m from both (mirror places); each precise report weighs alike, so the
    // joined incident's share is n / (n + 1) with n its precise reports after the join.
    const many = (n: number, meters: number, id: string, seq: number): CandidateIncident => ({
      id,
      seq,
      estimate: estimateOf(
        Array.from({ length: n }, (_, i) =>
          report(meters, { reportId: `${id}${i}`, accuracyMeters: 64 * Math.sqrt(n) }),
        ),
        rule,
      ),
    });
    const joined = many(4, 0, 'i_j', 1);
    const other = many(1, 2000, 'i_o', 2);
    // 4 + the subject = 5: 5/6 stands out.
    const got = decideCluster(
      input({ candidates: [joined], rechecks: [recheck([joined, other])] }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_j' });
    expect(got.attached).toEqual(['i_v']);
    // 3 + the subject = 4: 4/5 (a little over, its place being more accurate) stands out;
    // weighed as it was before the join, 3/4 would not.
    const fewer = many(3, 0, 'i_j', 1);
    const got3 = decideCluster(input({ candidates: [fewer], rechecks: [recheck([fewer, other])] }));
    expect(got3.attached).toEqual(['i_v']);
    // 2 + the subject = 3: 3/4 does not.
    const two = many(2, 0, 'i_j', 1);
    const got2 = decideCluster(input({ candidates: [two], rechecks: [recheck([two, other])] }));
    expect(got2.attached).toEqual([]);
  });

  it('leaves one apart that does not fit the placement', () => {
    const far = recheck([], vague(4229));
    expect(decideCluster(input({ rechecks: [far] })).attached).toEqual([]);
    const near = recheck([], vague(4227.99));
    expect(decideCluster(input({ rechecks: [near] })).attached).toEqual(['i_v']);
  });

  it('leaves one apart that an analyst split from the placement', () => {
    const got = decideCluster(
      input({ rechecks: [recheck()], separated: new Set([separationKey('i_v', 'i_new')]) }),
    );
    expect(got.attached).toEqual([]);
  });

  it('leaves one apart that is too vague to attach, attaches one at the limit', () => {
    const at = recheck([], vague(1000, { accuracyMeters: 10_000 }));
    const beyond = recheck([], vague(1000, { accuracyMeters: 10_001 }));
    expect(decideCluster(input({ rechecks: [at] })).attached).toEqual(['i_v']);
    expect(decideCluster(input({ rechecks: [beyond] })).attached).toEqual([]);
  });

  it('attaches each of several, and only those that qualify', () => {
    const got = decideCluster(
      input({
        rechecks: [
          { ...recheck(), incidentId: 'i_v1' },
          { ...recheck([], vague(9000)), incidentId: 'i_v2' },
          { ...recheck([], vague(-1000)), incidentId: 'i_v3' },
        ],
      }),
    );
    expect(got.attached).toEqual(['i_v1', 'i_v3']);
  });

  it('attaches nothing when the report stayed or was kept apart', () => {
    const stay = decideCluster(
      input({
        current: { incidentId: 'i_cur', without: estimate(report(0)), others: 1, pinned: false },
        rechecks: [recheck()],
      }),
    );
    expect(stay.placement.kind).toBe('stay');
    expect(stay.attached).toEqual([]);
    const apart = decideCluster(input({ subject: vague(0), rechecks: [recheck()] }));
    expect(apart.placement.kind).toBe('apart');
    expect(apart.attached).toEqual([]);
  });
});

describe('decideCluster: a whole-city report kept apart, looked at again', () => {
  // "北京" and a fire, 30 km: kept apart when it came, before the fire's witnesses.
  const city = vague(0, { reportId: 'r_city', kinds: ['fire'], accuracyMeters: 30_000 });
  const recheck = (candidates: CandidateIncident[] = [], observation = city): VagueRecheck => ({
    incidentId: 'i_city',
    observation,
    candidates,
  });
  /** The subject: a precise fire witness at (0, 0). */
  const witness = report(0, { reportId: 'r_subject', kinds: ['fire'] });
  /** An incident that `n` precise fire witnesses place, `meters` east of (0, 0). */
  const fireBy = (id: string, seq: number, n: number, meters = 50) =>
    placedByWitnesses(id, seq, n, meters);

  it('attaches once the incident the report joins has TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports, saying so', () => {
    // Two placed it; with the subject, three.
    const two = fireBy('i_fire', 1, 2);
    const got = decideCluster(
      input({ subject: witness, candidates: [two], rechecks: [recheck([two])] }),
    );
    expect(got.placement).toMatchObject({ kind: 'join', incidentId: 'i_fire' });
    expect(got.attached).toEqual(['i_city']);
    expect(got.citywide).toEqual(['i_city']);
    // One placed it; with the subject, two: too few.
    const one = fireBy('i_fire', 1, 1);
    const fewer = decideCluster(
      input({ subject: witness, candidates: [one], rechecks: [recheck([one])] }),
    );
    expect(fewer.attached).toEqual([]);
    expect(fewer.citywide).toBeUndefined();
    // The setting moves the line; at 0 a whole-city report never attaches.
    const atTwo = { ...rule, citywideAttachMinReports: 2 };
    expect(
      decideCluster(
        input({ subject: witness, candidates: [one], rechecks: [recheck([one])], rule: atTwo }),
      ).attached,
    ).toEqual(['i_city']);
    const never = { ...rule, citywideAttachMinReports: 0 };
    expect(
      decideCluster(
        input({ subject: witness, candidates: [two], rechecks: [recheck([two])], rule: never }),
      ).attached,
    ).toEqual([]);
  });

  it('attaches only to an incident of the kind it names, seen when it says', () => {
    const two = fireBy('i_fire', 1, 2);
    // The witnesses saw a drone: the city report names a fire.
    const drone = { ...witness, kinds: ['drone' as const] };
    const droneTwo: CandidateIncident = {
      ...two,
      estimate: estimate(
        report(50, { reportId: 'r_d1', kinds: ['drone'] }),
        report(51, { reportId: 'r_d2', kinds: ['drone'] }),
      ),
    };
    expect(
      decideCluster(
        input({ subject: drone, candidates: [droneTwo], rechecks: [recheck([droneTwo])] }),
      ).attached,
    ).toEqual([]);
    // The fire was seen two days before the city report's time.
    const later = { ...city, window: { from: T + 2 * 24 * 60 * MIN, to: T + 2 * 24 * 60 * MIN } };
    expect(
      decideCluster(
        input({ subject: witness, candidates: [two], rechecks: [recheck([two], later)] }),
      ).attached,
    ).toEqual([]);
  });

  it('weighs it only against incidents of its kind: another fire as big keeps it apart, an explosion does not', () => {
    const two = fireBy('i_fire', 1, 2);
    const otherFire = fireBy('i_other', 2, 3, 5000);
    expect(
      decideCluster(
        input({ subject: witness, candidates: [two], rechecks: [recheck([two, otherFire])] }),
      ).attached,
    ).toEqual([]);
    // Three witnesses of an explosion as near: a related kind, which a precise fire report
    // may join, but not the kind the city report names, so not a rival.
    const blast: CandidateIncident = {
      id: 'i_blast',
      seq: 2,
      estimate: estimate(
        ...[0, 1, 2].map((i) => report(5000 + i, { reportId: `r_b${i}`, kinds: ['explosion'] })),
      ),
    };
    expect(
      decideCluster(
        input({ subject: witness, candidates: [two], rechecks: [recheck([two, blast])] }),
      ).attached,
    ).toEqual(['i_city']);
  });

  it('names only the whole-city reports among those attached', () => {
    const two = fireBy('i_fire', 1, 2);
    const local = { ...recheck([two], vague(1000, { kinds: ['fire'] })), incidentId: 'i_local' };
    const got = decideCluster(
      input({ subject: witness, candidates: [two], rechecks: [local, recheck([two])] }),
    );
    expect(got.attached).toEqual(['i_local', 'i_city']);
    expect(got.citywide).toEqual(['i_city']);
  });

  it('leaves one apart that names no kind, or whose time is too vague to attach', () => {
    const two = fireBy('i_fire', 1, 2);
    const kindless = { ...city, kinds: [] };
    const wide = { ...city, window: { from: T - 721 * MIN, to: T + 721 * MIN } };
    const atLimit = { ...city, window: { from: T - 720 * MIN, to: T + 720 * MIN } };
    const attached = (o: Observation) =>
      decideCluster(input({ subject: witness, candidates: [two], rechecks: [recheck([two], o)] }))
        .attached;
    expect(attached(kindless)).toEqual([]);
    expect(attached(wide)).toEqual([]);
    expect(attached(atLimit)).toEqual(['i_city']);
  });
});

describe('citywideRecheckKinds', () => {
  const witness = report(0, { reportId: 'r_subject', kinds: ['fire'] });
  const placed = (id: string, n: number, meters: number, kinds: Observation['kinds']) =>
    placedByWitnesses(id, 1, n, meters, kinds);

  it('is null below TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS precise reports in all, the kinds at it', () => {
    // The subject and one: two, too few. The subject and two: three.
    expect(citywideRecheckKinds(witness, [placed('i_a', 1, 50, ['fire'])], rule)).toBeNull();
    expect(citywideRecheckKinds(witness, [placed('i_a', 2, 50, ['fire'])], rule)).toEqual(
      new Set(['fire']),
    );
    // Two incidents it bridges count together, with every kind they name.
    const kinds = citywideRecheckKinds(
      witness,
      [placed('i_a', 1, 50, ['fire']), placed('i_b', 1, -50, ['explosion'])],
      rule,
    );
    expect(kinds).toEqual(new Set(['fire', 'explosion']));
    // At 1 the subject alone is enough.
    expect(citywideRecheckKinds(witness, [], { ...rule, citywideAttachMinReports: 1 })).toEqual(
      new Set(['fire']),
    );
  });

  it('counts only incidents the subject fits, and no routine complaint', () => {
    const far = placed('i_far', 5, 5000, ['fire']);
    expect(citywideRecheckKinds(witness, [far], rule)).toBeNull();
    const routine = placed('i_r', 5, 50, ['routine']);
    expect(citywideRecheckKinds(report(0, { kinds: ['routine'] }), [routine], rule)).toBeNull();
  });

  it('is null for a vague subject, and when the setting is 0', () => {
    const two = placed('i_a', 2, 50, ['fire']);
    expect(citywideRecheckKinds(vague(0, { kinds: ['fire'] }), [two], rule)).toBeNull();
    const never = { ...rule, citywideAttachMinReports: 0 };
    expect(citywideRecheckKinds(witness, [placed('i_a', 5, 50, ['fire'])], never)).toBeNull();
  });
});
