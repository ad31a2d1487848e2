/**
 * Opens the embedded SQLite database: WAL journal, synchronous=FULL (a commit is
 * fsync'd before it returns), foreign keys on, and the checked-in migrations applied.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** Milliseconds to wait for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** SQLite page cache in MiB (SQLite's own default is 2 MiB). */
  cacheMiB?: number;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted content is overwritten with zeros, not left in free pages (retention).
    db.pragma('secure_delete = ON');
    migrate(db);
  }
  return db;
}

/**
 * Applies, in name order, every migration file not yet recorded, and refuses a
 * database whose recorded migrations differ from the files (a changed or unknown
 * migration): running on a schema we did not write would corrupt it quietly.
 */
export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const rows = db.prepare('SELECT name, sha256 FROM schema_migrations').all() as {
    name: string;
    sha256: string;
  }[];
  const applied = new Map(rows.map((r) => [r.name, r.sha256]));
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const name of applied.keys()) {
    if (!files.includes(name)) {
      throw new Error(
        `the database has migration ${name}, which this version of tipwire does not know`,
      );
    }
  }
  const done: string[] = [];
  for (const file of files) {
    const sql = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    const sha256 = createHash('sha256').update(sql).digest('hex');
    const recorded = applied.get(file);
    if (recorded !== undefined) {
      if (recorded !== sha256) {
        throw new Error(
          `the database was built with a different ${file} (a pre-release schema?): export it and import into a new database`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, sha256, applied_at) VALUES (?, ?, ?)').run(
        file,
        sha256,
        Date.now(),
      );
    })();
    done.push(file);
  }
  return done;
}
