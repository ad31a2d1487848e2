/**
 * The contract of the pipeline's job queue, the live-event log, idempotency
 * records and the database's own facts (meta), through the asynchronous port only.
 */
import { describe, expect, it } from 'vitest';
import type { AsyncStore } from '../../src/store/port.js';
import type { IdempotencyRecord, Job } from '../../src/store/store.js';
import { auditEntry, newReport, T0 } from './fixtures.js';
import { useStore, type OpenStore } from './harness.js';

async function reports(s: AsyncStore, ...ids: string[]) {
  for (const id of ids) await s.reports.insert(newReport({ id }));
}

/** The id of the report's job (enqueue answers none). */
async function jobOf(s: AsyncStore, reportId: string): Promise<number> {
  const job = await s.jobs.forReport(reportId);
  if (!job) throw new Error(`no job for ${reportId}`);
  return job.id;
}

const stagesOf = (jobs: Job[]) => jobs.map((j) => `${j.reportId}:${j.stage}`);

export function queueContract(open: OpenStore) {
  const store = useStore(open);

  describe('jobs', () => {
    it('gives due jobs oldest first (then in order of enqueueing), due exactly at availableAt', async () => {
      const s = store();
      await reports(s, 'r1', 'r2', 'r3');
      await s.jobs.enqueue('r1', 'screen', T0 + 5);
      await s.jobs.enqueue('r2', 'screen', T0);
      await s.jobs.enqueue('r3', 'normalize', T0 + 5);
      expect(stagesOf(await s.jobs.due(T0 + 5, 10))).toEqual([
        'r2:screen',
        'r1:screen',
        'r3:normalize',
      ]);
      expect(stagesOf(await s.jobs.due(T0 + 4, 10))).toEqual(['r2:screen']);
      expect(await s.jobs.due(T0 - 1, 10)).toEqual([]);
      expect(stagesOf(await s.jobs.due(T0 + 5, 2))).toEqual(['r2:screen', 'r1:screen']);
    });

    it('answers a job by id and by report, with no attempts yet', async () => {
      const s = store();
      await reports(s, 'r1', 'r2');
      await s.jobs.enqueue('r1', 'screen', T0);
      const id = await jobOf(s, 'r1');
      const job = { id, reportId: 'r1', stage: 'screen', attempts: 0, pass: 1, availableAt: T0 };
      expect(await s.jobs.get(id)).toStrictEqual(job);
      expect(await s.jobs.forReport('r1')).toStrictEqual(job);
      expect(await s.jobs.forReport('r2')).toBeNull();
      expect(await s.jobs.get(id + 1000)).toBeNull();
    });

    it('hides a job retried later until it is due again, with its attempts', async () => {
      const s = store();
      await reports(s, 'r1');
      await s.jobs.enqueue('r1', 'screen', T0);
      const id = await jobOf(s, 'r1');
      await s.jobs.retryLater(id, 3, T0 + 100, 'database is locked');
      expect(await s.jobs.due(T0 + 99, 10)).toEqual([]);
      expect(await s.jobs.due(T0 + 100, 10)).toStrictEqual([
        { id, reportId: 'r1', stage: 'screen', attempts: 3, pass: 1, availableAt: T0 + 100 },
      ]);
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 0 });
    });

    it('advances a job to the next stage with its attempts reset, still due', async () => {
      const s = store();
      await reports(s, 'r1');
      await s.jobs.enqueue('r1', 'screen', T0);
      const id = await jobOf(s, 'r1');
      await s.jobs.retryLater(id, 2, T0 + 10, 'boom');
      await s.jobs.advance(id, 'normalize', T0 + 10);
      expect(await s.jobs.due(T0 + 10, 10)).toStrictEqual([
        { id, reportId: 'r1', stage: 'normalize', attempts: 0, pass: 1, availableAt: T0 + 10 },
      ]);
    });

    it('removes a completed job', async () => {
      const s = store();
      await reports(s, 'r1', 'r2');
      await s.jobs.enqueue('r1', 'notify', T0);
      await s.jobs.enqueue('r2', 'notify', T0);
      const id = await jobOf(s, 'r1');
      await s.jobs.complete(id);
      expect(await s.jobs.get(id)).toBeNull();
      expect(await s.jobs.forReport('r1')).toBeNull();
      expect(stagesOf(await s.jobs.due(T0, 10))).toEqual(['r2:notify']);
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 0 });
    });

    it('parks a job: never due again, counted as failed, still the report’s job', async () => {
      const s = store();
      await reports(s, 'r1', 'r2');
      await s.jobs.enqueue('r1', 'normalize', T0);
      await s.jobs.enqueue('r2', 'normalize', T0);
      const id = await jobOf(s, 'r1');
      await s.jobs.park(id, 5, 'gave up', T0 + 1);
      expect(stagesOf(await s.jobs.due(Number.MAX_SAFE_INTEGER, 10))).toEqual(['r2:normalize']);
      expect(await s.jobs.counts()).toEqual({ ready: 1, failed: 1 });
      const parked = {
        id,
        reportId: 'r1',
        stage: 'normalize',
        attempts: 5,
        pass: 1,
        availableAt: T0,
      };
      expect(await s.jobs.forReport('r1')).toStrictEqual(parked);
      expect(await s.jobs.get(id)).toStrictEqual(parked);
    });

    it('keeps the pass a job was queued for (a report’s later run after an answer)', async () => {
      const s = store();
      await reports(s, 'r1');
      await s.jobs.enqueue('r1', 'verify', T0, 3);
      expect(await s.jobs.forReport('r1')).toMatchObject({ stage: 'verify', pass: 3 });
    });

    it('counts nothing in an empty queue', async () => {
      expect(await store().jobs.counts()).toEqual({ ready: 0, failed: 0 });
    });
  });

  describe('events', () => {
    it('appends with increasing ids and replays after an id, up to a limit', async () => {
      const s = store();
      expect(await s.events.lastId()).toBe(0);
      const a = await s.events.append('report.received', { id: 'r1', n: [1, 2] }, T0);
      const b = await s.events.append('incident.updated', { id: 'i1' }, T0 + 1);
      const c = await s.events.append('report.received', null, T0 + 2);
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      expect(await s.events.lastId()).toBe(c);
      expect(await s.events.after(0, 10)).toStrictEqual([
        { id: a, type: 'report.received', payload: { id: 'r1', n: [1, 2] }, createdAt: T0 },
        { id: b, type: 'incident.updated', payload: { id: 'i1' }, createdAt: T0 + 1 },
        { id: c, type: 'report.received', payload: null, createdAt: T0 + 2 },
      ]);
      expect((await s.events.after(a, 1)).map((e) => e.id)).toEqual([b]);
      expect(await s.events.after(c, 10)).toEqual([]);
    });

    it('prunes events created strictly before a time, and never reuses their ids', async () => {
      const s = store();
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push(await s.events.append('e', { i }, T0 + i));
      expect(await s.events.pruneBefore(T0 + 2)).toBe(2);
      expect((await s.events.after(0, 10)).map((e) => e.createdAt)).toEqual([T0 + 2, T0 + 3]);
      expect(await s.events.pruneBefore(T0 + 2)).toBe(0);
      expect(await s.events.pruneBefore(T0 + 4)).toBe(2);
      // Pinned: with every event pruned, lastId is 0 (the newest *kept* id), yet the
      // next id still follows the last one ever given.
      expect(await s.events.lastId()).toBe(0);
      const next = await s.events.append('e', {}, T0 + 5);
      expect(next).toBeGreaterThan(ids[3]!);
    });
  });

  describe('idempotency records', () => {
    const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
      requestHash: 'sha256:abc',
      status: 201,
      response: '{"id":"r_1"}',
      createdAt: T0,
      ...overrides,
    });

    it('keeps a record per principal and key, the last put replacing the one before', async () => {
      const s = store();
      expect(await s.idempotency.get('token:t1', 'k1')).toBeNull();
      await s.idempotency.put('token:t1', 'k1', record());
      await s.idempotency.put('token:t2', 'k1', record({ status: 409 }));
      expect(await s.idempotency.get('token:t1', 'k1')).toStrictEqual(record());
      expect((await s.idempotency.get('token:t2', 'k1'))!.status).toBe(409);
      expect(await s.idempotency.get('token:t1', 'k2')).toBeNull();
      await s.idempotency.put(
        'token:t1',
        'k1',
        record({ requestHash: 'sha256:def', createdAt: T0 + 9 }),
      );
      expect(await s.idempotency.get('token:t1', 'k1')).toStrictEqual(
        record({ requestHash: 'sha256:def', createdAt: T0 + 9 }),
      );
    });

    it('prunes records created strictly before a time', async () => {
      const s = store();
      for (let i = 0; i < 3; i++)
        await s.idempotency.put('p', `k${i}`, record({ createdAt: T0 + i }));
      expect(await s.idempotency.pruneBefore(T0 + 1)).toBe(1);
      expect(await s.idempotency.get('p', 'k0')).toBeNull();
      expect(await s.idempotency.get('p', 'k1')).not.toBeNull();
      expect(await s.idempotency.pruneBefore(T0 + 3)).toBe(2);
    });
  });

  describe('meta', () => {
    it('sets, overwrites and gets a fact; null when never set', async () => {
      const s = store();
      expect(await s.meta.get('database_id')).toBeNull();
      await s.meta.set('database_id', 'db_1');
      await s.meta.set('database_id', 'db_2');
      await s.meta.set('other', '');
      expect(await s.meta.get('database_id')).toBe('db_2');
      expect(await s.meta.get('other')).toBe('');
    });

    it('holds data once it has a report', async () => {
      const s = store();
      await s.meta.set('database_id', 'db_1');
      expect(await s.meta.holdsData()).toBe(false);
      await reports(s, 'r1');
      expect(await s.meta.holdsData()).toBe(true);
    });

    it('holds data once it has an audit record, even without a report', async () => {
      const s = store();
      await s.audit.append(auditEntry());
      expect(await s.meta.holdsData()).toBe(true);
    });
  });
}
