import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventKind } from '../domain/event-kinds.js';
import { boundingBox, haversineMeters, type Point } from './geo.js';
import {
  addObservation,
  combine,
  EMPTY_ESTIMATE,
  estimateOf,
  estimatesAgree,
  fit,
  fitsAsCopy,
  incidentBoxes,
  isTooVague,
  isCitywide,
  candidateCap,
  fitsCitywide,
  isVague,
  observationBoxes,
  observationWindow,
  observedAccuracy,
  onlyRoutine,
  placeLikelihood,
  placeOf,
  precisionMinutes,
  timeLikelihood,
  profileOf,
  searchBoxes,
  widened,
  type ClusterRule,
  type Estimate,
  type Observation,
  type SearchBox,
} from './incident-state.js';
import { TEST_PROFILES } from './kind-profiles.fixture.js';
import type { KindProfile } from './settings.js';

const MIN = 60_000;
/** 2026-11-20 12:00 UTC. */
const T = Date.UTC(2026, 10, 20, 12);
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const ORIGIN: Point = { lat: 0, lon: 0 };

/** The point `meters` east of (0, 0) along the equator. */
const east = (meters: number): Point => ({ lat: 0, lon: meters / EARTH_RADIUS_M / RAD });

/** The point `meters` from `p` in direction `bearing` (degrees), longitude in [-180, 180]. */
function destination(p: Point, bearing: number, meters: number): Point {
  const d = meters / EARTH_RADIUS_M;
  const lat1 = p.lat * RAD;
  const b = bearing * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    p.lon * RAD +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  const lon = ((((lon2 / RAD + 180) % 360) + 360) % 360) - 180;
  return { lat: lat2 / RAD, lon };
}

/** Tolerance 2, slack 5 minutes, the default limits and kind profiles; override any. */
function rule(overrides: Partial<ClusterRule> = {}): ClusterRule {
  return {
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
    kindProfiles: TEST_PROFILES,
    ...overrides,
  };
}

/** A rule whose `*` profile (no kind named) is this one. */
const ruleWithStar = (star: KindProfile, overrides: Partial<ClusterRule> = {}) =>
  rule({ kindProfiles: { ...TEST_PROFILES, '*': star }, ...overrides });

/**
 * A precise observation at (0, 0), accuracy 64 m (a power of two, so that 1/accuracy²
 * and back are exact), seen in [T, T + 10 min]; override any field.
 */
function obs(overrides: Partial<Observation> = {}): Observation {
  return {
    reportId: 'r',
    point: ORIGIN,
    accuracyMeters: 64,
    window: { from: T, to: T + 10 * MIN },
    kinds: [],
    ...overrides,
  };
}

/** The observation seen `shift` ms later than `obs()`'s. */
const shifted = (shift: number, overrides: Partial<Observation> = {}) =>
  obs({ window: { from: T + shift, to: T + shift + 10 * MIN }, ...overrides });

const single = (o: Observation, r = rule()): Estimate => estimateOf([o], r);

describe('isVague', () => {
  it('is not vague at the accuracy limit, vague one metre beyond it', () => {
    expect(isVague(obs({ accuracyMeters: 1000 }), rule())).toBe(false);
    expect(isVague(obs({ accuracyMeters: 1001 }), rule())).toBe(true);
  });

  it('is not vague at ± the precision limit, vague a millisecond beyond it', () => {
    // ± 90 minutes is a window 180 minutes wide.
    expect(isVague(obs({ window: { from: T, to: T + 180 * MIN } }), rule())).toBe(false);
    expect(isVague(obs({ window: { from: T, to: T + 180 * MIN + 1 } }), rule())).toBe(true);
  });

  it('is vague without a point or without a time', () => {
    expect(isVague(obs({ point: null }), rule())).toBe(true);
    expect(isVague(obs({ window: null }), rule())).toBe(true);
    expect(isVague(obs(), rule())).toBe(false);
  });

  it('reads the limits from the rule', () => {
    expect(isVague(obs({ accuracyMeters: 500 }), rule({ vagueAccuracyMeters: 499 }))).toBe(true);
    expect(isVague(obs(), rule({ vaguePrecisionMinutes: 4 }))).toBe(true);
    expect(isVague(obs(), rule({ vaguePrecisionMinutes: 5 }))).toBe(false);
  });
});

describe('fitsCitywide', () => {
  const fire = (from: number, to = from + 10 * MIN) =>
    obs({ kinds: ['fire'], window: { from, to } });
  /** A whole-city report of a fire seen at the instant `at` (widened to ± 5 min: the slack). */
  const cityAt = (at: number, kinds: EventKind[] = ['fire']) =>
    obs({ kinds, accuracyMeters: 30_000, window: { from: at, to: at } });

  it('meets the span its one witness saw the event in, to the millisecond', () => {
    // The witness's [T, T + 10 min] widened (× 2 + 5 min): [T − 10 min, T + 20 min].
    const e = single(fire(T));
    expect(fitsCitywide(cityAt(T + 25 * MIN), e, rule())).toBe(true);
    expect(fitsCitywide(cityAt(T + 25 * MIN + 1), e, rule())).toBe(false);
    expect(fitsCitywide(cityAt(T - 15 * MIN), e, rule())).toBe(true);
    expect(fitsCitywide(cityAt(T - 15 * MIN - 1), e, rule())).toBe(false);
  });

  it('between witnesses who saw it at different moments: the span between them', () => {
    // [T − 10, T + 20] and [T + 50, T + 80]: the latest start T + 50, the earliest end T + 20.
    const e = estimateOf([fire(T), fire(T + 60 * MIN)], rule());
    expect(fitsCitywide(cityAt(T + 35 * MIN), e, rule())).toBe(true);
    expect(fitsCitywide(cityAt(T + 15 * MIN), e, rule())).toBe(true);
    expect(fitsCitywide(cityAt(T + 15 * MIN - 1), e, rule())).toBe(false);
    expect(fitsCitywide(cityAt(T + 55 * MIN), e, rule())).toBe(true);
    expect(fitsCitywide(cityAt(T + 55 * MIN + 1), e, rule())).toBe(false);
  });

  it('needs a kind its witnesses named, not only a related one', () => {
    const e = single(fire(T));
    expect(fitsCitywide(cityAt(T, ['explosion']), e, rule())).toBe(false);
    expect(fitsCitywide(cityAt(T, ['explosion', 'fire']), e, rule())).toBe(true);
  });

  it('needs a time and a precise member', () => {
    expect(fitsCitywide(obs({ kinds: ['fire'], window: null }), single(fire(T)), rule())).toBe(
      false,
    );
    const vagueOnly = single(obs({ kinds: ['fire'], accuracyMeters: 5000 }));
    expect(vagueOnly.kinds).toEqual(['fire']);
    expect(fitsCitywide(cityAt(T), vagueOnly, rule())).toBe(false);
  });
});

