import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../../../test/helpers.js';
import { databaseBefore } from '../../../test/database-before.js';
import { migrate, openDatabase, type MigrationEvent } from './database.js';

describe('openDatabase', () => {
  it('opens with WAL, synchronous=FULL and every migration applied once', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'sub', 't.db');
      const db = openDatabase(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(migrate(db)).toEqual([]);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a database built with a different version of a migration', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 't.db');
      const db = openDatabase(file);
      db.prepare(`UPDATE schema_migrations SET sha256 = 'x' WHERE name = '001_init.sql'`).run();
      db.close();
      expect(() => openDatabase(file)).toThrow(/different 001_init\.sql/);
    } finally {
      tmp.cleanup();
    }
  });

  it('tells before and after each migration it applies, as an upgrade on an existing file', () => {
    const tmp = tempDir();
    try {
      const old = databaseBefore(path.join(tmp.dir, 'old.db'), '016');
      const events: MigrationEvent[] = [];
      let clock = 0;
      // The clock moves 7 ms at each reading: each migration is read before and after.
      const applied = migrate(
        old,
        (e) => events.push(e),
        () => (clock += 7),
      );
      expect(applied).toEqual(['016_merged_index.sql', '017_citywide_index.sql']);
      expect(events).toEqual([
        { phase: 'start', name: '016_merged_index.sql', upgrade: true },
        { phase: 'done', name: '016_merged_index.sql', upgrade: true, ms: 7 },
        { phase: 'start', name: '017_citywide_index.sql', upgrade: true },
        { phase: 'done', name: '017_citywide_index.sql', upgrade: true, ms: 7 },
      ]);
      expect(migrate(old, (e) => events.push(e))).toEqual([]);
      expect(events).toHaveLength(4);
      old.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('tells a new file’s migrations as no upgrade, through openDatabase', () => {
    const tmp = tempDir();
    try {
      const events: MigrationEvent[] = [];
      const db = openDatabase(path.join(tmp.dir, 'new.db'), { onMigration: (e) => events.push(e) });
      const starts = events.filter((e) => e.phase === 'start');
      expect(starts[0]).toEqual({ phase: 'start', name: '001_init.sql', upgrade: false });
      expect(starts.length).toBeGreaterThanOrEqual(16);
      expect(events.every((e) => !e.upgrade)).toBe(true);
      expect(events.filter((e) => e.phase === 'done')).toHaveLength(starts.length);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
