/** The correlate rule's settings: how near in space and time a report must be to join an incident. */
import { z } from 'zod';
import { numberIn, setting } from '../domain/settings.js';

/** Rising shares in (0, 1], the last one 1, e.g. `0.0625,0.25,1`. */
const searchRings = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'must be comma-separated numbers such as 0.0625,0.25,1')
  .transform((v) => v.split(',').map(Number))
  .refine((rings) => rings.every((r, i) => r > 0 && r <= 1 && (i === 0 || r > rings[i - 1]!)), {
    message: 'must rise, each above 0 and at most 1',
  })
  .refine((rings) => rings[rings.length - 1] === 1, { message: 'must end with 1' })
  .transform((rings): readonly number[] => rings);

export const CORRELATE_SETTINGS = {
  radiusMeters: setting(
    'TIPWIRE_CORRELATE_RADIUS_METERS',
    'A report joins an incident with a report at most this far away…',
    numberIn(1, 1_000_000),
    500,
  ),
  windowMinutes: setting(
    'TIPWIRE_CORRELATE_WINDOW_MINUTES',
    '…and at most this many minutes apart in time.',
    numberIn(1, 525_600),
    120,
  ),
  searchRings: setting(
    'TIPWIRE_CORRELATE_SEARCH_RINGS',
    'Shares of TIPWIRE_CORRELATE_RADIUS_METERS searched in turn for the nearest incident: comma-separated, rising, the last one 1.',
    searchRings,
    [0.0625, 0.25, 1] as readonly number[],
  ),
};
