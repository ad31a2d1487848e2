/**
 * Coordinates written as text → decimal degrees, with the accuracy their digits
 * imply. Reads decimal degrees ("34.261, 108.942"), degrees-minutes-seconds
 * (`34°15'39.6"N 108°56'31.2"E`), degrees and decimal minutes (`N34 15.66
 * E108 56.52`) and Chinese hemisphere words (北纬 34°15′ 东经 108°56′), in
 * either order when hemisphere letters say which is which.
 *
 * Accuracy from digits: a value rounded to its last stated digit is within half a
 * unit of it on each axis, so the implied radius is ½·unit·√2, with one degree of
 * latitude taken as 111,320 m (the larger of the two axes, so never optimistic).
 */

const METERS_PER_DEGREE = 111_320;

export type Axis = 'lat' | 'lon';

export interface ParsedCoordinate {
  value: number;
  /** From a hemisphere letter or word; null when the text does not say. */
  axis: Axis | null;
  /** Size in degrees of one unit of the last stated digit. */
  unitDegrees: number;
}

export interface ParsedPoint {
  lat: number;
  lon: number;
  /** Radius implied by the digits given. */
  impliedAccuracyMeters: number;
  /** Hemisphere letters decided the axes: one on each, or one saying latitude is second (`E108 N34`). */
  axesFromLetters: boolean;
}

type Token =
  | { kind: 'num'; value: number; decimals: number; sign: -1 | 1 }
  | { kind: 'hemi'; axis: Axis; sign: -1 | 1 }
  | { kind: 'unit'; unit: 'deg' | 'min' | 'sec' }
  | { kind: 'sep' };

const HEMISPHERES: Record<string, { axis: Axis; sign: -1 | 1 }> = {
  n: { axis: 'lat', sign: 1 },
  s: { axis: 'lat', sign: -1 },
  e: { axis: 'lon', sign: 1 },
  w: { axis: 'lon', sign: -1 },
  北纬: { axis: 'lat', sign: 1 },
  南纬: { axis: 'lat', sign: -1 },
  东经: { axis: 'lon', sign: 1 },
  西经: { axis: 'lon', sign: -1 },
  東經: { axis: 'lon', sign: 1 },
  西經: { axis: 'lon', sign: -1 },
  北緯: { axis: 'lat', sign: 1 },
  南緯: { axis: 'lat', sign: -1 },
};

const UNITS: Record<string, 'deg' | 'min' | 'sec'> = {
  '°': 'deg',
  度: 'deg',
  "'": 'min',
  '′': 'min',
  '’': 'min',
  '‘': 'min',
  分: 'min',
  "''": 'sec',
  '"': 'sec',
  '″': 'sec',
  '”': 'sec',
  '“': 'sec',
  秒: 'sec',
};

/** One token at a time, sticky: a token starts where the previous one ended, or nothing matches. */
const TOKEN =
  /\s*(?:(北纬|南纬|东经|西经|東經|西經|北緯|南緯|[NSEWnsew](?![A-Za-z]))|([-+−]?)(\d+(?:\.\d+)?)|(°|度|''|"|″|”|“|秒|'|′|’|‘|分)|([,;，；/|]))\s*/y;

/**
 * NFKC (full-width digits and letters), degree signs first: NFKC turns º (the ordinal
 * sign, typed for ° on Spanish and Portuguese keyboards) into "o" and ˚ (ring above)
 * into a blank and a combining ring. NFKC also turns ″ into two primes: a doubled
 * prime is read back as seconds.
 */
function prepare(text: string): string {
  return text.replace(/[º˚]/g, '°').normalize('NFKC').replace(/′′|’’/g, '″');
}

function tokenize(text: string): Token[] | null {
  const src = prepare(text); // blanks around tokens are part of them
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) return null;
    const [, hemi, sign, num, unit] = m;
    if (hemi) tokens.push({ kind: 'hemi', ...HEMISPHERES[hemi.toLowerCase()]! });
    else if (num !== undefined) {
      const [, fraction = ''] = num.split('.');
      tokens.push({
        kind: 'num',
        value: Number(num),
        decimals: fraction.length,
        sign: sign === '-' || sign === '−' ? -1 : 1,
      });
    } else if (unit) tokens.push({ kind: 'unit', unit: UNITS[unit]! });
    else tokens.push({ kind: 'sep' }); // the one group left
  }
  return tokens;
}

