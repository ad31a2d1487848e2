/**
 * Migration 011 on a database from before it: the flags reports already carry and the
 * kinds of the open incidents are copied into the tables the filters read, so that the
 * lists filter the old rows as they do new ones; merged incidents are left out.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../../../test/database-before.js';
import { tempDir } from '../../../test/helpers.js';
import { createIncidentRepository } from './incident.repository.js';
import { createReportRepository } from './report.repository.js';
import { openDatabase } from './database.js';

describe('migration 011 (list filters)', () => {
  it('lists the reports and incidents stored before it by their flags and kinds', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'old.db');
      const old = databaseBefore(file, '011');
      const report = old.prepare(`INSERT INTO reports (id, channel, narrative, narrative_sealed,
        received_at, claims, flags) VALUES (?, 'web', '', x'00ff', ?, '{}', ?)`);
      report.run('r_1', 10, JSON.stringify(['time.future', 'time.zone_assumed']));
      report.run('r_2', 20, JSON.stringify(['time.future']));
      report.run('r_3', 30, '[]');
      const incident = old.prepare(`INSERT INTO incidents (id, start_at, end_at, created_at,
        updated_at, last_activity, kind, confidence, merged_into) VALUES (?, 0, 1, 0, ?, ?, ?, ?, ?)`);
      incident.run('i_1', 5, 5, 'fire,explosion', 0.5, null);
      incident.run('i_2', 6, null, 'fire', null, null);
      incident.run('i_3', 7, 7, 'fire', 0.9, 'i_1');
      incident.run('i_4', 8, 8, null, null, null);
      old.close();

      const db = openDatabase(file);
      const reports = createReportRepository(db);
      const listed = (flag: 'time.future' | 'time.zone_assumed') =>
        reports.listNewest(10, undefined, { flag }).items.map((r) => r.id);
      expect(listed('time.future')).toEqual(['r_2', 'r_1']);
      expect(listed('time.zone_assumed')).toEqual(['r_1']);

      const incidents = createIncidentRepository(db);
      const kind = (k: 'fire' | 'explosion', sort: 'lastActivity' | 'confidence') =>
        incidents.list({ sort, kind: k }, 10, null).items.map((i) => i.id);
      // i_2 has no last activity (its updated_at counts) and no confidence (0).
      expect(kind('fire', 'lastActivity')).toEqual(['i_2', 'i_1']);
      expect(kind('fire', 'confidence')).toEqual(['i_1', 'i_2']);
      expect(kind('explosion', 'lastActivity')).toEqual(['i_1']);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
