/**
 * POST /api/v1/reports as multipart/form-data (F8 §2), through the real Fastify app
 * over a real SQLite file: the same report as the JSON post with its files as base64,
 * the limits of each part counted as the parts arrive, every malformed body a 4xx
 * naming its part, and nothing stored when a request is refused.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { issueToken } from '../src/access/tokens.js';
import { ATTACHMENTS_MAX } from '../src/intake/report-schema.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { box, u16, u32 } from '../src/verify/media/containers.fixture.js';
import { makeReport, tempDir, testConfig, testLogger } from './helpers.js';

const FILE_MAX = 1000;
const TOTAL_MAX = FILE_MAX * ATTACHMENTS_MAX;

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;
let token: string;

async function boot(env: Record<string, string> = {}) {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(
    testConfig(tmp.dir, {
      TIPWIRE_ATTACHMENT_MAX_BYTES: String(FILE_MAX),
      TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES: String(TOTAL_MAX),
      ...env,
    }),
    { logger: testLogger() },
  );
  app = await createHttpApp(runtime);
  const issued = issueToken(['analyst'], null);
  runtime.store.tokens.insert({ ...issued.record, createdAt: Date.now() });
  token = issued.token;
}

afterEach(async () => {
  await app?.close();
  runtime?.close();
  cleanup?.();
});

interface PartSpec {
  name: string;
  filename?: string;
  type?: string;
  data: string | Buffer;
}

const BOUNDARY = 'tipwire-test-boundary-7f3a';

/** A multipart/form-data body written out by hand, so that tests can break it. */
function multipartBody(parts: PartSpec[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const reportPart = (report: unknown = makeReport()): PartSpec => ({
  name: 'report',
  type: 'application/json',
  data: JSON.stringify(report),
});

const filePart = (
  data: Buffer | string,
  filename = 'photo.jpg',
  type = 'image/jpeg',
): PartSpec => ({
  name: 'file',
  filename,
  type,
  data,
});

const postRaw = (
  payload: Buffer | string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': contentType, ...headers },
    payload,
  });

const postParts = (parts: PartSpec[], headers: Record<string, string> = {}) =>
  postRaw(multipartBody(parts), undefined, headers);

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

const auth = () => ({ authorization: `Bearer ${token}` });

async function reportCount(): Promise<number> {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/reports?limit=200',
    headers: auth(),
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: unknown[] }).items.length;
}

interface Stored {
  contentType: string;
  sizeBytes: number;
  digest: string;
  bytes: Buffer;
}

