import { describe, expect, it } from 'vitest';
import { normalizeClaims } from './normalize-report.js';
import { normalizePlace } from './place.js';
import { normalizeTime } from './time.js';

const utc = (iso: string) => Date.parse(iso);

describe('normalizeTime', () => {
  it('reads an ISO time with an offset as a UTC instant', () => {
    const { time, flags } = normalizeTime({ observedAt: '2026-11-20T21:10:00+08:00' });
    expect(flags).toEqual([]);
    expect(time?.from).toBe(utc('2026-11-20T13:10:00Z'));
    expect(time?.to).toBe(time?.from);
    expect(time?.zoneSource).toBe('offset');
  });

  it('places a local time in the given IANA zone', () => {
    const { time } = normalizeTime({
      observedAt: '2026-11-20T21:10:00',
      timezone: 'Asia/Shanghai',
    });
    expect(time?.from).toBe(utc('2026-11-20T13:10:00Z'));
    expect(time?.timezone).toBe('Asia/Shanghai');
    expect(time?.zoneSource).toBe('timezone');
    expect(time?.local).toBe('2026-11-20T21:10:00');
  });

  it('applies daylight saving time of the zone', () => {
    const summer = normalizeTime({ observedAt: '2026-07-01T12:00', timezone: 'America/New_York' });
    const winter = normalizeTime({ observedAt: '2026-01-01T12:00', timezone: 'America/New_York' });
    expect(summer.time?.from).toBe(utc('2026-07-01T16:00:00Z'));
    expect(winter.time?.from).toBe(utc('2026-01-01T17:00:00Z'));
  });

  it('widens the interval by the stated precision', () => {
    const { time } = normalizeTime({ observedAt: '2026-11-20T13:10:00Z', precisionSeconds: 300 });
    expect(time?.from).toBe(utc('2026-11-20T13:05:00Z'));
    expect(time?.to).toBe(utc('2026-11-20T13:15:00Z'));
  });

  it('keeps a local time without zone as local and flags it', () => {
    const { time, flags } = normalizeTime({ observedAt: '2026-11-20T21:10' });
    expect(flags).toEqual(['time.zone_unknown']);
    expect(time).toMatchObject({
      from: null,
      to: null,
      local: '2026-11-20T21:10:00',
      timezone: null,
    });
  });

  it('reads a bare date as the whole local day', () => {
    const { time } = normalizeTime({ observedAt: '2026-11-20', timezone: 'Asia/Shanghai' });
    expect(time?.from).toBe(utc('2026-11-19T16:00:00Z'));
    expect(time?.to).toBe(utc('2026-11-20T16:00:00Z'));
  });

  it('flags what it cannot read instead of guessing', () => {
    expect(normalizeTime({ observedAt: 'last tuesday-ish' }).flags).toEqual(['time.unparsed']);
    expect(normalizeTime({ observedAt: '2026-02-30T10:00:00Z' }).flags).toEqual(['time.unparsed']);
    expect(normalizeTime({ observedAt: '2026-02-30T10:00' }).flags).toEqual(['time.unparsed']);
  });

  it('has nothing to say when no time was given', () => {
    expect(normalizeTime({})).toEqual({ time: null, flags: [] });
  });
});

describe('normalizePlace', () => {
  it('keeps a point with its accuracy', () => {
    expect(normalizePlace({ location: { lat: 34.261, lon: 108.942, accuracyMeters: 50 } })).toEqual(
      {
        place: { lat: 34.261, lon: 108.942, accuracyMeters: 50, text: null },
        flags: [],
      },
    );
  });

  it('flags (0, 0) and does not use it as a point', () => {
    const r = normalizePlace({ location: { lat: 0, lon: 0 } });
    expect(r.flags).toEqual(['place.null_island']);
    expect(r.place).toBeNull();
  });

  it('flags out-of-range coordinates but keeps the text', () => {
    const r = normalizePlace({ location: { lat: 108.9, lon: 34.2, text: 'north gate' } });
    expect(r.flags).toEqual(['place.out_of_range', 'place.unresolved']);
    expect(r.place).toEqual({ lat: null, lon: null, accuracyMeters: null, text: 'north gate' });
  });

  it('marks text-only places as unresolved', () => {
    expect(normalizePlace({ location: { text: 'near the bridge' } }).flags).toEqual([
      'place.unresolved',
    ]);
  });
});

describe('normalizeClaims', () => {
  it('joins the flags of time and place', () => {
    const n = normalizeClaims({ observedAt: '21:10 yesterday', location: { lat: 0, lon: 0 } });
    expect(n.flags).toEqual(['time.unparsed', 'place.null_island']);
  });
});
