/**
 * Migration 010 on a database from before it, where a resend was stored as a second
 * report: the senders it can know are set on the first report of each externalId only,
 * so the unique index holds and the duplicates stay reports of their own.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../../../test/database-before.js';
import { tempDir } from '../../../test/helpers.js';
import { openDatabase } from './database.js';

function insertReport(
  db: Database.Database,
  id: string,
  externalId: string | null,
  submittedBy: string | null,
) {
  db.prepare(
    `INSERT INTO reports (id, external_id, channel, narrative, narrative_sealed, received_at,
      claims, submitted_by) VALUES (?, ?, 'web', '', x'00ff', 0, '{}', ?)`,
  ).run(id, externalId, submittedBy);
}

describe('migration 010 (report versions)', () => {
  it('sets the sender of the first of duplicate reports only, and keeps every report', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'old.db');
      const old = databaseBefore(file, '010');
      // A partner's report sent twice, an import's line imported twice (its line keys
      // still held), a public report, and an import whose line keys expired.
      insertReport(old, 'r_api_1', 'p-1', 'token:t_1');
      insertReport(old, 'r_api_2', 'p-1', 'token:t_1');
      insertReport(old, 'r_other', 'p-1', 'token:t_2');
      insertReport(old, 'r_imp_1', 'f-1', null);
      insertReport(old, 'r_imp_2', 'f-1', null);
      insertReport(old, 'r_public', 'f-1', null);
      insertReport(old, 'r_expired', 'f-3', null);
      insertReport(old, 'r_plain', null, 'token:t_1');
      for (const [key, id] of [
        ['line:a', 'r_imp_1'],
        ['line:b', 'r_imp_2'],
      ]) {
        old
          .prepare(`INSERT INTO idempotency_keys VALUES ('import', ?, ?, 201, ?, 0)`)
          .run(key, key, JSON.stringify({ id }));
      }
      old.close();

      const db = openDatabase(file);
      const rows = db.prepare('SELECT id, sender, version FROM reports ORDER BY seq').all() as {
        id: string;
        sender: string | null;
        version: number;
      }[];
      expect(rows.map((r) => [r.id, r.sender])).toEqual([
        ['r_api_1', 'token:t_1'],
        ['r_api_2', null],
        ['r_other', 'token:t_2'],
        ['r_imp_1', 'import'],
        ['r_imp_2', null],
        ['r_public', null],
        ['r_expired', null],
        ['r_plain', null],
      ]);
      expect(rows.every((r) => r.version === 1)).toBe(true);
      // The index now refuses another report of a sender under one of its externalIds.
      expect(() =>
        db
          .prepare(
            `INSERT INTO reports (id, external_id, channel, narrative, received_at, claims, sender)
             VALUES ('r_new', 'p-1', 'web', '', 0, '{}', 'token:t_1')`,
          )
          .run(),
      ).toThrow(/UNIQUE/);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
