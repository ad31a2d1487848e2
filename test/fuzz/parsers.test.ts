/**
 * Property-based tests of the time and place parsers (src/normalize/) with
 * adversarial input: huge, negative and fractional counts in every unit word,
 * English and Chinese, mixed scripts, zone names, DST edges, the ends of the
 * Date range, coordinates at and beyond ±90/±180, garbage around real phrases,
 * and text as long as the report schema allows.
 *
 * For every input: nothing throws; a time is a finite interval with from ≤ to that
 * formats as ISO 8601; every flag is a known code; and each call answers within
 * INPUT_BUDGET_MS (a guard against catastrophic regular expressions, not a
 * benchmark). Seeds are fixed, so a failure replays the same way everywhere.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/domain/flags.js';
import type { Claims, ClaimedLocation } from '../../src/domain/report.js';
import { findPointInText, parseCoordinate, parsePoint } from '../../src/normalize/coordinates.js';
import { parseNatural } from '../../src/normalize/natural-time.js';
import { createNormalizeDeps } from '../../src/normalize/normalize-deps.js';
import { normalizeClaims } from '../../src/normalize/normalize-report.js';
import { normalizePlace } from '../../src/normalize/place.js';
import { NORMALIZE_DEFAULTS } from '../../src/normalize/settings.js';
import { normalizeTime, type TimeResult } from '../../src/normalize/time.js';
import {
  chineseAgo,
  coordinateText,
  DST_EDGES,
  englishAgo,
  epochNumber,
  location,
  NOT_ZONES,
  observedText,
  pick,
  placeText,
  PRECISION_MAX,
  RECEIVED,
  receivedAt,
  timeInput,
  ZONES,
} from './arbitraries.js';

/** Slower than this (best of three tries) is a catastrophic pattern, not noise. */
const INPUT_BUDGET_MS = 50;
const SEED = 20_261_130;

const deps = createNormalizeDeps();
const KNOWN_FLAGS = new Set(Object.keys(FLAGS));

beforeAll(() => {
  // As a server does: the gazetteer loads (~2 s), chrono's patterns compile.
  deps.preload();
}, 60_000);

/**
 * Runs `f`, and fails if it is slow three times in a row (one slow run may be the
 * GC or another process), or once by far.
 */
function withinBudget<T>(label: string, input: unknown, f: () => T): T {
  let best = Infinity;
  let result!: T;
  for (let attempt = 0; attempt < 3 && best > INPUT_BUDGET_MS; attempt++) {
    const started = performance.now();
    result = f();
    best = Math.min(best, performance.now() - started);
    if (best > 10 * INPUT_BUDGET_MS) break;
  }
  if (best > INPUT_BUDGET_MS) {
    throw new Error(`${label} took ${best.toFixed(0)} ms on ${JSON.stringify(input)}`);
  }
  return result;
}

const isoOf = (ms: number) => new Date(ms).toISOString();

function expectSoundTime(result: TimeResult) {
  for (const flag of result.flags) expect(KNOWN_FLAGS).toContain(flag);
  const t = result.time;
  if (t === null) return;
  expect(Number.isFinite(t.from)).toBe(true);
  expect(Number.isFinite(t.to)).toBe(true);
  expect(t.from).toBeLessThanOrEqual(t.to!);
  expect(isoOf(t.from!)).toMatch(/^[+-]?\d{4,6}-\d\d-\d\dT/);
  expect(isoOf(t.to!)).toMatch(/^[+-]?\d{4,6}-\d\d-\d\dT/);
  expect(Number.isFinite(t.precisionSeconds)).toBe(true);
  for (const c of t.candidates ?? []) {
    expect(Number.isFinite(c.at)).toBe(true);
    isoOf(c.at);
  }
  if (t.offsetMinutes !== null && t.offsetMinutes !== undefined) {
    expect(Number.isFinite(t.offsetMinutes)).toBe(true);
  }
}

// ---------------------------------------------------------------- properties

