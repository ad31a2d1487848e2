import { describe, expect, it } from 'vitest';
import { parseViewHash, viewHash } from './view-hash.js';

describe('parseViewHash', () => {
  it('reads zoom, latitude and longitude', () => {
    expect(parseViewHash('#/map/12/34.3416/108.9398')).toEqual({
      zoom: 12,
      lat: 34.3416,
      lon: 108.9398,
    });
  });

  it('names no view for the bare map route or a malformed one', () => {
    expect(parseViewHash('#/map')).toBeNull();
    expect(parseViewHash('#/map/12/34')).toBeNull();
    expect(parseViewHash('#/map/x/1/2')).toBeNull();
    expect(parseViewHash('#/map/1.2.3/1/2')).toBeNull();
    expect(parseViewHash('#/queue/1/2/3')).toBeNull();
  });

  it('refuses a zoom or latitude off the map', () => {
    expect(parseViewHash('#/map/21/0/0')).toBeNull();
    expect(parseViewHash('#/map/-1/0/0')).toBeNull();
    expect(parseViewHash('#/map/3/90.5/0')).toBeNull();
  });

  it('brings a longitude round the world back into [−180, 180)', () => {
    expect(parseViewHash('#/map/3/10/190')!.lon).toBe(-170);
    expect(parseViewHash('#/map/3/10/-180')!.lon).toBe(-180);
  });
});

describe('viewHash', () => {
  it('writes what parseViewHash reads, rounded', () => {
    const hash = viewHash({ zoom: 12.3456, lat: 34.341634, lon: 468.939849 });
    expect(hash).toBe('#/map/12.35/34.34163/108.93985');
    expect(parseViewHash(hash)).toEqual({ zoom: 12.35, lat: 34.34163, lon: 108.93985 });
  });
});
