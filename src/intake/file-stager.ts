/**
 * A multipart upload's files, sealed and written to the store while they arrive
 * (protect/sealed-file.ts): a file is never held whole to be sealed or stored. Each is
 * staged under its attachment id, written a segment (TIPWIRE_ATTACHMENT_SEGMENT_BYTES) at a
 * time, and claimed by the transaction that stores its report; a file whose report is
 * refused is discarded, and one cut off by a crash is swept (staged-files job).
 *
 * What intake reads from a file's bytes (media facts, its perceptual hash, Benford's
 * tests) needs them whole: they are kept in memory while the file is at most
 * TIPWIRE_MEDIA_MAX_BYTES and read once it has ended, then let go; a larger file keeps only
 * its first bytes and is `too_large` for reading, as it always was.
 */
import { AppError } from '../domain/errors.js';
import type { IdKind } from '../domain/ids.js';
import type { MediaFacts } from '../domain/media.js';
import { createFileSealer } from '../protect/sealed-file.js';
import type { AsyncRepositories } from '../store/port.js';
import { tooLarge } from '../verify/media/media-facts.js';

/** A file written to the store while it arrived, waiting for its report. */
export interface StagedFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** The key of its segments: sealed into the attachment's facts when the report is stored. */
  fileKey: Buffer;
  segmentBytes: number;
  media: MediaFacts;
}

/** One file being staged: its bytes in order, then `end`, or `abort` to drop it. */
export interface StagingFile {
  readonly sizeBytes: number;
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<StagedFile>;
  abort(): Promise<void>;
}

export interface FileStagerDeps {
  files: Pick<AsyncRepositories['files'], 'stage' | 'append' | 'discard'>;
  newId: (kind: IdKind, nowMs: number) => string;
  clock: () => number;
  /** What intake reads from a whole file's bytes (media-reader.ts). */
  readMedia: (data: Buffer, declaredType: string) => Promise<MediaFacts>;
  /** TIPWIRE_ATTACHMENT_SEGMENT_BYTES. */
  segmentBytes: number;
  /** TIPWIRE_MEDIA_MAX_BYTES: the most bytes of one file held to read its facts. */
  mediaMaxBytes: number;
}

/** Bytes of a file's start kept when the rest is not: enough for its magic bytes. */
const HEAD_BYTES = 64;

export function createFileStager(deps: FileStagerDeps) {
  async function open(filename: string, contentType: string): Promise<StagingFile> {
    const now = deps.clock();
    const id = deps.newId('attachment', now);
    await deps.files.stage(id, now);
    const sealer = createFileSealer(id, deps.segmentBytes);
    let seq = 0;
    let plain: Buffer[] | null = [];
    let head = Buffer.alloc(0);
    let done = false;

    const append = async (segments: Buffer[]) => {
      if (segments.length === 0) return;
      if (!(await deps.files.append(id, seq, segments))) {
        throw new AppError(
          'upload_expired',
          'timeout',
          'the upload took longer than TIPWIRE_STAGED_FILE_TTL_SECONDS and was dropped',
        );
      }
      seq += segments.length;
    };
    const abort = async () => {
      if (done) return;
      done = true;
      plain = null;
      await deps.files.discard(id);
    };

    return {
      get sizeBytes() {
        return sealer.sizeBytes;
      },
      async write(chunk) {
        // Stryker disable next-line EqualityOperator,ConditionalExpression: at 64 bytes the slice below adds none
        if (head.length < HEAD_BYTES) {
          // Stryker disable next-line ArithmeticOperator: a longer head reads the same magic bytes
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        }
        const segments = sealer.write(chunk);
        if (sealer.sizeBytes > deps.mediaMaxBytes) plain = null;
        plain?.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        try {
          await append(segments);
        } catch (err) {
          await abort();
          throw err;
        }
      },
      async end() {
        const { segments, sizeBytes, sha256 } = sealer.end();
        try {
          await append(segments);
        } catch (err) {
          await abort();
          throw err;
        }
        done = true;
        const whole = plain && Buffer.concat(plain, sizeBytes);
        plain = null;
        const media = whole
          ? await deps.readMedia(whole, contentType)
          : tooLarge(head, sizeBytes, deps.mediaMaxBytes);
        return {
          id,
          filename,
          contentType: contentType.toLowerCase(),
          sizeBytes,
          sha256,
          fileKey: sealer.fileKey,
          segmentBytes: sealer.segmentBytes,
          media,
        };
      },
      abort,
    };
  }

  /** Drops staged files whose report was not stored (refused, replayed, already held). */
  async function discard(files: readonly { id: string }[]): Promise<void> {
    for (const f of files) await deps.files.discard(f.id);
  }

  return { open, discard };
}

export type FileStager = ReturnType<typeof createFileStager>;

/** Staged files deleted per query of a sweep. */
const SWEEP_BATCH = 256;

/**
 * Deletes the files staged before `now - ttlMs`: uploads whose request never ended (the
 * server stopped mid-request). Nobody can open them (their keys died with the request).
 */
export async function sweepStagedFiles(
  files: Pick<AsyncRepositories['files'], 'staleStaged' | 'discard'>,
  now: number,
  ttlMs: number,
): Promise<number> {
  let swept = 0;
  for (;;) {
    const stale = await files.staleStaged(now - ttlMs, SWEEP_BATCH);
    for (const id of stale) await files.discard(id);
    swept += stale.length;
    if (stale.length < SWEEP_BATCH) return swept;
  }
}
