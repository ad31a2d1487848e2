import { describe, expect, it } from 'vitest';
import {
  findPointInText,
  impliedAccuracyOfNumber,
  parseCoordinate,
  parsePoint,
} from './coordinates.js';

/** The north gate of Xi'an's city wall, written the ways reporters write it. */
const XIAN = { lat: 34.261, lon: 108.942 };

/** The documented rule: a value is within half a unit of its last digit on each axis, ½·unit·111,320 m·√2. */
const accuracyOf = (unitDegrees: number) => 0.5 * unitDegrees * 111_320 * Math.SQRT2;

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

describe('parseCoordinate: hemispheres, signs and marks', () => {
  it.each([
    ['N34.5', 34.5, 'lat'],
    ['S34.5', -34.5, 'lat'],
    ['E108.5', 108.5, 'lon'],
    ['W108.5', -108.5, 'lon'],
    ['n34.5', 34.5, 'lat'],
    ['34.5 s', -34.5, 'lat'],
    ['e108.5', 108.5, 'lon'],
    ['108.5w', -108.5, 'lon'],
    ['北纬34.5', 34.5, 'lat'],
    ['南纬34.5', -34.5, 'lat'],
    ['东经108.5', 108.5, 'lon'],
    ['西经108.5', -108.5, 'lon'],
    ['北緯34.5', 34.5, 'lat'],
    ['南緯34.5', -34.5, 'lat'],
    ['東經108.5', 108.5, 'lon'],
    ['西經108.5', -108.5, 'lon'],
  ])('reads %s as %d (%s)', (text, value, axis) => {
    expect(parseCoordinate(text)).toMatchObject({ value, axis });
  });

  it('reads a minus sign, ASCII or typographic, and a plus sign', () => {
    expect(parseCoordinate('-33.8688')).toMatchObject({ value: -33.8688, axis: null });
    expect(parseCoordinate('−33.8688')).toMatchObject({ value: -33.8688, axis: null });
    expect(parseCoordinate('+33.8688')).toMatchObject({ value: 33.8688, axis: null });
  });

  it.each(['°', '度', 'º', '˚'])('reads %s as degrees', (mark) => {
    // 36 seconds right after the degrees: only a degree mark makes the 34 degrees.
    expect(parseCoordinate(`34${mark}36″`)?.value).toBe(34.01);
  });

  it.each(["'", '′', '’', '‘', '分'])('reads %s as minutes', (mark) => {
    expect(parseCoordinate(`34°30${mark}`)?.value).toBe(34.5);
  });

  it.each(["''", '"', '″', '”', '“', '秒', '′′', '’’'])('reads %s as seconds', (mark) => {
    expect(parseCoordinate(`34°36${mark}`)?.value).toBe(34.01);
  });

  it('reads full-width digits', () => {
    expect(parseCoordinate('北纬３４．５')).toMatchObject({ value: 34.5, axis: 'lat' });
  });

  it('reports the size of one unit of the last digit given', () => {
    expect(parseCoordinate('34')?.unitDegrees).toBe(1);
    expect(parseCoordinate('34.26')?.unitDegrees).toBeCloseTo(0.01, 12);
    expect(parseCoordinate('34°15′')?.unitDegrees).toBeCloseTo(1 / 60, 12);
    expect(parseCoordinate('34°15.5′')?.unitDegrees).toBeCloseTo(0.1 / 60, 12);
    expect(parseCoordinate('34°15′39.6″')?.unitDegrees).toBeCloseTo(0.1 / 3600, 12);
  });

  it('reads minutes up to 59.9…, not 60', () => {
    expect(parseCoordinate('34°59′')?.value).toBe(34.9833333);
    expect(parseCoordinate('34°59.99′')?.value).toBe(34.9998333);
    expect(parseCoordinate('34°60′')).toBeNull();
    expect(parseCoordinate('34°0′60″')).toBeNull();
  });

  it.each([
    ['', 'nothing'],
    ['N', 'no number'],
    ['x', 'not a coordinate'],
    ['N 34 S', 'two hemispheres'],
    ['34 -15', 'a minus sign inside'],
    ['-34.2 S', 'a minus sign and a hemisphere'],
    ['°34', 'a mark before any number'],
    ['34°°', 'two marks on one number'],
    ['34,', 'a separator'],
    ['15′34°', 'minutes before degrees'],
    ['34.5°15′', 'decimals before the last part'],
    ['34 15 39 10', 'four parts'],
    ['34°15′39″10″', 'four parts with marks'],
  ])('refuses %j (%s)', (text) => {
    expect(parseCoordinate(text)).toBeNull();
  });
});

