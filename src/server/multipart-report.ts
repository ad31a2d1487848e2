/**
 * A report sent as `multipart/form-data` (@fastify/multipart over busboy), read into
 * the same Report JSON a JSON post carries, files as base64, so intake sees one
 * shape whatever the encoding: the same validation, idempotency hash, limits and
 * answer. Parts: one `report` (the Report JSON without `attachments`), then zero or
 * more `file` parts (filename and Content-Type from their headers). The report part
 * must come first, so a bad report is refused before any file is read.
 *
 * Every part is read as a stream (busboy's `isPartAFile` for all of them), counted as
 * it arrives and cut off — the stream destroyed, the request unpiped — at its limit:
 * the report part at TIPWIRE_BODY_LIMIT_BYTES, a file at TIPWIRE_ATTACHMENT_MAX_BYTES,
 * the files together at TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES. A file's bytes go to
 * intake's file stager as they arrive: sealed and written to the store a segment at a
 * time (intake/file-stager.ts), never gathered into one buffer here. A refused or
 * broken request discards the files it staged; intake discards those its report did
 * not take.
 */
// The plugin's types add `parts()` and `isMultipart()` to the request.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, validationError, type FieldIssue } from '../domain/errors.js';
import type { FileStager, StagedFile, StagingFile } from '../intake/file-stager.js';
import { fieldIssues, fileHeader } from '../intake/report-schema.js';
import { checkedJsonText } from './json-body.js';

export interface MultipartLimits {
  /** The report part's largest size (TIPWIRE_BODY_LIMIT_BYTES). */
  reportMaxBytes: number;
  /** One file's largest size (TIPWIRE_ATTACHMENT_MAX_BYTES). */
  fileMaxBytes: number;
  /** All files together (TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES). */
  filesTotalMaxBytes: number;
  /** Most files (ATTACHMENTS_MAX). */
  filesMax: number;
  /** Deepest nesting of the report part's JSON (TIPWIRE_JSON_MAX_DEPTH). */
  jsonMaxDepth: number;
}

/**
 * busboy's own limits, the backstop behind the exact counts below: every part is a
 * stream; a part one byte over the largest limit is truncated by busboy; the parts
 * after the report and one file too many are not parsed; few headers per part.
 */
export function multipartPluginOptions(limits: MultipartLimits) {
  return {
    isPartAFile: () => true,
    throwFileSizeLimit: false,
    limits: {
      fileSize: Math.max(limits.reportMaxBytes, limits.fileMaxBytes) + 1,
      files: limits.filesMax + 2,
      parts: limits.filesMax + 2,
      fields: 0,
      headerPairs: 16,
      headerSize: 16 * 1024,
    },
  };
}

interface Part {
  fieldname?: string;
  filename?: string;
  mimetype?: string;
  file?: Readable;
}

const tooLarge = (path: string, message: string) =>
  new AppError('body_too_large', 'input', `${path}: ${message}`, [{ path, message }]);

const malformed = (message: string) =>
  new AppError('malformed_multipart', 'input', `body: ${message}`, [{ path: 'body', message }]);

/** A part name short and plain enough to name in an answer; else its position. */
const partPath = (name: string | undefined, position: number) =>
  name !== undefined && /^[A-Za-z0-9_.[\]-]{1,64}$/.test(name) ? name : `part[${position}]`;

/**
 * Each chunk of a part to `take`, or 413 as soon as the part goes over `max` (the rest
 * is never read). Returns its size.
 */
async function readAtMost(
  stream: Readable,
  max: number,
  over: () => AppError,
  take: (chunk: Buffer) => void | Promise<void>,
): Promise<number> {
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw over();
    }
    await take(chunk as Buffer);
  }
  // busboy stops a part at its own limit (one byte over ours) without an error.
  if ((stream as Readable & { truncated?: boolean }).truncated) throw over();
  return size;
}

/** A part's bytes in one buffer (the report part: at most TIPWIRE_BODY_LIMIT_BYTES). */
async function bytesOf(stream: Readable, max: number, over: () => AppError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const size = await readAtMost(stream, max, over, (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks, size);
}

/** The errors of busboy and the plugin, as the 4xx they are (all come from the request). */
function asClientError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  switch (code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return tooLarge('body', 'has more parts than one report and its files');
    case 'FST_PROTO_VIOLATION':
      return validationError([{ path: 'body', message: 'has a part this route does not read' }]);
    case 'FST_MP_PREMATURE_CLOSE':
      return malformed('ended before the multipart body was complete');
  }
  if (message === 'Multipart: Boundary not found') {
    return validationError([
      { path: 'header:Content-Type', message: 'multipart/form-data needs a boundary parameter' },
    ]);
  }
  // "Unexpected end of multipart data", "Part terminated early", "Malformed part header"…
  return malformed(
    'is not a complete multipart/form-data body (cut short, malformed, or its boundary is not the one in Content-Type)',
  );
}

