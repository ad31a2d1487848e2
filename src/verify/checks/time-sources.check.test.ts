import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../domain/flags.js';
import type { CheckSubject } from '../check.js';
import { timeSourcesCheck } from './time-sources.check.js';

const T = Date.parse('2026-11-20T13:40:00Z');
const settings = {
  contradictionSeconds: 900,
  staleToleranceSeconds: 900,
  exifTimeMismatchMinutes: 3,
  exifPlaceMismatchMeters: 1000,
};

function makeSubject(overrides: Partial<CheckSubject> = {}): CheckSubject {
  return {
    reportId: 'r_1',
    receivedAt: T,
    time: null,
    place: null,
    timeSources: [],
    attachments: [],
    ...overrides,
  };
}

/** A claim at T and a second source starting `gapSeconds` after it ends. */
const apart = (gapSeconds: number) =>
  makeSubject({
    timeSources: [
      { source: 'claim', from: T, to: T },
      { source: 'exif', from: T + gapSeconds * 1000, to: T + gapSeconds * 1000 },
    ],
  });

const run = (subject: CheckSubject) => timeSourcesCheck.run(subject, { settings });

describe('the time-sources check', () => {
  it('applies to reports with at least two time sources', () => {
    expect(timeSourcesCheck.appliesTo(makeSubject())).toBe(false);
    expect(
      timeSourcesCheck.appliesTo(makeSubject({ timeSources: apart(0).timeSources.slice(0, 1) })),
    ).toBe(false);
    expect(timeSourcesCheck.appliesTo(apart(0))).toBe(true);
  });

  it('finds a contradiction one second past the limit, and none at it', () => {
    expect(run(apart(899))).toEqual([]);
    expect(run(apart(900))).toEqual([]);
    const [finding, ...rest] = run(apart(901));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'time.contradiction',
      severity: 'warning',
      evidence: {
        spreadSeconds: 901,
        limitSeconds: 900,
        latestStart: { source: 'exif', at: T + 901_000 },
        earliestEnd: { source: 'claim', at: T },
      },
    });
    expect(finding!.message.en).toContain('15 min apart');
    expect(finding!.message.zh).toContain('15 分钟');
  });

  it('finds a source stale one second past its latency plus the tolerance, at arrival', () => {
    const withSensor = (ageSeconds: number) =>
      makeSubject({
        timeSources: [
          { source: 'arrival', from: T - 86_400_000, to: T + 300_000 },
          {
            source: 'sensor:test',
            from: T - 60_000,
            to: T - 60_000,
            dataAt: T - ageSeconds * 1000,
            latencySeconds: 60,
          },
        ],
      });
    expect(run(withSensor(960))).toEqual([]);
    const [finding] = run(withSensor(961));
    expect(finding!.message).toEqual({
      en: FLAGS['source.stale'].en,
      zh: FLAGS['source.stale'].zh,
    });
    expect(finding).toMatchObject({
      code: 'source.stale',
      severity: 'notice',
      evidence: {
        stale: [{ source: 'sensor:test', ageSeconds: 961, latencySeconds: 60 }],
        toleranceSeconds: 900,
      },
    });
  });

  it('is a cheap check: never put off under load', () => {
    expect(timeSourcesCheck.cost).toBe('cheap');
  });

  it('names every code it can emit', () => {
    const codes = [...run(apart(5000)), ...run(apart(-5000))].map((f) => f.code);
    expect(codes.every((c) => timeSourcesCheck.codes.includes(c))).toBe(true);
  });
});
