import { describe, expect, it } from 'vitest';
import { NORMALIZE_DEFAULTS } from '../normalize/settings.js';
import { compareTimeSources, type TimeSource } from './time-sources.js';

const at = (iso: string) => Date.parse(iso);
const instant = (source: string, iso: string, extra: Partial<TimeSource> = {}): TimeSource => ({
  source,
  from: at(iso),
  to: at(iso),
  ...extra,
});

describe('compareTimeSources', () => {
  it('finds no contradiction between times 15 minutes apart or less', () => {
    const r = compareTimeSources(
      [instant('claim', '2026-11-19T13:00:00Z'), instant('exif', '2026-11-19T13:15:00Z')],
      NORMALIZE_DEFAULTS,
    );
    expect(r).toMatchObject({ spreadSeconds: 900, flags: [], needsDeeperVerification: false });
  });

  it('flags times more than 15 minutes apart, naming every source and its value', () => {
    const r = compareTimeSources(
      [
        instant('claim', '2026-11-19T13:00:00Z'),
        instant('exif', '2026-11-19T13:16:00Z'),
        instant('sensor:firms', '2026-11-19T13:05:00Z'),
      ],
      NORMALIZE_DEFAULTS,
    );
    expect(r.flags).toEqual(['time.contradiction']);
    expect(r.needsDeeperVerification).toBe(true);
    expect(r.spreadSeconds).toBe(960);
    expect(r.detail.sources.map((s) => s.source)).toEqual(['claim', 'exif', 'sensor:firms']);
    expect(r.detail.latestStart).toEqual({ source: 'exif', at: at('2026-11-19T13:16:00Z') });
    expect(r.detail.earliestEnd).toEqual({ source: 'claim', at: at('2026-11-19T13:00:00Z') });
  });

  it('measures the gap between intervals: a vague claim contains a precise time', () => {
    const r = compareTimeSources(
      [
        { source: 'claim', from: at('2026-11-18T16:00:00Z'), to: at('2026-11-19T16:00:00Z') },
        instant('exif', '2026-11-19T13:10:00Z'),
      ],
      NORMALIZE_DEFAULTS,
    );
    expect(r.spreadSeconds).toBe(0);
    expect(r.flags).toEqual([]);
  });

  it('follows the contradiction setting', () => {
    const sources = [
      instant('claim', '2026-11-19T13:00:00Z'),
      instant('exif', '2026-11-19T13:10:00Z'),
    ];
    const strict = { ...NORMALIZE_DEFAULTS, contradictionSeconds: 300 };
    expect(compareTimeSources(sources, strict).flags).toEqual(['time.contradiction']);
  });

  it('flags a source whose data is older than its latency plus 15 minutes', () => {
    const asOf = at('2026-11-19T14:00:00Z');
    const fresh = instant('sensor:a', '2026-11-19T13:00:00Z', {
      dataAt: at('2026-11-19T13:00:00Z'),
      latencySeconds: 3 * 3600,
    });
    const stale = instant('sensor:b', '2026-11-19T13:00:00Z', {
      dataAt: at('2026-11-19T13:30:00Z'),
      latencySeconds: 600,
    });
    const r = compareTimeSources([fresh, stale], NORMALIZE_DEFAULTS, asOf);
    expect(r.flags).toEqual(['source.stale']);
    expect(r.detail.stale).toEqual([
      {
        source: 'sensor:b',
        dataAt: at('2026-11-19T13:30:00Z'),
        ageSeconds: 1800,
        latencySeconds: 600,
      },
    ]);
  });

  it('has nothing to compare with fewer than two sources', () => {
    expect(compareTimeSources([], NORMALIZE_DEFAULTS).spreadSeconds).toBe(0);
    expect(
      compareTimeSources([instant('claim', '2026-11-19T13:00:00Z')], NORMALIZE_DEFAULTS).flags,
    ).toEqual([]);
  });

  it('keeps the first listed source when two start (or end) at the same latest (earliest) time', () => {
    const r = compareTimeSources(
      [
        instant('claim', '2026-11-19T13:00:00Z'),
        instant('arrival', '2026-11-19T13:00:00Z'),
        instant('exif', '2026-11-19T13:20:00Z'),
        instant('sensor:firms', '2026-11-19T13:20:00Z'),
      ],
      NORMALIZE_DEFAULTS,
    );
    expect(r.detail.latestStart).toEqual({ source: 'exif', at: at('2026-11-19T13:20:00Z') });
    expect(r.detail.earliestEnd).toEqual({ source: 'claim', at: at('2026-11-19T13:00:00Z') });
  });

  it('names the furthest sources only when they contradict', () => {
    const r = compareTimeSources(
      [instant('claim', '2026-11-19T13:00:00Z'), instant('exif', '2026-11-19T13:05:00Z')],
      NORMALIZE_DEFAULTS,
    );
    expect(r.spreadSeconds).toBe(300);
    expect(r.detail).toMatchObject({ latestStart: null, earliestEnd: null });
  });
});

describe('compareTimeSources: stale sources', () => {
  const { staleToleranceSeconds } = NORMALIZE_DEFAULTS;
  const asOf = at('2026-11-19T14:00:00Z');
  /** A source whose data was produced `ageSeconds` before asOf. */
  const aged = (ageSeconds: number, latencySeconds?: number): TimeSource =>
    instant('sensor:a', '2026-11-19T13:00:00Z', {
      dataAt: asOf - ageSeconds * 1000,
      ...(latencySeconds === undefined ? {} : { latencySeconds }),
    });
  const staleAt = (source: TimeSource, clock: number | undefined = asOf) =>
    compareTimeSources([source], NORMALIZE_DEFAULTS, clock).flags.includes('source.stale');

  it('is stale only beyond its latency plus the tolerance, not at it', () => {
    const latency = 600;
    expect(staleAt(aged(latency + staleToleranceSeconds, latency))).toBe(false);
    expect(staleAt(aged(latency + staleToleranceSeconds + 1, latency))).toBe(true);
  });

  it('counts a latency of 0 when none is stated', () => {
    expect(staleAt(aged(staleToleranceSeconds))).toBe(false);
    expect(staleAt(aged(staleToleranceSeconds + 1))).toBe(true);
  });

  it('adds the latency to the tolerance (a slow source may be older)', () => {
    // Older than the tolerance, younger than latency + tolerance: fresh for a slow source.
    expect(staleAt(aged(staleToleranceSeconds + 60, 3600))).toBe(false);
  });

  it('without asOf, measures age at the latest end of all sources', () => {
    const latest = at('2026-11-19T15:00:00Z');
    const sensor: TimeSource = {
      source: 'sensor:a',
      from: at('2026-11-19T14:00:00Z'),
      to: at('2026-11-19T14:30:00Z'),
      dataAt: latest - (staleToleranceSeconds + 1) * 1000,
    };
    const arrival = { source: 'arrival', from: at('2026-11-19T14:00:00Z'), to: latest };
    const r = compareTimeSources([sensor, arrival], NORMALIZE_DEFAULTS);
    expect(r.flags).toEqual(['source.stale']);
    expect(r.detail.stale[0]?.ageSeconds).toBe(staleToleranceSeconds + 1);
  });

  it('never calls a source without dataAt stale, however old the others', () => {
    const undated = instant('claim', '2000-01-01T00:00:00Z');
    expect(staleAt(undated)).toBe(false);
  });

  it('calls nothing stale against a clock that is not finite', () => {
    expect(staleAt(aged(10 * 86_400), Number.POSITIVE_INFINITY)).toBe(false);
    expect(staleAt(aged(10 * 86_400), Number.NaN)).toBe(false);
  });
});
