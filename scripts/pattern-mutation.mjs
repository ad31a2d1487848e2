#!/usr/bin/env node
// Mutation testing for a table of patterns, where Stryker is too slow: a pattern table
// built when its module loads makes every mutant "static" (each one runs every test), so
// Stryker estimated 4 h 17 min for event-kind.ts's 927 mutants on 2 cores. This script
// makes one mutant per pattern instead: it deletes one line that holds a single string
// or template literal of an array (`'漏气',`, `` `fell ${gap(2)}down`, ``), runs the given
// test file, and counts the mutant killed when the tests fail. A survivor is a pattern
// no test needs: untested, or redundant with another.
//
//   node scripts/pattern-mutation.mjs --file src/correlate/event-kind.ts \
//     --test src/correlate/event-kind.test.ts [--since <git rev>]
//
// --since: only lines not in the file at that revision (the patterns a change added).
// The file is restored at the end, also on Ctrl-C. Exit 1 when a mutant survives.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { file: { type: 'string' }, test: { type: 'string' }, since: { type: 'string' } },
});
if (!values.file || !values.test) {
  console.error('usage: pattern-mutation.mjs --file <source> --test <test file> [--since <rev>]');
  process.exit(2);
}
const file = values.file;
const original = readFileSync(file, 'utf8');
const before = values.since
  ? new Set(
      execFileSync('git', ['show', `${values.since}:${file}`], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim()),
    )
  : new Set();

const LITERAL = /^(?:'[^']*'|"[^"]*"|`[^`]*`),$/;
const lines = original.split('\n');
const targets = lines
  .map((line, i) => ({ i, text: line.trim() }))
  .filter(({ text }) => LITERAL.test(text) && !before.has(text));

const restore = () => writeFileSync(file, original);
process.on('SIGINT', () => {
  restore();
  process.exit(130);
});

console.log(`${targets.length} mutants in ${file}`);
const survivors = [];
try {
  for (const { i, text } of targets) {
    writeFileSync(file, [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
    const run = spawnSync('npx', ['vitest', 'run', values.test, '--reporter=dot'], {
      encoding: 'utf8',
    });
    const killed = run.status !== 0;
    if (!killed) survivors.push({ line: i + 1, text });
    console.log(`${killed ? 'killed  ' : 'SURVIVED'} ${i + 1}: ${text.slice(0, 100)}`);
  }
} finally {
  restore();
}
console.log(`${targets.length - survivors.length} killed, ${survivors.length} survived`);
for (const s of survivors) console.log(`  ${s.line}: ${s.text}`);
process.exit(survivors.length > 0 ? 1 : 0);
