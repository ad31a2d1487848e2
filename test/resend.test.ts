/**
 * A resend with the same externalId is a new version of that report, not a second
 * report (F6): through the real `tipwire import` and `tipwire export` on a SQLite
 * file, and through a real `tipwire serve` for the API's senders — an authenticated
 * sender's resend updates its report, the public's never does, and a bad resend
 * leaves the stored version as it was.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  parseJsonl,
  postReport,
  remember,
  runCli,
  startServer,
  tempDir,
  type ServerProcess,
  waitForPipeline,
  writeJsonl,
} from './helpers.js';

/** The audit records of one action, straight from the file (details as stored). */
function auditRecords(db: string, action: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare('SELECT actor, target, reason, details FROM audit_log WHERE action = ? ORDER BY seq')
      .all(action) as { actor: string; target: string; reason: string; details: string }[];
  } finally {
    conn.close();
  }
}

describe('tipwire import: a line with an externalId imported before', () => {
  let dir: string;
  let db: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = path.join(dir, 'tipwire.db');
  });
  afterEach(() => cleanup());

  /** Two sightings by the north gate, minutes apart (one incident). */
  const gate = (externalId: string, narrative: string) =>
    makeReport({
      externalId,
      narrative,
      receivedAt: '2026-11-20T13:40:00Z',
      observedAt: '2026-11-20T21:10:00+08:00',
      location: { lat: 34.261, lon: 108.942, accuracyMeters: 50 },
    });
  const first = gate('f-1', 'A drone fell behind the north gate.');
  const other = gate('f-3', 'Something crashed near the north gate, smoke rising.');
  const corrected = gate('f-1', 'A drone fell behind the north gate, two men took it away.');

  const exportReports = () =>
    parseJsonl(runCli(['export', 'reports', '--include-narrative', '--db', db]).stdout);

  it('updates its report when the content changed: one report, version 2, the corrected text', () => {
    expect(runCli(['import', writeJsonl(dir, 'v1.jsonl', [first, other]), '--db', db]).status).toBe(
      0,
    );
    const before = exportReports().find((r) => r.externalId === 'f-1')!;

    const again = runCli(['import', writeJsonl(dir, 'v2.jsonl', [corrected]), '--db', db]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /imported 0 report\(s\) from .*: 0 line\(s\) failed, 0 already imported, 1 updated \(new version\)/,
    );
    expect(again.stdout).toMatch(/pipeline: 1 report\(s\) processed/);

    const reports = exportReports();
    expect(reports.map((r) => r.externalId).sort()).toEqual(['f-1', 'f-3']);
    const f1 = reports.find((r) => r.externalId === 'f-1')!;
    expect(f1).toMatchObject({
      id: before.id,
      version: 2,
      narrative: corrected.narrative,
      stage: 'done',
      receivedAt: before.receivedAt,
    });
    // Normalized again from the new version, and still in its incident.
    expect(f1.time).toEqual(before.time);
    expect(f1.incidentId).toBe(before.incidentId);

    const incidents = parseJsonl(runCli(['export', 'incidents', '--db', db]).stdout);
    const externalIds = incidents.flatMap((i) => i.externalIds as string[]);
    expect(externalIds.sort()).toEqual(['f-1', 'f-3']);

    // On record: which report, its new version and the sender; never the text.
    const records = auditRecords(db, 'report.updated');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: 'cli', target: `report:${String(f1.id)}` });
    expect(JSON.parse(records[0]!.details)).toEqual({ version: 2, sender: 'import' });
    expect(JSON.stringify(records)).not.toMatch(/drone|gate/);
  });

  it('keeps a whole-city report where the rule attached it, still saying why, when it is re-sent', () => {
    const witnesses = [
      'A drone fell behind the north gate.',
      'Saw a small drone crash by the north gate of the campus.',
      '北门后面掉下来一架无人机。',
    ].map((narrative, i) => gate(`w-${i}`, narrative));
    const city = (narrative: string) => ({
      ...gate('c-1', narrative),
      location: '西安',
    });
    const lines = [...witnesses, city('西安有一架无人机掉下来了。')];
    expect(runCli(['import', writeJsonl(dir, 'v1.jsonl', lines), '--db', db]).status).toBe(0);
    const incidentOf = (externalId: string) =>
      exportReports().find((r) => r.externalId === externalId)!;
    const before = incidentOf('c-1');
    expect(before.incidentReason).toBe('cluster.citywide');
    expect(before.incidentId).toBe(incidentOf('w-0').incidentId);
    const again = runCli([
      'import',
      writeJsonl(dir, 'v2.jsonl', [city('西安有一架无人机掉下来了，在北门那边。')]),
      '--db',
      db,
    ]);
    expect(again.status, again.stderr).toBe(0);
    const after = incidentOf('c-1');
    expect(after).toMatchObject({ version: 2, incidentId: before.incidentId });
    expect(after.incidentReason).toBe('cluster.citywide');
  });

  it('still counts a re-send that opens "Correction:" as its own source: it corrects itself, not a report sent before', () => {
    // Another witness first, so the corrected report is not the incident's first member.
    const witness = gate('f-4', 'I saw a small drone come down just behind the north gate.');
    const file = writeJsonl(dir, 'v1.jsonl', [witness, first]);
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    const sources = () => {
      const incidents = parseJsonl(runCli(['export', 'incidents', '--db', db]).stdout);
      expect(incidents).toHaveLength(1);
      return incidents[0]!.independentSources;
    };
    expect(sources()).toBe(2);
    for (const [n, narrative] of [
      [2, `Correction: ${corrected.narrative}`],
      [3, `更正：${corrected.narrative}`],
    ] as const) {
      const resend = { ...corrected, narrative };
      const again = runCli(['import', writeJsonl(dir, `v${n}.jsonl`, [resend]), '--db', db]);
      expect(again.stdout).toMatch(/1 updated \(new version\)/);
      expect(exportReports().find((r) => r.externalId === 'f-1')?.version).toBe(n);
      expect(sources()).toBe(2);
    }
  });

  it('keeps a report that said "I called earlier" a repeat when its re-send drops those words', () => {
    const witness = gate('f-4', 'I saw a small drone come down just behind the north gate.');
    const repeat = gate('f-1', `I called earlier: ${first.narrative}`);
    expect(
      runCli(['import', writeJsonl(dir, 'v1.jsonl', [witness, repeat]), '--db', db]).status,
    ).toBe(0);
    const sources = () =>
      parseJsonl(runCli(['export', 'incidents', '--db', db]).stdout).map(
        (i) => i.independentSources,
      );
    expect(sources()).toEqual([1]);
    expect(runCli(['import', writeJsonl(dir, 'v2.jsonl', [corrected]), '--db', db]).status).toBe(0);
    expect(exportReports().find((r) => r.externalId === 'f-1')?.version).toBe(2);
    expect(sources()).toEqual([1]);
  });

  it('counts the same content again as already imported, and makes no version', () => {
    const file = writeJsonl(dir, 'v1.jsonl', [first]);
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    // The same report, its keys in another order: the same content.
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    const again = runCli(['import', writeJsonl(dir, 'same.jsonl', [reordered]), '--db', db]);
    expect(again.stdout).toMatch(/imported 0 report\(s\) .*, 1 already imported, 0 updated/);
    expect(exportReports().map((r) => r.version)).toEqual([1]);
  });

  it('makes a later line of the same file a new version of an earlier one, within a batch and across', () => {
    for (const batchSize of ['1', '100']) {
      const file = writeJsonl(dir, `both-${batchSize}.jsonl`, [first, other, corrected]);
      const batchDb = path.join(dir, `batch-${batchSize}.db`);
      const run = runCli(['import', file, '--db', batchDb, '--no-wait'], {
        TIPWIRE_IMPORT_BATCH_SIZE: batchSize,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/imported 2 report\(s\) .*, 0 already imported, 1 updated/);
      const reports = parseJsonl(
        runCli(['export', 'reports', '--include-narrative', '--db', batchDb]).stdout,
      );
      expect(reports.map((r) => [r.externalId, r.version, r.narrative])).toEqual([
        ['f-1', 2, corrected.narrative],
        ['f-3', 1, other.narrative],
      ]);
    }
  });

  it('--dry-run counts what would be new, updated and already imported, against the database', () => {
    expect(runCli(['import', writeJsonl(dir, 'v1.jsonl', [first]), '--db', db]).status).toBe(0);
    const file = writeJsonl(dir, 'next.jsonl', [corrected, first, other, other]);
    const dry = runCli(['import', file, '--db', db, '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    // corrected: an update; first: its line was imported before; other: new, then the same again.
    expect(dry.stdout).toMatch(
      /4 line\(s\) valid, 0 failed; nothing was stored; 1 would be new, 1 updated, 2 already imported/,
    );
    expect(exportReports().map((r) => [r.version, r.narrative])).toEqual([[1, first.narrative]]);
  });
});

describe('POST /api/v1/reports: a resend with an externalId', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let server: ServerProcess;
  let partner: string;
  let analyst: string;
  let auditor: string;

  beforeAll(async () => {
    tmp = tempDir();
    db = path.join(tmp.dir, 'tipwire.db');
    partner = createToken(db, 'intake');
    analyst = createToken(db, 'analyst');
    auditor = createToken(db, 'auditor');
    server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    tmp.cleanup();
  });

  const send = (body: Record<string, unknown>, token?: string) =>
    postReport(server.url, body, token ? { authorization: `Bearer ${token}` } : {});
  const post = async (body: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (typeof answer.receipt === 'string') remember('receipt', answer.receipt);
    return { status: res.status, body: answer, replayed: res.headers.get('idempotent-replayed') };
  };
  const read = async (id: string) =>
    (await getJson(`${server.url}/api/v1/reports/${id}`, analyst)).body;

  it("updates the sender's report: 200, same id, version 2, the new text; the old one kept", async () => {
    const v1 = makeReport({ externalId: 'p-1', narrative: 'A van parked by the pump station.' });
    const created = await send(v1, partner);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await waitForPipeline(server.url, analyst);
    const incidentBefore = (await read(id)).incidentId;

    const v2 = makeReport({
      externalId: 'p-1',
      narrative: 'A white van parked by the pump station, engine running.',
    });
    const updated = await post(v2, partner);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, version: 2 });
    expect(updated.body.receipt).toBeUndefined();

    await waitForPipeline(server.url, analyst);
    const report = await read(id);
    expect(report).toMatchObject({
      id,
      version: 2,
      narrative: v2.narrative,
      stage: 'done',
      incidentId: incidentBefore,
    });

    const versions = await getJson(`${server.url}/api/v1/reports/${id}/versions`, analyst);
    expect(versions.status).toBe(200);
    expect(versions.body).toMatchObject({
      id,
      version: 2,
      versions: [
        { version: 1, narrative: v1.narrative, replacedBy: expect.stringMatching(/^token:/) },
      ],
    });

    const audit = await getJson(`${server.url}/api/v1/audit?action=report.updated`, auditor);
    const items = audit.body.items as { target: string; details: unknown }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      target: `report:${id}`,
      details: { version: 2, sender: expect.stringMatching(/^token:/) },
    });
    expect(JSON.stringify(audit.body)).not.toMatch(/pump station/);
  });

  it('changes nothing on the same content again (200, replayed, same version)', async () => {
    const body = makeReport({ externalId: 'p-2', narrative: 'Two drones over the reservoir.' });
    const created = await send(body, partner);
    expect(created.status).toBe(201);
    const again = await post(body, partner);
    expect(again).toMatchObject({
      status: 200,
      body: { id: created.body.id, version: 1 },
      replayed: 'true',
    });
    expect((await read(created.body.id as string)).version).toBe(1);
  });

  it("makes the public's resend a new report: an externalId without a token is never trusted", async () => {
    const body = makeReport({ externalId: 'p-3', narrative: 'Smoke behind the depot.' });
    const fromPartner = await send(body, partner);
    const anonymous = await send(
      makeReport({ externalId: 'p-3', narrative: 'It was me who saw the smoke, not them.' }),
    );
    const anonymousAgain = await send(
      makeReport({ externalId: 'p-3', narrative: 'It was me who saw the smoke, not them.' }),
    );
    expect([fromPartner.status, anonymous.status, anonymousAgain.status]).toEqual([201, 201, 201]);
    expect(new Set([fromPartner.body.id, anonymous.body.id, anonymousAgain.body.id]).size).toBe(3);
    const partnerReport = await read(fromPartner.body.id as string);
    expect(partnerReport).toMatchObject({ version: 1, narrative: body.narrative });
  });

  it('refuses a bad resend with a 400 naming the field, and keeps the stored version', async () => {
    const body = makeReport({ externalId: 'p-4', narrative: 'Lights over the quarry.' });
    const created = await send(body, partner);
    const id = created.body.id as string;
    const bad = await post(
      makeReport({
        externalId: 'p-4',
        narrative: 'Lights over the quarry, three of them.',
        location: { lat: 'north', lon: 108.9 },
      }),
      partner,
    );
    expect(bad.status).toBe(400);
    const issues = (bad.body.error as { issues: { path: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual(['location.lat']);
    expect(await read(id)).toMatchObject({ id, version: 1, narrative: body.narrative });
    const versions = await getJson(`${server.url}/api/v1/reports/${id}/versions`, analyst);
    expect(versions.body.versions).toEqual([]);
  });
});