/** One coordinate from its tokens: [hemi] num [unit] [num [unit] [num [unit]]] [hemi]. */
function coordinateOf(tokens: Token[]): ParsedCoordinate | null {
  let axis: Axis | null = null;
  let sign: -1 | 1 = 1;
  let negative = false;
  const parts: { value: number; decimals: number; unit: 'deg' | 'min' | 'sec' | null }[] = [];
  for (const t of tokens) {
    if (t.kind === 'hemi') {
      if (axis !== null) return null;
      axis = t.axis;
      sign = t.sign;
    } else if (t.kind === 'num') {
      if (t.sign === -1) {
        if (parts.length > 0) return null;
        negative = true;
      }
      parts.push({ value: t.value, decimals: t.decimals, unit: null });
    } else if (t.kind === 'unit') {
      const last = parts[parts.length - 1];
      if (!last || last.unit !== null) return null;
      last.unit = t.unit;
    } else return null;
  }
  // (A fourth part finds no unit left after seconds and is refused below.)
  if (parts.length === 0) return null;
  // A minus sign and a hemisphere letter together contradict or repeat each other.
  if (negative && axis !== null) return null;
  if (negative) sign = -1;
  // Unmarked parts are degrees, minutes, seconds in order.
  const order = ['deg', 'min', 'sec'] as const;
  let degrees = 0;
  let expected = 0;
  let unitDegrees = 1;
  for (const p of parts) {
    const unit = p.unit ?? order[expected];
    const index = order.indexOf(unit as (typeof order)[number]);
    if (index < expected) return null;
    if (index > 0 && p.value >= 60) return null;
    // Only the last part may carry decimals.
    if (p !== parts[parts.length - 1] && p.decimals > 0) return null;
    const scale = index === 0 ? 1 : index === 1 ? 60 : 3600;
    degrees += p.value / scale;
    unitDegrees = 10 ** -p.decimals / scale;
    expected = index + 1;
  }
  // Sums of minutes and seconds carry float noise; 1e-7° is about 1 cm.
  return { value: Math.round(sign * degrees * 1e7) / 1e7, axis, unitDegrees };
}

/** Splits tokens into two coordinates: by separator, by hemisphere markers, or by count. */
function splitPair(tokens: Token[]): [Token[], Token[]] | null {
  // Two separators or more leave one inside a coordinate, which coordinateOf refuses.
  const seps = tokens.filter((t) => t.kind === 'sep').length;
  if (seps === 1) {
    const i = tokens.findIndex((t) => t.kind === 'sep');
    return [tokens.slice(0, i), tokens.slice(i + 1)];
  }
  const hemis = tokens.flatMap((t, i) => (t.kind === 'hemi' ? [i] : []));
  if (hemis.length === 2) {
    const [h1, h2] = hemis as [number, number];
    if (h1 === 0) return [tokens.slice(0, h2), tokens.slice(h2)]; // N34 15.66 E108 56.52
    if (h2 === tokens.length - 1) return [tokens.slice(0, h1 + 1), tokens.slice(h1 + 1)]; // 34 15 N 108 56 E
    return null;
  }
  // Two tokens: one each (two plain numbers; any other two cannot make a pair).
  if (tokens.length === 2) return [tokens.slice(0, 1), tokens.slice(1)];
  // 34°15'39.6" 108°56'31.2": a second degree mark starts the second coordinate.
  // Stryker disable next-line ConditionalExpression: only unit tokens have a unit
  const degreeMarks = tokens.flatMap((t, i) => (t.kind === 'unit' && t.unit === 'deg' ? [i] : []));
  // Stryker disable next-line ConditionalExpression: with fewer marks a part is empty, with more one holds two degree marks: coordinateOf refuses both
  if (hemis.length === 0 && degreeMarks.length === 2) {
    const start = degreeMarks[1]! - 1;
    return [tokens.slice(0, start), tokens.slice(start)];
  }
  return null;
}

