/**
 * Migration 015 on a database from before it: the text bands already stored keep their
 * reports, now with each report's received time, so a lookup in a window finds the old
 * rows as it does new ones — and only those of the window.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../../../test/database-before.js';
import { tempDir } from '../../../test/helpers.js';
import { createReportRepository } from './report.repository.js';
import { openDatabase } from './database.js';

describe('migration 015 (text bands by time)', () => {
  it('keeps the bands stored before it and finds them by received time', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'old.db');
      const old = databaseBefore(file, '015');
      const report = old.prepare(`INSERT INTO reports (id, channel, narrative, narrative_sealed,
        received_at, claims, text_sketch) VALUES (?, 'web', '', x'00ff', ?, '{}', x'0102')`);
      const band = old.prepare('INSERT INTO report_bands (band, report_id) VALUES (?, ?)');
      for (const [id, at] of [
        ['r_1', 1_000],
        ['r_2', 2_000],
        ['r_3', 3_000],
      ] as const) {
        report.run(id, at);
        band.run('0:aa', id);
      }
      band.run('1:bb', 'r_2');
      old.close();

      const db = openDatabase(file);
      expect(
        db.prepare('SELECT band, received_at, report_id FROM report_bands ORDER BY 1, 2, 3').all(),
      ).toEqual([
        { band: '0:aa', received_at: 1_000, report_id: 'r_1' },
        { band: '0:aa', received_at: 2_000, report_id: 'r_2' },
        { band: '0:aa', received_at: 3_000, report_id: 'r_3' },
        { band: '1:bb', received_at: 2_000, report_id: 'r_2' },
      ]);
      const reports = createReportRepository(db);
      const mates = (since: number, before: number) =>
        reports
          .sharingBands(['0:aa', '1:bb'], since, before, 'r_none', 10)
          .map((m) => m.reportId)
          .sort();
      // The window is [since, before): at each edge and one millisecond either side.
      expect(mates(2_000, 3_000)).toEqual(['r_2']);
      expect(mates(1_999, 3_001)).toEqual(['r_2', 'r_3']);
      expect(mates(2_001, 2_999)).toEqual([]);
      expect(mates(0, Number.MAX_SAFE_INTEGER)).toEqual(['r_1', 'r_2', 'r_3']);
      // The lookup is a range of the key, not a walk over every report of the band.
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT report_id FROM report_bands
           WHERE band = ? AND received_at >= ? AND received_at < ?`,
        )
        .all('0:aa', 0, 1)
        .map((r) => (r as { detail: string }).detail);
      expect(plan.join(' ')).toMatch(
        /PRIMARY KEY \(band=\? AND received_at>\? AND received_at<\?\)/,
      );
      // Bands written now carry the report's received time, 16 at most.
      db.prepare(
        `INSERT INTO reports (id, channel, narrative, narrative_sealed, received_at,
        claims, text_sketch) VALUES ('r_4', 'web', '', x'00ff', 4000, '{}', x'0102')`,
      ).run();
      reports.setBands('r_4', ['0:aa', ...Array.from({ length: 16 }, (_, i) => `${i + 1}:cc`)]);
      expect(
        db
          .prepare(
            `SELECT count(*) FROM report_bands WHERE report_id = 'r_4' AND received_at = 4000`,
          )
          .pluck()
          .get(),
      ).toBe(16);
      expect(mates(3_001, 4_001)).toEqual(['r_4']);
      // A report deleted (erasure) takes its bands with it.
      db.prepare('DELETE FROM reports WHERE id = ?').run('r_1');
      expect(db.prepare('SELECT count(*) FROM report_bands').pluck().get()).toBe(3 + 16);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
