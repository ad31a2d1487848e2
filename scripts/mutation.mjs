// Mutation testing of the pure cores (see stryker.config.mjs and TESTING.md).
//
//   npm run test:mutation                  every core file (incremental: results of
//                                          unchanged code and tests are reused)
//   npm run test:mutation -- --changed     only the core files changed since HEAD
//   npm run test:mutation -- --changed main  … since another commit
//   npm run test:mutation -- --files src/correlate/join-incident.ts,src/protect/receipt.ts
//   npm run test:mutation -- --summary     the score per folder of the last report
//   npm run test:mutation -- --security    the security checks at the HTTP edge
//                                          (stryker.security.config.mjs)
//
// Reports: reports/mutation/index.html and mutation.json (git-ignored).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORES, NOT_CORES } from '../stryker.config.mjs';

const REPORT = 'reports/mutation/mutation.json';
const args = process.argv.slice(2);

/** Whether a path is one of the core files stryker.config.mjs names (globs of two forms). */
function isCore(file) {
  const toRegex = (glob) =>
    new RegExp(
      '^' +
        glob
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\//g, '(?:.*/)?')
          .replace(/\*\*/g, '.*')
          .replace(/\*/g, '[^/]*') +
        '$',
    );
  const included = CORES.some((g) => toRegex(g).test(file));
  const excluded = NOT_CORES.some((g) => toRegex(g.slice(1)).test(file));
  return included && !excluded;
}

/** Killed, timed-out, survived, uncovered per folder, from Stryker's JSON report. */
export function summarize(report) {
  const folders = new Map();
  const undetected = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = path.dirname(file).replace(/^src\//, '') + '/';
    const f = folders.get(folder) ?? {
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      errors: 0,
    };
    for (const m of mutants) {
      if (m.status === 'Killed') f.killed += 1;
      else if (m.status === 'Timeout') f.timeout += 1;
      else if (m.status === 'Survived') f.survived += 1;
      else if (m.status === 'NoCoverage') f.noCoverage += 1;
      else f.errors += 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        undetected.push({ file, line: m.location.start.line, mutator: m.mutatorName });
      }
    }
    folders.set(folder, f);
  }
  const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce(
    (t, [, f]) => {
      for (const k of Object.keys(t)) t[k] += f[k];
      return t;
    },
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 },
  );
  // Stryker's score: detected / (detected + undetected); errors do not count.
  const score = (f) =>
    (100 * (f.killed + f.timeout)) / Math.max(1, f.killed + f.timeout + f.survived + f.noCoverage);
  return {
    rows: rows.map(([folder, f]) => ({ folder, ...f, score: score(f) })),
    total: { ...total, score: score(total) },
    undetected,
  };
}

function printSummary() {
  if (!existsSync(REPORT)) throw new Error(`no report at ${REPORT}: run npm run test:mutation`);
  const { rows, total } = summarize(JSON.parse(readFileSync(REPORT, 'utf8')));
  console.log('| folder | score | killed | timeout | survived | no coverage |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...rows, { folder: '**all cores**', ...total }]) {
    console.log(
      `| ${r.folder} | ${r.score.toFixed(1)} % | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} |`,
    );
  }
}

function changedCores(base) {
  const out = execFileSync('git', ['diff', '--name-only', base, '--', 'src'], { encoding: 'utf8' });
  const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', 'src'], {
    encoding: 'utf8',
  });
  return [...out.split('\n'), ...untracked.split('\n')].filter(Boolean).filter(isCore);
}

function run(extra) {
  const [config, ...rest] = extra[0]?.endsWith('.mjs') ? extra : ['stryker.config.mjs', ...extra];
  const r = spawnSync('npx', ['stryker', 'run', config, ...rest], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

if (args.includes('--summary')) {
  printSummary();
} else if (args.includes('--security')) {
  run(['stryker.security.config.mjs']);
} else if (args.includes('--changed')) {
  const at = args.indexOf('--changed');
  const base = args[at + 1] && !args[at + 1].startsWith('--') ? args[at + 1] : 'HEAD';
  const files = changedCores(base);
  if (files.length === 0) {
    console.log(`no core file changed since ${base}`);
  } else {
    console.log(`mutating ${files.length} changed core file(s): ${files.join(', ')}`);
    run(['--mutate', files.join(',')]);
  }
} else if (args.includes('--files')) {
  const files = args[args.indexOf('--files') + 1].split(',').filter(Boolean);
  const outside = files.filter((f) => !isCore(f));
  if (outside.length > 0) console.warn(`not core files (mutated anyway): ${outside.join(', ')}`);
  run(['--mutate', files.join(',')]);
} else {
  run([]);
}
