/**
 * A HEIF image's pixel size (HEIC, AVIF: ISO/IEC 23008-12 over ISO-BMFF boxes) from its
 * item properties, never by decoding it: the file's `meta` → `iprp` → `ipco` → every
 * `ispe` (image spatial extents: version/flags, then width and height as uint32).
 *
 * The largest `ispe` by area is taken, not the primary item's: a file holds several
 * images (grid tiles, thumbnails, depth and alpha maps) and a viewer may decode any of
 * them, so for the decompression-bomb check the largest is the conservative answer (for
 * an ordinary photo it is the primary image: a grid's ispe covers its tiles).
 *
 * Bounded: only that fixed path is descended (three levels below the file, however deep
 * the boxes nest), every box must lie inside its parent (a 64-bit `largesize` too; size 0
 * runs to the end of the parent), and at most MAX_BOXES boxes are walked. A file without
 * a `meta` box (an image sequence, whose frames are sized in tracks) or without an
 * `ispe` (which the format requires of every image item) has no size: a `problem`, never
 * a throw. Pure.
 */

/** Boxes walked at most, all levels together. */
export const MAX_BOXES = 10_000;

type Size = { width: number; height: number } | { problem: string };

interface Box {
  type: string;
  /** First byte after the header. */
  body: number;
  end: number;
}

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** The boxes from `start` to `end`, or the first problem; `budget.left` counts down. */
function boxesIn(
  b: Uint8Array,
  start: number,
  end: number,
  budget: { left: number },
): Box[] | { problem: string } {
  // Stryker disable next-line ArrayDeclaration: a stray element is of no box type sought
  const boxes: Box[] = [];
  for (let at = start; at < end;) {
    if (--budget.left < 0) return { problem: `more than ${MAX_BOXES} boxes` };
    if (at + 8 > end) return { problem: `a box header at ${at} runs past its parent` };
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    let size = u32(b, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return { problem: `the ${type} box's largesize runs past its parent` };
      size = u32(b, at + 8) * 2 ** 32 + u32(b, at + 12);
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header) return { problem: `the ${type} box's size ${size} is below its header` };
    if (at + size > end) return { problem: `the ${type} box runs past its parent` };
    boxes.push({ type, body: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** The first child of `type` inside a box (`skip`: bytes of version/flags before children). */
function child(
  b: Uint8Array,
  parent: { body: number; end: number },
  type: string,
  budget: { left: number },
  skip = 0,
): Box | { problem: string } {
  if (parent.body + skip > parent.end) return { problem: 'a full box without its version' };
  const boxes = boxesIn(b, parent.body + skip, parent.end, budget);
  if ('problem' in boxes) return boxes;
  return boxes.find((box) => box.type === type) ?? { problem: `no ${type} box` };
}

export function heifHeaderSize(b: Uint8Array): Size {
  const budget = { left: MAX_BOXES };
  const meta = child(b, { body: 0, end: b.length }, 'meta', budget);
  if ('problem' in meta) return meta;
  const iprp = child(b, meta, 'iprp', budget, 4);
  if ('problem' in iprp) return iprp;
  const ipco = child(b, iprp, 'ipco', budget);
  if ('problem' in ipco) return ipco;
  const properties = boxesIn(b, ipco.body, ipco.end, budget);
  if ('problem' in properties) return properties;

  let largest: { width: number; height: number } | null = null;
  for (const ispe of properties.filter((p) => p.type === 'ispe')) {
    if (ispe.body + 12 > ispe.end) return { problem: 'an ispe box cut short' };
    const width = u32(b, ispe.body + 4);
    const height = u32(b, ispe.body + 8);
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  }
  return largest ?? { problem: 'no ispe (image spatial extents) property' };
}
