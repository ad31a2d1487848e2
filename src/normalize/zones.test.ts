import { describe, expect, it } from 'vitest';
import {
  DATE_LIMIT_MS,
  formatLocal,
  InstantOutOfRange,
  isPlaceable,
  LATEST_INSTANT_MS,
  offsetAt,
  readLocal,
  toLocal,
  utcDate,
} from './zones.js';

const DAY = 86_400_000;

describe('zone arithmetic at the ends of the dates', () => {
  it('holds every instant within ±LATEST_INSTANT_MS, two days inside the Date range', () => {
    expect(LATEST_INSTANT_MS).toBe(DATE_LIMIT_MS - 2 * DAY);
    expect(isPlaceable(LATEST_INSTANT_MS)).toBe(true);
    expect(isPlaceable(-LATEST_INSTANT_MS)).toBe(true);
    expect(isPlaceable(LATEST_INSTANT_MS + 1)).toBe(false);
    expect(isPlaceable(Number.NaN)).toBe(false);
    expect(isPlaceable(-Infinity)).toBe(false);
  });

  it('reads a wall-clock time at the very ends, in the zones furthest from UTC', () => {
    for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/New_York', 'Asia/Shanghai']) {
      for (const local of [LATEST_INSTANT_MS, -LATEST_INSTANT_MS]) {
        const r = readLocal(local, zone);
        expect(r.readings.every((x) => Number.isFinite(x.at))).toBe(true);
        expect(Number.isFinite(toLocal(r.readings[0]!.at, zone))).toBe(true);
      }
    }
  });

  it('throws InstantOutOfRange (never NaN or a bare RangeError) beyond them', () => {
    expect(() => readLocal(LATEST_INSTANT_MS + 1, 'UTC')).toThrow(InstantOutOfRange);
    expect(() => readLocal(Number.NaN, 'UTC')).toThrow(InstantOutOfRange);
    expect(() => offsetAt('Pacific/Kiritimati', DATE_LIMIT_MS)).toThrow(InstantOutOfRange);
    expect(() => offsetAt('UTC', -Infinity)).toThrow(InstantOutOfRange);
    expect(() => formatLocal(DATE_LIMIT_MS + 1)).toThrow(InstantOutOfRange);
  });

  it('formats years outside 0000–9999 in full', () => {
    expect(formatLocal(-LATEST_INSTANT_MS)).toBe('-271821-04-22T00:00:00');
    expect(formatLocal(LATEST_INSTANT_MS)).toBe('+275760-09-11T00:00:00');
    expect(formatLocal(Date.UTC(2026, 10, 20, 21, 10))).toBe('2026-11-20T21:10:00');
  });
});

describe('utcDate', () => {
  it('reads years 0–99 as themselves', () => {
    expect(new Date(utcDate(50, 2, 1)).toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(new Date(utcDate(0, 0)).toISOString()).toBe('0000-01-01T00:00:00.000Z');
    expect(new Date(utcDate(99, 12)).toISOString()).toBe('0100-01-01T00:00:00.000Z');
    expect(new Date(utcDate(100, -1)).toISOString()).toBe('0099-12-01T00:00:00.000Z');
  });

  it('is −∞ or +∞ beyond the Date range, by the side it fell out', () => {
    expect(utcDate(-271821, 0)).toBe(-Infinity);
    expect(utcDate(275761, 0)).toBe(Infinity);
    expect(utcDate(2026, -1e12)).toBe(-Infinity);
    expect(utcDate(Number.NaN, 0)).toBeNaN();
  });
});
