/**
 * A failed call in the viewer's language. The server's error answers carry a stable
 * `code` beside an English `message` (src/domain/errors.ts, src/server/http-errors.ts):
 * a code this catalogue knows (`code.<code>` in common/messages.ts) is said in its
 * words; any other keeps the server's message, framed with the status. The fields an
 * error names keep their path as the server wrote it (the field is named whatever the
 * language), with the message in the page's words where it is one the pages know.
 * Pure: the words come in as `t`, so the mapping is tested without a page.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api.js';
import { common } from './messages.js';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The page's own words for the field issues it knows (a missing field, a text over its limit). */
export interface IssueWords {
  required: string;
  tooLong: (max: number) => string;
}

export interface ErrorWords {
  /** One sentence: what went wrong. */
  text: string;
  /** The fields the server refused, each with its path. */
  fields: FieldIssue[];
}

/** Whether the catalogue says this server code in its own words. */
export const knownCode = (code: string): boolean => Object.hasOwn(common.en, `code.${code}`);

/** An issue's message in the page's words where it is one the pages know, else the server's. */
export function issueMessage(message: string, words: IssueWords): string {
  if (message === 'is required' || message === 'must not be empty') return words.required;
  const tooLong = /^must be at most (\d+) characters/.exec(message);
  if (tooLong) return words.tooLong(Number(tooLong[1]));
  return message;
}

/** The words of `t` (the `common` namespace) for the issues it knows. */
export const issueWordsOf = (t: TFunction<'common'>): IssueWords => ({
  required: t('issue.required'),
  tooLong: (max) => t('issue.tooLong', { max }),
});

/** What to say of `err`, a rejected `call()` or anything else a page caught. */
export function errorWords(err: unknown, t: TFunction<'common'>): ErrorWords {
  if (!(err instanceof ApiError)) {
    const message = err instanceof Error ? err.message : String(err);
    return { text: t('error.other', { message }), fields: [] };
  }
  const words = issueWordsOf(t);
  const fields = err.issues.map((issue) => ({
    path: issue.path,
    message: issueMessage(issue.message, words),
  }));
  if (err.code === 'rate_limited' && err.retryAfterSeconds === null)
    return { text: t('error.rateLimitedLater'), fields };
  if (knownCode(err.code))
    return { text: t(`code.${err.code}`, { seconds: err.retryAfterSeconds }), fields };
  return { text: t('error.server', { status: err.status, message: err.message }), fields };
}

/** The same as one line: the sentence, then each field named with its message. */
export function errorLine(err: unknown, t: TFunction<'common'>): string {
  const { text, fields } = errorWords(err, t);
  return [text, ...fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message))].join(' ');
}
