import { describe, expect, it } from 'vitest';
import { findPointInText, parseCoordinate, parsePoint } from './coordinates.js';

/** The north gate of Xi'an's city wall, written the ways reporters write it. */
const XIAN = { lat: 34.261, lon: 108.942 };

describe('parsePoint', () => {
  it.each([
    [`34°15'39.6"N 108°56'31.2"E`],
    ['34°15′39.6″N 108°56′31.2″E'],
    ['34 15 39.6 N 108 56 31.2 E'],
    ['N34 15.66 E108 56.52'],
    ["N 34° 15.66' E 108° 56.52'"],
    ['34.2610, 108.9420'],
    ['34.2610 108.9420'],
    ['34.261° N, 108.942° E'],
    ['北纬34°15′39.6″ 东经108°56′31.2″'],
    ['E108 56.52 N34 15.66'],
  ])('reads %s', (text) => {
    const p = parsePoint(text);
    expect(p?.lat).toBeCloseTo(XIAN.lat, 6);
    expect(p?.lon).toBeCloseTo(XIAN.lon, 6);
  });

  it('reads the southern and western hemispheres as negative', () => {
    expect(parsePoint(`33°52'7.7"S 151°12'33.5"E`)).toMatchObject({
      lat: -33.8688056,
      lon: 151.2093056,
    });
    expect(parsePoint('40.7580, -73.9855')).toMatchObject({ lat: 40.758, lon: -73.9855 });
    expect(parsePoint('40 45.48 N 73 59.13 W')?.lon).toBeCloseTo(-73.9855, 4);
  });

  it('derives accuracy from the digits given', () => {
    expect(parsePoint(`34°15'39.6"N 108°56'31.2"E`)?.impliedAccuracyMeters).toBeCloseTo(2.2, 1);
    expect(parsePoint('34.2610, 108.9420')?.impliedAccuracyMeters).toBeCloseTo(7.9, 1);
    expect(parsePoint('34.26, 108.94')?.impliedAccuracyMeters).toBeCloseTo(787.2, 1);
  });

  it('refuses what is not a coordinate pair', () => {
    expect(parsePoint('34 108')).toBeNull(); // no decimals, marks or letters: could be anything
    expect(parsePoint('No. 12, Chang’an Road')).toBeNull();
    expect(parsePoint("34°75'N 108°E")).toBeNull(); // 75 minutes
    expect(parsePoint('N34 N108')).toBeNull();
    expect(parsePoint('-34.2 S, 108 E')).toBeNull(); // minus and S together
  });
});

describe('parseCoordinate and findPointInText', () => {
  it('reads one coordinate with its hemisphere', () => {
    expect(parseCoordinate(`108°56'31.2"E`)).toMatchObject({ value: 108.942, axis: 'lon' });
    expect(parseCoordinate('-33.8688')).toMatchObject({ value: -33.8688, axis: null });
  });

  it('finds a point inside a sentence and returns the rest as place text', () => {
    const found = findPointInText("north gate of Xi'an, 34.2610 108.9420");
    expect(found?.point).toMatchObject({ lat: 34.261, lon: 108.942 });
    expect(found?.rest).toBe("north gate of Xi'an");
  });

  it('finds points written with blanks and marks between their parts', () => {
    expect(findPointInText('near 34° 15′ N ,  108° 56′ E today')?.point).toMatchObject({
      lat: 34.25,
      lon: 108.9333333,
    });
    expect(findPointInText('北门 北纬34°15′ 东经108°56′')?.rest).toBe('北门');
  });

  it('rejects a long run of blanks at once (no catastrophic backtracking)', () => {
    // Before: 9 s for 200 characters, minutes for the 500 a location text may hold.
    const started = performance.now();
    expect(findPointInText(`1${' '.repeat(198)}x`)).toBeNull();
    expect(findPointInText(`1${' '.repeat(198)}1`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });
});
