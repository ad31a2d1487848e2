/**
 * The media-reuse check: this report's image or text is the same as an earlier report's
 * from another source, forwarded or copied rather than independent: `media.reused`.
 * - An image is the same picture as an earlier one when their perceptual hashes are at
 *   most TIPWIRE_MEDIA_REUSE_MAX_BITS bits apart: one finding per image (evidence kind
 *   `image`), naming the earlier reports it matches, closest first.
 * - The narrative is the same text as an earlier one when their MinHash sketches are at
 *   least TIPWIRE_TEXT_REUSE_MIN_SIMILARITY alike: one finding (evidence kind `text`),
 *   naming the earlier reports, most alike first. Only identifiers and similarities:
 *   never any of the text.
 * The same caller or feed sending its picture or message again is not reuse
 * (independence counts that as one source already). The matches are loaded by the
 * verify stage from the hash and band indexes; this judges them.
 */
import { FLAG, FLAGS, findingSeverity } from '../../domain/flags.js';
import type { Check, CheckSettings, CheckSubject, Finding, MediaMatch } from '../check.js';

/** Earlier matches one finding lists at most (the closest). */
export const REUSE_MATCHES_LISTED = 5;

const reused = (evidence: Finding['evidence']): Finding => ({
  code: FLAG.media.reused,
  severity: findingSeverity(FLAG.media.reused),
  message: { en: FLAGS[FLAG.media.reused].en, zh: FLAGS[FLAG.media.reused].zh },
  evidence,
});

/** One finding per image with an earlier copy from another source. */
function imageFindings(subject: CheckSubject, settings: CheckSettings): Finding[] {
  const byImage = new Map<string, MediaMatch[]>();
  for (const m of subject.mediaMatches) {
    if (m.sameSource || m.distanceBits > settings.mediaReuseMaxBits) continue;
    byImage.set(m.attachmentId, [...(byImage.get(m.attachmentId) ?? []), m]);
  }
  return [...byImage].map(([attachmentId, matches]) => {
    const closest = [...matches].sort((a, b) => a.distanceBits - b.distanceBits);
    return reused({
      kind: 'image',
      attachmentId,
      maxBits: settings.mediaReuseMaxBits,
      matches: closest.slice(0, REUSE_MATCHES_LISTED).map((m) => ({
        reportId: m.earlierReportId,
        attachmentId: m.earlierAttachmentId,
        distanceBits: m.distanceBits,
      })),
      matchCount: closest.length,
    });
  });
}

/** One finding when the narrative copies earlier reports' from other sources. */
function textFindings(subject: CheckSubject, settings: CheckSettings): Finding[] {
  const min = settings.textReuseMinSimilarity;
  const closest = subject.textMatches
    .filter((m) => !m.sameSource && m.similarity >= min)
    .sort((a, b) => b.similarity - a.similarity);
  if (closest.length === 0) return [];
  return [
    reused({
      kind: 'text',
      minSimilarity: min,
      matches: closest
        .slice(0, REUSE_MATCHES_LISTED)
        .map((m) => ({ reportId: m.earlierReportId, similarity: m.similarity })),
      matchCount: closest.length,
    }),
  ];
}

export const mediaReuseCheck: Check = {
  name: 'media-reuse',
  version: 2,
  cost: 'cheap',
  codes: [FLAG.media.reused],
  appliesTo: (subject) => subject.mediaMatches.length > 0 || subject.textMatches.length > 0,
  run: (subject, { settings }) => [
    ...imageFindings(subject, settings),
    ...textFindings(subject, settings),
  ],
};
