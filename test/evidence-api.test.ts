/**
 * F8's evidence checks through the real server: a photo's metadata read at intake
 * (its capture time and offset, GPS, software), findings from it (`exif.time_mismatch`
 * one hour off the claim, `exif.clock_zone_mismatch` for a camera clock an hour off
 * its own GPS zone), the capture time as one more time source (`time.contradiction`),
 * an image or a narrative reused by another caller (`media.reused`, not for the same
 * caller), and the download: a copy without the metadata by default, the file as received
 * on asking.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReportAs,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';
import { apparentSun } from '../src/verify/sun/position.js';
import { XLSX_TYPE } from '../src/verify/benford/xlsx.js';
import { evenFirstDigits, makeXlsx, withDeclaredSize } from './make-xlsx.js';
import { sharedFixtures } from './shared-fixtures.js';

const jpeg = (name: string) => readFileSync(path.join(sharedFixtures(), 'exif-jpeg', name));

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
  await server?.stop();
  cleanup?.();
});

/** Posts as a signed-in analyst (who may state receivedAt, as a partner would). */
const post = (body: Record<string, unknown>) => postReportAs(server.url, analyst, body);

const file = (filename: string, data: Buffer, contentType = 'image/jpeg') => ({
  filename,
  contentType,
  dataBase64: data.toString('base64'),
});

