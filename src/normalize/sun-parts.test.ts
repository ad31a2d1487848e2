/**
 * Parts of the day placed by the sun: each bound is suncalc's event on that local day,
 * a stand-in nearer the horizon when the event does not happen, the whole day when the
 * sun neither rises nor sets; the margin widens both ends.
 */
import * as SunCalc from 'suncalc';
import { describe, expect, it } from 'vitest';
import { sunPartWindow } from './sun-parts.js';
import { toLocal } from './zones.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Local midnight of a date, as local ms (wall clock written as UTC). */
const day = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

/** suncalc's event of that local day at noon, as local ms in the zone. */
function event(
  name: 'nauticalDawn' | 'dawn' | 'sunrise' | 'sunset' | 'dusk' | 'nauticalDusk',
  noonUtc: string,
  point: { lat: number; lon: number },
  zone: string,
): number | null {
  const t = SunCalc.getTimes(new Date(noonUtc), point.lat, point.lon)[name];
  return t ? toLocal(t.getTime(), zone) : null;
}

describe('sunPartWindow', () => {
  const xian = { lat: 34.261, lon: 108.9423 };
  const z = 'Asia/Shanghai';

  it('dawn is nautical dawn to sunrise; dusk sunset to nautical dusk; sunrise and sunset their instants', () => {
    const noon = '2026-11-20T04:00:00Z';
    const d = day('2026-11-20');
    expect(sunPartWindow('dawn', d, xian, z, 0)).toEqual([
      event('nauticalDawn', noon, xian, z),
      event('sunrise', noon, xian, z),
    ]);
    expect(sunPartWindow('dusk', d, xian, z, 0)).toEqual([
      event('sunset', noon, xian, z),
      event('nauticalDusk', noon, xian, z),
    ]);
    const sunrise = event('sunrise', noon, xian, z)!;
    expect(sunPartWindow('sunrise', d, xian, z, 0)).toEqual([sunrise, sunrise]);
    const sunset = event('sunset', noon, xian, z)!;
    expect(sunPartWindow('sunset', d, xian, z, 0)).toEqual([sunset, sunset]);
    expect(sunPartWindow('early_evening', d, xian, z, 0)).toEqual([
      sunset - 60 * MINUTE,
      event('nauticalDusk', noon, xian, z),
    ]);
  });

  it('widens both ends by the margin, minute for minute', () => {
    const d = day('2026-11-20');
    const [s0, e0] = sunPartWindow('dawn', d, xian, z, 0)!;
    expect(sunPartWindow('dawn', d, xian, z, 1)).toEqual([s0 - MINUTE, e0 + MINUTE]);
    expect(sunPartWindow('dawn', d, xian, z, 30)).toEqual([s0 - 30 * MINUTE, e0 + 30 * MINUTE]);
  });

  it('is the sun of that local day: the next day’s dawn is a day later, give or take minutes', () => {
    const [a] = sunPartWindow('dawn', day('2026-11-20'), xian, z, 0)!;
    const [b] = sunPartWindow('dawn', day('2026-11-21'), xian, z, 0)!;
    expect(b - a).toBeGreaterThan(DAY - 5 * MINUTE);
    expect(b - a).toBeLessThan(DAY + 5 * MINUTE);
  });

  it('on a summer night that never gets 12° dark, civil dawn and dusk stand in', () => {
    // Aberdeen (57.15° N) at midsummer: the sun dips about 9° below the horizon.
    const aberdeen = { lat: 57.15, lon: -2.1 };
    const zone = 'Europe/London';
    const noon = '2026-06-21T11:00:00Z';
    expect(event('nauticalDawn', noon, aberdeen, zone)).toBeNull();
    const d = day('2026-06-21');
    expect(sunPartWindow('dawn', d, aberdeen, zone, 0)![0]).toBe(
      event('dawn', noon, aberdeen, zone),
    );
    expect(sunPartWindow('dusk', d, aberdeen, zone, 0)![1]).toBe(
      event('dusk', noon, aberdeen, zone),
    );
  });

  it('where it never gets even 6° dark, sunrise and sunset stand in', () => {
    // Reykjavík (64.15° N) at midsummer: the sun dips about 2.6° below the horizon.
    const reykjavik = { lat: 64.1466, lon: -21.9426 };
    const zone = 'Atlantic/Reykjavik';
    const noon = '2026-06-21T12:00:00Z';
    expect(event('dawn', noon, reykjavik, zone)).toBeNull();
    const d = day('2026-06-21');
    const sunrise = event('sunrise', noon, reykjavik, zone)!;
    const sunset = event('sunset', noon, reykjavik, zone)!;
    expect(sunPartWindow('dawn', d, reykjavik, zone, 0)).toEqual([sunrise, sunrise]);
    expect(sunPartWindow('dusk', d, reykjavik, zone, 0)).toEqual([sunset, sunset]);
  });

  it('where the sun neither rises nor sets, is the whole local day', () => {
    const longyearbyen = { lat: 78.22, lon: 15.65 };
    const d = day('2026-12-21');
    expect(sunPartWindow('dawn', d, longyearbyen, 'Arctic/Longyearbyen', 30)).toEqual([d, d + DAY]);
    expect(sunPartWindow('sunset', d, longyearbyen, 'Arctic/Longyearbyen', 30)).toEqual([
      d,
      d + DAY,
    ]);
  });

  it('has no window for a part the sun does not name', () => {
    expect(sunPartWindow('morning', day('2026-11-20'), xian, z, 30)).toBeNull();
  });
});
