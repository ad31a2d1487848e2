/**
 * An incident's confidence, a pure function: the probability that its event is real,
 * fused in log-odds from independent evidence, with every term kept so an analyst can
 * read why. The terms:
 *
 * - **prior**: the log-odds that an event reported through the first source's channel is
 *   real (a setting per channel);
 * - **witnesses**: each further independent source adds the log-odds of its channel's
 *   reliability (a setting now; learned from outcomes later), a vague one only a share;
 * - **repeats**: reports that repeat a source already counted (same caller, one feed,
 *   one sender's externalId, the abuse burst, near-identical text) add nothing, said so;
 * - **findings**: each check's finding adds its severity's weight, at most a few per
 *   counted source (F8's checks arrive through the verify registry and count here
 *   unchanged); a report in the abuse queue, or of a source not counted, adds none.
 */
import type { Bilingual } from '../domain/labels.js';
import type { Channel } from '../domain/report.js';
import type { Severity } from '../domain/flags.js';
import type { SameSourceReason, Sources } from './independence.js';

export interface ConfidenceSettings {
  channelPriors: Readonly<Record<Channel, number>>;
  channelReliability: Readonly<Record<Channel, number>>;
  severityWeights: Readonly<Record<Severity, number>>;
  vagueWitnessShare: number;
  maxFindingsPerSource: number;
}

export interface EvidenceMember {
  reportId: string;
  channel: Channel;
  vague: boolean;
  abusive: boolean;
  receivedAt: number;
  findings: readonly { code: string; severity: Severity }[];
}

export type TermCode = 'prior' | 'witnesses' | 'repeats' | 'abuse' | 'finding';

export interface ConfidenceTerm {
  code: TermCode;
  /** The log-odds this term adds in all. */
  weight: number;
  /** How many reports, sources or findings it covers. */
  count: number;
  /** The detail: a channel, a repeat reason, a finding code. */
  detail: string | null;
  text: Bilingual;
}

