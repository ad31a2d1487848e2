/**
 * The layers of src/ and what may import what, as data: the ESLint rule
 * `tipwire/layers` (eslint.config.js) enforces it, docs/ARCHITECTURE.md shows it.
 *
 * A folder (or a file directly in src/) has a rank; it may import only from
 * folders of a lower rank, never up and never sideways. Stage folders (the pure
 * cores of the pipeline's stages) are stricter: only `domain/` and their own
 * files (their own ports). A folder missing from the table is an error, so a new
 * folder is placed on purpose. Tests are exempt (a test may import what it tests
 * from anywhere).
 */
import path from 'node:path';

/** Rank per top-level folder of src/ (or root file, without .ts). */
export const LAYERS = {
  domain: 0,
  platform: 1,
  store: 2,
  protect: 3,
  access: 3,
  audit: 4,
  intake: 5,
  export: 5,
  incidents: 5,
  map: 5,
  pipeline: 6,
  cases: 6,
  admin: 6,
  retention: 6,
  server: 7,
  workers: 8,
  config: 9,
  runtime: 10,
  cli: 11,
};

/** Stage folders: pure rules, importing only `domain/` (and their own files). */
export const STAGE_FOLDERS = ['normalize', 'correlate', 'verify', 'notify'];
/** What a stage folder may import besides itself. */
export const STAGE_MAY_IMPORT = ['domain'];
/** Stage folders sit just above domain: everything from store upward may use them. */
const STAGE_RANK = 1.5;

export function rankOf(node) {
  if (STAGE_FOLDERS.includes(node)) return STAGE_RANK;
  return Object.hasOwn(LAYERS, node) ? LAYERS[node] : undefined;
}

/** The node of a path inside `srcRoot`: its top-level folder, or its own name for a root file. */
export function nodeOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.(ts|js|mjs)$/, '') : rel[0];
}

/** Why `from` may not import `to` (nodes), or null when it may. */
export function importProblem(from, to) {
  if (from === to) return null;
  const fromRank = rankOf(from);
  const toRank = rankOf(to);
  if (fromRank === undefined) return `src/${from} is not in the layer table (scripts/layers.mjs)`;
  if (toRank === undefined) return `src/${to} is not in the layer table (scripts/layers.mjs)`;
  if (STAGE_FOLDERS.includes(from) && !STAGE_MAY_IMPORT.includes(to)) {
    return `stage folder ${from}/ may import only ${STAGE_MAY_IMPORT.join(', ')}/ and its own ports, not ${to}/`;
  }
  if (toRank === fromRank)
    return `${from}/ may not import its sibling layer ${to}/ (both rank ${fromRank})`;
  if (toRank > fromRank)
    return `${from}/ (rank ${fromRank}) may not import ${to}/ (rank ${toRank}): layers import only downward`;
  return null;
}

/** The ESLint rule: relative imports (and re-exports, dynamic imports) across layers. */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports in src/ go only down the layers of scripts/layers.mjs' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const srcRoot = path.join(context.cwd ?? process.cwd(), 'src');
    if (!file.startsWith(srcRoot + path.sep) || /\.test\.ts$/.test(file)) return {};
    const from = nodeOf(srcRoot, file);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(srcRoot + path.sep)) return;
      const problem = importProblem(from, nodeOf(srcRoot, target));
      if (problem) context.report({ node: node.source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
