/**
 * Rings and lines that cross the antimeridian, made continuous for a renderer that
 * draws straight between consecutive points. Natural Earth writes a shape that crosses
 * 180° with a jump (179.4 → −180): drawn as is, that edge runs across the whole world.
 * Here every longitude after a jump of more than 180° is shifted by ±360°, so the shape
 * goes on past 180° (MapLibre draws coordinates beyond ±180 on the next world copy).
 * A ring that goes once around a pole (Antarctica) does not come back to its start
 * after unwrapping: it is closed along the map's edge through that pole.
 */
export type Position = [number, number];

/** A jump in longitude beyond this between two points is a crossing of 180°. */
const HALF_TURN = 180;

/** The longitudes made continuous: each point within 180° of the one before. */
export function unwrapLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  let shift = 0;
  for (let i = 0; i < line.length; i++) {
    const [x, y] = line[i]!;
    if (i > 0) {
      const step = x + shift - out[i - 1]![0];
      if (step > HALF_TURN) shift -= 360;
      else if (step < -HALF_TURN) shift += 360;
    }
    out.push([x + shift, y]);
  }
  return out;
}

/**
 * A closed ring made continuous. When unwrapping leaves its end a whole turn away
 * from its start, the ring circles a pole: it is closed through the pole on the side
 * of its mean latitude (the map's edge there), so the polygon covers the polar cap.
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  const out = unwrapLine(ring);
  if (out.length < 2) return out;
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (Math.abs(last[0] - first[0]) < HALF_TURN) return out;
  const meanLat = out.reduce((s, p) => s + p[1], 0) / out.length;
  const pole = meanLat < 0 ? -90 : 90;
  out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
  return out;
}
