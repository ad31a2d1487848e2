/**
 * The time window's slider: a span (the last day, week, 30 days, 90 days, year; or
 * all time) cut into whole steps (hours up to a week, days above), and the two
 * handles `from` and `to` as step numbers. `windowIso` turns a position into the
 * `from`/`to` the map API reads. Pure: the caller passes the clock's `now`.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The spans offered, in days; `all` sends no window at all. */
export const SPAN_PRESETS = [1, 7, 30, 90, 365] as const;
export type Span = (typeof SPAN_PRESETS)[number] | 'all';

export interface SliderScale {
  steps: number;
  stepMs: number;
}

export interface TimeWindow {
  span: Span;
  /** Handles, in steps from the span's start (0) to now (`steps`). */
  from: number;
  to: number;
}

export function sliderScale(spanDays: number): SliderScale {
  const days = Math.max(1, Math.round(spanDays));
  return days <= 7 ? { steps: days * 24, stepMs: HOUR } : { steps: days, stepMs: DAY };
}

/** The whole span: both handles at its ends. */
export function fullWindow(span: Span): TimeWindow {
  return { span, from: 0, to: span === 'all' ? 0 : sliderScale(span).steps };
}

/** The handles made whole, inside the slider, `from` not after `to`. */
export function normalWindow(w: TimeWindow): TimeWindow {
  if (w.span === 'all') return fullWindow('all');
  const { steps } = sliderScale(w.span);
  const clamp = (v: number) =>
    Number.isFinite(v) ? Math.max(0, Math.min(steps, Math.round(v))) : steps;
  const a = Number.isFinite(w.from) ? clamp(w.from) : 0;
  const b = clamp(w.to);
  return { span: w.span, from: Math.min(a, b), to: Math.max(a, b) };
}

/**
 * The slider's end: `now` rounded up to the minute, so a report made a moment ago is
 * inside and requests made within one minute ask the same thing.
 */
export const sliderEnd = (now: number): number => Math.ceil(now / MINUTE) * MINUTE;

/** The instant (epoch ms) at a handle's step. */
export function stepTime(span: Exclude<Span, 'all'>, step: number, now: number): number {
  const { steps, stepMs } = sliderScale(span);
  return sliderEnd(now) - (steps - step) * stepMs;
}

/** The window as the API's `from` and `to` (ISO 8601, UTC); null for all time. */
export function windowIso(w: TimeWindow, now: number): { from: string; to: string } | null {
  if (w.span === 'all') return null;
  const n = normalWindow(w);
  const span = w.span;
  return {
    from: new Date(stepTime(span, n.from, now)).toISOString(),
    to: new Date(stepTime(span, n.to, now)).toISOString(),
  };
}
