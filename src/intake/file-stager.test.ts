import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MediaFacts } from '../domain/media.js';
import { openFileSegments } from '../protect/sealed-file.js';
import { createFileStager, sweepStagedFiles } from './file-stager.js';

/** The files repository in memory: staged ids, their segments and when they were staged. */
function memoryFiles() {
  const staged = new Map<string, number>();
  const segments = new Map<string, Buffer[]>();
  const writes: number[] = [];
  const discarded: string[] = [];
  return {
    staged,
    segments,
    writes,
    discarded,
    stage: async (id: string, at: number) => {
      staged.set(id, at);
      segments.set(id, []);
    },
    append: async (id: string, first: number, added: Buffer[]) => {
      if (!staged.has(id)) return false;
      const list = segments.get(id)!;
      expect(first).toBe(list.length);
      list.push(...added);
      writes.push(added.length);
      return true;
    },
    discard: async (id: string) => {
      discarded.push(id);
      staged.delete(id);
      segments.delete(id);
    },
    staleStaged: async (before: number, limit: number) =>
      [...staged]
        .filter(([, at]) => at < before)
        .map(([id]) => id)
        .slice(0, limit),
  };
}

function stager(files: ReturnType<typeof memoryFiles>, mediaMaxBytes: number) {
  const read: number[] = [];
  let n = 0;
  const s = createFileStager({
    files,
    newId: (kind) => `${kind}_${++n}`,
    clock: () => 5000,
    readMedia: async (data) => {
      read.push(data.length);
      return { detectedType: null, width: null, height: null, rejected: null, exif: null };
    },
    segmentBytes: 8,
    mediaMaxBytes,
  });
  return { s, read };
}

async function upload(
  s: ReturnType<typeof stager>['s'],
  data: Buffer,
  chunk = 5,
  type = 'image/JPEG',
) {
  const file = await s.open('a.jpg', type);
  for (let at = 0; at < data.length; at += chunk) await file.write(data.subarray(at, at + chunk));
  return file.end();
}

describe('the file stager', () => {
  it('writes each segment as soon as it is full, sealed, and ends with the file’s digest and key', async () => {
    const files = memoryFiles();
    const { s } = stager(files, 1000);
    const data = randomBytes(30);
    const staged = await upload(s, data);
    expect(staged).toMatchObject({ id: 'attachment_1', sizeBytes: 30, segmentBytes: 8 });
    expect(staged.contentType).toBe('image/jpeg');
    expect(files.staged.get('attachment_1')).toBe(5000);
    const stored = files.segments.get('attachment_1')!;
    expect(stored).toHaveLength(4);
    // Never more than one segment waits in memory for its write, and no write is empty.
    expect(Math.max(...files.writes)).toBe(1);
    expect(Math.min(...files.writes)).toBe(1);
    const out: Buffer[] = [];
    const numbered = stored.map((d, seq) => ({ seq, data: d }));
    for await (const c of openFileSegments(staged.fileKey, staged.id, numbered)) out.push(c);
    expect(Buffer.concat(out)).toEqual(data);
  });

  // The bytes are held to read the file's facts up to TIPWIRE_MEDIA_MAX_BYTES, not past it.
  it.each([
    [19, 19],
    [20, 20],
    [21, null],
  ])('reads the media facts of a file of %i bytes (max 20) from %s bytes', async (size, read) => {
    const files = memoryFiles();
    const { s, read: reads } = stager(files, 20);
    const staged = await upload(s, randomBytes(size));
    if (read === null) {
      expect(reads).toEqual([]);
      expect(staged.media.rejected).toEqual({
        reason: 'too_large',
        detail: `${size} bytes, more than 20`,
      });
    } else {
      expect(reads).toEqual([read]);
      expect((staged.media as MediaFacts).rejected).toBeNull();
    }
  });

  it('drops an aborted file and stops a file discarded meanwhile with upload_expired', async () => {
    const files = memoryFiles();
    const { s } = stager(files, 1000);
    const aborted = await s.open('a', 'image/jpeg');
    await aborted.write(randomBytes(20));
    await aborted.abort();
    expect(files.staged.size).toBe(0);
    expect(files.segments.size).toBe(0);

    const swept = await s.open('b', 'image/jpeg');
    await swept.write(randomBytes(4));
    await files.discard('attachment_2');
    await expect(swept.write(randomBytes(20))).rejects.toMatchObject({ code: 'upload_expired' });
    expect(files.segments.size).toBe(0);
  });

  it('counts the bytes taken, and keeps a large file’s first bytes to name its type', async () => {
    const files = memoryFiles();
    const { s, read } = stager(files, 20);
    const file = await s.open('big.png', 'image/png');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0', 'latin1'),
      randomBytes(40),
    ]);
    // Three bytes at a time: the magic bytes come in pieces.
    for (let at = 0; at < png.length; at += 3) {
      await file.write(png.subarray(at, at + 3));
      expect(file.sizeBytes).toBe(Math.min(at + 3, png.length));
    }
    const staged = await file.end();
    expect(read).toEqual([]);
    expect(staged.media).toMatchObject({
      detectedType: 'image/png',
      rejected: { reason: 'too_large' },
    });
  });

  it('leaves an ended file staged for its report when aborted after, and discards once', async () => {
    const files = memoryFiles();
    const { s } = stager(files, 1000);
    const file = await s.open('a', 'image/jpeg');
    await file.write(randomBytes(10));
    await file.end();
    await file.abort();
    expect([...files.staged.keys()]).toEqual(['attachment_1']);

    const twice = await s.open('b', 'image/jpeg');
    await twice.abort();
    await twice.abort();
    expect(files.discarded).toEqual(['attachment_2']);

    await s.discard([{ id: 'attachment_1' }]);
    expect(files.staged.size).toBe(0);
  });

  it('stops a file discarded before its end with upload_expired, saying why', async () => {
    const files = memoryFiles();
    const { s } = stager(files, 1000);
    const file = await s.open('a', 'image/jpeg');
    await file.write(randomBytes(3));
    await files.discard('attachment_1');
    files.discarded.length = 0;
    await expect(file.end()).rejects.toMatchObject({
      code: 'upload_expired',
      kind: 'timeout',
      message: 'the upload took longer than TIPWIRE_STAGED_FILE_TTL_SECONDS and was dropped',
    });
    expect(files.discarded).toEqual(['attachment_1']);
  });

  it('sweeps files staged before now − TTL only, in batches', async () => {
    const files = memoryFiles();
    for (let i = 0; i < 300; i++) await files.stage(`old_${i}`, 1000);
    await files.stage('edge', 4000);
    await files.stage('fresh', 4001);
    expect(await sweepStagedFiles(files, 5000, 1000)).toBe(300);
    expect([...files.staged.keys()]).toEqual(['edge', 'fresh']);
    expect(await sweepStagedFiles(files, 5001, 1000)).toBe(1);
    expect([...files.staged.keys()]).toEqual(['fresh']);
  });
});