/** The attachments of a stored report as the API gives them back (case, then download). */
async function storedAttachments(id: string): Promise<Stored[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: auth() });
  expect(res.statusCode).toBe(200);
  const { attachments } = res.json() as {
    attachments: { id: string; contentType: string; sizeBytes: number }[];
  };
  const out: Stored[] = [];
  for (const a of attachments) {
    const file = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/attachments/${a.id}`,
      headers: auth(),
    });
    expect(file.statusCode).toBe(200);
    out.push({
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      digest: String(file.headers.digest),
      bytes: file.rawPayload,
    });
  }
  return out;
}

/** Rows of the database that hold files' bytes: staged uploads and sealed segments. */
const fileRows = () => ({
  staged: runtime.store.files.stagedCount(),
  segments: runtime.store.db.prepare('SELECT count(*) FROM file_segments').pluck().get() as number,
});

/** A refused request leaves no file behind (its files are dropped as it ends). */
async function expectNoFilesLeft(before = { staged: 0, segments: 0 }) {
  const until = Date.now() + 3000;
  while (Date.now() < until && fileRows().staged > before.staged) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(fileRows()).toEqual(before);
}

const errorOf = (res: { json: () => unknown }) =>
  (res.json() as { error: { code: string; issues?: { path: string; message: string }[] } }).error;

describe('a multipart report', () => {
  it('stores the same attachments as the JSON post with the files as base64', async () => {
    await boot();
    const photo = randomBytes(FILE_MAX);
    const notes = Buffer.from('plate 陕A·12345, seen twice\n');
    const viaMultipart = await postParts([
      reportPart(),
      filePart(photo, 'drone.jpg', 'image/jpeg'),
      filePart(notes, 'notes.txt', 'text/plain'),
    ]);
    expect(viaMultipart.statusCode).toBe(201);
    const viaJson = await postJson(
      makeReport({
        attachments: [
          {
            filename: 'drone.jpg',
            contentType: 'image/jpeg',
            dataBase64: photo.toString('base64'),
          },
          {
            filename: 'notes.txt',
            contentType: 'text/plain',
            dataBase64: notes.toString('base64'),
          },
        ],
      }),
    );
    expect(viaJson.statusCode).toBe(201);
    const a = await storedAttachments((viaMultipart.json() as { id: string }).id);
    const b = await storedAttachments((viaJson.json() as { id: string }).id);
    expect(a.map((f) => f.sizeBytes)).toEqual([photo.length, notes.length]);
    expect(a.map((f) => f.contentType)).toEqual(['image/jpeg', 'text/plain']);
    expect(a[0]!.bytes.equals(photo)).toBe(true);
    expect(a[1]!.bytes.equals(notes)).toBe(true);
    expect(
      a.map(({ contentType, sizeBytes, digest }) => ({ contentType, sizeBytes, digest })),
    ).toEqual(b.map(({ contentType, sizeBytes, digest }) => ({ contentType, sizeBytes, digest })));
    // The same answer's shape: id, receipt, completeness, next questions.
    expect(Object.keys(viaMultipart.json() as object)).toEqual(
      Object.keys(viaJson.json() as object),
    );
  });

  it('writes each file as sealed segments while it arrives and sends it back whole', async () => {
    const segment = 4096;
    await boot({
      TIPWIRE_ATTACHMENT_SEGMENT_BYTES: String(segment),
      TIPWIRE_ATTACHMENT_MAX_BYTES: '100000',
      TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES: '200000',
    });
    // Segment boundaries: one byte short of three segments, exactly three, and one more.
    const sizes = [3 * segment - 1, 3 * segment, 3 * segment + 1, 50_000];
    const files = sizes.map((n) => Buffer.alloc(n, 'PLAINTEXT-MARKER '));
    const res = await postParts([
      reportPart(),
      ...files.map((f, i) => filePart(f, `clip${i}.bin`, 'application/octet-stream')),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: string };
    const stored = runtime.store.reports.attachments(id);
    expect(stored.map((a) => a.segmentBytes)).toEqual(sizes.map(() => segment));
    const perFile = runtime.store.db
      .prepare('SELECT count(*) FROM file_segments WHERE attachment_id = ?')
      .pluck();
    expect(stored.map((a) => perFile.get(a.id))).toEqual([3, 4, 4, 13]);
    expect(fileRows().staged).toBe(0);
    // Nothing of the files is in the database in the clear.
    const rows = runtime.store.db.prepare('SELECT data FROM file_segments').pluck().all();
    expect((rows as Buffer[]).some((b) => b.includes('PLAINTEXT-MARKER'))).toBe(false);
    const back = await storedAttachments(id);
    expect(back.map((f) => f.bytes.equals(files[back.indexOf(f)]!))).toEqual(sizes.map(() => true));
    const original = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/attachments/${stored[3]!.id}?copy=original`,
      headers: auth(),
    });
    expect(original.headers['content-length']).toBe('50000');
    expect(original.rawPayload.equals(files[3]!)).toBe(true);
  });

  it('refuses to send a file whose stored segments were altered or cut short', async () => {
    await boot({ TIPWIRE_ATTACHMENT_SEGMENT_BYTES: '4096', TIPWIRE_ATTACHMENT_MAX_BYTES: '20000' });
    const res = await postParts([
      reportPart(),
      filePart(randomBytes(10_000), 'a.bin', 'application/octet-stream'),
    ]);
    const { id } = res.json() as { id: string };
    const [a] = runtime.store.reports.attachments(id);
    const get = () =>
      app.inject({
        method: 'GET',
        url: `/api/v1/reports/${id}/attachments/${a!.id}?copy=original`,
        headers: auth(),
      });
    expect((await get()).statusCode).toBe(200);
    runtime.store.db
      .prepare(
        'UPDATE file_segments SET data = zeroblob(length(data)) WHERE attachment_id = ? AND seq = 0',
      )
      .run(a!.id);
    const altered = await get();
    expect(altered.statusCode).toBe(500);
    expect(errorOf(altered).code).toBe('integrity_failure');
  });

  it('drops the staged copy of a file a resent report already holds, and every file of an identical resend', async () => {
    await boot();
    const photo = randomBytes(600);
    const memo = Buffer.from('second file');
    const first = await postParts(
      [reportPart(makeReport({ externalId: 'case-77' })), filePart(photo)],
      auth(),
    );
    expect(first.statusCode).toBe(201);
    const { id } = first.json() as { id: string };
    const rowsAfterFirst = fileRows();
    const same = await postParts(
      [reportPart(makeReport({ externalId: 'case-77' })), filePart(photo)],
      auth(),
    );
    expect(same.statusCode).toBe(200);
    expect(same.headers['idempotent-replayed']).toBe('true');
    await expectNoFilesLeft(rowsAfterFirst);
    const next = await postParts(
      [
        reportPart(makeReport({ externalId: 'case-77', narrative: 'Two drones now.' })),
        filePart(photo),
        filePart(memo, 'memo.txt', 'text/plain'),
      ],
      auth(),
    );
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).toMatchObject({ id, version: 2 });
    const back = await storedAttachments(id);
    expect(back.map((f) => f.bytes)).toEqual([photo, memo]);
    expect(fileRows()).toEqual({ staged: 0, segments: rowsAfterFirst.segments + 1 });
  });

  // The stripped copy is made from the whole file, so only up to TIPWIRE_MEDIA_MAX_BYTES.
  it.each([
    [0, 'stripped'],
    [1, 'original'],
  ])(
    'sends a phone video without its location by default when it is %i byte(s) over the limit of reading: %s',
    async (over, copy) => {
      const place = Buffer.from('+37.5090+127.0620/');
      const video = Buffer.concat([
        box('ftyp', Buffer.from('mp42'), u32(0), Buffer.from('mp42isom')),
        box('moov', box('udta', box('\xa9xyz', u16(place.length), u16(0x15c7), place))),
        box('mdat', randomBytes(300)),
      ]);
      await boot({
        TIPWIRE_ATTACHMENT_MAX_BYTES: '100000',
        TIPWIRE_MEDIA_MAX_BYTES: String(video.length - over),
      });
      const res = await postParts([reportPart(), filePart(video, 'clip.mp4', 'video/mp4')]);
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json() as { id: string };
      const [a] = runtime.store.reports.attachments(id);
      const get = (query = '') =>
        app.inject({
          method: 'GET',
          url: `/api/v1/reports/${id}/attachments/${a!.id}${query}`,
          headers: auth(),
        });
      const sent = await get();
      expect(sent.headers['x-tipwire-copy']).toBe(copy);
      expect(sent.rawPayload.length).toBe(video.length);
      expect(sent.rawPayload.includes(place)).toBe(copy === 'original');
      // The media data is where it was: offsets into it still hold.
      expect(sent.rawPayload.subarray(-300)).toEqual(video.subarray(-300));
      expect((await get('?copy=original')).rawPayload).toEqual(video);
    },
  );

  it('reads the body a FormData writes, a Chinese filename included', async () => {
    await boot();
    const form = new FormData();
    form.append('report', JSON.stringify(makeReport()));
    form.append(
      'file',
      new Blob([Buffer.from([1, 2, 3])], { type: 'image/png' }),
      '无人机 照片.png',
    );
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await postRaw(
      Buffer.from(await request.arrayBuffer()),
      request.headers.get('content-type')!,
    );
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    const read = await app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: auth() });
    expect((read.json() as { attachments: unknown[] }).attachments).toMatchObject([
      { filename: '无人机 照片.png', contentType: 'image/png', sizeBytes: 3 },
    ]);
  });

  it('takes a report without files', async () => {
    await boot();
    const res = await postParts([reportPart()]);
    expect(res.statusCode).toBe(201);
    expect(await storedAttachments((res.json() as { id: string }).id)).toEqual([]);
  });

  it('takes an empty file', async () => {
    await boot();
    const res = await postParts([
      reportPart(),
      filePart(Buffer.alloc(0), 'empty.bin', 'application/octet-stream'),
    ]);
    expect(res.statusCode).toBe(201);
    const [file] = await storedAttachments((res.json() as { id: string }).id);
    expect(file!.sizeBytes).toBe(0);
  });

  it('takes a file of exactly the per-file limit and refuses one byte more, naming the part', async () => {
    await boot();
    const at = await postParts([reportPart(), filePart(randomBytes(FILE_MAX))]);
    expect(at.statusCode).toBe(201);
    const before = await reportCount();
    const over = await postParts([
      reportPart(),
      filePart(randomBytes(10)),
      filePart(randomBytes(FILE_MAX + 1)),
    ]);
    expect(over.statusCode).toBe(413);
    expect(errorOf(over).code).toBe('body_too_large');
    expect(errorOf(over).issues).toEqual([
      { path: 'file[1]', message: `is larger than ${FILE_MAX} bytes` },
    ]);
    expect(await reportCount()).toBe(before);
  });

  it('refuses the file that takes the files over the total limit', async () => {
    await boot({ TIPWIRE_ATTACHMENTS_TOTAL_MAX_BYTES: String(FILE_MAX + 500) });
    const before = await reportCount();
    const res = await postParts([
      reportPart(),
      filePart(randomBytes(FILE_MAX)),
      filePart(randomBytes(501)),
    ]);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).issues?.[0]?.path).toBe('file[1]');
    expect(errorOf(res).issues?.[0]?.message).toMatch(/together/);
    expect(await reportCount()).toBe(before);
    const within = await postParts([
      reportPart(),
      filePart(randomBytes(FILE_MAX)),
      filePart(randomBytes(500)),
    ]);
    expect(within.statusCode).toBe(201);
  });

  it(`takes ${ATTACHMENTS_MAX} files and refuses one more, naming it`, async () => {
    await boot();
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        filePart(Buffer.from(`file ${i}`), `f${i}.txt`, 'text/plain'),
      );
    const max = await postParts([reportPart(), ...files(ATTACHMENTS_MAX)]);
    expect(max.statusCode).toBe(201);
    expect(await storedAttachments((max.json() as { id: string }).id)).toHaveLength(
      ATTACHMENTS_MAX,
    );
    const before = await reportCount();
    const more = await postParts([reportPart(), ...files(ATTACHMENTS_MAX + 1)]);
    expect(more.statusCode).toBe(413);
    expect(errorOf(more).issues?.[0]?.path).toBe(`file[${ATTACHMENTS_MAX}]`);
    // Many more parts still: refused, never a 5xx.
    const many = await postParts([reportPart(), ...files(ATTACHMENTS_MAX + 30)]);
    expect(many.statusCode).toBe(413);
    expect(await reportCount()).toBe(before);
  });

  it('answers a replay with the same Idempotency-Key with the first answer, from JSON too', async () => {
    await boot();
    const photo = randomBytes(300);
    const parts = [reportPart(), filePart(photo)];
    const first = await postParts(parts, { 'idempotency-key': 'upload-1' });
    expect(first.statusCode).toBe(201);
    const again = await postParts(parts, { 'idempotency-key': 'upload-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // The same report as JSON is the same request.
    const json = await postJson(
      makeReport({
        attachments: [
          {
            filename: 'photo.jpg',
            contentType: 'image/jpeg',
            dataBase64: photo.toString('base64'),
          },
        ],
      }),
      { 'idempotency-key': 'upload-1' },
    );
    expect(json.headers['idempotent-replayed']).toBe('true');
    expect(json.json()).toEqual(first.json());
    // Another file under the same key is another body.
    const other = await postParts([reportPart(), filePart(randomBytes(300))], {
      'idempotency-key': 'upload-1',
    });
    expect(other.statusCode).toBe(422);
    expect(await reportCount()).toBe(1);
  });

  it('tells the form the per-file and total limits', async () => {
    await boot();
    const res = await app.inject({ method: 'GET', url: '/api/v1/reports/limits' });
    expect(res.json()).toMatchObject({
      attachmentMaxBytes: FILE_MAX,
      attachmentsTotalMaxBytes: TOTAL_MAX,
      attachmentsMax: ATTACHMENTS_MAX,
    });
  });
});

