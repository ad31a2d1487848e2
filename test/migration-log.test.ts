/**
 * A start that upgrades an existing database says which migration it is applying, before
 * and after, at info: one can take minutes on a large database (015: 6 min per million
 * reports), and a silent start looks hung. A new database's migrations stay at debug.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, createRuntime } from '../src/runtime.js';
import { databaseBefore } from './database-before.js';
import { runCli, tempDir, testConfig } from './helpers.js';

function capturedLogger(level: 'info' | 'debug') {
  const lines: { level: number; msg: string; migration?: string; ms?: number }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: level }, sink) };
}

describe('migrations in the start-up log', () => {
  it('an upgraded database logs each migration at info, before and after, with its time', () => {
    const tmp = tempDir();
    try {
      databaseBefore(path.join(tmp.dir, 'tipwire.db'), '017').close();
      const { lines, logger } = capturedLogger('info');
      createRuntime(testConfig(tmp.dir), { logger }).close();
      const migrationLines = lines.filter((l) => l.migration !== undefined);
      expect(migrationLines.map((l) => [l.level, l.migration, l.msg])).toEqual([
        [30, '017_citywide_index.sql', expect.stringMatching(/^applying a schema migration/)],
        [30, '017_citywide_index.sql', 'schema migration applied'],
      ]);
      expect(migrationLines[1]?.ms).toBeGreaterThanOrEqual(0);
    } finally {
      tmp.cleanup();
    }
  });

  it('a new database logs its migrations at debug only', () => {
    const tmp = tempDir();
    try {
      const info = capturedLogger('info');
      createRuntime(testConfig(tmp.dir), { logger: info.logger }).close();
      expect(info.lines.filter((l) => l.migration !== undefined)).toEqual([]);

      const other = tempDir();
      try {
        const debug = capturedLogger('debug');
        createRuntime(testConfig(other.dir), { logger: debug.logger }).close();
        const migrationLines = debug.lines.filter((l) => l.migration !== undefined);
        expect(migrationLines[0]).toMatchObject({ level: 20, migration: '001_init.sql' });
        expect(migrationLines.every((l) => l.level === 20)).toBe(true);
      } finally {
        other.cleanup();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('the CLI, which logs only warnings, still tells an upgrade on stderr (export)', () => {
    const tmp = tempDir();
    try {
      const db = path.join(tmp.dir, 'old.db');
      databaseBefore(db, '017').close();
      const r = runCli(['export', 'reports', '--db', db]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      const told = r.stderr
        .split('\n')
        .filter((l) => l.includes('"migration"'))
        .map((l) => JSON.parse(l) as { migration: string; msg: string });
      expect(told.map((l) => [l.migration, l.msg.slice(0, 24)])).toEqual([
        ['017_citywide_index.sql', 'applying a schema migrat'],
        ['017_citywide_index.sql', 'schema migration applied'],
      ]);
      // Once applied, a second run says nothing of it.
      expect(runCli(['export', 'reports', '--db', db]).stderr).not.toContain('"migration"');
    } finally {
      tmp.cleanup();
    }
  });
});
