import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The third-party fixtures (`../shared/fixtures/`, README there): `TIPWIRE_SHARED_FIXTURES`
 * if set, else `../shared/fixtures` beside the project or beside the nearest folder above it
 * that has one (the mutation runner copies the project one level down), else the
 * development and CI machines' `/work/shared/fixtures` (a clone elsewhere, such as CI's).
 */
export function sharedFixtures(from = ROOT): string {
  const env = process.env.TIPWIRE_SHARED_FIXTURES;
  if (env) return path.resolve(env);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.resolve(dir, '../shared/fixtures');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  const machine = '/work/shared/fixtures';
  if (existsSync(machine)) return machine;
  throw new Error(
    'the shared fixtures are not found: set TIPWIRE_SHARED_FIXTURES to the fixtures folder',
  );
}
