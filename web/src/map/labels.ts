/**
 * HTML labels over the map, placed by pure rules: which world copy a point is drawn
 * in (the one nearest the view's centre, so a place at −179° shows right of a view
 * centred on 179°), how wide a label is, and which labels fit without overlapping
 * (the most important first, at most `max`). The map has no glyph server offline, so
 * text is HTML rather than MapLibre symbols; these rules keep it bounded and legible.
 */

/** The longitude shifted by whole turns to lie within 180° of `centreLon`. */
export function nearestCopy(lon: number, centreLon: number): number {
  const turns = Math.round((centreLon - lon) / 360);
  return lon + turns * 360;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** A label's width in pixels: a CJK character is about one em, others about 0.6 em. */
export function labelWidth(text: string, fontPx: number): number {
  let ems = 0;
  for (const ch of text) ems += WIDE.test(ch) ? 1 : 0.6;
  return Math.ceil(ems * fontPx) + 4;
}

export interface LabelBox {
  /** Centre of the label on screen, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher first (a place's population, a cluster's count). */
  priority: number;
}

type Box = Omit<LabelBox, 'priority'>;
const overlaps = (a: Box, b: Box) =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

/**
 * The labels to show: on screen (`width` × `height`), highest priority first, none
 * overlapping one already taken or a `blocked` box (what the map draws there, such as
 * a cluster), at most `max`. Ties keep their input order.
 */
export function declutter<T extends LabelBox>(
  labels: readonly T[],
  screen: { width: number; height: number },
  max: number,
  blocked: readonly Omit<LabelBox, 'priority'>[] = [],
): T[] {
  const onScreen = labels
    .map((label, index) => ({ label, index }))
    .filter(
      ({ label: l }) =>
        l.x + l.width / 2 >= 0 &&
        l.x - l.width / 2 <= screen.width &&
        l.y + l.height / 2 >= 0 &&
        l.y - l.height / 2 <= screen.height,
    )
    .sort((a, b) => b.label.priority - a.label.priority || a.index - b.index);
  const taken: T[] = [];
  for (const { label } of onScreen) {
    if (taken.length >= max) break;
    if (taken.some((t) => overlaps(t, label)) || blocked.some((b) => overlaps(b, label))) continue;
    taken.push(label);
  }
  return taken;
}
