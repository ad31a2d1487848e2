/**
 * Creating a folder and its missing parents, failing fast with the path named.
 * Node 20's `mkdirSync(dir, { recursive: true })` loops for ever where a parent
 * exists but refuses children with ENOENT (`/proc/nope/t.db` spun at 90 % CPU), so
 * each missing level is made on its own, outermost first.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export class DirectoryError extends Error {
  readonly code = 'fs.directory';
}

export function makeDirs(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw explain(err, at, dir);
      missing.push(at);
      if (path.dirname(at) === at) break;
      continue;
    }
    if (!isDir) throw new DirectoryError(`cannot create ${dir}: ${at} is not a folder`);
    break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw explain(err, level, dir);
    }
  }
}

function explain(err: unknown, at: string, dir: string): DirectoryError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'the file system does not allow creating it',
    ENOTDIR: 'a parent is not a folder',
    ENOSPC: 'no space left on the device',
  };
  return new DirectoryError(`cannot create ${dir}: ${why[code] ?? code} (at ${at})`);
}
