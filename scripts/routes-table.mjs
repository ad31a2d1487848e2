// Prints the README's route table from the OpenAPI document the app generates from
// its routes' own declarations (via dist/: run `npm run build` first). The app is
// built over a throw-away database. `node scripts/routes-table.mjs --write` updates
// README.md in place; test/openapi.test.ts checks that the two agree.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/config.js';
import { createHttpApp, createRuntime } from '../dist/runtime.js';
import { routesTable } from '../dist/server/openapi.js';
import { writeReadmeSection } from './readme-section.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-routes-'));
let table;
try {
  const runtime = createRuntime(
    loadConfig({ TIPWIRE_DB: path.join(dir, 'tipwire.db'), TIPWIRE_LOG_LEVEL: 'silent' }),
  );
  const app = await createHttpApp(runtime);
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  table = routesTable(res.json());
  await app.close();
  runtime.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--write')) {
  writeReadmeSection('<!-- routes:begin -->', '<!-- routes:end -->', table);
} else {
  console.log(table);
}
