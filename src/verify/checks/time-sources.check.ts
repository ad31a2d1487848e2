/**
 * The time-sources check (F3's comparison, moved from normalize): the times of one
 * observation (the claim, the arrival bound, later ones such as EXIF) must not lie
 * further apart than TIPWIRE_TIME_CONTRADICTION_SECONDS, and a dated external
 * source must not lag more than its latency plus TIPWIRE_SOURCE_STALE_TOLERANCE_SECONDS
 * at the report's arrival. The rule itself is verify/time-sources.ts; the codes and
 * their severities are the catalogue's (domain/flags.ts).
 */
import { FLAG, FLAGS, findingSeverity } from '../../domain/flags.js';
import { compareTimeSources } from '../time-sources.js';
import type { Check, Finding } from '../check.js';

const minutes = (seconds: number) => Math.round(seconds / 60);

export const timeSourcesCheck: Check = {
  name: 'time-sources',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.time.contradiction, FLAG.source.stale],
  // One time cannot contradict itself, and a lone source has nothing to lag behind.
  appliesTo: (subject) => subject.timeSources.length >= 2,
  run(subject, { settings }) {
    const compared = compareTimeSources(subject.timeSources, settings, subject.receivedAt);
    const findings: Finding[] = [];
    if (compared.needsDeeperVerification) {
      findings.push({
        code: FLAG.time.contradiction,
        severity: findingSeverity(FLAG.time.contradiction),
        message: {
          en: `The times of this observation lie ${minutes(compared.spreadSeconds)} min apart, more than the ${minutes(settings.contradictionSeconds)} min allowed; a deeper check is due.`,
          zh: `此观察的各时间来源相差 ${minutes(compared.spreadSeconds)} 分钟，超过允许的 ${minutes(settings.contradictionSeconds)} 分钟，需要进一步核实。`,
        },
        evidence: {
          spreadSeconds: compared.spreadSeconds,
          limitSeconds: settings.contradictionSeconds,
          latestStart: compared.detail.latestStart,
          earliestEnd: compared.detail.earliestEnd,
          sources: compared.detail.sources,
        },
      });
    }
    if (compared.detail.stale.length > 0) {
      findings.push({
        code: FLAG.source.stale,
        severity: findingSeverity(FLAG.source.stale),
        message: { en: FLAGS[FLAG.source.stale].en, zh: FLAGS[FLAG.source.stale].zh },
        evidence: {
          stale: compared.detail.stale,
          toleranceSeconds: settings.staleToleranceSeconds,
        },
      });
    }
    return findings;
  },
};
