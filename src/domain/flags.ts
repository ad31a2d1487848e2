/**
 * Every flag a report can carry, with what it means. A flag is a fact an analyst
 * must see, not a verdict; codes are stable (exports and filters rely on them).
 */
export const FLAGS = {
  'time.zone_unknown':
    'observedAt has no UTC offset and no timezone was given: kept as local time, not placed on the UTC timeline.',
  'time.unparsed': 'observedAt could not be read as a date and time; kept as given.',
  'place.out_of_range':
    'Latitude must lie in [-90, 90] and longitude in [-180, 180]; the point was not used.',
  'place.null_island':
    'Coordinates (0, 0) are almost always a missing value, not a place; the point was not used.',
  'place.unresolved': 'The place was given only as text that is not yet resolved to coordinates.',
} as const;

export type FlagCode = keyof typeof FLAGS;
