import { describe, expect, it } from 'vitest';
import { box, ftyp, largeBox, openBox, text, u32 } from './containers.fixture.js';
import { isoBmffBoxes, MAX_DEPTH } from './isobmff.js';

const CONTAINERS = new Set(['moov', 'trak']);
const walk = (bytes: Buffer) => isoBmffBoxes(bytes, CONTAINERS);

/** `depth` containers, each inside the one before, the innermost holding a `udta`. */
function nested(depth: number): Buffer {
  let inner = box('udta');
  for (let i = 0; i < depth; i++) inner = box('moov', inner);
  return inner;
}

describe('isoBmffBoxes', () => {
  it('lists the top-level boxes and those inside the containers, with their place', () => {
    const file = Buffer.concat([
      ftyp('isom'),
      box('moov', box('mvhd', Buffer.alloc(4)), box('trak', box('udta'))),
      box('mdat', box('udta')), // samples: never walked, however box-like
    ]);
    expect(walk(file)).toEqual({
      ok: true,
      boxes: [
        { type: 'ftyp', parent: '', start: 0, body: 8, end: 16 },
        { type: 'moov', parent: '', start: 16, body: 24, end: 52 },
        { type: 'mvhd', parent: 'moov', start: 24, body: 32, end: 36 },
        { type: 'trak', parent: 'moov', start: 36, body: 44, end: 52 },
        { type: 'udta', parent: 'moov/trak', start: 44, body: 52, end: 52 },
        { type: 'mdat', parent: '', start: 52, body: 60, end: 68 },
      ],
    });
  });

  it('reads a 64-bit largesize, its body after 16 bytes', () => {
    const file = Buffer.concat([largeBox('mdat', Buffer.alloc(3)), box('free')]);
    expect(walk(file)).toMatchObject({
      ok: true,
      boxes: [
        { type: 'mdat', start: 0, body: 16, end: 19 },
        { type: 'free', start: 19, end: 27 },
      ],
    });
  });

  it('takes a largesize of exactly its header, not one below', () => {
    expect(walk(largeBox('free'))).toMatchObject({ ok: true, boxes: [{ body: 16, end: 16 }] });
    const below = largeBox('free', Buffer.alloc(4));
    below.writeUInt32BE(15, 12);
    expect(walk(below)).toEqual({
      ok: false,
      problem: "the free box's size 15 is below its header",
    });
  });

  it('counts the high word of a largesize', () => {
    const file = largeBox('mdat', Buffer.alloc(8));
    file.writeUInt32BE(1, 8); // 2^32 + 16 bytes: past the end, though 16 would fit
    file.writeUInt32BE(16, 12);
    expect(walk(file)).toEqual({ ok: false, problem: 'the mdat box at 0 runs past its parent' });
  });

  it('runs a box of size 0 to the end of its parent', () => {
    const file = Buffer.concat([ftyp('isom'), openBox('mdat', Buffer.alloc(5))]);
    expect(walk(file)).toMatchObject({
      ok: true,
      boxes: [{ type: 'ftyp' }, { type: 'mdat', start: 16, body: 24, end: 29 }],
    });
    const inside = box('moov', box('mvhd'), openBox('udta', Buffer.alloc(2)));
    expect(walk(inside)).toMatchObject({
      ok: true,
      boxes: [{ type: 'moov' }, { type: 'mvhd' }, { type: 'udta', start: 16, end: 26 }],
    });
  });

  it('finds no structure when a box runs past its parent', () => {
    const file = Buffer.concat([ftyp('isom'), box('mdat', Buffer.alloc(8))]);
    expect(walk(file.subarray(0, file.length - 1))).toEqual({
      ok: false,
      problem: 'the mdat box at 16 runs past its parent',
    });
    const pastMoov = box('moov', box('udta', Buffer.alloc(4)));
    pastMoov.writeUInt32BE(13, 8); // the udta says 13 bytes, the moov leaves it 12
    expect(walk(pastMoov)).toEqual({
      ok: false,
      problem: 'the udta box at 8 runs past its parent',
    });
  });

  it('finds no structure when a size is below its header (a walk that would not move)', () => {
    for (const size of [2, 7]) {
      const file = Buffer.concat([ftyp('isom'), box('free', Buffer.alloc(4))]);
      file.writeUInt32BE(size, 16);
      expect(walk(file)).toEqual({
        ok: false,
        problem: `the free box's size ${size} is below its header`,
      });
    }
    // 8, exactly the header, is an empty box.
    expect(walk(box('free')).ok).toBe(true);
  });

  it('finds no structure when a header or a largesize is cut short', () => {
    const file = Buffer.concat([ftyp('isom'), text('\0\0\0\x09fre')]);
    expect(walk(file)).toEqual({ ok: false, problem: 'a box header at 16 runs past its parent' });
    const cutLarge = Buffer.concat([u32(1), text('mdat'), Buffer.alloc(7)]);
    expect(walk(cutLarge)).toEqual({
      ok: false,
      problem: "the mdat box's largesize runs past its parent",
    });
    // Exactly 16 bytes: a largesize that fits.
    expect(walk(largeBox('mdat')).ok).toBe(true);
  });

  it('takes a QuickTime terminator (a 32-bit zero) at the end of a list, nothing else', () => {
    const terminated = box('moov', box('mvhd'), Buffer.alloc(4));
    expect(walk(terminated)).toMatchObject({ ok: true, boxes: [{}, { type: 'mvhd' }] });
    const junk = box('moov', box('mvhd'), Buffer.from([0, 0, 0, 1]));
    expect(walk(junk)).toEqual({ ok: false, problem: 'a box header at 16 runs past its parent' });
  });

  it(`descends containers ${MAX_DEPTH} deep, not ${MAX_DEPTH + 1}`, () => {
    const atLimit = walk(nested(MAX_DEPTH));
    expect(atLimit.ok && atLimit.boxes.at(-1)).toMatchObject({
      type: 'udta',
      parent: Array(MAX_DEPTH).fill('moov').join('/'),
    });
    expect(walk(nested(MAX_DEPTH + 1))).toEqual({
      ok: false,
      problem: `containers nested deeper than ${MAX_DEPTH}`,
    });
  });

  it('reports a problem deep inside as the whole file’s', () => {
    const broken = box('moov', box('trak', text('\0\0\0\x03udta')));
    expect(walk(broken)).toEqual({
      ok: false,
      problem: "the udta box's size 3 is below its header",
    });
  });
});
