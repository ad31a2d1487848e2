/** The normalize stage's pure core: claims in, observation and flags out. */
import type { Claims, Normalization } from '../domain/report.js';
import { normalizePlace } from './place.js';
import { normalizeTime } from './time.js';

export function normalizeClaims(claims: Claims): Normalization {
  const time = normalizeTime(claims);
  const place = normalizePlace(claims);
  return { time: time.time, place: place.place, flags: [...time.flags, ...place.flags] };
}
