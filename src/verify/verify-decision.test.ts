import { describe, expect, it } from 'vitest';
import type { Check, CheckSubject } from './check.js';
import { emptySubject, TEST_CHECK_SETTINGS } from './check.fixtures.js';
import { timeSourcesCheck } from './checks/time-sources.check.js';
import { decideVerification, type VerifyInput, type VerifySettings } from './verify-decision.js';

const T = Date.parse('2026-11-20T13:40:00Z');

function makeSubject(gapSeconds: number): CheckSubject {
  return emptySubject({
    receivedAt: T,
    timeSources: [
      { source: 'claim', from: T, to: T },
      { source: 'exif', from: T + gapSeconds * 1000, to: T + gapSeconds * 1000 },
    ],
    attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: null }],
  });
}

/** A heavy check over image attachments, recording that it ran. */
const imageCheck: Check = {
  name: 'image-test',
  version: 2,
  cost: 'heavy',
  codes: ['image.test' as never],
  appliesTo: (s) => s.attachments.some((a) => a.contentType.startsWith('image/')),
  run: () => [
    {
      code: 'image.test' as never,
      severity: 'info',
      message: { en: 'seen', zh: '已看' },
      evidence: {},
    },
  ],
};

const settings: VerifySettings = {
  checks: [timeSourcesCheck, imageCheck],
  deferHeavyLagMs: 5000,
  check: TEST_CHECK_SETTINGS,
};

function makeInput(overrides: Partial<VerifyInput> = {}): VerifyInput {
  return { subject: makeSubject(0), flags: [], backlogLagMs: 0, now: T, ...overrides };
}

describe('decideVerification', () => {
  it('runs every applicable check and stores its findings under its name and version', () => {
    const e = decideVerification(makeInput({ subject: makeSubject(901) }), settings);
    expect(e.ran.map((r) => [r.check, r.findings.map((f) => f.code)])).toEqual([
      [{ name: 'time-sources', version: 1 }, ['time.contradiction']],
      [{ name: 'image-test', version: 2 }, ['image.test']],
    ]);
    expect(e.deferred).toEqual([]);
  });

  it('clears the findings of a check that no longer applies', () => {
    const subject = { ...makeSubject(901), timeSources: [], attachments: [] };
    const e = decideVerification(makeInput({ subject }), settings);
    expect(e.ran.map((r) => r.findings)).toEqual([[], []]);
  });

  it('puts off heavy checks one ms past the lag limit, not at it; cheap ones always run', () => {
    const atLimit = decideVerification(makeInput({ backlogLagMs: 5000 }), settings);
    expect(atLimit.deferred).toEqual([]);
    const past = decideVerification(makeInput({ backlogLagMs: 5001 }), settings);
    expect(past.deferred).toEqual([{ name: 'image-test', version: 2 }]);
    expect(past.ran.map((r) => r.check.name)).toEqual(['time-sources']);
  });

  it('runs only the named checks (a deferred one, later)', () => {
    const e = decideVerification(
      makeInput({ backlogLagMs: 60_000, only: ['image-test'] }),
      settings,
    );
    expect(e.ran.map((r) => r.check.name)).toEqual(['image-test']);
    expect(e.deferred).toEqual([]);
    expect(e.flags).toBeNull();
  });

  it('mirrors finding codes that are flags, keeping the other flags of their families', () => {
    const flags = ['abuse.repeat_dialer', 'time.future', 'source.stale'];
    const raised = decideVerification(makeInput({ subject: makeSubject(901), flags }), settings);
    expect(raised.flags).toEqual({
      families: ['time', 'source'],
      flags: ['time.future', 'time.contradiction'],
    });
    expect(raised.assessment).toEqual({
      needsDeeperVerification: true,
      timeSources: { stale: [] },
    });
    const calm = decideVerification(
      makeInput({ subject: makeSubject(900), flags, mirrored: { needsDeeperVerification: true } }),
      settings,
    );
    expect(calm.flags?.flags).toEqual(['time.future']);
    expect(calm.assessment).toEqual({ needsDeeperVerification: false, timeSources: { stale: [] } });
  });

  it('mirrors a stale source alone: its evidence, and no contradiction', () => {
    const stale = [
      { source: 'sensor:s', dataAt: T - 2_000_000, ageSeconds: 2000, latencySeconds: 0 },
    ];
    const subject: CheckSubject = {
      ...makeSubject(0),
      timeSources: [
        { source: 'arrival', from: T - 3_600_000, to: T + 60_000 },
        { source: 'sensor:s', from: T - 60_000, to: T - 60_000, dataAt: T - 2_000_000 },
      ],
    };
    const e = decideVerification(makeInput({ subject, flags: ['time.future'] }), settings);
    expect(e.flags).toEqual({
      families: ['time', 'source'],
      flags: ['time.future', 'source.stale'],
    });
    expect(e.assessment).toEqual({ needsDeeperVerification: false, timeSources: { stale } });
    // The same stale sources already mirrored: no assessment write; other ones: a write.
    const same = decideVerification(makeInput({ subject, mirrored: { stale } }), settings);
    expect(same.assessment).toBeNull();
    const other = decideVerification(
      makeInput({ subject, mirrored: { stale: [{ ...stale[0], ageSeconds: 1 }] } }),
      settings,
    );
    expect(other.assessment).toEqual({ needsDeeperVerification: false, timeSources: { stale } });
  });

  it('mirrors only the codes of checks that ran, and leaves the other families alone', () => {
    // A cheap check listed first that emits nothing: the time-sources result is still the one read.
    const quiet: Check = {
      name: 'quiet',
      version: 1,
      cost: 'cheap',
      codes: [],
      appliesTo: () => true,
      run: () => [],
    };
    const withQuiet = { ...settings, checks: [quiet, timeSourcesCheck] };
    const flags = ['abuse.repeat_dialer', 'place.swapped'];
    const e = decideVerification(makeInput({ subject: makeSubject(901), flags }), withQuiet);
    expect(e.flags).toEqual({ families: ['time', 'source'], flags: ['time.contradiction'] });
    expect(e.assessment?.needsDeeperVerification).toBe(true);
    // Only the quiet check ran: nothing is mirrored, whatever flags the report has.
    const only = decideVerification(
      makeInput({ subject: makeSubject(901), flags: ['time.contradiction'], only: ['quiet'] }),
      withQuiet,
    );
    expect(only.flags).toBeNull();
    expect(only.assessment).toBeNull();
  });

  it('writes no flag or assessment when nothing mirrored changes', () => {
    const e = decideVerification(makeInput({ flags: ['time.future'] }), settings);
    expect(e.flags).toBeNull();
    expect(e.assessment).toBeNull();
    // Flags of families no check mirrors do not count as a change either.
    const other = decideVerification(makeInput({ flags: ['abuse.repeat_dialer'] }), settings);
    expect(other.flags).toBeNull();
  });

  it('mirrors a contradiction and a stale source found together, each with its own evidence', () => {
    const subject: CheckSubject = {
      ...makeSubject(0),
      timeSources: [
        { source: 'claim', from: T, to: T },
        { source: 'exif', from: T + 5_000_000, to: T + 5_000_000 },
        { source: 'sensor:s', from: T, to: T + 5_000_000, dataAt: T - 2_000_000 },
      ],
    };
    const e = decideVerification(makeInput({ subject }), settings);
    expect(e.assessment?.needsDeeperVerification).toBe(true);
    expect(e.assessment?.timeSources.stale).toEqual([
      { source: 'sensor:s', dataAt: T - 2_000_000, ageSeconds: 2000, latencySeconds: 0 },
    ]);
  });
});
