import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../../../test/helpers.js';
import { migrate, openDatabase } from './database.js';

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
});
