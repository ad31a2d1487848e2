/**
 * Where the incident's reports sit on its timeline, a pure function of their UTC
 * intervals: one shared axis (every interval in view, with a margin), each interval as
 * a fraction of the axis' width (an instant still gets a visible width: it is drawn as
 * an interval, never as a point), and tick instants at a round step. No clock, no DOM.
 */

/** A UTC interval in epoch milliseconds. */
export interface Span {
  from: number;
  to: number;
}

export interface Axis {
  from: number;
  to: number;
}

/** An interval on the axis: its left edge and width as fractions (0–1) of the axis. */
export interface Placed {
  x: number;
  width: number;
  /** True when the interval was narrower than the smallest width drawn. */
  widened: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface AxisOptions {
  /** The narrowest axis: a lone instant is shown in a window this wide. */
  minSpanMs?: number;
  /** The margin on each side, as a share of the intervals' extent. */
  padShare?: number;
}

/** Reads an interval from ISO times; null when either is missing or not a time. */
export function spanOf(
  from: string | null | undefined,
  to: string | null | undefined,
): Span | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

/** The axis that shows every interval, or null when there is none to show. */
export function axisFor(spans: readonly Span[], options: AxisOptions = {}): Axis | null {
  const minSpan = options.minSpanMs ?? 30 * MINUTE;
  const padShare = options.padShare ?? 0.05;
  let from = Infinity;
  let to = -Infinity;
  for (const s of spans) {
    if (!Number.isFinite(s.from) || !Number.isFinite(s.to)) continue;
    from = Math.min(from, s.from, s.to);
    to = Math.max(to, s.from, s.to);
  }
  if (from > to) return null;
  const extent = to - from;
  if (extent < minSpan) {
    const middle = from + extent / 2;
    return { from: middle - minSpan / 2, to: middle + minSpan / 2 };
  }
  const pad = extent * padShare;
  return { from: from - pad, to: to + pad };
}

/** The interval's place on the axis, clamped to it, at least `minWidth` wide. */
export function placeOn(span: Span, axis: Axis, minWidth = 0.006): Placed {
  const length = axis.to - axis.from;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const left = clamp((Math.min(span.from, span.to) - axis.from) / length);
  const right = clamp((Math.max(span.from, span.to) - axis.from) / length);
  const width = right - left;
  if (width >= minWidth) return { x: left, width, widened: false };
  // Widened around its middle, kept inside the axis.
  const middle = (left + right) / 2;
  const x = Math.min(1 - minWidth, Math.max(0, middle - minWidth / 2));
  return { x, width: minWidth, widened: true };
}

/** Round steps for ticks, smallest first. */
const STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];

/** The multiples of `step` inside the axis. */
function multiples(axis: Axis, step: number): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(axis.from / step) * step; t <= axis.to; t += step) ticks.push(t);
  return ticks;
}

/**
 * Tick instants inside the axis: multiples (in UTC) of the smallest round step that
 * gives at most `most` ticks; beyond the round steps, multiples of years.
 */
export function ticksFor(axis: Axis, most = 6): number[] {
  const length = axis.to - axis.from;
  if (!(length > 0) || !Number.isFinite(length) || most < 1) return [];
  for (const step of STEPS) {
    // Skip steps that would give far too many ticks without listing them.
    if (length / step > most) continue;
    const ticks = multiples(axis, step);
    if (ticks.length <= most) return ticks;
  }
  const year = STEPS[STEPS.length - 1]!;
  for (let years = Math.max(1, Math.floor(length / year / most)); ; years++) {
    const ticks = multiples(axis, years * year);
    if (ticks.length <= most) return ticks;
  }
}
