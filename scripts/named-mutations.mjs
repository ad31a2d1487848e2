// The mutations F4b's issue names, planted one at a time by hand, each against the test
// that must notice it (`node scripts/named-mutations.mjs`; about a minute). For each: the
// file is changed, the named test runs, the file is put back. Exit 1 if a mutant survives
// or a mutation no longer applies (the code it names has moved). See TESTING.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';

/** file, the text to change, what it becomes, the test file and the test's name. */
const MUTATIONS = [
  {
    what: 'incident-state: the duration made exclusive (spread > duration → >=)',
    file: 'src/correlate/incident-state.ts',
    from: 'if (spread > duration + (e.handSpreadMeters > 0 ? before : 0)) return null;',
    to: 'if (spread >= duration + (e.handSpreadMeters > 0 ? before : 0)) return null;',
    test: 'src/correlate/incident-state.test.ts',
    name: 'fits when the spread of the intervals is exactly the duration',
  },
  {
    what: 'incident-state: the allowed distance made exclusive (distance > allowed → >=)',
    file: 'src/correlate/incident-state.ts',
    from: 'if (distance > allowed) return null;',
    to: 'if (distance >= allowed) return null;',
    test: 'src/correlate/incident-state.test.ts',
    name: 'fits a report exactly at the allowed distance',
  },
  {
    what: 'cluster-decision: the tie-break reversed (the newer incident wins a tie in fit)',
    file: 'src/correlate/cluster-decision.ts',
    from: 'a.score - b.score || a.c.seq - b.c.seq',
    to: 'a.score - b.score || b.c.seq - a.c.seq',
    test: 'src/correlate/cluster-decision.test.ts',
    name: 'breaks a tie in fit by the older incident',
  },
  {
    what: 'receipts route: the secret not checked (the lookup part alone opens the case)',
    file: 'src/server/routes/receipts.ts',
    from: 'stored && receiptMatches(parsed, stored) ?',
    to: 'stored ?',
    test: 'test/receipts.test.ts',
    name: 'refuses a real lookup with a wrong secret',
  },
  {
    what: 'completeness: two weights swapped (when 0.25 ↔ what 0.2)',
    file: 'src/normalize/completeness.ts',
    from: 'weights: { when: 0.25, where: 0.25, what: 0.2,',
    to: 'weights: { when: 0.2, where: 0.25, what: 0.25,',
    test: 'src/normalize/completeness.test.ts',
    name: 'each with the weight the table gives',
  },
  {
    what: 'completeness: a vague "who" scoring 1',
    file: 'src/normalize/completeness.ts',
    from: '? facts.who.vague\n        ? floor\n',
    to: '? facts.who.vague\n        ? 1\n',
    test: 'src/normalize/completeness.test.ts',
    name: 'scores a vague "who" the floor',
  },
  {
    what: 'completeness: howKnown "other" 0.5 → 1',
    file: 'src/normalize/completeness.ts',
    from: 'sensor: 1, other: 0.5 }',
    to: 'sensor: 1, other: 1 }',
    test: 'src/normalize/completeness.test.ts',
    name: 'scores every way of knowing 1 except "other"',
  },
  {
    what: 'time: a period starting in a DST gap takes the later reading',
    file: 'src/normalize/time.ts',
    from: 'from: start[0]!.at,',
    to: 'from: start[start.length - 1]!.at,',
    test: 'src/normalize/time.rules.test.ts',
    name: 'starts at the earlier reading of its start',
  },
];

/** 'passed' when the named test ran and passed, 'failed' when it ran and failed, else 'none'. */
function runTest(m) {
  const r = spawnSync('npx', ['vitest', 'run', m.test, '-t', m.name], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const tests = /Tests\s+(.*)/.exec(r.stdout)?.[1] ?? '';
  if (/\d+ failed/.test(tests)) return 'failed';
  return r.status === 0 && /[1-9]\d* passed/.test(tests) ? 'passed' : 'none';
}

let failed = 0;
for (const m of MUTATIONS) {
  const original = readFileSync(m.file, 'utf8');
  const times = statSync(m.file);
  if (original.split(m.from).length !== 2) {
    console.log(`NOT APPLIED  ${m.what}: "${m.from}" is not once in ${m.file}`);
    failed++;
    continue;
  }
  // The control: the named test passes on the code as it is (so it exists and runs).
  const control = runTest(m);
  writeFileSync(m.file, original.replace(m.from, m.to));
  let mutated;
  try {
    mutated = runTest(m);
  } finally {
    writeFileSync(m.file, original);
    utimesSync(m.file, times.atime, times.mtime); // as it was: no rebuild needed
  }
  const verdict =
    control !== 'passed' ? 'NO CONTROL' : mutated === 'failed' ? 'KILLED' : 'SURVIVED';
  console.log(`${verdict.padEnd(10)}  ${m.what}\n            by ${m.test} › "${m.name}…"`);
  if (verdict !== 'KILLED') failed++;
}
process.exitCode = failed ? 1 : 0;