describe('time parser fuzz', () => {
  it('normalizeTime never throws, returns a finite ISO-formattable interval and known flags', () => {
    fc.assert(
      fc.property(timeInput, (input) => {
        const result = withinBudget('normalizeTime', input, () =>
          normalizeTime(input, NORMALIZE_DEFAULTS, deps),
        );
        expectSoundTime(result);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('parseNatural reads every count and unit word within the budget', () => {
    fc.assert(
      fc.property(observedText, fc.integer({ min: -8.64e15, max: 8.64e15 }), (text, ref) => {
        withinBudget('parseNatural', text, () => parseNatural(text, ref));
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
  });

  it('"N units ago" with any count is a past time, or flagged', () => {
    fc.assert(
      fc.property(
        fc.oneof(englishAgo, chineseAgo),
        pick(ZONES),
        fc.option(pick(['around', 'about', 'roughly', 'circa', '大概']), { nil: null }),
        (phrase, timezone, vague) => {
          const observedAt = vague ? `${vague} ${phrase}` : phrase;
          const result = normalizeTime(
            { observedAt, timezone, receivedAt: RECEIVED },
            undefined,
            deps,
          );
          expectSoundTime(result);
          if (result.time === null && result.flags.includes('time.implausibly_old')) {
            expect(result.flags).toContain('time.unparsed');
          }
          // A count the grammar cannot take may still be a date to chrono (七零零零 → year
          // 7000): never a silent future time.
          if (result.time !== null && !result.flags.includes('time.future')) {
            expect(result.time.from).toBeLessThanOrEqual(
              RECEIVED + NORMALIZE_DEFAULTS.futureToleranceSeconds * 1000,
            );
          }
        },
      ),
      { seed: SEED + 2, numRuns: 800 },
    );
  });

  it('local times at DST edges, in every zone, keep from ≤ to and list their readings', () => {
    fc.assert(
      fc.property(
        pick(DST_EDGES),
        fc.integer({ min: -180, max: 180 }),
        fc.option(fc.integer({ min: 0, max: PRECISION_MAX }), { nil: undefined }),
        ([zone, local], shiftMinutes, precisionSeconds) => {
          const at = new Date(Date.parse(`${local}:00Z`) + shiftMinutes * 60_000);
          const observedAt = at.toISOString().slice(0, 16);
          const result = normalizeTime(
            { observedAt, timezone: zone, precisionSeconds, receivedAt: RECEIVED },
            undefined,
            deps,
          );
          expectSoundTime(result);
          expect(result.time).not.toBeNull();
        },
      ),
      { seed: SEED + 3, numRuns: 400 },
    );
  });
});

describe('place parser fuzz', () => {
  it('coordinate readers never throw and give finite degrees within the budget', () => {
    fc.assert(
      fc.property(fc.oneof(coordinateText, placeText), (text) => {
        const one = withinBudget('parseCoordinate', text, () => parseCoordinate(text));
        if (one) expect(Number.isFinite(one.value)).toBe(true);
        const pair = withinBudget('parsePoint', text, () => parsePoint(text));
        if (pair) {
          expect(Number.isFinite(pair.lat) && Number.isFinite(pair.lon)).toBe(true);
          expect(pair.impliedAccuracyMeters).toBeGreaterThanOrEqual(0);
        }
        const found = withinBudget('findPointInText', text, () => findPointInText(text));
        if (found) expect(Number.isFinite(found.point.lat + found.point.lon)).toBe(true);
      }),
      { seed: SEED + 4, numRuns: 1500 },
    );
  });

  it('normalizePlace never throws; a point it keeps is on Earth, with known flags', () => {
    fc.assert(
      fc.property(location, (loc) => {
        const { place, flags } = withinBudget('normalizePlace', loc, () =>
          normalizePlace(loc, deps, NORMALIZE_DEFAULTS),
        );
        for (const flag of flags) expect(KNOWN_FLAGS).toContain(flag);
        if (place && place.lat !== null && place.lon !== null) {
          expect(Math.abs(place.lat)).toBeLessThanOrEqual(90);
          expect(Math.abs(place.lon)).toBeLessThanOrEqual(180);
        }
      }),
      { seed: SEED + 5, numRuns: 800 },
    );
  });
});

describe('normalizeClaims fuzz (place, then time in its zone, completeness, questions)', () => {
  it('never throws; time, completeness and flags stay sound', () => {
    const claims: fc.Arbitrary<Claims> = fc.record(
      {
        observedAt: fc.oneof(observedText, epochNumber),
        timezone: fc.oneof(pick(ZONES), pick(NOT_ZONES)),
        precisionSeconds: fc.integer({ min: 0, max: PRECISION_MAX }),
        location: location as fc.Arbitrary<ClaimedLocation>,
        subjects: fc.string({ maxLength: 50 }),
        howKnown: pick(['saw', 'heard', 'was_told', 'document', 'sensor', 'other'] as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(claims, receivedAt, (c, at) => {
        const n = withinBudget('normalizeClaims', c, () =>
          normalizeClaims(c, { receivedAt: at, narrative: 'a drone over the gate' }, deps),
        );
        expectSoundTime({ time: n.time, flags: n.flags });
        expect(n.completeness.score).toBeGreaterThanOrEqual(0);
        expect(n.completeness.score).toBeLessThanOrEqual(1);
        for (const s of n.timeSources.sources) {
          expect(Number.isFinite(s.from) && Number.isFinite(s.to)).toBe(true);
        }
      }),
      { seed: SEED + 6, numRuns: 800 },
    );
  });
});
