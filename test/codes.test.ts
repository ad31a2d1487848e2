/**
 * Flag codes are written once, in src/domain/flags.ts. The compiler catches a
 * misspelt `FLAG.x.y` or `FlagCode`; this test catches the other way back in: a
 * bare string literal shaped like a flag (`'time.zone_unknown'`) anywhere in src/
 * outside the catalogue and the tests, read with TypeScript's own parser so that
 * comments and longer texts that merely mention a code do not count. The workbench
 * app (web/src/) may name a flag only if the catalogue has it, and keeps no copy of the
 * catalogue's texts: it shows them from GET /api/v1/meta.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FLAG_FAMILIES, isFlagCode } from '../src/domain/flags.js';
import { metaAnswer } from '../src/server/routes/meta.js';
import { ROOT } from './helpers.js';
import { namespaces } from '../web/src/messages.js';

const CATALOGUE = 'src/domain/flags.ts';
/** Families the verify stage (F8) will add: a bare `'exif.…'` must not slip in before them. */
const COMING_FAMILIES = ['exif', 'sun'];
const FAMILIES = [...FLAG_FAMILIES, ...COMING_FAMILIES];
const FLAG_LIKE = new RegExp(`^(?:${FAMILIES.join('|')})\\.[a-z0-9_]*$`);
/** Codes shaped like a flag that are not one: audit actions (`attachment.read`, before F8's `attachment.rejected`). */
const NOT_FLAGS = new Set(['attachment.read']);

/** `path:line: 'literal'` for every string literal (or template start) shaped like a flag. */
function bareFlagLiterals(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node)) &&
      FLAG_LIKE.test(node.text) &&
      !NOT_FLAGS.has(node.text)
    ) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
      found.push(`${file}:${line}: '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** Every string literal and JSX text of a file (trimmed), with its line. */
function textsOf(file: string, source: string): { line: number; text: string }[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isJsxText(node)
    ) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
      found.push({ line, text: node.text.trim() });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** The catalogue's texts in both languages (flag meanings and every label), but not its codes. */
function catalogueTexts(): Set<string> {
  const meta = metaAnswer();
  const codes = new Set<string>();
  const texts = new Set<string>();
  const add = (code: string, item: { en: string; zh: string }) => {
    codes.add(code);
    texts.add(item.en);
    texts.add(item.zh);
  };
  for (const [code, item] of Object.entries(meta.flags)) add(code, item);
  for (const [code, item] of Object.entries(meta.eventKinds)) add(code, item);
  for (const list of [
    meta.flagFamilies,
    meta.severities,
    meta.statuses,
    meta.queues,
    meta.stages,
    meta.channels,
    meta.howKnown,
    meta.roles,
  ])
    for (const item of list) add(item.code, item);
  for (const code of codes) texts.delete(code);
  return texts;
}

describe('the scan for bare flag codes', () => {
  it('finds a flag written as a string, in quotes or backticks, and names its line', () => {
    const source = [
      "const a = 'time.zone_unknown';",
      'flags.push(`place.swapped`);',
      'const c = `exif.${name}`;',
      'const d = "abuse.repeat_dialer";',
    ].join('\n');
    expect(bareFlagLiterals('x.ts', source)).toEqual([
      "x.ts:1: 'time.zone_unknown'",
      "x.ts:2: 'place.swapped'",
      "x.ts:3: 'exif.'",
      "x.ts:4: 'abuse.repeat_dialer'",
    ]);
  });

  it('ignores comments, codes mentioned in longer texts, and other dotted names', () => {
    const source = [
      '/** Flags `time.zone_unknown` when … */',
      "// flags.push('time.future')",
      "const help = 'flagged time.future when it is later';",
      "const action = 'report.status_changed';",
      'flags.push(FLAG.time.future);',
    ].join('\n');
    expect(bareFlagLiterals('x.ts', source)).toEqual([]);
  });
});

describe('flag codes in the code base', () => {
  it('are written only in the catalogue: nowhere else in src/ as a bare string', () => {
    const files = sourceFiles('src').filter((f) => f !== CATALOGUE);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) =>
      bareFlagLiterals(f, readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(found, 'use FLAG.family.name (src/domain/flags.ts) instead').toEqual([]);
  });

  it('the catalogue itself is where the codes are (the scan would see them there)', () => {
    const own = bareFlagLiterals(CATALOGUE, readFileSync(path.join(ROOT, CATALOGUE), 'utf8'));
    expect(own.length).toBeGreaterThan(10);
  });

  it('the workbench app names only flags the catalogue has', () => {
    const files = sourceFiles('web/src');
    expect(files.length).toBeGreaterThan(10);
    const named = files.flatMap((f) =>
      bareFlagLiterals(f, readFileSync(path.join(ROOT, f), 'utf8')).map((hit) => ({
        hit,
        code: hit.slice(hit.indexOf("'") + 1, -1),
      })),
    );
    // Sanity: the app does name some (the time it could not read, the zone it does not know).
    expect(named.length).toBeGreaterThan(0);
    // Keys of the app's own message catalogues (`t('place.none')`) are not flag codes.
    const keys = new Set(
      Object.values(namespaces).flatMap((c) => [...Object.keys(c.en), ...Object.keys(c.zh)]),
    );
    for (const { hit, code } of named)
      if (!keys.has(code)) expect(isFlagCode(code), hit).toBe(true);
  });

  it('the workbench app keeps no copy of the catalogue’s texts', () => {
    const texts = catalogueTexts();
    expect(texts.size).toBeGreaterThan(50);
    const copies = sourceFiles('web/src').flatMap((f) =>
      textsOf(f, readFileSync(path.join(ROOT, f), 'utf8'))
        // A word or two that happens to equal a short label ("时间", "地点", "Office") is
        // the app's own wording, not a copy: only texts of five characters or more count.
        .filter((t) => [...t.text].length >= 5 && texts.has(t.text))
        .map((t) => `${f}:${t.line}: '${t.text}'`),
    );
    expect(copies, 'label codes with meta.ts (labelOf, flagText, kindText)').toEqual([]);
  });
});