describe('isCitywide and candidateCap', () => {
  // A fire named, 30 km: a whole city.
  const city = (overrides: Partial<Observation> = {}) =>
    obs({ kinds: ['fire'], accuracyMeters: 30_000, ...overrides });

  it('is a whole city one metre beyond the attach limit, not at it', () => {
    expect(isCitywide(city({ accuracyMeters: 10_001 }), rule())).toBe(true);
    expect(isCitywide(city({ accuracyMeters: 10_000 }), rule())).toBe(false);
    expect(
      isCitywide(city({ accuracyMeters: 20_000 }), rule({ attachMaxAccuracyMeters: 20_000 })),
    ).toBe(false);
  });

  it('needs a time precise enough to attach, a kind, a point, and the setting above 0', () => {
    expect(isCitywide(city({ window: { from: T, to: T + 1440 * MIN } }), rule())).toBe(true);
    expect(isCitywide(city({ window: { from: T, to: T + 1440 * MIN + 1 } }), rule())).toBe(false);
    expect(isCitywide(city({ window: null }), rule())).toBe(false);
    expect(isCitywide(city({ kinds: [] }), rule())).toBe(false);
    expect(isCitywide(city({ point: null }), rule())).toBe(false);
    expect(isCitywide(city(), rule({ citywideAttachMinReports: 0 }))).toBe(false);
    expect(isCitywide(city(), rule({ citywideAttachMinReports: 1 }))).toBe(true);
  });

  it('searches a whole city with its own cut, every other report with the usual one', () => {
    const r = rule({ maxCandidates: 7, citywideMaxCandidates: 300 });
    expect(candidateCap(city(), r)).toBe(300);
    expect(candidateCap(city({ kinds: [] }), r)).toBe(7);
    expect(candidateCap(obs(), r)).toBe(7);
  });
});

describe('isTooVague', () => {
  it('may attach at the accuracy limit, not one metre beyond it', () => {
    expect(isTooVague(obs({ accuracyMeters: 10_000 }), rule())).toBe(false);
    expect(isTooVague(obs({ accuracyMeters: 10_001 }), rule())).toBe(true);
  });

  it('may attach at ± the precision limit, not a millisecond beyond it', () => {
    expect(isTooVague(obs({ window: { from: T, to: T + 1440 * MIN } }), rule())).toBe(false);
    expect(isTooVague(obs({ window: { from: T, to: T + 1440 * MIN + 1 } }), rule())).toBe(true);
  });

  it('is too vague without a point or without a time', () => {
    expect(isTooVague(obs({ point: null }), rule())).toBe(true);
    expect(isTooVague(obs({ window: null }), rule())).toBe(true);
  });

  it('does not read the vague limits', () => {
    // Vague (2,000 m, ± 5 h) but not too vague to attach.
    const o = obs({ accuracyMeters: 2000, window: { from: T, to: T + 600 * MIN } });
    expect(isVague(o, rule())).toBe(true);
    expect(isTooVague(o, rule())).toBe(false);
  });
});

describe('observedAccuracy', () => {
  it('is the stated accuracy unless the text says the event was seen from afar', () => {
    expect(observedAccuracy(30, false, rule())).toBe(30);
    expect(observedAccuracy(30, true, rule())).toBe(2000);
  });

  it('widens to the setting, never narrows: below, at and beyond it', () => {
    const r = rule({ seenFromAfarMeters: 500 });
    expect(observedAccuracy(499, true, r)).toBe(500);
    expect(observedAccuracy(500, true, r)).toBe(500);
    expect(observedAccuracy(501, true, r)).toBe(501);
  });

  it('changes nothing at 0', () => {
    expect(observedAccuracy(30, true, rule({ seenFromAfarMeters: 0 }))).toBe(30);
  });
});

describe('onlyRoutine', () => {
  it('is a routine complaint only when every kind named is routine', () => {
    expect(onlyRoutine({ kinds: ['routine'] })).toBe(true);
    expect(onlyRoutine({ kinds: [] })).toBe(false);
    expect(onlyRoutine({ kinds: ['routine', 'fire'] })).toBe(false);
    expect(onlyRoutine({ kinds: ['fire', 'routine'] })).toBe(false);
  });
});

describe('observationWindow', () => {
  it('is the observed interval when the report states a readable time', () => {
    const observed = { from: T - 30 * MIN, to: T - 20 * MIN };
    expect(observationWindow(observed, T, rule())).toBe(observed);
  });

  it('is the unstated-time minutes before receipt when it states none', () => {
    expect(observationWindow(null, T, rule())).toEqual({ from: T - 240 * MIN, to: T });
    expect(observationWindow(null, T, { unstatedTimeMinutes: 1 })).toEqual({
      from: T - MIN,
      to: T,
    });
  });

  it('is vague at the default 240 minutes (± 120), precise only under a rule that allows it', () => {
    const window = observationWindow(null, T, rule());
    expect(precisionMinutes(obs({ window }))).toBe(120);
    expect(isVague(obs({ window }), rule())).toBe(true);
    expect(isVague(obs({ window }), rule({ vaguePrecisionMinutes: 120 }))).toBe(false);
    expect(isVague(obs({ window }), rule({ vaguePrecisionMinutes: 119 }))).toBe(true);
  });
});

describe('precisionMinutes', () => {
  it('is half the width of the window in minutes; unknown time is infinitely imprecise', () => {
    expect(precisionMinutes(obs())).toBe(5);
    expect(precisionMinutes(obs({ window: null }))).toBe(Infinity);
  });
});

describe('widened', () => {
  it('stretches the half-width by the tolerance and adds the slack on each side', () => {
    // Mid T + 5 min, half 5 min · 2 + 5 min = 15 min.
    expect(widened({ from: T, to: T + 10 * MIN }, rule())).toEqual({
      from: T - 10 * MIN,
      to: T + 20 * MIN,
    });
    expect(
      widened({ from: T, to: T + 10 * MIN }, rule({ tolerance: 3, timeSlackMinutes: 1 })),
    ).toEqual({ from: T - 11 * MIN, to: T + 21 * MIN });
  });

  it('gives an instant the slack alone', () => {
    expect(widened({ from: T, to: T }, rule())).toEqual({ from: T - 5 * MIN, to: T + 5 * MIN });
  });
});

describe('profileOf', () => {
  it('is the `*` profile when no kind is named', () => {
    expect(profileOf([], ruleWithStar({ extentMeters: 123, durationMinutes: 45 }))).toEqual({
      extentMeters: 123,
      durationMinutes: 45,
    });
  });

  it('takes the widest extent and the longest duration of the kinds, each on its own', () => {
    // fire 400 m / 240 min, explosion 600 m / 120 min.
    expect(profileOf(['fire', 'explosion'], rule())).toEqual({
      extentMeters: 600,
      durationMinutes: 240,
    });
    expect(profileOf(['explosion', 'fire'], rule())).toEqual({
      extentMeters: 600,
      durationMinutes: 240,
    });
    expect(profileOf(['medical'], rule())).toEqual({ extentMeters: 150, durationMinutes: 60 });
  });
});

