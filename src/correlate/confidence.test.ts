import { describe, expect, it } from 'vitest';
import type { Severity } from '../domain/flags.js';
import {
  fuseConfidence,
  type ConfidenceSettings,
  type ConfidenceTerm,
  type EvidenceMember,
} from './confidence.js';
import type { SameSourceReason, Sources } from './independence.js';

/**
 * Odds chosen so the log-odds add up by hand: a web prior of 0.2 is odds 1/4, a web
 * witness of 0.8 multiplies them by 4, phone by 3, app by 9.
 */
const settings: ConfidenceSettings = {
  channelPriors: { phone: 0.5, web: 0.2, app: 0.25, api: 0.75, feed: 0.8 },
  channelReliability: { phone: 0.75, web: 0.8, app: 0.9, api: 0.6, feed: 0.6 },
  severityWeights: { info: 0, notice: -0.25, warning: -0.5, critical: -2 },
  vagueWitnessShare: 0.5,
  maxFindingsPerSource: 2,
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** A precise web report received at `receivedAt`, with no finding. */
function evidence(
  reportId: string,
  receivedAt: number,
  overrides: Partial<EvidenceMember> = {},
): EvidenceMember {
  return {
    reportId,
    channel: 'web',
    vague: false,
    abusive: false,
    receivedAt,
    findings: [],
    ...overrides,
  };
}

/** Sources as groups of report ids, each named after its first; repeats as given. */
function sources(
  groups: string[][],
  repeats: Partial<Record<SameSourceReason, number>> = {},
): Sources {
  return {
    sourceOf: new Map(groups.flatMap((g) => g.map((id) => [id, g[0]!] as const))),
    repeats: new Map(Object.entries(repeats)) as Sources['repeats'],
    count: groups.length,
  };
}

/** Each member its own source. */
const alone = (members: EvidenceMember[]) => sources(members.map((m) => [m.reportId]));

const findings = (...severities: [string, Severity][]) =>
  severities.map(([code, severity]) => ({ code, severity }));

/** To 1e-9 (and never −0): logit(0.9) is ln 9.000000000000002 in floating point. */
const r = (x: number) => Math.round(x * 1e9) / 1e9 + 0;

/** The terms without their text, weights to 1e-9, for comparing weights and counts. */
const bare = (terms: ConfidenceTerm[]) =>
  terms.map(({ code, weight, count, detail }) => ({ code, weight: r(weight), count, detail }));

describe('fuseConfidence', () => {
  it('has probability 0 and no term without members', () => {
    expect(fuseConfidence([], sources([]), settings)).toEqual({
      probability: 0,
      logOdds: 0,
      independentSources: 0,
      terms: [],
    });
  });

  it("is the channel's prior for one report", () => {
    const got = fuseConfidence([evidence('a', 0)], alone([evidence('a', 0)]), settings);
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: r(Math.log(1 / 4)), count: 1, detail: 'web' },
    ]);
    expect(got.terms[0]!.text).toEqual({
      en: 'Prior for an event first reported by web: 20 % (log-odds −1.39).',
      zh: '首个举报经由 web 渠道，先验概率 20 %（对数几率 −1.39）。',
    });
    expect(got.probability).toBeCloseTo(0.2, 12);
    expect(got.independentSources).toBe(1);
  });

  it('takes the prior from the earliest report received, whatever the input order', () => {
    const members = [evidence('late', 2, { channel: 'phone' }), evidence('early', 1)];
    const got = fuseConfidence(members, alone(members), settings);
    expect(got.terms[0]).toMatchObject({ code: 'prior', detail: 'web' });
    expect(got.terms[1]).toMatchObject({ code: 'witnesses', detail: 'phone' });
  });

  it('takes the prior from the earliest counted source: not an abusive report, not a repeat', () => {
    const abusive = [
      evidence('abuse', 0, { abusive: true }),
      evidence('call', 1, { channel: 'phone' }),
    ];
    expect(fuseConfidence(abusive, alone(abusive), settings).terms[0]).toMatchObject({
      code: 'prior',
      detail: 'phone',
    });
    // `copy` came first but repeats `call`'s source (named after `call`).
    const repeat = [
      evidence('copy', 0, { channel: 'feed' }),
      evidence('call', 1, { channel: 'phone' }),
    ];
    const got = fuseConfidence(repeat, sources([['call', 'copy']], { same_text: 1 }), settings);
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: 0, count: 1, detail: 'phone' },
      { code: 'repeats', weight: 0, count: 1, detail: 'same_text' },
    ]);
    expect(got.terms[0]!.text.en).toBe(
      'Prior for an event first reported by phone: 50 % (log-odds +0.00).',
    );
    expect(got.independentSources).toBe(1);
  });

  it("adds each further source's reliability as log-odds, by channel", () => {
    const members = [
      evidence('a', 0),
      evidence('b', 1, { channel: 'phone' }),
      evidence('c', 2),
      evidence('d', 3, { channel: 'app' }),
      evidence('e', 4, { channel: 'app' }),
    ];
    const got = fuseConfidence(members, alone(members), settings);
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: r(Math.log(1 / 4)), count: 1, detail: 'web' },
      { code: 'witnesses', weight: r(Math.log(3)), count: 1, detail: 'phone' },
      { code: 'witnesses', weight: r(Math.log(4)), count: 1, detail: 'web' },
      { code: 'witnesses', weight: r(2 * Math.log(9)), count: 2, detail: 'app' },
    ]);
    // Odds 1/4 · 3 · 4 · 81 = 243.
    expect(got.logOdds).toBeCloseTo(Math.log(243), 12);
    expect(got.probability).toBeCloseTo(243 / 244, 12);
    expect(got.independentSources).toBe(5);
    expect(got.terms[3]!.text.en).toBe(
      '2 more independent witnesses by app (reliability 90 %, +2.20 each): +4.39.',
    );
    expect(got.terms[1]!.text).toEqual({
      en: '1 more independent witness by phone (reliability 75 %, +1.10 each): +1.10.',
      zh: '另有 1 名经由 phone 的独立目击者（可靠度 75 %，每人 +1.10）：+1.10。',
    });
  });

  it('counts a vague witness at its share, but a vague first report gives the whole prior', () => {
    const second = [evidence('a', 0), evidence('b', 1, { vague: true })];
    const got = fuseConfidence(second, alone(second), settings);
    // Odds 1/4 · 4^0.5 = 1/2.
    expect(bare(got.terms)[1]).toEqual({
      code: 'witnesses',
      weight: r(0.5 * Math.log(4)),
      count: 1,
      detail: 'web',
    });
    expect(got.probability).toBeCloseTo(1 / 3, 12);
    expect(got.terms[1]!.text).toEqual({
      en: '1 more independent witness by web (reliability 80 %, +1.39 each; 1 vague, counted at 50 %): +0.69.',
      zh: '另有 1 名经由 web 的独立目击者（可靠度 80 %，每人 +1.39；其中 1 名描述模糊，按 50 % 计）：+0.69。',
    });
    const first = [evidence('a', 0, { vague: true }), evidence('b', 1)];
    expect(fuseConfidence(first, alone(first), settings).probability).toBeCloseTo(1 / 2, 12);
    const none = fuseConfidence(second, alone(second), { ...settings, vagueWitnessShare: 0 });
    expect(none.probability).toBeCloseTo(0.2, 12);
  });

  it('adds nothing for repeats, and says so by reason', () => {
    const members = [evidence('a', 0), evidence('b', 1), evidence('c', 2), evidence('d', 3)];
    const got = fuseConfidence(
      members,
      sources([['a', 'b', 'c'], ['d']], { caller: 1, same_text: 1 }),
      settings,
    );
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: r(Math.log(1 / 4)), count: 1, detail: 'web' },
      { code: 'witnesses', weight: r(Math.log(4)), count: 1, detail: 'web' },
      { code: 'repeats', weight: 0, count: 1, detail: 'caller' },
      { code: 'repeats', weight: 0, count: 1, detail: 'same_text' },
    ]);
    expect(got.independentSources).toBe(2);
    expect(got.probability).toBeCloseTo(0.5, 12);
    const two = fuseConfidence(members, sources([['a', 'b', 'c'], ['d']], { feed: 2 }), settings);
    expect(two.terms[2]!.text).toEqual({
      en: '2 reports from the same partner feed as one counted already: not independent, adds nothing.',
      zh: '2 条举报与已计入的举报来自同一合作方数据源：不是独立来源，不加分。',
    });
  });

  it('names every reason a repeat can have', () => {
    const members = [evidence('a', 0)];
    const text = (reason: SameSourceReason) =>
      fuseConfidence(members, sources([['a']], { [reason]: 1 }), settings).terms[1]!.text;
    expect(text('caller').en).toBe(
      '1 report from the same caller as one counted already: not independent, adds nothing.',
    );
    expect(text('external_id').en).toContain('from the same sender and external id as one');
    expect(text('abuse_burst').en).toContain('from one abusive burst as one');
    expect(text('same_text').en).toContain('from near-identical text as one');
    expect(text('same_text').zh).toContain('来自几乎相同的文字');
    expect(text('caller').zh).toContain('来自同一来电者');
    expect(text('external_id').zh).toContain('来自同一发送方的同一外部编号');
    expect(text('abuse_burst').zh).toContain('来自同一轮骚扰来电');
  });

  it("does not count the abuse queue's reports as witnesses", () => {
    const members = [
      evidence('a', 0),
      evidence('b', 1, { abusive: true }),
      evidence('c', 2, { abusive: true, channel: 'phone' }),
    ];
    const got = fuseConfidence(members, alone(members), settings);
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: r(Math.log(1 / 4)), count: 1, detail: 'web' },
      { code: 'abuse', weight: 0, count: 2, detail: null },
    ]);
    expect(got.terms[1]!.text).toEqual({
      en: '2 reports in the abuse queue: not counted as witnesses.',
      zh: '2 条举报在骚扰来电队列中：不计为目击者。',
    });
    expect(got.independentSources).toBe(1);
    expect(got.probability).toBeCloseTo(0.2, 12);
  });

  it('has probability 0 when every report is in the abuse queue', () => {
    const members = [evidence('a', 0, { abusive: true })];
    const got = fuseConfidence(members, alone(members), settings);
    expect(got.probability).toBe(0);
    expect(got.independentSources).toBe(0);
    expect(got.terms.map((t) => t.code)).toEqual(['abuse']);
    expect(got.terms[0]!.text.en).toBe('1 report in the abuse queue: not counted as witnesses.');
  });

  it("weighs a source's findings by severity, the weightiest first, up to the cap", () => {
    const members = [
      evidence('a', 0, {
        findings: findings(['n.one', 'notice'], ['c.one', 'critical'], ['w.one', 'warning']),
      }),
    ];
    const got = fuseConfidence(members, alone(members), settings);
    expect(bare(got.terms)).toEqual([
      { code: 'prior', weight: r(Math.log(1 / 4)), count: 1, detail: 'web' },
      { code: 'finding', weight: -2, count: 1, detail: 'c.one' },
      { code: 'finding', weight: -0.5, count: 1, detail: 'w.one' },
      // The third finding of one source is listed, but weighs nothing.
      { code: 'finding', weight: 0, count: 1, detail: 'n.one' },
    ]);
    expect(got.terms[1]!.text).toEqual({
      en: '1 finding c.one (critical): −2.00.',
      zh: '1 项核查结果 c.one（critical）：−2.00。',
    });
    expect(got.logOdds).toBeCloseTo(Math.log(1 / 4) - 2.5, 12);
  });

  it.each([
    [0, [0, 0, 0]],
    [1, [-2, 0, 0]],
    [2, [-2, -0.5, 0]],
    [3, [-2, -0.5, -0.25]],
  ])(
    'lets the %i weightiest findings of a source weigh, the next weigh nothing',
    (cap, weights) => {
      const members = [
        evidence('a', 0, {
          findings: findings(['w', 'warning'], ['n', 'notice'], ['c', 'critical']),
        }),
      ];
      const got = fuseConfidence(members, alone(members), {
        ...settings,
        maxFindingsPerSource: cap,
      });
      expect(got.terms.filter((t) => t.code === 'finding').map((t) => t.weight)).toEqual(weights);
    },
  );

  it('caps findings per source: the reports of one source share the cap, other sources have their own', () => {
    const twoCritical = findings(['c', 'critical'], ['c', 'critical']);
    const members = [
      evidence('a', 0, { findings: twoCritical }),
      evidence('b', 1, { findings: twoCritical }),
      evidence('c', 2, { findings: twoCritical }),
    ];
    // a and b are one source: 4 findings, 2 weigh; c has 2 of its own.
    const got = fuseConfidence(members, sources([['a', 'b'], ['c']], { caller: 1 }), settings);
    expect(bare(got.terms.filter((t) => t.code === 'finding'))).toEqual([
      { code: 'finding', weight: -8, count: 6, detail: 'c' },
    ]);
    expect(got.terms.at(-1)!.text.en).toBe('6 findings c (critical): −8.00.');
  });

  it('gives an info finding no weight, and findings of several codes a term each', () => {
    const members = [evidence('a', 0, { findings: findings(['i', 'info'], ['w', 'warning']) })];
    const got = fuseConfidence(members, alone(members), settings);
    expect(bare(got.terms.slice(1))).toEqual([
      { code: 'finding', weight: -0.5, count: 1, detail: 'w' },
      { code: 'finding', weight: 0, count: 1, detail: 'i' },
    ]);
  });

  it("adds nothing for an abusive report's findings, nor for a source never counted", () => {
    const members = [
      evidence('a', 0),
      evidence('b', 1, { abusive: true, findings: findings(['c', 'critical']) }),
      evidence('c', 2, { abusive: true }),
      // Not in the abuse queue, but one source with c (its caller): not counted either.
      evidence('d', 3, { findings: findings(['w', 'warning']) }),
    ];
    const got = fuseConfidence(members, sources([['a'], ['b'], ['c', 'd']]), settings);
    expect(got.terms.filter((t) => t.code === 'finding')).toEqual([]);
    expect(got.probability).toBeCloseTo(0.2, 12);
  });

  it('sums its terms to the log-odds, and the probability is their sigmoid', () => {
    const members = [
      evidence('a', 0, { channel: 'phone', findings: findings(['w', 'warning']) }),
      evidence('b', 1, { channel: 'app', vague: true, findings: findings(['n', 'notice']) }),
      evidence('c', 2, { channel: 'feed' }),
      evidence('d', 3, { abusive: true }),
    ];
    const got = fuseConfidence(members, alone(members), settings);
    // phone prior 0 + app 0.5·ln 9 + feed ln 1.5 − 0.5 − 0.25.
    const expected = 0 + 0.5 * Math.log(9) + Math.log(1.5) - 0.5 - 0.25;
    expect(got.logOdds).toBeCloseTo(expected, 12);
    expect(got.terms.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(got.logOdds, 12);
    expect(got.probability).toBeCloseTo(sigmoid(expected), 12);
    expect(got.independentSources).toBe(3);
  });
});
