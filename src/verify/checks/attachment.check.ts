/**
 * The attachment check: `attachment.rejected` for each attachment intake refused to
 * read further (domain/media.ts MEDIA_REJECTIONS says why: too large, too many pixels,
 * type mismatch or polyglot, unreadable, active content). Its evidence is the
 * attachment's index and id, the reason code and the detected type: the detail text stays
 * with the media facts.
 */
import { FLAG, findingSeverity } from '../../domain/flags.js';
import type { MediaRejection } from '../../domain/media.js';
import type { Check, CheckSubject, Finding } from '../check.js';

const REASON_TEXT: Record<MediaRejection, { en: string; zh: string }> = {
  too_large: { en: 'it is too large to read', zh: '文件过大，无法读取' },
  too_many_pixels: {
    en: 'its header declares too many pixels (a decompression bomb)',
    zh: '其文件头声明的像素过多（解压炸弹）',
  },
  type_mismatch: {
    en: 'its bytes are not the type it was sent as, or are two types at once',
    zh: '其实际内容与发送时声明的类型不符，或同时是两种类型',
  },
  unreadable: { en: 'its structure is broken', zh: '其文件结构已损坏' },
  active_content: {
    en: 'it can carry script (SVG, HTML) and is never displayed',
    zh: '它可携带脚本（SVG、HTML），不予显示',
  },
};

const rejected = (subject: CheckSubject) =>
  subject.attachments.flatMap(({ id, media }, index) =>
    media?.rejected ? [{ index, id, media, reason: media.rejected.reason }] : [],
  );

export const attachmentCheck: Check = {
  name: 'attachment',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.attachment.rejected],
  appliesTo: (subject) => rejected(subject).length > 0,
  run(subject) {
    return rejected(subject).map(({ index, id, media, reason }): Finding => {
      const n = index + 1;
      return {
        code: FLAG.attachment.rejected,
        severity: findingSeverity(FLAG.attachment.rejected),
        message: {
          en: `Attachment ${n} was not read further: ${REASON_TEXT[reason].en}.`,
          zh: `第 ${n} 个附件未被进一步读取：${REASON_TEXT[reason].zh}。`,
        },
        evidence: { attachment: index, attachmentId: id, reason, detectedType: media.detectedType },
      };
    });
  },
};
