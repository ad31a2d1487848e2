// Copies what tsc does not: the SQL migrations, next to the compiled store.
import { cpSync } from 'node:fs';
cpSync('src/store/sqlite/migrations', 'dist/store/sqlite/migrations', { recursive: true });
import { chmodSync } from 'node:fs';
chmodSync('dist/cli/main.js', 0o755);
