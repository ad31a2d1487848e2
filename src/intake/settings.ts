/** Intake's settings: how big and how slow a request may be (its files too), phone numbers, group commit, idempotency. */
import { z } from 'zod';
import { bool, intIn, setting } from '../domain/settings.js';

export const INTAKE_SETTINGS = {
  bodyLimitBytes: setting(
    'TIPWIRE_BODY_LIMIT_BYTES',
    'Largest request body accepted (of a multipart report: its `report` part); larger bodies get 413.',
    intIn(1024, 512 * 1024 * 1024),
    1024 * 1024,
  ),
  attachmentMaxBytes: setting(
    'TIPWIRE_ATTACHMENT_MAX_BYTES',
    'Largest file a report may carry: a multipart `file` part over it is cut off as it arrives and answered 413 naming the part; a base64 file in a JSON body over it is a 400 naming `attachments[i].dataBase64`. A multipart file is sealed and written to the database as it arrives; its bytes are held in memory (once) only up to TIPWIRE_MEDIA_MAX_BYTES, to read its media facts.',
    intIn(1, 512 * 1024 * 1024),
    10 * 1024 * 1024,
  ),
  attachmentsTotalMaxBytes: setting(
    'TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES',
    'Most bytes the files of one report may carry together: the multipart part that goes over is cut off and answered 413; base64 files in a JSON body over it are a 400 naming `attachments`.',
    intIn(1, 2 * 1024 * 1024 * 1024),
    20 * 1024 * 1024,
  ),
  attachmentSegmentBytes: setting(
    'TIPWIRE_ATTACHMENT_SEGMENT_BYTES',
    'Bytes of a file sealed and written as one segment (its own AES-256-GCM seal): an upload is written a segment at a time as it arrives, and a download opens one at a time. Files already stored keep the segment size they were written with.',
    intIn(4096, 64 * 1024 * 1024),
    1024 * 1024,
  ),
  stagedFileTtlSeconds: setting(
    'TIPWIRE_STAGED_FILE_TTL_SECONDS',
    'A multipart file written while it arrived but whose report was never stored (the server stopped mid-request) is deleted this long after it was started, by the staged-files job, which runs this often. Longer than TIPWIRE_CALLER_TTL_SECONDS, the longest an upload may take.',
    intIn(60, 7 * 24 * 3600),
    600,
  ),
  narrativeMaxChars: setting(
    'TIPWIRE_NARRATIVE_MAX_CHARS',
    'Longest narrative accepted, in UTF-16 code units (an emoji or a rare Han character counts 2).',
    intIn(1, 10_000_000),
    100_000,
  ),
  jsonMaxDepth: setting(
    'TIPWIRE_JSON_MAX_DEPTH',
    'Deepest nesting of objects and arrays a JSON body may have (a report needs 3); deeper bodies get 400.',
    intIn(4, 1000),
    32,
  ),
  messageMaxChars: setting(
    'TIPWIRE_MESSAGE_MAX_CHARS',
    'Longest follow-up message (reporter or operator), in characters.',
    intIn(1, 1_000_000),
    10_000,
  ),
  callerTtlSeconds: setting(
    'TIPWIRE_CALLER_TTL_SECONDS',
    'Longest a raw caller number may stay in memory: a request must arrive whole within this time (it is pseudonymized as soon as it has).',
    intIn(1, 30),
    30,
  ),
  defaultPhoneRegion: setting(
    'TIPWIRE_DEFAULT_PHONE_REGION',
    'ISO 3166 region used to read caller numbers written without a country code (e.g. CN, US).',
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 region code such as CN or US')
      .optional(),
    undefined as string | undefined,
  ),
  groupCommit: setting(
    'TIPWIRE_GROUP_COMMIT',
    'Share one fsync between concurrent intake requests (off: one transaction per report).',
    bool,
    true,
  ),
  groupCommitMaxBatch: setting(
    'TIPWIRE_GROUP_COMMIT_MAX_BATCH',
    'Most reports committed in one group-commit transaction.',
    intIn(1, 100_000),
    512,
  ),
  idempotencyTtlHours: setting(
    'TIPWIRE_IDEMPOTENCY_TTL_HOURS',
    'How long an Idempotency-Key and its stored answer are kept.',
    intIn(1, 24 * 365),
    24,
  ),
};

/** `tipwire import`: its batches and its progress display. */
export const BULK_IMPORT_SETTINGS = {
  batchSize: setting(
    'TIPWIRE_IMPORT_BATCH_SIZE',
    'Reports `tipwire import` stores in one transaction; a crash loses at most the batch being written.',
    intIn(1, 100_000),
    2000,
  ),
  pipelineBatchSize: setting(
    'TIPWIRE_IMPORT_PIPELINE_BATCH_SIZE',
    'Pipeline jobs `tipwire import` runs in one transaction while it waits for the pipeline (the server uses TIPWIRE_PIPELINE_BATCH_SIZE).',
    intIn(1, 100_000),
    2000,
  ),
  tokenCacheTerms: setting(
    'TIPWIRE_IMPORT_TOKEN_CACHE_TERMS',
    'Search terms whose blind-index tokens `tipwire import` keeps in memory while it runs, to skip recomputing them (0: none; the server keeps none).',
    intIn(0, 10_000_000),
    100_000,
  ),
  progressIntervalMs: setting(
    'TIPWIRE_IMPORT_PROGRESS_INTERVAL_MS',
    'How often `tipwire import` prints a progress line when stderr is not a terminal.',
    intIn(10, 3_600_000),
    5000,
  ),
  progressRedrawMs: setting(
    'TIPWIRE_IMPORT_PROGRESS_REDRAW_MS',
    'How often `tipwire import` redraws its progress bar when stderr is a terminal.',
    intIn(10, 60_000),
    200,
  ),
};
