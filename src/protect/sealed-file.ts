/**
 * A file sealed as it arrives: cut into segments of `segmentBytes`, each sealed on its
 * own (AES-256-GCM, envelope.ts `seal`) under the file's own random key, so a file is
 * never held whole to be sealed, and one part of it can be opened without the rest.
 *
 * Each segment's associated data names the file, the segment's place and whether it is
 * the last (`file:<attachmentId>:<seq>:last|more`): a segment moved to another file or
 * place, segments dropped from the end (truncation), reordered or appended after the last
 * one make opening fail with `integrity_failure`. A file always ends in exactly one
 * `last` segment (empty when the file is empty or fills its segments exactly).
 *
 * The file key is kept only inside the attachment's sealed facts, under the report's
 * data key (vault.ts): erasing the report's data key erases the file's too, and a file
 * whose report was never stored (staged, then refused or cut off by a crash) can never be
 * opened by anyone, not even before it is swept.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import { DATA_KEY_BYTES, open, seal } from './envelope.js';
import { secureRandom } from './random.js';

const aad = (attachmentId: string, seq: number, last: boolean) =>
  `file:${attachmentId}:${seq}:${last ? 'last' : 'more'}`;

export interface FileSealer {
  /** The file's own key (random; sealed into its facts, never stored in the clear). */
  readonly fileKey: Buffer;
  readonly segmentBytes: number;
  /** Takes the next bytes; gives the segments they completed, sealed, in order. */
  write(chunk: Uint8Array): Buffer[];
  /** Ends the file: gives its last segment, sealed; its size and SHA-256 (hex). */
  end(): { segments: Buffer[]; sizeBytes: number; sha256: string };
  /** Bytes taken so far. */
  readonly sizeBytes: number;
}

/** Seals one file, segment by segment, as its bytes come. */
export function createFileSealer(attachmentId: string, segmentBytes: number): FileSealer {
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) {
    throw new AppError('invalid_argument', 'technical', 'segmentBytes must be a positive integer');
  }
  const fileKey = secureRandom(DATA_KEY_BYTES);
  const hash = createHash('sha256');
  const pending = Buffer.alloc(segmentBytes);
  let filled = 0;
  let seq = 0;
  let size = 0;
  let ended = false;
  const sealNext = (plain: Buffer, last: boolean) =>
    seal(fileKey, plain, aad(attachmentId, seq++, last));

  return {
    fileKey,
    segmentBytes,
    get sizeBytes() {
      return size;
    },
    write(chunk) {
      if (ended) throw new AppError('invalid_state', 'technical', 'the file was already ended');
      hash.update(chunk);
      size += chunk.length;
      const out: Buffer[] = [];
      let offset = 0;
      while (offset < chunk.length) {
        // A full segment is sealed only once more bytes follow: the last one must say so.
        if (filled === segmentBytes) {
          out.push(sealNext(pending, false));
          filled = 0;
        }
        const take = Math.min(segmentBytes - filled, chunk.length - offset);
        pending.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
      return out;
    },
    end() {
      if (ended) throw new AppError('invalid_state', 'technical', 'the file was already ended');
      ended = true;
      const segments: Buffer[] = [];
      if (filled === segmentBytes) {
        segments.push(sealNext(pending, false));
        filled = 0;
      }
      segments.push(sealNext(pending.subarray(0, filled), true));
      return { segments, sizeBytes: size, sha256: hash.digest('hex') };
    },
  };
}

/** A whole file in memory, sealed: what a base64 attachment in a JSON body becomes. */
export function sealFile(attachmentId: string, data: Uint8Array, segmentBytes: number) {
  const sealer = createFileSealer(attachmentId, segmentBytes);
  const first = sealer.write(data);
  const { segments, sizeBytes, sha256 } = sealer.end();
  return { fileKey: sealer.fileKey, segments: [...first, ...segments], sizeBytes, sha256 };
}

const broken = (message: string) =>
  new AppError('integrity_failure', 'technical', `sealed file: ${message}`);

/**
 * The plaintext of segments `first`… of a file, in order, as they are opened. Checks
 * that the segments are the file's own, in their places, and (when `wholeToEnd`) that
 * the last one given is the file's last: a file cut short fails as altered.
 */
export async function* openFileSegments(
  fileKey: Buffer,
  attachmentId: string,
  segments: AsyncIterable<{ seq: number; data: Buffer }> | Iterable<{ seq: number; data: Buffer }>,
  options: { first?: number; wholeToEnd?: boolean } = {},
): AsyncGenerator<Buffer> {
  let expected = options.first ?? 0;
  let sawLast = false;
  for await (const { seq, data } of segments) {
    if (sawLast) throw broken('a segment after the last one');
    if (seq !== expected) throw broken(`segment ${expected} is missing`);
    // A segment is either "more" or "last": the tag says which without trusting the store.
    let plain: Buffer;
    try {
      plain = open(fileKey, data, aad(attachmentId, seq, false));
    } catch {
      plain = open(fileKey, data, aad(attachmentId, seq, true));
      sawLast = true;
    }
    expected += 1;
    yield plain;
  }
  if ((options.wholeToEnd ?? true) && !sawLast) throw broken('it ends before its last segment');
}
