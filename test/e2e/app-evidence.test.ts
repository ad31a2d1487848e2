/**
 * An attachment as evidence in a real browser against the real built server: a real
 * camera JPEG (ExifTool's GPS.jpg: FUJIFILM, GPS, Photoshop 7.0) posted through the
 * API, and what the queue's case panel and the incident view's report details show of
 * it: the capture time (the instant in the viewer's zone, UTC on hover, and the
 * camera's own reading), the GPS position, the device and the software; its two
 * downloads (the copy without identifying metadata by default, the original on
 * `?copy=original`); never the file itself inline. The facts come from the server's
 * `media` (src/domain/media.ts): a server without it shows the file and its downloads
 * only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts } from '../../src/domain/media.js';
import { getJson, makeReport, postReport, remember, waitForPipeline } from '../helpers.js';
import { sharedFixtures } from '../shared-fixtures.js';
import { SHOWS_WITHIN, startApp, type AppHarness } from './browser.js';

const USERS = { alice: { role: 'analyst', password: 'alice: a long analyst passphrase' } };
const GPS_JPEG = readFileSync(path.join(sharedFixtures(), 'exif-jpeg/GPS.jpg'));

let app: AppHarness;
let token: string;

interface Attachment {
  id: string;
  filename: string;
  media?: MediaFacts | null;
}
interface ReportAnswer {
  id: string;
  incidentId: string | null;
  attachments: Attachment[];
}

beforeAll(async () => {
  app = await startApp(USERS);
  const res = await fetch(`${app.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: USERS.alice.password }),
  });
  expect(res.status).toBe(201);
  token = ((await res.json()) as { token: string }).token;
  remember('token', token);
});

afterAll(async () => {
  await app?.close();
});

async function submit(attachments: Record<string, unknown>[]): Promise<ReportAnswer> {
  const posted = await postReport(
    app.server.url,
    makeReport({
      narrative: 'A photo of the van parked by the north gate, taken from the footbridge.',
      attachments,
    }),
  );
  expect(posted.status).toBe(201);
  await waitForPipeline(app.server.url, token);
  const got = await getJson(`${app.server.url}/api/v1/reports/${posted.body.id as string}`, token);
  expect(got.status).toBe(200);
  return got.body as unknown as ReportAnswer;
}

const gpsJpeg = () => ({
  filename: 'GPS.jpg',
  contentType: 'image/jpeg',
  dataBase64: GPS_JPEG.toString('base64'),
});

async function openCase(reportId: string) {
  const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
  const { page, problems } = await app.open(ctx, '/#/queue');
  const row = page.locator(`[role="option"][data-report-id="${reportId}"]`);
  await row.waitFor({ timeout: SHOWS_WITHIN });
  await row.click();
  const panel = page.getByTestId('case');
  await panel.getByTestId('attachments').waitFor({ timeout: SHOWS_WITHIN });
  return { ctx, page, problems, panel };
}

async function openReportInIncident(report: ReportAnswer) {
  expect(report.incidentId).toBeTruthy();
  const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
  const { page, problems } = await app.open(
    ctx,
    `/#/incident/${encodeURIComponent(report.incidentId!)}`,
  );
  await page
    .locator(`[data-testid="timeline-report"][data-report="${report.id}"] button`)
    .click({ timeout: SHOWS_WITHIN });
  const details = page.getByTestId('report-details');
  await details.getByTestId('attachments').waitFor({ timeout: SHOWS_WITHIN });
  return { page, problems, details };
}

const fact = (scope: ReturnType<Page['locator']>, name: string) =>
  scope.locator(`[data-fact="${name}"] dd`);

/** What GPS.jpg's metadata must show wherever its report is read. */
async function expectCameraFacts(scope: ReturnType<Page['locator']>, media: MediaFacts) {
  const exif = media.exif!;
  expect(exif.takenAt).not.toBeNull();
  const takenIso = new Date(exif.takenAt!).toISOString();
  const taken = fact(scope, 'taken');
  await taken.waitFor({ timeout: SHOWS_WITHIN });
  // The instant in the viewer's zone, UTC on hover, like every other time.
  await expect(taken.locator('time').getAttribute('datetime')).resolves.toBe(takenIso);
  await expect(taken.locator('time').getAttribute('title')).resolves.toBe(
    `${takenIso.replace('.000Z', 'Z')} (UTC)`,
  );
  // The camera's own clock as written, and where its offset came from.
  await expect(taken.textContent()).resolves.toMatch(
    /camera’s clock: 2002-07-13 15:58:28, UTC\+01:00 \((camera offset tag|from GPS time|zone of GPS position)/,
  );
  await expect(fact(scope, 'gps').textContent()).resolves.toContain('54.98967, -1.91417');
  await expect(fact(scope, 'device').textContent()).resolves.toBe('FUJIFILM FinePixS1Pro');
  await expect(fact(scope, 'software').textContent()).resolves.toBe('Adobe Photoshop 7.0');
  await expect(fact(scope, 'type').textContent()).resolves.toBe('image/jpeg');
  await expect(fact(scope, 'size').textContent()).resolves.toBe(
    `${media.width!.toLocaleString('en-GB')} × ${media.height!.toLocaleString('en-GB')} px`,
  );
}

describe('an attachment with what its bytes say (needs the server’s media facts)', () => {
  it('the queue’s case panel and the incident view show a camera photo’s capture time, GPS and software', async () => {
    const report = await submit([gpsJpeg()]);
    const media = report.attachments[0]!.media;
    expect(media, 'GET /api/v1/reports/:id gives each attachment its media facts').toBeTruthy();

    const queue = await openCase(report.id);
    await expectCameraFacts(queue.panel, media!);
    // The file is never shown: facts and downloads only.
    await expect(queue.page.locator('main img').count()).resolves.toBe(0);
    expect(queue.problems).toEqual([]);

    const incident = await openReportInIncident(report);
    await expectCameraFacts(incident.details, media!);
    await expect(incident.page.locator('main img').count()).resolves.toBe(0);
    expect(incident.problems).toEqual([]);
  });

  it('downloads a copy without identifying metadata by default, the original on request', async () => {
    const report = await submit([gpsJpeg()]);
    const { ctx, panel } = await openCase(report.id);
    const copyHref = await panel.locator('a[data-download="copy"]').getAttribute('href');
    const originalHref = await panel.locator('a[data-download="original"]').getAttribute('href');
    const copy = await ctx.request.get(copyHref!);
    const original = await ctx.request.get(originalHref!);
    expect(original.status()).toBe(200);
    expect(Buffer.compare(await original.body(), GPS_JPEG)).toBe(0);
    expect(copy.status()).toBe(200);
    expect(copy.headers()['content-disposition']).toMatch(/^attachment/);
    // The copy keeps the picture but not who took it with what (Artist, Model).
    const stripped = await copy.body();
    expect(Buffer.compare(stripped, GPS_JPEG)).not.toBe(0);
    expect(stripped.includes(Buffer.from('Ian Britton'))).toBe(false);
    expect(stripped.includes(Buffer.from('FinePixS1Pro'))).toBe(false);
  });
});

describe('an attachment’s downloads (passes with or without the server’s media facts)', () => {
  it('lists the file with its two downloads in both views, and nothing of it inline', async () => {
    const report = await submit([gpsJpeg()]);
    const id = report.attachments[0]!.id;
    const base = `/api/v1/reports/${encodeURIComponent(report.id)}/attachments/${encodeURIComponent(id)}`;
    const check = async (scope: ReturnType<Page['locator']>) => {
      const item = scope.locator(`[data-attachment="${id}"]`);
      await expect(item.getByTestId('attachment-name').textContent()).resolves.toBe('GPS.jpg');
      const copy = item.locator('a[data-download="copy"]');
      const original = item.locator('a[data-download="original"]');
      await expect(copy.getAttribute('href')).resolves.toBe(base);
      await expect(original.getAttribute('href')).resolves.toBe(`${base}?copy=original`);
      await expect(copy.textContent()).resolves.toBe('download (identifying metadata removed)');
      await expect(original.textContent()).resolves.toBe('original (with metadata)');
      await expect(copy.getAttribute('download')).resolves.not.toBeNull();
      await expect(scope.locator('img').count()).resolves.toBe(0);
    };
    const queue = await openCase(report.id);
    await check(queue.panel);
    expect(queue.problems).toEqual([]);
    const incident = await openReportInIncident(report);
    await check(incident.details);
    expect(incident.problems).toEqual([]);
  });
});

describe('the indicators found in a report’s text', () => {
  it('the case panel lists them with their type and how many other reports name them, as text', async () => {
    const narrative =
      'The fake login page was hxxps://secure-login[.]example-bank[.]com/"><img src=x onerror=alert(1)> ' +
      'and it sent everything to 203.0.113[.]77 all night.';
    const ids: string[] = [];
    for (const text of [narrative, 'Again traffic to 203.0.113.77 from the office network.']) {
      const posted = await postReport(app.server.url, makeReport({ narrative: text }));
      expect(posted.status).toBe(201);
      ids.push(posted.body.id as string);
    }
    // The text is read after intake: wait until both are.
    for (const id of ids) {
      for (let i = 0; ; i++) {
        const got = await getJson(`${app.server.url}/api/v1/reports/${id}`, token);
        if ((got.body as { textState?: string }).textState === 'done') break;
        if (i > 300) throw new Error('the text was never read');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await waitForPipeline(app.server.url, token);
    const ctx = await app.context({ user: 'alice', locale: 'en-GB' });
    const { page, problems } = await app.open(ctx, '/#/queue');
    const row = page.locator(`[role="option"][data-report-id="${ids[0]}"]`);
    await row.waitFor({ timeout: SHOWS_WITHIN });
    await row.click();
    const list = page.getByTestId('case').getByTestId('observables');
    await list.waitFor({ timeout: SHOWS_WITHIN });
    const items = list.locator('li');
    await expect(items.count()).resolves.toBe(2);
    await expect(items.nth(0).textContent()).resolves.toMatch(
      /^URL https:\/\/secure-login\.example-bank\.com\/.*no other report$/,
    );
    await expect(items.nth(1).textContent()).resolves.toBe('IPv4 203.0.113.77 in 1 other report');
    // A URL a reporter wrote is never a link, and its markup stays text.
    await expect(list.locator('a, img').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
