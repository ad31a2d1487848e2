import { describe, expect, it } from 'vitest';
import { FLAG, FLAGS } from '../../domain/flags.js';
import type { CheckSubject, MediaMatch } from '../check.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../check.fixtures.js';
import { mediaReuseCheck, REUSE_MATCHES_LISTED } from './media-reuse.check.js';

const settings = TEST_CHECK_SETTINGS;

const match = (overrides: Partial<MediaMatch> = {}): MediaMatch => ({
  attachmentId: 'at_1',
  earlierReportId: 'r_0',
  earlierAttachmentId: 'at_0',
  distanceBits: 0,
  sameSource: false,
  ...overrides,
});

const subject = (mediaMatches: MediaMatch[]): CheckSubject =>
  emptySubject({
    attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: null }],
    mediaMatches,
  });

const run = (matches: MediaMatch[]) => mediaReuseCheck.run(subject(matches), { settings });

describe('the media-reuse check', () => {
  it('declares itself: cheap, one code, its message the catalogue’s', () => {
    expect(mediaReuseCheck.cost).toBe('cheap');
    expect(mediaReuseCheck.codes).toEqual([FLAG.media.reused]);
    const [finding] = run([match()]);
    expect(finding!.message).toEqual({
      en: FLAGS['media.reused'].en,
      zh: FLAGS['media.reused'].zh,
    });
    expect(finding!.evidence.matches).toEqual([
      { reportId: 'r_0', attachmentId: 'at_0', distanceBits: 0 },
    ]);
  });

  it('applies only to reports whose images share a band with earlier ones', () => {
    expect(mediaReuseCheck.appliesTo(subject([]))).toBe(false);
    expect(mediaReuseCheck.appliesTo(subject([match()]))).toBe(true);
  });

  it('calls two images one picture up to TIPWIRE_MEDIA_REUSE_MAX_BITS bits apart, not one bit more', () => {
    expect(run([match({ distanceBits: 6 })])).toHaveLength(1);
    expect(run([match({ distanceBits: 5 })])).toHaveLength(1);
    expect(run([match({ distanceBits: 7 })])).toEqual([]);
  });

  it('is not reuse when the earlier report came from the same caller or feed', () => {
    expect(run([match({ sameSource: true })])).toEqual([]);
  });

  it('gives one finding per image, its closest earlier reports first, at most a few listed', () => {
    const many = Array.from({ length: REUSE_MATCHES_LISTED + 2 }, (_, i) =>
      match({ earlierReportId: `r_${i}`, distanceBits: (REUSE_MATCHES_LISTED + 2 - i) % 7 }),
    );
    const findings = run([...many, match({ attachmentId: 'at_2', earlierReportId: 'r_x' })]);
    expect(findings.map((f) => f.evidence.attachmentId)).toEqual(['at_1', 'at_2']);
    const [first] = findings;
    expect(first!.code).toBe(FLAG.media.reused);
    expect(first!.severity).toBe('warning');
    const listed = first!.evidence.matches as { distanceBits: number }[];
    expect(listed).toHaveLength(REUSE_MATCHES_LISTED);
    expect(listed.map((m) => m.distanceBits)).toEqual(
      [...listed.map((m) => m.distanceBits)].sort((a, b) => a - b),
    );
    expect(first!.evidence.matchCount).toBe(REUSE_MATCHES_LISTED + 2);
    expect(first!.evidence.maxBits).toBe(6);
  });
});
