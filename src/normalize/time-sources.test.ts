import { describe, expect, it } from 'vitest';
import { NORMALIZE_DEFAULTS } from './settings.js';
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
    const r = compareTimeSources([
      instant('claim', '2026-11-19T13:00:00Z'),
      instant('exif', '2026-11-19T13:15:00Z'),
    ]);
    expect(r).toMatchObject({ spreadSeconds: 900, flags: [], needsDeeperVerification: false });
  });

  it('flags times more than 15 minutes apart, naming every source and its value', () => {
    const r = compareTimeSources([
      instant('claim', '2026-11-19T13:00:00Z'),
      instant('exif', '2026-11-19T13:16:00Z'),
      instant('sensor:firms', '2026-11-19T13:05:00Z'),
    ]);
    expect(r.flags).toEqual(['time.contradiction']);
    expect(r.needsDeeperVerification).toBe(true);
    expect(r.spreadSeconds).toBe(960);
    expect(r.detail.sources.map((s) => s.source)).toEqual(['claim', 'exif', 'sensor:firms']);
    expect(r.detail.latestStart).toEqual({ source: 'exif', at: at('2026-11-19T13:16:00Z') });
    expect(r.detail.earliestEnd).toEqual({ source: 'claim', at: at('2026-11-19T13:00:00Z') });
  });

  it('measures the gap between intervals: a vague claim contains a precise time', () => {
    const r = compareTimeSources([
      { source: 'claim', from: at('2026-11-18T16:00:00Z'), to: at('2026-11-19T16:00:00Z') },
      instant('exif', '2026-11-19T13:10:00Z'),
    ]);
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
    expect(compareTimeSources([]).spreadSeconds).toBe(0);
    expect(compareTimeSources([instant('claim', '2026-11-19T13:00:00Z')]).flags).toEqual([]);
  });
});
