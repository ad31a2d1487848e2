import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  compact,
  coordinateOf,
  issuesByField,
  issueText,
  locationOf,
  OTHER_CATEGORY,
  textOf,
  wallClockOf,
} from './report-body.js';
import {
  attachmentBudget,
  base64OfBytes,
  contentTypeOf,
  fits,
  formatBytes,
  jsonBytes,
  randomKey,
} from './attachments.js';

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

describe('files in the body', () => {
  it('leaves room for the rest of the report and the base64 growth', () => {
    expect(attachmentBudget(1024 * 1024)).toBe(((1024 * 1024 - 16 * 1024) * 3) / 4);
    expect(attachmentBudget(1024)).toBe(0);
    expect(fits([{ size: 100 }], 50, 150)).toBe(true);
    expect(fits([{ size: 100 }], 51, 150)).toBe(false);
  });

  it('encodes bytes as standard base64, large ones too', () => {
    expect(base64OfBytes(new TextEncoder().encode('tipwire'))).toBe('dGlwd2lyZQ==');
    const big = new Uint8Array(200_000).fill(255);
    expect(base64OfBytes(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('counts the body in UTF-8 bytes, as the server does', () => {
    expect(jsonBytes({ n: '无人机' })).toBe(JSON.stringify({ n: '' }).length + 9);
  });

  it('names an unknown media type generically and formats sizes', () => {
    expect(contentTypeOf('')).toBe('application/octet-stream');
    expect(contentTypeOf('image/jpeg')).toBe('image/jpeg');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(774_144, 'en')).toBe('756 KB');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3 MB');
    expect(randomKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
