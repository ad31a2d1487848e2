/**
 * The audit trail in SQLite (table `audit_log`, migration 002): append-only rows,
 * read newest first with filters, or oldest first in chunks for verification.
 */
import type { StoredAuditRecord } from '../../domain/audit.js';
import type { AuditQuery, AuditRepository } from '../store.js';
import type { Db } from './database.js';

const COLUMNS = `seq, at, actor, action, target, reason, details AS detailsJson, hash`;
const FILTERS = {
  actor: 'actor = @actor',
  action: 'action = @action',
  target: 'target = @target',
  since: 'at >= @since',
  until: 'at < @until',
  after: 'seq < @after',
} as const;
type Filter = keyof typeof FILTERS;

export function createAuditRepository(db: Db): AuditRepository {
  // The next seq continues SQLite's AUTOINCREMENT counter, not max(seq): a record
  // appended after the newest ones were deleted leaves a gap that verify reports.
  const nextSeq = db
    .prepare(
      `SELECT max(
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),
        coalesce((SELECT max(seq) FROM audit_log), 0)) + 1`,
    )
    .pluck();
  const last = db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`);
  const get = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq = ?`);
  const insert = db.prepare(`INSERT INTO audit_log
    (seq, at, actor, action, target, reason, details, hash)
    VALUES (@seq, @at, @actor, @action, @target, @reason, @detailsJson, @hash)`);
  const chunk = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
  const lists = new Map<string, ReturnType<Db['prepare']>>();

  // better-sqlite3 turns a nested call into a savepoint; IMMEDIATE takes the write
  // lock before reading the newest record when no transaction is open yet.
  const appendTx = db.transaction(
    (build: Parameters<AuditRepository['append']>[0]): StoredAuditRecord => {
      const seq = nextSeq.get() as number;
      const record = build({ seq, prev: (last.get() as StoredAuditRecord | undefined) ?? null });
      if (record.seq !== seq)
        throw new Error(`audit record built as ${record.seq}, expected ${seq}`);
      insert.run(record);
      return record;
    },
  );

  function listStatement(filters: Filter[]) {
    const sig = filters.join(',');
    let stmt = lists.get(sig);
    if (!stmt) {
      const where = filters.length ? `WHERE ${filters.map((f) => FILTERS[f]).join(' AND ')}` : '';
      stmt = db.prepare(`SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY seq DESC LIMIT @limit`);
      lists.set(sig, stmt);
    }
    return stmt;
  }

  return {
    append: (build) => appendTx.immediate(build),
    get: (seq) => (get.get(seq) as StoredAuditRecord | undefined) ?? null,
    last: () => (last.get() as StoredAuditRecord | undefined) ?? null,
    list(query: AuditQuery) {
      const params: Record<string, string | number> = { limit: query.limit + 1 };
      const filters: Filter[] = [];
      for (const f of Object.keys(FILTERS) as Filter[]) {
        const value = query[f];
        if (value === undefined) continue;
        filters.push(f);
        params[f] = value;
      }
      const rows = listStatement(filters).all(params) as StoredAuditRecord[];
      const items = rows.slice(0, query.limit);
      return {
        items,
        next: rows.length > query.limit ? (items[items.length - 1]?.seq ?? null) : null,
      };
    },
    *iterate(chunkSize = 1000) {
      let after = 0;
      for (;;) {
        const rows = chunk.all(after, chunkSize) as StoredAuditRecord[];
        yield* rows;
        if (rows.length < chunkSize) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    inTransaction: () => db.inTransaction,
  };
}
