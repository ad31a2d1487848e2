import { describe, expect, it } from 'vitest';
import { FLAG } from '../../domain/flags.js';
import { MEDIA_REJECTIONS, type MediaFacts, type MediaRejection } from '../../domain/media.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../check.fixtures.js';
import { attachmentCheck } from './attachment.check.js';

const facts = (rejected: MediaRejection | null): MediaFacts => ({
  detectedType: 'image/png',
  width: 1,
  height: 1,
  rejected: rejected ? { reason: rejected, detail: 'the detail stays with the facts' } : null,
  exif: null,
});

const run = (attachments: { id: string; contentType: string; media: MediaFacts | null }[]) =>
  attachmentCheck.run(emptySubject({ attachments }), { settings: TEST_CHECK_SETTINGS });

describe('the attachment check', () => {
  it('declares itself: cheap, one code', () => {
    expect(attachmentCheck.cost).toBe('cheap');
    expect(attachmentCheck.codes).toEqual([FLAG.attachment.rejected]);
  });

  it('does not apply to files read, or stored before F8 (no facts)', () => {
    const read = [
      { id: 'a', contentType: 'image/png', media: facts(null) },
      { id: 'b', contentType: 'image/png', media: null },
    ];
    expect(attachmentCheck.appliesTo(emptySubject({ attachments: read }))).toBe(false);
    expect(run(read)).toEqual([]);
  });

  it('says, in English and Chinese, which file (counted from 1) and why, a different why per reason', () => {
    const texts = new Set<string>();
    for (const reason of MEDIA_REJECTIONS) {
      const [finding] = run([
        { id: 'a_ok', contentType: 'image/png', media: facts(null) },
        { id: 'a_bad', contentType: 'image/png', media: facts(reason) },
      ]);
      expect(finding!.message.en).toMatch(/^Attachment 2 was not read further: .{10,}\.$/);
      expect(finding!.message.zh).toMatch(/^第 2 个附件未被进一步读取：.{4,}。$/);
      expect(finding!.message.en).not.toContain('detail');
      texts.add(finding!.message.en).add(finding!.message.zh);
      expect(finding!.evidence).toEqual({
        attachment: 1,
        attachmentId: 'a_bad',
        reason,
        detectedType: 'image/png',
      });
    }
    expect(texts.size).toBe(2 * MEDIA_REJECTIONS.length);
  });
});
