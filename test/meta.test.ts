/**
 * GET /api/v1/meta through the real Fastify app over a real SQLite file: the code
 * catalogue, its lists equal to the server's own enums (read here from where the
 * server defines them), public, and cached by ETag.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/access/roles.js';
import { EVENT_KIND_CODES, EVENT_KINDS } from '../src/domain/event-kinds.js';
import { FINDING_CODES, FLAG_CODES, FLAGS, SEVERITIES } from '../src/domain/flags.js';
import { CASE_STATUSES, CHANNELS, HOW_KNOWN, QUEUES, REPORT_STAGES } from '../src/domain/report.js';
import { matchesETag } from '../src/server/routes/meta.js';
import { createHttpApp, createRuntime, type Runtime } from '../src/runtime.js';
import { tempDir, testConfig, testLogger } from './helpers.js';

interface Labelled {
  code: string;
  en: string;
  zh: string;
}
interface Meta {
  flags: Record<string, { family: string; en: string; zh: string }>;
  flagFamilies: Labelled[];
  findings: Record<string, { severity: string }>;
  severities: Labelled[];
  statuses: Labelled[];
  queues: Labelled[];
  stages: Labelled[];
  channels: Labelled[];
  howKnown: Labelled[];
  roles: Labelled[];
  eventKinds: Record<string, { en: string; zh: string; group: string }>;
}

let runtime: Runtime;
let app: FastifyInstance;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  runtime = createRuntime(testConfig(tmp.dir), { logger: testLogger() });
  app = await createHttpApp(runtime);
});
afterAll(async () => {
  await app.close();
  runtime.close();
  cleanup();
});

const getMeta = (headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/v1/meta', headers });

describe('GET /api/v1/meta', () => {
  it('answers anyone, without a token, with JSON', async () => {
    const res = await getMeta();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('explains every flag of the catalogue, in English and Chinese, with its family', async () => {
    const meta = (await getMeta()).json() as Meta;
    expect(Object.keys(meta.flags).sort()).toEqual([...FLAG_CODES].sort());
    for (const code of FLAG_CODES) {
      expect(meta.flags[code]).toEqual({
        family: code.split('.')[0],
        en: FLAGS[code].en,
        zh: FLAGS[code].zh,
      });
    }
    const families = meta.flagFamilies.map((f) => f.code);
    for (const { family } of Object.values(meta.flags)) expect(families).toContain(family);
  });

  it('gives the findings with their severities, and the severities in order', async () => {
    const meta = (await getMeta()).json() as Meta;
    expect(Object.keys(meta.findings).sort()).toEqual([...FINDING_CODES].sort());
    expect(meta.findings['time.contradiction']).toEqual({ severity: 'warning' });
    expect(meta.findings['source.stale']).toEqual({ severity: 'notice' });
    expect(meta.severities.map((s) => s.code)).toEqual([...SEVERITIES]);
  });

  it("lists statuses, queues, stages, channels, how-known answers and roles as the server's enums", async () => {
    const meta = (await getMeta()).json() as Meta;
    const codes = (list: Labelled[]) => list.map((item) => item.code);
    expect(codes(meta.statuses)).toEqual([...CASE_STATUSES]);
    expect(codes(meta.queues)).toEqual([...QUEUES]);
    expect(codes(meta.stages)).toEqual([...REPORT_STAGES]);
    expect(codes(meta.channels)).toEqual([...CHANNELS]);
    expect(codes(meta.howKnown)).toEqual([...HOW_KNOWN]);
    expect(codes(meta.roles)).toEqual([...ROLES]);
    for (const list of [meta.statuses, meta.queues, meta.roles, meta.severities]) {
      for (const item of list) {
        expect(item.en).not.toBe('');
        expect(item.zh).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(meta.statuses.find((s) => s.code === 'in_review')).toEqual({
      code: 'in_review',
      en: 'in review',
      zh: '核查中',
    });
  });

  it('gives every event kind, in order, with its labels and the group of kinds that may be one event', async () => {
    const meta = (await getMeta()).json() as Meta;
    expect(Object.keys(meta.eventKinds)).toEqual([...EVENT_KIND_CODES]);
    for (const code of EVENT_KIND_CODES) {
      const { en, zh, group } = EVENT_KINDS[code];
      expect(meta.eventKinds[code]).toEqual({ en, zh, group });
      expect(meta.eventKinds[code]!.zh).toMatch(/\p{Script=Han}/u);
    }
    expect(meta.eventKinds.explosion!.group).toBe(meta.eventKinds.fire!.group);
    expect(meta.eventKinds.suspicious_vehicle).toEqual({
      en: 'suspicious vehicle',
      zh: '可疑车辆',
      group: 'watching',
    });
  });

  it('may be cached, is checked again each time, and answers 304 for the ETag it gave', async () => {
    const first = await getMeta();
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect((await getMeta()).headers.etag).toBe(etag); // the same answer, the same tag

    const again = await getMeta({ 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const changed = await getMeta({ 'if-none-match': '"an-older-catalogue-tag0"' });
    expect(changed.statusCode).toBe(200);
    expect(Object.keys((changed.json() as Meta).flags).length).toBe(FLAG_CODES.length);
  });

  it('refuses a bad token like every route (401), rather than ignoring it', async () => {
    const res = await getMeta({ authorization: 'Bearer not-a-token' });
    expect(res.statusCode).toBe(401);
  });
});

describe('If-None-Match', () => {
  const tag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
    ['', false],
  ])('%j matches "abc": %s', (header, expected) => {
    expect(matchesETag(header, tag)).toBe(expected);
  });
  it('is absent: no match', () => expect(matchesETag(undefined, tag)).toBe(false));
});