const accuracyOf = (unitDegrees: number) => 0.5 * unitDegrees * METERS_PER_DEGREE * Math.SQRT2;

/** A coordinate pair from text, or null when the text is not one. */
export function parsePoint(text: string): ParsedPoint | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  const pair = splitPair(tokens);
  if (!pair) return null;
  const a = coordinateOf(pair[0]);
  const b = coordinateOf(pair[1]);
  if (!a || !b) return null;
  // Plain numbers without a mark, a decimal point or a letter are not coordinates ("34 108").
  const marked = tokens.some((t) => (t.kind === 'num' ? t.decimals > 0 : t.kind !== 'sep'));
  if (!marked) return null;
  let lat = a;
  let lon = b;
  let axesFromLetters = false;
  if (a.axis && b.axis) {
    if (a.axis === b.axis) return null;
    if (a.axis === 'lon') [lat, lon] = [b, a];
    axesFromLetters = true;
  } else if (a.axis === 'lon' || b.axis === 'lat') {
    [lat, lon] = [b, a];
    axesFromLetters = true;
  }
  return {
    lat: lat.value,
    lon: lon.value,
    impliedAccuracyMeters: accuracyOf(Math.max(lat.unitDegrees, lon.unitDegrees)),
    axesFromLetters,
  };
}

/** One coordinate (a `lat` or `lon` field written as text). */
export function parseCoordinate(text: string): ParsedCoordinate | null {
  const tokens = tokenize(text);
  return tokens && coordinateOf(tokens);
}

/** Accuracy implied by the digits of a number as JSON wrote it (34.261 → 3 decimals). */
export function impliedAccuracyOfNumber(value: number): number {
  const text = String(Math.abs(value));
  if (text.includes('e')) return 0;
  const [, fraction = ''] = text.split('.');
  return accuracyOf(10 ** -fraction.length);
}

/**
 * One coordinate inside free text: [hemisphere] degrees [°] [minutes ′ [seconds ″]]
 * [hemisphere]. Every \s* comes right after a required token, so blanks can be
 * matched one way only: adjacent optional blanks (`\s*(?:°)?\s*`) made a
 * 500-character run of spaces take minutes to reject.
 */
const EMBEDDED_COORDINATE = String.raw`(?:(?:北纬|南纬|东经|西经|[NSEW])\s?)?[-−]?\d{1,3}(?:\.\d+)?(?:\s*(?:°|度))?(?:\s*\d{1,2}(?:\.\d+)?\s*['′’分](?:\s*\d{1,2}(?:\.\d+)?(?:\s*(?:"|″|”|''|秒))?)?)?(?:\s*[NSEW])?`;
/** Digits, decimal point and hemisphere letters anywhere in free text: a coordinate pair inside a sentence. */
const EMBEDDED = new RegExp(
  `${EMBEDDED_COORDINATE}(?:\\s*[,;，/]\\s*|\\s+)${EMBEDDED_COORDINATE}`,
  'gu',
);

/**
 * A coordinate pair written somewhere in free text ("north gate, 34.2610 108.9420"),
 * with the rest of the text (the part that may name a place).
 */
export function findPointInText(text: string): { point: ParsedPoint; rest: string } | null {
  const whole = parsePoint(text);
  if (whole) return { point: whole, rest: '' };
  // Not `prepare`: inside a sentence, º is more often an ordinal ("5, 1º, 40.41 -3.70").
  const src = text.normalize('NFKC').replace(/′′|’’/g, '″');
  for (const m of src.matchAll(EMBEDDED)) {
    const point = parsePoint(m[0]);
    if (point) {
      const rest = src.slice(0, m.index) + ' ' + src.slice(m.index + m[0].length);
      return { point, rest: rest.replace(/^[\s,;，；:：-]+|[\s,;，；:：-]+$/g, '') };
    }
  }
  return null;
}
