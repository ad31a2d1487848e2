import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open } from './envelope.js';
import { createFileSealer, openFileSegments, sealFile } from './sealed-file.js';

const SEGMENT = 16;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const numbered = (segments: Buffer[]) => segments.map((data, seq) => ({ seq, data }));

async function opened(
  fileKey: Buffer,
  id: string,
  segments: { seq: number; data: Buffer }[],
): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of openFileSegments(fileKey, id, segments)) out.push(chunk);
  return Buffer.concat(out);
}

async function expectBroken(promise: Promise<unknown>, message: RegExp) {
  await expect(promise).rejects.toMatchObject({ code: 'integrity_failure', kind: 'technical' });
  await expect(promise).rejects.toThrow(message);
}

describe('a file sealed in segments', () => {
  // At, and one byte either side of, each segment boundary; the empty file too.
  it.each([0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 2 * SEGMENT + 1])(
    'opens a file of %i bytes to the same bytes, in ⌊size / segment⌋ + 1 segments',
    async (size) => {
      const data = randomBytes(size);
      const sealed = sealFile('a_1', data, SEGMENT);
      expect(sealed.segments).toHaveLength(Math.floor(size / SEGMENT) + 1);
      expect(sealed.sizeBytes).toBe(size);
      expect(sealed.sha256).toBe(sha256(data));
      expect(await opened(sealed.fileKey, 'a_1', numbered(sealed.segments))).toEqual(data);
    },
  );

  it('gives the same segments whatever the chunks the bytes come in', async () => {
    const data = randomBytes(5 * SEGMENT + 3);
    const sealer = createFileSealer('a_1', SEGMENT);
    const segments: Buffer[] = [];
    // Chunks of 1, 2, 3… bytes: across and inside segment boundaries.
    for (let at = 0, n = 1; at < data.length; at += n, n += 1) {
      segments.push(...sealer.write(data.subarray(at, at + n)));
      expect(sealer.sizeBytes).toBe(Math.min(at + n, data.length));
    }
    const end = sealer.end();
    segments.push(...end.segments);
    expect(segments).toHaveLength(6);
    expect(end.sha256).toBe(sha256(data));
    expect(await opened(sealer.fileKey, 'a_1', numbered(segments))).toEqual(data);
  });

  it('holds at most one segment: a full one is given out as soon as the next byte comes', () => {
    const sealer = createFileSealer('a_1', SEGMENT);
    expect(sealer.write(randomBytes(SEGMENT))).toHaveLength(0);
    expect(sealer.write(randomBytes(1))).toHaveLength(1);
    expect(sealer.write(randomBytes(3 * SEGMENT))).toHaveLength(3);
  });

  it('has a random key per file: the same bytes seal differently', () => {
    const data = Buffer.from('same bytes');
    const a = sealFile('a_1', data, SEGMENT);
    const b = sealFile('a_1', data, SEGMENT);
    expect(a.fileKey.equals(b.fileKey)).toBe(false);
    expect(a.segments[0]!.equals(b.segments[0]!)).toBe(false);
    expect(a.segments.some((s) => s.includes(data))).toBe(false);
  });

  it('fails as altered when cut short, reordered, extended, moved to another file or altered', async () => {
    const data = randomBytes(3 * SEGMENT + 5);
    const { fileKey, segments } = sealFile('a_1', data, SEGMENT);
    const all = numbered(segments);
    await expectBroken(opened(fileKey, 'a_1', all.slice(0, 3)), /before its last segment/);
    await expectBroken(opened(fileKey, 'a_1', all.slice(1)), /segment 0 is missing/);
    await expectBroken(
      opened(fileKey, 'a_1', [all[1]!, all[0]!, all[2]!, all[3]!]),
      /segment 0 is missing/,
    );
    // Renumbered into place, a segment still does not open where it was not sealed.
    await expectBroken(
      opened(
        fileKey,
        'a_1',
        [all[1]!, all[0]!, all[2]!, all[3]!].map((s, seq) => ({ ...s, seq })),
      ),
      /integrity|altered|authenticate/i,
    );
    await expectBroken(
      opened(fileKey, 'a_1', [...all, { seq: 4, data: segments[3]! }]),
      /after the last one/,
    );
    await expectBroken(opened(fileKey, 'a_2', all), /integrity|altered|authenticate/i);
    const flipped = Buffer.from(segments[2]!);
    flipped[20] = flipped[20]! ^ 1;
    await expectBroken(
      opened(fileKey, 'a_1', numbered([segments[0]!, segments[1]!, flipped, segments[3]!])),
      /integrity|altered|authenticate/i,
    );
  });

  it('does not end a file whose segments fill exactly without its empty last segment', async () => {
    const data = randomBytes(2 * SEGMENT);
    const { fileKey, segments } = sealFile('a_1', data, SEGMENT);
    expect(segments).toHaveLength(3);
    await expectBroken(opened(fileKey, 'a_1', numbered(segments.slice(0, 2))), /before its last/);
  });

  it('refuses bytes after the end and a segment size that is not a positive integer', () => {
    const sealer = createFileSealer('a_1', SEGMENT);
    sealer.end();
    const ended = {
      code: 'invalid_state',
      kind: 'technical',
      message: 'the file was already ended',
    };
    expect(() => sealer.write(Buffer.from('x'))).toThrow(expect.objectContaining(ended));
    expect(() => sealer.end()).toThrow(expect.objectContaining(ended));
    const size = {
      code: 'invalid_argument',
      kind: 'technical',
      message: 'segmentBytes must be a positive integer',
    };
    expect(() => createFileSealer('a_1', 0)).toThrow(expect.objectContaining(size));
    expect(() => createFileSealer('a_1', 1.5)).toThrow(expect.objectContaining(size));
  });

  it('takes segments of one byte, the smallest size', async () => {
    const { fileKey, segments } = sealFile('a_1', Buffer.from('abc'), 1);
    expect(segments).toHaveLength(4);
    expect(await opened(fileKey, 'a_1', numbered(segments))).toEqual(Buffer.from('abc'));
  });

  // Stored files must open after an upgrade: the associated data is a stored format.
  it('seals each segment with file:<id>:<seq>:more, and the last with :last', () => {
    const { fileKey, segments } = sealFile('a_7', Buffer.from('abcd'), 2);
    expect(open(fileKey, segments[0]!, 'file:a_7:0:more')).toEqual(Buffer.from('ab'));
    expect(open(fileKey, segments[1]!, 'file:a_7:1:more')).toEqual(Buffer.from('cd'));
    expect(open(fileKey, segments[2]!, 'file:a_7:2:last')).toEqual(Buffer.alloc(0));
    expect(() => open(fileKey, segments[1]!, 'file:a_7:1:last')).toThrow();
  });
});
