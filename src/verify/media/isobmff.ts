/**
 * The boxes (QuickTime's atoms) of an ISO base media file — MP4, MOV, M4A, 3GP — walked
 * with every size checked against its parent: a 32-bit size and a type; size 1 means a
 * 64-bit `largesize` follows, size 0 that the box runs to the end of its parent (the
 * file, for the last top-level box, the only place writers use it). A size below its
 * header or past its parent is a `problem`, never a throw; as every box is at least
 * its 8-byte header, the walk always moves forward and ends.
 *
 * Only the boxes named as containers are descended (never `mdat`: samples, not boxes),
 * and at most MAX_DEPTH containers deep: a hostile file nesting thousands of them would
 * otherwise exhaust the stack. Pure.
 */

/** Containers descended at most this deep: the top level is depth 0, a `moov`'s children depth 1. */
export const MAX_DEPTH = 8;

export interface IsoBox {
  type: string;
  /** The containers it is inside, outermost first, joined by "/" ("" at the top level). */
  parent: string;
  /** Offset of its size field. */
  start: number;
  /** First byte after its size, type and largesize (a `uuid` box's usertype is in the body). */
  body: number;
  end: number;
}

export type IsoBmffStructure = { ok: true; boxes: IsoBox[] } | { ok: false; problem: string };

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Walks the boxes from `start` to `end` into `boxes`; the first problem, or null. */
function walk(
  b: Uint8Array,
  start: number,
  end: number,
  parent: string,
  depth: number,
  containers: ReadonlySet<string>,
  boxes: IsoBox[],
): string | null {
  // Stryker disable next-line EqualityOperator: at the end, the terminator check below finds no bytes and ends the walk too
  for (let at = start; at < end;) {
    if (at + 8 > end) {
      // QuickTime may end a list of atoms with a 32-bit zero (a terminator, not a box).
      if (b.subarray(at, end).every((x) => x === 0)) return null;
      return `a box header at ${at} runs past its parent`;
    }
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    let size = u32(b, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return `the ${type} box's largesize runs past its parent`;
      size = u32(b, at + 8) * 2 ** 32 + u32(b, at + 12);
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header) return `the ${type} box's size ${size} is below its header`;
    if (at + size > end) return `the ${type} box at ${at} runs past its parent`;
    boxes.push({ type, parent, start: at, body: at + header, end: at + size });
    if (containers.has(type)) {
      if (depth >= MAX_DEPTH) return `containers nested deeper than ${MAX_DEPTH}`;
      const inner = parent === '' ? type : `${parent}/${type}`;
      const problem = walk(b, at + header, at + size, inner, depth + 1, containers, boxes);
      if (problem !== null) return problem;
    }
    at += size;
  }
  return null;
}

/** Every box at the top level and inside the `containers` (by type), in file order. */
export function isoBmffBoxes(bytes: Uint8Array, containers: ReadonlySet<string>): IsoBmffStructure {
  const boxes: IsoBox[] = [];
  const problem = walk(bytes, 0, bytes.length, '', 0, containers, boxes);
  return problem === null ? { ok: true, boxes } : { ok: false, problem };
}