describe('addObservation and estimateOf', () => {
  it('moves the estimate with a precise member: weight 1/accuracy², its widened interval', () => {
    const e = addObservation(EMPTY_ESTIMATE, obs({ kinds: ['fire'] }), rule());
    expect(e).toEqual({
      kinds: ['fire'],
      preciseCount: 1,
      weight: 1 / 4096,
      wx: 1 / 4096,
      wy: 0,
      wz: 0,
      latestStart: T - 10 * MIN,
      earliestEnd: T + 20 * MIN,
      handSpreadMeters: 0,
    });
  });

  it('adds only the kinds of a vague member, each once', () => {
    const before = addObservation(EMPTY_ESTIMATE, obs({ kinds: ['fire'] }), rule());
    const vague = obs({ accuracyMeters: 1001, kinds: ['explosion', 'fire'] });
    expect(addObservation(before, vague, rule())).toEqual({
      ...before,
      kinds: ['fire', 'explosion'],
    });
  });

  it('keeps the latest start and the earliest end of its members', () => {
    const e = estimateOf([obs(), shifted(30 * MIN), shifted(-7 * MIN)], rule());
    expect(e.preciseCount).toBe(3);
    expect(e.latestStart).toBe(T + 20 * MIN);
    expect(e.earliestEnd).toBe(T + 13 * MIN);
  });

  it('sums the weighted unit vectors of the members', () => {
    const e = estimateOf(
      [
        obs({ point: { lat: 0, lon: 90 } }),
        obs({ point: { lat: 90, lon: 0 }, accuracyMeters: 32 }),
      ],
      rule(),
    );
    expect(e.weight).toBe(1 / 4096 + 1 / 1024);
    expect(e.wx).toBeCloseTo(0, 12);
    expect(e.wy).toBeCloseTo(1 / 4096, 12);
    expect(e.wz).toBeCloseTo(1 / 1024, 12);
  });

  it('weighs an accuracy under a metre as one metre', () => {
    expect(addObservation(EMPTY_ESTIMATE, obs({ accuracyMeters: 0.25 }), rule()).weight).toBe(1);
    expect(addObservation(EMPTY_ESTIMATE, obs({ accuracyMeters: 2 }), rule()).weight).toBe(0.25);
  });

  it('is empty for no member', () => {
    expect(estimateOf([], rule())).toEqual(EMPTY_ESTIMATE);
    expect(EMPTY_ESTIMATE.latestStart).toBe(-Infinity);
    expect(EMPTY_ESTIMATE.earliestEnd).toBe(Infinity);
  });
});

describe('combine', () => {
  it("adds the sums and keeps the latest start, the earliest end and the widest hand's spread of both", () => {
    const a: Estimate = {
      kinds: ['fire'],
      preciseCount: 2,
      weight: 1,
      wx: 0.5,
      wy: 0.25,
      wz: 0.125,
      latestStart: T,
      earliestEnd: T + 50 * MIN,
      handSpreadMeters: 700,
    };
    const b: Estimate = {
      kinds: ['explosion', 'fire'],
      preciseCount: 3,
      weight: 2,
      wx: 1,
      wy: 2,
      wz: 4,
      latestStart: T + 10 * MIN,
      earliestEnd: T + 40 * MIN,
      handSpreadMeters: 300,
    };
    const both = {
      kinds: ['fire', 'explosion'],
      preciseCount: 5,
      weight: 3,
      wx: 1.5,
      wy: 2.25,
      wz: 4.125,
      latestStart: T + 10 * MIN,
      earliestEnd: T + 40 * MIN,
      handSpreadMeters: 700,
    };
    expect(combine(a, b)).toEqual(both);
    expect(combine(b, a)).toEqual({ ...both, kinds: ['explosion', 'fire'] });
  });
});

describe('placeOf', () => {
  it('has no place without a precise member', () => {
    expect(placeOf(EMPTY_ESTIMATE)).toBeNull();
    expect(placeOf(single(obs({ accuracyMeters: 5000 })))).toBeNull();
  });

  it('has no place for an estimate without weight', () => {
    expect(placeOf({ ...single(obs()), weight: 0 })).toBeNull();
  });

  it("is a single member's point, as accurate as it", () => {
    const place = placeOf(single(obs({ point: { lat: 34.25, lon: 108.9 } })))!;
    expect(place.point.lat).toBeCloseTo(34.25, 9);
    expect(place.point.lon).toBeCloseTo(108.9, 9);
    expect(place.accuracyMeters).toBe(64);
  });

  it('weighs members by 1/accuracy², and is more accurate than any of them', () => {
    // Weights 1/100 and 1/400: the mean is a fifth of the way from the first, accuracy 1/√0.0125.
    const e = estimateOf(
      [obs({ accuracyMeters: 10 }), obs({ point: { lat: 0, lon: 1 }, accuracyMeters: 20 })],
      rule(),
    );
    const place = placeOf(e)!;
    expect(place.point.lat).toBeCloseTo(0, 12);
    expect(place.point.lon).toBeCloseTo(0.2, 4);
    expect(place.accuracyMeters).toBeCloseTo(8.944272, 5);
  });

  it('averages across the antimeridian the short way, and in the southern and western halves', () => {
    const across = placeOf(
      estimateOf(
        [obs({ point: { lat: 10, lon: 179 } }), obs({ point: { lat: 10, lon: -179 } })],
        rule(),
      ),
    )!;
    expect(Math.abs(across.point.lon)).toBeCloseTo(180, 6);
    expect(across.point.lat).toBeGreaterThan(10);
    const southWest = placeOf(single(obs({ point: { lat: -33.9, lon: -70.6 } })))!;
    expect(southWest.point.lat).toBeCloseTo(-33.9, 9);
    expect(southWest.point.lon).toBeCloseTo(-70.6, 9);
  });
});

describe('placeLikelihood', () => {
  // σ² = (2000 / 2.4477)² + (64 / 2.4477)² + (300 / 2)², the `*` extent being 300 m.
  const variance = (2000 / 2.4477) ** 2 + (64 / 2.4477) ** 2 + 150 ** 2;
  const vagueAt = (meters: number, overrides: Partial<Observation> = {}) =>
    obs({ point: east(meters), accuracyMeters: 2000, ...overrides });

  it('is 1/σ² at the estimate itself, from both accuracies and the extent', () => {
    expect(placeLikelihood(vagueAt(0), single(obs()), rule())).toBeCloseTo(1 / variance, 15);
  });

  it('falls as a normal of the distance', () => {
    const got = placeLikelihood(vagueAt(1000), single(obs()), rule());
    expect(got * variance).toBeCloseTo(Math.exp(-(1000 ** 2) / (2 * variance)), 6);
    // Farther is always less likely.
    expect(placeLikelihood(vagueAt(1001), single(obs()), rule())).toBeLessThan(got);
  });

  it("takes the extent of the kinds of both (a fire's 400 m)", () => {
    const fire = single(obs({ kinds: ['fire'] }));
    const v = (2000 / 2.4477) ** 2 + (64 / 2.4477) ** 2 + 200 ** 2;
    expect(placeLikelihood(vagueAt(0), fire, rule())).toBeCloseTo(1 / v, 15);
    expect(placeLikelihood(vagueAt(0, { kinds: ['fire'] }), single(obs()), rule())).toBeCloseTo(
      1 / v,
      15,
    );
  });

  it('is 0 without a point or without a placed estimate', () => {
    expect(placeLikelihood(vagueAt(0, { point: null }), single(obs()), rule())).toBe(0);
    expect(placeLikelihood(vagueAt(0), EMPTY_ESTIMATE, rule())).toBe(0);
  });
});

