/**
 * Migration 016 on a database from before it: merged incidents are found through an
 * index when what was merged into one is pointed at its survivor (no scan of every
 * incident on each merge), and the pointing still moves exactly those.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../../../test/database-before.js';
import { tempDir } from '../../../test/helpers.js';
import { createIncidentRepository } from './incident.repository.js';
import { openDatabase } from './database.js';

describe('migration 016 (merged incidents by index)', () => {
  it('points what was merged into an absorbed incident at the survivor, through the index', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'old.db');
      const old = databaseBefore(file, '016');
      const incident = old.prepare(`INSERT INTO incidents (id, start_at, end_at, created_at,
        updated_at, merged_into) VALUES (?, 0, 1, 0, 0, ?)`);
      incident.run('i_a', null);
      incident.run('i_b', null);
      incident.run('i_old', 'i_b');
      incident.run('i_other', 'i_a');
      old.close();

      const db = openDatabase(file);
      const plan = db
        .prepare('EXPLAIN QUERY PLAN UPDATE incidents SET merged_into = ? WHERE merged_into = ?')
        .all('i_a', 'i_b')
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
      expect(plan).toMatch(/USING (COVERING )?INDEX incidents_merged_into/);
      createIncidentRepository(db).absorb('i_b', 'i_a', 5);
      const mergedInto = db.prepare('SELECT id, merged_into FROM incidents ORDER BY id').all() as {
        id: string;
        merged_into: string | null;
      }[];
      expect(mergedInto).toEqual([
        { id: 'i_a', merged_into: null },
        { id: 'i_b', merged_into: 'i_a' },
        { id: 'i_old', merged_into: 'i_a' },
        { id: 'i_other', merged_into: 'i_a' },
      ]);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
