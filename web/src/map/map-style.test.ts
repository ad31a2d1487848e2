import { describe, expect, it } from 'vitest';
import { buildStyle, CLICKABLE, clusterRadiusPx } from './map-style.js';

describe('clusterRadiusPx', () => {
  it('follows the style’s stops, linear between them, flat beyond', () => {
    expect(clusterRadiusPx(1)).toBe(10);
    expect(clusterRadiusPx(10)).toBe(14);
    expect(clusterRadiusPx(55)).toBe(17);
    expect(clusterRadiusPx(10000)).toBe(34);
    expect(clusterRadiusPx(1e9)).toBe(34);
    expect(clusterRadiusPx(0)).toBe(10);
  });
});

describe('buildStyle', () => {
  const style = buildStyle(null);
  const order = style.layers.map((l) => l.id);

  it('asks nothing of a glyph server or a sprite', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('draws single items over every cluster, clusters over circles, circles over heat', () => {
    const last = (prefix: string) =>
      Math.max(...order.flatMap((id, i) => (id.endsWith(prefix) ? [i] : [])));
    const first = (prefix: string) => order.findIndex((id) => id.endsWith(prefix));
    expect(last('-heat')).toBeLessThan(first('-radius-fill'));
    expect(last('-radius-line')).toBeLessThan(first('-clusters'));
    expect(last('-clusters')).toBeLessThan(first('-items'));
  });

  it('lets a click pick from every cluster and item layer, and only those', () => {
    expect([...CLICKABLE].sort()).toEqual(
      order.filter((id) => id.endsWith('-clusters') || id.endsWith('-items')).sort(),
    );
  });

  it('puts street tiles between land and borders', () => {
    const withTiles = buildStyle({
      type: 'raster',
      tiles: ['/t/{z}/{x}/{y}.png'],
      attribution: 'x',
    });
    const ids = withTiles.layers.map((l) => l.id);
    expect(ids.indexOf('street')).toBeGreaterThan(ids.indexOf('land'));
    expect(ids.indexOf('street')).toBeLessThan(ids.indexOf('borders'));
  });
});
