/**
 * Parts of the day named by the sun (dawn, sunrise, sunset, dusk, 傍晚) placed from
 * the sun itself, at the place and on the local day: "dawn" in Xi'an in mid-November
 * runs from nautical dawn (about 06:22) to sunrise (about 07:18), which a fixed
 * 04:00–07:00 window misses. suncalc 2.x computes the events (apparent altitude,
 * refraction applied); data/time-words.ts `SUN_PARTS` says which events bound each
 * part, and the margin widens both ends.
 *
 * Where an event does not happen that day (a summer night that never gets 12° dark,
 * polar day or night), the next event towards the horizon stands in (civil, then the
 * sunrise or sunset itself); where the sun neither rises nor sets, the whole local day.
 */
import * as SunCalc from 'suncalc';
import {
  type BoundingSunEvent,
  type DaypartName,
  SUN_PARTS,
  type SunEvent,
} from './data/time-words.js';
import { offsetAt, toLocal } from './zones.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Each event that bounds a part (SUN_PARTS), then those nearer the horizon that stand in
 * for it when it does not happen.
 */
const STAND_INS: Record<BoundingSunEvent, SunEvent[]> = {
  nauticalDawn: ['nauticalDawn', 'dawn', 'sunrise'],
  sunrise: ['sunrise'],
  sunset: ['sunset'],
  nauticalDusk: ['nauticalDusk', 'dusk', 'sunset'],
};

/**
 * The local window (local ms, wall-clock written as UTC) of a sun-named part of the
 * day on the local day starting at `day`, widened by `marginMinutes` each side; null
 * for a part not named by the sun.
 */
export function sunPartWindow(
  part: DaypartName,
  day: number,
  point: { lat: number; lon: number },
  zone: string,
  marginMinutes: number,
): [number, number] | null {
  const bounds = SUN_PARTS[part];
  if (!bounds) return null;
  // suncalc answers for the solar day around the instant given: that local day's noon.
  // Stryker disable next-line ArithmeticOperator: any instant within half a day of solar noon gives the same day's times, and the offset's sign or hour barely moves it
  const noonUtc = day + 12 * HOUR - offsetAt(zone, day + 12 * HOUR) * MINUTE;
  const times = SunCalc.getTimes(new Date(noonUtc), point.lat, point.lon);
  const at = (event: BoundingSunEvent): number | null => {
    for (const e of STAND_INS[event]) {
      const t = times[e];
      if (t instanceof Date && Number.isFinite(t.getTime())) return toLocal(t.getTime(), zone);
    }
    return null;
  };
  const [[startEvent, startShift], [endEvent, endShift]] = bounds;
  const start = at(startEvent);
  const end = at(endEvent);
  // Stryker disable next-line ConditionalExpression: the stand-ins end at sunrise and sunset, which fail together (polar day or night)
  if (start === null || end === null) return [day, day + DAY];
  const margin = marginMinutes * MINUTE;
  // Stryker disable next-line ArithmeticOperator: every part ends on its event (end shift 0 in SUN_PARTS)
  return [start + startShift * MINUTE - margin, end + endShift * MINUTE + margin];
}
