// After tsc: copies what tsc does not (the SQL migrations, next to the compiled store; the
// gazetteer's districts table),
// makes the CLI executable, and marks compiled files current. tsc builds incrementally
// (dist/.tsbuildinfo) and does not rewrite a file whose source text it finds unchanged,
// so a source that was only touched (saved again, checked out, restored by
// scripts/named-mutations.mjs) would look newer than its output for ever; the tests
// refuse a dist/ older than src/ (staleDist in test/helpers.ts). tsc has just checked
// each of these, so their time is set to now.
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

// The migrations are read by listing their folder: it is replaced whole, so a migration
// renamed or removed in src/ does not live on in dist/ and run twice.
rmSync('dist/store/sqlite/migrations', { recursive: true, force: true });
cpSync('src/store/sqlite/migrations', 'dist/store/sqlite/migrations', { recursive: true });
// The gazetteer's table of China's districts (scripts/cn-districts.mjs writes it).
cpSync('src/normalize/data/cn-districts.tsv', 'dist/normalize/data/cn-districts.tsv');
chmodSync('dist/cli/main.js', 0o755);

const now = new Date();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(source);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const built = path.join('dist', path.relative('src', source)).replace(/\.ts$/, '.js');
      if (existsSync(built) && statSync(built).mtimeMs < statSync(source).mtimeMs) {
        utimesSync(built, now, now);
      }
    }
  }
};
walk('src');
