import { describe, expect, it } from 'vitest';
import {
  answerOf,
  distanceParts,
  draftOf,
  durationParts,
  EMPTY_CALL,
  isAnswerable,
  percentOf,
  reportOf,
} from './draft.js';

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

describe('an answer to a next question after sending', () => {
  it('answers only the fields the server takes after sending', () => {
    expect(
      ['observedAt', 'timezone', 'location', 'howKnown', 'subjects', 'category'].every(
        isAnswerable,
      ),
    ).toBe(true);
    expect(isAnswerable('narrative')).toBe(false);
    expect(isAnswerable('attachments')).toBe(false);
  });

  it('sends the one field asked about, as the form would have sent it', () => {
    const f = {
      ...EMPTY_CALL,
      when: ' about ten last night ',
      place: 'river bridge',
      lat: '34.2610',
      lon: '108.9420',
      accuracy: '10',
      category: '__other__',
      categoryOther: ' kite ',
      phone: '+86 138 0013 8000',
    };
    expect(answerOf('observedAt', f)).toEqual({ observedAt: 'about ten last night' });
    expect(answerOf('location', f)).toEqual({
      location: { lat: 34.261, lon: 108.942, accuracyMeters: 10, text: 'river bridge' },
    });
    expect(answerOf('category', f)).toEqual({ category: 'kite' });
    expect(JSON.stringify(answerOf('location', f))).not.toContain('138');
  });

  it('has no answer when nothing was given', () => {
    expect(answerOf('subjects', { ...EMPTY_CALL, subjects: '  ' })).toBeNull();
    expect(answerOf('howKnown', EMPTY_CALL)).toBeNull();
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
