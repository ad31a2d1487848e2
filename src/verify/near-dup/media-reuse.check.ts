/**
 * The media-reuse check: an image of this report is the same picture as one an earlier
 * report from another source sent (perceptual hashes at most TIPWIRE_MEDIA_REUSE_MAX_BITS
 * bits apart): `media.reused`, one finding per image, naming the earlier reports it
 * matches, closest first. The same caller or feed sending its picture again is not reuse
 * (independence counts that as one source already). The matches are loaded by the
 * verify stage from the hash index; this judges them.
 */
import { FLAG, FLAGS, findingSeverity } from '../../domain/flags.js';
import type { Check, Finding, MediaMatch } from '../check.js';

/** Earlier matches one finding lists at most (the closest). */
export const REUSE_MATCHES_LISTED = 5;

export const mediaReuseCheck: Check = {
  name: 'media-reuse',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.media.reused],
  appliesTo: (subject) => subject.mediaMatches.length > 0,
  run(subject, { settings }) {
    const byImage = new Map<string, MediaMatch[]>();
    for (const m of subject.mediaMatches) {
      if (m.sameSource || m.distanceBits > settings.mediaReuseMaxBits) continue;
      byImage.set(m.attachmentId, [...(byImage.get(m.attachmentId) ?? []), m]);
    }
    const findings: Finding[] = [];
    for (const [attachmentId, matches] of byImage) {
      const closest = [...matches].sort((a, b) => a.distanceBits - b.distanceBits);
      findings.push({
        code: FLAG.media.reused,
        severity: findingSeverity(FLAG.media.reused),
        message: { en: FLAGS[FLAG.media.reused].en, zh: FLAGS[FLAG.media.reused].zh },
        evidence: {
          attachmentId,
          maxBits: settings.mediaReuseMaxBits,
          matches: closest.slice(0, REUSE_MATCHES_LISTED).map((m) => ({
            reportId: m.earlierReportId,
            attachmentId: m.earlierAttachmentId,
            distanceBits: m.distanceBits,
          })),
          matchCount: closest.length,
        },
      });
    }
    return findings;
  },
};
