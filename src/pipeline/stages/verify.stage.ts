/**
 * The verify stage, between normalize and correlate: loads what the checks need (the
 * report, and the earlier reports whose images are near its own in the hash index or
 * whose text shares a sketch band with its own, measured: bits apart, similarity),
 * runs the registered checks that apply (verify-decision.ts), and stores their
 * findings with each check's name and version. Heavy checks put off under load are
 * recorded as deferred and run later by `runDeferredChecks`, when the queue is idle:
 * correlation never waits for them.
 */
import type { Report } from '../../domain/report.js';
import type { StoreTx } from '../../store/port.js';
import type { ReportSource } from '../../store/store.js';
import { hammingDistance } from '../../domain/media.js';
import { sketchBands, sketchSimilarity } from '../../correlate/text-sketch.js';
import { defineStage, requireReport } from '../stage.js';
import type { CheckSettings, CheckSubject, MediaMatch, TextMatch } from '../../verify/check.js';
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
  textMatches: CheckSubject['textMatches'] = [],
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
    textMatches,
    sun: report.sunEvidence ?? null,
    textScore: report.textScore,
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

/**
 * Earlier reports sharing a band with a report's text sketch read from the index, at most
 * (the first the index gives: one copy from another source among them is enough; should
 * all of them be the report's own source's, another's copy beyond them is not seen).
 */
export const TEXT_MATCH_CANDIDATES = 200;

/**
 * The earlier reports (received within `windowHours` before this one) whose text sketch
 * shares a band with this report's, measured: their estimated similarity and whether they
 * came from this report's own caller or feed (the media-reuse check judges them against
 * TIPWIRE_TEXT_REUSE_MIN_SIMILARITY). Only sketches are compared: no text is read.
 */
async function textMatchesOf(
  port: Pick<StoreTx, 'reports'>,
  report: Report,
  windowHours: number,
): Promise<CheckSubject['textMatches']> {
  const sketch = report.textSketch;
  if (!sketch || windowHours <= 0) return [];
  const mates = await port.reports.sharingBands(
    sketchBands(sketch),
    report.receivedAt - windowHours * 3_600_000,
    report.receivedAt,
    report.id,
    TEXT_MATCH_CANDIDATES,
  );
  return mates.map((mate): TextMatch => ({
    earlierReportId: mate.reportId,
    similarity: sketchSimilarity(sketch, mate.sketch),
    sameSource: sameSource(report, mate),
  }));
}

/** What the checks see of a report: the report and the earlier matches of its images and text. */
async function loadSubject(
  port: Pick<StoreTx, 'reports'>,
  report: Report,
  settings: Pick<CheckSettings, 'textReuseWindowHours'>,
): Promise<CheckSubject> {
  return checkSubject(
    report,
    await mediaMatchesOf(port, report),
    await textMatchesOf(port, report, settings.textReuseWindowHours),
  );
}

/** One caller (under this epoch's key or linked from the last) or one partner feed. */
function sameSource(report: Report, mate: ReportSource): boolean {
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

/** The verify stage; its load reads earlier texts as far back as the check settings say. */
export function verifyStage(settings: Pick<CheckSettings, 'textReuseWindowHours'>) {
  return defineStage<VerifyInput, VerifyEffects>({
    name: 'verify',
    version: 1,
    async load(port: Pick<StoreTx, 'reports'>, reportId, at) {
      const report = await requireReport(port, reportId);
      return {
        subject: await loadSubject(port, report, settings),
        flags: report.flags,
        mirrored: mirroredOf(report),
        backlogLagMs: at.backlogLagMs,
        now: at.now,
      };
    },
    decide: (input, stageSettings) => decideVerification(input, stageSettings.verify),
    apply: applyVerification,
  });
}

/** Meta keys: the check versions every stored report has been verified with, and the walk under way. */
export const CHECKED_VERSIONS_KEY = 'verify.check_versions';
export const RERUN_WALK_KEY = 'verify.rerun_walk';

/**
 * Stored reports verified again, in place, by the checks whose version changed (or that
 * are new) since they were last verified: after an upgrade of tipwire, old reports get
 * today's findings. A walk over the reports in seq order, `limit` a turn, its place kept
 * in the meta table (a restart goes on where it stopped); the pipeline runs it only when
 * nothing else is due, so new reports never wait for it. Only the changed checks run; a
 * report the pipeline has not verified yet (stage `received` or `normalized`) is left to
 * it. When the walk is through, the versions are recorded and nothing runs until a check
 * changes again. Returns how many reports the turn looked at (0: nothing to do).
 */
export async function rerunChangedChecks(
  tx: Pick<StoreTx, 'reports' | 'findings' | 'meta'>,
  settings: VerifySettings,
  now: number,
  limit: number,
  touched: Set<string> = new Set(),
): Promise<number> {
  const current = JSON.stringify(
    Object.fromEntries(settings.checks.map((c) => [c.name, c.version])),
  );
  const recorded = await tx.meta.get(CHECKED_VERSIONS_KEY);
  if (recorded === current) return 0;
  const before = recorded ? (JSON.parse(recorded) as Record<string, number>) : {};
  const stored = await tx.meta.get(RERUN_WALK_KEY);
  let walk = stored
    ? (JSON.parse(stored) as { target: string; checks: string[]; afterSeq: number })
    : null;
  if (walk?.target !== current) {
    const checks = settings.checks.filter((c) => before[c.name] !== c.version).map((c) => c.name);
    walk = { target: current, checks, afterSeq: 0 };
  }
  const rows = await tx.reports.idsAfter(walk.afterSeq, limit);
  for (const row of rows) {
    if (row.stage === 'received' || row.stage === 'normalized') continue;
    const report = await tx.reports.get(row.id);
    // Stryker disable next-line ConditionalExpression: listed and read in one transaction, it cannot be gone
    if (!report) continue;
    const input = {
      subject: await loadSubject(tx, report, settings.check),
      flags: report.flags,
      mirrored: mirroredOf(report),
      backlogLagMs: 0,
      now,
    };
    await applyVerification(tx, decideVerification({ ...input, only: walk.checks }, settings));
    if (report.incidentId !== null) touched.add(report.incidentId);
  }
  if (rows.length < limit) {
    await tx.meta.set(CHECKED_VERSIONS_KEY, current);
    await tx.meta.delete(RERUN_WALK_KEY);
  } else {
    await tx.meta.set(RERUN_WALK_KEY, JSON.stringify({ ...walk, afterSeq: rows.at(-1)!.seq }));
  }
  return Math.max(rows.length, 1);
}

/**
 * Runs up to `limit` deferred heavy checks (oldest first) in the caller's transaction;
 * returns how many it ran. A report deleted since is skipped. The incidents of the
 * reports whose findings were written are added to `touched` (their confidence weighs
 * the findings: the caller rebuilds them).
 */
export async function runDeferredChecks(
  tx: Pick<StoreTx, 'reports' | 'findings'>,
  settings: VerifySettings,
  now: number,
  limit: number,
  touched: Set<string> = new Set(),
): Promise<number> {
  const due = await tx.findings.deferred(limit);
  for (const { reportId, check } of due) {
    const report = await tx.reports.get(reportId);
    if (!report) continue;
    const input = {
      subject: await loadSubject(tx, report, settings.check),
      flags: report.flags,
      mirrored: mirroredOf(report),
      backlogLagMs: 0,
      now,
    };
    await applyVerification(tx, decideVerification({ ...input, only: [check] }, settings));
    if (report.incidentId !== null) touched.add(report.incidentId);
  }
  return due.length;
}