describe('timeLikelihood', () => {
  // obs()'s widened interval: its middle T + 5 min ± (5 × 2 + 5) min, so [T − 10, T + 20].
  const middle = T + 5 * MIN;
  /** A vague time: ± `half` minutes around `at`. */
  const around = (at: number, half: number, overrides: Partial<Observation> = {}) =>
    obs({ window: { from: at - half * MIN, to: at + half * MIN }, ...overrides });
  // σ² = (120 / 1.96)² + (15 / 1.96)² + (90 / 2)² minutes², the `*` duration being 90 min.
  const variance = ((120 / 1.96) ** 2 + (15 / 1.96) ** 2 + 45 ** 2) * MIN ** 2;

  it("is 1/σ at the middle of the incident's interval, from both half-widths and the duration", () => {
    expect(timeLikelihood(around(middle, 120), single(obs()), rule())).toBeCloseTo(
      1 / Math.sqrt(variance),
      15,
    );
  });

  it('falls as a normal of the gap between the middles, either way', () => {
    const gap = 90 * MIN;
    const got = timeLikelihood(around(middle + gap, 120), single(obs()), rule());
    expect(got * Math.sqrt(variance)).toBeCloseTo(Math.exp(-(gap * gap) / (2 * variance)), 9);
    expect(timeLikelihood(around(middle - gap, 120), single(obs()), rule())).toBeCloseTo(got, 15);
    // Farther is always less likely.
    expect(timeLikelihood(around(middle + gap + 1, 120), single(obs()), rule())).toBeLessThan(got);
  });

  it('takes the time the members have in common: their intervals overlap in [T + 10, T + 20]', () => {
    const both = estimateOf([obs(), shifted(20 * MIN)], rule());
    // The common part's middle is T + 15 min and its half-width 5 min.
    const v = ((120 / 1.96) ** 2 + (5 / 1.96) ** 2 + 45 ** 2) * MIN ** 2;
    expect(timeLikelihood(around(T + 15 * MIN, 120), both, rule())).toBeCloseTo(
      1 / Math.sqrt(v),
      15,
    );
  });

  it("takes the duration of the kinds of both (a fire's 240 min)", () => {
    const v = ((120 / 1.96) ** 2 + (15 / 1.96) ** 2 + 120 ** 2) * MIN ** 2;
    const fire = single(obs({ kinds: ['fire'] }));
    expect(timeLikelihood(around(middle, 120), fire, rule())).toBeCloseTo(1 / Math.sqrt(v), 15);
    expect(
      timeLikelihood(around(middle, 120, { kinds: ['fire'] }), single(obs()), rule()),
    ).toBeCloseTo(1 / Math.sqrt(v), 15);
  });

  it('is 0 without a time or without a precise member', () => {
    expect(timeLikelihood(obs({ window: null }), single(obs()), rule())).toBe(0);
    expect(timeLikelihood(around(middle, 120), EMPTY_ESTIMATE, rule())).toBe(0);
  });
});

describe('fit', () => {
  // Accuracies of 64 m on both sides and tolerance 2: the allowed distance is 256 m + the extent.
  const d = haversineMeters(ORIGIN, east(400));
  const atTheEdge = ruleWithStar({ extentMeters: d - 256, durationMinutes: 60 });

  it('fits a report exactly at the allowed distance, not one a metre beyond it', () => {
    const incident = single(obs());
    expect(fit(obs({ point: east(400) }), incident, atTheEdge)).not.toBeNull();
    expect(fit(obs({ point: east(401) }), incident, atTheEdge)).toBeNull();
  });

  it('counts both accuracies, times the tolerance, in the allowed distance', () => {
    // 384 m of accuracies either way: tolerance 2 × (128 + 64) or tolerance 3 × (64 + 64).
    const d528 = haversineMeters(ORIGIN, east(528));
    const star = { extentMeters: d528 - 384, durationMinutes: 60 };
    const incident = single(obs());
    const wideReport = (meters: number) => obs({ point: east(meters), accuracyMeters: 128 });
    expect(fit(wideReport(528), incident, ruleWithStar(star))).not.toBeNull();
    expect(fit(wideReport(529), incident, ruleWithStar(star))).toBeNull();
    expect(fit(obs({ point: east(528) }), incident, ruleWithStar(star))).toBeNull();
    const three = ruleWithStar(star, { tolerance: 3 });
    expect(fit(obs({ point: east(528) }), single(obs(), three), three)).not.toBeNull();
    expect(fit(obs({ point: east(529) }), single(obs(), three), three)).toBeNull();
    // The incident's accuracy is 1/√Σ(1/accuracy²): two members of 64 m give 45.25 m.
    const two = estimateOf([obs(), obs()], atTheEdge);
    const allowed = 2 * (64 + 64 / Math.SQRT2) + (d - 256);
    expect(fit(obs({ point: east(allowed - 0.01) }), two, atTheEdge)).not.toBeNull();
    expect(fit(obs({ point: east(allowed + 0.01) }), two, atTheEdge)).toBeNull();
  });

  it('fits when the spread of the intervals is exactly the duration, not a millisecond more', () => {
    // Widened: the incident [T − 10, T + 20] min, the report 10 min wide ± 15 min; duration 60 min.
    const incident = single(obs(), atTheEdge);
    expect(fit(shifted(90 * MIN), incident, atTheEdge)).not.toBeNull();
    expect(fit(shifted(90 * MIN + 1), incident, atTheEdge)).toBeNull();
    expect(fit(shifted(-90 * MIN), incident, atTheEdge)).not.toBeNull();
    expect(fit(shifted(-90 * MIN - 1), incident, atTheEdge)).toBeNull();
  });

  it('measures the spread against every member, not only the nearest in time', () => {
    // Members seen 40 min apart: a report 90 min after the first is 50 min after the second.
    const incident = estimateOf([obs(), shifted(40 * MIN)], atTheEdge);
    expect(fit(shifted(90 * MIN), incident, atTheEdge)).not.toBeNull();
    expect(fit(shifted(90 * MIN + 1), incident, atTheEdge)).toBeNull();
    expect(fit(shifted(-50 * MIN), incident, atTheEdge)).not.toBeNull();
    expect(fit(shifted(-50 * MIN - 1), incident, atTheEdge)).toBeNull();
  });

  it('never fits kinds of different groups, however near', () => {
    const fire = single(obs({ kinds: ['fire'] }));
    expect(fit(obs({ kinds: ['gunfire'] }), fire, rule())).toBeNull();
    expect(fit(obs({ kinds: ['explosion'] }), fire, rule())).toBe(0);
    expect(fit(obs({ kinds: [] }), fire, rule())).toBe(0);
    expect(fit(obs({ kinds: ['gunfire'] }), single(obs()), rule())).toBe(0);
  });

  it("allows the widest extent and duration of both sides' kinds", () => {
    // fire 400 m / 240 min, explosion 600 m / 120 min; 256 m of accuracies.
    const fire = single(obs({ kinds: ['fire'] }));
    const explosion = (o: Partial<Observation>) => obs({ kinds: ['explosion'], ...o });
    expect(fit(explosion({ point: east(850) }), fire, rule())).not.toBeNull();
    expect(fit(obs({ kinds: ['fire'], point: east(850) }), fire, rule())).toBeNull();
    // 240 min: a report 270 min later (spread 240 min) fits, as the fire's duration allows.
    expect(fit(shifted(270 * MIN, { kinds: ['explosion'] }), fire, rule())).not.toBeNull();
    expect(fit(shifted(270 * MIN + 1, { kinds: ['explosion'] }), fire, rule())).toBeNull();
  });

  it('never fits a report without a point or a time, nor an incident without a place', () => {
    const incident = single(obs());
    expect(fit(obs({ point: null }), incident, rule())).toBeNull();
    expect(fit(obs({ window: null }), incident, rule())).toBeNull();
    expect(fit(obs(), EMPTY_ESTIMATE, rule())).toBeNull();
    expect(fit(obs(), single(obs({ accuracyMeters: 1001 })), rule())).toBeNull();
  });

  it('scores the share of the allowed distance plus the share of the duration added', () => {
    const incident = single(obs(), atTheEdge);
    expect(fit(obs(), incident, atTheEdge)).toBe(0);
    expect(fit(obs({ point: east(400) }), incident, atTheEdge)).toBe(1);
    expect(fit(obs({ point: east(200) }), incident, atTheEdge)).toBeCloseTo(0.5, 2);
    // 60 min later: the spread becomes 30 min of the 60.
    expect(fit(shifted(60 * MIN), incident, atTheEdge)).toBeCloseTo(0.5, 12);
    expect(fit(shifted(-60 * MIN), incident, atTheEdge)).toBeCloseTo(0.5, 12);
    expect(fit(shifted(90 * MIN, { point: east(400) }), incident, atTheEdge)).toBeCloseTo(2, 12);
  });

  it('scores only the spread a report adds to what the members already span', () => {
    // Members 40 min apart already spread 10 min (latest start T + 30, earliest end T + 20).
    const incident = estimateOf([obs(), shifted(40 * MIN)], atTheEdge);
    expect(fit(shifted(20 * MIN), incident, atTheEdge)).toBe(0);
    expect(fit(shifted(50 * MIN), incident, atTheEdge)).toBeCloseTo(10 / 60, 12);
    expect(fit(shifted(-10 * MIN), incident, atTheEdge)).toBeCloseTo(10 / 60, 12);
  });
});

