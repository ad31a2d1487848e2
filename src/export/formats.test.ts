import { describe, expect, it } from 'vitest';
import { csv, csvCell, geojson, jsonl } from './formats.js';

const join = (chunks: Iterable<string>) => [...chunks].join('');

describe('csvCell', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
  it('writes numbers as numbers, even negative ones', () => {
    expect(csvCell(-105.1786)).toBe('-105.1786');
    expect(csvCell(null)).toBe('');
  });
});

describe('formats', () => {
  it('writes one JSON object per line', () => {
    expect(join(jsonl([{ a: 1 }, { b: 'x' }]))).toBe('{"a":1}\n{"b":"x"}\n');
  });
  it('writes a CSV header and rows', () => {
    const out = join(
      csv([{ header: 'id', value: (x: { id: string }) => x.id }], [{ id: 'a' }, { id: 'b' }]),
    );
    expect(out).toBe('id\r\na\r\nb\r\n');
  });
  it('writes a valid GeoJSON FeatureCollection with [lon, lat] order', () => {
    const out = JSON.parse(
      join(
        geojson([
          { point: { lat: 34.2, lon: 108.9 }, properties: { id: 'a' } },
          { point: null, properties: { id: 'b' } },
        ]),
      ),
    );
    expect(out.type).toBe('FeatureCollection');
    expect(out.features[0].geometry).toEqual({ type: 'Point', coordinates: [108.9, 34.2] });
    expect(out.features[1].geometry).toBeNull();
  });
  it('writes an empty FeatureCollection for no features', () => {
    expect(JSON.parse(join(geojson([])))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