describe('parsePoint: splitting a pair', () => {
  it('splits at one separator, and refuses two', () => {
    expect(parsePoint('34 15.5, 108 56.5')).toMatchObject({ lat: 34.2583333, lon: 108.9416667 });
    expect(parsePoint('34.1, 108.2, 5')).toBeNull();
  });

  it('splits before the second of two hemisphere letters when the first leads, after the first when the last ends', () => {
    expect(parsePoint('N34 15.5 E108 56.5')).toMatchObject({ lat: 34.2583333, lon: 108.9416667 });
    expect(parsePoint('34 15.5 N 108 56.5 E')).toMatchObject({ lat: 34.2583333, lon: 108.9416667 });
    expect(parsePoint('34 N 108 E 30')).toBeNull(); // a letter inside the second coordinate
  });

  it('splits two plain numbers, and refuses three', () => {
    expect(parsePoint('34.5 108.5')).toMatchObject({ lat: 34.5, lon: 108.5 });
    expect(parsePoint('34.1 15.2 108.3')).toBeNull();
  });

  it('splits before the second degree mark when there are no letters', () => {
    expect(parsePoint(`34°15'39.6" 108°56'31.2"`)).toMatchObject(XIAN);
    expect(parsePoint('34° 108°')).toMatchObject({ lat: 34, lon: 108 });
    expect(parsePoint('34° N 108°')).toBeNull();
  });

  it('needs a mark, a decimal point or a letter somewhere', () => {
    expect(parsePoint('34 N 108 E')).toMatchObject({ lat: 34, lon: 108 });
    expect(parsePoint('34.5 108')).toMatchObject({ lat: 34.5, lon: 108 });
    expect(parsePoint('34 108')).toBeNull();
    expect(parsePoint('34, 108')).toBeNull(); // a separator is no mark
  });

  it('puts latitude first unless letters say otherwise', () => {
    expect(parsePoint('34.26, 108.94')).toEqual({
      lat: 34.26,
      lon: 108.94,
      impliedAccuracyMeters: accuracyOf(0.01),
      axesFromLetters: false,
    });
    expect(parsePoint('34.26 N, 108.94')).toMatchObject({ lat: 34.26, axesFromLetters: false });
    expect(parsePoint('N34.26, E108.94')).toMatchObject({ lat: 34.26, axesFromLetters: true });
    expect(parsePoint('108.94 E, 34.26')).toMatchObject({
      lat: 34.26,
      lon: 108.94,
      axesFromLetters: true,
    });
    expect(parsePoint('108.94, 34.26 N')).toMatchObject({
      lat: 34.26,
      lon: 108.94,
      axesFromLetters: true,
    });
    expect(parsePoint('E108.94 N34.26')).toMatchObject({
      lat: 34.26,
      lon: 108.94,
      axesFromLetters: true,
    });
  });

  it('takes the accuracy of the coarser coordinate', () => {
    expect(parsePoint('34.26, 108.9420')?.impliedAccuracyMeters).toBe(accuracyOf(0.01));
    expect(parsePoint('34.2610, 108.94')?.impliedAccuracyMeters).toBe(accuracyOf(0.01));
  });
});

describe('impliedAccuracyOfNumber', () => {
  it('reads the decimals JSON wrote', () => {
    expect(impliedAccuracyOfNumber(34)).toBe(accuracyOf(1));
    expect(impliedAccuracyOfNumber(34.261)).toBe(accuracyOf(0.001));
    expect(impliedAccuracyOfNumber(-108.9)).toBe(accuracyOf(0.1));
  });

  it('gives no accuracy for a number written with an exponent', () => {
    expect(impliedAccuracyOfNumber(1e-7)).toBe(0);
  });
});

describe('findPointInText: the rest of the text', () => {
  it('leaves no rest when the point is the whole text', () => {
    expect(findPointInText('34.2610, 108.9420')).toEqual({
      point: parsePoint('34.2610, 108.9420'),
      rest: '',
    });
  });

  it('keeps the words on both sides of the point apart', () => {
    expect(findPointInText('北门34.2610 108.9420钟楼')?.rest).toBe('北门 钟楼');
  });

  it('strips every separator around the rest', () => {
    expect(findPointInText('north gate, ; 34.2610 108.9420')?.rest).toBe('north gate');
    expect(findPointInText('34.2610 108.9420 , - north gate')?.rest).toBe('north gate');
  });

  it('keeps the reporter’s own marks in the rest', () => {
    expect(findPointInText('the ″old″ gate 34°15′39.6″N 108°56′31.2″E')).toMatchObject({
      point: XIAN,
      rest: 'the ″old″ gate',
    });
  });

  it('finds nothing in a text without a pair', () => {
    expect(findPointInText('north gate, no. 12')).toBeNull();
  });
});
