import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../domain/report.js';
import { createNormalizeDeps } from './normalize-deps.js';
import {
  geocodeQueryFor,
  normalizeClaims,
  type NormalizeContext,
  type NormalizeDeps,
} from './normalize-report.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

const utc = (iso: string) => Date.parse(iso);
const RECEIVED = utc('2026-11-20T13:40:00Z');

let deps: NormalizeDeps;
beforeAll(() => {
  deps = createNormalizeDeps();
});

function makeContext(overrides: Partial<NormalizeContext> = {}): Partial<NormalizeContext> {
  return {
    receivedAt: RECEIVED,
    narrative: 'A drone fell behind the north gate.',
    category: null,
    attachmentCount: 0,
    ...overrides,
  };
}

describe('normalizeClaims', () => {
  it('reads a local time with New York coordinates in America/New_York', () => {
    const n = normalizeClaims(
      {
        observedAt: '2026-11-20T08:10',
        location: { lat: 40.758, lon: -73.9855, accuracyMeters: 20 },
      },
      makeContext(),
      deps,
    );
    expect(n.flags).toEqual([]);
    expect(n.time).toMatchObject({
      timezone: 'America/New_York',
      zoneSource: 'coordinates',
      from: utc('2026-11-20T13:10:00Z'),
      to: utc('2026-11-20T13:10:00Z'),
    });
  });

  it('reads the time in the zone of the corrected point when the point was swapped', () => {
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { lat: 108.94, lon: 34.26, text: "Xi'an" } },
      makeContext(),
      deps,
    );
    expect(n.flags).toEqual(['place.swapped']);
    expect(n.time).toMatchObject({ timezone: 'Asia/Shanghai', from: utc('2026-11-20T13:10:00Z') });
  });

  it('places a Chinese report with a city name and a relative time', () => {
    const n = normalizeClaims(
      { observedAt: '昨晚十点左右', location: '西安' },
      makeContext(),
      deps,
    );
    expect(n.place).toMatchObject({ source: 'gazetteer', label: 'Xi’an, CN' });
    expect(n.time).toMatchObject({
      timezone: 'Asia/Shanghai',
      zoneSource: 'coordinates',
      from: utc('2026-11-19T13:00:00Z'),
      to: utc('2026-11-19T15:00:00Z'),
    });
  });

  it('joins the flags of place, time and the time-source comparison', () => {
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { lat: 0, lon: 0 } },
      makeContext(),
      deps,
    );
    expect(n.flags).toEqual(['place.null_island', 'time.zone_unknown']);
  });

  it('compares the claim with times that checks found and marks a contradiction', () => {
    const claims: Claims = { observedAt: '2026-11-20T21:10:00+08:00' };
    const n = normalizeClaims(
      claims,
      makeContext({
        timeSources: [
          { source: 'exif', from: utc('2026-11-20T12:30:00Z'), to: utc('2026-11-20T12:30:00Z') },
        ],
      }),
      deps,
    );
    expect(n.flags).toContain('time.contradiction');
    expect(n.needsDeeperVerification).toBe(true);
    expect(n.timeSources.spreadSeconds).toBe(2400);
    expect(n.timeSources.sources.map((s) => s.source)).toEqual(['claim', 'arrival', 'exif']);
  });

  it('flags a claim that starts long after arrival as a contradiction with arrival too', () => {
    const n = normalizeClaims({ observedAt: '2026-11-20T15:00:00Z' }, makeContext(), deps);
    expect(n.flags).toEqual(['time.future', 'time.contradiction']);
  });

  it('is deterministic: the same input gives the same output', () => {
    const claims: Claims = {
      observedAt: 'yesterday around 10 pm',
      location: 'Times Square, New York',
    };
    expect(normalizeClaims(claims, makeContext(), deps)).toEqual(
      normalizeClaims(claims, makeContext(), deps),
    );
  });

  it('works without deps: coordinates give no zone, text stays unresolved', () => {
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { text: "Xi'an" } },
      makeContext(),
    );
    expect(n.flags).toEqual(['place.unresolved', 'time.zone_unknown']);
  });

  it('takes a street-level geocoder answer fetched by the shell, and reads the zone there', () => {
    const claims: Claims = { observedAt: '2026-11-20T21:10', location: '西安钟楼' };
    expect(geocodeQueryFor(claims, deps)).toBe('西安钟楼');
    const n = normalizeClaims(
      claims,
      makeContext({ geocoded: { lat: 34.2594, lon: 108.9469, accuracyMeters: 50, label: '钟楼' } }),
      deps,
    );
    expect(n.place).toMatchObject({ source: 'geocoder', accuracyMeters: 50, label: '钟楼' });
    expect(n.time?.zoneSource).toBe('coordinates');
  });

  it('assumes the configured zone of a one-zone line', () => {
    const n = normalizeClaims({ observedAt: '2026-11-20T21:10' }, makeContext(), deps, {
      ...NORMALIZE_DEFAULTS,
      defaultTimezone: 'Asia/Shanghai',
    });
    expect(n.time?.zoneSource).toBe('assumed');
    expect(n.flags).toEqual(['time.zone_assumed']);
  });
});

describe('completeness and guided intake through normalizeClaims', () => {
  it('asks an incomplete report the next questions, and answering the first raises the score', () => {
    const sparse: Claims = { observedAt: 'yesterday evening', location: '西安' };
    const before = normalizeClaims(sparse, makeContext(), deps);
    expect(before.nextQuestions.length).toBeGreaterThan(0);
    const first = before.nextQuestions[0]!;

    // The operator reads the question and adds the answer (a PATCH in the API).
    const answers: Record<string, Partial<Claims>> = {
      location: { location: { lat: 34.2594, lon: 108.9469, accuracyMeters: 20, text: '西安钟楼' } },
      observedAt: { observedAt: '2026-11-19T19:42' },
      howKnown: { howKnown: 'saw' },
      subjects: { subjects: 'a white quadcopter drone, about 40 cm wide' },
    };
    expect(Object.keys(answers)).toContain(first.field);
    const after = normalizeClaims({ ...sparse, ...answers[first.field] }, makeContext(), deps);
    expect(after.completeness.score).toBeGreaterThan(before.completeness.score);
    expect(after.completeness.score - before.completeness.score).toBeGreaterThan(first.gain / 2);
    const again = after.nextQuestions.find((q) => q.field === first.field);
    expect(again?.gain ?? 0).toBeLessThan(first.gain);
  });

  it('counts words of a sealed narrative when only the count is given', () => {
    const withText = normalizeClaims({}, makeContext(), deps);
    const withCount = normalizeClaims(
      {},
      makeContext({ narrative: null, narrativeWords: 7 }),
      deps,
    );
    expect(withCount.completeness).toEqual(withText.completeness);
  });
});
