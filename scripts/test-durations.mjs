// The slowest test files of the last `vitest run` (its JSON report, .tmp/vitest-report.json,
// written by vitest.config.ts), with their share of the summed file time:
//   node scripts/test-durations.mjs [--top 25] [--report path]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    top: { type: 'string', default: '25' },
    report: { type: 'string', default: '.tmp/vitest-report.json' },
  },
});
const report = JSON.parse(readFileSync(values.report, 'utf8'));
const files = report.testResults
  .map((t) => ({
    file: path.relative(process.cwd(), t.name),
    seconds: (t.endTime - t.startTime) / 1000,
    tests: t.assertionResults.length,
  }))
  .sort((a, b) => b.seconds - a.seconds);
const total = files.reduce((n, f) => n + f.seconds, 0);
console.log(`${files.length} files, ${total.toFixed(0)} s summed (files run two at a time)`);
for (const f of files.slice(0, Number(values.top))) {
  const share = ((f.seconds / total) * 100).toFixed(1);
  console.log(
    `${f.seconds.toFixed(1).padStart(7)} s  ${share.padStart(5)} %  ${String(f.tests).padStart(4)} tests  ${f.file}`,
  );
}
