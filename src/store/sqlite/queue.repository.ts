/** The pipeline's durable job queue, the live-event log and idempotency records. */
import type {
  EventRepository,
  IdempotencyRecord,
  IdempotencyRepository,
  Job,
  JobRepository,
  StoredEvent,
} from '../store.js';
import type { Db } from './database.js';

export function createJobRepository(db: Db): JobRepository {
  const enqueue =
    db.prepare(`INSERT INTO jobs (report_id, stage, available_at, created_at, updated_at, pass)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const JOB = 'id, report_id AS reportId, stage, attempts, pass, available_at AS availableAt';
  const due = db.prepare(`SELECT ${JOB} FROM jobs
    WHERE state = 'ready' AND available_at <= ? ORDER BY available_at, id LIMIT ?`);
  const complete = db.prepare('DELETE FROM jobs WHERE id = ?');
  const advance = db.prepare(
    'UPDATE jobs SET stage = ?, attempts = 0, updated_at = ? WHERE id = ?',
  );
  const get = db.prepare(`SELECT ${JOB} FROM jobs WHERE id = ?`);
  const forReport = db.prepare(`SELECT ${JOB} FROM jobs WHERE report_id = ? LIMIT 1`);
  const retry = db.prepare(`UPDATE jobs SET attempts = ?, available_at = ?, last_error = ?,
    updated_at = ? WHERE id = ?`);
  const park = db.prepare(`UPDATE jobs SET state = 'failed', attempts = ?, last_error = ?,
    updated_at = ? WHERE id = ?`);
  const oldestDue = db
    .prepare(`SELECT min(available_at) FROM jobs WHERE state = 'ready' AND available_at <= ?`)
    .pluck();
  const counts = db.prepare(`SELECT
    coalesce(sum(state = 'ready'), 0) AS ready, coalesce(sum(state = 'failed'), 0) AS failed FROM jobs`);
  // Past every pass the report used: its stage effects' keys, and its job's (a pass not yet run).
  const lastPass = db
    .prepare(
      `SELECT max(
        (SELECT coalesce(max(pass), 0) FROM stage_effects WHERE report_id = @id),
        (SELECT coalesce(max(pass), 0) FROM jobs WHERE report_id = @id))`,
    )
    .pluck();
  const dropJobs = db.prepare('DELETE FROM jobs WHERE report_id = ?');
  return {
    enqueue(reportId, stage, availableAt, pass = 1) {
      enqueue.run(reportId, stage, availableAt, availableAt, availableAt, pass);
    },
    restart(reportId, stage, availableAt) {
      return db.transaction(() => {
        const pass = (lastPass.get({ id: reportId }) as number) + 1;
        dropJobs.run(reportId);
        enqueue.run(reportId, stage, availableAt, availableAt, availableAt, pass);
        return pass;
      })();
    },
    due: (now, limit) => due.all(now, limit) as Job[],
    complete(id) {
      complete.run(id);
    },
    advance(id, stage, now) {
      advance.run(stage, now, id);
    },
    get: (id) => (get.get(id) as Job | undefined) ?? null,
    forReport: (reportId) => (forReport.get(reportId) as Job | undefined) ?? null,
    retryLater(id, attempts, availableAt, error) {
      retry.run(attempts, availableAt, error, availableAt, id);
    },
    park(id, attempts, error, now) {
      park.run(attempts, error, now, id);
    },
    counts: () => counts.get() as { ready: number; failed: number },
    oldestDueAt: (now) => (oldestDue.get(now) as number | null) ?? null,
  };
}

export function createEventRepository(db: Db): EventRepository {
  const append = db.prepare('INSERT INTO events (type, payload, created_at) VALUES (?, ?, ?)');
  const after = db.prepare(
    'SELECT id, type, payload, created_at AS createdAt FROM events WHERE id > ? ORDER BY id LIMIT ?',
  );
  const lastId = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
  const prune = db.prepare('DELETE FROM events WHERE created_at < ?');
  return {
    append: (type, payload, createdAt) =>
      Number(append.run(type, JSON.stringify(payload), createdAt).lastInsertRowid),
    after: (id, limit) =>
      (after.all(id, limit) as (Omit<StoredEvent, 'payload'> & { payload: string })[]).map((e) => ({
        ...e,
        payload: JSON.parse(e.payload) as unknown,
      })),
    lastId: () => lastId.get() as number,
    pruneBefore: (createdAt) => prune.run(createdAt).changes,
  };
}

export function createIdempotencyRepository(db: Db): IdempotencyRepository {
  const get =
    db.prepare(`SELECT request_hash AS requestHash, status, response, created_at AS createdAt
    FROM idempotency_keys WHERE principal = ? AND key = ?`);
  // REPLACE: an expired record not yet pruned gives way to the new one.
  const put = db.prepare(`INSERT OR REPLACE INTO idempotency_keys
    (principal, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const prune = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  return {
    get: (principal, key) => (get.get(principal, key) as IdempotencyRecord | undefined) ?? null,
    put(principal, key, r: IdempotencyRecord) {
      put.run(principal, key, r.requestHash, r.status, r.response, r.createdAt);
    },
    pruneBefore: (createdAt) => prune.run(createdAt).changes,
  };
}
