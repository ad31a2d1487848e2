/**
 * Query parameters several routes read the same way: an ISO 8601 time, an instant
 * with its zone, a bounding box `west,south,east,north` in degrees (west > east
 * crosses the antimeridian), an office. A bad one is a 400 naming the parameter
 * (route-schemas.ts validate).
 *
 * Times: `from`/`to` ask when something happened (an incident's span, what the map
 * shows); `since`/`until` ask when tipwire recorded it (a report's arrival, an audit
 * record), `since` included and `until` not.
 */
import { z } from 'zod';
import { validationError } from '../domain/errors.js';

export const isoTime = z
  .string()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && Number.isFinite(Date.parse(v)), {
    message: 'must be an ISO 8601 time such as 2026-11-20T10:00:00Z',
  })
  .transform((v) => Date.parse(v));

export const bboxQuery = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const parts = v.split(',').map((p) => (p.trim() === '' ? NaN : Number(p.trim())));
    const [west, south, east, north] = parts;
    const ok =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      west! >= -180 &&
      east! <= 180 &&
      west! <= 180 &&
      east! >= -180 &&
      south! >= -90 &&
      north! <= 90 &&
      south! <= north!;
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be minLon,minLat,maxLon,maxLat in degrees (minLon > maxLon crosses the antimeridian)',
      });
      return z.NEVER;
    }
    return { west: west!, south: south!, east: east!, north: north! };
  });

/** An instant with its zone stated (Z or an offset): a filter is never read in a guessed zone. */
export const instant = z
  .string()
  .max(64)
  .pipe(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with Z or an offset' }))
  .transform((text) => Date.parse(text));

/** `since` must come before `until` (a list's period, since included and until not). */
export const sinceBeforeUntil = {
  check: (q: { since?: number; until?: number }) =>
    q.since === undefined || q.until === undefined || q.until > q.since,
  params: { path: ['until'], message: 'must be later than since' },
};

/** The `office` parameter's value for the cases or incidents routed to no office. */
export const UNROUTED = 'none';

/** `office`: an office id (`o_…`), or `none` (→ null) for those routed to no office. */
export const officeQuery = z
  .string()
  .min(1)
  .max(100)
  .transform((v) => (v === UNROUTED ? null : v));

/** Refuses an `office` naming no office (a 400 naming the parameter, as for any bad value). */
export function requireKnownOffice(
  office: string | null | undefined,
  exists: (id: string) => boolean,
) {
  if (typeof office === 'string' && !exists(office)) {
    throw validationError([{ path: 'office', message: 'no office with this id' }]);
  }
}
