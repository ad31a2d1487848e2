import { describe, expect, it } from 'vitest';
import { EVENT_KIND_CODES } from '../domain/event-kinds.js';
import {
  CONFIDENCE_SETTINGS,
  CORRELATE_SETTINGS,
  DEFAULT_CHANNEL_PRIORS,
  DEFAULT_CHANNEL_RELIABILITY,
  DEFAULT_KIND_PROFILES,
  DEFAULT_SEVERITY_WEIGHTS,
} from './settings.js';

/** The parsed value, or the first problem's message. */
function parse<T>(spec: { schema: { safeParse(text: string): unknown } }, text: string) {
  const r = spec.schema.safeParse(text) as
    { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  return r.success ? { value: r.data } : { problem: r.error.issues[0]!.message };
}

describe('TIPWIRE_CORRELATE_KIND_PROFILES', () => {
  const profiles = CORRELATE_SETTINGS.kindProfiles;

  it('has a default profile for every kind and for no kind (`*`)', () => {
    expect(Object.keys(DEFAULT_KIND_PROFILES).sort()).toEqual(['*', ...EVENT_KIND_CODES].sort());
    expect(profiles.default).toBe(DEFAULT_KIND_PROFILES);
  });

  it('overrides the kinds named, keeping the defaults of the others', () => {
    expect(parse(profiles, 'fire=500/300,*=250/60')).toEqual({
      value: {
        ...DEFAULT_KIND_PROFILES,
        fire: { extentMeters: 500, durationMinutes: 300 },
        '*': { extentMeters: 250, durationMinutes: 60 },
      },
    });
    expect(DEFAULT_KIND_PROFILES.fire).toEqual({ extentMeters: 250, durationMinutes: 240 });
  });

  it('takes blanks around every part, decimals, and the last of a kind named twice', () => {
    expect(parse(profiles, '  fire = 500.5 / 30.25 , medical=1/1,medical=2/3 ')).toEqual({
      value: {
        ...DEFAULT_KIND_PROFILES,
        fire: { extentMeters: 500.5, durationMinutes: 30.25 },
        medical: { extentMeters: 2, durationMinutes: 3 },
      },
    });
  });

  it.each([
    ['1/1', true],
    ['0.99/1', false],
    ['100000/1', true],
    ['100000.01/1', false],
    ['1/0.99', false],
    ['1/10080', true],
    ['1/10080.01', false],
  ])('takes an extent of 1–100000 m and a duration of 1–10080 min: fire=%s → %s', (v, ok) => {
    const got = parse(profiles, `fire=${v}`);
    if (ok) expect(got).toHaveProperty('value');
    else
      expect(got).toEqual({
        problem: 'fire: extent must be 1–100000 m and duration 1–10080 minutes',
      });
  });

  it.each([
    ['lava=1/1', 'lava=1/1'],
    ['fire=500', 'fire=500'],
    ['fire=-1/30', 'fire=-1/30'],
    ['fire=1/2/3', 'fire=1/2/3'],
    ['FIRE=1/1', 'FIRE=1/1'],
    ['=1/1', '=1/1'],
    ['fire=1/1,', ''],
    ['fire=1/1, lava=2/2', 'lava=2/2'],
    ['9fire=1/1', '9fire=1/1'],
    ['fire=1/1x', 'fire=1/1x'],
  ])('refuses %j, naming the part and the kinds it may have', (text, part) => {
    expect(parse(profiles, text)).toEqual({
      problem: `"${part}" must be kind=metres/minutes with a kind of *, ${EVENT_KIND_CODES.join(', ')}`,
    });
  });

  it('cuts a long part to 40 characters in the message', () => {
    const got = parse(profiles, `x${'y'.repeat(60)}=1/1`);
    expect(got).toEqual({
      problem: expect.stringMatching(/^"xy{39}" must be kind=metres\/minutes/),
    });
  });

  it('reports each problem as a custom issue', () => {
    for (const text of ['lava=1/1', 'fire=0/1']) {
      const r = profiles.schema.safeParse(text);
      expect(r.success ? null : r.error.issues[0]?.code).toBe('custom');
    }
  });
});

describe('the confidence lists (name=number)', () => {
  it('overrides the channels named, keeping the defaults of the others', () => {
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, 'phone=0.3, feed = 0.45')).toEqual({
      value: { ...DEFAULT_CHANNEL_PRIORS, phone: 0.3, feed: 0.45 },
    });
    expect(DEFAULT_CHANNEL_PRIORS.feed).toBe(0.4);
  });

  it.each([
    ['channelPriors', 'web', 0.01, 0.99],
    ['channelReliability', 'web', 0.5, 0.99],
    ['severityWeights', 'critical', -5, 5],
  ] as const)('takes %s from %s=min to max, not 0.001 beyond either', (key, name, min, max) => {
    const spec = CONFIDENCE_SETTINGS[key];
    expect(parse(spec, `${name}=${min}`)).toEqual({ value: { ...spec.default, [name]: min } });
    expect(parse(spec, `${name}=${max}`)).toEqual({ value: { ...spec.default, [name]: max } });
    for (const v of [min - 0.001, max + 0.001]) {
      const text = `${name}=${Number(v.toFixed(3))}`;
      expect(parse(spec, text)).toEqual({
        problem: expect.stringContaining(`"${text}" must be name=number with a name of`),
      });
    }
  });

  it('refuses a name not in the list, and says which names and numbers it takes', () => {
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, 'fax=0.5')).toEqual({
      problem:
        '"fax=0.5" must be name=number with a name of phone, web, app, api, feed and a number from 0.01 to 0.99',
    });
    expect(parse(CONFIDENCE_SETTINGS.severityWeights, 'fatal=-1')).toEqual({
      problem:
        '"fatal=-1" must be name=number with a name of info, notice, warning, critical and a number from -5 to 5',
    });
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, 'web=0.5,')).toHaveProperty('problem');
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, 'web=.5')).toHaveProperty('problem');
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, '9web=0.5')).toHaveProperty('problem');
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, 'web=0.5x')).toHaveProperty('problem');
    const r = CONFIDENCE_SETTINGS.channelPriors.schema.safeParse('fax=0.5');
    expect(r.success ? null : r.error.issues[0]?.code).toBe('custom');
  });

  it('takes blanks around every part and leading zeros', () => {
    expect(parse(CONFIDENCE_SETTINGS.channelPriors, ' web = 00.5 , feed=0.45 ')).toEqual({
      value: { ...DEFAULT_CHANNEL_PRIORS, web: 0.5, feed: 0.45 },
    });
  });

  it('cuts a long part to 40 characters in the message, without its blanks', () => {
    const got = parse(CONFIDENCE_SETTINGS.channelPriors, `web=0.5,  x${'y'.repeat(60)}=0.5`);
    expect(got).toEqual({ problem: expect.stringMatching(/^"xy{39}" must be name=number/) });
  });

  it('defaults every channel and severity', () => {
    expect(CONFIDENCE_SETTINGS.channelPriors.default).toBe(DEFAULT_CHANNEL_PRIORS);
    expect(CONFIDENCE_SETTINGS.channelReliability.default).toBe(DEFAULT_CHANNEL_RELIABILITY);
    expect(CONFIDENCE_SETTINGS.severityWeights.default).toBe(DEFAULT_SEVERITY_WEIGHTS);
    // The defaults README's settings table lists.
    expect(DEFAULT_SEVERITY_WEIGHTS).toEqual({
      info: 0,
      notice: -0.2,
      warning: -0.7,
      critical: -1.5,
    });
    expect(Object.keys(DEFAULT_CHANNEL_RELIABILITY)).toEqual(Object.keys(DEFAULT_CHANNEL_PRIORS));
    expect(Object.keys(DEFAULT_SEVERITY_WEIGHTS)).toEqual([
      'info',
      'notice',
      'warning',
      'critical',
    ]);
  });
});

