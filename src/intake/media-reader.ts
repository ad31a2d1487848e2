/**
 * What intake reads from a file's bytes before sealing them: the media facts
 * (verify/media: type by magic bytes, pixel size, camera metadata, refusals); for an
 * image that was not refused, its perceptual hash (verify/near-dup), from 32 × 32 grey
 * pixels sharp decodes off the event loop (libuv's pool), never more pixels than
 * TIPWIRE_MEDIA_MAX_PIXELS; for a table sent as CSV or XLSX, Benford's tests over its
 * numeric columns (verify/benford/attached-table.ts) in a worker thread. An XLSX is a ZIP
 * by its bytes: it is a table when declared as one or when its ZIP holds a workbook part. A picture sharp cannot
 * decode has no hash, a table the workers cannot take now has no tests; the report is
 * still taken.
 */
import type { MediaFacts } from '../domain/media.js';
import { createWorkerPool, type WorkerPool } from '../platform/worker-pool.js';
import type { TableBenford } from '../verify/benford/attached-table.js';
import type { BenfordSettings } from '../verify/benford/benford.js';
import { hasWorkbookPart, XLSX_TYPE } from '../verify/benford/xlsx.js';
import { essence, TEXT, ZIP } from '../verify/media/magic.js';
import { mediaFactsOf, type MediaLimits, type ZoneAt } from '../verify/media/media-facts.js';
import { PHASH_SAMPLE, phashOfGrey } from '../verify/near-dup/phash.js';

/** Image types sharp decodes here (its prebuilt libvips): the ones hashed. */
const HASHABLE: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/avif',
]);

/** Declared types of a table sent as CSV (its bytes are text: magic.ts says text/plain). */
const CSV_TYPES: ReadonlySet<string> = new Set([
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
]);

/** A table for the worker: its bytes (transferred), their format and the Benford settings. */
export interface TableTask {
  bytes: Uint8Array;
  format: 'csv' | 'xlsx';
  settings: BenfordSettings & { benfordMinAmount: number };
}

export interface MediaReaderOptions {
  limits: MediaLimits;
  zoneAt: ZoneAt;
  benford: TableTask['settings'];
  /** The compiled table.worker.js. */
  tableWorker: () => URL;
  /**
   * How long one table's tests may run (TIPWIRE_TABLE_ANALYSIS_TIMEOUT_MS): past it the
   * table is stored untested (`not analysed: worker_timeout`) and the worker replaced.
   */
  tableTimeoutMs: number;
}

export function createMediaReader(options: MediaReaderOptions) {
  const { limits, zoneAt } = options;
  let pool: WorkerPool<TableTask, TableBenford> | null = null;
  // Started on the first table: most reports carry none.
  const tables = () =>
    (pool ??= createWorkerPool<TableTask, TableBenford>({
      script: options.tableWorker(),
      size: 1,
      maxQueued: TABLES_QUEUED_MAX,
    }));

  async function benfordOf(
    data: Buffer,
    format: TableTask['format'],
  ): Promise<MediaFacts['benford']> {
    const bytes = new Uint8Array(data);
    try {
      return (await tables().run(
        { bytes, format, settings: options.benford },
        [bytes.buffer as ArrayBuffer],
        { timeoutMs: options.tableTimeoutMs },
      )) as MediaFacts['benford'];
    } catch (err) {
      const name = (err as { code?: string }).code ?? (err as Error).name;
      return { readable: false, reason: `not analysed: ${name}` };
    }
  }

  async function readMedia(data: Buffer, declaredType: string): Promise<MediaFacts> {
    const facts = await mediaFactsOf(data, declaredType, limits, zoneAt);
    if (facts.rejected || !facts.detectedType) return facts;
    if (HASHABLE.has(facts.detectedType)) {
      return { ...facts, phash: await phashOf(data, limits.mediaMaxPixels) };
    }
    if (facts.detectedType === TEXT && CSV_TYPES.has(essence(declaredType))) {
      return { ...facts, benford: await benfordOf(data, 'csv') };
    }
    if (
      facts.detectedType === ZIP &&
      (essence(declaredType) === XLSX_TYPE || hasWorkbookPart(data))
    ) {
      return { ...facts, benford: await benfordOf(data, 'xlsx') };
    }
    return facts;
  }
  return Object.assign(readMedia, { close: async () => pool?.close() });
}

/** Tables waiting for the table worker at most; beyond, a table is stored untested. */
export const TABLES_QUEUED_MAX = 16;

/**
 * sharp (libvips), loaded on the first image: a command that decodes none (`token`,
 * `export`) does not pay its ~90 ms of loading. A server loads it before it listens.
 */
export async function loadImageDecoder(): Promise<(typeof import('sharp'))['default']> {
  return (await import('sharp')).default;
}

/** The image's perceptual hash; null when sharp cannot decode it or it is flat. */
export async function phashOf(data: Buffer, maxPixels: number): Promise<string | null> {
  const sharp = await loadImageDecoder();
  try {
    const grey = await sharp(data, { limitInputPixels: maxPixels, failOn: 'error' })
      .greyscale()
      .resize(PHASH_SAMPLE, PHASH_SAMPLE, { fit: 'fill' })
      .rotate()
      .raw()
      .toBuffer();
    return phashOfGrey(new Uint8Array(grey));
  } catch {
    return null;
  }
}
