import { describe, expect, it } from 'vitest';
import { loadBaseLayer, type BaseResolution } from './base-layer.js';

type Position = [number, number];
interface Layer {
  features: { properties: { layer: string }; geometry: { type: string; coordinates: unknown } }[];
}

/** Every line of the layer, rings and border lines alike. */
function lines(layer: Layer): Position[][] {
  return layer.features.flatMap(({ geometry: g }) => {
    if (g.type === 'MultiPolygon') return (g.coordinates as Position[][][]).flat();
    if (g.type === 'Polygon' || g.type === 'MultiLineString') return g.coordinates as Position[][];
    return [g.coordinates as Position[]];
  });
}

describe.each<BaseResolution>(['110m', '50m'])('the %s base layer', (resolution) => {
  const layer = JSON.parse(loadBaseLayer(resolution).json) as Layer;

  it('has no edge across the map (a jump of more than 180° between points), pole closures aside', () => {
    const long = lines(layer).flatMap((l) =>
      l
        .slice(1)
        .map((p, i) => [l[i]!, p] as const)
        .filter(
          ([a, b]) => Math.abs(b[0] - a[0]) > 180 && !(Math.abs(a[1]) === 90 && a[1] === b[1]),
        ),
    );
    expect(long).toEqual([]);
  });

  it('keeps the shapes that cross 180° (Fiji, Chukotka) whole, continuing past 180°', () => {
    const beyond = lines(layer).filter((l) => l.some(([x]) => x > 180 || x < -180));
    expect(beyond.length).toBeGreaterThan(0);
    // Every ring is closed.
    for (const f of layer.features.filter((f) => f.properties.layer === 'land')) {
      for (const ring of (f.geometry.coordinates as Position[][][]).flat())
        expect(ring[ring.length - 1]).toEqual(ring[0]);
    }
  });
});
