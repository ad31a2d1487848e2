/**
 * Query parameters several routes read the same way: an ISO 8601 time, and a
 * bounding box `west,south,east,north` in degrees (west > east crosses the
 * antimeridian). A bad one is a 400 naming the parameter (route-schemas.ts validate).
 */
import { z } from 'zod';

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