describe('a multipart report refused, nothing stored', () => {
  const refusals: [
    string,
    () => Promise<{ statusCode: number; json: () => unknown }>,
    number,
    string,
  ][] = [
    ['no report part', () => postParts([]), 400, 'report'],
    ['only files', () => postParts([filePart('x')]), 400, 'file[0]'],
    ['a file before the report', () => postParts([filePart('x'), reportPart()]), 400, 'file[0]'],
    ['two report parts', () => postParts([reportPart(), reportPart()]), 400, 'report'],
    [
      'an unknown part',
      () => postParts([reportPart(), { name: 'photo', filename: 'a.jpg', data: 'x' }]),
      400,
      'photo',
    ],
    [
      'an unknown plain field',
      () => postParts([reportPart(), { name: 'note', data: 'hello' }]),
      400,
      'note',
    ],
    [
      'a part named after a prototype key',
      () => postParts([reportPart(), { name: '__proto__', data: '{}' }]),
      400,
      'body',
    ],
    [
      'a file without a filename',
      () => postParts([reportPart(), { name: 'file', data: 'x' }]),
      400,
      'file[0]',
    ],
    [
      'a report that is not JSON',
      () => postParts([{ name: 'report', data: '{"channel":"web",' }]),
      400,
      'report',
    ],
    [
      'a report that is an array',
      () => postParts([{ name: 'report', data: '[1]' }]),
      400,
      'report',
    ],
    [
      'a report with a prototype key',
      () =>
        postParts([{ name: 'report', data: '{"channel":"web","narrative":"x","__proto__":{}}' }]),
      400,
      'report',
    ],
    [
      'a report that is not UTF-8',
      () =>
        postParts([
          {
            name: 'report',
            data: Buffer.concat([
              Buffer.from('{"channel":"web","narrative":"caf'),
              Buffer.from([0xe9]),
              Buffer.from('"}'),
            ]),
          },
        ]),
      400,
      'report',
    ],
    [
      'a report nested too deep',
      () => postParts([{ name: 'report', data: `${'['.repeat(40)}${']'.repeat(40)}` }]),
      400,
      'report',
    ],
    [
      'a report missing its narrative',
      () => postParts([reportPart({ channel: 'web' })]),
      400,
      'narrative',
    ],
    [
      'a report carrying base64 attachments',
      () =>
        postParts([
          reportPart(
            makeReport({ attachments: [{ filename: 'a', contentType: 'a/b', dataBase64: '' }] }),
          ),
        ]),
      400,
      'attachments',
    ],
    [
      'a bad content type on a file',
      () => postParts([reportPart(), filePart('x', 'a.bin', 'nonsense')]),
      400,
      'file[0].contentType',
    ],
    [
      'a report part over the body limit',
      () => postParts([reportPart(makeReport({ narrative: 'x'.repeat(5000) }))]),
      413,
      'report',
    ],
    [
      'a body cut short',
      async () => {
        const whole = multipartBody([reportPart(), filePart(randomBytes(200))]);
        return postRaw(whole.subarray(0, whole.length - 60));
      },
      400,
      'body',
    ],
    [
      'a body with another boundary than its Content-Type',
      () => postRaw(multipartBody([reportPart()], 'some-other-boundary')),
      400,
      'body',
    ],
    [
      'no boundary',
      () => postRaw(multipartBody([reportPart()]), 'multipart/form-data'),
      400,
      'header:Content-Type',
    ],
    ['garbage', () => postRaw(randomBytes(500)), 400, 'body'],
    [
      'a malformed part header',
      () => postRaw(`--${BOUNDARY}\r\nContent-Disposition\r\n\r\nx\r\n--${BOUNDARY}--\r\n`),
      400,
      'report',
    ],
  ];

  for (const [what, send, status, path] of refusals) {
    it(`refuses ${what} (${status}, ${path})`, async () => {
      await boot({ TIPWIRE_BODY_LIMIT_BYTES: '4096' });
      const before = await reportCount();
      const res = await send();
      expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
      const error = errorOf(res);
      expect(error.issues?.map((i) => i.path)).toContain(path);
      expect(await reportCount()).toBe(before);
      await expectNoFilesLeft();
    });
  }

  it('keeps 415 for multipart on a route that does not read it, and for other types', async () => {
    await boot();
    const posted = await postParts([reportPart()]);
    const { receipt } = posted.json() as { receipt: string };
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/receipts/${receipt}/messages`,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartBody([{ name: 'text', data: 'more' }]),
    });
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('unsupported_media_type');
    const form = await postRaw('channel=web', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
  });
});

/** Raw bytes over a socket: what came back, and whether it came before `held` was sent. */
function rawExchange(port: number, first: Buffer, held: Buffer, holdMs: number) {
  return new Promise<{ answer: string; beforeRest: boolean; closedAfterMs: number }>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    let restSent = false;
    let beforeRest = false;
    socket.on('data', (d) => {
      if (answer === '') beforeRest = !restSent;
      answer += d.toString('utf8');
    });
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      restSent = true;
      if (!socket.destroyed) socket.write(held);
    }, holdMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, beforeRest, closedAfterMs: Date.now() - started });
    });
    socket.write(first);
  });
}

describe('a multipart body over the network', () => {
  const head = (length: number) =>
    'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n' +
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${length}\r\n\r\n`;

  it('cuts a file off at its limit without waiting for the rest of it', async () => {
    await boot();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as net.AddressInfo).port;
    const body = multipartBody([reportPart(), filePart(randomBytes(FILE_MAX * 50))]);
    const cut = body.length - FILE_MAX * 40; // past the limit, well before the end
    const { answer, beforeRest } = await rawExchange(
      port,
      Buffer.concat([Buffer.from(head(body.length)), body.subarray(0, cut)]),
      body.subarray(cut),
      3000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('file[0]');
    expect(beforeRest).toBe(true);
    expect(await reportCount()).toBe(0);
    await expectNoFilesLeft();
  });

  it('cuts a multipart body still arriving after the caller TTL (408) and stores nothing', async () => {
    await boot({ TIPWIRE_CALLER_TTL_SECONDS: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as net.AddressInfo).port;
    const body = multipartBody([
      reportPart(makeReport({ caller: { phone: '+8613900124077' } })),
      filePart(randomBytes(200)),
    ]);
    const { answer, closedAfterMs } = await rawExchange(
      port,
      Buffer.concat([Buffer.from(head(body.length)), body.subarray(0, -1)]),
      body.subarray(-1),
      2500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(2000);
    expect(await reportCount()).toBe(0);
    await expectNoFilesLeft();
  });
});