/** `attachments.3.filename` → `file[3].filename`: the multipart sender's name for it. */
export function multipartIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    ...issue,
    path: issue.path.replace(/^attachments\.(\d+)/, 'file[$1]'),
  }));
}

export interface MultipartReportDeps {
  limits: MultipartLimits;
  /** Fastify's JSON parser (refuses `__proto__` and `constructor` keys). */
  parseJson: (text: string) => unknown;
  /** Refuses a bad report before its files are read (a 400 naming the field). */
  checkReport: (report: unknown) => void;
  /** Seals and writes each file as it arrives (intake/file-stager.ts). */
  stager: Pick<FileStager, 'open' | 'discard'>;
}

/**
 * The Report JSON of a multipart request (without `attachments`) and its files, staged
 * in the store as they arrived: for intake's `submit`, which stores them as it would
 * the same files sent as base64.
 */
export async function readMultipartReport(
  request: FastifyRequest,
  deps: MultipartReportDeps,
): Promise<{ report: Record<string, unknown>; files: StagedFile[] }> {
  const { limits } = deps;
  let report: Record<string, unknown> | undefined;
  const files: StagedFile[] = [];
  let filesBytes = 0;
  let position = 0;
  let staging: StagingFile | null = null;
  try {
    for await (const raw of request.parts()) {
      const part = raw as Part;
      const stream = part.file;
      const refuse = (error: AppError) => {
        stream?.destroy();
        return error;
      };
      if (!stream) throw refuse(validationError([{ path: 'body', message: 'has a form field' }]));
      if (part.fieldname === 'report') {
        if (report !== undefined) {
          throw refuse(validationError([{ path: 'report', message: 'must be sent once' }]));
        }
        if (files.length > 0) {
          throw refuse(
            validationError([{ path: 'report', message: 'must come before the file parts' }]),
          );
        }
        const bytes = await bytesOf(stream, limits.reportMaxBytes, () =>
          tooLarge('report', `is larger than ${limits.reportMaxBytes} bytes`),
        );
        report = parseReport(bytes, deps);
      } else if (part.fieldname === 'file') {
        const path = `file[${files.length}]`;
        if (report === undefined) {
          throw refuse(
            validationError([
              { path, message: 'comes before the report part; send the report part first' },
            ]),
          );
        }
        if (files.length >= limits.filesMax) {
          throw refuse(tooLarge(path, `is one file too many (at most ${limits.filesMax})`));
        }
        if (!part.filename) {
          throw refuse(validationError([{ path, message: 'needs a filename' }]));
        }
        const header = {
          filename: part.filename,
          contentType: part.mimetype ?? 'application/octet-stream',
        };
        const checked = fileHeader.safeParse(header);
        if (!checked.success) {
          throw refuse(
            validationError(
              fieldIssues(checked.error, header).map((i) => ({ ...i, path: `${path}.${i.path}` })),
            ),
          );
        }
        const room = limits.filesTotalMaxBytes - filesBytes;
        const max = Math.min(limits.fileMaxBytes, room);
        // As the JSON post's schema reads it (a name trimmed): the same file, the same report.
        const file = await deps.stager.open(checked.data.filename, checked.data.contentType);
        staging = file;
        const size = await readAtMost(
          stream,
          max,
          () =>
            tooLarge(
              path,
              room < limits.fileMaxBytes
                ? `takes the files over ${limits.filesTotalMaxBytes} bytes together`
                : `is larger than ${limits.fileMaxBytes} bytes`,
            ),
          (chunk) => file.write(chunk),
        );
        filesBytes += size;
        files.push(await file.end());
        staging = null;
      } else {
        throw refuse(
          validationError([
            {
              path: partPath(part.fieldname, position),
              message: 'is not a part this route reads (one "report", then "file" parts)',
            },
          ]),
        );
      }
      position += 1;
    }
    if (report === undefined) {
      throw validationError([
        { path: 'report', message: 'is required (a part holding the Report JSON)' },
      ]);
    }
    return { report, files };
  } catch (err) {
    await (staging as StagingFile | null)?.abort();
    await deps.stager.discard(files);
    throw asClientError(err);
  }
}

/** The report part: UTF-8, not too deep, JSON, an object, valid without its files. */
function parseReport(bytes: Buffer, deps: MultipartReportDeps): Record<string, unknown> {
  const text = checkedJsonText(bytes, deps.limits.jsonMaxDepth, 'report');
  let value: unknown;
  try {
    value = deps.parseJson(text);
  } catch {
    throw validationError([{ path: 'report', message: 'is not valid JSON' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw validationError([{ path: 'report', message: 'must be a JSON object (the Report JSON)' }]);
  }
  deps.checkReport(value);
  return value as Record<string, unknown>;
}
