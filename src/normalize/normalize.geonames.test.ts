/**
 * normalizeClaims over the real GeoNames gazetteer (200,000 places): what the data
 * gives for real names. The rules themselves are pinned in normalize.test.ts with
 * small fixtures; these tests are left out of mutation runs (each run would reload
 * the gazetteer), see vitest.unit.config.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../domain/report.js';
import { createNormalizeDeps } from './normalize-deps.js';
import {
  geocodeQueryFor,
  normalizeClaims,
  type NormalizeContext,
  type NormalizeDeps,
} from './normalize-report.js';

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

describe('normalizeClaims with the GeoNames gazetteer', () => {
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
  it('is deterministic: the same input gives the same output', () => {
    const claims: Claims = {
      observedAt: 'yesterday around 10 pm',
      location: 'Times Square, New York',
    };
    expect(normalizeClaims(claims, makeContext(), deps)).toEqual(
      normalizeClaims(claims, makeContext(), deps),
    );
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
});
