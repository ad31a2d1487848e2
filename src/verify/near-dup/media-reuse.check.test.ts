import { describe, expect, it } from 'vitest';
import { FLAG, FLAGS } from '../../domain/flags.js';
import type { CheckSubject, MediaMatch, TextMatch } from '../check.js';
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

const textMatch = (overrides: Partial<TextMatch> = {}): TextMatch => ({
  earlierReportId: 'r_0',
  similarity: 1,
  sameSource: false,
  ...overrides,
});

const runText = (textMatches: TextMatch[]) =>
  mediaReuseCheck.run(emptySubject({ textMatches }), { settings });

describe('the media-reuse check', () => {
  it('declares itself: cheap, one code, its message the catalogue’s', () => {
    expect(mediaReuseCheck.cost).toBe('cheap');
    expect(mediaReuseCheck.codes).toEqual([FLAG.media.reused]);
    const [finding] = run([match()]);
    expect(finding!.message).toEqual({
      en: FLAGS['media.reused'].en,
      zh: FLAGS['media.reused'].zh,
    });
    expect(finding!.evidence.kind).toBe('image');
    expect(finding!.evidence.matches).toEqual([
      { reportId: 'r_0', attachmentId: 'at_0', distanceBits: 0 },
    ]);
  });

  it('applies only to reports whose images or text share a band with earlier ones', () => {
    expect(mediaReuseCheck.appliesTo(subject([]))).toBe(false);
    expect(mediaReuseCheck.appliesTo(subject([match()]))).toBe(true);
    expect(mediaReuseCheck.appliesTo(emptySubject({ textMatches: [textMatch()] }))).toBe(true);
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

describe('the media-reuse check on the text', () => {
  const min = settings.textReuseMinSimilarity;
  // One step of the 64-slot sketch's estimate.
  const step = 1 / 64;

  it('calls two narratives one text at TIPWIRE_TEXT_REUSE_MIN_SIMILARITY, not one sketch slot below', () => {
    expect(runText([textMatch({ similarity: min })])).toHaveLength(1);
    expect(runText([textMatch({ similarity: min + step })])).toHaveLength(1);
    expect(runText([textMatch({ similarity: min - step })])).toEqual([]);
  });

  it('follows the setting', () => {
    const strict = { ...settings, textReuseMinSimilarity: 0.9 };
    const matches = [textMatch({ similarity: 0.85 })];
    expect(mediaReuseCheck.run(emptySubject({ textMatches: matches }), { settings })).toHaveLength(
      1,
    );
    expect(
      mediaReuseCheck.run(emptySubject({ textMatches: matches }), { settings: strict }),
    ).toEqual([]);
  });

  it('is not reuse when the earlier report came from the same caller or feed', () => {
    expect(runText([textMatch({ sameSource: true })])).toEqual([]);
  });

  it('gives one finding of kind text, the most alike earlier reports first, at most a few listed', () => {
    const many = Array.from({ length: REUSE_MATCHES_LISTED + 2 }, (_, i) =>
      textMatch({ earlierReportId: `r_${i}`, similarity: 0.6 + ((i * 3) % 7) / 20 }),
    );
    const findings = runText([
      ...many,
      textMatch({ earlierReportId: 'r_mine', sameSource: true }),
      textMatch({ earlierReportId: 'r_far', similarity: 0.2 }),
    ]);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.code).toBe(FLAG.media.reused);
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toEqual({
      en: FLAGS['media.reused'].en,
      zh: FLAGS['media.reused'].zh,
    });
    expect(finding!.evidence.kind).toBe('text');
    expect(finding!.evidence.minSimilarity).toBe(min);
    expect(finding!.evidence.matchCount).toBe(REUSE_MATCHES_LISTED + 2);
    const listed = finding!.evidence.matches as { reportId: string; similarity: number }[];
    expect(listed).toHaveLength(REUSE_MATCHES_LISTED);
    expect(listed[0]).toEqual({ reportId: 'r_2', similarity: 0.6 + 6 / 20 });
    expect(listed.map((m) => m.similarity)).toEqual(
      [...listed.map((m) => m.similarity)].sort((a, b) => b - a),
    );
    expect(listed.map((m) => m.reportId)).not.toContain('r_mine');
  });

  it('reports an image and the text apart', () => {
    const findings = mediaReuseCheck.run(
      emptySubject({ mediaMatches: [match()], textMatches: [textMatch()] }),
      { settings },
    );
    expect(findings.map((f) => f.evidence.kind)).toEqual(['image', 'text']);
  });
});