describe('fit: an incident spread by hand', () => {
  const atTheEdge = ruleWithStar({
    extentMeters: haversineMeters(ORIGIN, east(400)) - 256,
    durationMinutes: 60,
  });
  /** The allowed distance made 500 m (± 1 m) by the hand's spread. */
  const spread = haversineMeters(ORIGIN, east(500)) - haversineMeters(ORIGIN, east(400));

  it("adds the hand's spread to the allowed distance: at it, not a metre beyond", () => {
    const incident = { ...single(obs(), atTheEdge), handSpreadMeters: spread };
    expect(fit(obs({ point: east(500) }), incident, atTheEdge)).toBeCloseTo(1, 12);
    expect(fit(obs({ point: east(501) }), incident, atTheEdge)).toBeNull();
    // A spread a metre smaller or larger moves the edge by that metre.
    const less = { ...incident, handSpreadMeters: spread - 1 };
    expect(fit(obs({ point: east(498.99) }), less, atTheEdge)).not.toBeNull();
    expect(fit(obs({ point: east(500) }), less, atTheEdge)).toBeNull();
    const more = { ...incident, handSpreadMeters: spread + 1 };
    expect(fit(obs({ point: east(500.99) }), more, atTheEdge)).not.toBeNull();
    expect(fit(obs({ point: east(501.01) }), more, atTheEdge)).toBeNull();
  });

  it('scores the distance against the allowed distance, the spread included', () => {
    const incident = { ...single(obs(), atTheEdge), handSpreadMeters: spread };
    expect(fit(obs({ point: east(250) }), incident, atTheEdge)).toBeCloseTo(0.5, 6);
  });

  // Members 100 min apart: widened [T − 10, T + 20] and [T + 90, T + 120] min, so the
  // incident already spans 70 min (latest start T + 90, earliest end T + 20), past the 60.
  const wide = (handSpreadMeters: number): Estimate => ({
    ...estimateOf([obs(), shifted(100 * MIN)], atTheEdge),
    handSpreadMeters,
  });

  it('lets the span grow by no more than the duration past what it already spans', () => {
    // Spread allowed: 60 + 70 = 130 min; a report at s min spans to T + s + 20 or from T + s − 10.
    expect(fit(shifted(160 * MIN), wide(1), atTheEdge)).toBeCloseTo(1, 12);
    expect(fit(shifted(160 * MIN + 1), wide(1), atTheEdge)).toBeNull();
    expect(fit(shifted(-60 * MIN), wide(1), atTheEdge)).toBeCloseTo(1, 12);
    expect(fit(shifted(-60 * MIN - 1), wide(1), atTheEdge)).toBeNull();
    // Inside what it spans, a report adds no spread.
    expect(fit(shifted(50 * MIN), wide(1), atTheEdge)).toBe(0);
    // Past it, only what it adds is scored: 20 min of the 60.
    expect(fit(shifted(120 * MIN), wide(1), atTheEdge)).toBeCloseTo(20 / 60, 12);
  });

  it('gives an incident the rule built alone (spread 0) no such room', () => {
    expect(fit(shifted(50 * MIN), wide(0), atTheEdge)).toBeNull();
    expect(fit(obs(), wide(0), atTheEdge)).toBeNull();
    // A spread by hand of an incident whose members overlap: no room beyond the duration.
    const tight = { ...single(obs(), atTheEdge), handSpreadMeters: 1 };
    expect(fit(shifted(90 * MIN), tight, atTheEdge)).not.toBeNull();
    expect(fit(shifted(90 * MIN + 1), tight, atTheEdge)).toBeNull();
  });
});

