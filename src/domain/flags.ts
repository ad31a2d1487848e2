/**
 * Every flag a report can carry, with what it means. A flag is a fact an analyst
 * must see, not a verdict; codes are stable (exports and filters rely on them).
 */
export const FLAGS = {
  'time.zone_unknown':
    'observedAt has no UTC offset, no timezone and no place to find one from: kept as local time; its UTC interval spans every offset in use (UTC−12 … UTC+14).',
  'time.unparsed': 'observedAt could not be read as a date and time; kept as given.',
  'place.out_of_range':
    'Latitude must lie in [-90, 90] and longitude in [-180, 180]; the point was not used.',
  'place.null_island':
    'Coordinates (0, 0) are almost always a missing value, not a place; the point was not used.',
  'place.unresolved': 'The place was given only as text that is not yet resolved to coordinates.',
  'time.zone_assumed':
    'observedAt had no offset, timezone or coordinates: read in the configured default zone (zoneSource "assumed").',
  'time.zone_invalid': 'timezone is not an IANA zone name; it was not used.',
  'time.zone_mismatch':
    'The offset, timezone and coordinates give different UTC offsets at that time: an explicit offset is kept, otherwise the interval covers every reading.',
  'time.zone_disputed':
    'The zone databases disagree at these coordinates (border or disputed timekeeping); the interval covers every zone.',
  'time.nonexistent_local':
    'That local time does not exist (clocks jumped over it, e.g. a DST gap); the interval covers both readings.',
  'time.ambiguous_local':
    'That local time happened twice (clocks went back); both candidates are listed and the interval covers both.',
  'time.future': 'The observation starts after the report arrived (beyond the tolerance).',
  'time.implausibly_old':
    'The observation ended longer ago than the maximum age before the report arrived.',
  'time.epoch_milliseconds':
    'observedAt was a number too large for epoch seconds; it was read as epoch milliseconds.',
  'time.contradiction':
    'The times of this observation (claim, arrival, checks) are further apart than allowed; a deeper check is due.',
  'source.stale':
    'Data from an external source is older than its expected latency plus the tolerance.',
  'place.unparsed': 'Coordinates given as text could not be read; they were not used.',
  'place.swapped':
    'Latitude and longitude were swapped (only the swapped point fits the text or hemisphere letters); corrected.',
  'place.ambiguous':
    'Several places of comparable size share the name in the text; the largest was used.',
  'place.text_mismatch':
    'The coordinates lie far from the place named in the text; the coordinates were kept.',
  'abuse.repeat_dialer':
    'The caller called more than TIPWIRE_ABUSE_REPEAT_CALLS times in a row (each within TIPWIRE_ABUSE_REPEAT_WINDOW_MINUTES of the last): the report is in the abuse queue.',
} as const;

export type FlagCode = keyof typeof FLAGS;
