/**
 * A database file as an older tipwire left it: the checked-in migrations before
 * `migration` (a file name such as `011_list_filters.sql`, or its number) applied and
 * recorded, and no later one, for the tests of what a migration does to old rows.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/store/sqlite/migrations',
);

export function databaseBefore(file: string, migration: string): Database.Database {
  const db = new Database(file);
  db.exec(`CREATE TABLE schema_migrations (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  for (const name of readdirSync(MIGRATIONS).sort()) {
    if (!name.endsWith('.sql') || name >= migration) continue;
    const sql = readFileSync(path.join(MIGRATIONS, name), 'utf8');
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(
      name,
      createHash('sha256').update(sql).digest('hex'),
    );
  }
  return db;
}
