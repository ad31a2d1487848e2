/**
 * The verify stage, between normalize and correlate: loads what the checks need,
 * runs the registered checks that apply (verify-decision.ts), and stores their
 * findings with each check's name and version. Heavy checks put off under load are
 * recorded as deferred and run later by `runDeferredChecks`, when the queue is idle:
 * correlation never waits for them.
 */
import type { Report } from '../../domain/report.js';
import type { StoreTx } from '../../store/port.js';
import type { MediaBandMate } from '../../store/store.js';
import { hammingDistance } from '../../domain/media.js';
import { defineStage, requireReport } from '../stage.js';
import type { CheckSubject, MediaMatch } from '../../verify/check.js';
import {
  decideVerification,
  type VerifyEffects,
  type VerifyInput,
  type VerifySettings,
} from '../../verify/verify-decision.js';

export type { VerifySettings } from '../../verify/verify-decision.js';

export function checkSubject(
  report: Report,
  mediaMatches: CheckSubject['mediaMatches'] = [],
): CheckSubject {
  return {
    reportId: report.id,
    receivedAt: report.receivedAt,
    time: report.time,
    place: report.place,
    timeSources: report.assessment?.timeSources?.sources ?? [],
    attachments: report.attachments.map((a) => ({
      id: a.id,
      contentType: a.contentType,
      media: a.media,
    })),
    mediaMatches,
    sun: report.sunEvidence ?? null,
    textScore: report.textScore ?? null,
  };
}

/** Earlier copies of one image read from the hash index, at most (the oldest). */
export const MEDIA_MATCH_CANDIDATES = 200;

/**
 * The earlier reports' images within the hash index's reach of this report's, measured:
 * bits apart and whether they came from this report's own caller or feed (the
 * media-reuse check judges them against TIPWIRE_MEDIA_REUSE_MAX_BITS).
 */
async function mediaMatchesOf(
  port: Pick<StoreTx, 'reports'>,
  report: Report,
): Promise<CheckSubject['mediaMatches']> {
  const matches: MediaMatch[] = [];
  for (const a of report.attachments) {
    const phash = a.media?.rejected ? null : a.media?.phash;
    if (!phash) continue;
    const mates = await port.reports.similarImages(
      phash,
      report.receivedAt,
      report.id,
      MEDIA_MATCH_CANDIDATES,
    );
    for (const mate of mates) {
      matches.push({
        attachmentId: a.id,
        earlierReportId: mate.reportId,
        earlierAttachmentId: mate.attachmentId,
        distanceBits: hammingDistance(phash, mate.phash),
        sameSource: sameSource(report, mate),
      });
    }
  }
  return matches;
}

/** One caller (under this epoch's key or linked from the last) or one partner feed. */
function sameSource(report: Report, mate: MediaBandMate): boolean {
  const callers = [report.callerPseudonym, report.callerLink].filter((c) => c !== null);
  if (callers.some((c) => c === mate.callerPseudonym || c === mate.callerLink)) return true;
  return (
    report.channel === 'feed' &&
    mate.channel === 'feed' &&
    report.sender !== null &&
    report.sender === mate.sender
  );
}

/** What the report's assessment mirrors of the findings now. */
const mirroredOf = (report: Report) => ({
  needsDeeperVerification: report.assessment?.needsDeeperVerification,
  stale: report.assessment?.timeSources?.stale,
});

async function applyVerification(tx: Pick<StoreTx, 'reports' | 'findings'>, e: VerifyEffects) {
  for (const run of e.ran) {
    await tx.findings.replace(e.reportId, run.check, run.findings, e.now);
    if (run.heavy) await tx.findings.setRun(e.reportId, run.check, 'done', e.now);
  }
  for (const check of e.deferred) await tx.findings.setRun(e.reportId, check, 'deferred', e.now);
  if (e.flags) await tx.reports.replaceFlags(e.reportId, e.flags.families, e.flags.flags);
  if (e.assessment) await tx.findings.mirrorAssessment(e.reportId, e.assessment);
}

export const verifyStage = defineStage<VerifyInput, VerifyEffects>({
  name: 'verify',
  version: 1,
  async load(port: Pick<StoreTx, 'reports'>, reportId, at) {
    const report = await requireReport(port, reportId);
    return {
      subject: checkSubject(report, await mediaMatchesOf(port, report)),
      flags: report.flags,
      mirrored: mirroredOf(report),
      backlogLagMs: at.backlogLagMs,
      now: at.now,
    };
  },
  decide: (input, settings) => decideVerification(input, settings.verify),
  apply: applyVerification,
});

/**
 * Runs up to `limit` deferred heavy checks (oldest first) in the caller's transaction;
 * returns how many it ran. A report deleted since is skipped.
 */
export async function runDeferredChecks(
  tx: Pick<StoreTx, 'reports' | 'findings'>,
  settings: VerifySettings,
  now: number,
  limit: number,
): Promise<number> {
  const due = await tx.findings.deferred(limit);
  for (const { reportId, check } of due) {
    const report = await tx.reports.get(reportId);
    if (!report) continue;
    const input = {
      subject: checkSubject(report, await mediaMatchesOf(tx, report)),
      flags: report.flags,
      mirrored: mirroredOf(report),
      backlogLagMs: 0,
      now,
    };
    await applyVerification(tx, decideVerification({ ...input, only: [check] }, settings));
  }
  return due.length;
}
