import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../domain/report.js';
import { createGazetteer } from './gazetteer.js';
import { createZoneFinder } from './zone-finder.js';
import { normalizeClaims, type NormalizeContext, type NormalizeDeps } from './normalize-report.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

const utc = (iso: string) => Date.parse(iso);
const RECEIVED = utc('2026-11-20T13:40:00Z');

/**
 * The real zone finder and a gazetteer of two places: the rules of normalizeClaims
 * without loading 200,000 places (normalize.geonames.test.ts does, for real names).
 */
let deps: NormalizeDeps;
beforeAll(() => {
  deps = {
    zones: createZoneFinder(),
    gazetteer: createGazetteer([
      {
        id: 'test:xian',
        name: 'Xi’an',
        names: ['Xi’an', "Xi'an", 'Xian', '西安'],
        country: 'CN',
        lat: 34.2583,
        lon: 108.9286,
        population: 12_000_000,
        featureCode: 'PPLA',
      },
      {
        id: 'test:new-york',
        name: 'New York',
        names: ['New York', 'New York City', '纽约'],
        country: 'US',
        lat: 40.7143,
        lon: -74.006,
        population: 8_800_000,
        featureCode: 'PPL',
      },
    ]),
  };
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

  it('works without deps: coordinates give no zone, text stays unresolved', () => {
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { text: "Xi'an" } },
      makeContext(),
    );
    expect(n.flags).toEqual(['place.unresolved', 'time.zone_unknown']);
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