async function read(id: string) {
  await waitForPipeline(server.url, analyst);
  return (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body as Record<string, any>;
}

const codes = (report: Record<string, any>) =>
  (report.findings as { code: string }[]).map((f) => f.code).sort();

describe('a photo’s metadata as evidence', () => {
  // GPS.jpg: taken 2002-07-13 15:58:28 local, GPS time 14:58:24 UTC (camera at +01:00),
  // at 54.98967 N 1.91417 W, saved by Adobe Photoshop 7.0.
  const capture = Date.parse('2002-07-13T14:58:28Z');
  const around = (offsetMs: number) =>
    makeReport({
      observedAt: new Date(capture + offsetMs).toISOString(),
      precisionSeconds: 60,
      location: { lat: 54.9897, lon: -1.9142, accuracyMeters: 100 },
      receivedAt: new Date(capture + 2 * 3_600_000).toISOString(),
      attachments: [file('gps.jpg', jpeg('GPS.jpg'))],
    });

  it('reads the capture time, offset, GPS and software at intake and shows them on the case', async () => {
    const report = await read(await post(around(0)));
    const media = report.attachments[0].media;
    expect(media.detectedType).toBe('image/jpeg');
    expect(media.rejected).toBeNull();
    expect(media.exif.takenAt).toBe(capture);
    expect(media.exif.takenAtOffsetMinutes).toBe(60);
    expect(media.exif.gps.lat).toBeCloseTo(54.98967, 4);
    expect(media.exif.gps.lon).toBeCloseTo(-1.91417, 4);
    expect(media.exif.software).toBe('Adobe Photoshop 7.0');
    expect(codes(report)).not.toContain('exif.time_mismatch');
    expect(codes(report)).toContain('exif.edited');
  });

  it('finds exif.time_mismatch and a time contradiction when the claim is an hour off', async () => {
    const report = await read(await post(around(3_600_000)));
    const mismatch = report.findings.find((f: { code: string }) => f.code === 'exif.time_mismatch');
    expect(mismatch).toMatchObject({ severity: expect.any(String), evidence: expect.any(Object) });
    expect(codes(report)).toContain('time.contradiction');
    expect(report.flags).toContain('exif.time_mismatch');
    // The finding weighs in the incident's confidence, and the breakdown says so.
    const incident = (await getJson(`${server.url}/api/v1/incidents/${report.incidentId}`, analyst))
      .body as Record<string, any>;
    const term = incident.confidenceBreakdown.terms.find(
      (t: { code: string; detail: string }) =>
        t.code === 'finding' && t.detail === 'exif.time_mismatch',
    );
    expect(term.weight).toBeLessThan(0);
    expect(term.text.en).toContain('exif.time_mismatch');
  });

  it('finds exif.clock_zone_mismatch for a camera clock an hour off its GPS zone (Ricoh2.jpg)', async () => {
    // Local 11:48:48, GPS 10:47:24 UTC: the clock says +01:00 where Spain kept +02:00.
    const report = await read(
      await post(
        makeReport({
          observedAt: '2006-05-26T09:48:00Z',
          location: { lat: 42.0346, lon: -0.5075, accuracyMeters: 200 },
          receivedAt: '2006-05-26T12:00:00Z',
          attachments: [file('r.jpg', jpeg('Ricoh2.jpg'))],
        }),
      ),
    );
    expect(report.attachments[0].media.exif.cameraOffsetMinutes).toBe(60);
    expect(report.attachments[0].media.exif.gpsZone.offsetMinutes).toBe(120);
    expect(codes(report)).toContain('exif.clock_zone_mismatch');
  });
});

describe('the download', () => {
  it('sends a copy without the metadata by default and the file as received on asking', async () => {
    const original = jpeg('GPS.jpg');
    const report = await read(await post(makeReport({ attachments: [file('g.jpg', original)] })));
    const url = `${server.url}/api/v1/reports/${report.id}/attachments/${report.attachments[0].id}`;
    const headers = { authorization: `Bearer ${analyst}` };
    const digest = (b: Buffer) => `sha-256=${createHash('sha256').update(b).digest('base64')}`;

    const stripped = await fetch(url, { headers });
    expect(stripped.status).toBe(200);
    expect(stripped.headers.get('x-tipwire-copy')).toBe('stripped');
    expect(stripped.headers.get('content-disposition')).toMatch(/^attachment;/);
    const copy = Buffer.from(await stripped.arrayBuffer());
    expect(stripped.headers.get('digest')).toBe(digest(copy));
    expect(stripped.headers.get('x-tipwire-original-digest')).toBe(digest(original));
    const dir = mkdtempSync(path.join(tmpdir(), 'tipwire-strip-'));
    writeFileSync(path.join(dir, 'copy.jpg'), copy);
    const tags = JSON.parse(
      execFileSync(
        'exiftool',
        [
          '-j',
          '-n',
          '-GPSLatitude',
          '-Make',
          '-DateTimeOriginal',
          '-Software',
          path.join(dir, 'copy.jpg'),
        ],
        {
          encoding: 'utf8',
        },
      ),
    )[0];
    expect(tags.GPSLatitude).toBeUndefined();
    expect(tags.Make).toBeUndefined();
    expect(tags.DateTimeOriginal).toBeUndefined();
    expect((await sharp(copy).metadata()).width).toBe(120);

    const asReceived = await fetch(`${url}?copy=original`, { headers });
    expect(asReceived.headers.get('x-tipwire-copy')).toBe('original');
    expect(Buffer.from(await asReceived.arrayBuffer())).toEqual(original);
    expect(asReceived.headers.get('digest')).toBe(digest(original));

    const bad = await fetch(`${url}?copy=raw`, { headers });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('copy');
  });
});

/** A picture with structure (pHash needs some), different for each seed. */
function picture(seed: number): Promise<Buffer> {
  const circles = [0, 1, 2, 3]
    .map((i) => {
      const x = (seed * 73 + i * 91) % 320;
      const y = (seed * 37 + i * 53) % 240;
      return `<circle cx="${x}" cy="${y}" r="${30 + ((seed + i) % 5) * 12}" fill="#${((seed * 2654435761 + i * 40503) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}"/>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="#${(seed * 1234567).toString(16).padStart(6, '0').slice(-6)}"/>${circles}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

describe('an image reused from an earlier report', () => {
  it('is media.reused for another caller, naming the earlier report, and not for the same caller', async () => {
    const first = await picture(11);
    // Forwarded through a messenger: shrunk and re-encoded (4 bits apart for this picture).
    const forwarded = await sharp(first).resize({ width: 240 }).jpeg({ quality: 70 }).toBuffer();
    // Each in its own words: this file posts the default narrative often (media.reused too).
    const a = await post(
      makeReport({
        caller: { phone: '+8613800138001' },
        narrative: 'Smoke over the bus station, photo attached.',
        attachments: [file('a.jpg', first)],
      }),
    );
    const sameCaller = await post(
      makeReport({
        caller: { phone: '+8613800138001' },
        narrative: 'Sending my picture once more in case it did not arrive.',
        attachments: [file('b.jpg', forwarded)],
      }),
    );
    const other = await post(
      makeReport({
        caller: { phone: '+8613900139002' },
        narrative: 'Someone in our group chat shared this, is it real?',
        attachments: [file('c.jpg', forwarded)],
      }),
    );
    const unrelated = await post(
      makeReport({
        caller: { phone: '+8613700137003' },
        narrative: 'A burst water main floods the underpass near the market.',
        attachments: [file('d.jpg', await picture(29))],
      }),
    );
    expect(codes(await read(a))).not.toContain('media.reused');
    expect(codes(await read(sameCaller))).not.toContain('media.reused');
    expect(codes(await read(unrelated))).not.toContain('media.reused');
    const reused = (await read(other)).findings.find(
      (f: { code: string }) => f.code === 'media.reused',
    );
    expect(reused.evidence.matches.map((m: { reportId: string }) => m.reportId)).toEqual(
      expect.arrayContaining([a]),
    );
    expect(reused.evidence.kind).toBe('image');
    expect(
      reused.evidence.matches.every((m: { distanceBits: number }) => m.distanceBits <= 6),
    ).toBe(true);
  });
});

describe('a narrative copied from an earlier report', () => {
  const MESSAGE =
    'Around nine in the evening a white van without plates stopped twice outside the north ' +
    'gate of the grain depot, two men in grey jackets carried long boxes into the side door, ' +
    'and the guard on duty waved them through without checking any papers.';
  const from = (phone: string, narrative: string) =>
    makeReport({ channel: 'phone', caller: { phone }, narrative });
  const textReuse = (report: Record<string, any>) =>
    (report.findings as { code: string; evidence: Record<string, any> }[]).filter(
      (f) => f.code === 'media.reused' && f.evidence.kind === 'text',
    );

  it('is media.reused of kind text for another caller, one word changed, naming the earlier report', async () => {
    const first = await post(from('+8613600136001', MESSAGE));
    expect(textReuse(await read(first))).toEqual([]);
    // The same caller sending it again is one source: not reuse.
    const again = await post(from('+8613600136001', MESSAGE));
    expect(textReuse(await read(again))).toEqual([]);
    // Another caller, one word changed.
    const copy = await post(from('+8613600136002', MESSAGE.replace('white van', 'blue van')));
    const copied = await read(copy);
    const [finding, ...more] = textReuse(copied);
    expect(more).toEqual([]);
    expect(finding!.evidence.minSimilarity).toBe(0.6);
    const matches = finding!.evidence.matches as { reportId: string; similarity: number }[];
    expect(matches.map((m) => m.reportId)).toEqual(expect.arrayContaining([first, again]));
    expect(finding!.evidence.matchCount).toBe(2);
    // About 0.92 alike (3 of some 78 shingles differ); the 64-slot sketch's estimate may say
    // 1 (all slots agree: about once in 200 keys), so only the threshold is pinned here.
    for (const m of matches) expect(m.similarity).toBeGreaterThanOrEqual(0.6);
    expect(copied.flags).toContain('media.reused');
    // Identifiers and numbers only: none of the text.
    expect(JSON.stringify(finding)).not.toMatch(/grain depot|van|papers/);
  });

  it('is not media.reused for a narrative in other words', async () => {
    // A copy from a third caller is reuse (of the reports above) …
    expect(textReuse(await read(await post(from('+8613600136003', MESSAGE))))).toHaveLength(1);
    // … a narrative of the same scene in other words is not.
    const other = await post(
      from(
        '+8613600136004',
        'Two men in grey jackets unloaded long boxes at the depot tonight; the guard let them in.',
      ),
    );
    expect(textReuse(await read(other))).toEqual([]);
  });
});

describe('an analyst’s evidence on the photo, for the sun checks', () => {
  const put = (id: string, body: unknown) =>
    fetch(`${server.url}/api/v1/reports/${id}/sun-evidence`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('finds sun.night_photo for a daylight photo claimed at night, and clears it with the evidence', async () => {
    // 21:10 in Xi'an on 20 November: the sun is far below the horizon.
    const id = await post(
      makeReport({
        observedAt: '2026-11-20T21:10:00+08:00',
        precisionSeconds: 600,
        attachments: [file('p.jpg', await picture(5))],
      }),
    );
    expect(codes(await read(id))).not.toContain('sun.night_photo');
    const res = await put(id, { daylightPhoto: true, shadow: null });
    expect(res.status).toBe(200);
    const night = (await read(id)).findings.find(
      (f: { code: string }) => f.code === 'sun.night_photo',
    );
    expect(night.evidence.highestAltitudeDegrees).toBeLessThan(-6);
    // Taking it back (no daylight claim, no shadow) clears the evidence.
    expect((await put(id, { daylightPhoto: false, shadow: null })).status).toBe(200);
    expect(codes(await read(id))).not.toContain('sun.night_photo');
  });

  it('finds sun.shadow_mismatch for a shadow that fits no claimed time, with when it fits that day', async () => {
    // Noon in Xi'an on 21 June: shadows point north; one pointing east fits the afternoon.
    const id = await post(
      makeReport({
        observedAt: '2026-06-21T12:00:00+08:00',
        precisionSeconds: 600,
        attachments: [file('p.jpg', await picture(6))],
      }),
    );
    expect((await put(id, { daylightPhoto: true, shadow: { bearing: 90 } })).status).toBe(200);
    const report = await read(id);
    expect(codes(report)).not.toContain('sun.night_photo');
    const shadow = report.findings.find((f: { code: string }) => f.code === 'sun.shadow_mismatch');
    expect(shadow.evidence.fitsThatDay.length).toBeGreaterThan(0);
    expect(shadow.evidence.fitsThatDay[0].from).toBeGreaterThan(
      Date.parse('2026-06-21T12:10:00+08:00'),
    );
    // The shadow the sun casts at the claimed time fits: no finding.
    const sun = apparentSun(Date.parse('2026-06-21T12:00:00+08:00'), 34.261, 108.942);
    await put(id, { daylightPhoto: true, shadow: { bearing: (sun.azimuth + 180) % 360 } });
    expect(codes(await read(id))).not.toContain('sun.shadow_mismatch');
  });

  it('refuses evidence it cannot use, naming the field, and keeps what was stored', async () => {
    const id = await post(makeReport());
    const bad = await put(id, { daylightPhoto: true, shadow: { bearing: 400 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('shadow.bearing');
    expect((await put(id, { daylight: true })).status).toBe(400);
  });
});

describe('an attached table, tested against Benford’s law', () => {
  const upload = async (bytes: Uint8Array, type: string, name: string) => {
    const form = new FormData();
    form.append('report', JSON.stringify(makeReport({ narrative: 'The invoices I mentioned.' })));
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    return read(((await res.json()) as { id: string }).id);
  };
  const uploadCsv = (name: string) =>
    upload(readFileSync(path.join(sharedFixtures(), 'benford', name)), 'text/csv', name);
  /** A workbook of invoices: a rising number, a vendor's name and amounts not Benford's. */
  const WORKBOOK = makeXlsx([
    ['Invoice', 'Vendor', 'Amount'],
    ...Array.from({ length: 3000 }, (_, i) => [i + 1, `vendor ${i % 13}`, evenFirstDigits(i)]),
  ]);
  /** The report's one benford.nonconforming finding, on its first attachment's column. */
  const nonconforming = (report: Record<string, any>) => {
    const found = (report.findings as { code: string; evidence: unknown }[]).filter(
      (f) => f.code === 'benford.nonconforming',
    );
    expect(found).toHaveLength(1);
    return found[0]!.evidence;
  };

  it('finds benford.nonconforming for the corporate payments (first two digits), naming the column', async () => {
    const report = await uploadCsv('corporate.payment.csv');
    const benford = report.attachments[0].media.benford;
    expect(benford.readable).toBe(true);
    expect(benford.columns.map((c: { column: number }) => c.column)).toEqual([3]);
    expect(nonconforming(report)).toMatchObject({
      attachmentId: report.attachments[0].id,
      column: 3,
      n: 177_763,
      firstTwoDigitsConformity: 'nonconformity',
    });
  });

  it('finds nothing for the census populations', async () => {
    const report = await uploadCsv('census.2009.csv');
    expect(report.attachments[0].media.benford.columns).toHaveLength(1);
    expect(codes(report)).not.toContain('benford.nonconforming');
  });

  it('takes a workbook declared as XLSX and finds benford.nonconforming for its amounts', async () => {
    const report = await upload(WORKBOOK, XLSX_TYPE, 'invoices.xlsx');
    const { media } = report.attachments[0];
    expect(media.rejected).toBeNull();
    expect(media.benford.readable).toBe(true);
    expect(media.benford.columns.map((c: { column: number }) => c.column)).toEqual([2]);
    expect(nonconforming(report)).toMatchObject({
      attachmentId: report.attachments[0].id,
      column: 2,
      n: 3000,
      firstDigitConformity: 'nonconformity',
    });
  });

  it('takes a zip bomb declared as XLSX, stores it and says why it was not read', async () => {
    const bomb = withDeclaredSize(WORKBOOK, 'xl/worksheets/sheet1.xml', 0xf000_0000);
    const report = await upload(bomb, XLSX_TYPE, 'invoices.xlsx');
    expect(report.attachments[0].media.benford).toEqual({
      readable: false,
      reason: expect.stringMatching(/\(a zip bomb\)$/),
    });
    expect(codes(report)).not.toContain('benford.nonconforming');
  });

  it('reads a workbook sent as bytes of no declared type by its workbook part', async () => {
    const report = await upload(WORKBOOK, 'application/octet-stream', 'invoices.xlsx');
    expect(report.attachments[0].media.benford.columns).toHaveLength(1);
  });
});
