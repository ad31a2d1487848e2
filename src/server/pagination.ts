/** Opaque cursors and page sizes for newest-first lists. */
import { z } from 'zod';
import { validationError } from '../domain/errors.js';
import { fieldIssues } from '../intake/report-schema.js';
import type { Cursor } from '../store/store.js';

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(`${c.at}.${c.seq}`, 'utf8').toString('base64url');

function decodeCursor(text: string): Cursor | null {
  const match = /^(-?\d+)\.(\d+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? { at: Number(match[1]), seq: Number(match[2]) } : null;
}

/** The paging parameters of a list route: `limit` (capped, not refused, above the maximum) and `cursor`. */
export const pageQuery = (maxLimit: number) =>
  z.object({
    // Above the maximum is not an error: the page is simply capped.
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .default(50)
      .transform((n) => Math.min(n, maxLimit)),
    cursor: z.string().max(200).optional(),
  });

export function parsePageQuery(
  query: unknown,
  maxLimit: number,
): { limit: number; after?: Cursor } {
  const schema = pageQuery(maxLimit);
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, query));
  if (parsed.data.cursor === undefined) return { limit: parsed.data.limit };
  const after = decodeCursor(parsed.data.cursor);
  if (!after)
    throw validationError([{ path: 'cursor', message: 'is not a cursor this server gave out' }]);
  return { limit: parsed.data.limit, after };
}
