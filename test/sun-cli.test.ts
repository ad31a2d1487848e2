/**
 * `tipwire sun` through the real binary (dist/cli/main.js): the NREL SPA reference case,
 * a night photo, a measured shadow checked and chronolocated, and bad options named.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const SPA = ['--lat', '39.742476', '--lon', '-105.1786', '--time', '2003-10-17T12:30:30-07:00'];
const XIAN = ['--lat', '34.261', '--lon', '108.942'];

function sun(args: string[], env: Record<string, string> = {}) {
  const r = runCli(['sun', ...args], env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown> & {
    azimuth: number;
    altitude: number;
    findings: { code: string; evidence: Record<string, unknown> }[];
  };
}

describe('tipwire sun', () => {
  it('prints the sun at the NREL SPA reference case within 0.01° (zenith 50.11162°, azimuth 194.340241°)', () => {
    const out = sun(SPA);
    expect(out.time).toBe('2003-10-17T19:30:30.000Z');
    expect(Math.abs(90 - out.altitude - 50.11162)).toBeLessThan(0.01);
    expect(Math.abs(out.azimuth - 194.340241)).toBeLessThan(0.01);
    expect(out.night).toBe(false);
    expect(out.nightAltitude).toBe(-6);
    const shadow = out.shadow as { bearing: number; lengthRatio: number };
    expect(shadow.bearing).toBeCloseTo(out.azimuth - 180, 9);
    expect(shadow.lengthRatio).toBeCloseTo(1 / Math.tan((out.altitude * Math.PI) / 180), 9);
    expect(out.findings).toEqual([]);
    expect(out.chronolocation).toBeUndefined();
  });

  it('finds a photo said to show daylight at 21:10 in Xi’an in November: night', () => {
    const out = sun([...XIAN, '--time', '2026-11-20T21:10:00+08:00', '--daylight']);
    expect(out.night).toBe(true);
    expect(out.shadow).toBeNull();
    expect(out.findings.map((f) => f.code)).toEqual(['sun.night_photo']);
  });

  it('reads the night altitude from TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES', () => {
    // 17:55 in Xi'an on 20 Nov: the sun has set, civil twilight (between 0° and −6°).
    const dusk = [...XIAN, '--time', '2026-11-20T17:55:00+08:00', '--daylight'];
    expect(sun(dusk).findings).toEqual([]);
    const strict = sun(dusk, { TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES: '-0.5' });
    expect(strict.night).toBe(true);
    expect(strict.findings.map((f) => f.code)).toEqual(['sun.night_photo']);
  });

  it('checks a measured shadow and says when that day it would fit', () => {
    const at = [...XIAN, '--time', '2026-11-20T15:00:00+08:00', '--precision', '300'];
    const cast = sun(at).shadow as { bearing: number };
    const fitting = sun([...at, '--bearing', String(cast.bearing)]);
    expect(fitting.findings).toEqual([]);
    const day = fitting.chronolocation as { intervals: { from: string; to: string }[] };
    expect(day.intervals).toHaveLength(1);
    expect(day.intervals[0]!.from < '2026-11-20T07:00:00.000Z').toBe(true);
    expect(day.intervals[0]!.to > '2026-11-20T07:00:00.000Z').toBe(true);

    const off = sun([...at, '--bearing', String(cast.bearing + 20), '--bearing-error', '3']);
    expect(off.measured).toEqual({
      bearing: cast.bearing + 20,
      bearingError: 3,
      lengthRatio: null,
      lengthRatioError: 0.1,
    });
    expect(off.findings.map((f) => f.code)).toEqual(['sun.shadow_mismatch']);
    const later = (off.chronolocation as { intervals: { from: string }[] }).intervals;
    expect(later).toHaveLength(1);
    expect(later[0]!.from > '2026-11-20T07:05:00.000Z').toBe(true);
  });

  it('takes the object’s height and shadow length as a length ratio', () => {
    const at = [...XIAN, '--time', '2026-11-20T15:00:00+08:00'];
    const cast = sun(at).shadow as { bearing: number; lengthRatio: number };
    const b = String(cast.bearing);
    const right = sun([
      ...at,
      '--bearing',
      b,
      '--height',
      '2',
      '--length',
      String(2 * cast.lengthRatio),
    ]);
    expect(right.findings).toEqual([]);
    expect((right.measured as { lengthRatio: number }).lengthRatio).toBeCloseTo(
      cast.lengthRatio,
      9,
    );
    const long = sun([
      ...at,
      '--bearing',
      b,
      '--height',
      '2',
      '--length',
      String(4 * cast.lengthRatio),
    ]);
    expect(long.findings.map((f) => f.code)).toEqual(['sun.shadow_mismatch']);
  });

  it('chronolocates over a year when the date is unknown', () => {
    const at = ['--lat', '48.85', '--lon', '2.35', '--time', '2026-06-21T15:00:00Z'];
    const cast = sun(at).shadow as { bearing: number; lengthRatio: number };
    const out = sun([
      ...at,
      '--bearing',
      String(cast.bearing),
      '--bearing-error',
      '1',
      '--height',
      '1',
      '--length',
      String(cast.lengthRatio),
      '--length-error',
      '0.01',
      '--date-unknown',
    ]);
    const year = out.year as {
      dateRanges: { from: string; to: string }[];
      days: { date: string; intervals: { from: string; to: string }[] }[];
    };
    expect(year.dateRanges).toHaveLength(1);
    expect(year.dateRanges[0]!.from < '2026-06-21').toBe(true);
    expect(year.dateRanges[0]!.to > '2026-06-21').toBe(true);
    const solstice = year.days.find((d) => d.date === '2026-06-21')!;
    expect(solstice.intervals[0]!.from < '2026-06-21T15:00:00.000Z').toBe(true);
  });
});

describe('tipwire sun: bad options, named, exit ≠ 0', () => {
  const fails = (args: string[], message: string | RegExp) => {
    const r = runCli(['sun', ...args]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  };

  it('a latitude or longitude out of range, or not a number', () => {
    fails(
      ['--lat', '95', '--lon', '0', '--time', '2026-01-01T00:00:00Z'],
      /option '--lat <degrees>' argument '95' is invalid/,
    );
    fails(
      ['--lat', '0', '--lon', 'east', '--time', '2026-01-01T00:00:00Z'],
      /option '--lon <degrees>' argument 'east' is invalid/,
    );
  });

  it('a time without its offset', () => {
    fails(
      ['--lat', '0', '--lon', '0', '--time', '2026-01-01T12:00:00'],
      /'--time <iso>' argument '2026-01-01T12:00:00' is invalid. must be an ISO 8601 time with its UTC offset or Z/,
    );
    fails(['--lat', '0', '--lon', '0', '--time', 'yesterday'], /'--time <iso>'/);
    fails(
      ['--lat', '0', '--lon', '0', '--time', '2026-02-30T12:00:00Z'],
      /'--time <iso>' argument '2026-02-30T12:00:00Z' is invalid/,
    );
    fails(['--lat', '0', '--lon', '0', '--time', '2026-01-01T25:00:00Z'], /'--time <iso>'/);
  });

  it('a missing option', () => {
    fails(['--lat', '0', '--lon', '0'], /required option '--time <iso>' not specified/);
  });

  it('a height without a length, a length without a height, and shadow options without a bearing', () => {
    const at = ['--lat', '0', '--lon', '0', '--time', '2026-01-01T12:00:00Z'];
    fails([...at, '--bearing', '10', '--height', '2'], 'tipwire: --length is needed with --height');
    fails([...at, '--bearing', '10', '--length', '2'], 'tipwire: --height is needed with --length');
    fails([...at, '--bearing-error', '2'], 'tipwire: --bearing-error needs --bearing');
    fails([...at, '--date-unknown'], 'tipwire: --date-unknown needs --bearing');
  });

  it('a zero height, a bearing error past 180°, a length error of the whole', () => {
    const at = ['--lat', '0', '--lon', '0', '--time', '2026-01-01T12:00:00Z', '--bearing', '10'];
    fails([...at, '--height', '0', '--length', '1'], /'--height <length>' argument '0' is invalid/);
    fails(
      [...at, '--bearing-error', '181'],
      /'--bearing-error <degrees>' argument '181' is invalid/,
    );
    fails([...at, '--length-error', '1'], /'--length-error <fraction>' argument '1' is invalid/);
  });

  it('a bad setting in the environment', () => {
    const r = runCli(['sun', ...SPA], { TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES: '5' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES: must be at most 0');
  });
});