export interface Confidence {
  probability: number;
  logOdds: number;
  independentSources: number;
  terms: ConfidenceTerm[];
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const pct = (p: number) => `${Math.round(p * 100)} %`;
const signed = (x: number) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(2);

const REPEAT_TEXT: Record<SameSourceReason, Bilingual> = {
  caller: { en: 'the same caller', zh: '同一来电者' },
  feed: { en: 'the same partner feed', zh: '同一合作方数据源' },
  external_id: { en: 'the same sender and external id', zh: '同一发送方的同一外部编号' },
  abuse_burst: { en: 'one abusive burst', zh: '同一轮骚扰来电' },
  same_text: { en: 'near-identical text', zh: '几乎相同的文字' },
  says_repeat: {
    en: 'a sender who says they reported it before',
    zh: '自称此前已报告过的同一举报人',
  },
};

export function fuseConfidence(
  members: readonly EvidenceMember[],
  sources: Sources,
  settings: ConfidenceSettings,
): Confidence {
  const terms: ConfidenceTerm[] = [];
  const ordered = [...members].sort((a, b) => a.receivedAt - b.receivedAt);
  const counted = ordered.filter(
    (m) => !m.abusive && sources.sourceOf.get(m.reportId) === m.reportId,
  );
  const abusive = ordered.filter((m) => m.abusive).length;
  const first = counted[0];
  if (first) {
    const p = settings.channelPriors[first.channel];
    terms.push({
      code: 'prior',
      weight: logit(p),
      count: 1,
      detail: first.channel,
      text: {
        en: `Prior for an event first reported by ${first.channel}: ${pct(p)} (log-odds ${signed(logit(p))}).`,
        zh: `首个举报经由 ${first.channel} 渠道，先验概率 ${pct(p)}（对数几率 ${signed(logit(p))}）。`,
      },
    });
  }
  const byChannel = new Map<string, { count: number; weight: number; vague: number }>();
  for (const m of counted.slice(1)) {
    const share = m.vague ? settings.vagueWitnessShare : 1;
    const w = logit(settings.channelReliability[m.channel]) * share;
    const key = m.channel;
    const entry = byChannel.get(key) ?? { count: 0, weight: 0, vague: 0 };
    byChannel.set(key, {
      count: entry.count + 1,
      weight: entry.weight + w,
      vague: entry.vague + (m.vague ? 1 : 0),
    });
  }
  for (const [channel, e] of byChannel) {
    const r = settings.channelReliability[channel as Channel];
    terms.push({
      code: 'witnesses',
      weight: e.weight,
      count: e.count,
      detail: channel,
      text: {
        en: `${e.count} more independent witness${e.count === 1 ? '' : 'es'} by ${channel} (reliability ${pct(r)}, ${signed(logit(r))} each${e.vague ? `; ${e.vague} vague, counted at ${pct(settings.vagueWitnessShare)}` : ''}): ${signed(e.weight)}.`,
        zh: `另有 ${e.count} 名经由 ${channel} 的独立目击者（可靠度 ${pct(r)}，每人 ${signed(logit(r))}${e.vague ? `；其中 ${e.vague} 名描述模糊，按 ${pct(settings.vagueWitnessShare)} 计` : ''}）：${signed(e.weight)}。`,
      },
    });
  }
  for (const [reason, count] of sources.repeats) {
    const t = REPEAT_TEXT[reason];
    terms.push({
      code: 'repeats',
      weight: 0,
      count,
      detail: reason,
      text: {
        en: `${count} report${count === 1 ? '' : 's'} from ${t.en} as one counted already: not independent, adds nothing.`,
        zh: `${count} 条举报与已计入的举报来自${t.zh}：不是独立来源，不加分。`,
      },
    });
  }
  if (abusive > 0) {
    terms.push({
      code: 'abuse',
      weight: 0,
      count: abusive,
      detail: null,
      text: {
        en: `${abusive} report${abusive === 1 ? '' : 's'} in the abuse queue: not counted as witnesses.`,
        zh: `${abusive} 条举报在骚扰来电队列中：不计为目击者。`,
      },
    });
  }
  // Findings weigh only where the evidence counts: not on a report in the abuse queue, nor
  // on one whose source is never counted (its first report is abusive), or an abuser's
  // uploads would sink an incident that witnesses saw, through reports that add nothing.
  const countedSources = new Set(counted.map((m) => m.reportId));
  const weighed = ordered.filter(
    (m) => !m.abusive && countedSources.has(sources.sourceOf.get(m.reportId)!),
  );
  terms.push(...findingTerms(weighed, sources, settings));
  const logOdds = terms.reduce((s, t) => s + t.weight, 0);
  return {
    probability: first ? sigmoid(logOdds) : 0,
    logOdds,
    independentSources: counted.length,
    terms,
  };
}

function findingTerms(
  members: readonly EvidenceMember[],
  sources: Sources,
  settings: ConfidenceSettings,
): ConfidenceTerm[] {
  // Per source, its findings weightiest first, at most maxFindingsPerSource of them weigh.
  const perSource = new Map<string, { code: string; severity: Severity }[]>();
  for (const m of members) {
    const source = sources.sourceOf.get(m.reportId)!;
    perSource.set(source, (perSource.get(source) ?? []).concat(m.findings));
  }
  const byCode = new Map<string, { count: number; weight: number; severity: Severity }>();
  for (const findings of perSource.values()) {
    const sorted = [...findings].sort(
      (a, b) => settings.severityWeights[a.severity] - settings.severityWeights[b.severity],
    );
    sorted.forEach((f, i) => {
      const w = i < settings.maxFindingsPerSource ? settings.severityWeights[f.severity] : 0;
      const e = byCode.get(f.code) ?? { count: 0, weight: 0, severity: f.severity };
      byCode.set(f.code, { count: e.count + 1, weight: e.weight + w, severity: f.severity });
    });
  }
  return [...byCode].map(([code, e]) => ({
    code: 'finding' as const,
    weight: e.weight,
    count: e.count,
    detail: code,
    text: {
      en: `${e.count} finding${e.count === 1 ? '' : 's'} ${code} (${e.severity}): ${signed(e.weight)}.`,
      zh: `${e.count} 项核查结果 ${code}（${e.severity}）：${signed(e.weight)}。`,
    },
  }));
}
