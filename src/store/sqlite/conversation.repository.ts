/** A reporter's way back: receipts (hash of the secret only) and the sealed messages of a report. */
import type { MessageRepository, ReceiptRepository, StoredMessage } from '../store.js';
import type { Db } from './database.js';

export function createReceiptRepository(db: Db): ReceiptRepository {
  const insert = db.prepare(
    'INSERT INTO receipts (lookup, secret_hash, report_id, created_at) VALUES (?, ?, ?, ?)',
  );
  const get = db.prepare(
    'SELECT secret_hash AS secretHash, report_id AS reportId FROM receipts WHERE lookup = ?',
  );
  const forReport = db.prepare('SELECT lookup FROM receipts WHERE report_id = ?').pluck();
  return {
    insert(lookup, secretHash, reportId, createdAt) {
      insert.run(lookup, secretHash, reportId, createdAt);
    },
    get: (lookup) =>
      (get.get(lookup) as { secretHash: Buffer; reportId: string } | undefined) ?? null,
    forReport: (reportId) => forReport.all(reportId) as string[],
  };
}

export function createMessageRepository(db: Db): MessageRepository {
  const insert = db.prepare(`INSERT INTO report_messages
    (id, report_id, author, author_id, body_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const forReport = db.prepare(`SELECT id, report_id AS reportId, author, author_id AS authorId,
    body_sealed AS bodySealed, created_at AS createdAt
    FROM report_messages WHERE report_id = ? ORDER BY created_at, rowid`);
  return {
    insert(m) {
      insert.run(m.id, m.reportId, m.author, m.authorId, m.bodySealed, m.createdAt);
    },
    forReport: (reportId) => forReport.all(reportId) as StoredMessage[],
  };
}
