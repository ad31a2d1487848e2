#!/usr/bin/env node
/**
 * The folder import graph of src/: which top-level folder imports which, and any
 * cycle between folders. `npm run lint` runs it and fails on a cycle.
 *
 *   node scripts/folder-graph.mjs           # prints the edges, fails on a cycle
 *   node scripts/folder-graph.mjs --quiet   # prints only cycles
 *
 * A file directly in src/ (config.ts, runtime.ts) is its own node. Type-only
 * imports count: a cycle of types is still a cycle of knowledge. Tests are left
 * out (a test may import from anywhere it tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeOf as nodeIn } from './layers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every .ts file under `dir` except tests. */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** The node a file belongs to: its top-level folder under src/, or its own name. */
export const nodeOf = (file) => nodeIn(root, file);

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Edges `from → to` with the files that make each one. */
export function folderGraph(files = sources(root)) {
  const edges = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(root + path.sep)) continue;
      const from = nodeOf(file);
      const to = nodeOf(target.replace(/\.js$/, '.ts'));
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      if (!edges.has(key)) edges.set(key, new Set());
      edges.get(key).add(path.relative(root, file));
    }
  }
  return edges;
}

/** Strongly connected components with more than one node (Tarjan). */
export function cycles(edges) {
  const adj = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ');
    if (!adj.has(a)) adj.set(a, []);
    if (!adj.has(b)) adj.set(b, []);
    adj.get(a).push(b);
  }
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of adj.get(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quiet = process.argv.includes('--quiet');
  const edges = folderGraph();
  if (!quiet) {
    for (const [key, files] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`${key}  (${[...files].sort().join(', ')})`);
    }
  }
  const found = cycles(edges);
  for (const comp of found) {
    console.error(`folder cycle: ${comp.join(', ')}`);
    for (const [key, files] of edges) {
      const [a, b] = key.split(' -> ');
      if (comp.includes(a) && comp.includes(b))
        console.error(`  ${key}  (${[...files].join(', ')})`);
    }
  }
  if (found.length > 0) process.exit(1);
  if (!quiet) console.log('no folder cycle');
}
