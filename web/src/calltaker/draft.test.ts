import { describe, expect, it } from 'vitest';
import { distanceParts, draftOf, durationParts, EMPTY_CALL, percentOf, reportOf } from './draft.js';

describe('the call-taker’s form as a draft and as a report', () => {
  const filled = {
    ...EMPTY_CALL,
    narrative: 'A drone fell behind the north gate.',
    when: 'about ten last night',
    place: 'north gate',
    lat: '34.2610',
    lon: '108.9420',
    accuracy: '50',
    howKnown: 'saw',
    phone: '+86 138 0013 8000',
  };

  it('never puts the caller’s number in the draft it has scored', () => {
    const draft = draftOf(filled);
    expect(JSON.stringify(draft)).not.toContain('138');
    expect(draft).toEqual({
      channel: 'phone',
      narrative: 'A drone fell behind the north gate.',
      observedAt: 'about ten last night',
      location: { lat: 34.261, lon: 108.942, accuracyMeters: 50, text: 'north gate' },
      howKnown: 'saw',
    });
  });

  it('sends the number with the report, as the caller said it', () => {
    expect(reportOf(filled).caller).toEqual({ phone: '+86 138 0013 8000' });
    expect(reportOf({ ...filled, phone: ' ' }).caller).toBeUndefined();
  });

  it('scores an empty form as an empty draft, and sends an empty narrative for the server to name', () => {
    expect(draftOf(EMPTY_CALL)).toEqual({ channel: 'phone' });
    expect(reportOf(EMPTY_CALL)).toEqual({ channel: 'phone', narrative: '' });
  });
});

describe('how a ± reads', () => {
  it('takes the largest readable unit', () => {
    expect(durationParts(30)).toEqual({ unit: 's', n: 30 });
    expect(durationParts(300)).toEqual({ unit: 'min', n: 5 });
    expect(durationParts(3600)).toEqual({ unit: 'h', n: 1 });
    expect(durationParts(5400)).toEqual({ unit: 'h', n: 1.5 });
    expect(durationParts(3 * 3600)).toEqual({ unit: 'h', n: 3 });
    expect(durationParts(3 * 86_400)).toEqual({ unit: 'd', n: 3 });
    expect(distanceParts(50)).toEqual({ unit: 'm', n: 50 });
    expect(distanceParts(25_000)).toEqual({ unit: 'km', n: 25 });
    expect(percentOf(0.6234)).toBe(62);
  });
});
