import { describe, expect, it } from 'vitest';
import { tilesOrigin, tilesSource, TILES_PATH } from './tiles.js';

describe('an operator’s tiles', () => {
  it('is none when the setting is unset', () => {
    expect(tilesSource(undefined, 'x')).toBeNull();
    expect(tilesOrigin(null)).toBeNull();
  });

  it('tells raster and vector templates apart by their extension', () => {
    expect(tilesSource('https://tiles.example.org/{z}/{x}/{y}.png', undefined)).toEqual({
      kind: 'raster',
      url: 'https://tiles.example.org/{z}/{x}/{y}.png',
      attribution: null,
    });
    expect(tilesSource('https://t.example.org/{z}/{x}/{y}.pbf?key=1', '© OSM')?.kind).toBe(
      'vector',
    );
    expect(tilesSource('http://t.example.org/{z}/{x}/{y}.mvt', undefined)?.kind).toBe('vector');
  });

  it('passes a remote archive to the client, and serves a local one itself', () => {
    expect(tilesSource('https://cdn.example.org/planet.pmtiles', undefined)).toMatchObject({
      kind: 'pmtiles',
      url: 'https://cdn.example.org/planet.pmtiles',
      file: null,
    });
    expect(tilesSource('/srv/maps/city.pmtiles', '© city')).toEqual({
      kind: 'pmtiles',
      url: TILES_PATH,
      attribution: '© city',
      file: '/srv/maps/city.pmtiles',
    });
  });

  it('names the origin the workbench must be allowed to load from', () => {
    expect(
      tilesOrigin(tilesSource('https://a.tile.example.org:8443/{z}/{x}/{y}.png', undefined)),
    ).toBe('https://a.tile.example.org:8443');
    expect(tilesOrigin(tilesSource('./city.pmtiles', undefined))).toBeNull();
  });
});
