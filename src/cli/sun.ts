/**
 * `tipwire sun`: where the sun is at a time and place, as JSON (azimuth clockwise from
 * north, apparent and geometric altitude, degrees), and whether it is night there by
 * TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES. With `--bearing` (and `--height` with `--length`):
 * the shadow a vertical object casts then, the sun checks' findings for a claim of that
 * time ± `--precision`, and chronolocation: when that day the measured shadow is possible,
 * or with `--date-unknown` on which days of that year and when. With `--daylight` the
 * photo is said to show daylight, and sun.night_photo is judged too. The rules are
 * verify/sun/'s; this file only reads the options and prints.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Interval } from '../domain/report.js';
import { sunPosition } from '../verify/sun/position.js';
import { chronolocate, chronolocateYear, expectedShadow, solarDay } from '../verify/sun/shadow.js';
import {
  measurementOf,
  nightPhotoCheck,
  shadowMismatchCheck,
  type SunCheckSubject,
} from '../verify/sun/sun.checks.js';
import { configFrom, ExitError } from './shared.js';

/** A number in [min, max] (or (min, max] when `above`), else commander names the option. */
function numberIn(min: number, max: number, above = false) {
  return (value: string): number => {
    const n = Number(value);
    const low = above ? n > min : n >= min;
    if (value.trim() === '' || !Number.isFinite(n) || !low || n > max)
      throw new InvalidArgumentError(
        `must be a number from ${min}${above ? ' (not included)' : ''} to ${max}`,
      );
    return n;
  };
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Whether the date of an ISO text exists (Date.parse rolls 2026-02-30 over to 2 March). */
function dateExists(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

function instant(value: string): number {
  const at = Date.parse(value);
  if (!ISO_WITH_OFFSET.test(value.trim()) || Number.isNaN(at) || !dateExists(value.trim()))
    throw new InvalidArgumentError(
      'must be an ISO 8601 time with its UTC offset or Z, e.g. 2003-10-17T12:30:30-07:00',
    );
  return at;
}

interface SunOptions {
  lat: number;
  lon: number;
  time: number;
  precision: number;
  bearing?: number;
  bearingError?: number;
  height?: number;
  length?: number;
  lengthError?: number;
  dateUnknown?: boolean;
  daylight?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoInterval = ({ from, to }: Interval) => ({ from: iso(from), to: iso(to) });

export function sunCommand(program: Command) {
  program
    .command('sun')
    .description(
      'the sun at a time and place (azimuth clockwise from north, altitude, degrees); with --bearing, a measured shadow checked and chronolocated',
    )
    .requiredOption('--lat <degrees>', 'latitude, −90 to 90', numberIn(-90, 90))
    .requiredOption(
      '--lon <degrees>',
      'longitude, −180 to 180 (east positive)',
      numberIn(-180, 180),
    )
    .requiredOption('--time <iso>', 'the time, ISO 8601 with its offset (…Z, …+08:00)', instant)
    .addOption(
      new Option('--precision <seconds>', 'the claimed time is --time ± this')
        .argParser(numberIn(0, 366 * 86_400))
        .default(0),
    )
    .option(
      '--bearing <degrees>',
      'a shadow measured on the photo: where it points from the object’s foot, clockwise from north',
      numberIn(0, 360),
    )
    .option(
      '--bearing-error <degrees>',
      'how far the bearing may be off (default TIPWIRE_SUN_SHADOW_BEARING_ERROR_DEGREES)',
      numberIn(0, 180),
    )
    .option('--height <length>', 'the object’s height (with --length)', numberIn(0, 1e9, true))
    .option(
      '--length <length>',
      'its shadow’s length, in the unit of --height',
      numberIn(0, 1e9, true),
    )
    .option(
      '--length-error <fraction>',
      'how far length ÷ height may be off, 0.1 = 10 % (default TIPWIRE_SUN_SHADOW_LENGTH_ERROR)',
      numberIn(0, 0.99),
    )
    .option('--date-unknown', 'chronolocate over every day of the year of --time')
    .option('--daylight', 'the photo is said to show daylight: judge sun.night_photo')
    .action((opts: SunOptions) => {
      const settings = configFrom({}).verify;
      if ((opts.height === undefined) !== (opts.length === undefined))
        throw new ExitError(
          `${opts.height === undefined ? '--height' : '--length'} is needed with ${opts.height === undefined ? '--length' : '--height'}`,
          2,
        );
      const needsBearing = ['bearingError', 'height', 'lengthError', 'dateUnknown'] as const;
      const stray = needsBearing.find((k) => opts[k] !== undefined && opts.bearing === undefined);
      if (stray)
        throw new ExitError(
          `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --bearing`,
          2,
        );

      const { lat, lon, time } = opts;
      const sun = sunPosition(time, lat, lon);
      const shadow = expectedShadow(sun);
      const out: Record<string, unknown> = {
        time: iso(time),
        lat,
        lon,
        azimuth: sun.azimuth,
        altitude: sun.altitude,
        trueAltitude: sun.trueAltitude,
        night: sun.trueAltitude < settings.sunNightAltitudeDegrees,
        nightAltitude: settings.sunNightAltitudeDegrees,
        shadow,
      };

      const claim = { from: time - opts.precision * 1000, to: time + opts.precision * 1000 };
      const subject: SunCheckSubject = {
        reportId: 'cli',
        time: {
          from: claim.from,
          to: claim.to,
          local: null,
          timezone: null,
          zoneSource: 'offset',
          precisionSeconds: opts.precision,
        },
        place: { lat, lon, accuracyMeters: null, text: null },
        attachments: [{ id: 'a_1', contentType: 'image/jpeg', media: null }],
        sun: {
          daylightPhoto: opts.daylight === true,
          shadow:
            opts.bearing === undefined
              ? null
              : {
                  bearing: opts.bearing,
                  bearingError: opts.bearingError,
                  lengthRatio: opts.height === undefined ? null : opts.length! / opts.height,
                  lengthRatioError: opts.lengthError,
                },
        },
      };
      const findings = [nightPhotoCheck, shadowMismatchCheck]
        .filter((check) => check.appliesTo(subject))
        .flatMap((check) => check.run(subject, { settings }));

      if (subject.sun.shadow) {
        const measurement = measurementOf(subject.sun.shadow, settings);
        const day = solarDay(time, lon);
        out.measured = measurement;
        out.chronolocation = {
          day: isoInterval(day),
          intervals: chronolocate(measurement, { lat, lon }, day).map(isoInterval),
        };
        if (opts.dateUnknown) {
          const year = chronolocateYear(measurement, { lat, lon }, new Date(time).getUTCFullYear());
          out.year = {
            dateRanges: year.dateRanges,
            days: year.days.map((d) => ({ date: d.date, intervals: d.intervals.map(isoInterval) })),
          };
        }
      }
      out.findings = findings;
      console.log(JSON.stringify(out, null, 2));
    });
}
