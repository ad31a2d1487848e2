/**
 * Export formats as streaming generators: JSONL (one object a line), CSV
 * (RFC 4180, with spreadsheet-formula neutralising) and a GeoJSON FeatureCollection.
 */

export function* jsonl(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield JSON.stringify(item) + '\n';
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) is prefixed with `'` (OWASP's CSV-injection advice); numbers
 * are written as numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function* csv<T>(
  columns: readonly { header: string; value: (item: T) => CsvValue }[],
  items: Iterable<T>,
): Generator<string> {
  yield columns.map((c) => csvCell(c.header)).join(',') + '\r\n';
  for (const item of items) yield columns.map((c) => csvCell(c.value(item))).join(',') + '\r\n';
}

export interface Feature {
  point: { lat: number; lon: number } | null;
  properties: Record<string, unknown>;
}

/** RFC 7946: coordinates are [longitude, latitude]; a feature without a place has null geometry. */
export function* geojson(features: Iterable<Feature>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const f of features) {
    const geometry = f.point ? { type: 'Point', coordinates: [f.point.lon, f.point.lat] } : null;
    yield (
      (first ? '\n' : ',\n') +
      JSON.stringify({ type: 'Feature', geometry, properties: f.properties })
    );
    first = false;
  }
  yield '\n]}\n';
}
