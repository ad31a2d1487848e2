/**
 * F8 §9 through the real thing: every file of the hostile corpus (test/hostile-files.ts:
 * decompression bombs, truncated and corrupt images, self-referencing EXIF, polyglots,
 * SVG and HTML with script, empty and random bytes) is uploaded as multipart/form-data
 * to the running server. Each is taken (201) with its report and the file kept sealed as
 * received; each file the corpus expects refused gets its `attachment.rejected` finding
 * naming the reason, the others none; downloading any of them answers (a refused file
 * only as received); and the server stays up and quick to answer through it all.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileFiles } from './hostile-files.js';
import {
  createToken,
  getJson,
  makeReport,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';

let cleanup: () => void;
let server: ServerProcess;
let analyst: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const db = path.join(tmp.dir, 'tipwire.db');
  analyst = createToken(db);
  server = await startServer(db);
});
afterAll(async () => {
  // A clean stop after the corpus: nothing crashed underneath.
  expect(await server?.stop('SIGTERM')).toBe(0);
  cleanup?.();
});

const files = hostileFiles();

describe('the hostile corpus through POST /api/v1/reports (multipart)', () => {
  it('has the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.filter((f) => f.expect !== null).length).toBeGreaterThanOrEqual(20);
  });

  const posted = new Map<string, string>();

  it.each(files.map((f) => [f.name, f] as const))('takes %s', async (_name, file) => {
    const form = new FormData();
    form.append('report', JSON.stringify(makeReport({ narrative: `A file: ${file.why}` })));
    form.append(
      'file',
      new Blob([new Uint8Array(file.data)], { type: file.contentType }),
      file.name,
    );
    const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', body: form });
    const body = (await res.json()) as { id: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    posted.set(file.name, body.id);
  });

  it('gives each refused file its attachment.rejected finding with the reason, and the others none', async () => {
    await waitForPipeline(server.url, analyst, 60_000);
    for (const file of files) {
      const id = posted.get(file.name)!;
      const { status, body } = await getJson(`${server.url}/api/v1/reports/${id}`, analyst);
      expect(status, file.name).toBe(200);
      const report = body as Record<string, any>;
      expect(report.stage, file.name).toBe('done');
      const attachment = report.attachments[0];
      expect(attachment.sizeBytes, file.name).toBe(file.data.length);
      expect(attachment.sha256, file.name).toBe(
        createHash('sha256').update(file.data).digest('hex'),
      );
      const rejected = (report.findings as any[]).filter((f) => f.code === 'attachment.rejected');
      if (file.expect === null) {
        expect(rejected, file.name).toEqual([]);
        expect(attachment.media.rejected, file.name).toBeNull();
      } else {
        expect(attachment.media.rejected?.reason, file.name).toBe(file.expect);
        expect(rejected.length, file.name).toBe(1);
        expect(JSON.stringify(rejected[0].evidence), file.name).toContain(file.expect);
      }
    }
  });

  it('downloads each of them as a file, a refused one only as received', async () => {
    for (const file of files) {
      const id = posted.get(file.name)!;
      const report = (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as any;
      const res = await fetch(
        `${server.url}/api/v1/reports/${id}/attachments/${report.attachments[0].id}`,
        { headers: { authorization: `Bearer ${analyst}` } },
      );
      expect(res.status, file.name).toBe(200);
      expect(res.headers.get('content-type'), file.name).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition'), file.name).toMatch(/^attachment;/);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (file.expect !== null) {
        expect(res.headers.get('x-tipwire-copy'), file.name).toBe('original');
        expect(bytes.equals(file.data), file.name).toBe(true);
      }
    }
    const health = await fetch(`${server.url}/health/live`);
    expect(health.status).toBe(200);
  });
});
