/**
 * Retention: closed and unfounded cases are deleted for good after their
 * retention periods, with everything that hangs off them, leaving no trace of
 * their sealed text in the database file, and an audit record of the purge.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { makeReport, tempDir, testConfig, testLogger } from './helpers.js';

const DAY = 86_400_000;
let now = Date.parse('2026-01-01T00:00:00Z');
let runtime: Runtime;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  now = Date.parse('2026-01-01T00:00:00Z');
  runtime = createRuntime(testConfig(tmp.dir), { clock: () => now, logger: testLogger() });
});
afterEach(() => {
  runtime.close();
  cleanup();
});

async function submit(narrative: string) {
  const result = await runtime.intake.submit(
    makeReport({
      narrative,
      attachments: [
        {
          filename: 'photo.jpg',
          contentType: 'image/jpeg',
          dataBase64: Buffer.from(narrative).toString('base64'),
        },
      ],
    }),
    { principal: 'anonymous', mayStateReceivedAt: false },
  );
  await runtime.pipeline.drain();
  return result.body.id as string;
}

const count = (sql: string, ...args: unknown[]) =>
  runtime.store.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
const system = { id: 'test', roles: ['supervisor' as const], officeId: null, tokenId: null };

describe('purge', () => {
  it('deletes closed and unfounded cases after their periods, and keeps open ones', async () => {
    const closed = await submit('closed case text');
    const unfounded = await submit('unfounded case text');
    const open = await submit('open case text');
    await runtime.cases.setStatus(system, runtime.store.reports.get(closed)!, 'closed', 'done');
    await runtime.cases.setStatus(
      system,
      runtime.store.reports.get(unfounded)!,
      'unfounded',
      'hoax',
    );

    now += 89 * DAY;
    expect(runtime.purge().reports).toBe(0);
    now += 2 * DAY;
    expect(runtime.purge().reports).toBe(1);
    expect(runtime.store.reports.get(unfounded)).toBeNull();
    expect(runtime.store.reports.get(closed)).not.toBeNull();
    now += 275 * DAY;
    expect(runtime.purge().reports).toBe(1);
    expect(runtime.store.reports.get(closed)).toBeNull();
    expect(runtime.store.reports.get(open)).not.toBeNull();
  });

  it('takes attachments, messages, receipts, search tokens and the spatial index with the report', async () => {
    const id = await submit('a purged narrative about the harbour crane');
    const report = runtime.store.reports.get(id)!;
    await runtime.cases.addMessage(
      report,
      { author: 'operator', actor: system.id },
      'Which crane?',
    );
    await runtime.cases.setStatus(system, report, 'closed', 'done');
    const sealed = runtime.store.reports.get(id)!.sealed.narrative;
    for (const table of ['attachments', 'report_messages', 'receipts']) {
      expect(count(`SELECT count(*) FROM ${table} WHERE report_id = ?`, id), table).toBeGreaterThan(
        0,
      );
    }
    const seq = count('SELECT seq FROM reports WHERE id = ?', id);
    const indexed = () => count('SELECT count(*) FROM search_index WHERE rowid = ?', seq);
    expect(indexed()).toBe(1);

    now += 366 * DAY;
    const result = runtime.purge();
    expect(result).toMatchObject({ reports: 1, incidentsRemoved: 1 });
    for (const table of ['attachments', 'report_messages', 'receipts', 'jobs']) {
      expect(count(`SELECT count(*) FROM ${table} WHERE report_id = ?`, id), table).toBe(0);
    }
    expect(indexed()).toBe(0);
    expect(count('SELECT count(*) FROM report_points WHERE report_id = ?', id)).toBe(0);
    expect(runtime.store.incidents.get(report.incidentId!)).toBeNull();
    // secure_delete and the WAL checkpoint leave no copy of the sealed text in the file.
    expect(readFileSync(runtime.config.store.dbPath).includes(sealed.subarray(1, 33))).toBe(false);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'retention.purged'`)).toBe(1);
    expect(runtime.auditLog.verify()).toMatchObject({ ok: true });
  });

  it('rebuilds an incident that keeps other reports', async () => {
    const first = await submit('first report at the gate');
    const second = await submit('second report at the gate');
    const incidentId = runtime.store.reports.get(first)!.incidentId!;
    expect(runtime.store.reports.get(second)!.incidentId).toBe(incidentId);
    await runtime.cases.setStatus(system, runtime.store.reports.get(first)!, 'unfounded', 'hoax');
    now += 91 * DAY;
    runtime.purge();
    expect(runtime.store.incidents.get(incidentId)).toMatchObject({ reportCount: 1 });
    expect(runtime.store.incidents.memberIds(incidentId).reportIds).toEqual([second]);
  });

  it('uses the configured periods', async () => {
    runtime.close();
    cleanup();
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    runtime = createRuntime(testConfig(tmp.dir, { TIPWIRE_RETENTION_CLOSED_DAYS: '7' }), {
      clock: () => now,
      logger: testLogger(),
    });
    const id = await submit('short retention');
    await runtime.cases.setStatus(system, runtime.store.reports.get(id)!, 'closed', 'done');
    now += 8 * DAY;
    expect(runtime.purge().reports).toBe(1);
  });
});
