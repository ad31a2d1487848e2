import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { errorLine, errorWords, issueMessage, knownCode } from './errors.js';
import { common } from './messages.js';

let en: TFunction<'common'>;
let zh: TFunction<'common'>;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { common: common.en }, zh: { common: common.zh } },
    lng: 'en',
    ns: ['common'],
    interpolation: { escapeValue: false },
  });
  en = i18n.getFixedT('en', 'common');
  zh = i18n.getFixedT('zh', 'common');
});

const refused = (
  status: number,
  code: string,
  message: string,
  issues: { path: string; message: string }[] = [],
  retryAfterSeconds: number | null = null,
) => new ApiError(status, code, message, issues, retryAfterSeconds);

describe('errorWords', () => {
  it('says a code it knows in the viewer’s language, not the server’s English', () => {
    const err = refused(403, 'forbidden', 'your role may not do this');
    expect(errorWords(err, en)).toEqual({ text: 'Your role may not do this.', fields: [] });
    expect(errorWords(err, zh)).toEqual({ text: '您的角色无权执行此操作。', fields: [] });
  });

  it('keeps the server’s message, with the status, for a code it does not know', () => {
    const err = refused(409, 'something_new', 'a rule added after this page was built');
    expect(errorWords(err, en).text).toBe(
      'The server refused (409): a rule added after this page was built',
    );
    expect(errorWords(err, zh).text).toBe(
      '服务器拒绝了请求（409）：a rule added after this page was built',
    );
  });

  it('names each field the server refused by its path, with the message in the page’s words where it knows it', () => {
    const err = refused(400, 'validation_failed', 'incidentIds: …', [
      { path: 'incidentIds', message: 'name at least one other incident' },
      { path: 'reason', message: 'is required' },
      { path: 'location.text', message: 'must be at most 500 characters (UTF-16 code units)' },
    ]);
    expect(errorWords(err, zh)).toEqual({
      text: '未完成：服务器拒绝了以下字段。',
      fields: [
        { path: 'incidentIds', message: 'name at least one other incident' },
        { path: 'reason', message: '此项必填。' },
        { path: 'location.text', message: '太长：最多 500 个字符。' },
      ],
    });
    expect(errorWords(err, en).fields[1]).toEqual({ path: 'reason', message: 'This is required.' });
  });

  it('says how long to wait when the server said it, and to wait a while when not', () => {
    expect(errorWords(refused(429, 'rate_limited', 'too many', [], 30), zh).text).toBe(
      '刚才的请求太多，请 30 秒后再试。',
    );
    expect(errorWords(refused(429, 'rate_limited', 'too many'), en).text).toBe(
      'Too many requests just now; try again later.',
    );
  });

  it('says a failure that is not the server’s answer with its own message', () => {
    expect(errorWords(new TypeError('Failed to fetch'), en)).toEqual({
      text: 'The request failed: Failed to fetch',
      fields: [],
    });
    expect(errorWords('odd', zh).text).toBe('请求失败：odd');
  });

  it('writes an error and its fields as one line', () => {
    const err = refused(400, 'validation_failed', '…', [
      { path: 'officeId', message: 'no office with this id' },
      { path: '', message: 'the body must be a JSON object' },
    ]);
    expect(errorLine(err, en)).toBe(
      'Not done: the server refused these fields. officeId: no office with this id the body must be a JSON object',
    );
    expect(errorLine(refused(404, 'not_found', 'no report with this id'), zh)).toBe(
      '未找到：它不存在，或您无权查看。',
    );
  });
});

describe('issueMessage', () => {
  const words = { required: 'R', tooLong: (max: number) => `L${max}` };
  it('knows a missing field and a text over its limit, and keeps anything else', () => {
    expect(issueMessage('is required', words)).toBe('R');
    expect(issueMessage('must not be empty', words)).toBe('R');
    expect(issueMessage('must be at most 12 characters', words)).toBe('L12');
    expect(issueMessage('lat and lon must be given together', words)).toBe(
      'lat and lon must be given together',
    );
  });
});

describe('the catalogue of codes', () => {
  const codes = Object.keys(common.en)
    .filter((k) => k.startsWith('code.'))
    .map((k) => k.slice('code.'.length));

  /** The server's source (src/, tests left out) as one text. */
  function serverSource(dir: string): string {
    return readdirSync(dir, { withFileTypes: true })
      .map((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return serverSource(file);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
          ? readFileSync(file, 'utf8')
          : '';
      })
      .join('\n');
  }

  it('names only codes the server sends (each is a quoted literal in src/)', () => {
    const source = serverSource(path.resolve(import.meta.dirname, '../../../src'));
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !source.includes(`'${code}'`))).toEqual([]);
  });

  it('knows exactly those codes', () => {
    for (const code of codes) expect(knownCode(code), code).toBe(true);
    expect(knownCode('something_new')).toBe(false);
    expect(knownCode('rateLimitedLater')).toBe(false);
  });
});
