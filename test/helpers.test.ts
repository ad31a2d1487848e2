/** The guard that keeps tests from running a stale build. */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleDist, tempDir } from './helpers.js';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: root, cleanup } = tempDir());
  mkdirSync(path.join(root, 'src/store/migrations'), { recursive: true });
  mkdirSync(path.join(root, 'dist/store/migrations'), { recursive: true });
});
afterEach(() => cleanup());

/** Writes a file with a given modification time (seconds since 1970). */
const file = (relative: string, seconds: number) => {
  const full = path.join(root, relative);
  writeFileSync(full, 'x');
  utimesSync(full, seconds, seconds);
};

describe('staleDist', () => {
  it('is empty when every compiled file is as new as its source, or newer', () => {
    file('src/a.ts', 1000);
    file('dist/a.js', 1000);
    file('src/store/migrations/001.sql', 1000);
    file('dist/store/migrations/001.sql', 2000);
    file('src/a.test.ts', 5000); // tests are not compiled into dist/
    file('src/a.fixture.ts', 5000); // nor their fixtures
    expect(staleDist(root)).toEqual([]);
  });

  it('names a source one second newer than its build, and a source never built', () => {
    file('src/a.ts', 1001);
    file('dist/a.js', 1000);
    file('src/store/migrations/002.sql', 1000);
    expect(staleDist(root).sort()).toEqual(['a.ts', 'store/migrations/002.sql']);
  });
});