describe('fitsAsCopy', () => {
  const atTheEdge = ruleWithStar({
    extentMeters: haversineMeters(ORIGIN, east(400)) - 256,
    durationMinutes: 60,
  });
  const vagueCopy = (o: Partial<Observation> = {}) => obs({ accuracyMeters: 50_000, ...o });

  it('never fits a copy without a time, nor one of kinds that cannot be one event', () => {
    expect(fitsAsCopy(obs({ window: null }), single(obs()), rule())).toBe(false);
    expect(fitsAsCopy(obs({ window: null }), EMPTY_ESTIMATE, rule())).toBe(false);
    const fire = single(obs({ kinds: ['fire'] }));
    expect(fitsAsCopy(obs({ kinds: ['gunfire'] }), fire, rule())).toBe(false);
    expect(fitsAsCopy(obs({ kinds: ['explosion'] }), fire, rule())).toBe(true);
    const unplacedFire = single(obs({ kinds: ['fire'], point: null }));
    expect(fitsAsCopy(obs({ kinds: ['gunfire'], point: null }), unplacedFire, rule())).toBe(false);
  });

  it('fits an incident of vague copies only wherever and whenever, having no estimate', () => {
    const unplaced = single(vagueCopy({ point: east(100_000) }));
    expect(placeOf(unplaced)).toBeNull();
    expect(fitsAsCopy(obs({ point: null }), unplaced, rule())).toBe(true);
    expect(fitsAsCopy(shifted(10_000 * MIN, { point: east(-500_000) }), unplaced, rule())).toBe(
      true,
    );
    expect(fitsAsCopy(obs(), EMPTY_ESTIMATE, rule())).toBe(true);
  });

  it("takes a copy without a point at the incident's place: only its time must fit", () => {
    const incident = single(obs({ point: east(3000) }), atTheEdge);
    expect(fitsAsCopy(shifted(90 * MIN, { point: null }), incident, atTheEdge)).toBe(true);
    expect(fitsAsCopy(shifted(90 * MIN + 1, { point: null }), incident, atTheEdge)).toBe(false);
    expect(fitsAsCopy(shifted(-90 * MIN, { point: null }), incident, atTheEdge)).toBe(true);
    expect(fitsAsCopy(shifted(-90 * MIN - 1, { point: null }), incident, atTheEdge)).toBe(false);
  });

  it('fits a copy with a point within the allowed distance, however vague, not a metre beyond', () => {
    const incident = single(obs(), atTheEdge);
    expect(fitsAsCopy(obs({ point: east(400) }), incident, atTheEdge)).toBe(true);
    expect(fitsAsCopy(obs({ point: east(401) }), incident, atTheEdge)).toBe(false);
    // 50 km accurate: 2 × (50,000 + 64) + the extent.
    const allowed = 2 * (50_000 + 64) + haversineMeters(ORIGIN, east(400)) - 256;
    expect(fitsAsCopy(vagueCopy({ point: east(allowed - 0.01) }), incident, atTheEdge)).toBe(true);
    expect(fitsAsCopy(vagueCopy({ point: east(allowed + 1) }), incident, atTheEdge)).toBe(false);
    expect(fitsAsCopy(shifted(90 * MIN + 1), incident, atTheEdge)).toBe(false);
  });
});

describe('estimatesAgree', () => {
  // Built in each test: a broken rule then fails the tests, not their collection.
  let a: Estimate;
  beforeEach(() => {
    a = single(obs());
  });
  const b = (o: Partial<Observation>) => single(obs(o));
  const distanceTo = (e: Estimate) => haversineMeters(placeOf(a)!.point, placeOf(e)!.point);

  it('agrees exactly at the allowed distance between the places, not a metre beyond', () => {
    const d = distanceTo(b({ point: east(400) }));
    const edge = ruleWithStar({ extentMeters: d - 256, durationMinutes: 60 });
    expect(estimatesAgree(a, b({ point: east(400) }), edge)).toBe(true);
    expect(estimatesAgree(b({ point: east(400) }), a, edge)).toBe(true);
    expect(estimatesAgree(a, b({ point: east(401) }), edge)).toBe(false);
    // The accuracies count, times the tolerance: 32 m on one side is 64 m less allowed.
    expect(estimatesAgree(a, b({ point: east(335.999), accuracyMeters: 32 }), edge)).toBe(true);
    expect(estimatesAgree(a, b({ point: east(337), accuracyMeters: 32 }), edge)).toBe(false);
  });

  it('agrees when the spread of both is exactly the duration, not a millisecond more', () => {
    const edge = ruleWithStar({ extentMeters: 300, durationMinutes: 60 });
    const later = (shift: number) => estimateOf([shifted(shift)], edge);
    expect(estimatesAgree(a, later(90 * MIN), edge)).toBe(true);
    expect(estimatesAgree(a, later(90 * MIN + 1), edge)).toBe(false);
    expect(estimatesAgree(later(90 * MIN + 1), a, edge)).toBe(false);
    expect(estimatesAgree(a, later(-90 * MIN), edge)).toBe(true);
    expect(estimatesAgree(a, later(-90 * MIN - 1), edge)).toBe(false);
  });

  it('uses the widest profile of both kinds', () => {
    // fire 400 m, explosion 600 m; 256 m of accuracies.
    const fire = single(obs({ kinds: ['fire'] }));
    expect(estimatesAgree(fire, b({ kinds: ['explosion'], point: east(850) }), rule())).toBe(true);
    expect(estimatesAgree(fire, b({ kinds: ['fire'], point: east(850) }), rule())).toBe(false);
    const later = single(shifted(270 * MIN, { kinds: ['explosion'] }));
    expect(estimatesAgree(fire, later, rule())).toBe(true);
  });

  it('never agrees across kind groups, or without a place on either side', () => {
    expect(estimatesAgree(b({ kinds: ['fire'] }), b({ kinds: ['theft'] }), rule())).toBe(false);
    expect(estimatesAgree(a, EMPTY_ESTIMATE, rule())).toBe(false);
    expect(estimatesAgree(EMPTY_ESTIMATE, a, rule())).toBe(false);
  });
});

/** Whether `q` lies in one of the boxes (each bound widened by `eps` degrees). */
const inBoxes = (q: Point, boxes: SearchBox[], eps = 0) =>
  boxes.some(
    (b) =>
      q.lat >= b.minLat - eps &&
      q.lat <= b.maxLat + eps &&
      q.lon >= b.minLon - eps &&
      q.lon <= b.maxLon + eps,
  );

