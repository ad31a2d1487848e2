import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  compact,
  coordinateOf,
  issuesByField,
  issueText,
  locationOf,
  OTHER_CATEGORY,
  randomKey,
  textOf,
  wallClockOf,
} from './report-body.js';

const t = { required: 'error.required', tooLong: (max: number) => `error.tooLong:${max}` };

describe('the Report JSON from a form', () => {
  it('leaves out what was not typed', () => {
    expect(textOf('  ')).toBeUndefined();
    expect(textOf(' north gate ')).toBe('north gate');
    expect(compact({ a: 1, b: undefined, c: '' })).toEqual({ a: 1, c: '' });
  });

  it('sends decimal coordinates as numbers and anything else as text for the server', () => {
    expect(coordinateOf(' 34.261 ')).toBe(34.261);
    expect(coordinateOf('-0.5')).toBe(-0.5);
    expect(coordinateOf(`34°15'39.6"N`)).toBe(`34°15'39.6"N`);
  });

  it('makes the location from coordinates, a place name, or nothing', () => {
    expect(locationOf({ place: '' })).toBeUndefined();
    expect(locationOf({ place: ' Xi’an north gate ' })).toBe('Xi’an north gate');
    expect(locationOf({ place: 'north gate', accuracy: '200' })).toEqual({
      text: 'north gate',
      accuracyMeters: 200,
    });
    expect(locationOf({ place: 'gate', lat: '34.26', lon: '108.94', accuracy: '50' })).toEqual({
      lat: 34.26,
      lon: 108.94,
      accuracyMeters: 50,
      text: 'gate',
    });
    // One coordinate alone goes as it is: the server names the missing one.
    expect(locationOf({ place: '', lat: '34.26', lon: '' })).toEqual({ lat: 34.26 });
  });

  it('takes the category from the list, or the text beside "something else"', () => {
    expect(categoryOf('drone', 'ignored')).toBe('drone');
    expect(categoryOf(OTHER_CATEGORY, ' kite ')).toBe('kite');
    expect(categoryOf(OTHER_CATEGORY, '')).toBeUndefined();
    expect(categoryOf('', '')).toBeUndefined();
  });

  it('makes a new idempotency key for each body', () => {
    expect(randomKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(randomKey());
  });

  it('sends a picked date and time as wall-clock time, without an offset', () => {
    expect(wallClockOf('2026-11-20T21:10')).toBe('2026-11-20T21:10:00');
    expect(wallClockOf('yesterday')).toBe('yesterday');
  });
});

describe('the server’s field errors on the form', () => {
  it('sorts issues by the form field they belong to', () => {
    const sorted = issuesByField([
      { path: 'narrative', message: 'is required' },
      { path: 'location.lon', message: 'is required' },
      { path: 'attachments.0.filename', message: 'x' },
      { path: '', message: 'the body must be a JSON object' },
    ]);
    expect(Object.keys(sorted)).toEqual(['narrative', 'location', 'attachments', 'form']);
  });

  it('says a missing field and a text too long in the page’s language, else the server’s words', () => {
    expect(issueText({ path: 'narrative', message: 'is required' }, t)).toBe('error.required');
    expect(
      issueText(
        { path: 'narrative', message: 'must be at most 500 characters (UTF-16 code units)' },
        t,
      ),
    ).toBe('error.tooLong:500');
    expect(issueText({ path: 'location.lon', message: 'is required' }, t)).toBe(
      'lon: error.required',
    );
    expect(issueText({ path: 'attachments.0.filename', message: 'odd' }, t)).toBe('filename: odd');
  });
});
