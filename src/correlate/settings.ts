/** The correlate rule's settings: how near in space and time a report must be to join an incident. */
import { numberIn, setting } from '../domain/settings.js';

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
};