describe('searchBoxes', () => {
  const window = { from: T, to: T + 90 * MIN };
  const degrees = (meters: number) => meters / EARTH_RADIUS_M / RAD;

  it('is one box of the radius around the point, over the window in epoch minutes', () => {
    const [box, ...more] = searchBoxes({ lat: 0, lon: 10 }, 1000, window);
    expect(more).toEqual([]);
    expect(box!.minLat).toBeCloseTo(-degrees(1000), 8);
    expect(box!.maxLat).toBeCloseTo(degrees(1000), 8);
    expect(box!.minLon).toBeCloseTo(10 - degrees(1000), 8);
    expect(box!.maxLon).toBeCloseTo(10 + degrees(1000), 8);
    expect([box!.fromMinute, box!.toMinute]).toEqual([T / MIN, T / MIN + 90]);
  });

  it('widens the longitudes by 1/cos of the latitude farthest from the equator', () => {
    const [box] = searchBoxes({ lat: 60, lon: 10 }, 10_000, window);
    const dLon = degrees(10_000) / Math.cos((60 + degrees(10_000)) * RAD);
    expect(box!.maxLon).toBeCloseTo(10 + dLon, 8);
    expect(box!.minLon).toBeCloseTo(10 - dLon, 8);
  });

  it.each([
    ['east', 179.99, { lon: [179.99 - 0.045, 180] }, { lon: [-180, 179.99 + 0.045 - 360] }],
    ['west', -179.99, { lon: [-180, -179.99 + 0.045] }, { lon: [-179.99 - 0.045 + 360, 180] }],
  ])(
    'splits a box crossing the antimeridian to the %s in two, one on each side',
    (_side, lon, first, second) => {
      // 5,000 m is 0.045° at the equator.
      const boxes = searchBoxes({ lat: 0, lon }, 5000, window);
      expect(boxes).toHaveLength(2);
      const near = (b: SearchBox) => [b.minLon, b.maxLon];
      const spans = boxes.map(near);
      for (const [i, want] of [first.lon, second.lon].entries()) {
        expect(spans[i]![0]).toBeCloseTo(want[0]!, 3);
        expect(spans[i]![1]).toBeCloseTo(want[1]!, 3);
      }
      for (const b of boxes) {
        expect(b.minLat).toBeCloseTo(-degrees(5000), 6);
        expect(b.maxLat).toBeCloseTo(degrees(5000), 6);
        expect([b.fromMinute, b.toMinute]).toEqual([T / MIN, T / MIN + 90]);
      }
    },
  );

  it('keeps one box that ends just short of the antimeridian', () => {
    const boxes = searchBoxes({ lat: 0, lon: 179.9 }, 5000, window);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.maxLon).toBeLessThan(180);
    expect(boxes[0]!.maxLon).toBeCloseTo(179.9 + degrees(5000), 7);
  });

  it('keeps one box that reaches ±180° exactly: it touches the antimeridian, not crosses it', () => {
    for (const lon of [179.5, -179.5]) {
      const p = { lat: 0, lon };
      // The widest radius whose box does not cross, to the last bit.
      let inside = 1;
      let across = 200_000;
      for (let mid = (inside + across) / 2; mid !== inside && mid !== across;) {
        const b = boundingBox(p, mid);
        if (b.minLon === -180 && b.maxLon === 180) across = mid;
        else inside = mid;
        mid = (inside + across) / 2;
      }
      const box = boundingBox(p, inside);
      expect(lon > 0 ? box.maxLon : box.minLon).toBe(lon > 0 ? 180 : -180);
      expect(searchBoxes(p, inside, window)).toEqual([
        { ...box, fromMinute: T / MIN, toMinute: T / MIN + 90 },
      ]);
    }
  });

  it('spans every longitude at a pole itself, even for a radius of 0', () => {
    const boxes = searchBoxes({ lat: 90, lon: 30 }, 0, window);
    expect(boxes).toHaveLength(1);
    expect([boxes[0]!.minLon, boxes[0]!.maxLon, boxes[0]!.minLat]).toEqual([-180, 180, 90]);
  });

  it('spans every longitude near a pole, in one box', () => {
    for (const lat of [89.99, -89.99]) {
      const boxes = searchBoxes({ lat, lon: 179.99 }, 5000, window);
      expect(boxes).toHaveLength(1);
      expect([boxes[0]!.minLon, boxes[0]!.maxLon]).toEqual([-180, 180]);
      expect(lat > 0 ? boxes[0]!.maxLat : boxes[0]!.minLat).toBe(lat > 0 ? 90 : -90);
    }
  });

  it('spans every longitude in one box when the half-width is 180° or more, short of a pole', () => {
    // 19° of latitude from 70° N reaches 89° N: 1/cos(89°) makes the half-width over 1,000°.
    const boxes = searchBoxes({ lat: 70, lon: 179 }, 19 * 111_195, window);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.maxLat).toBeLessThan(90);
    expect([boxes[0]!.minLon, boxes[0]!.maxLon]).toEqual([-180, 180]);
  });

  it('holds every point within the radius, near the antimeridian and the poles too', () => {
    const lat = fc.oneof(
      fc.double({ min: -90, max: 90, noNaN: true }),
      fc.double({ min: 80, max: 90, noNaN: true }),
      fc.double({ min: -90, max: -80, noNaN: true }),
    );
    const lon = fc.oneof(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: 179, max: 180, noNaN: true }),
      fc.double({ min: -180, max: -179, noNaN: true }),
    );
    const radius = fc.oneof(
      fc.double({ min: 1, max: 1000, noNaN: true }),
      fc.double({ min: 1000, max: 200_000, noNaN: true }),
      fc.double({ min: 200_000, max: 5_000_000, noNaN: true }),
    );
    fc.assert(
      fc.property(
        lat,
        lon,
        radius,
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (la, lo, r, bearing, share) => {
          const p = { lat: la, lon: lo };
          const q = destination(p, bearing, r * share);
          fc.pre(haversineMeters(p, q) <= r);
          // 1e-9° (0.1 mm) for the rounding of `destination` itself.
          expect(inBoxes(q, searchBoxes(p, r, window), 1e-9)).toBe(true);
        },
      ),
      { seed: 0x6f6, numRuns: 5000 },
    );
  });

  it('holds no point that is far outside the radius (boxes are not the whole world)', () => {
    const boxes = searchBoxes({ lat: 0, lon: 179.99 }, 5000, window);
    expect(inBoxes({ lat: 0, lon: 0 }, boxes)).toBe(false);
    expect(inBoxes({ lat: 0, lon: 179.9 }, boxes)).toBe(false);
    expect(inBoxes({ lat: 0, lon: -179.9 }, boxes)).toBe(false);
    expect(inBoxes({ lat: 0, lon: -179.97 }, boxes)).toBe(true);
  });
});

describe('observationBoxes', () => {
  it('searches tolerance × accuracy around the point over the widened interval', () => {
    const [box, ...more] = observationBoxes(obs({ point: { lat: 0, lon: 10 } }), rule());
    expect(more).toEqual([]);
    expect(box!.maxLat * 111_195.08).toBeCloseTo(128, 3);
    expect((box!.maxLon - 10) * 111_195.08).toBeCloseTo(128, 3);
    expect([box!.fromMinute, box!.toMinute]).toEqual([T / MIN - 10, T / MIN + 20]);
  });

  it('has no box without a point or a time', () => {
    expect(observationBoxes(obs({ point: null }), rule())).toEqual([]);
    expect(observationBoxes(obs({ window: null }), rule())).toEqual([]);
  });
});