describe('the scalar settings', () => {
  const cases = [
    [CORRELATE_SETTINGS.tolerance, 0.5, 10, 0.01, 1.5],
    [CORRELATE_SETTINGS.timeSlackMinutes, 0, 1440, 0.01, 5],
    [CORRELATE_SETTINGS.unstatedTimeMinutes, 1, 10_080, 0.01, 240],
    [CORRELATE_SETTINGS.copyWindowHours, 0, 720, 0.01, 48],
    [CORRELATE_SETTINGS.seenFromAfarMeters, 0, 100_000, 0.01, 2000],
    [CORRELATE_SETTINGS.defaultAccuracyMeters, 1, 100_000, 0.01, 100],
    [CORRELATE_SETTINGS.vagueAccuracyMeters, 1, 1_000_000, 0.01, 1000],
    [CORRELATE_SETTINGS.vaguePrecisionMinutes, 1, 525_600, 0.01, 90],
    [CORRELATE_SETTINGS.attachMaxAccuracyMeters, 1, 20_000_000, 0.01, 10_000],
    [CORRELATE_SETTINGS.attachMaxPrecisionMinutes, 1, 525_600, 0.01, 720],
    [CORRELATE_SETTINGS.attachMinShare, 0.5, 1, 0.01, 0.8],
    [CORRELATE_SETTINGS.maxCandidates, 1, 10_000, 1, 64],
    [CORRELATE_SETTINGS.citywideAttachMinReports, 0, 1000, 1, 3],
    [CORRELATE_SETTINGS.citywideMaxCandidates, 1, 10_000, 1, 256],
    [CORRELATE_SETTINGS.vagueRechecks, 0, 1000, 1, 8],
    [CORRELATE_SETTINGS.citywideRecheckReads, 0, 10_000, 1, 32],
    [CORRELATE_SETTINGS.citywideRechecks, 0, 1000, 1, 4],
    [CORRELATE_SETTINGS.duplicateTextSimilarity, 0.05, 1, 0.01, 0.6],
    [CORRELATE_SETTINGS.sameSourceTextSimilarity, 0.05, 1, 0.01, 0.45],
    [CORRELATE_SETTINGS.sourcePairsMax, 0, 100_000, 1, 200],
    [CONFIDENCE_SETTINGS.vagueWitnessShare, 0, 1, 0.01, 0.5],
    [CONFIDENCE_SETTINGS.maxFindingsPerSource, 0, 100, 1, 2],
  ] as const;

  it.each(cases.map(([spec, ...rest]) => [spec.env, spec, ...rest] as const))(
    '%s takes its range, one unit beyond neither end, and defaults inside it',
    (_env, spec, min, max, unit, fallback) => {
      const text = (v: number) => String(Number(v.toFixed(2)));
      expect(parse(spec, text(min))).toEqual({ value: min });
      expect(parse(spec, text(max))).toEqual({ value: max });
      expect(parse(spec, text(min - unit))).toHaveProperty('problem');
      expect(parse(spec, text(max + unit))).toHaveProperty('problem');
      expect(spec.default).toBe(fallback);
    },
  );

  it('covers every setting with a number for its default', () => {
    const scalars = [...Object.values(CORRELATE_SETTINGS), ...Object.values(CONFIDENCE_SETTINGS)]
      .filter((spec) => typeof spec.default === 'number')
      .map((spec) => spec.env);
    expect(cases.map(([spec]) => spec.env).sort()).toEqual(scalars.sort());
  });

  it('takes whole numbers only where it counts things', () => {
    expect(parse(CORRELATE_SETTINGS.maxCandidates, '1.5')).toHaveProperty('problem');
    expect(parse(CONFIDENCE_SETTINGS.maxFindingsPerSource, '2.0')).toHaveProperty('problem');
    expect(parse(CORRELATE_SETTINGS.tolerance, '2.5')).toEqual({ value: 2.5 });
  });

  it('names each variable under TIPWIRE_CORRELATE_ or TIPWIRE_CONFIDENCE_, each once', () => {
    const names = [
      ...Object.values(CORRELATE_SETTINGS).map((s) => s.env),
      ...Object.values(CONFIDENCE_SETTINGS).map((s) => s.env),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^TIPWIRE_(CORRELATE|CONFIDENCE)_[A-Z_]+$/);
  });
});
