/**
 * Claimed observation time → UTC interval. An ISO 8601 time with an offset, or a
 * local ISO time with an IANA `timezone`, becomes a UTC instant widened by the
 * stated precision. A local time without either keeps its wall-clock reading and
 * is flagged `time.zone_unknown`: guessing a zone would silently shift it by hours.
 */
import { DateTime } from 'luxon';
import type { Claims, ObservedTime } from '../domain/report.js';

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface TimeResult {
  time: ObservedTime | null;
  flags: string[];
}

export function normalizeTime(claims: Claims): TimeResult {
  const raw = claims.observedAt;
  if (raw === undefined) return { time: null, flags: [] };
  const precisionSeconds = claims.precisionSeconds ?? 0;
  const match = ISO_DATE_TIME.exec(raw.trim());
  if (!match) return { time: null, flags: ['time.unparsed'] };
  const [, date, clock, offset] = match;
  const dateOnly = clock === undefined;
  const localText = `${date}T${clock ?? '00:00:00'}`;

  const zone = offset ? undefined : claims.timezone;
  if (!offset && !zone) {
    if (!DateTime.fromISO(localText, { zone: 'UTC' }).isValid) {
      return { time: null, flags: ['time.unparsed'] };
    }
    return {
      time: {
        from: null,
        to: null,
        local: DateTime.fromISO(localText, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
        timezone: null,
        zoneSource: null,
        precisionSeconds,
      },
      flags: ['time.zone_unknown'],
    };
  }
  const parsed = offset
    ? DateTime.fromISO(`${localText}${offset}`, { setZone: true })
    : DateTime.fromISO(localText, { zone });
  if (!parsed.isValid) return { time: null, flags: ['time.unparsed'] };
  const startMs = parsed.toMillis();
  // A bare date means "some time that day": the whole local day.
  const endMs = dateOnly ? parsed.plus({ days: 1 }).toMillis() : startMs;
  return {
    time: {
      from: startMs - precisionSeconds * 1000,
      to: endMs + precisionSeconds * 1000,
      local: parsed.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
      timezone: offset ? (claims.timezone ?? parsed.zone.name) : (zone ?? null),
      zoneSource: offset ? 'offset' : 'timezone',
      precisionSeconds,
    },
    flags: [],
  };
}
