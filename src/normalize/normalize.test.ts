import { beforeEach, describe, expect, it } from 'vitest';
import type { Claims, ObservedPlace, ObservedTime } from '../domain/report.js';
import { createGazetteer } from './gazetteer.js';
import { createZoneFinder } from './zone-finder.js';
import {
  factsOf,
  geocodeQueryFor,
  normalizeClaims,
  type NormalizeContext,
  type NormalizeDeps,
} from './normalize-report.js';
import type { ZoneFinder } from './zones.js';
import { NORMALIZE_DEFAULTS } from './settings.js';

const utc = (iso: string) => Date.parse(iso);
const RECEIVED = utc('2026-11-20T13:40:00Z');

/**
 * The real zone finder and a gazetteer of two places: the rules of normalizeClaims
 * without loading 200,000 places (normalize.geonames.test.ts does, for real names).
 */
let deps: NormalizeDeps;
beforeEach(() => {
  // Built for each test (not once when the file loads), so that a broken index fails tests.
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
        observedAt: '2026-11-20T08:10:00',
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

  // Judging the times (time.contradiction, source.stale) moved to the verify stage's
  // time-sources check (verify/checks/time-sources.check.test.ts); normalize gathers them.
  it('gathers the claim, the arrival and the times checks found, with their spread', () => {
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
    expect(n.flags).not.toContain('time.contradiction');
    expect(n.timeSources.spreadSeconds).toBe(2400);
    expect(n.timeSources.sources.map((s) => s.source)).toEqual(['claim', 'arrival', 'exif']);
  });

  it('flags a claim that starts long after arrival as in the future (the contradiction is verify’s)', () => {
    const n = normalizeClaims({ observedAt: '2026-11-20T15:00:00Z' }, makeContext(), deps);
    expect(n.flags).toEqual(['time.future']);
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

describe('factsOf: the completeness facts of a report', () => {
  const none = { time: null, place: null, flags: [] };
  const time = (overrides: Partial<ObservedTime> = {}): ObservedTime => ({
    from: 0,
    to: 0,
    local: null,
    timezone: 'UTC',
    zoneSource: 'offset',
    precisionSeconds: 60,
    ...overrides,
  });
  const place = (overrides: Partial<ObservedPlace> = {}): ObservedPlace => ({
    lat: 34.26,
    lon: 108.94,
    accuracyMeters: 20,
    text: null,
    ...overrides,
  });

  it('counts the subjects’ words and whether they name nobody in particular', () => {
    expect(factsOf({ subjects: '  someone  ' }, none, {}).who).toEqual({ words: 1, vague: true });
    expect(factsOf({ subjects: 'a white drone' }, none, {}).who).toEqual({
      words: 3,
      vague: false,
    });
  });

  it('has no subjects for blank or absent subjects', () => {
    expect(factsOf({ subjects: '   ' }, none, {}).who).toBeNull();
    expect(factsOf({}, none, {}).who).toBeNull();
  });

  it('takes the subjects counted at intake over the claims, even "none"', () => {
    const counted = { words: 9, vague: false };
    expect(factsOf({ subjects: 'someone' }, none, { who: counted }).who).toEqual(counted);
    expect(factsOf({ subjects: 'someone' }, none, { who: null }).who).toBeNull();
  });

  it('takes the narrative’s word count over its text, and a category when one is named', () => {
    expect(
      factsOf({}, none, { narrativeWords: 3, narrative: 'one two three four five' }).what,
    ).toEqual({
      narrativeWords: 3,
      category: false,
    });
    expect(
      factsOf({}, none, { narrative: 'one two three four five', category: 'drone' }).what,
    ).toEqual({
      narrativeWords: 5,
      category: true,
    });
    expect(factsOf({}, none, { category: '' }).what).toEqual({
      narrativeWords: 0,
      category: false,
    });
  });

  it('has a place only when a location was claimed, with the accuracy of its point', () => {
    expect(factsOf({}, { ...none, place: place() }, {}).where).toBeNull();
    expect(factsOf({ location: 'x' }, { ...none, place: place() }, {}).where).toEqual({
      accuracyMeters: 20,
    });
    // Claimed but not placed (unresolved text, null island): present, accuracy unknown.
    const unresolved = place({ lat: null, lon: null, accuracyMeters: 500 });
    expect(factsOf({ location: 'x' }, { ...none, place: unresolved }, {}).where).toEqual({
      accuracyMeters: null,
    });
    expect(factsOf({ location: { lat: 0, lon: 0 } }, none, {}).where).toEqual({
      accuracyMeters: null,
    });
  });

  it('has a time when observedAt was claimed (epoch 0 too, an empty string not)', () => {
    expect(factsOf({}, none, {}).when).toBeNull();
    expect(factsOf({ observedAt: '' }, none, {}).when).toBeNull();
    expect(factsOf({ observedAt: 0 }, { ...none, time: time() }, {}).when).toEqual({
      precisionSeconds: 60,
      zoneKnown: true,
    });
    expect(factsOf({ observedAt: 'sometime' }, none, {}).when).toEqual({
      precisionSeconds: null,
      zoneKnown: true,
    });
  });

  it('marks the zone unknown when the time was flagged so', () => {
    const n = { time: time(), place: null, flags: ['time.zone_unknown'] };
    expect(factsOf({ observedAt: '2026-11-20T21:10' }, n, {}).when?.zoneKnown).toBe(false);
  });

  it('takes howKnown and the evidence count as given, none when absent', () => {
    expect(factsOf({ howKnown: 'heard' }, none, { attachmentCount: 2 })).toMatchObject({
      howKnown: 'heard',
      evidence: 2,
    });
    expect(factsOf({}, none, {})).toMatchObject({ howKnown: null, evidence: 0 });
  });
});

describe('normalizeClaims: the times compared', () => {
  const CLAIM = '2026-11-20T21:10:00+08:00';

  it('compares the claim with the arrival window: max age before, future tolerance after', () => {
    const n = normalizeClaims({ observedAt: CLAIM }, makeContext(), deps);
    expect(n.timeSources.sources).toEqual([
      { source: 'claim', from: utc('2026-11-20T13:10:00Z'), to: utc('2026-11-20T13:10:00Z') },
      {
        source: 'arrival',
        from: RECEIVED - NORMALIZE_DEFAULTS.maxAgeDays * 86_400_000,
        to: RECEIVED + NORMALIZE_DEFAULTS.futureToleranceSeconds * 1000,
      },
    ]);
  });

  it('has no arrival source without an arrival time', () => {
    const n = normalizeClaims({ observedAt: CLAIM }, { receivedAt: undefined }, deps);
    expect(n.timeSources.sources.map((s) => s.source)).toEqual(['claim']);
  });

  it('has no claim source for a time it cannot read', () => {
    const n = normalizeClaims({ observedAt: 'when the moon was blue' }, makeContext(), deps);
    expect(n.flags).toContain('time.unparsed');
    expect(n.timeSources.sources.map((s) => s.source)).toEqual(['arrival']);
  });

  it('keeps a source’s data time and latency for the verify check to judge', () => {
    const sensor = {
      source: 'sensor:test',
      from: RECEIVED - 3_600_000,
      to: RECEIVED - 3_600_000,
      dataAt: RECEIVED - 2 * 3_600_000,
      latencySeconds: 60,
    };
    const n = normalizeClaims({}, makeContext({ timeSources: [sensor] }), deps);
    expect(n.flags).not.toContain('source.stale');
    expect(n.timeSources.sources.at(-1)).toEqual(sensor);
  });
});

describe('normalizeClaims: the place the time is read at', () => {
  /** A zone finder that answers Asia/Shanghai anywhere, recording where it was asked. */
  const shanghaiEverywhere = () => {
    const asked: unknown[] = [];
    const zones: ZoneFinder = {
      zonesAt(lat, lon) {
        asked.push([lat, lon]);
        return { zones: ['Asia/Shanghai'], crossCheck: null };
      },
    };
    return { zones, asked };
  };

  it('reads a local time in the zone at the point', () => {
    const { zones, asked } = shanghaiEverywhere();
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { lat: 34.26, lon: 108.94 } },
      makeContext(),
      { zones },
    );
    expect(asked).toEqual([[34.26, 108.94]]);
    expect(n.time?.timezone).toBe('Asia/Shanghai');
  });

  it('asks no zone for a place without a point', () => {
    const { zones, asked } = shanghaiEverywhere();
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { text: 'near the north gate' } },
      makeContext(),
      { zones, gazetteer: deps.gazetteer },
    );
    expect(asked).toEqual([]);
    expect(n.flags).toEqual(['place.unresolved', 'time.zone_unknown']);
  });

  it('takes the geocoder’s answer for the place, and reads the time at it', () => {
    const { zones, asked } = shanghaiEverywhere();
    const n = normalizeClaims(
      { observedAt: '2026-11-20T21:10', location: { text: 'Chang’an Road 5' } },
      makeContext({ geocoded: { lat: 34.2, lon: 108.9, accuracyMeters: 30, label: 'Road' } }),
      { zones },
    );
    expect(n.place).toMatchObject({ lat: 34.2, source: 'geocoder', label: 'Road' });
    expect(n.flags).toEqual([]);
    expect(asked).toEqual([[34.2, 108.9]]);
  });
});

describe('geocodeQueryFor', () => {
  it('asks the geocoder about unresolved text, not about a point', () => {
    expect(geocodeQueryFor({ location: 'Chang’an Road 5' }, deps)).toBe('Chang’an Road 5');
    expect(geocodeQueryFor({ location: { lat: 34.26, lon: 108.94, text: 'x' } }, deps)).toBeNull();
    expect(geocodeQueryFor({})).toBeNull();
  });
});