describe('incidentBoxes', () => {
  // The widest default extent is the drone's 800 m, the longest duration the flood's 360 min.
  it('keeps a precise incident in the core index: its place ± tolerance × accuracy + the widest extent', () => {
    const got = incidentBoxes(single(obs({ point: { lat: 0, lon: 10 } })), null, rule())!;
    expect(got.index).toBe('core');
    expect(got.boxes).toHaveLength(1);
    const [box] = got.boxes;
    expect(box!.maxLat * 111_195.08).toBeCloseTo(128 + 800, 3);
    expect((10 - box!.minLon) * 111_195.08).toBeCloseTo(128 + 800, 3);
    // Latest start T − 10 min, earliest end T + 20 min, ± the longest duration.
    expect([box!.fromMinute, box!.toMinute]).toEqual([T / MIN - 10 - 360, T / MIN + 20 + 360]);
  });

  it('keeps no routine complaint in either index, and an incident naming an event beside it in the core', () => {
    const complaint = obs({ point: { lat: 0, lon: 10 }, kinds: ['routine'] });
    expect(incidentBoxes(single(complaint), null, rule())).toBeNull();
    const vague = obs({ point: { lat: 0, lon: 10 }, accuracyMeters: 2000, kinds: ['routine'] });
    expect(incidentBoxes(single(vague), vague, rule())).toBeNull();
    const both = obs({ point: { lat: 0, lon: 10 }, kinds: ['routine', 'fire'] });
    expect(incidentBoxes(single(both), null, rule())!.index).toBe('core');
  });

  it("widens a precise incident's box by the hand's spread", () => {
    const incident = { ...single(obs({ point: { lat: 0, lon: 10 } })), handSpreadMeters: 1500 };
    const [box] = incidentBoxes(incident, null, rule())!.boxes;
    expect(box!.maxLat * 111_195.08).toBeCloseTo(128 + 800 + 1500, 3);
    expect((10 - box!.minLon) * 111_195.08).toBeCloseTo(128 + 800 + 1500, 3);
  });

  it('meets the box of a report that fits an incident only through the spread by hand', () => {
    // 256 m of accuracies and the `*` extent of 300 m: 556 m, 5,556 m with the spread.
    const incident = { ...single(obs()), handSpreadMeters: 5000 };
    const report = obs({ point: east(5500) });
    expect(fit(report, { ...incident, handSpreadMeters: 0 }, rule())).toBeNull();
    expect(fit(report, incident, rule())).not.toBeNull();
    const [own] = observationBoxes(report, rule());
    const [box] = incidentBoxes(incident, null, rule())!.boxes;
    expect(own!.minLon).toBeLessThanOrEqual(box!.maxLon);
  });

  it('keeps an incident of one vague member in the vague index, around that member', () => {
    const vague = obs({
      point: { lat: 0, lon: 10 },
      accuracyMeters: 2000,
      window: { from: T, to: T + 240 * MIN },
    });
    const got = incidentBoxes(single(vague), vague, rule())!;
    expect(got.index).toBe('vague');
    const [box] = got.boxes;
    expect(box!.maxLat * 111_195.08).toBeCloseTo(4000 + 800, 2);
    // Mid T + 120 min, half 120 · 2 + 5 = 245 min, ± 360 min.
    expect([box!.fromMinute, box!.toMinute]).toEqual([
      T / MIN + 120 - 245 - 360,
      T / MIN + 120 + 245 + 360,
    ]);
  });

  it('keeps a lone report placed only as a whole city in the city index, if it may attach', () => {
    // "北京" and a fire, 34.7 km, its time within the attach limit (720 min).
    const city = obs({
      point: { lat: 0, lon: 10 },
      accuracyMeters: 34_700,
      window: { from: T, to: T + 60 * MIN },
      kinds: ['fire'],
    });
    const got = incidentBoxes(single(city), city, rule())!;
    expect(got.index).toBe('city');
    const [box] = got.boxes;
    expect(box!.maxLat * 111_195.08).toBeCloseTo(2 * 34_700 + 800, 0);
    // Mid T + 30 min, half 30 · 2 + 5 = 65 min, ± 360 min.
    expect([box!.fromMinute, box!.toMinute]).toEqual([
      T / MIN + 30 - 65 - 360,
      T / MIN + 30 + 65 + 360,
    ]);
    // 10,000 m is not yet too vague: the vague index; 10,001 m is the city's.
    const at = { ...city, accuracyMeters: 10_000 };
    expect(incidentBoxes(single(at), at, rule())!.index).toBe('vague');
    const past = { ...city, accuracyMeters: 10_001 };
    expect(incidentBoxes(single(past), past, rule())!.index).toBe('city');
    // Naming no kind, or with the whole-city rule off, it can never attach: in no index.
    const kindless = { ...city, kinds: [] };
    expect(incidentBoxes(single(kindless), kindless, rule())).toBeNull();
    const off = rule({ citywideAttachMinReports: 0 });
    expect(incidentBoxes(single(city, off), city, off)).toBeNull();
  });

  it('reads the profiles of the rule, not the defaults', () => {
    const small = rule({
      kindProfiles: Object.fromEntries(
        Object.keys(TEST_PROFILES).map((k) => [k, { extentMeters: 10, durationMinutes: 1 }]),
      ) as ClusterRule['kindProfiles'],
    });
    const [box] = incidentBoxes(single(obs(), small), null, small)!.boxes;
    expect(box!.maxLat * 111_195.08).toBeCloseTo(138, 3);
    expect([box!.fromMinute, box!.toMinute]).toEqual([T / MIN - 11, T / MIN + 21]);
  });

  it('keeps an incident without a place or a single vague member with a point and time out', () => {
    expect(incidentBoxes(EMPTY_ESTIMATE, null, rule())).toBeNull();
    expect(incidentBoxes(EMPTY_ESTIMATE, obs({ point: null }), rule())).toBeNull();
    expect(incidentBoxes(EMPTY_ESTIMATE, obs({ window: null }), rule())).toBeNull();
  });

  it('meets the boxes of every report that fits the incident', () => {
    const kinds = fc.subarray<EventKind>(['fire', 'explosion', 'drone', 'flood', 'medical'], {
      maxLength: 2,
    });
    const member = fc.record({
      lat: fc.double({ min: -85, max: 85, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      accuracy: fc.double({ min: 1, max: 1000, noNaN: true }),
      minutes: fc.integer({ min: 0, max: 180 }),
      kinds,
    });
    const meets = (a: SearchBox, b: SearchBox) =>
      a.minLat <= b.maxLat &&
      b.minLat <= a.maxLat &&
      a.minLon <= b.maxLon &&
      b.minLon <= a.maxLon &&
      a.fromMinute <= b.toMinute &&
      b.fromMinute <= a.toMinute;
    fc.assert(
      fc.property(
        member,
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 4000, noNaN: true }),
        fc.integer({ min: -600, max: 600 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        kinds,
        (m, bearing, meters, shiftMinutes, accuracy, reportKinds) => {
          const p = { lat: m.lat, lon: m.lon };
          const incident = single(
            obs({
              point: p,
              accuracyMeters: m.accuracy,
              window: { from: T, to: T + m.minutes * MIN },
              kinds: m.kinds,
            }),
          );
          const report = obs({
            point: destination(p, bearing, meters),
            accuracyMeters: accuracy,
            window: { from: T + shiftMinutes * MIN, to: T + (shiftMinutes + 10) * MIN },
            kinds: reportKinds,
          });
          fc.pre(fit(report, incident, rule()) !== null);
          const own = observationBoxes(report, rule());
          const stored = incidentBoxes(incident, null, rule())!.boxes;
          expect(own.some((a) => stored.some((b) => meets(a, b)))).toBe(true);
        },
      ),
      { seed: 0x6f7, numRuns: 3000 },
    );
  });
});
