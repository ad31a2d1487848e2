/**
 * Claimed observation time → a UTC interval [from, to] (epoch ms), always, with the
 * zone used, where it came from, and how precise it is.
 *
 * Readings of `observedAt`:
 * - epoch seconds (a number, or 9–13 digits; a value ≥ 1e11 is read as
 *   milliseconds and flagged `time.epoch_milliseconds`) and ISO 8601 with an offset
 *   are instants (zoneSource `offset`); the zone shown is `timezone`, else the
 *   coordinates' zone, else the offset itself.
 * - ISO 8601 without offset, and natural language (English, Chinese; see
 *   natural-time.ts), are wall-clock times. Their zone, in order: `timezone`
 *   (zoneSource `timezone`); the zone at the coordinates (`coordinates`, geo-tz,
 *   cross-checked by tz-lookup); the configured `defaultTimezone` (`assumed`, flag
 *   `time.zone_assumed`). With none of these the wall-clock reading is kept in
 *   `local`, the interval covers every offset in use (UTC−12 … UTC+14, so about 26 h
 *   wider) and the report is flagged `time.zone_unknown`. Natural language is
 *   relative to the reporter's local clock at arrival, so the same rule applies to
 *   the reference time; "N minutes ago" and "just now" need no zone at all.
 * - When two sources of zone give different offsets (timezone vs coordinates →
 *   `time.zone_mismatch`; geo-tz's zones or tz-lookup's disagree →
 *   `time.zone_disputed`), the interval covers every reading, listed in
 *   `candidates`. An explicit offset is never overridden (only flagged).
 * - A wall-clock time inside a DST gap → `time.nonexistent_local`; one that happens
 *   twice → `time.ambiguous_local`; both readings are in `candidates` and the
 *   interval covers them.
 *
 * Widening: each side by max(precisionSeconds, vague ? max(vagueWidenSeconds,
 * vagueWidenFraction × the finest stated unit, vagueCountFraction × how far a count reaches back) : 0); the two describe one
 * uncertainty, so they are not added. A natural-language period still running at
 * arrival ("today") ends at arrival: the reporter tells what already happened.
 * Then `time.future` (starts after arrival + futureToleranceSeconds) and
 * `time.implausibly_old` (ended more than maxAgeDays before arrival).
 *
 * Range: a claim that names a time no JS date can hold ("99999999999 days ago",
 * epoch 1e300, 547,000 years back, or an interval widened past the ends) is not
 * placed: `time` is null, flagged `time.unparsed` and, by the side it fell out,
 * `time.implausibly_old` or `time.future`. Every instant returned lies within
 * ±LATEST_INSTANT_MS (zones.ts), so callers may format it.
 */
import { FLAG, type FlagCode } from '../domain/flags.js';
import type { ObservedTime, TimeGrain, ZoneSource } from '../domain/report.js';
import {
  elapsedInterval,
  type LocalResolution,
  type NaturalSpec,
  parseNatural,
  resolveNatural,
} from './natural-time.js';
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';
import { sunPartWindow } from './sun-parts.js';
import type { TextZone, ZoneReading } from './text-zone.js';
import {
  fixedZoneName,
  formatLocal,
  InstantOutOfRange,
  isIanaZone,
  isPlaceable,
  type LocalReading,
  MAX_OFFSET_MINUTES,
  MIN_OFFSET_MINUTES,
  offsetAt,
  readLocal,
  toLocal,
  utcDate,
  type ZoneFinder,
} from './zones.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface TimeInput {
  observedAt?: string | number;
  timezone?: string;
  precisionSeconds?: number;
  /** Arrival (epoch ms): the reference of relative phrases and of the future/age checks. */
  receivedAt: number;
  /** The report's point, after place normalization (swaps corrected). */
  point?: { lat: number; lon: number } | null;
}

export interface TimeDeps {
  /** Absent: coordinates never give a zone. */
  zones?: ZoneFinder;
}

