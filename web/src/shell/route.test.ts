import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './route.js';

describe('parseRoute', () => {
  it('reads each view and falls back to the queue', () => {
    expect(parseRoute('#/map')).toEqual({ view: 'map' });
    expect(parseRoute('#/call')).toEqual({ view: 'call' });
    expect(parseRoute('#/incident/inc_1')).toEqual({ view: 'incident', id: 'inc_1' });
    expect(parseRoute('#/incident/')).toEqual({ view: 'queue' });
    expect(parseRoute('#/incident/a/b')).toEqual({ view: 'queue' });
    expect(parseRoute('#/incident/%E0%A4%A')).toEqual({ view: 'queue' });
    expect(parseRoute('')).toEqual({ view: 'queue' });
    expect(parseRoute('#/nothing')).toEqual({ view: 'queue' });
  });
  it('round-trips an id with characters that need escaping', () => {
    const id = 'a/b c?<x>';
    expect(parseRoute(hrefOf({ view: 'incident', id }))).toEqual({ view: 'incident', id });
  });
});
