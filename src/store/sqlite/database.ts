/**
 * Opens the embedded SQLite database: WAL journal, synchronous=FULL (a commit is
 * fsync'd before it returns), foreign keys on, and the checked-in migrations applied.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../../platform/make-dirs.js';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

/**
 * Statements prepared once per key, for SQL built from a query's shape (which filters,
 * which lead): `get(key, sql)` prepares `sql()` the first time a key is asked for.
 */
export function statementCache(db: Db) {
  const statements = new Map<string, Database.Statement>();
  return (key: string, sql: () => string): Database.Statement => {
    let stmt = statements.get(key);
    if (!stmt) {
      stmt = db.prepare(sql());
      statements.set(key, stmt);
    }
    return stmt;
  };
}

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** Milliseconds to wait for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** SQLite page cache in MiB (SQLite's own default is 2 MiB). */
  cacheMiB?: number;
  readonly?: boolean;
  /**
   * Told before and after each migration it applies. A migration can take minutes on a
   * large database (015 took 6 min per million reports), so a start that applies one
   * should say so rather than look hung.
   */
  onMigration?: (event: MigrationEvent) => void;
}

/**
 * One migration being applied. `upgrade`: the database already had migrations (an
 * existing file brought up to date, not a new one being created).
 */
export type MigrationEvent =
  | { phase: 'start'; name: string; upgrade: boolean }
  | { phase: 'done'; name: string; upgrade: boolean; ms: number };

export class DatabaseOpenError extends Error {
  readonly code = 'store.cannot_open';
}

/**
 * Opens (and creates, with its folder) the database file. Any failure to open, to
 * switch to WAL or to migrate names the file and the cause: SQLite's own messages
 * ("unable to open database file") say neither.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  let db: Db | undefined;
  try {
    if (file !== ':memory:' && !readonly) makeDirs(path.dirname(path.resolve(file)));
    db = new Database(file, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Deleted content is overwritten with zeros, not left in free pages (retention).
      db.pragma('secure_delete = ON');
      migrate(db, options.onMigration);
    }
    return db;
  } catch (err) {
    db?.close();
    throw new DatabaseOpenError(`cannot open the database ${file}: ${openFailure(err, file)}`);
  }
}

/** Why opening failed, in words an operator can act on. */
function openFailure(err: unknown, file: string): string {
  const e = err as Error & { code?: string };
  if (e.code === 'fs.directory') return e.message;
  const sqlite: Record<string, string> = {
    SQLITE_CANTOPEN: `the file or its folder (${path.dirname(path.resolve(file))}) cannot be opened or created (permissions?)`,
    SQLITE_READONLY: 'the file, its folder or its -wal/-shm files are read-only for this user',
    SQLITE_READONLY_DIRECTORY: 'its folder is read-only for this user',
    SQLITE_NOTADB: 'the file is not a SQLite database',
    SQLITE_CORRUPT: 'the file is damaged',
    SQLITE_FULL: 'the disk is full',
    SQLITE_IOERR: 'an I/O error occurred',
    SQLITE_BUSY: 'another process holds it locked',
    SQLITE_PERM: 'permission denied',
  };
  const known = e.code && (sqlite[e.code] ?? sqlite[e.code.replace(/_[A-Z]+$/, '')]);
  return known ?? e.message;
}

/**
 * Applies, in name order, every migration file not yet recorded, and refuses a
 * database whose recorded migrations differ from the files (a changed or unknown
 * migration): running on a schema we did not write would corrupt it quietly.
 */
export function migrate(
  db: Db,
  onMigration: (event: MigrationEvent) => void = () => {},
  now: () => number = () => performance.now(),
): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const rows = db.prepare('SELECT name, sha256 FROM schema_migrations').all() as {
    name: string;
    sha256: string;
  }[];
  const applied = new Map(rows.map((r) => [r.name, r.sha256]));
  const upgrade = applied.size > 0;
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
    onMigration({ phase: 'start', name: file, upgrade });
    const started = now();
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, sha256, applied_at) VALUES (?, ?, ?)').run(
        file,
        sha256,
        Date.now(),
      );
    })();
    onMigration({ phase: 'done', name: file, upgrade, ms: Math.round(now() - started) });
    done.push(file);
  }
  return done;
}