export interface TimeResult {
  time: ObservedTime | null;
  flags: FlagCode[];
}

export type TimeSettings = Pick<
  NormalizeSettings,
  | 'defaultTimezone'
  | 'vagueWidenSeconds'
  | 'vagueWidenFraction'
  | 'vagueCountFraction'
  | 'justNowSeconds'
  | 'futureToleranceSeconds'
  | 'maxAgeDays'
  | 'sunMarginMinutes'
  | 'partlyReadDays'
  | 'relationReachHours'
>;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;
const EPOCH_DIGITS = /^\d{9,13}(?:\.\d+)?$/;

interface IsoReading {
  localMs: number;
  dateOnly: boolean;
  /** Written to the minute (no seconds): the clock showed that minute, all of it. */
  minuteOnly: boolean;
  offsetMinutes: number | null;
  utcDesignator: boolean;
}

/** ISO 8601 → its wall-clock time and offset; 'invalid' for an impossible date; null if not ISO. */
function readIso(text: string): IsoReading | 'invalid' | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, offsetHours, offsetMinutesText] = m;
  const parts = [y, mo, d, h ?? '0', mi ?? '0', s ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second] = parts;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const dayMs = utcDate(year, month - 1, day); // years 0000–0099 too, unlike Date.UTC
  const localMs = dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  // An impossible date (February 30, month 13 or 00, day 00) rolls over into another month.
  if (new Date(dayMs).getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    return 'invalid';
  }
  let offsetMinutes: number | null = zulu ? 0 : null;
  if (sign) {
    const hh = Number(offsetHours);
    const mm = Number(offsetMinutesText ?? 0);
    if (hh > 18 || mm > 59) return 'invalid';
    offsetMinutes = (sign === '-' ? -1 : 1) * (hh * 60 + mm);
  }
  return {
    localMs,
    dateOnly: h === undefined,
    minuteOnly: h !== undefined && s === undefined,
    offsetMinutes,
    utcDesignator: zulu !== undefined,
  };
}

/**
 * The zone of a wall-clock time: the primary one and others that must be covered
 * (when they give a different reading: `time.zone_mismatch` against a stated zone,
 * `time.zone_disputed` between the zones at the point).
 */
interface ZonePlan {
  source: ZoneSource;
  primary: string;
  others: string[];
  /** What a conflict among the zones means; by default by source (mismatch, disputed). */
  conflictFlag?: FlagCode;
}

/** The zone name of one reading of a written zone (a fixed offset as `UTC+08:00`). */
const readingZone = (r: ZoneReading): string =>
  r.kind === 'iana' ? r.zone : fixedZoneName(r.offsetMinutes);

interface Converted {
  from: number;
  to: number;
  readings: (LocalReading & { timezone: string })[];
  dst: 'ambiguous' | 'nonexistent' | null;
}

/** A local resolution in one zone → UTC bounds and the readings of its clock times. */
function convert(res: LocalResolution, zone: string): Converted {
  if (res.kind === 'period') {
    const start = readLocal(res.start, zone).readings;
    const end = readLocal(res.end, zone).readings;
    return {
      from: start[0]!.at,
      to: end[end.length - 1]!.at,
      readings: [],
      dst: null,
    };
  }
  const [before, after] = instantReach(res);
  const readings: Converted['readings'] = [];
  let dst: Converted['dst'] = null;
  for (const center of res.centers) {
    const r = readLocal(center, zone);
    if (r.kind !== 'unique') dst = r.kind;
    for (const reading of r.readings) readings.push({ ...reading, timezone: zone });
  }
  readings.sort((a, b) => a.at - b.at);
  return {
    from: readings[0]!.at - before,
    to: readings[readings.length - 1]!.at + after,
    readings,
    dst,
  };
}

/** How far (ms) an instant's interval reaches before and after its reading. */
function instantReach(res: Extract<LocalResolution, { kind: 'instant' }>): [number, number] {
  const unit = res.unitSeconds * 1000;
  return [res.halfBefore ? unit / 2 : 0, res.truncated ? unit : unit / 2];
}

