/**
 * The layer rule is enforced: ESLint's `tipwire/layers` fails an upward, a
 * sideways and a stage folder's import, and passes a downward one; the folder
 * graph script finds a cycle and the tree has none.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';
// @ts-expect-error: a plain .mjs script without types
import { cycles } from '../scripts/folder-graph.mjs';
// @ts-expect-error: a plain .mjs script without types
import { importProblem, LAYERS, rankOf, STAGE_FOLDERS } from '../scripts/layers.mjs';

const eslint = new ESLint();

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'tipwire/layers').map((m) => m.message);
}

describe('tipwire/layers', () => {
  test('an upward import fails lint', async () => {
    const errors = await layerErrors(
      'src/store/probe.ts',
      "import { buildApp } from '../server/app.js';\nexport const x = buildApp;\n",
    );
    expect(errors).toEqual([
      'store/ (rank 2) may not import server/ (rank 7): layers import only downward',
    ]);
  });

  test('a re-export and a dynamic import count too', async () => {
    const errors = await layerErrors(
      'src/protect/probe.ts',
      "export { createCases } from '../cases/cases.service.js';\nexport const m = () => import('../runtime.js');\n",
    );
    expect(errors).toHaveLength(2);
  });

  test('a sibling of the same rank may not be imported', async () => {
    const errors = await layerErrors(
      'src/cases/probe.ts',
      "import { createAdmin } from '../admin/admin.service.js';\nexport const x = createAdmin;\n",
    );
    expect(errors).toEqual(['cases/ may not import its sibling layer admin/ (both rank 6)']);
  });

  test('a stage folder imports only domain/ and its own files', async () => {
    const bad = await layerErrors(
      'src/correlate/probe.ts',
      "import type { Store } from '../store/store.js';\nexport type S = Store;\n",
    );
    expect(bad).toEqual([
      'stage folder correlate/ may import only domain/ and its own ports, not store/',
    ]);
    const good = await layerErrors(
      'src/correlate/probe.ts',
      "import type { Report } from '../domain/report.js';\nimport { boundingBox } from './geo.js';\nexport type R = Report;\nexport const b = boundingBox;\n",
    );
    expect(good).toEqual([]);
  });

  test('a downward import passes', async () => {
    const errors = await layerErrors(
      'src/server/probe.ts',
      "import { createCases } from '../cases/cases.service.js';\nimport type { Store } from '../store/store.js';\nexport const c = createCases;\nexport type S = Store;\n",
    );
    expect(errors).toEqual([]);
  });

  test('a folder missing from the table is refused until it is placed', async () => {
    const errors = await layerErrors(
      'src/newthing/probe.ts',
      "import type { Report } from '../domain/report.js';\nexport type R = Report;\n",
    );
    expect(errors).toEqual(['src/newthing is not in the layer table (scripts/layers.mjs)']);
  });

  test('tests are exempt', async () => {
    const errors = await layerErrors(
      'src/store/probe.test.ts',
      "import { buildApp } from '../server/app.js';\nexport const x = buildApp;\n",
    );
    expect(errors).toEqual([]);
  });

  test('ranks: each stage folder sits below the store, each layer has a rank', () => {
    for (const stage of STAGE_FOLDERS) {
      expect(importProblem('store', stage)).toBeNull();
      expect(importProblem(stage, 'store')).not.toBeNull();
    }
    expect(importProblem('domain', 'platform')).not.toBeNull();
    expect(importProblem('platform', 'domain')).toBeNull();
  });

  test('every folder and root file of src/ has its place in the table', () => {
    const nodes = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => !d.name.endsWith('.test.ts'))
      .map((d) => (d.isDirectory() ? d.name : d.name.replace(/\.ts$/, '')));
    const unplaced = nodes.filter((n) => rankOf(n) === undefined);
    expect(unplaced).toEqual([]);
    // And nothing in the table that src/ no longer has.
    expect(Object.keys(LAYERS).filter((n) => !nodes.includes(n))).toEqual([]);
  });
});

describe('folder graph', () => {
  test('finds a cycle of three folders and none in a chain', () => {
    const edges = (pairs: string[]) => new Map(pairs.map((p) => [p, new Set(['f.ts'])]));
    expect(cycles(edges(['a -> b', 'b -> c', 'c -> a', 'c -> d']))).toEqual([['a', 'b', 'c']]);
    expect(cycles(edges(['a -> b', 'b -> c', 'c -> d']))).toEqual([]);
  });

  test('src/ has no folder cycle', () => {
    const out = execFileSync(process.execPath, ['scripts/folder-graph.mjs'], { encoding: 'utf8' });
    expect(out).toMatch(/no folder cycle\n$/);
  });
});
