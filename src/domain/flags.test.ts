import { describe, expect, it } from 'vitest';
import {
  FINDING_CODES,
  FLAG,
  FLAG_CODES,
  FLAG_FAMILIES,
  FLAG_FAMILY_LABELS,
  FLAGS,
  flagFamily,
  findingSeverity,
  isFlagCode,
  SEVERITIES,
  SEVERITY_LABELS,
  type FlagCode,
} from './flags.js';
import {
  CHANNEL_LABELS,
  HOW_KNOWN_LABELS,
  labelled,
  QUEUE_LABELS,
  ROLE_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  type Bilingual,
} from './labels.js';

/** Han characters: a Chinese text has some, an English one none. */
const HAN = /\p{Script=Han}/u;

function expectBilingual(where: string, text: Bilingual) {
  expect(text.en.trim(), `${where}: en`).not.toBe('');
  expect(text.zh.trim(), `${where}: zh`).not.toBe('');
  expect(HAN.test(text.zh), `${where}: zh is Chinese`).toBe(true);
  expect(HAN.test(text.en), `${where}: en is not Chinese`).toBe(false);
  expect(text.zh, `${where}: zh is not the English text`).not.toBe(text.en);
}

describe('the flag catalogue', () => {
  it('explains every flag in English and Chinese', () => {
    expect(FLAG_CODES.length).toBeGreaterThan(0);
    for (const code of FLAG_CODES) expectBilingual(code, FLAGS[code]);
  });

  it('writes every code as family.snake_case, in a family with a label', () => {
    for (const code of FLAG_CODES) {
      expect(code).toMatch(/^[a-z]+\.[a-z][a-z0-9_]*$/);
      expect(FLAG_FAMILIES).toContain(flagFamily(code));
    }
    // Every family labelled is used by some code (no label for a family that has none).
    for (const family of FLAG_FAMILIES) {
      expect(FLAG_CODES.some((code) => code.startsWith(`${family}.`))).toBe(true);
      expectBilingual(family, FLAG_FAMILY_LABELS[family]);
    }
  });

  it('gives each code its constant: FLAG.family.name is "family.name", and no other', () => {
    const constants = Object.entries(FLAG).flatMap(([family, names]) =>
      Object.entries(names as Record<string, string>).map(([name, code]) => ({
        family,
        name,
        code,
      })),
    );
    expect(constants.map((c) => c.code).sort()).toEqual([...FLAG_CODES].sort());
    for (const { family, name, code } of constants) expect(code).toBe(`${family}.${name}`);
    expect(FLAG.time.zone_unknown).toBe('time.zone_unknown');
    expect(FLAG.abuse.repeat_dialer).toBe('abuse.repeat_dialer');
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FLAG)).toBe(true);
    expect(Object.isFrozen(FLAG.place)).toBe(true);
  });

  it('knows its codes and nothing else', () => {
    expect(isFlagCode('time.contradiction')).toBe(true);
    expect(isFlagCode('time.contradictions')).toBe(false);
    expect(isFlagCode('toString')).toBe(false);
    expect(isFlagCode('')).toBe(false);
  });

  it('names the family of a code', () => {
    expect(flagFamily('place.null_island')).toBe('place');
    expect(flagFamily('source.stale')).toBe('source');
  });
});

describe('findings', () => {
  it('are the flags with a severity: the time contradiction, the stale source and F8’s evidence checks', () => {
    expect([...FINDING_CODES].sort()).toEqual([
      'attachment.rejected',
      'benford.nonconforming',
      'exif.absent',
      'exif.clock_zone_mismatch',
      'exif.edited',
      'exif.place_mismatch',
      'exif.time_mismatch',
      'media.reused',
      'source.stale',
      'sun.night_photo',
      'sun.shadow_mismatch',
      'text.high_perplexity',
      'text.low_perplexity',
      'time.contradiction',
    ]);
    expect(findingSeverity('time.contradiction')).toBe('warning');
    expect(findingSeverity('source.stale')).toBe('notice');
    expect(findingSeverity('sun.night_photo')).toBe('warning');
    expect(findingSeverity('sun.shadow_mismatch')).toBe('warning');
    // A weak signal: a reason to look, never proof.
    expect(findingSeverity('benford.nonconforming')).toBe('notice');
    // A photo contradicting the claim weighs; a trace of editing or missing metadata less.
    expect(findingSeverity('exif.time_mismatch')).toBe('warning');
    expect(findingSeverity('exif.place_mismatch')).toBe('warning');
    expect(findingSeverity('exif.clock_zone_mismatch')).toBe('notice');
    expect(findingSeverity('exif.edited')).toBe('notice');
    expect(findingSeverity('exif.absent')).toBe('info');
    expect(findingSeverity('attachment.rejected')).toBe('warning');
    expect(findingSeverity('media.reused')).toBe('warning');
    // A weak signal: never more than a notice.
    expect(findingSeverity('text.high_perplexity')).toBe('notice');
    expect(findingSeverity('text.low_perplexity')).toBe('notice');
  });

  it('weigh info < notice < warning < critical, each labelled', () => {
    expect(SEVERITIES).toEqual(['info', 'notice', 'warning', 'critical']);
    for (const s of SEVERITIES) expectBilingual(s, SEVERITY_LABELS[s]);
    const flagsWithSeverity = FLAG_CODES.filter((c: FlagCode) => 'severity' in FLAGS[c]);
    for (const code of flagsWithSeverity) {
      expect(SEVERITIES).toContain((FLAGS[code] as { severity: string }).severity);
    }
  });
});

describe('labels of the server enums', () => {
  const records: [string, Record<string, Bilingual>][] = [
    ['statuses', STATUS_LABELS],
    ['queues', QUEUE_LABELS],
    ['stages', STAGE_LABELS],
    ['channels', CHANNEL_LABELS],
    ['howKnown', HOW_KNOWN_LABELS],
    ['roles', ROLE_LABELS],
  ];
  it.each(records)('labels every one of the %s in English and Chinese', (_name, labels) => {
    expect(Object.keys(labels).length).toBeGreaterThan(0);
    for (const [code, text] of Object.entries(labels)) expectBilingual(code, text);
  });

  it('lists an enum in its own order with its labels', () => {
    expect(labelled(['closed', 'new'] as const, STATUS_LABELS)).toEqual([
      { code: 'closed', en: 'closed', zh: '已结案' },
      { code: 'new', en: 'new', zh: '新建' },
    ]);
  });
});