/** Bounds of a local resolution when the zone is unknown: every offset on Earth. */
function anyZoneBounds(low: LocalResolution, high: LocalResolution): [number, number] {
  const span = (res: LocalResolution): [number, number] =>
    res.kind === 'period'
      ? [res.start, res.end]
      : [
          Math.min(...res.centers) - instantReach(res)[0],
          Math.max(...res.centers) + instantReach(res)[1],
        ];
  return [span(low)[0] - MAX_OFFSET_MINUTES * MINUTE, span(high)[1] - MIN_OFFSET_MINUTES * MINUTE];
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

/** Flags that describe the claim itself, kept when it cannot be placed; the rest describe a reading. */
const CLAIM_FLAGS = new Set<FlagCode>([FLAG.time.zone_invalid, FLAG.time.epoch_milliseconds]);

export function normalizeTime(
  input: TimeInput,
  settings: TimeSettings = NORMALIZE_DEFAULTS,
  deps: TimeDeps = {},
): TimeResult {
  const flags: FlagCode[] = [];
  try {
    return placeTime(input, settings, deps, flags);
  } catch (err) {
    if (!(err instanceof InstantOutOfRange)) throw err;
    // Outside the dates, so before or after any arrival (which lies inside them).
    const side =
      // Stryker disable next-line EqualityOperator: 0 lies inside the dates, so no instant thrown is 0
      err.instant < 0 ? [FLAG.time.implausibly_old] : err.instant > 0 ? [FLAG.time.future] : [];
    return {
      time: null,
      flags: [...flags.filter((f) => CLAIM_FLAGS.has(f)), FLAG.time.unparsed, ...side],
    };
  }
}

/** normalizeTime, throwing InstantOutOfRange for a time no date can hold; `flags` collects as it goes. */
function placeTime(
  input: TimeInput,
  settings: TimeSettings,
  deps: TimeDeps,
  flags: FlagCode[],
): TimeResult {
  const raw = input.observedAt;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return { time: null, flags: [] };
  }
  // A reference outside the dates places nothing relative to it.
  const receivedAt = isPlaceable(input.receivedAt) ? input.receivedAt : Number.NaN;
  const statedPrecision = input.precisionSeconds ?? null;
  const point = input.point ?? null;

  let statedZone = input.timezone ?? null;
  if (statedZone !== null && !isIanaZone(statedZone)) {
    flags.push(FLAG.time.zone_invalid);
    statedZone = null;
  }
  let pointZonesMemo: { zones: string[]; primary: string | null } | undefined;
  const pointZones = () => {
    if (pointZonesMemo === undefined) {
      const found = point && deps.zones ? deps.zones.zonesAt(point.lat, point.lon) : null;
      // Stryker disable next-line ArrayDeclaration: whatever stands for a missing answer is dropped by the isIanaZone filter
      const named = found ? [...found.zones, ...(found.crossCheck ? [found.crossCheck] : [])] : [];
      const zones = unique(named).filter(isIanaZone);
      // The first authoritative zone, else the cross-check's.
      pointZonesMemo = { zones, primary: zones[0] ?? null };
    }
    return pointZonesMemo;
  };

  /**
   * The zone a wall-clock time is read in, or null when nothing says. `others` may
   * hold the primary zone again: it reads the same, so it never conflicts.
   */
  const zonePlan = (): ZonePlan | null => {
    if (statedZone !== null) {
      return { source: 'timezone', primary: statedZone, others: pointZones().zones };
    }
    const pz = pointZones();
    if (pz.primary !== null) {
      return { source: 'coordinates', primary: pz.primary, others: pz.zones };
    }
    if (settings.defaultTimezone && isIanaZone(settings.defaultTimezone)) {
      return { source: 'assumed', primary: settings.defaultTimezone, others: [] };
    }
    return null;
  };

  /** The zone for showing an instant as wall-clock time (never changes the instant). */
  const displayZone = (): { zone: string; source: ZoneSource } | null => {
    if (statedZone !== null) return { zone: statedZone, source: 'timezone' };
    const pz = pointZones().primary;
    if (pz !== null) return { zone: pz, source: 'coordinates' };
    if (settings.defaultTimezone && isIanaZone(settings.defaultTimezone)) {
      return { zone: settings.defaultTimezone, source: 'assumed' };
    }
    return null;
  };

  interface Draft {
    from: number;
    to: number;
    local: string | null;
    localEnd: string | null;
    timezone: string | null;
    zoneSource: ZoneSource | null;
    reading: 'iso' | 'epoch' | 'natural';
    grain: TimeGrain;
    unitSeconds: number;
    timeOfDay: string | null;
    vague: boolean;
    offsetMinutes: number | null;
    candidates: NonNullable<ObservedTime['candidates']>;
    alternatives: NonNullable<ObservedTime['alternatives']>;
  }

  /** An instant or interval already in UTC, shown in the best zone known. */
  const fixed = (
    from: number,
    to: number,
    reading: Draft['reading'],
    offset: { minutes: number; explicit: boolean } | null,
    rest: Pick<Draft, 'grain' | 'unitSeconds' | 'vague'>,
  ): Draft => {
    const shown = displayZone();
    let zone: string | null = shown?.zone ?? null;
    let source: ZoneSource | null = shown?.source ?? null;
    let offsetMinutes: number | null = zone ? offsetAt(zone, from) : null;
    if (offset?.explicit) {
      // A stated zone is kept even when it disagrees (that is flagged); a zone found
      // or assumed is shown only when it has the offset the time was written with.
      if (
        shown === null ||
        (shown.source !== 'timezone' && offsetAt(shown.zone, from) !== offset.minutes)
      ) {
        zone = fixedZoneName(offset.minutes);
      }
      offsetMinutes = offset.minutes;
      source = 'offset';
    } else if (reading === 'epoch' && zone === null) {
      zone = 'UTC';
      offsetMinutes = 0;
      source = 'offset';
    }
    const local = offsetMinutes !== null ? formatLocal(from + offsetMinutes * MINUTE) : null;
    return {
      from,
      to,
      local,
      localEnd:
        to !== from && offsetMinutes !== null ? formatLocal(to + offsetMinutes * MINUTE) : null,
      timezone: zone,
      zoneSource: source,
      reading,
      grain: rest.grain,
      unitSeconds: rest.unitSeconds,
      timeOfDay: null,
      vague: rest.vague,
      offsetMinutes,
      candidates: [],
      alternatives: [],
    };
  };

  /**
   * A wall-clock time (fixed, or resolved per zone for natural language) → UTC. `plan`:
   * a zone written in the text, else the usual order; `anyZone`: the text names a zone
   * nobody could read, so every offset is covered (flagged by the caller).
   */
  const wallClock = (
    resolveIn: (refLocal: number, zone: string | null) => LocalResolution,
    reading: Draft['reading'],
    vague: boolean,
    refIndependent: boolean,
    textPlan: ZonePlan | null = null,
    anyZone = false,
  ): Draft => {
    const plan = anyZone ? null : (textPlan ?? zonePlan());
    if (plan === null) {
      if (!anyZone) flags.push(FLAG.time.zone_unknown);
      const low = resolveIn(receivedAt + MIN_OFFSET_MINUTES * MINUTE, null);
      const high = refIndependent ? low : resolveIn(receivedAt + MAX_OFFSET_MINUTES * MINUTE, null);
      const [from, to] = anyZoneBounds(low, high);
      const shown = refIndependent ? describe(low) : null;
      return {
        from,
        to,
        local: shown?.local ?? null,
        localEnd: shown?.localEnd ?? null,
        timezone: null,
        zoneSource: null,
        reading,
        grain: low.grain,
        unitSeconds: low.unitSeconds,
        timeOfDay: low.kind === 'period' ? low.timeOfDay : null,
        vague,
        offsetMinutes: null,
        candidates: [],
        alternatives: [],
      };
    }
    const inZone = (zone: string) => {
      const res = resolveIn(toLocal(receivedAt, zone), zone);
      return { res, converted: convert(res, zone) };
    };
    const main = inZone(plan.primary);
    let { from, to } = main.converted;
    let readings = main.converted.readings;
    let conflict = false;
    for (const other of plan.others) {
      const o = inZone(other).converted;
      if (o.from !== main.converted.from || o.to !== main.converted.to) {
        conflict = true;
        from = Math.min(from, o.from);
        to = Math.max(to, o.to);
        readings = readings.concat(o.readings);
      }
    }
    if (conflict) {
      flags.push(
        plan.conflictFlag ??
          (plan.source === 'timezone' ? FLAG.time.zone_mismatch : FLAG.time.zone_disputed),
      );
    }
    const res = main.res;
    const twoDates = res.kind === 'instant' ? res.ambiguousDate : res.alternatives.length > 0;
    if (twoDates) flags.push(FLAG.time.ambiguous_date);
    if (plan.source === 'assumed') flags.push(FLAG.time.zone_assumed);
    if (main.converted.dst === 'nonexistent') flags.push(FLAG.time.nonexistent_local);
    if (main.converted.dst === 'ambiguous') flags.push(FLAG.time.ambiguous_local);
    const offsets = unique(main.converted.readings.map((r) => r.offsetMinutes));
    const shown = describe(main.res);
    const listed = main.converted.dst !== null || conflict || twoDates;
    return {
      from,
      to,
      local: shown.local,
      localEnd: shown.localEnd,
      timezone: plan.primary,
      zoneSource: plan.source,
      reading,
      grain: main.res.grain,
      unitSeconds: main.res.unitSeconds,
      timeOfDay: main.res.kind === 'period' ? main.res.timeOfDay : null,
      vague,
      offsetMinutes:
        main.res.kind === 'instant'
          ? offsets.length === 1
            ? offsets[0]!
            : null
          : offsetAt(plan.primary, main.converted.from),
      candidates: listed
        ? readings.map((r) => ({ at: r.at, offsetMinutes: r.offsetMinutes, timezone: r.timezone }))
        : [],
      alternatives:
        res.kind === 'period'
          ? res.alternatives.map(([start, end]) => {
              const c = convert({ ...res, start, end, alternatives: [] }, plan.primary);
              return { from: c.from, to: c.to };
            })
          : [],
    };
  };

  /**
   * The zones of a zone written in the text. Several readings (CST) are narrowed to
   * those the place (or the timezone field) agrees with, when that leaves some;
   * what remains is covered, flagged time.zone_ambiguous when they read differently.
   */
  const textZonePlan = (written: TextZone): ZonePlan => {
    const groups = written.readings.map((r, i) =>
      unique([readingZone(r), ...(written.looseZones[i] ? [written.looseZones[i]!] : [])]),
    );
    let chosen = groups;
    const settler = statedZone ?? pointZones().primary;
    if (groups.length > 1 && settler !== null) {
      const want = offsetAt(settler, receivedAt);
      const fit = groups.filter((g) =>
        g.some((z) => z === settler || offsetAt(z, receivedAt) === want),
      );
      if (fit.length > 0) chosen = fit;
    }
    const zones = unique(chosen.flat());
    return {
      source: 'text',
      primary: zones[0]!,
      others: zones.slice(1),
      conflictFlag: FLAG.time.zone_ambiguous,
    };
  };

  const text = String(raw).trim();
  let draft: Draft;
  let unread: string[] = [];
  /** How far back a count reaches ("about 3 days ago": 3 days), for vague widening. */
  let countSeconds = 0;

  if (typeof raw === 'number' || EPOCH_DIGITS.test(text)) {
    // 1. Epoch seconds. One beyond the dates is caught where it is placed or widened.
    let value = Number(text); // `text` is the number written out, for a number
    if (!Number.isFinite(value)) return { time: null, flags: [...flags, FLAG.time.unparsed] };
    if (Math.abs(value) >= 1e11) {
      flags.push(FLAG.time.epoch_milliseconds);
      value /= 1000;
    }
    const at = Math.round(value * 1000);
    draft = fixed(at, at, 'epoch', null, { grain: 'instant', unitSeconds: 0, vague: false });
  } else {
    // 2. ISO 8601.
    const iso = readIso(text);
    // Stryker disable next-line ConditionalExpression,StringLiteral: read on, an impossible date gives NaN and the same time.unparsed; this says it at once
    if (iso === 'invalid') return { time: null, flags: [...flags, FLAG.time.unparsed] };
    if (iso && iso.offsetMinutes !== null) {
      const at = iso.localMs - iso.offsetMinutes * MINUTE;
      const end = iso.dateOnly ? at + DAY : iso.minuteOnly ? at + MINUTE : at;
      draft = fixed(
        at,
        end,
        'iso',
        { minutes: iso.offsetMinutes, explicit: true },
        {
          grain: iso.dateOnly ? 'day' : iso.minuteOnly ? 'minute' : 'instant',
          unitSeconds: iso.dateOnly ? 86_400 : iso.minuteOnly ? 60 : 0,
          vague: false,
        },
      );
      if (
        statedZone !== null &&
        !iso.utcDesignator &&
        offsetAt(statedZone, at) !== iso.offsetMinutes
      ) {
        flags.push(FLAG.time.zone_mismatch);
      }
    } else if (iso) {
      const res: LocalResolution = iso.dateOnly
        ? {
            kind: 'period',
            start: iso.localMs,
            end: iso.localMs + DAY,
            grain: 'day',
            unitSeconds: 86_400,
            timeOfDay: null,
            alternatives: [],
          }
        : {
            kind: 'instant',
            centers: [iso.localMs],
            grain: iso.minuteOnly ? 'minute' : 'instant',
            unitSeconds: iso.minuteOnly ? 60 : 0,
            truncated: iso.minuteOnly,
            // Written, not said: the minute shown, never rounded from the one before.
            halfBefore: false,
            ambiguousDate: false,
          };
      draft = wallClock(() => res, 'iso', false, true);
    } else {
      // 3. Natural language, relative to the reporter's clock at arrival.
      const plan = zonePlan();
      const reference = plan ? toLocal(receivedAt, plan.primary) : receivedAt;
      const spec: NaturalSpec | null = Number.isFinite(receivedAt)
        ? parseNatural(text, reference)
        : null;
      if (spec === null) return { time: null, flags: [...flags, FLAG.time.unparsed] };
      // Every count is "ago": further back than dates reach.
      if (spec.beyondRange) throw new InstantOutOfRange(Number.NEGATIVE_INFINITY);
      const elapsed = elapsedInterval(spec, receivedAt, settings.justNowSeconds);
      const southern = point !== null && point.lat < 0;
      countSeconds = countedSeconds(spec);
      if (spec.residue.length > 0) {
        flags.push(FLAG.time.partly_read);
        unread = unique(spec.residue.map((r) => r.text));
      }
      if (elapsed && spec.elapsed && spec.residue.length > 0) {
        // A count with words nobody read ("一个多小时前" before 多 was read): from twice the
        // count and a unit back, to arrival.
        const reach = 2 * spec.elapsed.maxMs + spec.elapsed.unitMs;
        draft = fixed(receivedAt - reach, receivedAt, 'natural', null, {
          grain: elapsed.grain,
          unitSeconds: reach / 1000,
          vague: spec.vague,
        });
      } else if (elapsed) {
        draft = fixed(elapsed.from, elapsed.to, 'natural', null, {
          grain: elapsed.grain,
          unitSeconds: elapsed.unitSeconds,
          vague: spec.vague,
        });
      } else {
        const resolveIn = (ref: number, zone: string | null) =>
          resolveNatural(spec, ref, {
            southern,
            partlyReadDays: settings.partlyReadDays,
            relationReachHours: settings.relationReachHours,
            ...(zone !== null && point !== null
              ? {
                  sunWindow: (part, day) =>
                    sunPartWindow(part, day, point, zone, settings.sunMarginMinutes),
                }
              : {}),
          })!;
        const textPlan = spec.zone ? textZonePlan(spec.zone) : null;
        const unknownZone = spec.residue.some((r) => r.kind === 'zone');
        draft = wallClock(resolveIn, 'natural', spec.vague, false, textPlan, unknownZone);
        // A written zone that is a local one (not UTC/GMT) is checked against the place's.
        const against = statedZone ?? pointZones().primary;
        if (textPlan && !spec.zone!.universal && against !== null && !unknownZone) {
          const at = draft.from;
          const want = offsetAt(against, at);
          const used = [textPlan.primary, ...textPlan.others];
          if (!used.some((z) => offsetAt(z, at) === want)) flags.push(FLAG.time.zone_mismatch);
        }
      }
    }
  }

  // Widen, clip, check.
  const d = draft;
  const vagueWiden = d.vague
    ? Math.max(
        settings.vagueWidenSeconds,
        settings.vagueWidenFraction * d.unitSeconds,
        settings.vagueCountFraction * countSeconds,
      )
    : 0;
  const widen = Math.max(statedPrecision ?? 0, vagueWiden) * 1000;
  let from = d.from - widen;
  let to = d.to + widen;
  // A natural-language period still running at arrival ends there (the arrival of a
  // natural-language claim is always within the dates, see above).
  if (d.reading === 'natural' && from <= receivedAt) to = Math.min(to, receivedAt);
  from = Math.round(from);
  to = Math.round(to);
  // Widening (or a reading at the very ends of the dates) may leave them.
  if (!isPlaceable(from)) throw new InstantOutOfRange(from);
  if (!isPlaceable(to)) throw new InstantOutOfRange(to);
  // With an arrival outside the dates (NaN) neither comparison holds.
  if (from > receivedAt + settings.futureToleranceSeconds * 1000) flags.push(FLAG.time.future);
  if (to < receivedAt - settings.maxAgeDays * DAY) flags.push(FLAG.time.implausibly_old);
  return {
    time: {
      from,
      to,
      local: d.local,
      timezone: d.timezone,
      zoneSource: d.zoneSource,
      precisionSeconds: Math.round((to - from) / 2000),
      reading: d.reading,
      grain: d.grain,
      localEnd: d.localEnd,
      timeOfDay: d.timeOfDay,
      vague: d.vague,
      statedPrecisionSeconds: statedPrecision,
      offsetMinutes: d.offsetMinutes,
      candidates: d.candidates,
      unread,
      alternatives: d.alternatives,
    },
    flags,
  };
}

/** The span a count reaches back ("3 days ago": 3 days; "2 hours ago": 2 hours), or 0. */
function countedSeconds(spec: NaturalSpec): number {
  if (spec.elapsed) return spec.elapsed.maxMs / 1000;
  const d = spec.date;
  if (!d || !('max' in d) || !d.counted) return 0;
  const unit =
    d.kind === 'days_ago'
      ? 86_400
      : d.kind === 'weeks_ago'
        ? 7 * 86_400
        : d.kind === 'calendar_month'
          ? 30 * 86_400
          : 365 * 86_400;
  return Math.max(0, d.max) * unit;
}

/** Wall-clock strings of a local resolution. */
function describe(res: LocalResolution): { local: string; localEnd: string | null } {
  if (res.kind === 'instant') {
    return {
      local: formatLocal(res.centers[0]!),
      localEnd: res.centers.length > 1 ? formatLocal(res.centers[res.centers.length - 1]!) : null,
    };
  }
  return { local: formatLocal(res.start), localEnd: formatLocal(res.end - 1000) };
}
